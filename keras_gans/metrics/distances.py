"""Distribution distances between feature sets: FID, KID and Inception Score.

Pure NumPy/SciPy, float64. Feature extraction (Inception, etc.) lives
elsewhere; these functions only see arrays.
"""

import warnings

import numpy as np
import scipy.linalg
import scipy.special

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError, SingularCovarianceError
from keras_gans.metrics._validation import (
    as_feature_matrix,
    as_float_array,
    check_positive_float,
    check_same_dim,
)

__all__ = ["frechet_distance", "kernel_distance", "inception_score"]

# Tolerances of the reference implementations (TTUR / pytorch-fid).
_IMAGINARY_ATOL = 1e-3
# Rows of class probabilities must sum to 1 within this tolerance.
_PROB_SUM_ATOL = 1e-3


def _check_gaussian(mu, sigma, index):
    """Validates one (mean, covariance) pair and returns float64 copies."""
    mu = as_float_array(mu, f"mu{index}", ndim=1, layout="(dim,)")
    sigma = as_float_array(sigma, f"sigma{index}", ndim=2, layout="(dim, dim)")
    if sigma.shape != (mu.shape[0], mu.shape[0]):
        raise InvalidInputError(
            f"sigma{index} must be square with shape (dim, dim) matching "
            f"mu{index} of shape {mu.shape}; got shape {sigma.shape}"
        )
    return mu, sigma


def frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """Fréchet distance between two Gaussians ``N(mu1, sigma1)``, ``N(mu2, sigma2)``.

    ``d² = ||mu1 - mu2||² + Tr(sigma1 + sigma2 - 2 (sigma1 sigma2)^{1/2})``,
    computed exactly as TTUR / pytorch-fid do (float64): the matrix square root
    is ``scipy.linalg.sqrtm(sigma1 @ sigma2)``; if it is not finite, ``eps * I``
    is added to both covariances and the root recomputed (with a warning); a
    small imaginary part from numerical error is dropped, a large one is an
    error.

    Args:
        mu1: Mean of the first Gaussian, shape ``(dim,)``.
        sigma1: Covariance of the first Gaussian, shape ``(dim, dim)``.
        mu2: Mean of the second Gaussian, shape ``(dim,)``.
        sigma2: Covariance of the second Gaussian, shape ``(dim, dim)``.
        eps: Diagonal offset used when the product is singular.

    Returns:
        The squared Fréchet distance as a Python ``float`` (this is "FID" when
        the statistics are of Inception pool features).

    Raises:
        InvalidInputError: On bad shapes or non-finite values.
        SingularCovarianceError: If the square root has a large imaginary
            component (ill-conditioned covariances even after the offset).

    Example:
        >>> import numpy as np
        >>> frechet_distance(np.zeros(2), np.eye(2), np.ones(2), np.eye(2))
        2.0

    Reference:
        Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge
        to a Local Nash Equilibrium", NeurIPS 2017 (TTUR);
        https://github.com/mseitzer/pytorch-fid.
    """
    mu1, sigma1 = _check_gaussian(mu1, sigma1, 1)
    mu2, sigma2 = _check_gaussian(mu2, sigma2, 2)
    if mu1.shape != mu2.shape:
        raise InvalidInputError(
            f"mu1 and mu2 must have the same dimension; got shapes {mu1.shape} "
            f"and {mu2.shape}"
        )
    eps = check_positive_float(eps, "eps")

    diff = mu1 - mu2
    covmean = _sqrtm_quiet(sigma1 @ sigma2)
    if not np.all(np.isfinite(covmean)):
        warnings.warn(
            f"frechet_distance: sqrtm(sigma1 @ sigma2) is not finite (singular "
            f"product); adding {eps} * I to both covariances",
            RuntimeWarning,
            stacklevel=2,
        )
        offset = np.eye(mu1.shape[0]) * eps
        covmean = _sqrtm_quiet((sigma1 + offset) @ (sigma2 + offset))
    if np.iscomplexobj(covmean):
        imag = np.abs(np.diagonal(covmean).imag)
        if not np.allclose(imag, 0, atol=_IMAGINARY_ATOL):
            raise SingularCovarianceError(
                f"sqrtm(sigma1 @ sigma2) has an imaginary component of up to "
                f"{imag.max():.6g} on its diagonal; expected at most "
                f"{_IMAGINARY_ATOL} (covariances are ill-conditioned: use more "
                f"samples or a larger eps)"
            )
        covmean = covmean.real
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))


