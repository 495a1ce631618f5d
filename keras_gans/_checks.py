"""The one check of a batch of samples handed to a model's inference methods (private).

``translate``, ``encode``/``reconstruct`` and ``infer_codes`` all take a batch of samples
in the generator's range; they validate it here, so their errors read alike: what was
expected, what was received, and how to fix it.
"""

import numpy as np

from keras_gans.errors import InvalidInputError


def _shape_str(shape):
    return "(n, " + ", ".join(str(d) for d in shape) + ")"


def check_sample_batch(x, data_shape, who, what="samples", bounded=True, single=False,
                       tolerance=1e-3):
    """Validates ``x`` as ``(n, *data_shape)`` finite floats; returns float32 NumPy.

    Args:
        x: array-like batch.
        data_shape: the shape of one sample.
        who: the method, e.g. ``"cyclegan.translate"``; it opens every message.
        what: what the samples are, e.g. ``"domain a images"``.
        bounded: whether values must lie in [-1, 1] (a tanh generator's range).
        single: accept one sample without a batch axis (it gets one).
        tolerance: how far outside [-1, 1] values may lie.

    Raises:
        InvalidInputError: not numeric, wrong shape, empty, not floating point, NaN/Inf, or
            out of range — saying what was received.
    """
    data_shape = tuple(data_shape)
    try:
        arr = np.asarray(x)
    except Exception as e:  # ragged lists and the like
        raise InvalidInputError(
            f"{who} takes an array of {what}; got {type(x).__name__} ({e}).") from None
    if single and arr.ndim == len(data_shape):
        arr = arr[None]
    if arr.ndim != len(data_shape) + 1 or tuple(arr.shape[1:]) != data_shape or len(arr) < 1:
        hint = (" For one sample add a batch axis (x[None])."
                if tuple(arr.shape) == data_shape else "")
        raise InvalidInputError(
            f"{who} expects {what} of shape {_shape_str(data_shape)}; got an array of shape "
            f"{arr.shape}.{hint}")
    if not np.issubdtype(arr.dtype, np.floating):
        raise InvalidInputError(
            f"{who} expects {what} as floats in the generator's range; got dtype {arr.dtype}. "
            "Scale uint8 images to [-1, 1] with x / 127.5 - 1.")
    bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
    if bad:
        raise InvalidInputError(f"{who}: {what} must be finite; got {bad} NaN/Inf values.")
    if bounded and (arr.min() < -1.0 - tolerance or arr.max() > 1.0 + tolerance):
        raise InvalidInputError(
            f"{who} expects {what} in [-1, 1] (the generator's tanh range); got values in "
            f"[{arr.min():.4g}, {arr.max():.4g}]. Rescale, e.g. x / 127.5 - 1.")
    return arr.astype(np.float32, copy=False)
