"""Inference-net weights files: a model's generator (plus encoder, or both translators)
in one ``.weights.h5``, the form the zoo ships and preset folders hold."""

from keras_gans.errors import InvalidInputError, first_line


def _InferenceBundle(nets):  # noqa: N802 - stands for the class it makes
    """A container whose ``.weights.h5`` holds several nets under their names (Keras is
    imported here, so naming and describing presets needs no TensorFlow)."""
    import keras

    class _Bundle(keras.Model):
        def __init__(self, nets):
            super().__init__()
            for key, net in nets.items():
                setattr(self, key, net)
            self.built = True

    return _Bundle(nets)


def save_inference_weights(model, path, storage_dtype="float16"):
    """Writes the model's inference nets (``model.inference_nets()``) to one
    ``.weights.h5`` file, atomically.

    ``storage_dtype="float16"`` (the default; what the zoo ships) halves the file: the
    values are rounded to float16 and cast back to float32 on loading. The shipped metrics
    are measured after that rounding (``zoo/recipes/train_preset.py``). ``None`` keeps the
    variables' own precision.
    """
    from keras_gans import saving

    return saving.save_weights(_InferenceBundle(model.inference_nets()), path,
                               storage_dtype=storage_dtype)


def load_inference_weights(model, path):
    """Loads a file written by :func:`save_inference_weights` into ``model``.

    Every net variable must come from the file: Keras warns "Skipping nested container …
    Affected layers will retain their freshly-initialized weights" on a file that lacks
    some, then fails on the missing variables. Its warnings are kept from the user (the
    error says it all), and should a load ever complete after such a warning it is
    refused too, so no layer is left at its initial weights.
    """
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _InferenceBundle(model.inference_nets()).load_weights(path)
            failure = None
        except (ValueError, KeyError, OSError) as e:
            failure = first_line(e)
    skipped = [str(w.message) for w in caught if "freshly-initialized" in str(w.message)]
    if failure is None and skipped:
        failure = skipped[0]
    if failure is not None:
        raise InvalidInputError(f"{path} does not hold weights for this model's nets "
                                f"{sorted(model.inference_nets())}: {failure}")
    for w in caught:  # anything else Keras had to say
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return model
