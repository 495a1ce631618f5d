"""A small MNIST classifier shipped with the package: the offline "MNIST extractor".

MNIST-family presets cannot use Inception features on machines without internet, so
FID / KID / Inception Score / precision-recall for 28×28 digits are computed on the
features and class probabilities of this CNN instead (and it labels generated digits:
class accuracy of conditional GANs, class coverage).

Architecture (about 0.1 M parameters, ~0.5 MB of float32 weights)::

    (28, 28, 1) in [-1, 1]
    conv3×3 32 → BN → ReLU → maxpool 2
    conv3×3 64 → BN → ReLU → maxpool 2
    conv3×3 128 → BN → ReLU → global average pool
    dense 128 → ReLU          ← layer "features" (the 128-d embedding)
    dropout 0.25 → dense 10 → softmax   ← layer "probs"

It is trained by ``zoo/recipes/train_mnist_classifier.py`` on the 60k MNIST train split;
its test accuracy, sha256 and the exact command are in ``zoo/recipes/mnist_classifier.json``.

Numbers computed with different extractors are not comparable: every result should be
stored with :attr:`MNISTExtractor.extractor_id`, which names the shipped weights
(``"mnist_cnn_v1"``) or, for other weights, their sha256.

Keras/TensorFlow are imported on first use, so ``import keras_gans.metrics`` stays light.
"""

import os

import numpy as np

from keras_gans._checks import check_positive_int
from keras_gans.batching import run_batched
from keras_gans.errors import ChecksumError, InvalidInputError
from keras_gans.metrics._validation import check_generator_images
from keras_gans.saving import file_sha256

__all__ = [
    "DEFAULT_WEIGHTS",
    "EXTRACTOR_ID",
    "FEATURE_LAYER",
    "IMAGE_SHAPE",
    "MNISTExtractor",
    "WEIGHTS_SHA256",
    "build_mnist_classifier",
    "load_mnist_classifier",
]

IMAGE_SHAPE = (28, 28, 1)
NUM_CLASSES = 10
FEATURE_DIM = 128
FEATURE_LAYER = "features"
DEFAULT_WEIGHTS = os.path.join(os.path.dirname(__file__), "weights",
                               "mnist_classifier.weights.h5")
# Identity of the shipped weights. If the weights are retrained, update WEIGHTS_SHA256
# (printed by the training recipe and recorded in zoo/recipes/mnist_classifier.json)
# AND bump EXTRACTOR_ID: metric values computed with different weights must not share
# an id.
EXTRACTOR_ID = "mnist_cnn_v1"
WEIGHTS_SHA256 = "bb1ad16c46cb7e716700f2b42c249cd50a08a0f5688e15003f3cb0e81d096e82"

# Generated images may overshoot [-1, 1] by float round-off (e.g. after resizing).
_RANGE_TOLERANCE = 1e-3


def build_mnist_classifier(dropout=0.25):
    """Builds the (untrained) classifier as a functional Keras model.

    Only built-in layers are used (no ``Lambda``), so a saved ``.keras`` file loads
    under ``safe_mode=True``.

    Args:
        dropout: dropout rate between the feature layer and the classifier head
            (training only).

    Returns:
        A ``keras.Model`` mapping ``(N, 28, 28, 1)`` images in [-1, 1] to ``(N, 10)``
        softmax probabilities; the 128-d embedding is the output of the layer named
        ``"features"``.

    Example:
        >>> model = build_mnist_classifier()
        >>> model.get_layer("features").output.shape
        (None, 128)
    """
    import keras
    from keras import layers

    inputs = keras.Input(IMAGE_SHAPE, name="images")
    x = inputs
    for i, filters in enumerate((32, 64, 128), start=1):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv{i}")(x)
        x = layers.BatchNormalization(name=f"bn{i}")(x)
        x = layers.ReLU(name=f"relu{i}")(x)
        if i < 3:
            x = layers.MaxPooling2D(2, name=f"pool{i}")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    features = layers.Dense(FEATURE_DIM, activation="relu", name=FEATURE_LAYER)(x)
    x = layers.Dropout(dropout, name="dropout")(features)
    probs = layers.Dense(NUM_CLASSES, activation="softmax", name="probs")(x)
    return keras.Model(inputs, probs, name="mnist_classifier")


def load_mnist_classifier(weights=None):
    """Builds the classifier and loads its weights.

    Args:
        weights: path of a ``.weights.h5`` file; ``None`` (default) loads the weights
            shipped with the package (``keras_gans/metrics/weights/``), after checking
            their sha256.

    Returns:
        The trained ``keras.Model`` (outputs softmax probabilities; see
        :func:`build_mnist_classifier`).

    Raises:
        InvalidInputError: the file is missing, not a Keras ``.weights.h5`` file, corrupt
            or holds weights of another architecture.
        ChecksumError: the shipped weights file does not have the expected sha256 (a
            damaged installation).

    Example:
        >>> model = load_mnist_classifier()
        >>> model.output.shape
        (None, 10)
    """
    path = DEFAULT_WEIGHTS if weights is None else os.fspath(weights)
    if not os.path.isfile(path):
        raise InvalidInputError(
            f"MNIST classifier weights not found at {path!r}"
            + (" (the file ships with keras_gans; reinstall the package)." if weights is None
               else "; expected a .weights.h5 file written by "
                    "zoo/recipes/train_mnist_classifier.py.")
        )
    if not path.endswith(".weights.h5"):
        raise InvalidInputError(
            f"MNIST classifier weights must be a Keras '.weights.h5' file; got {path!r}."
        )
    if weights is None:
        actual = file_sha256(path)
        if actual != WEIGHTS_SHA256:
            raise ChecksumError(
                f"The shipped MNIST classifier weights {path} have sha256 {actual}; "
                f"expected {WEIGHTS_SHA256} (extractor {EXTRACTOR_ID!r}). The file is "
                "damaged or was retrained without updating WEIGHTS_SHA256/EXTRACTOR_ID."
            )
    model = build_mnist_classifier()
    try:
        model.load_weights(path)
    except Exception as e:  # h5py raises OSError, Keras ValueError, ... on bad files
        raise InvalidInputError(
            f"Could not load MNIST classifier weights from {path!r} (corrupt, or not "
            f"weights of this architecture): {type(e).__name__}: {e}"
        ) from None
    return model


