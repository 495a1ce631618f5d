"""Named random streams: the one function every stateless seed of a run comes from.

A model has one integer seed. Each draw of a training step takes the stream at a path
below it — ``stream(seed, step, "discriminator", 0)`` for the first critic update,
``stream(update_seed, "gp")`` for that update's gradient penalty — so two draws share a
seed only if they share a path, no component needs a reserved range of salts, and a new
draw is a new name. Seeds never depend on the replica: per-sample noise is drawn for the
global batch (:func:`keras_gans.step.draw_per_sample`), so 1 or N replicas draw alike.
"""

import zlib

import numpy as np
import tensorflow as tf


def name_key(name):
    """The stable 31-bit integer a stream name folds in as (CRC-32 of its UTF-8)."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def stream(seed, *path):
    """The ``(2,)`` int64 stateless seed of the stream at ``path`` below ``seed``.

    Args:
        seed: a model's integer seed, or a ``(2,)`` seed tensor from an earlier call.
            An integer with an empty path gives ``[seed, 0]``, the seed ``generate``
            draws latents from.
        path: stream names (``str``) and integers (Python ints or integer tensors,
            e.g. the training step), each folded in with ``stateless_fold_in``. Philox
            is named, not auto-selected, so XLA and TF kernels derive the same seeds.
    """
    if isinstance(seed, (int, np.integer)):
        out = tf.constant([int(seed), 0], tf.int64)
    else:
        out = tf.cast(seed, tf.int64)
    for part in path:
        data = name_key(part) if isinstance(part, str) else part
        out = tf.random.experimental.stateless_fold_in(out, tf.cast(data, tf.int64),
                                                     alg="philox")
    return out
