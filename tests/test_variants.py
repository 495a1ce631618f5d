"""Every registered variant through the one harness (tests/variant_case.py): fit in
eager, graph and XLA; each update touches only its nets; `.keras` round trip; seeded
sampling."""

import pytest

import keras_gans

from conftest import MODES
from variant_case import cases, run_variant_test

CASES = cases()
NAMES = sorted(CASES)


def test_every_registered_variant_has_a_case():
    assert set(CASES) == set(keras_gans.list_variants())


def _fit_params():
    for name in NAMES:
        for mode in MODES:
            slow = mode == "xla" and not CASES[name].xla
            yield pytest.param(name, mode, marks=[pytest.mark.slow] if slow else [],
                               id=f"{name}-{mode}")


@pytest.mark.parametrize("name, mode", _fit_params())
def test_fit_two_steps_finite(name, mode):
    run_variant_test(name, "fit", mode)


@pytest.mark.parametrize("name", NAMES)
def test_each_update_touches_only_its_nets(name):
    run_variant_test(name, "updates")


@pytest.mark.parametrize("name", NAMES)
def test_keras_round_trip(name, tmp_path):
    run_variant_test(name, "round_trip", tmp_path=tmp_path)


@pytest.mark.parametrize("name", NAMES)
def test_sampling_is_seeded(name):
    run_variant_test(name, "sampling")
