"""Reading MNIST-format IDX files (raw or gzip-compressed).

The IDX format (LeCun et al.): two zero bytes, a type code, the number of dimensions,
then each dimension as a big-endian uint32, then the data in big-endian order.
"""

import gzip
import os

import numpy as np

from keras_gans.errors import InvalidInputError

_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_idx(path):
    """Reads one IDX file (``.gz`` is decompressed transparently) into a NumPy array.

    Raises:
        InvalidInputError: the file is not IDX, or is truncated / has trailing bytes.
    """
    path = os.fspath(path)
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as e:  # gzip raises these on corrupt archives
        raise InvalidInputError(f"Could not read IDX file {path}: {e}") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _TYPES:
        raise InvalidInputError(
            f"{path} is not an IDX file: expected a header 00 00 <type> <ndim> with type "
            f"in {sorted(hex(t) for t in _TYPES)}; got {raw[:4].hex(' ') or 'an empty file'}."
        )
    dtype = np.dtype(_TYPES[raw[2]])
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise InvalidInputError(f"{path}: truncated IDX header ({len(raw)} bytes).")
    dims = tuple(int(d) for d in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    expected = header + int(np.prod(dims, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        raise InvalidInputError(
            f"{path}: the header says shape {dims} of {dtype.name} ({expected} bytes in all) "
            f"but the file has {len(raw)} bytes — truncated or corrupt."
        )
    return np.frombuffer(raw, dtype, offset=header).reshape(dims).astype(dtype.newbyteorder("="))


def _find(directory, stem):
    for name in (f"{stem}", f"{stem}.gz", stem.replace("-idx", ".idx"),
                 stem.replace("-idx", ".idx") + ".gz"):
        candidate = os.path.join(directory, name)
        if os.path.exists(candidate):
            return candidate
    return None


def load_mnist_idx(directory, split="train"):
    """Loads an MNIST-format split from a directory of IDX files.

    Looks for ``{train,t10k}-images-idx3-ubyte[.gz]`` and ``…-labels-idx1-ubyte[.gz]``
    (Fashion-MNIST and EMNIST use the same names).

    Args:
        directory: folder holding the files.
        split: ``"train"`` or ``"test"``.

    Returns:
        ``(images, labels)``: uint8 ``(N, 28, 28, 1)`` and int64 ``(N,)``.
    """
    if split not in ("train", "test"):
        raise InvalidInputError(f"split must be 'train' or 'test'; got {split!r}.")
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise InvalidInputError(f"MNIST directory {directory!r} does not exist.")
    prefix = "train" if split == "train" else "t10k"
    images_path = _find(directory, f"{prefix}-images-idx3-ubyte")
    labels_path = _find(directory, f"{prefix}-labels-idx1-ubyte")
    if images_path is None or labels_path is None:
        raise InvalidInputError(
            f"No MNIST-format {split} split in {directory!r}: expected "
            f"{prefix}-images-idx3-ubyte[.gz] and {prefix}-labels-idx1-ubyte[.gz]; found "
            f"{sorted(os.listdir(directory))}."
        )
    images, labels = load_idx(images_path), load_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise InvalidInputError(
            f"{directory}: images of shape {images.shape} and labels of shape "
            f"{labels.shape} do not form a dataset (expected (N, H, W) and (N,))."
        )
    return images[..., None], labels.astype(np.int64)