def _shape_hint(x):
    if x.ndim == 4 and x.shape[1:3] == IMAGE_SHAPE[:2]:
        return " (grayscale only: one channel)"
    if x.ndim == 2 and x.shape[1:] == (28 * 28,):
        return " (reshape flat vectors to (N, 28, 28, 1))"
    return ""


def _check_images(images):
    """Validates generator-range MNIST images; returns float32 ``(N, 28, 28, 1)``."""
    return check_generator_images(
        images, "MNIST extractor expects (N, 28, 28, 1) images in [-1, 1]",
        shape_ok=lambda x: x.ndim == 4 and x.shape[1:] == IMAGE_SHAPE,
        shape_hint=_shape_hint, add_channel=True, tolerance=_RANGE_TOLERANCE)


class MNISTExtractor:
    """Features and class probabilities of 28×28 digits, for FID/KID/IS/PR on MNIST.

    Input convention: float images in the generator range [-1, 1], shape
    ``(N, 28, 28, 1)`` (``(N, 28, 28)`` is accepted). Real data must be scaled the same
    way (uint8 ``x / 127.5 - 1``), or real and generated features are not comparable.

    Attributes:
        extractor_id: ``"mnist_cnn_v1"`` for the shipped weights; for other weights
            ``"mnist_cnn_sha256:<first 16 hex digits>"``. Store it next to every metric.
        image_shape: ``(28, 28, 1)``.
        feature_dim: 128.
        num_classes: 10.

    Example:
        >>> from keras_gans.data import load_default
        >>> from keras_gans.metrics import frechet_distance
        >>> extractor = MNISTExtractor()
        >>> images, labels = load_default()
        >>> real = extractor(images[:5000] / 127.5 - 1)
        >>> fake = extractor(images[5000:] / 127.5 - 1)  # or gan.generate(5000)
        >>> real["features"].shape, real["probs"].shape
        ((5000, 128), (5000, 10))
        >>> def stats(f):
        ...     return f.mean(axis=0), np.cov(f, rowvar=False)
        >>> fid = frechet_distance(*stats(real["features"]), *stats(fake["features"]))
        >>> accuracy = (extractor.predict_labels(images[5000:] / 127.5 - 1)
        ...             == labels[5000:]).mean()
    """

    extractor_id = EXTRACTOR_ID
    image_shape = IMAGE_SHAPE
    feature_dim = FEATURE_DIM
    num_classes = NUM_CLASSES

    def __init__(self, weights=None):
        """Loads the classifier.

        Args:
            weights: ``None`` for the shipped weights, or a ``.weights.h5`` path.

        Raises:
            InvalidInputError, ChecksumError: see :func:`load_mnist_classifier`.
        """
        import keras

        self.model = load_mnist_classifier(weights)
        if weights is not None:
            sha = file_sha256(os.fspath(weights))
            self.extractor_id = (EXTRACTOR_ID if sha == WEIGHTS_SHA256
                                 else f"mnist_cnn_sha256:{sha[:16]}")
        self._both = keras.Model(
            self.model.input,
            [self.model.get_layer(FEATURE_LAYER).output, self.model.outputs[0]],
            name="mnist_extractor",
        )

    def __call__(self, images, batch_size=500):
        """Computes the embedding and class probabilities.

        Args:
            images: float ``(N, 28, 28, 1)`` or ``(N, 28, 28)`` in [-1, 1].
            batch_size: images per forward pass (memory only; results do not depend
                on it beyond float round-off).

        Returns:
            ``{"features": (N, 128) float32, "probs": (N, 10) float32}`` — the
            post-ReLU penultimate activations and the softmax probabilities.

        Raises:
            InvalidInputError: wrong shape or channels, empty, NaN/Inf, values outside
                [-1, 1] (e.g. uint8 0–255), or a bad ``batch_size``.
        """
        batch_size = check_positive_int("batch_size", batch_size)
        x = _check_images(images)
        features, probs = run_batched(lambda part: self._both(x[part], training=False),
                                      len(x), batch_size)
        return {"features": features, "probs": probs}

    def predict_labels(self, images, batch_size=500):
        """The most likely digit of each image.

        Args:
            images, batch_size: as for :meth:`__call__`.

        Returns:
            int64 ``(N,)`` class indices in 0–9.
        """
        return np.argmax(self(images, batch_size)["probs"], axis=1).astype(np.int64)

    def __repr__(self):
        return (f"MNISTExtractor(extractor_id={self.extractor_id!r}, "
                f"feature_dim={self.feature_dim})")
