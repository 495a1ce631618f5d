"""SavedModel export for serving: ``model.export(path)`` on any keras_gans model.

The SavedModel's signatures come from the model's ``serving_endpoints()`` hook:
``serving_default`` is a latent batch → images for unconditional models, latents + labels
→ images for conditional ones, images of domain a → domain b for translators (which add
a ``b2a`` signature), and a latent batch → a pair for CoGAN. Outputs are
``{"images": ...}`` (``{"images_a", "images_b"}`` for pairs), float32 in the data range
or uint8 in [0, 255]. Only the inference nets are saved (no discriminator, no optimizer
state).

The folder is written through :func:`keras_gans.saving.export` (a temporary name, then
a rename), so a crash never leaves a half-written SavedModel under the final name.
"""

import os

import keras
import tensorflow as tf

from keras_gans import saving
from keras_gans.errors import InvalidInputError

OUTPUTS = ("float32", "uint8")


def to_uint8_tensor(images):
    """Images in [-1, 1] → uint8 in [0, 255] (rounded, clipped), in-graph."""
    scaled = tf.clip_by_value((tf.cast(images, tf.float32) + 1.0) * 127.5, 0.0, 255.0)
    return tf.cast(tf.round(scaled), tf.uint8)


def _input_shape_check(arg, spec):
    """``(ok, assert op factory)``: whether a served input's runtime shape fits its
    signature, which ``signatures[...]`` calls do not enforce."""
    expected = "(" + ", ".join("batch" if d is None else str(d) for d in spec.shape) + ")"
    shape = tf.shape(arg, out_type=tf.int64)
    got = tf.strings.reduce_join(tf.strings.as_string(shape), separator=", ")
    # Graph optimisers fold tf.rank / tf.size(shape) to the signature's rank, so the
    # rank is counted on the printed shape, which they cannot fold.
    rank = len(spec.shape)
    ok = tf.equal(tf.size(tf.strings.split(got, ", ")), rank)
    known = [(i, d) for i, d in enumerate(spec.shape) if d is not None]
    if known:
        padded = tf.concat([shape, tf.zeros([rank], tf.int64)], 0)
        ok = tf.logical_and(ok, tf.reduce_all(tf.equal(
            tf.gather(padded, [i for i, _ in known]), [d for _, d in known])))
    return ok, lambda: tf.debugging.Assert(ok, [tf.strings.join(
        [f"{spec.name} must be {expected}; got (", got, ")"])])


def _with_input_check(fn, signature):
    """``fn`` behind a check of its inputs' shapes: a wrong latent width fails as "latent
    must be (batch, 64); got (8, 32)", not as a MatMul size error. The nets run only in
    the branch where every shape fits (graph optimisers may reorder a plain assert after
    them); the other branch fails its assert and never returns."""
    def checked(*args):
        checks = [_input_shape_check(arg, spec) for arg, spec in zip(args, signature)]

        def refuse():
            with tf.control_dependencies([make() for _, make in checks]):
                empty = [tf.zeros([0 if d is None else d for d in spec.shape], spec.dtype)
                         for spec in signature]  # the outputs' structure, with no data
                return fn(*empty)

        return tf.cond(tf.reduce_all([ok for ok, _ in checks]), lambda: fn(*args), refuse)

    return checked


def export_saved_model(model, filepath, output="float32", overwrite=False):
    """Writes ``model``'s ``serving_default`` SavedModel to ``filepath`` (atomically).

    Args:
        model: a keras_gans model (anything with ``serving_endpoints`` and
            ``inference_nets``).
        filepath: the folder to create.
        output: ``"float32"`` or ``"uint8"`` (images only).
        overwrite: replace an existing ``filepath``; otherwise an existing one is an error.

    Returns:
        ``filepath``.
    """
    if output not in OUTPUTS:
        raise InvalidInputError(f"output must be one of {OUTPUTS}; got {output!r}.")
    filepath = os.fspath(filepath).rstrip("/") or "/"
    if os.path.exists(filepath) and not overwrite:  # before tracing anything
        raise InvalidInputError(
            f"{filepath!r} already exists; pass overwrite=True to replace it.")
    data_shape = getattr(model, "data_shape", None)
    if output == "uint8" and data_shape is not None and len(data_shape) != 3:
        raise InvalidInputError(
            f"output='uint8' is for images; this model produces samples of shape "
            f"{data_shape} (use output='float32').")

    def convert(samples):
        return to_uint8_tensor(samples) if output == "uint8" else samples

    def endpoint(fn, signature):
        def serve(*args):
            samples = _with_input_check(fn, signature)(*args)
            if isinstance(samples, (tuple, list)):  # CoGAN's pairs
                return {"images_a": convert(samples[0]), "images_b": convert(samples[1])}
            return {"images": convert(samples)}

        return serve

    archive = keras.export.ExportArchive()
    for net in model.inference_nets().values():
        archive.track(net)
    for name, (fn, signature) in model.serving_endpoints().items():
        archive.add_endpoint(name, endpoint(fn, signature), input_signature=signature)

    return saving.export(archive, filepath, overwrite=overwrite, verbose=False)
