"""Atomic writes and safe loading: the one way keras_gans puts files on disk.

Every file keras_gans writes — ``.keras`` models, ``.weights.h5`` weights, SavedModel
directories, PNG grids, JSON reports, ``.npz`` statistics — goes through
:func:`atomic_path`: the writer fills a temporary name in the destination's directory
(``.tmp-<pid>-<token>-<name>``, same file system, so the final step is a rename), the
result is flushed to disk (``fsync``) and then renamed over the destination. A process
killed (even by ``SIGKILL``) or an exception half-way through a save therefore leaves
the previous file untouched (or no file, if there was none) — never a truncated file
that later loads wrong. The temporary of a killed writer stays behind under its
``.tmp-`` name; the next write to the same destination removes it (when its process is
gone).

A SavedModel is a directory, and a directory cannot replace another in one rename: the
old one is first renamed aside, the new one renamed in, the old one deleted. A kill
between those two renames leaves no directory at the destination (the old one survives
under a ``.tmp-`` name) — again no half-written artifact.

Loading: :func:`load_model` is ``keras.saving.load_model(..., safe_mode=True)`` with
clear errors. Keras' safe mode refuses to deserialize Python lambdas (a ``Lambda``
layer's bytecode), the way arbitrary code would get into a ``.keras`` file; the
refusal surfaces as :class:`keras_gans.errors.UnsafeModelError`. Load files you did not
make through this function.

Example:
    >>> from keras_gans import saving
    >>> gan.save("gan.keras")                  # GAN.save goes through save_model
    >>> saving.save_weights(gan, "gan.weights.h5")
    >>> saving.export(gan, "gan_savedmodel")
    >>> gan2 = saving.load_model("gan.keras")  # safe_mode=True
    >>> with saving.atomic_path("report.json") as tmp:
    ...     with open(tmp, "w") as f:
    ...         json.dump(report, f)

Reference:
    Keras 3 saving and ``safe_mode``: https://keras.io/api/models/model_saving_apis/
"""

import contextlib
import errno
import os
import re
import secrets
import shutil
import zipfile

from keras_gans.errors import (InvalidInputError, KerasGANsError, UnsafeModelError,
                               first_line)

__all__ = [
    "atomic_path", "export", "file_sha256", "load_model", "save_model", "save_weights",
    "write_json",
]

_TEMP = re.compile(r"^\.tmp-(\d+)-[0-9a-f]+-(?:old-)?(.+)$")


def file_sha256(path):
    """The hex sha256 of a file's bytes."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _remove_stale_temporaries(directory, name):
    """Deletes temporaries of ``name`` left by writers that are no longer running."""
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry)
        if not match or match.group(2) != name:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or _pid_alive(pid):
            continue
        stale = os.path.join(directory, entry)
        if os.path.isdir(stale) and not os.path.islink(stale):
            shutil.rmtree(stale, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.remove(stale)


def _fsync(path):
    """Flushes a file or a directory entry to disk (best effort: some file systems
    refuse ``fsync``)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(path):
    """Flushes a written file, or every file of a written directory, to disk."""
    if not os.path.isdir(path):
        _fsync(path)
        return
    for root, _, files in os.walk(path):
        for name in files:
            _fsync(os.path.join(root, name))


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        with contextlib.suppress(OSError):
            os.remove(path)


