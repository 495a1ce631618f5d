"""Class-level metrics of generated samples, judged by a classifier.

For conditional generators: does a sample of intended class ``y`` look like ``y``
(:func:`class_accuracy`)? For any generator of labelled data: are all classes produced,
and in balanced proportions (:func:`class_histogram_kl`, :func:`class_coverage`: mode
dropping seen through a classifier, as in the MNIST mode counts of Unrolled GAN /
VEEGAN / PacGAN, which use a pretrained MNIST classifier).

Pure NumPy; the classifier is an extractor (see :mod:`keras_gans.metrics.evaluation`)
that returns ``"probs"``.
"""

import numpy as np
import scipy.special

from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_positive_int

__all__ = ["class_accuracy", "class_coverage", "class_histogram_kl", "predicted_classes"]


def _labels_from(values, name, num_classes=None):
    """Integer labels from ``(N,)`` labels or ``(N, K)`` probabilities / one-hot rows."""
    try:
        x = np.asarray(values)
    except Exception as e:
        raise InvalidInputError(
            f"{name} must be an array of labels (N,) or probabilities (N, K): {e}"
        ) from None
    if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool) \
            or np.iscomplexobj(x):
        raise InvalidInputError(f"{name} must be real numbers; got dtype {x.dtype}.")
    if x.ndim == 2:
        if num_classes is not None and x.shape[1] != num_classes:
            raise InvalidInputError(
                f"{name} has {x.shape[1]} class columns; expected num_classes={num_classes}."
            )
        if not np.all(np.isfinite(x)):
            raise InvalidInputError(f"{name} must be finite (probabilities or one-hot rows).")
        labels = np.argmax(x, axis=1)
    elif x.ndim == 1:
        if not np.issubdtype(x.dtype, np.integer) and not np.all(np.mod(x, 1) == 0):
            raise InvalidInputError(
                f"{name} as a 1-D array must hold integer class labels; got dtype {x.dtype} "
                "with non-integer values."
            )
        labels = x.astype(np.int64)
        if num_classes is not None and len(labels) and (
                labels.min() < 0 or labels.max() >= num_classes):
            raise InvalidInputError(
                f"{name} must be labels in [0, {num_classes - 1}]; got values in "
                f"[{labels.min()}, {labels.max()}]."
            )
    else:
        raise InvalidInputError(
            f"{name} must be labels (N,) or probabilities (N, num_classes); got shape "
            f"{x.shape}."
        )
    if len(labels) == 0:
        raise InvalidInputError(f"{name} is empty (shape {x.shape}).")
    return labels.astype(np.int64)


def predicted_classes(images, classifier, batch_size=500):
    """The classifier's most likely class of each image.

    Args:
        images: float ``(N, H, W, C)`` in [-1, 1].
        classifier: an extractor returning ``{"probs": (N, K), ...}`` (e.g.
            ``MNISTExtractor()``), a name for :func:`get_extractor` (``"mnist"``), or a
            callable returning the ``(N, K)`` probabilities directly.
        batch_size: images per classifier call.

    Returns:
        int64 ``(N,)`` class indices.
    """
    if isinstance(classifier, str):
        from keras_gans.metrics.extractors import get_extractor

        classifier = get_extractor(classifier)
    out = classifier(images, batch_size=batch_size)
    if isinstance(out, dict):
        if out.get("probs") is None:
            raise InvalidInputError(
                f"classifier {getattr(classifier, 'extractor_id', classifier)!r} returns no "
                f"'probs' (keys {sorted(out)}); class metrics need a classifier."
            )
        out = out["probs"]
    return _labels_from(out, "classifier output")


