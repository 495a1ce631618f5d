"""Argument checks shared by the package (private): numbers, seeds, latents, and the one
check of a batch of samples handed to a model's inference methods.

``translate``, ``encode``/``reconstruct`` and ``infer_codes`` all take a batch of samples
in the generator's range; they validate it here, so their errors read alike: what was
expected, what was received, and how to fix it.
"""

import math
import numbers

import numpy as np

from keras_gans.errors import InvalidInputError


def check_positive_int(name, value, owner=None, minimum=1):
    """``value`` as an int in ``[minimum, 2**31)`` (Python or NumPy ints, never a bool), or
    an error naming it (``owner: `name``` when ``owner`` is given). Counts of 2**31 and
    more would only fail deep inside NumPy or TensorFlow."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum \
            or value >= 2**31:
        where = f"{owner}: `{name}`" if owner else name
        expected = "a positive int" if minimum == 1 else f"an int ≥ {minimum}"
        raise InvalidInputError(f"{where} must be {expected} below 2**31; got {value!r}.")
    return int(value)


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


def check_latents(n_or_latent, latent_dim, who="generate", unit="sample"):
    """Validates ``generate``'s first argument: a count or latents ``(n, latent_dim)``.

    Returns the count (an ``int``) or the latents as float32 NumPy; anything else (a
    string, ``None``, a ragged list) is refused by its type, not as "an array of shape ()".
    """
    if isinstance(n_or_latent, (int, np.integer)) and not isinstance(n_or_latent, bool):
        n = int(n_or_latent)
        if not 1 <= n < 2**31:
            raise InvalidInputError(
                f"{who} needs at least 1 {unit} (and fewer than 2**31); got n={n}.")
        return n
    expected = f"{who} takes a {unit} count (an int) or latents of shape (n, {latent_dim})"
    if isinstance(n_or_latent, (str, bytes, bool, float, dict, set)) or n_or_latent is None:
        raise InvalidInputError(f"{expected}; got {type(n_or_latent).__name__} "
                                f"{n_or_latent!r}.")
    try:
        latent = np.asarray(n_or_latent)
    except Exception as e:  # ragged lists and the like
        raise InvalidInputError(f"{expected}; got {type(n_or_latent).__name__} ({e}).") from None
    if latent.ndim != 2 or latent.shape[1] != latent_dim or latent.shape[0] < 1:
        raise InvalidInputError(f"{expected}; got an array of shape {latent.shape}.")
    if not np.issubdtype(latent.dtype, np.number) or np.issubdtype(latent.dtype, np.bool_):
        raise InvalidInputError(f"{expected} as numbers; got dtype {latent.dtype}.")
    if not np.all(np.isfinite(latent)):
        raise InvalidInputError(f"{who}: latents must be finite numbers.")
    return latent.astype(np.float32, copy=False)


def check_seed(seed, who="seed", minimum=-(2**63), optional=True):
    """Validates an integer seed in ``[minimum, 2**63)`` (NumPy's ``SeedSequence`` takes
    ``minimum=0``), or ``None`` where ``optional``; returns it unchanged."""
    if seed is None and optional:
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) \
            or not minimum <= int(seed) < 2**63:
        expected = "an int (int64 range)" if minimum == -(2**63) else \
            f"an int in [{minimum}, 2**63)"
        raise InvalidInputError(f"{who} must be {expected}{' or None' * optional}; "
                                f"got {seed!r}.")
    return seed


def check_number(owner, arg, value, positive=False):
    """A finite real number (NumPy scalars included, bools not) ≥ 0, or > 0; as float."""
    ok = (isinstance(value, numbers.Real) and not isinstance(value, bool)
          and math.isfinite(float(value)) and (float(value) > 0 if positive else float(value) >= 0))
    if not ok:
        kind = "positive" if positive else "non-negative"
        raise InvalidInputError(f"{owner} `{arg}` must be a finite {kind} number; got {value!r}.")
    return float(value)
