"""Any ``keras.Model`` as a feature extractor (the protocol of :mod:`.evaluation`)."""

import hashlib

import numpy as np

from keras_gans.batching import run_batched
from keras_gans.errors import InvalidInputError
from keras_gans.metrics._validation import check_generator_images


class KerasModelExtractor:
    """Wraps a user ``keras.Model`` so ``evaluate`` can compute FID/KID/PR on its features.

    Args:
        model: a ``keras.Model`` taking images in [-1, 1] of its ``input_shape``.
        extractor_id: a name for the feature space, recorded with every number; default
            ``keras_<model name>_<sha256 of the weights, 12 hex>`` so that different
            weights never share an id.
        feature_layer: name of the layer whose output is the feature vector (flattened);
            default: the model's output.
        probs_output: the model's output is a class-probability vector (softmax): it is
            also returned as ``"probs"`` (for Inception Score and class metrics).

    Example:
        >>> extractor = KerasModelExtractor(my_classifier, feature_layer="penultimate",
        ...                                 probs_output=True)
        >>> keras_gans.metrics.evaluate(gan, x_test, extractor=extractor)
    """

    def __init__(self, model, extractor_id=None, feature_layer=None, probs_output=False):
        import keras

        if not isinstance(model, keras.Model):
            raise InvalidInputError(
                f"KerasModelExtractor needs a keras.Model; got {type(model).__name__}."
            )
        self.model = model
        if feature_layer is None:
            self._features = model
        else:
            try:
                layer = model.get_layer(feature_layer)
            except ValueError:
                names = [layer.name for layer in model.layers]
                raise InvalidInputError(
                    f"{model.name} has no layer {feature_layer!r}; layers: {names}."
                ) from None
            self._features = keras.Model(model.inputs, layer.output)
        self.probs_output = bool(probs_output)
        self.image_shape = tuple(model.input_shape[1:])
        self.feature_dim = int(np.prod(self._features.output_shape[1:]))
        if extractor_id is None:
            digest = hashlib.sha256()
            for w in model.get_weights():
                digest.update(np.ascontiguousarray(w).tobytes())
            extractor_id = f"keras_{model.name}_{digest.hexdigest()[:12]}"
        self.extractor_id = extractor_id

    def __call__(self, images, batch_size=500):
        expected = (f"{self.extractor_id} expects (N, {', '.join(map(str, self.image_shape))}) "
                    "images in [-1, 1]")
        x = check_generator_images(images, expected,
                                   shape_ok=lambda a: tuple(a.shape[1:]) == self.image_shape)
        out = {"features": run_batched(
            lambda part: self._features(x[part], training=False), len(x), batch_size
        ).reshape(len(x), -1)}
        if self.probs_output:
            out["probs"] = run_batched(lambda part: self.model(x[part], training=False),
                                       len(x), batch_size)
        return out