def class_accuracy(images, labels, classifier, batch_size=500):
    """Fraction of samples the classifier assigns to their intended class.

    Args:
        images: generated images ``(N, H, W, C)`` in [-1, 1] (e.g. of a conditional
            generator asked for ``labels``).
        labels: intended classes, int ``(N,)`` or one-hot ``(N, K)``.
        classifier: see :func:`predicted_classes`.
        batch_size: images per classifier call.

    Returns:
        Accuracy in [0, 1] (Python float).

    Raises:
        InvalidInputError: mismatched lengths, bad labels, or a classifier without
            probabilities.

    Example:
        >>> labels = np.repeat(np.arange(10), 100)
        >>> images = cgan.generate(len(labels), labels=labels)
        >>> class_accuracy(images, labels, "mnist")  # ≈ 0.98 for a good cGAN

    Reference:
        Odena et al., "Conditional Image Synthesis with Auxiliary Classifier GANs",
        ICML 2017 (classifier accuracy of class-conditional samples).
    """
    intended = _labels_from(labels, "labels")
    if len(intended) != len(images):
        raise InvalidInputError(
            f"images and labels must have the same length; got {len(images)} images and "
            f"{len(intended)} labels."
        )
    predicted = predicted_classes(images, classifier, batch_size)
    return float(np.mean(predicted == intended))


def _histogram(probs_or_labels, num_classes):
    num_classes = check_positive_int("num_classes", num_classes)
    labels = _labels_from(probs_or_labels, "probs_or_labels", num_classes)
    # Counts of classes 0..max label only: absent classes add nothing to either metric,
    # and a K-long array would be allocated for any K given.
    return np.bincount(labels), len(labels), num_classes


def class_histogram_kl(probs_or_labels, num_classes=10):
    """KL(histogram of predicted classes ‖ uniform): 0 when balanced, log K for one class.

    ``p_k`` is the fraction of samples whose predicted class (argmax of probabilities,
    or the given label) is ``k``; ``KL = Σ_k p_k log(p_k K)`` with ``0 log 0 = 0`` (no
    smoothing). Unlike the Inception Score, it looks only at which classes are
    produced, so it isolates mode dropping and imbalance.

    Args:
        probs_or_labels: class probabilities ``(N, num_classes)`` or labels ``(N,)``.
        num_classes: number of classes K.

    Returns:
        The KL divergence in nats, in ``[0, log K]`` (Python float).

    Raises:
        InvalidInputError: empty input, labels out of range, wrong number of columns.

    Example:
        >>> class_histogram_kl([0, 0, 1, 1], num_classes=2)
        0.0
        >>> class_histogram_kl([0, 0, 0, 0], num_classes=2)  # log 2
        0.6931471805599453

    Reference:
        Srivastava et al., "VEEGAN", NeurIPS 2017; Lin et al., "PacGAN", NeurIPS 2018
        (KL of the mode histogram to uniform).
    """
    counts, n, num_classes = _histogram(probs_or_labels, num_classes)
    p = counts / n
    return float(np.sum(scipy.special.rel_entr(p, np.full(len(p), 1.0 / num_classes))))


def class_coverage(probs_or_labels, num_classes=10, min_fraction=0.0):
    """Number of classes produced: predicted for at least ``min_fraction`` of samples.

    Args:
        probs_or_labels: class probabilities ``(N, num_classes)`` or labels ``(N,)``.
        num_classes: number of classes K.
        min_fraction: a class counts when its share of the samples is at least this
            (and it is predicted at least once); ``0`` counts every class predicted at
            least once, ``0.1 / K`` ignores classes at under a tenth of their uniform
            share.

    Returns:
        Number of covered classes, an int in ``[0, K]``.

    Example:
        >>> class_coverage([0, 0, 0, 1], num_classes=3)
        2
        >>> class_coverage([0, 0, 0, 1], num_classes=3, min_fraction=0.5)
        1
    """
    if isinstance(min_fraction, bool) or not isinstance(min_fraction, (int, float)) or \
            not 0.0 <= min_fraction <= 1.0:
        raise InvalidInputError(f"min_fraction must be a number in [0, 1]; got {min_fraction!r}.")
    counts, n, _ = _histogram(probs_or_labels, num_classes)
    return int(np.count_nonzero((counts > 0) & (counts / n >= min_fraction)))
