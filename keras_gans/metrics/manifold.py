"""k-NN manifold metrics: precision, recall, density and coverage.

Each set of features is turned into a "manifold": the union of balls centred at
its samples with radius equal to the distance to the sample's k-th nearest
neighbour in the same set (the sample itself excluded). The four metrics count
how the samples of one set fall into the balls of the other.

Pairwise distances are computed block by block with a float32 matrix product
(``||x||² + ||y||² - 2 x·y``, clamped at 0), so 10,000 x 10,000 samples in
1000-d take a few seconds and a few tens of MB. Features are centred on the
real mean and rescaled to ``[-1, 1]`` first (distances comparisons are
invariant to both), which keeps float32 accurate for offset or large features.
A sample lies in a ball when its distance is ``<=`` the radius (the
inequality of Kynkäänniemi et al.; the prdc reference code uses ``<``, which
only differs on exact ties such as duplicated samples).
"""

import numpy as np

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError
from keras_gans.metrics._validation import as_feature_matrix, check_same_dim

__all__ = ["knn_radii", "precision_recall", "density_coverage", "prdc"]

# Elements per float32 distance block (2**23 -> 32 MiB).
_BLOCK_ELEMENTS = 2**23


def _check_enough_samples(x, k, name):
    if x.shape[0] < k + 1:
        raise InvalidInputError(
            f"{name} needs at least k + 1 = {k + 1} samples for k={k} nearest "
            f"neighbours (a sample is not its own neighbour); got shape {x.shape}"
        )


def _normalise(arrays, reference):
    """Centres ``arrays`` on ``reference``'s mean, scales them into [-1, 1].

    Returns:
        ``(list of float32 arrays, scale)`` where original distances equal the
        new distances times ``scale``.
    """
    centre = reference.mean(axis=0)
    centred = [x - centre for x in arrays]
    scale = max(float(np.abs(x).max(initial=0.0)) for x in centred)
    scale = scale if scale > 0 else 1.0
    return [(x / scale).astype(np.float32) for x in centred], scale


