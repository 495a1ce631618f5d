"""Tests of keras_gans.metrics: FID, KID, IS, PRDC and streaming statistics.

Pure NumPy/SciPy; no TensorFlow is imported.
"""

import os

import numpy as np
import pytest
import scipy.linalg
from scipy.spatial.distance import cdist

from keras_gans.errors import InvalidInputError, SingularCovarianceError
from keras_gans.metrics import (
    FeatureStats,
    density_coverage,
    frechet_distance,
    frechet_distance_from_stats,
    inception_score,
    kernel_distance,
    knn_radii,
    load_stats,
    prdc,
    precision_recall,
)
from keras_gans.metrics import distances as distances_module


def _gaussian_stats(features):
    return features.mean(axis=0), np.cov(features, rowvar=False)


# --------------------------------------------------------------------------
# Fréchet distance
# --------------------------------------------------------------------------


def _fid_sqrtm(mu1, sigma1, mu2, sigma2):
    """Direct transcription of the formula with scipy.linalg.sqrtm."""
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    diff = mu1 - mu2
    return diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean)


def _fid_eigh(mu1, sigma1, mu2, sigma2):
    """Independent symmetric formulation: Tr((S1 S2)^½) = Σ √eig(S1^½ S2 S1^½)."""
    w, v = scipy.linalg.eigh(sigma1)
    root1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    eig = scipy.linalg.eigvalsh(root1 @ sigma2 @ root1)
    diff = mu1 - mu2
    return diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(np.clip(eig, 0, None)).sum()


@pytest.mark.parametrize(
    "dim,num_samples",
    [(2, 50), (16, 200), (64, 500), (64, 20)],  # (64, 20): rank-deficient covariances
)
def test_frechet_distance_matches_scipy(dim, num_samples):
    rng = np.random.default_rng(dim * 1000 + num_samples)
    mixing = rng.standard_normal((dim, dim))
    a = rng.standard_normal((num_samples, dim)) @ mixing
    b = 1.5 * rng.standard_normal((num_samples, dim)) + 0.3
    args = (*_gaussian_stats(a), *_gaussian_stats(b))
    fid = frechet_distance(*args)
    assert isinstance(fid, float)
    assert fid == pytest.approx(_fid_sqrtm(*args), rel=1e-6)
    assert fid == pytest.approx(_fid_eigh(*args), rel=1e-6)


def test_frechet_distance_low_rank_projection():
    rng = np.random.default_rng(7)
    projection = rng.standard_normal((32, 4))  # 32-d features living in a 4-d subspace
    a = rng.standard_normal((1000, 4)) @ projection.T
    b = 1.2 * rng.standard_normal((1000, 4)) @ projection.T
    args = (*_gaussian_stats(a), *_gaussian_stats(b))
    assert np.linalg.matrix_rank(args[1]) == 4
    assert frechet_distance(*args) == pytest.approx(_fid_eigh(*args), rel=1e-6)


def test_frechet_distance_closed_form_diagonal():
    rng = np.random.default_rng(3)
    mu1, mu2 = rng.normal(size=10), rng.normal(size=10)
    s1, s2 = rng.uniform(0.1, 3.0, size=10), rng.uniform(0.1, 3.0, size=10)
    expected = np.sum((mu1 - mu2) ** 2) + np.sum(s1 + s2 - 2 * np.sqrt(s1 * s2))
    assert frechet_distance(mu1, np.diag(s1), mu2, np.diag(s2)) == pytest.approx(expected, rel=1e-10)


def test_frechet_distance_identical_is_zero():
    rng = np.random.default_rng(4)
    mu, sigma = _gaussian_stats(rng.standard_normal((300, 8)))
    assert frechet_distance(mu, sigma, mu, sigma) == pytest.approx(0.0, abs=1e-9)


