"""InceptionV3 pool features (2048-d) for FID / KID / precision-recall on natural images.

The extractor follows the protocol of :mod:`keras_gans.metrics.evaluation`: a callable
with ``extractor_id``, ``image_shape``, ``feature_dim`` that maps float images in the
generator range [-1, 1], shape ``(N, H, W, C)`` with ``C`` 1 or 3, to
``{"features": (N, 2048)}``. Images are resized bilinearly to 299×299 and grayscale is
repeated to 3 channels; [-1, 1] is already the input range of Keras' InceptionV3
(``preprocess_input`` in ``"tf"`` mode), so no rescaling is needed.

Weights. ``"imagenet"`` are Keras' ImageNet weights
(``inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5``, 87 MB, md5
``bcbd6486…``). They are downloaded on first use, which is impossible offline: the
file is looked for in Keras' cache first (``$KERAS_HOME/models``, ``~/.keras/models``,
``/tmp/.keras/models``), and when it is absent and the download host does not answer a
:class:`~keras_gans.errors.DatasetUnavailableError` says how to provide it.

Comparability. FID papers use the TF1 ``pt_inception-2015-12-05`` graph (TTUR,
pytorch-fid, clean-fid); Keras' ImageNet InceptionV3 is a different network, so values
computed here are comparable with each other (same ``extractor_id``), not with published
FIDs.

Keras/TensorFlow are imported on first use, so ``import keras_gans.metrics`` stays light.
"""

import hashlib
import numbers
import os

import numpy as np

from keras_gans._checks import check_positive_int
from keras_gans.batching import run_batched
from keras_gans.errors import DatasetUnavailableError, InvalidInputError
from keras_gans.metrics._validation import check_generator_images

__all__ = ["InceptionExtractor", "IMAGENET_WEIGHTS_FILE", "IMAGENET_WEIGHTS_URL"]

IMAGE_SIZE = 299
FEATURE_DIM = 2048
IMAGENET_WEIGHTS_FILE = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"
IMAGENET_WEIGHTS_URL = (
    "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
    + IMAGENET_WEIGHTS_FILE
)
# md5 Keras checks for this file (keras/src/applications/inception_v3.py).
IMAGENET_WEIGHTS_MD5 = "bcbd6486424b2319ff4ef7d526e38f63"
_ID_PREFIX = "inception_v3_pool3"
_DOWNLOAD_HOST = ("storage.googleapis.com", 443)
# Resized images may overshoot [-1, 1] by float round-off.
_RANGE_TOLERANCE = 1e-3


def _file_digest(path, algorithm):
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def keras_cache_candidates():
    """Where Keras' ``get_file`` keeps (or falls back to) ``models/`` files, in order.

    ``$KERAS_HOME`` is read now, not when Keras was imported, so a changed environment
    is honoured.
    """
    homes = []
    if os.environ.get("KERAS_HOME"):
        homes.append(os.environ["KERAS_HOME"])
    homes.append(os.path.join(os.path.expanduser("~"), ".keras"))
    homes.append(os.path.join("/tmp", ".keras"))  # Keras' fallback for a read-only home
    return [os.path.join(os.path.expanduser(h), "models", IMAGENET_WEIGHTS_FILE)
            for h in dict.fromkeys(homes)]


def _download_host_reachable(timeout=2.0):
    """Whether the Keras weights host answers (a fast check before a download)."""
    from keras_gans._network import host_reachable

    return host_reachable(*_DOWNLOAD_HOST, timeout=timeout)


def _resolve_weights(weights):
    """``weights`` argument → ``(value for keras.applications, extractor_id)``."""
    if weights is None:
        return None, None  # id computed from the drawn weights
    if isinstance(weights, os.PathLike) or (isinstance(weights, str) and weights != "imagenet"):
        path = os.fspath(weights)
        if not os.path.isfile(path):
            raise InvalidInputError(
                f"InceptionExtractor weights file {path!r} does not exist; expected "
                f"'imagenet', None, or the path of an .h5 weights file such as "
                f"{IMAGENET_WEIGHTS_FILE} (from {IMAGENET_WEIGHTS_URL})."
            )
        if _file_digest(path, "md5") == IMAGENET_WEIGHTS_MD5:
            return path, f"{_ID_PREFIX}_imagenet"
        return path, f"{_ID_PREFIX}_file-{_file_digest(path, 'sha256')[:12]}"
    if weights != "imagenet":
        raise InvalidInputError(
            f"InceptionExtractor weights must be 'imagenet', None or a file path; got "
            f"{weights!r}."
        )
    for path in keras_cache_candidates():
        if os.path.isfile(path):
            if _file_digest(path, "md5") != IMAGENET_WEIGHTS_MD5:
                raise InvalidInputError(
                    f"The cached InceptionV3 weights {path} do not have the expected md5 "
                    f"{IMAGENET_WEIGHTS_MD5} (truncated download?). Delete the file and "
                    f"download it again from {IMAGENET_WEIGHTS_URL}."
                )
            return path, f"{_ID_PREFIX}_imagenet"
    if not _download_host_reachable():
        raise DatasetUnavailableError(
            f"InceptionV3 ImageNet weights are not in Keras' cache "
            f"({', '.join(keras_cache_candidates())}) and their download host "
            f"{_DOWNLOAD_HOST[0]} is unreachable (offline?). On a connected machine "
            f"download {IMAGENET_WEIGHTS_URL} (87 MB, md5 {IMAGENET_WEIGHTS_MD5}), then "
            f"either pass its path, InceptionExtractor(weights='/path/to/"
            f"{IMAGENET_WEIGHTS_FILE}'), or copy it to {keras_cache_candidates()[0]}. "
            f"Offline MNIST-family metrics can use extractor='mnist' instead. Set "
            f"KERAS_GANS_ASSUME_ONLINE=1 to skip this check."
        )
    return "imagenet", f"{_ID_PREFIX}_imagenet"  # Keras downloads into its cache


