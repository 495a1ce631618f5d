"""Input checks shared by the metric modules (private).

Every check raises :class:`keras_gans.errors.InvalidInputError` with a message
that names the argument, what was received and what was expected.
"""

import numbers

import numpy as np

from keras_gans.errors import InvalidInputError


def as_float_array(x, name, ndim, layout=None, dtype=np.float64):
    """Converts ``x`` to a finite floating array of rank ``ndim``.

    Args:
        x: Array-like input.
        name: Argument name used in error messages.
        ndim: Required rank.
        layout: Optional description of the expected axes for error messages,
            e.g. ``"(num_samples, dim)"``.
        dtype: Floating dtype of the returned array.

    Returns:
        A ``dtype`` ndarray (a copy only when a conversion is needed).

    Raises:
        InvalidInputError: If ``x`` is not numeric, has the wrong rank or holds
            NaN/Inf values.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise InvalidInputError(
            f"{name} must be a numeric array; could not convert {type(x).__name__}: {exc}"
        ) from exc
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_
    ):
        raise InvalidInputError(
            f"{name} must be a numeric array; got dtype {arr.dtype}"
        )
    if np.iscomplexobj(arr):
        raise InvalidInputError(f"{name} must be real-valued; got dtype {arr.dtype}")
    if arr.ndim != ndim:
        expected = f"{ndim}-D" + (f" {layout}" if layout else "")
        raise InvalidInputError(f"{name} must be {expected}; got shape {arr.shape}")
    arr = arr.astype(dtype, copy=False)
    if not np.all(np.isfinite(arr)):
        num_bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise InvalidInputError(
            f"{name} must be finite; got {num_bad} NaN/Inf value(s) in an array "
            f"of shape {arr.shape}"
        )
    return arr


def as_feature_matrix(x, name, min_samples=1, dtype=np.float64):
    """Converts ``x`` to a finite ``(num_samples, dim)`` floating matrix.

    Args:
        x: Array-like features.
        name: Argument name used in error messages.
        min_samples: Minimum number of rows required.
        dtype: Floating dtype of the returned array.

    Returns:
        A 2-D ``dtype`` ndarray.

    Raises:
        InvalidInputError: On wrong rank, empty feature axis, too few rows or
            non-finite values.
    """
    arr = as_float_array(x, name, ndim=2, layout="(num_samples, dim)", dtype=dtype)
    if arr.shape[1] == 0:
        raise InvalidInputError(
            f"{name} must have at least one feature column; got shape {arr.shape}"
        )
    if arr.shape[0] < min_samples:
        raise InvalidInputError(
            f"{name} needs at least {min_samples} sample{'' if min_samples == 1 else 's'}; "
            f"got shape {arr.shape}"
        )
    return arr


def check_same_dim(a, b, name_a, name_b):
    """Raises unless two feature matrices have the same number of columns."""
    if a.shape[1] != b.shape[1]:
        raise InvalidInputError(
            f"{name_a} and {name_b} must have the same feature dimension; got "
            f"shapes {a.shape} and {b.shape}"
        )


def check_positive_float(value, name):
    """Returns ``value`` as ``float`` if it is a finite number ``> 0``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidInputError(
            f"{name} must be a positive finite number; got {value!r} "
            f"({type(value).__name__})"
        )
    try:
        as_float = float(value)
    except OverflowError:  # an int beyond the float range
        as_float = float("inf")
    if not np.isfinite(as_float) or as_float <= 0:
        raise InvalidInputError(f"{name} must be a positive finite number; got {value}")
    return as_float


def check_generator_images(images, expected, shape_ok, shape_hint=None, add_channel=False,
                           tolerance=1e-3):
    """Validates images in the generator range [-1, 1] for a feature extractor.

    Args:
        images: array-like batch of images.
        expected: the sentence that opens every error, e.g. "MNIST extractor expects
            (N, 28, 28, 1) images in [-1, 1]".
        shape_ok: ``array -> bool``, whether the (channel-completed) shape is accepted.
        shape_hint: optional ``array -> str`` appended to a shape error.
        add_channel: treat a 3-D ``(N, H, W)`` batch as one-channel images.
        tolerance: how far outside [-1, 1] values may lie (they are clipped).

    Returns:
        float32 images clipped to [-1, 1].

    Raises:
        InvalidInputError: non-numeric, wrong shape, empty, NaN/Inf, integer dtype or
            values outside [-1, 1] (the message gives what was received).
    """
    try:
        x = np.asarray(images)
    except Exception as e:  # ragged lists and the like
        raise InvalidInputError(
            f"{expected}; could not convert {type(images).__name__} to an array: {e}"
        ) from None
    if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool) \
            or np.iscomplexobj(x):
        raise InvalidInputError(f"{expected}; got an array of dtype {x.dtype}.")
    if add_channel and x.ndim == 3:
        x = x[..., None]
    if not shape_ok(x):
        hint = shape_hint(x) if shape_hint else ""
        raise InvalidInputError(f"{expected}; got shape {np.shape(images)}{hint}.")
    if len(x) == 0:
        raise InvalidInputError(f"{expected}; got no images (shape {np.shape(images)}).")
    floating = np.issubdtype(x.dtype, np.floating)
    if floating:
        finite = np.isfinite(x)
        if not finite.all():
            bad = int(x.size - np.count_nonzero(finite))
            first = int(np.flatnonzero(~finite.reshape(len(x), -1).all(axis=1))[0])
            raise InvalidInputError(
                f"{expected}; got {bad} NaN/Inf value(s), first in image {first} "
                f"(shape {x.shape})."
            )
    low, high = float(x.min()), float(x.max())
    if not floating or low < -1 - tolerance or high > 1 + tolerance:
        kind = "" if floating else f" of dtype {x.dtype}"
        raise InvalidInputError(
            f"{expected}; got values{kind} in [{low:g}, {high:g}]. Images must be float, "
            "scaled to [-1, 1] like the generator's output (uint8 [0, 255]: x / 127.5 - 1; "
            "[0, 1]: 2 * x - 1)."
        )
    return np.clip(x.astype(np.float32, copy=False), -1.0, 1.0)