def test_frechet_distance_retries_with_eps_when_sqrtm_not_finite(monkeypatch):
    calls = []
    real_sqrtm = scipy.linalg.sqrtm

    def flaky_sqrtm(matrix):
        calls.append(matrix)
        if len(calls) == 1:
            return np.full_like(matrix, np.inf)
        return real_sqrtm(matrix)

    monkeypatch.setattr(distances_module.scipy.linalg, "sqrtm", flaky_sqrtm)
    eye = np.eye(3)
    with pytest.warns(RuntimeWarning, match="not finite"):
        fid = frechet_distance(np.zeros(3), eye, np.zeros(3), eye, eps=1e-3)
    assert len(calls) == 2
    np.testing.assert_allclose(calls[1], (1 + 1e-3) ** 2 * eye)
    # As in pytorch-fid, only the square root sees the offset: 3 + 3 - 2 * 3 * 1.001.
    assert fid == pytest.approx(-6e-3, rel=1e-9)


def test_frechet_distance_on_singular_covariances_is_quiet_and_unchanged():
    """A dead feature makes both covariances singular: SciPy warns "Matrix is singular"
    though its root is finite; FID keeps that value (as pytorch-fid does) and says
    nothing, since nothing changed the figure."""
    import warnings

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(50, 8)), rng.normal(0.3, 1.2, size=(50, 8))
    x[:, 0] = y[:, 0] = 1.0  # a constant feature: singular covariances
    (mu1, s1), (mu2, s2) = [(a.mean(0), np.cov(a, rowvar=False)) for a in (x, y)]
    with pytest.warns(scipy.linalg.LinAlgWarning):  # what SciPy alone says
        scipy.linalg.sqrtm(s1 @ s2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fid = frechet_distance(mu1, s1, mu2, s2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root = scipy.linalg.sqrtm(s1 @ s2).real
    expected = (mu1 - mu2) @ (mu1 - mu2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(root)
    assert fid == pytest.approx(expected, rel=1e-12)


def test_frechet_distance_large_imaginary_component_raises(monkeypatch):
    monkeypatch.setattr(
        distances_module.scipy.linalg, "sqrtm", lambda m: m + 0.5j * np.eye(m.shape[0])
    )
    with pytest.raises(SingularCovarianceError, match="imaginary component of up to 0.5"):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(2), np.eye(2))


@pytest.mark.parametrize(
    "args,match",
    [
        ((np.zeros((2, 1)), np.eye(2), np.zeros(2), np.eye(2)), r"mu1 must be 1-D.*got shape \(2, 1\)"),
        ((np.zeros(2), np.eye(3), np.zeros(2), np.eye(2)), r"sigma1 must be square.*got shape \(3, 3\)"),
        ((np.zeros(2), np.ones((2, 3)), np.zeros(2), np.eye(2)), r"got shape \(2, 3\)"),
        ((np.zeros(2), np.eye(2), np.zeros(3), np.eye(3)), r"same dimension.*\(2,\) and \(3,\)"),
        ((np.array([0.0, np.nan]), np.eye(2), np.zeros(2), np.eye(2)), r"mu1 must be finite"),
        ((np.zeros(2), np.eye(2), np.zeros(2), np.full((2, 2), np.inf)), r"sigma2 must be finite"),
    ],
)
def test_frechet_distance_bad_input(args, match):
    with pytest.raises(InvalidInputError, match=match):
        frechet_distance(*args)


# --------------------------------------------------------------------------
# Kernel Inception Distance
# --------------------------------------------------------------------------


def _mmd2_loops(x, y):
    """Loop-based unbiased MMD² with k(a, b) = (a·b/d + 1)³."""
    m, d = x.shape

    def kern(u, v):
        return (float(np.dot(u, v)) / d + 1.0) ** 3

    xx = sum(kern(x[i], x[j]) for i in range(m) for j in range(m) if i != j)
    yy = sum(kern(y[i], y[j]) for i in range(m) for j in range(m) if i != j)
    xy = sum(kern(x[i], y[j]) for i in range(m) for j in range(m))
    return xx / (m * (m - 1)) + yy / (m * (m - 1)) - 2 * xy / (m * m)


def test_kernel_distance_matches_loops_on_full_sets():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((30, 5))
    b = rng.standard_normal((30, 5)) + 0.5
    mean, std = kernel_distance(a, b, num_subsets=1, subset_size=30)
    assert mean == pytest.approx(_mmd2_loops(a, b), rel=1e-10)
    assert std == 0.0


def test_kernel_distance_matches_loops_on_seeded_subsets():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((40, 4))
    b = 0.8 * rng.standard_normal((50, 4)) + 0.2
    num_subsets, subset_size, seed = 5, 12, 123
    sampler = np.random.default_rng(seed)
    expected = []
    for _ in range(num_subsets):
        idx_a = sampler.choice(len(a), subset_size, replace=False)
        idx_b = sampler.choice(len(b), subset_size, replace=False)
        expected.append(_mmd2_loops(a[idx_a], b[idx_b]))
    mean, std = kernel_distance(a, b, num_subsets=num_subsets, subset_size=subset_size, seed=seed)
    assert mean == pytest.approx(np.mean(expected), rel=1e-10)
    assert std == pytest.approx(np.std(expected), rel=1e-8)


def test_kernel_distance_same_distribution_near_zero():
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((600, 16)), rng.standard_normal((600, 16))
    shifted = rng.standard_normal((600, 16)) + 0.5
    same, _ = kernel_distance(a, b, num_subsets=20, subset_size=300)
    different, _ = kernel_distance(a, shifted, num_subsets=20, subset_size=300)
    assert different > 0.1
    assert abs(same) < 0.02 * different


def test_kernel_distance_subset_size_clipped_and_seeded():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((20, 3)), rng.standard_normal((25, 3))
    first = kernel_distance(a, b, num_subsets=4, subset_size=1000, seed=5)
    assert first == kernel_distance(a, b, num_subsets=4, subset_size=1000, seed=5)
    # subset_size is clipped to 20 = len(a): every subset of a is all of a.
    assert np.isfinite(first).all()


@pytest.mark.parametrize(
    "a,b,kwargs,match",
    [
        (np.zeros(5), np.zeros((5, 2)), {}, r"features_a must be 2-D \(num_samples, dim\); got shape \(5,\)"),
        (np.zeros((5, 2)), np.zeros((5, 3)), {}, r"same feature dimension.*\(5, 2\) and \(5, 3\)"),
        (np.full((5, 2), np.nan), np.zeros((5, 2)), {}, r"features_a must be finite"),
        (np.zeros((5, 2)), np.full((5, 2), np.inf), {}, r"features_b must be finite"),
        (np.zeros((1, 2)), np.zeros((5, 2)), {}, r"at least 2 samples; got shape \(1, 2\)"),
        (np.zeros((5, 2)), np.zeros((5, 2)), {"num_subsets": 0}, r"num_subsets must be a positive int below 2\*\*31; got 0"),
        (np.zeros((5, 2)), np.zeros((5, 2)), {"subset_size": 1}, r"subset_size must be an int ≥ 2 below 2\*\*31; got 1"),
    ],
)
def test_kernel_distance_bad_input(a, b, kwargs, match):
    with pytest.raises(InvalidInputError, match=match):
        kernel_distance(a, b, **kwargs)


# --------------------------------------------------------------------------
# Inception Score
# --------------------------------------------------------------------------


def test_inception_score_confident_and_uniform_is_num_classes():
    num_classes = 10
    probs = np.tile(np.eye(num_classes), (50, 1))  # 500 rows, each split sees every class
    mean, std = inception_score(probs, splits=5)
    assert mean == pytest.approx(num_classes, rel=1e-12)
    assert std == pytest.approx(0.0, abs=1e-9)


def test_inception_score_nearly_confident_softmax():
    rng = np.random.default_rng(0)
    labels = np.arange(1000) % 20
    logits = rng.normal(size=(1000, 20))
    logits[np.arange(1000), labels] += 30.0
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    mean, _ = inception_score(probs, splits=10)
    assert mean == pytest.approx(20.0, rel=1e-3)


def test_inception_score_identical_rows_is_one():
    probs = np.tile([0.1, 0.2, 0.7], (100, 1))
    mean, std = inception_score(probs, splits=10)
    assert mean == pytest.approx(1.0, abs=1e-12)
    assert std == pytest.approx(0.0, abs=1e-12)


def test_inception_score_matches_direct_formula():
    rng = np.random.default_rng(1)
    probs = rng.dirichlet(np.full(7, 0.3), size=103)  # 103 rows -> 10 splits of 10, 3 dropped
    scores = []
    for i in range(10):
        part = probs[i * 10:(i + 1) * 10]
        py = part.mean(axis=0)
        kl = np.sum(part * (np.log(part) - np.log(py)), axis=1)
        scores.append(np.exp(kl.mean()))
    mean, std = inception_score(probs, splits=10)
    assert mean == pytest.approx(np.mean(scores), rel=1e-12)
    assert std == pytest.approx(np.std(scores), rel=1e-9)


@pytest.mark.parametrize(
    "probs,splits,match",
    [
        (np.full(10, 0.1), 1, r"probs must be 2-D \(num_samples, num_classes\); got shape \(10,\)"),
        (np.array([[0.5, 0.7]] * 10), 1, r"must sum to 1.*row 0 sums to 1.2"),
        (np.array([[1.5, -0.5]] * 10), 1, r"non-negative.*got -0.5 in row 0"),
        (np.array([[np.nan, 1.0]] * 10), 1, r"probs must be finite"),
        (np.full((5, 2), 0.5), 10, r"at least splits=10 samples; got probs of shape \(5, 2\)"),
        (np.full((5, 2), 0.5), 0, r"splits must be a positive int below 2\*\*31; got 0"),
    ],
)
def test_inception_score_bad_input(probs, splits, match):
    with pytest.raises(InvalidInputError, match=match):
        inception_score(probs, splits=splits)


# --------------------------------------------------------------------------
# Precision / recall / density / coverage
# --------------------------------------------------------------------------


def _prdc_bruteforce(real, fake, k):
    """Exact float64 PRDC with the reference's definitions (self excluded)."""
    def radii(x):
        return np.sort(cdist(x, x), axis=1)[:, k]  # column 0 is the point itself

    real_r, fake_r = radii(real), radii(fake)
    dist = cdist(real, fake)
    return {
        "precision": (dist <= real_r[:, None]).any(axis=0).mean(),
        "recall": (dist <= fake_r[None, :]).any(axis=1).mean(),
        "density": (dist <= real_r[:, None]).sum(axis=0).mean() / k,
        "coverage": (dist.min(axis=1) <= real_r).mean(),
    }


# Published test vector of clovaai/generative-evaluation-prdc (README): 10,000
# vs 10,000 samples of N(0, I) in 1000-d, k=5, one random draw. Over 12 seeds of
# our implementation the metrics spread as (mean ± std) precision 0.477±0.011,
# recall 0.478±0.010, density 1.00±0.05, coverage 0.967±0.006 (the exact
# expectations are density 1 and coverage 1 - Π_{i=1..5}(N-i)/(2N-i) ≈ 0.969).
# The reference's density 1.0555 is itself ~1σ above its expectation, so a
# ±0.02 band only holds for precision/recall/coverage; density gets ±0.2.
_PRDC_REFERENCE = {"precision": 0.4772, "recall": 0.4705, "density": 1.0555, "coverage": 0.9735}
_PRDC_TOLERANCE = {"precision": 0.035, "recall": 0.03, "density": 0.2, "coverage": 0.025}


def test_prdc_reference_test_vector():
    rng = np.random.default_rng(0)
    real = rng.standard_normal((10000, 1000))
    fake = rng.standard_normal((10000, 1000))
    metrics = prdc(real, fake, k=5)
    print("prdc test vector:", metrics)
    for key, expected in _PRDC_REFERENCE.items():
        assert metrics[key] == pytest.approx(expected, abs=_PRDC_TOLERANCE[key]), key


def test_density_coverage_match_exact_expectation_for_identical_distributions():
    # For exchangeable real/fake samples E[density] = 1 and
    # E[coverage] = 1 - Π_{i=1..k} (N - i) / (N + M - i) (Naeem et al. 2020, Lemma 2).
    rng = np.random.default_rng(11)
    n = m = 100
    k, reps = 5, 1000
    results = np.array([
        density_coverage(rng.standard_normal((n, 8)), rng.standard_normal((m, 8)), k=k)
        for _ in range(reps)
    ])
    means = results.mean(axis=0)
    stderr = results.std(axis=0) / np.sqrt(reps)
    expected_coverage = 1 - np.prod([(n - i) / (n + m - i) for i in range(1, k + 1)])
    assert abs(means[0] - 1.0) < 4 * stderr[0]
    assert abs(means[1] - expected_coverage) < 4 * stderr[1]


@pytest.mark.parametrize("offset", [0.0, 1e3])
def test_prdc_matches_bruteforce(offset):
    rng = np.random.default_rng(5)
    real = rng.standard_normal((300, 20)) + offset
    fake = 1.2 * rng.standard_normal((250, 20)) + 0.3 + offset
    for k in (1, 3, 5):
        expected = _prdc_bruteforce(real, fake, k)
        metrics = prdc(real, fake, k=k)
        for key in expected:
            assert metrics[key] == pytest.approx(expected[key], abs=1e-12), (k, key)
        assert precision_recall(real, fake, k=k) == (metrics["precision"], metrics["recall"])
        assert density_coverage(real, fake, k=k) == (metrics["density"], metrics["coverage"])


def test_prdc_blocked_matches_unblocked(monkeypatch):
    from keras_gans.metrics import manifold

    rng = np.random.default_rng(6)
    real, fake = rng.standard_normal((97, 6)), rng.standard_normal((83, 6))
    whole = prdc(real, fake, k=3)
    monkeypatch.setattr(manifold, "_BLOCK_ELEMENTS", 7 * 83)  # several uneven blocks
    assert prdc(real, fake, k=3) == whole


def test_precision_recall_hand_checked():
    # k=1 radii: real [0, 1, 2, 10] -> [1, 1, 1, 8]; fake [0.5, 5, 20] -> [4.5, 4.5, 15].
    real = np.array([[0.0], [1.0], [2.0], [10.0]])
    fake = np.array([[0.5], [5.0], [20.0]])
    # precision: 0.5 in B(0,1); 5 in B(10,8); 20 is 10 away from 10 > 8 -> 2/3.
    # recall: 0, 1, 2 in B(0.5, 4.5); 10 in B(20, 15) -> 4/4.
    precision, recall = precision_recall(real, fake, k=1)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(1.0)
    # Swapping roles: precision <-> recall.
    assert precision_recall(fake, real, k=1) == pytest.approx((1.0, 2 / 3))


def test_density_coverage_hand_checked():
    real = np.array([[0.0], [1.0], [2.0], [10.0]])
    fake = np.array([[0.5], [5.0], [20.0]])
    # density: 0.5 lies in B(0,1) and B(1,1); 5 in B(10,8); 20 in none -> 3 / (k M = 3).
    # coverage: balls of 0, 1, 10 hold a fake; B(2, 1) does not -> 3/4.
    density, coverage = density_coverage(real, fake, k=1)
    assert density == pytest.approx(1.0)
    assert coverage == pytest.approx(0.75)


def test_density_counts_overlapping_balls_and_exceeds_one():
    # Fakes stacked where all real balls overlap: density = N / k > 1.
    real = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    fake = np.full((3, 2), 0.5)
    density, coverage = density_coverage(real, fake, k=2)
    assert density == pytest.approx(4 / 2)
    assert coverage == 1.0


def test_knn_radii_hand_checked():
    x = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0], [10.0, 10.0]])
    np.testing.assert_allclose(knn_radii(x, k=1), [3.0, 3.0, 4.0, np.hypot(10, 6)], rtol=1e-6)
    np.testing.assert_allclose(knn_radii(x, k=2), [4.0, 5.0, 5.0, np.hypot(10, 7)], rtol=1e-6)
    np.testing.assert_allclose(knn_radii(x, k=3), [np.hypot(10, 10), np.hypot(10, 7), np.hypot(10, 6), np.hypot(10, 10)], rtol=1e-6)