@contextlib.contextmanager
def atomic_path(path, overwrite=True):
    """A temporary path that becomes ``path`` only if the ``with`` block succeeds.

    The temporary lies in ``path``'s directory (created if needed) and ends with
    ``path``'s own name, so writers that check the extension (``.keras``,
    ``.weights.h5``) accept it. The block may write a file or a directory there. On
    success it is flushed and renamed over ``path``; on any exception (or a kill) the
    previous ``path`` is left as it was and the temporary is removed (by the next write
    to ``path``, after a kill).

    Args:
        path: the destination file or directory.
        overwrite: if ``False``, refuse (before writing) when ``path`` exists.

    Yields:
        The temporary path (a string) to write to.

    Raises:
        InvalidInputError: ``path`` exists and ``overwrite=False``; its directory cannot
            be created or written (the message names it).

    Example:
        >>> with atomic_path("runs/report.json") as tmp:
        ...     with open(tmp, "w") as f:
        ...         f.write("{}")
    """
    path = os.fspath(path)
    if not path or path.endswith(os.sep):
        raise InvalidInputError(f"Expected a file or directory path to write; got {path!r}.")
    directory = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(os.path.abspath(path))
    if os.path.lexists(path) and not overwrite:
        raise InvalidInputError(f"{path!r} exists and overwrite=False; nothing was written.")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise InvalidInputError(
            f"Cannot create the directory {directory!r} to write {name!r}: {e.strerror}."
        ) from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InvalidInputError(f"Cannot write {name!r}: directory {directory!r} is not "
                                "writable.")
    _remove_stale_temporaries(directory, name)
    token = secrets.token_hex(4)
    tmp = os.path.join(directory, f".tmp-{os.getpid()}-{token}-{name}")
    try:
        yield tmp
        if not os.path.lexists(tmp):
            raise InvalidInputError(f"Nothing was written for {path!r} (no file at {tmp!r}).")
        _fsync_tree(tmp)
        if os.path.isdir(tmp) and os.path.lexists(path):
            # A directory cannot be renamed over another: set the old one aside first.
            old = os.path.join(directory, f".tmp-{os.getpid()}-{token}-old-{name}")
            os.replace(path, old)
            os.replace(tmp, path)
            _remove(old)
        else:
            try:
                os.replace(tmp, path)
            except OSError as e:
                if e.errno not in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
                    raise
                raise InvalidInputError(
                    f"Cannot write the file {path!r}: a directory of that name exists."
                ) from None
        _fsync(directory)
    finally:
        _remove(tmp)


def _check_suffix(path, suffixes, what, hint=""):
    path = os.fspath(path)
    if not isinstance(path, str) or not path.endswith(suffixes):
        raise InvalidInputError(
            f"{what} must be written to a path ending in {' or '.join(suffixes)}; got "
            f"{path!r}.{hint}"
        )
    return path


def save_model(model, path, overwrite=True, zipped=None, **kwargs):
    """``keras.saving.save_model`` (a ``.keras`` archive, or legacy ``.h5``), atomically.

    :meth:`keras_gans.GAN.save` calls this, so ``gan.save(path)`` is atomic.

    Args:
        model: a ``keras.Model``.
        path: ``*.keras`` (or a legacy ``*.h5`` / ``*.hdf5``).
        overwrite: if ``False``, refuse when ``path`` exists.
        zipped: ``False`` writes an unzipped ``.keras`` directory (also atomic).
        **kwargs: passed to ``keras.saving.save_model``.

    Returns:
        ``path``.

    Raises:
        InvalidInputError: wrong extension, ``path`` exists with ``overwrite=False``,
            an unwritable directory.

    Example:
        >>> save_model(gan, "runs/gan.keras")
    """
    import keras

    path = _check_suffix(path, (".keras", ".h5", ".hdf5"), "A model",
                         " Use save_weights for .weights.h5, export for a "
                         "SavedModel.")
    with atomic_path(path, overwrite) as tmp:
        keras.saving.save_model(model, tmp, overwrite=True, zipped=zipped, **kwargs)
    return path


