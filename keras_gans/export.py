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

    def endpoint(fn):
        def serve(*args):
            samples = fn(*args)
            if isinstance(samples, (tuple, list)):  # CoGAN's pairs
                return {"images_a": convert(samples[0]), "images_b": convert(samples[1])}
            return {"images": convert(samples)}

        return serve

    archive = keras.export.ExportArchive()
    for net in model.inference_nets().values():
        archive.track(net)
    for name, (fn, signature) in model.serving_endpoints().items():
        archive.add_endpoint(name, endpoint(fn), input_signature=signature)

    return saving.export(archive, filepath, overwrite=overwrite, verbose=False)