@pytest.mark.parametrize("func", [precision_recall, density_coverage, prdc])
@pytest.mark.parametrize(
    "real,fake,k,match",
    [
        (np.zeros(10), np.zeros((10, 2)), 3, r"real must be 2-D \(num_samples, dim\); got shape \(10,\)"),
        (np.zeros((10, 2)), np.zeros((2, 10, 2)), 3, r"fake must be 2-D.*got shape \(2, 10, 2\)"),
        (np.zeros((10, 2)), np.zeros((10, 3)), 3, r"same feature dimension.*\(10, 2\) and \(10, 3\)"),
        (np.full((10, 2), np.nan), np.zeros((10, 2)), 3, r"real must be finite; got 20 NaN/Inf"),
        (np.zeros((10, 2)), np.full((10, 2), -np.inf), 3, r"fake must be finite"),
        (np.zeros((3, 2)), np.zeros((10, 2)), 3, r"real needs at least k \+ 1 = 4 samples.*got shape \(3, 2\)"),
        (np.zeros((10, 2)), np.zeros((10, 2)), 0, r"k must be a positive int below 2\*\*31; got 0"),
        (np.zeros((10, 2)), np.zeros((10, 2)), 2.5, r"k must be a positive int below 2\*\*31; got 2.5"),
    ],
)
def test_manifold_metrics_bad_input(func, real, fake, k, match):
    with pytest.raises(InvalidInputError, match=match):
        func(real, fake, k=k)