def _check_images(images):
    """Validates generator-range images; returns float32 ``(N, H, W, C)``, C in {1, 3}."""
    return check_generator_images(
        images, "InceptionExtractor expects float (N, H, W, 1|3) images in [-1, 1]",
        shape_ok=lambda x: x.ndim == 4 and x.shape[-1] in (1, 3) and min(x.shape[1:3]) >= 1,
        tolerance=_RANGE_TOLERANCE)


class InceptionExtractor:
    """2048-d average-pool features of InceptionV3 (the FID / KID feature space).

    Args:
        weights: ``"imagenet"`` (Keras' ImageNet weights, from the Keras cache or
            downloaded), the path of an ``.h5`` weights file of the no-top model, or
            ``None`` for random weights (tests only: the features mean nothing, and two
            random instances have different ids).
        image_size: side of the square input the images are resized to (299).

    Attributes:
        extractor_id: ``"inception_v3_pool3_imagenet"`` for the ImageNet weights
            (from the cache or a file with their md5), ``"inception_v3_pool3_file-<sha256
            [:12]>"`` for other files, ``"inception_v3_pool3_random-<digest of the drawn
            weights>"`` for ``None``. Store it next to every number.
        image_shape: ``(299, 299, 3)``, the network input; any ``(H, W, 1|3)`` is
            accepted and resized.
        feature_dim: 2048.

    Raises:
        DatasetUnavailableError: ``"imagenet"`` weights are neither cached nor
            downloadable (offline); the message says how to provide the file.
        InvalidInputError: a weights path that does not exist or does not load.

    Example:
        >>> extractor = InceptionExtractor()          # needs the cached weights offline
        >>> out = extractor(gan.generate(64))        # (64, H, W, 3) in [-1, 1]
        >>> out["features"].shape
        (64, 2048)

    Reference:
        Szegedy et al., "Rethinking the Inception Architecture for Computer Vision",
        CVPR 2016; Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge
        to a Local Nash Equilibrium", NeurIPS 2017 (FID on its pool3 features).
    """

    feature_dim = FEATURE_DIM

    def __init__(self, weights="imagenet", image_size=IMAGE_SIZE):
        if isinstance(image_size, bool) or not isinstance(image_size, numbers.Integral) \
                or image_size < 75:
            raise InvalidInputError(
                f"image_size must be an int ≥ 75 (InceptionV3's minimum); got {image_size!r}."
            )
        self.image_size = int(image_size)
        self.image_shape = (self.image_size, self.image_size, 3)
        source, extractor_id = _resolve_weights(weights)

        import keras
        import tensorflow as tf

        try:
            self.model = keras.applications.InceptionV3(
                include_top=False, pooling="avg", weights=source,
                input_shape=self.image_shape,
            )
        except (OSError, ValueError) as e:
            raise InvalidInputError(
                f"Could not load InceptionV3 weights from {source!r} (expected the no-top "
                f"model's .h5 file, e.g. {IMAGENET_WEIGHTS_FILE}): {type(e).__name__}: {e}"
            ) from None
        if extractor_id is None:
            digest = hashlib.sha256()
            for w in self.model.weights:
                digest.update(np.asarray(w).tobytes())
            extractor_id = f"{_ID_PREFIX}_random-{digest.hexdigest()[:12]}"
        if self.image_size != IMAGE_SIZE:
            extractor_id += f"_{self.image_size}px"
        self.extractor_id = extractor_id
        self.weights = weights
        size = (self.image_size, self.image_size)
        model = self.model

        @tf.function(reduce_retracing=True)
        def forward(x):
            return model(tf.image.resize(x, size, method="bilinear"), training=False)

        self._forward = forward

    def __call__(self, images, batch_size=32):
        """Computes pool features.

        Args:
            images: float ``(N, H, W, 1|3)`` in [-1, 1].
            batch_size: images per forward pass (memory only).

        Returns:
            ``{"features": (N, 2048) float32}``.

        Raises:
            InvalidInputError: wrong rank or channel count, empty, NaN/Inf, or values
                outside [-1, 1] (e.g. uint8 0–255).
        """
        batch_size = check_positive_int("batch_size", batch_size)
        x = _check_images(images)
        if x.shape[-1] == 1:
            x = np.repeat(x, 3, axis=-1)
        return {"features": run_batched(lambda part: self._forward(x[part]), len(x),
                                        batch_size)}

    def __repr__(self):
        return f"InceptionExtractor(extractor_id={self.extractor_id!r})"
