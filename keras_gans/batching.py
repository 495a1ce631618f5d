"""Batched inference: the one loop that runs a net over an array in slices."""

import numpy as np

from keras_gans._checks import check_positive_int


def run_batched(fn, n, batch_size):
    """``fn(slice)`` over ``[0, n)`` in slices of ``batch_size``, concatenated as NumPy.

    ``fn`` returns a tensor or a tuple/list/dict of them (a net with several outputs);
    each leaf is concatenated along the batch axis, so the result keeps ``fn``'s
    structure with NumPy leaves. ``batch_size`` bounds memory only: the result does
    not depend on it beyond float round-off.
    """
    batch_size = check_positive_int("batch_size", batch_size)
    batch_size = min(int(batch_size), max(int(n), 1))  # a huge batch_size: one slice
    return _concatenate([fn(slice(i, i + batch_size)) for i in range(0, n, batch_size)])


def _concatenate(parts):
    first = parts[0]
    if isinstance(first, dict):
        return {key: _concatenate([part[key] for part in parts]) for key in first}
    if isinstance(first, (tuple, list)):
        return type(first)(_concatenate(list(leaves)) for leaves in zip(*parts))
    return np.concatenate([np.asarray(part) for part in parts], axis=0)