def save_weights(model, path, overwrite=True, max_shard_size=None, storage_dtype=None):
    """``keras.saving.save_weights`` to one ``.weights.h5`` file, atomically.

    :meth:`keras_gans.GAN.save_weights` calls this.

    Args:
        model: a ``keras.Model`` (or layer).
        path: ``*.weights.h5``.
        overwrite: if ``False``, refuse when ``path`` exists.
        max_shard_size: not supported (sharded weights span several files, which
            cannot be replaced together atomically); must be ``None``.
        storage_dtype: ``None`` (as the variables are) or ``"float16"``: floating-point
            arrays are stored at half precision (half the bytes). Keras casts them back to
            each variable's dtype when the file is loaded, so nothing else changes for
            readers; the values are rounded to float16 (≈ 3 significant digits).

    Returns:
        ``path``.

    Raises:
        InvalidInputError: another extension, ``max_shard_size`` given, ``path`` exists
            with ``overwrite=False``, an unwritable directory.

    Example:
        >>> save_weights(gan, "runs/gan.weights.h5")
    """
    import keras

    if max_shard_size is not None:
        raise InvalidInputError(
            f"Sharded weights (max_shard_size={max_shard_size!r}) span several files and "
            "cannot be written atomically; save one .weights.h5 file (max_shard_size=None)."
        )
    path = _check_suffix(path, (".weights.h5",), "Weights")
    if storage_dtype not in (None, "float16"):
        raise InvalidInputError(
            f"storage_dtype must be None or 'float16'; got {storage_dtype!r}.")
    with atomic_path(path, overwrite) as tmp:
        if storage_dtype is None:
            keras.saving.save_weights(model, tmp, overwrite=True)
        else:
            # The float32 file is a temporary of the same name ("-old-" form), so that
            # a killed writer's leftover is removed by the next write like any other.
            head = os.path.basename(tmp).split("-", 3)
            full = os.path.join(os.path.dirname(tmp), "-".join(head[:3] + ["old", head[3]]))
            try:
                keras.saving.save_weights(model, full, overwrite=True)
                _copy_h5(full, tmp, storage_dtype)
            finally:
                _remove(full)
    return path


def weights_file_arrays(path):
    """``{dataset path: NumPy array}`` of every array in a ``.weights.h5`` file (read
    with h5py; no Keras objects are built)."""
    import h5py

    arrays = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, item: arrays.__setitem__(name, item[()])
                     if isinstance(item, h5py.Dataset) else None)
    return arrays


# Arrays smaller than this are stored as they are (a compressed chunk has overhead).
_COMPRESS_MIN_SIZE = 256


def _copy_h5(source, destination, float_dtype):
    """Copies an HDF5 file (groups, attributes, datasets), floating datasets cast and
    compressed.

    The compression is lossless (byte shuffle + gzip, both built into every HDF5) and
    any HDF5 reader (Keras' loader, h5py) decompresses it transparently.
    """
    import h5py
    import numpy as np

    def copy(src, dst):
        dst.attrs.update(dict(src.attrs))
        for key, item in src.items():
            if isinstance(item, h5py.Group):
                copy(item, dst.create_group(key))
                continue
            data = item[()]
            options = {}
            if isinstance(data, np.ndarray) and np.issubdtype(data.dtype, np.floating):
                data = data.astype(float_dtype)
                if data.size >= _COMPRESS_MIN_SIZE:
                    options = {"compression": "gzip", "compression_opts": 9, "shuffle": True}
            dst.create_dataset(key, data=data, **options).attrs.update(dict(item.attrs))

    with h5py.File(source, "r") as src, h5py.File(destination, "w") as dst:
        copy(src, dst)


