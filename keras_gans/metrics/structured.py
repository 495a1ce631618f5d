"""Checks of what a structured model promises, scored by a classifier (MNIST's, here).

* conditional models (cgan, acgan): the classifier's label of ``generate(labels=c)``
  equals ``c`` (``label_accuracy``);
* InfoGAN: the categorical code maps to classes — best-permutation accuracy of code →
  classifier label (Hungarian matching; ``best_permutation_accuracy``, ``code_to_class``);
* encoder models (bigan, vaegan): the classifier's label of ``G(E(x))`` equals x's label
  (``reconstruction_label_accuracy``) and the reconstruction MSE.

Used by ``benchmarks/structured_mnist.py`` and the zoo recipe, so both report the same
numbers the same way.
"""

import numpy as np


def best_permutation_accuracy(codes, labels, k=10):
    """Accuracy of the best one-to-one map code → label, and that map."""
    from scipy.optimize import linear_sum_assignment

    confusion = np.zeros((k, k))
    np.add.at(confusion, (np.asarray(codes), np.asarray(labels)), 1)
    rows, cols = linear_sum_assignment(-confusion)
    return (float(confusion[rows, cols].sum() / len(codes)),
            dict(zip(rows.tolist(), cols.tolist())))


def kind_of(model):
    """``"conditional"``, ``"infogan"``, ``"encoder"`` or ``None`` (plain GAN)."""
    if hasattr(model, "labels_for"):
        return "conditional"
    if hasattr(model, "num_categories") or hasattr(model, "num_continuous"):
        return "infogan"
    if hasattr(model, "reconstruct"):
        return "encoder"
    return None


def structure_checks(model, x_test, y_test, classifier, num_samples=10_000, seed=1):
    """The model's structure checks and a 10×10 picture of them.

    Args:
        model: a structured keras_gans model (plain GANs give ``({}, None)``).
        x_test, y_test: labelled images in [-1, 1] (for encoder models).
        classifier: an object with ``predict_labels(images)`` (``MNISTExtractor``).
        num_samples: samples for the conditional / InfoGAN checks.
        seed: seed of those samples.

    Returns:
        ``(checks, grid_images)``: a dict of values and 100 images to show (classes by
        row for conditional/InfoGAN; input/reconstruction pairs for encoder models).
    """
    kind = kind_of(model)
    rows = np.repeat(np.arange(10), 10)
    if kind == "conditional":
        asked = np.arange(num_samples) % model.num_classes
        got = classifier.predict_labels(model.generate(num_samples, labels=asked, seed=seed))
        return ({"label_accuracy": float(np.mean(got == asked)),
                 "num_samples": num_samples},
                model.generate(100, labels=(rows % model.num_classes).tolist(), seed=seed))
    if kind == "infogan":
        cats = np.arange(num_samples) % 10
        got = classifier.predict_labels(model.generate(num_samples, categories=cats,
                                                       seed=seed))
        acc, mapping = best_permutation_accuracy(cats, got)
        return ({"best_permutation_accuracy": acc, "code_to_class": mapping,
                 "num_samples": num_samples},
                model.generate(100, categories=rows, seed=seed))
    if kind == "encoder":
        recon = model.reconstruct(x_test)
        return ({"reconstruction_label_accuracy":
                 float(np.mean(classifier.predict_labels(recon) == y_test)),
                 "reconstruction_mse": float(np.mean((recon - x_test) ** 2)),
                 "num_samples": len(x_test)},
                np.concatenate([np.stack([x_test[i], recon[i]]) for i in range(50)]))
    return {}, None