def test_recall_needs_enough_fake_samples_but_density_does_not():
    real, fake = np.random.default_rng(0).standard_normal((10, 2)), np.zeros((2, 2))
    with pytest.raises(InvalidInputError, match=r"fake needs at least k \+ 1 = 4.*\(2, 2\)"):
        precision_recall(real, fake, k=3)
    density_coverage(real, fake, k=3)  # only real radii are needed


# --------------------------------------------------------------------------
# Streaming statistics
# --------------------------------------------------------------------------


def _offset_data(num_samples=2000, dim=12, seed=0):
    rng = np.random.default_rng(seed)
    mixing = rng.standard_normal((dim, dim))
    return 1e3 + rng.standard_normal((num_samples, dim)) @ mixing


def _feed_uneven(stats, data, seed=1):
    rng = np.random.default_rng(seed)
    cuts = np.sort(rng.choice(np.arange(1, len(data)), size=40, replace=False))
    for batch in np.split(data, cuts):
        stats.update(batch)
    stats.update(data[:0])  # empty batch is a no-op
    return stats


def test_feature_stats_streaming_matches_one_shot():
    data = _offset_data()
    stats = _feed_uneven(FeatureStats(), data)
    assert stats.count == len(data)
    np.testing.assert_allclose(stats.mean, data.mean(axis=0), rtol=1e-8)
    expected_cov = np.cov(data, rowvar=False)
    np.testing.assert_allclose(stats.covariance, expected_cov, rtol=1e-8, atol=1e-8 * np.abs(expected_cov).max())
    np.testing.assert_array_equal(stats.cov, stats.covariance)


