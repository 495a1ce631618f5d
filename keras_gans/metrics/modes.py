"""Mode-collapse metrics for low-dimensional mixtures of Gaussians.

Protocol of PacGAN (after VEEGAN / Unrolled GAN) for the ring-of-8 and
grid-of-25 toy datasets: draw 2,500 samples from the generator, call a sample
*high quality* when it lies within ``threshold`` (3) standard deviations of
the nearest mode centre, count a mode as *captured* when at least one
high-quality sample falls to it, and measure mode imbalance by the KL
divergence of the high-quality samples' mode histogram to the uniform one.

The mode centres and the standard deviation come from the data module
(e.g. ring8: 8 modes on a circle of radius 1 with std 0.01; grid25: means in
``{-4, -2, 0, 2, 4}²`` with std 0.05); this module only takes arrays.
"""

import numpy as np
import scipy.spatial.distance

from keras_gans.metrics._validation import (
    as_feature_matrix,
    check_positive_float,
    check_same_dim,
)

__all__ = ["mode_metrics", "PACGAN_NUM_SAMPLES", "PACGAN_BAR"]

# Number of generated samples PacGAN evaluates on its 2-D benchmarks.
PACGAN_NUM_SAMPLES = 2500
# PacGAN's best published rows (Lin et al. 2018, Tables 1 and 2; means over 10 trials), the
# bar our mode benchmarks and 2-D presets are compared with: mixture -> (row, modes captured,
# high-quality fraction).
PACGAN_BAR = {"grid25": ("PacGAN4", 24.8, 0.936), "ring8": ("PacGAN2", 7.9, 0.956)}
# Smoothing of the mode histogram before taking logs.
_KL_EPSILON = 1e-10


def _kl_to_uniform(counts):
    """KL(p || uniform) of a histogram, ``log(num_modes)`` when it is empty."""
    num_modes = counts.shape[0]
    if counts.sum() == 0:
        return float(np.log(num_modes))
    p = (counts + _KL_EPSILON) / (counts.sum() + num_modes * _KL_EPSILON)
    return float(np.sum(p * np.log(p * num_modes)))


def mode_metrics(samples, means, std, threshold=3.0):
    """Modes captured, high-quality fraction and mode balance of samples.

    A sample is high quality when ``distance to the nearest mode / std <
    threshold`` (strict) and is then assigned to that mode. PacGAN evaluates
    ``PACGAN_NUM_SAMPLES = 2500`` generated samples with ``threshold=3``.

    Args:
        samples: Generated points, shape ``(num_samples, dim)`` (dim is 2 for
            the ring/grid benchmarks, any dim is accepted).
        means: Mode centres, shape ``(num_modes, dim)``.
        std: Standard deviation of every mode (isotropic), > 0.
        threshold: High-quality radius in units of ``std``, > 0.

    Returns:
        Dict with
            ``modes_captured`` (int): modes with at least one high-quality
                sample;
            ``high_quality_fraction`` (float): fraction of high-quality samples;
            ``num_modes`` (int), ``num_samples`` (int);
            ``mode_counts`` (list of int): high-quality samples per mode, in
                the order of ``means``;
            ``kl_to_uniform`` (float): ``KL(p || uniform)`` of the normalised
                ``mode_counts`` (epsilon-smoothed; 0 for perfect balance,
                ``log(num_modes)`` when all mass is on one mode, and also
                ``log(num_modes)`` when there is no high-quality sample).

    Raises:
        InvalidInputError: On bad shapes, mismatched dims, non-finite values or
            non-positive ``std``/``threshold``.

    Example:
        >>> angles = 2 * np.pi * np.arange(8) / 8
        >>> ring8 = np.stack([np.cos(angles), np.sin(angles)], axis=1)
        >>> mode_metrics(generator_samples, ring8, std=0.01)["modes_captured"]

    Reference:
        Lin et al., "PacGAN: The power of two samples in generative adversarial
        networks", NeurIPS 2018; Srivastava et al., "VEEGAN", NeurIPS 2017.
    """
    samples = as_feature_matrix(samples, "samples")
    means = as_feature_matrix(means, "means")
    check_same_dim(samples, means, "samples", "means")
    std = check_positive_float(std, "std")
    threshold = check_positive_float(threshold, "threshold")

    distances = scipy.spatial.distance.cdist(samples, means)
    nearest = np.argmin(distances, axis=1)
    high_quality = distances[np.arange(samples.shape[0]), nearest] / std < threshold
    counts = np.bincount(nearest[high_quality], minlength=means.shape[0])
    return {
        "modes_captured": int(np.count_nonzero(counts)),
        "high_quality_fraction": float(np.mean(high_quality)),
        "num_modes": int(means.shape[0]),
        "num_samples": int(samples.shape[0]),
        "mode_counts": [int(c) for c in counts],
        "kl_to_uniform": _kl_to_uniform(counts),
    }
