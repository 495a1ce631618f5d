"""2-D Gaussian mixtures for mode-collapse experiments (PacGAN protocol).

``ring8``: 8 modes evenly spaced on a circle of radius 1, std 0.01.
``grid25``: 25 modes at {-4, -2, 0, 2, 4}², std 0.05.

Reference:
    Lin et al. 2018, "PacGAN: The power of two samples in generative adversarial
    networks" (§5.1, Table 1); Srivastava et al. 2017 (VEEGAN) for the ring.
"""

import dataclasses

import numpy as np

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError, UnknownNameError


@dataclasses.dataclass(frozen=True)
class Mixture:
    name: str
    means: np.ndarray
    std: float


def _ring8():
    angles = 2 * np.pi * np.arange(8) / 8
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def _grid25():
    axis = np.array([-4.0, -2.0, 0.0, 2.0, 4.0])
    return np.array([(x, y) for x in axis for y in axis])


MIXTURES = {
    "ring8": Mixture("ring8", _ring8(), 0.01),
    "grid25": Mixture("grid25", _grid25(), 0.05),
}


def get_mixture(name):
    if name not in MIXTURES:
        raise UnknownNameError(f"Unknown mixture {name!r}; expected one of {sorted(MIXTURES)}.")
    return MIXTURES[name]


def sample_mixture(name, num_samples, seed=0):
    """Draws ``num_samples`` points (float32, (n, 2)) uniformly over the modes."""
    num_samples = check_positive_int("num_samples", num_samples)
    mix = get_mixture(name)
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, len(mix.means), size=num_samples)
    points = mix.means[modes] + mix.std * rng.standard_normal((num_samples, 2))
    return points.astype(np.float32)
