"""Tests of keras_gans.metrics.modes (PacGAN-style 2-D mode metrics)."""

import numpy as np
import pytest

from keras_gans.errors import InvalidInputError
from keras_gans.metrics import PACGAN_NUM_SAMPLES, mode_metrics

RING8_STD = 0.01
GRID25_STD = 0.05


def _ring8():
    angles = 2 * np.pi * np.arange(8) / 8
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def _grid25():
    values = np.array([-4.0, -2.0, 0.0, 2.0, 4.0])
    return np.array([(x, y) for x in values for y in values])


def test_samples_on_five_of_eight_modes():
    means = _ring8()
    samples = np.repeat(means[:5], 500, axis=0)  # 2,500 samples, exactly on modes 0-4
    result = mode_metrics(samples, means, RING8_STD)
    assert result["modes_captured"] == 5
    assert result["high_quality_fraction"] == 1.0
    assert result["num_modes"] == 8
    assert result["num_samples"] == PACGAN_NUM_SAMPLES
    assert result["mode_counts"] == [500] * 5 + [0] * 3
    assert result["kl_to_uniform"] == pytest.approx(np.log(8 / 5), rel=1e-6)


def test_perfect_generator_on_grid25():
    means = _grid25()
    rng = np.random.default_rng(0)
    labels = np.arange(PACGAN_NUM_SAMPLES) % 25
    samples = means[labels] + GRID25_STD * rng.standard_normal((PACGAN_NUM_SAMPLES, 2))
    result = mode_metrics(samples, means, GRID25_STD)
    assert result["modes_captured"] == 25
    # P(|N(0, I_2)| < 3) = 1 - exp(-4.5) ≈ 0.989.
    assert result["high_quality_fraction"] == pytest.approx(1 - np.exp(-4.5), abs=0.01)
    assert sum(result["mode_counts"]) == round(result["high_quality_fraction"] * PACGAN_NUM_SAMPLES)
    assert result["kl_to_uniform"] < 0.01


def test_far_away_samples_are_not_high_quality():
    means = _ring8()
    samples = np.full((100, 2), 5.0)
    result = mode_metrics(samples, means, RING8_STD)
    assert result["modes_captured"] == 0
    assert result["high_quality_fraction"] == 0.0
    assert result["mode_counts"] == [0] * 8
    assert result["kl_to_uniform"] == pytest.approx(np.log(8))


def test_samples_between_modes_are_not_high_quality():
    means = _ring8()
    midpoints = (means + np.roll(means, 1, axis=0)) / 2
    result = mode_metrics(midpoints, means, RING8_STD)
    assert result["high_quality_fraction"] == 0.0


def test_threshold_boundary_is_strict():
    means = np.array([[0.0, 0.0], [10.0, 0.0]])
    std = 0.5
    on_boundary = np.array([[1.5, 0.0]])  # exactly 3 std away
    just_inside = np.array([[1.4999, 0.0]])
    assert mode_metrics(on_boundary, means, std)["high_quality_fraction"] == 0.0
    assert mode_metrics(just_inside, means, std)["high_quality_fraction"] == 1.0
    assert mode_metrics(on_boundary, means, std, threshold=3.01)["mode_counts"] == [1, 0]


def test_samples_go_to_nearest_mode():
    means = np.array([[0.0, 0.0], [1.0, 0.0]])
    samples = np.array([[0.1, 0.0], [0.2, 0.0], [0.9, 0.0]])
    result = mode_metrics(samples, means, std=0.1, threshold=3.0)
    assert result["mode_counts"] == [2, 1]
    p = np.array([2, 1]) / 3
    assert result["kl_to_uniform"] == pytest.approx(np.sum(p * np.log(2 * p)), rel=1e-6)


def test_result_types_are_plain_python():
    result = mode_metrics(_ring8(), _ring8(), RING8_STD)
    assert set(result) == {
        "modes_captured", "high_quality_fraction", "num_modes", "num_samples",
        "mode_counts", "kl_to_uniform",
    }
    assert all(type(v) in (int, float, list) for v in result.values())
    assert all(type(c) is int for c in result["mode_counts"])


@pytest.mark.parametrize(
    "samples,means,std,threshold,match",
    [
        (np.zeros(4), np.zeros((8, 2)), 0.1, 3.0, r"samples must be 2-D \(num_samples, dim\); got shape \(4,\)"),
        (np.zeros((4, 2)), np.zeros((8, 3)), 0.1, 3.0, r"same feature dimension.*\(4, 2\) and \(8, 3\)"),
        (np.full((4, 2), np.nan), np.zeros((8, 2)), 0.1, 3.0, r"samples must be finite"),
        (np.zeros((4, 2)), np.zeros((0, 2)), 0.1, 3.0, r"means needs at least 1 sample; got shape \(0, 2\)"),
        (np.zeros((4, 2)), np.zeros((8, 2)), 0.0, 3.0, r"std must be a positive finite number; got 0.0"),
        (np.zeros((4, 2)), np.zeros((8, 2)), 0.1, -1.0, r"threshold must be a positive finite number; got -1.0"),
        (np.zeros((4, 2)), np.zeros((8, 2)), float("inf"), 3.0, r"std must be a positive finite number; got inf"),
    ],
)
def test_mode_metrics_bad_input(samples, means, std, threshold, match):
    with pytest.raises(InvalidInputError, match=match):
        mode_metrics(samples, means, std, threshold=threshold)
