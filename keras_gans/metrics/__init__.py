"""Evaluation metrics of keras_gans (pure NumPy/SciPy, no TensorFlow).

Feature-set distances (FID, KID, Inception Score), k-NN manifold metrics
(precision/recall, density/coverage), streaming feature statistics and
mode-collapse metrics for toy 2-D mixtures. Feature extraction lives
elsewhere; everything here works on NumPy arrays.
"""

from keras_gans.metrics.distances import frechet_distance, inception_score, kernel_distance
from keras_gans.metrics.manifold import density_coverage, knn_radii, prdc, precision_recall
from keras_gans.metrics.modes import PACGAN_NUM_SAMPLES, mode_metrics
from keras_gans.metrics.stats import FeatureStats, frechet_distance_from_stats, load_stats

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
    "PACGAN_NUM_SAMPLES",
]