def _sqrtm_quiet(matrix):
    """``scipy.linalg.sqrtm`` without its "Matrix is singular" LinAlgWarning.

    Feature covariances of a few thousand samples are often singular (a dead feature, a
    constant pixel); SciPy then warns on every call although its result is finite and is
    the value the reference implementations use (pytorch-fid keeps it too). The one case
    that changes the figure — a non-finite root, replaced with the ε·I offset — is
    reported by :func:`frechet_distance` in its own words.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
        return scipy.linalg.sqrtm(matrix)


def _polynomial_kernel(x, y):
    """Cubic polynomial kernel ``k(x, y) = (x·y / d + 1)³`` as a Gram matrix."""
    k = x @ y.T / x.shape[1] + 1.0
    return k * k * k  # several times faster than ** 3 on float64 matrices


def _unbiased_mmd2(x, y):
    """Unbiased MMD² estimate between equally sized samples ``x`` and ``y``."""
    m = x.shape[0]
    k_xx = _polynomial_kernel(x, x)
    k_yy = _polynomial_kernel(y, y)
    k_xy = _polynomial_kernel(x, y)
    within = (k_xx.sum() - np.trace(k_xx) + k_yy.sum() - np.trace(k_yy)) / (m * (m - 1))
    return within - 2.0 * k_xy.sum() / (m * m)


def kernel_distance(features_a, features_b, num_subsets=100, subset_size=1000, seed=0):
    """Kernel Inception Distance (KID): unbiased MMD² with a cubic kernel.

    For each of ``num_subsets`` subsets, ``m = min(subset_size, len(a),
    len(b))`` rows are drawn without replacement from each set, and the
    unbiased MMD² with ``k(x, y) = (x·y / d + 1)³`` is computed. Sampling is
    ``rng = np.random.default_rng(seed)`` then, per subset,
    ``rng.choice(len(a), m, replace=False)`` followed by
    ``rng.choice(len(b), m, replace=False)``; the result is reproducible for
    a fixed ``seed``. Computation is float64.

    Args:
        features_a: Features of the first set, shape ``(n_a, dim)``.
        features_b: Features of the second set, shape ``(n_b, dim)``.
        num_subsets: Number of random subsets to average over.
        subset_size: Maximum subset size (1000 in the KID paper).
        seed: Seed of the subset sampler.

    Returns:
        ``(mean, std)`` of the MMD² estimates over subsets (Python floats;
        ``std`` is the population standard deviation, ddof=0). The mean is an
        unbiased estimate and may be slightly negative for equal distributions.

    Raises:
        InvalidInputError: On bad shapes, mismatched dims, non-finite values,
            fewer than 2 samples in a set or invalid subset parameters.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> a, b = rng.normal(size=(500, 8)), rng.normal(1.0, size=(500, 8))
        >>> mean, std = kernel_distance(a, b, num_subsets=10, subset_size=200)

    Reference:
        Bińkowski et al., "Demystifying MMD GANs", ICLR 2018.
    """
    a = as_feature_matrix(features_a, "features_a", min_samples=2)
    b = as_feature_matrix(features_b, "features_b", min_samples=2)
    check_same_dim(a, b, "features_a", "features_b")
    num_subsets = check_positive_int("num_subsets", num_subsets)
    subset_size = check_positive_int("subset_size", subset_size, minimum=2)

    m = min(subset_size, a.shape[0], b.shape[0])
    rng = np.random.default_rng(seed)
    estimates = np.empty(num_subsets)
    for i in range(num_subsets):
        idx_a = rng.choice(a.shape[0], m, replace=False)
        idx_b = rng.choice(b.shape[0], m, replace=False)
        estimates[i] = _unbiased_mmd2(a[idx_a], b[idx_b])
    return float(estimates.mean()), float(estimates.std())


def _check_probabilities(probs):
    """Validates a ``(num_samples, num_classes)`` matrix of probability rows."""
    probs = as_float_array(probs, "probs", ndim=2, layout="(num_samples, num_classes)")
    if probs.shape[1] < 1:
        raise InvalidInputError(
            f"probs must have at least one class column; got shape {probs.shape}"
        )
    if np.any(probs < 0):
        row = int(np.argmin(probs.min(axis=1)))
        raise InvalidInputError(
            f"probs must be non-negative class probabilities (e.g. softmax "
            f"outputs, not logits); got {probs[row].min():.6g} in row {row}"
        )
    sums = probs.sum(axis=1)
    bad = np.abs(sums - 1.0) > _PROB_SUM_ATOL
    if np.any(bad):
        row = int(np.argmax(np.abs(sums - 1.0)))
        raise InvalidInputError(
            f"each row of probs must sum to 1 (within {_PROB_SUM_ATOL}); got "
            f"{int(bad.sum())} row(s) that do not, e.g. row {row} sums to "
            f"{sums[row]:.6g}"
        )
    return probs


def inception_score(probs, splits=10):
    """Inception Score from class probabilities ``p(y|x)``.

    The samples are cut into ``splits`` contiguous parts of ``N // splits``
    rows (a remainder of fewer than ``splits`` rows is dropped, as in the
    reference implementation); for each part
    ``IS = exp(mean_x KL(p(y|x) || p(y)))`` with ``p(y)`` the part's marginal.

    Args:
        probs: Class probabilities, shape ``(num_samples, num_classes)``; each
            row non-negative and summing to 1 (softmax outputs, not logits).
        splits: Number of parts (10 in the reference protocol, with 50,000
            samples).

    Returns:
        ``(mean, std)`` of the per-part scores (Python floats, std ddof=0).
        The score lies in ``[1, num_classes]``.

    Raises:
        InvalidInputError: If ``probs`` is not a 2-D matrix of probability rows
            or has fewer rows than ``splits``.

    Example:
        >>> inception_score(np.eye(10), splits=1)  # confident and uniform: 10 classes
        (10.000000000000002, 0.0)

    Reference:
        Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016.
    """
    probs = _check_probabilities(probs)
    splits = check_positive_int("splits", splits)
    if probs.shape[0] < splits:
        raise InvalidInputError(
            f"inception_score needs at least splits={splits} samples; got "
            f"probs of shape {probs.shape}"
        )
    part_size = probs.shape[0] // splits
    scores = np.empty(splits)
    for i in range(splits):
        part = probs[i * part_size:(i + 1) * part_size]
        marginal = part.mean(axis=0, keepdims=True)
        kl = scipy.special.rel_entr(part, marginal).sum(axis=1)
        scores[i] = np.exp(kl.mean())
    return float(scores.mean()), float(scores.std())