def _sq_dist_blocks(x, y):
    """Yields ``(start, stop, block)``, ``block[i, j] = ||x[start + i] - y[j]||²``.

    Blocks are float32, clamped at 0, and hold at most ~``_BLOCK_ELEMENTS``
    entries. The block is a fresh array the caller may modify.
    """
    x_sq = np.einsum("ij,ij->i", x, x)
    y_sq = np.einsum("ij,ij->i", y, y)
    rows = max(1, _BLOCK_ELEMENTS // max(1, y.shape[0]))
    for start in range(0, x.shape[0], rows):
        stop = min(start + rows, x.shape[0])
        block = x[start:stop] @ y.T
        block *= -2.0
        block += x_sq[start:stop, None]
        block += y_sq[None, :]
        np.maximum(block, 0.0, out=block)
        yield start, stop, block


def _knn_sq_radii(x, k):
    """Squared distance of each row of ``x`` to its k-th nearest other row."""
    radii = np.empty(x.shape[0], dtype=np.float32)
    for start, stop, block in _sq_dist_blocks(x, x):
        local = np.arange(stop - start)
        block[local, local + start] = np.inf  # exclude self, whatever rounding says
        radii[start:stop] = np.partition(block, k - 1, axis=1)[:, k - 1]
    return radii


def knn_radii(features, k):
    """Distance from each sample to its k-th nearest neighbour in the same set.

    Args:
        features: Features, shape ``(num_samples, dim)``, ``num_samples > k``.
        k: Neighbour rank (1 = nearest other sample).

    Returns:
        float64 array of shape ``(num_samples,)`` (float32 accuracy).

    Raises:
        InvalidInputError: On bad shapes, non-finite values or too few samples.

    Example:
        >>> knn_radii(np.array([[0.0], [1.0], [3.0]]), k=1)  # ≈ [1, 1, 2]
        array([1.00000002, 1.00000002, 1.99999996])
    """
    k = check_positive_int("k", k)
    x = as_feature_matrix(features, "features")
    _check_enough_samples(x, k, "features")
    (x32,), scale = _normalise([x], x)
    return np.sqrt(_knn_sq_radii(x32, k).astype(np.float64)) * scale


def _manifold_metrics(real, fake, k, with_recall):
    """Shared core of :func:`prdc`, :func:`precision_recall`, :func:`density_coverage`.

    One pass over real-fake distances (blocks of real rows) accumulates, for
    each fake sample, the number of real balls containing it and, for each
    real sample, whether its ball holds a fake sample and (``with_recall``)
    whether it lies in some fake ball.
    """
    k = check_positive_int("k", k)
    real = as_feature_matrix(real, "real")
    fake = as_feature_matrix(fake, "fake")
    check_same_dim(real, fake, "real", "fake")
    _check_enough_samples(real, k, "real")
    if with_recall:
        _check_enough_samples(fake, k, "fake")

    (real, fake), _ = _normalise([real, fake], real)
    real_r2 = _knn_sq_radii(real, k)
    fake_r2 = _knn_sq_radii(fake, k) if with_recall else None

    fake_hits = np.zeros(fake.shape[0], dtype=np.int64)  # real balls per fake
    real_covered = np.zeros(real.shape[0], dtype=bool)
    real_in_fake = np.zeros(real.shape[0], dtype=bool)
    for start, stop, block in _sq_dist_blocks(real, fake):
        in_real_balls = block <= real_r2[start:stop, None]
        fake_hits += in_real_balls.sum(axis=0)
        real_covered[start:stop] = in_real_balls.any(axis=1)
        if with_recall:
            real_in_fake[start:stop] = (block <= fake_r2[None, :]).any(axis=1)

    metrics = {
        "precision": float(np.mean(fake_hits > 0)),
        "density": float(fake_hits.sum() / (k * fake.shape[0])),
        "coverage": float(np.mean(real_covered)),
    }
    if with_recall:
        metrics["recall"] = float(np.mean(real_in_fake))
    return metrics


def prdc(real, fake, k=5):
    """Precision, recall, density and coverage in one pass.

    Cheaper than calling :func:`precision_recall` and
    :func:`density_coverage` separately (radii and cross distances are
    computed once).

    Args:
        real: Real features, shape ``(N, dim)`` with ``N > k``.
        fake: Generated features, shape ``(M, dim)`` with ``M > k``.
        k: Number of nearest neighbours defining the ball radii (5 in the
            prdc paper and reference code).

    Returns:
        Dict with float keys ``precision``, ``recall``, ``density``,
        ``coverage``.

    Raises:
        InvalidInputError: On bad shapes, mismatched dims, non-finite values or
            too few samples for ``k``.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> prdc(rng.normal(size=(1000, 64)), rng.normal(size=(1000, 64)), k=5)

    Reference:
        Naeem et al., "Reliable Fidelity and Diversity Metrics for Generative
        Models", ICML 2020; https://github.com/clovaai/generative-evaluation-prdc.
    """
    metrics = _manifold_metrics(real, fake, k, with_recall=True)
    return {key: metrics[key] for key in ("precision", "recall", "density", "coverage")}


def precision_recall(real, fake, k=3):
    """Improved precision and recall of a generative model.

    ``precision`` is the fraction of fake samples inside the real manifold
    (within the k-NN radius of at least one real sample); ``recall`` is the
    fraction of real samples inside the fake manifold.

    Args:
        real: Real features, shape ``(N, dim)`` with ``N > k``.
        fake: Generated features, shape ``(M, dim)`` with ``M > k``.
        k: Neighbour rank defining the radii (3 in the paper).

    Returns:
        ``(precision, recall)`` as Python floats in ``[0, 1]``.

    Raises:
        InvalidInputError: On bad shapes, mismatched dims, non-finite values or
            too few samples for ``k``.

    Example:
        >>> real = np.array([[0.0], [1.0], [2.0], [10.0]])
        >>> fake = np.array([[0.5], [5.0], [20.0]])
        >>> precision_recall(real, fake, k=1)  # 20 is off the real manifold
        (0.6666666666666666, 1.0)

    Reference:
        Kynkäänniemi et al., "Improved Precision and Recall Metric for
        Assessing Generative Models", NeurIPS 2019.
    """
    metrics = _manifold_metrics(real, fake, k, with_recall=True)
    return metrics["precision"], metrics["recall"]


def density_coverage(real, fake, k=5):
    """Density and coverage of a generative model.

    ``density = 1/(k M) Σ_j Σ_i 1[fake_j ∈ B(real_i, r_i)]`` counts how many
    real balls each fake sample falls in (≈1 when the distributions match,
    unbounded above); ``coverage`` is the fraction of real samples whose ball
    contains at least one fake sample.

    Args:
        real: Real features, shape ``(N, dim)`` with ``N > k``.
        fake: Generated features, shape ``(M, dim)``.
        k: Neighbour rank defining the real radii (5 in the paper).

    Returns:
        ``(density, coverage)`` as Python floats.

    Raises:
        InvalidInputError: On bad shapes, mismatched dims, non-finite values or
            too few real samples for ``k``.

    Example:
        >>> real = np.array([[0.0], [1.0], [2.0], [10.0]])
        >>> fake = np.array([[0.5], [5.0], [20.0]])
        >>> density_coverage(real, fake, k=1)
        (1.0, 0.75)

    Reference:
        Naeem et al., "Reliable Fidelity and Diversity Metrics for Generative
        Models", ICML 2020; https://github.com/clovaai/generative-evaluation-prdc.
    """
    metrics = _manifold_metrics(real, fake, k, with_recall=False)
    return metrics["density"], metrics["coverage"]
