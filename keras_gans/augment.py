"""Differentiable augmentation of D's inputs (DiffAugment, Zhao et al. 2020).

D sees every image — real and generated, in D's and in G's update — through the same
kind of random transform T, so it cannot tell data from samples by the transform, and G's
gradient flows back through T (every transform here is differentiable in the image).
Augmenting only the reals would teach G to draw augmented digits; augmenting both keeps
the target distribution the data's while D learns from more varied views of it.

Policies (the paper's, for images in [-1, 1] laid out NHWC):

- ``color``: random brightness (± 0.5), saturation (× [0, 2]) and contrast (× [0.5, 1.5]);
- ``translation``: a random shift of up to 1/8 of each side, the border filled with 0;
- ``cutout``: a random square of half the side set to 0.

Every draw is stateless and replica-invariant: :func:`diff_augment` takes a seed and each
transform draws from its own named stream below it (:mod:`keras_gans.seeds`).
"""

import tensorflow as tf

from keras_gans.errors import InvalidInputError
from keras_gans.seeds import stream
from keras_gans.step import draw_per_sample

TRANSLATION_RATIO = 0.125
CUTOUT_RATIO = 0.5


def _uniform(x, seed, name):
    """One U[0, 1) draw per sample, shaped to broadcast over the image."""
    return draw_per_sample("uniform", [tf.shape(x)[0], 1, 1, 1], stream(seed, name),
                           dtype=x.dtype)


def _brightness(x, seed):
    return x + (_uniform(x, seed, "brightness") - 0.5)


def _saturation(x, seed):
    mean = tf.reduce_mean(x, axis=3, keepdims=True)
    return (x - mean) * (_uniform(x, seed, "saturation") * 2.0) + mean


def _contrast(x, seed):
    mean = tf.reduce_mean(x, axis=[1, 2, 3], keepdims=True)
    return (x - mean) * (_uniform(x, seed, "contrast") + 0.5) + mean


def _offsets(x, seed, name, count):
    """Per-sample integers in ``[0, count)`` (shape ``(batch, 1)``)."""
    u = draw_per_sample("uniform", [tf.shape(x)[0], 1], stream(seed, name))
    return tf.minimum(tf.cast(tf.floor(u * count), tf.int32), count - 1)


def _shift_axis(x, shift, axis, size):
    """``x`` shifted by ``shift`` (per sample) along image ``axis`` (1 rows, 2 columns);
    pixels shifted in from outside are 0."""
    pad = [[0, 0]] * 4
    pad[axis] = [1, 1]
    padded = tf.pad(x, pad)  # index 0 and size + 1 are the zero border
    index = tf.clip_by_value(tf.range(size)[None, :] + shift + 1, 0, size + 1)
    return tf.gather(padded, index, axis=axis, batch_dims=1)


def _translation(x, seed):
    height, width = x.shape[1], x.shape[2]
    out = x
    for axis, size, name in ((1, height, "translation_rows"), (2, width, "translation_cols")):
        reach = int(size * TRANSLATION_RATIO + 0.5)
        shift = _offsets(x, seed, name, 2 * reach + 1) - reach
        out = _shift_axis(out, shift, axis, size)
    return out


def _cutout(x, seed):
    height, width = x.shape[1], x.shape[2]
    inside = []
    for size, name in ((height, "cutout_rows"), (width, "cutout_cols")):
        side = int(size * CUTOUT_RATIO + 0.5)
        centre = _offsets(x, seed, name, size + (1 - side % 2))
        start = centre - side // 2
        grid = tf.range(size)[None, :]
        inside.append((grid >= start) & (grid < start + side))  # (batch, size)
    hole = inside[0][:, :, None] & inside[1][:, None, :]
    return x * tf.cast(~hole, x.dtype)[..., None]


POLICIES = {"color": (_brightness, _saturation, _contrast), "translation": (_translation,),
            "cutout": (_cutout,)}


def parse_policy(policy):
    """A policy as a comma-separated string (``"translation,cutout"``) or a list of names →
    the canonical string (``""`` for none), every name checked."""
    if policy is None:
        return ""
    if isinstance(policy, str):
        names = [n.strip() for n in policy.split(",") if n.strip()]
    elif isinstance(policy, (list, tuple)) and all(isinstance(n, str) for n in policy):
        names = list(policy)
    else:
        raise InvalidInputError(
            f"augment must be a comma-separated string or a list of policy names from "
            f"{sorted(POLICIES)}; got {policy!r}."
        )
    unknown = [n for n in names if n not in POLICIES]
    if unknown:
        raise InvalidInputError(
            f"unknown augment policies {unknown}; known: {sorted(POLICIES)} "
            "(e.g. augment='translation,cutout')."
        )
    if len(set(names)) != len(names):
        raise InvalidInputError(f"augment names a policy twice: {names!r}.")
    return ",".join(names)


def diff_augment(x, policy, seed):
    """``x`` (NHWC images) through the policy's transforms in order, each drawing from
    its own stream below ``seed`` (a ``(2,)`` stateless seed)."""
    for name in parse_policy(policy).split(",") if policy else ():
        for transform in POLICIES[name]:
            x = transform(x, stream(seed, name))
    return x
