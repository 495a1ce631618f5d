"""Evaluation metrics of keras_gans: NumPy/SciPy math, lazily imported evaluation.

Feature-set distances (FID, KID, Inception Score), k-NN manifold metrics
(precision/recall, density/coverage), streaming feature statistics and
mode-collapse metrics for toy 2-D mixtures work on NumPy arrays.

Evaluation of a generator (:func:`evaluate`, :func:`reference_stats`), the feature
extractors (:func:`get_extractor`, :class:`InceptionExtractor`) and class metrics
(:func:`class_accuracy`, :func:`class_histogram_kl`, :func:`class_coverage`) import
Keras/TensorFlow only when they run, so ``import keras_gans.metrics`` stays light.
"""

from keras_gans.metrics.classes import class_accuracy, class_coverage, class_histogram_kl
from keras_gans.metrics.distances import frechet_distance, inception_score, kernel_distance
from keras_gans.metrics.manifold import density_coverage, knn_radii, prdc, precision_recall
from keras_gans.metrics.modes import PACGAN_BAR, PACGAN_NUM_SAMPLES, mode_metrics
from keras_gans.metrics.stats import FeatureStats, frechet_distance_from_stats, load_stats

# These modules import Keras/TensorFlow only inside functions (checked by
# tests/test_evaluate.py), so importing them here keeps ``import keras_gans.metrics``
# light.
from keras_gans.metrics.evaluation import (
    evaluate,
    get_extractor,
    prepare_reference,
    reference_stats,
)
from keras_gans.metrics.inception import InceptionExtractor
from keras_gans.metrics.keras_extractor import KerasModelExtractor
from keras_gans.metrics.mnist_classifier import MNISTExtractor, load_mnist_classifier

__all__ = [
    "frechet_distance",
    "kernel_distance",
    "inception_score",
    "precision_recall",
    "density_coverage",
    "prdc",
    "knn_radii",
    "FeatureStats",
    "load_stats",
    "frechet_distance_from_stats",
    "mode_metrics",
    "PACGAN_BAR",
    "PACGAN_NUM_SAMPLES",
    "evaluate",
    "reference_stats",
    "prepare_reference",
    "get_extractor",
    "InceptionExtractor",
    "KerasModelExtractor",
    "MNISTExtractor",
    "load_mnist_classifier",
    "class_accuracy",
    "class_histogram_kl",
    "class_coverage",
]