def export(model_or_archive, path, format="tf_saved_model", overwrite=True, **kwargs):
    """Exports a model (by default a TensorFlow SavedModel directory) atomically.

    :meth:`keras_gans.GAN.export` calls this.

    Args:
        model_or_archive: a ``keras.Model`` (written with ``keras.Model.export``) or a
            ``keras.export.ExportArchive`` with its endpoints set (written with
            ``write_out``; always a SavedModel).
        path: the SavedModel directory (or the file of another ``format``).
        format: ``keras.Model.export`` format (``"tf_saved_model"``, ``"onnx"``...).
        overwrite: if ``False``, refuse when ``path`` exists.
        **kwargs: passed to ``Model.export`` / ``ExportArchive.write_out``.

    Returns:
        ``path``.

    Raises:
        InvalidInputError: ``path`` exists with ``overwrite=False``, an unwritable
            directory, or an object that is neither a model nor an export archive.

    Example:
        >>> export(gan, "runs/gan_savedmodel")
        >>> reloaded = tf.saved_model.load("runs/gan_savedmodel")
    """
    import keras

    # keras.export.ExportArchive() builds a backend subclass (TFExportArchive) that is not
    # an instance of the public name: recognise archives by what they can do.
    if callable(getattr(model_or_archive, "write_out", None)) and not isinstance(
            model_or_archive, keras.Model):
        def write(tmp):
            model_or_archive.write_out(tmp, **kwargs)
    elif isinstance(model_or_archive, keras.Model):
        def write(tmp):
            keras.Model.export(model_or_archive, tmp, format=format, **kwargs)
    else:
        raise InvalidInputError(
            "export needs a keras.Model or a keras.export.ExportArchive; got "
            f"{type(model_or_archive).__name__}."
        )
    with atomic_path(path, overwrite) as tmp:
        write(tmp)
    return os.fspath(path)


def load_model(path, custom_objects=None, compile=True):
    """Loads a ``.keras`` model with Keras ``safe_mode=True`` (no arbitrary code).

    Args:
        path: a ``.keras`` file (or legacy ``.h5``).
        custom_objects: extra classes for deserialization (keras_gans' own are
            registered already).
        compile: restore the optimizers' state as well.

    Returns:
        The model.

    Raises:
        InvalidInputError: no such file, another extension, or a file that is not a
            loadable model (truncated, corrupt...); the message names the file.
        UnsafeModelError: the file holds code that safe mode refuses to run (a
            ``Lambda`` layer's Python bytecode). Only if you trust its source, load it
            with ``keras.saving.load_model(path, safe_mode=False)``.

    Example:
        >>> gan = load_model("downloaded.keras")
    """
    import keras

    path = os.fspath(path)
    _check_suffix(path, (".keras", ".h5", ".hdf5"), "A model file",
                  " (a SavedModel directory loads with tf.saved_model.load)")
    if not os.path.exists(path):
        raise InvalidInputError(f"No model file at {path!r}.")
    if path.endswith(".keras") and os.path.isfile(path) and not zipfile.is_zipfile(path):
        raise InvalidInputError(
            f"{path!r} is not a .keras archive (a zip file): it is truncated, corrupt or "
            "of another format."
        )
    # Our classes are registered with Keras once it loads (keras_gans._keras_classes).
    try:
        return keras.saving.load_model(path, custom_objects=custom_objects, compile=compile,
                                       safe_mode=True)
    except KerasGANsError:
        raise
    except Exception as e:  # noqa: BLE001 - any loading failure becomes one clear error
        message = first_line(e)
        if "safe_mode" in str(e):
            raise UnsafeModelError(
                f"Refusing to load {path!r}: it contains code that Keras safe mode does not "
                f"run ({message}). Only if you trust its source, load it with "
                "keras.saving.load_model(path, safe_mode=False)."
            ) from None
        raise InvalidInputError(
            f"Could not load a model from {path!r}: {type(e).__name__}: {message}"
        ) from e


def write_json(obj, path):
    """Writes ``obj`` as indented UTF-8 JSON to ``path``, whole or not at all.

    Goes through :func:`keras_gans.saving.atomic_path`, so a crash or a kill mid-write
    leaves the previous file (or none), never a truncated report; the directory is
    created if needed. NumPy scalars and arrays and eager tensors are written as
    numbers and lists; anything else JSON lacks is written as its ``repr``.
    """
    import json

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, default=_jsonable, ensure_ascii=False)
        f.write("\n")


def _jsonable(x):
    if hasattr(x, "numpy"):  # an eager tf.Tensor / tf.Variable
        x = x.numpy()
    if hasattr(x, "tolist"):  # NumPy scalars and arrays
        return x.tolist()
    return repr(x)
