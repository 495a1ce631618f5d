"""Feature extractors: the protocol every metric's network follows, and their names.

Extractor protocol. An extractor is a callable object with

* ``extractor_id`` (str): names the network *and* its weights; numbers computed with
  different ids are never compared;
* ``image_shape``: the ``(H, W, C)`` it expects; ``feature_dim`` (int);
* ``__call__(images, batch_size=...) -> dict`` with ``"features"`` ``(N, feature_dim)``
  and, for classifiers, ``"probs"`` ``(N, num_classes)``; ``images`` are float
  ``(N, H, W, C)`` in the generator range [-1, 1], and bad input raises
  :class:`~keras_gans.errors.InvalidInputError`.

:func:`get_extractor` resolves ``"mnist"`` (the shipped classifier,
:class:`keras_gans.metrics.mnist_classifier.MNISTExtractor`) and ``"inception"``
(:class:`keras_gans.metrics.inception.InceptionExtractor`).
"""

from keras_gans.errors import InvalidInputError, UnknownNameError

__all__ = ["get_extractor"]

_EXTRACTORS = {
    "mnist": ("keras_gans.metrics.mnist_classifier", "MNISTExtractor"),
    "inception": ("keras_gans.metrics.inception", "InceptionExtractor"),
}


def get_extractor(extractor="mnist", **kwargs):
    """Resolves an extractor name (or checks an extractor object).

    Args:
        extractor: ``"mnist"`` (the shipped MNIST classifier: 128-d features and
            10-class probabilities of 28×28×1 images), ``"inception"`` (InceptionV3
            pool features, 2048-d; ImageNet weights must be cached offline), a
            ``keras.Model`` (wrapped in :class:`KerasModelExtractor`), or an object
            following the extractor protocol (returned unchanged).
        **kwargs: passed to the extractor's constructor (e.g. ``weights=...``, or
            ``feature_layer=``/``probs_output=`` for a ``keras.Model``).

    Returns:
        The extractor object.

    Raises:
        UnknownNameError: unknown name.
        InvalidInputError: an object missing ``extractor_id`` / ``feature_dim`` or
            not callable.

    Example:
        >>> extractor = get_extractor("inception", weights="/data/inception_notop.h5")
    """
    if isinstance(extractor, str):
        if extractor not in _EXTRACTORS:
            raise UnknownNameError(
                f"Unknown extractor {extractor!r}; known: {sorted(_EXTRACTORS)}, or pass an "
                "object with extractor_id, feature_dim and __call__(images, batch_size)."
            )
        import importlib

        module, name = _EXTRACTORS[extractor]
        return getattr(importlib.import_module(module), name)(**kwargs)
    if _is_keras_model(extractor):  # a user's keras.Model: wrap it in the protocol
        from keras_gans.metrics.keras_extractor import KerasModelExtractor

        return KerasModelExtractor(extractor, **kwargs)
    if kwargs:
        raise InvalidInputError(
            f"get_extractor: keyword arguments {sorted(kwargs)} only apply to an extractor "
            f"name or a keras.Model; got an object of type {type(extractor).__name__}."
        )
    _check_extractor(extractor)
    return extractor


def _is_keras_model(obj):
    import sys

    keras = sys.modules.get("keras")  # a keras.Model can only exist if keras is imported
    return keras is not None and isinstance(obj, keras.Model)


def _check_extractor(extractor):
    missing = [a for a in ("extractor_id", "feature_dim") if not hasattr(extractor, a)]
    if missing or not callable(extractor):
        raise InvalidInputError(
            f"An extractor must be callable with attributes extractor_id and feature_dim; "
            f"got {type(extractor).__name__}"
            + (f" without {missing}" if missing else " (not callable)") + "."
        )
    if not isinstance(extractor.extractor_id, str) or not extractor.extractor_id:
        raise InvalidInputError(
            f"extractor.extractor_id must be a non-empty string; got "
            f"{extractor.extractor_id!r}."
        )
