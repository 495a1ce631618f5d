"""Weights files: resolve, verify and cache them — never a half file, never an unchecked one.

Three sources, one rule (the sha256 is checked before a file is used):

* **package** — files shipped inside ``keras_gans/zoo/weights/`` (the MNIST and 2-D
  presets); a mismatch means a damaged install.
* **url** — ``keras.utils.get_file`` downloads into a private temporary folder of the
  cache, the sha256 is checked, and only then is the file renamed into place
  (``os.replace``, atomic on one file system). A crash, a wrong hash or a second process
  never leaves a partial file under the final name; an ``flock`` on a lock file keeps two
  processes from downloading the same file twice, and each still ends with one intact
  file. ``file://`` URLs work too (tests, shared drives).
* **local path** — a user's ``.weights.h5``; checked when its sha256 is given.

The cache folder is ``$KERAS_GANS_CACHE`` (default ``~/.cache/keras_gans``).

Weights are Keras ``.weights.h5`` files (HDF5 arrays read by ``h5py``): loading them
runs no code and unpickles nothing.
"""

import contextlib
import os
import shutil
import tempfile

from keras_gans.errors import ChecksumError, DatasetUnavailableError, InvalidInputError
from keras_gans.metrics.mnist_classifier import file_sha256 as sha256_of

CACHE_ENV = "KERAS_GANS_CACHE"
PACKAGE_WEIGHTS = os.path.join(os.path.dirname(__file__), "weights")


def verify(path, sha256, what):
    """Raises :class:`ChecksumError` unless ``path`` has the expected sha256."""
    got = sha256_of(path)
    if got != sha256:
        raise ChecksumError(
            f"{what}: {path} has sha256 {got}, expected {sha256}. The file is damaged, "
            "truncated or not the published one; it was not used."
        )
    return path


def cache_dir():
    """The cache folder (``$KERAS_GANS_CACHE`` or ``~/.cache/keras_gans``), created and
    checked writable."""
    path = os.environ.get(CACHE_ENV) or os.path.join(os.path.expanduser("~"), ".cache",
                                                     "keras_gans")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        raise InvalidInputError(
            f"cannot create the weights cache folder {path!r} ({e.strerror}). Set "
            f"{CACHE_ENV} to a writable folder."
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InvalidInputError(
            f"the weights cache folder {path!r} is not writable. Set {CACHE_ENV} to a "
            "writable folder."
        )
    return path


@contextlib.contextmanager
def _locked(path):
    """An exclusive ``flock`` on ``path`` (created if missing) for the block."""
    import fcntl

    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fetch(url, sha256, filename, what):
    """The cached, verified copy of ``url`` (downloaded once, atomically).

    Args:
        url: ``https://…`` or ``file://…``.
        sha256: the expected hex digest.
        filename: the name under the cache's ``weights/`` folder.
        what: what is being fetched, for messages (e.g. ``"preset dcgan_mnist"``).

    Raises:
        ChecksumError: the download does not have the expected hash (nothing is cached).
        DatasetUnavailableError: the download failed (offline, 404...).
        InvalidInputError: the cache folder is not writable.
    """
    folder = os.path.join(cache_dir(), "weights")
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, filename)
    if os.path.exists(target) and sha256_of(target) == sha256:
        return target
    with _locked(target + ".lock"):
        # Another process may have finished the download while we waited.
        if os.path.exists(target) and sha256_of(target) == sha256:
            return target
        staging = tempfile.mkdtemp(prefix=f".{filename}.partial-", dir=folder)
        try:
            downloaded = _download(url, filename, staging, what)
            verify(downloaded, sha256, f"{what} (downloaded from {url})")
            os.replace(downloaded, target)  # a stale or tampered copy is replaced
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _download(url, filename, folder, what):
    import keras

    try:
        return keras.utils.get_file(filename, origin=url, cache_dir=folder,
                                    cache_subdir=".")
    except Exception as e:  # urllib/HTTP errors come in many types
        raise DatasetUnavailableError(
            f"could not download {what} from {url}: {type(e).__name__}: {e}. Download it "
            "by hand and pass the file: zoo.load(name, weights='path/to/file.weights.h5')."
        ) from None


def check_weights_path(path, what):
    """A user-given weights file: must exist and be a Keras ``.weights.h5`` file."""
    path = os.fspath(path)
    if not path.endswith(".weights.h5"):
        raise InvalidInputError(
            f"{what}: weights files are Keras '.weights.h5' files (HDF5 arrays, no code); "
            f"got {path!r}."
        )
    if not os.path.isfile(path):
        raise InvalidInputError(f"{what}: weights file {path!r} does not exist.")
    return path
