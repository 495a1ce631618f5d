"""Weights files: resolve, verify and cache them — never a half file, never an unchecked one.

Four sources, one rule (the sha256 is checked before a file is used):

* **package** — files shipped inside ``keras_gans/zoo/weights/`` (the MNIST and 2-D
  presets); a mismatch means a damaged install.
* **url** — ``keras.utils.get_file`` downloads into a private temporary folder of the
  cache, the sha256 is checked, and only then is the file renamed into place
  (``os.replace``, atomic on one file system). A crash, a wrong hash or a second process
  never leaves a partial file under the final name; an ``flock`` on a lock file keeps two
  processes from downloading the same file twice, and each still ends with one intact
  file. ``file://`` URLs work too (tests, shared drives).
* **local path** — a user's ``.weights.h5``; checked when its sha256 is given.
* **Hugging Face Hub** — ``hf://owner/repo/file.weights.h5`` (``@revision`` after the repo
  pins one): downloaded by ``huggingface_hub`` (an optional extra, ``pip install
  keras_gans[hub]``; it brings the Hub's auth, revisions and retries) into the same
  private staging folder, then verified and renamed like a URL. ``hf://owner/repo`` names
  a preset folder on the Hub (:func:`fetch_hf_folder`). ``HF_ENDPOINT`` and ``HF_TOKEN``
  work as they do for the Hub's own client.

The cache folder is ``$KERAS_GANS_CACHE`` (default ``~/.cache/keras_gans``).

Weights are Keras ``.weights.h5`` files (HDF5 arrays read by ``h5py``): loading them
runs no code and unpickles nothing.
"""

import contextlib
import os
import shutil
import tempfile

from keras_gans.errors import ChecksumError, DatasetUnavailableError, InvalidInputError
from keras_gans.saving import file_sha256 as sha256_of

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
    if url.startswith("hf://"):
        repo_id, path, revision = parse_hf(url)
        return _hf_download(repo_id, path, revision, folder, what)
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


def parse_hf(handle):
    """``(repo_id, path_in_repo, revision)`` of ``hf://owner/repo[@revision][/path]``."""
    rest = handle[len("hf://"):] if isinstance(handle, str) and \
        handle.startswith("hf://") else None
    parts = rest.split("/") if rest else []
    if len(parts) < 2 or not all(parts):
        raise InvalidInputError(f"a Hub handle is hf://owner/repo[@revision][/file]; got "
                                f"{handle!r}.")
    repo, _, revision = parts[1].partition("@")
    return f"{parts[0]}/{repo}", "/".join(parts[2:]), revision or None


def _hub():
    try:
        import huggingface_hub
    except ImportError:
        raise DatasetUnavailableError(
            "hf:// sources need the huggingface_hub package: pip install "
            "'keras_gans[hub]' (or pip install huggingface_hub).") from None
    return huggingface_hub


def _hf_download(repo_id, path, revision, folder, what):
    hub = _hub()
    try:
        return hub.hf_hub_download(repo_id, path, revision=revision, local_dir=folder,
                                   endpoint=os.environ.get("HF_ENDPOINT"))
    except Exception as e:  # HTTP, auth, offline and not-found errors come in many types
        raise DatasetUnavailableError(
            f"could not download {what} from hf://{repo_id}/{path}"
            f"{'@' + revision if revision else ''}: {type(e).__name__}: {e}".splitlines()[0]
        ) from None


def fetch_hf_folder(handle):
    """The cached, verified local copy of the preset folder ``hf://owner/repo[@rev]``.

    ``config.json`` is fetched first, then every file it lists, into a staging folder of
    the cache; the folder is verified (:func:`keras_gans.zoo.folders.read_folder`) and
    only then renamed into place. A cached copy that verifies is used without the
    network; pin a revision (``@v2``) or delete the copy to fetch another.
    """
    import json

    from keras_gans.zoo import folders

    repo_id, path, revision = parse_hf(handle)
    root = os.path.join(cache_dir(), "hf")
    os.makedirs(root, exist_ok=True)
    target = os.path.join(root, "--".join([*repo_id.split("/"), *filter(None, [path]),
                                           revision or "main"]).replace("/", "--"))
    with _locked(target + ".lock"):
        if os.path.isdir(target):
            try:
                folders.read_folder(target)
                return target
            except (InvalidInputError, ChecksumError):
                shutil.rmtree(target, ignore_errors=True)  # damaged: fetch it again
        staging = tempfile.mkdtemp(prefix=".partial-", dir=root)
        try:
            what = f"the preset folder {handle}"
            prefix = f"{path}/" if path else ""
            config = _hf_download(repo_id, prefix + folders.CONFIG, revision, staging, what)
            try:
                with open(config, encoding="utf-8") as f:
                    listed = json.load(f).get("files", {})
            except (ValueError, AttributeError):
                listed = {}  # read_folder below says what is wrong with it
            for name in listed if isinstance(listed, dict) else ():
                if os.path.basename(name) == name:  # read_folder refuses anything else
                    _hf_download(repo_id, prefix + name, revision, staging, what)
            shutil.rmtree(os.path.join(staging, ".cache"), ignore_errors=True)  # the client's
            local = os.path.join(staging, path) if path else staging
            folders.read_folder(local)  # every sha256, before the folder is used
            os.replace(local, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target