def test_feature_stats_single_rows_and_merge():
    data = _offset_data(num_samples=300, dim=5, seed=2)
    one_by_one = FeatureStats()
    for row in data:
        one_by_one.update(row[None, :])
    left, right = FeatureStats(), FeatureStats()
    _feed_uneven(left, data[:120], seed=3)
    _feed_uneven(right, data[120:], seed=4)
    left.merge(right).merge(FeatureStats())
    expected_cov = np.cov(data, rowvar=False)
    for stats in (one_by_one, left):
        assert stats.count == 300
        np.testing.assert_allclose(stats.mean, data.mean(axis=0), rtol=1e-8)
        np.testing.assert_allclose(stats.covariance, expected_cov, rtol=1e-8, atol=1e-8 * np.abs(expected_cov).max())


def test_feature_stats_save_load_round_trip(tmp_path):
    data = _offset_data(num_samples=500, dim=6)
    stats = _feed_uneven(FeatureStats(), data)
    path = tmp_path / "real_stats.npz"
    stats.save(path, "inception_v3_pool3", (32, 32))
    assert sorted(os.listdir(tmp_path)) == ["real_stats.npz"]  # no temp file left behind
    with np.load(path) as raw:
        assert set(raw.files) == {"mean", "cov", "count", "extractor_id", "image_size"}
    for loaded in (load_stats(path), FeatureStats.load(str(path))):
        assert loaded.count == 500
        assert loaded.extractor_id == "inception_v3_pool3"
        assert loaded.image_size == (32, 32)
        np.testing.assert_array_equal(loaded.mean, stats.mean)
        np.testing.assert_allclose(loaded.cov, stats.covariance, rtol=1e-14)
    stats.save(path, "inception_v3_pool3", 299)  # overwrite atomically
    assert load_stats(path).image_size == 299


def test_feature_stats_save_failure_leaves_no_temp_file(tmp_path, monkeypatch):
    stats = FeatureStats().update(np.random.default_rng(0).standard_normal((10, 3)))

    def broken_savez(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        stats.save(tmp_path / "s.npz", "x", 8)
    assert os.listdir(tmp_path) == []


def test_frechet_distance_from_stats_matches_direct():
    rng = np.random.default_rng(8)
    a, b = rng.standard_normal((400, 8)), rng.standard_normal((300, 8)) + 0.2
    sa = FeatureStats(extractor_id="net").update(a)
    sb = FeatureStats(extractor_id="net").update(b)
    expected = frechet_distance(*_gaussian_stats(a), *_gaussian_stats(b))
    assert frechet_distance_from_stats(sa, sb) == pytest.approx(expected, rel=1e-10)


def test_frechet_distance_from_stats_refuses_different_extractors():
    rng = np.random.default_rng(9)
    sa = FeatureStats(extractor_id="inception_v3_pool3").update(rng.standard_normal((50, 4)))
    sb = FeatureStats(extractor_id="clip_vit_b32").update(rng.standard_normal((50, 4)))
    with pytest.raises(InvalidInputError, match=r"'inception_v3_pool3'.*'clip_vit_b32'"):
        frechet_distance_from_stats(sa, sb)
    with pytest.raises(InvalidInputError, match="different extractors"):
        sa.merge(sb)


def test_frechet_distance_from_stats_singular_covariance():
    rng = np.random.default_rng(10)
    few = FeatureStats().update(rng.standard_normal((8, 16)))
    many = FeatureStats().update(rng.standard_normal((100, 16)))
    with pytest.raises(SingularCovarianceError, match=r"16-dim features from 8 samples.*at least 17 samples"):
        frechet_distance_from_stats(few, many)


def test_feature_stats_bad_input(tmp_path):
    stats = FeatureStats()
    with pytest.raises(InvalidInputError, match=r"features_batch must be 2-D.*got shape \(4,\)"):
        stats.update(np.zeros(4))
    stats.update(np.zeros((3, 4)))
    with pytest.raises(InvalidInputError, match=r"feature dimension 5; expected 4"):
        stats.update(np.zeros((3, 5)))
    with pytest.raises(InvalidInputError, match="features_batch must be finite"):
        stats.update(np.array([[0.0, 1.0, np.inf, 0.0]]))
    with pytest.raises(SingularCovarianceError, match="at least 2 samples.*got 1"):
        FeatureStats().update(np.ones((1, 3))).covariance
    with pytest.raises(InvalidInputError, match="at least 1 sample; got 0"):
        FeatureStats().mean
    with pytest.raises(InvalidInputError, match="extractor_id must be a non-empty string; got None"):
        stats.save(tmp_path / "s.npz", None, 32)
    with pytest.raises(InvalidInputError, match=r"image_size must be.*got \(32, -1\)"):
        stats.save(tmp_path / "s.npz", "net", (32, -1))
    np.savez(tmp_path / "other.npz", mean=np.zeros(3))
    with pytest.raises(InvalidInputError, match=r"missing keys \['cov', 'count'"):
        load_stats(tmp_path / "other.npz")


PURE_MATH_MODULES = ("_validation.py", "classes.py", "distances.py", "manifold.py", "modes.py",
                     "stats.py")


def test_metric_modules_import_only_numpy_scipy_and_stdlib():
    # The metric math must stay free of TensorFlow (extractors and evaluate() may not).
    # Checked on the source (not sys.modules) so that whatever the package's
    # top-level __init__ imports does not matter.
    import ast

    import keras_gans.metrics as metrics_pkg

    allowed_roots = {"numpy", "scipy", "keras_gans", "os", "tempfile", "warnings", "numbers"}
    package_dir = os.path.dirname(metrics_pkg.__file__)
    for name in PURE_MATH_MODULES:
        with open(os.path.join(package_dir, name), encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] in allowed_roots, (name, module)
                if module.startswith("keras_gans"):
                    # keras_gans.saving (atomic writes) imports Keras only inside functions;
                    # keras_gans._checks (the package's argument checks) only NumPy.
                    assert module in ("keras_gans.errors", "keras_gans.saving",
                                      "keras_gans._checks") \
                        or module.startswith("keras_gans.metrics"), (name, module)
