"""The zoo's targets: each shipped preset is held to its kind's bar, checked on its record."""

import dataclasses
import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _preset(name, **metrics):
    from keras_gans import zoo

    return dataclasses.replace(zoo.get(name), metrics=metrics)


def test_every_shipped_preset_has_a_target_and_a_figure_for_each():
    from keras_gans import zoo
    from keras_gans.zoo import targets

    for name in zoo.list(with_weights=True):
        checks = targets.check(name)
        assert checks, f"{name} ships weights but has no target"
        for c in checks:
            assert c.value is not None, f"{name}'s record lacks {c.target.key}"


def test_an_unconditional_preset_needs_every_bar_and_the_stretch_is_apart():
    from keras_gans.zoo import targets

    good = {"is": 9.2, "fid": 1.5, "class_kl": 0.01, "classes_covered": 10}
    checks = targets.check(_preset("dcgan_mnist", **good))
    assert [c.target.key for c in checks] == ["is", "fid", "class_kl", "classes_covered"]
    assert all(c.met for c in checks) and not targets.missed(_preset("dcgan_mnist", **good))
    assert [c.stretch_met for c in checks] == [False, False, None, None]
    for key, bad in (("is", 8.99), ("fid", 2.01), ("class_kl", 0.03), ("classes_covered", 9)):
        missed = targets.missed(_preset("dcgan_mnist", **{**good, key: bad}))
        assert [c.target.key for c in missed] == [key]


def test_a_missing_figure_misses_its_target():
    from keras_gans.zoo import targets

    missed = targets.missed(_preset("cgan_mnist", **{"is": 9.7}))
    assert [(c.target.key, c.value) for c in missed] == [("structure.label_accuracy", None)]
    assert missed[0].target.format(None) == "not measured"


@pytest.mark.parametrize("name, keys", [
    ("cgan_mnist", ["structure.label_accuracy", "is"]),
    ("infogan_mnist", ["structure.best_permutation_accuracy"]),
    ("bigan_mnist", ["is", "fid", "class_kl", "classes_covered",
                     "structure.reconstruction_label_accuracy"]),
    ("cogan_mnist2domain", ["pair_agreement"]),
    ("unit_mnist2domain", ["class_preservation_a2b", "class_preservation_b2a"]),
    ("nsgan_grid25", ["modes_captured", "high_quality_fraction"]),
    ("dcgan_celeba", []),
])
def test_each_kind_of_preset_has_its_own_targets(name, keys):
    from keras_gans.zoo import targets

    assert [t.key for t in targets.targets(name)] == keys


def test_mixture_targets_are_all_modes_and_pacgans_quality():
    from keras_gans.metrics.modes import PACGAN_BAR
    from keras_gans.zoo import targets

    for name, modes in (("lsgan_ring8", 8), ("lsgan_grid25", 25)):
        t = {x.key: x for x in targets.targets(name)}
        assert t["modes_captured"].minimum == modes
        assert t["high_quality_fraction"].minimum == PACGAN_BAR[name.split("_")[1]][2]


def test_structured_kinds_named_by_the_targets_are_the_models_kinds():
    import keras_gans
    from keras_gans.metrics.structured import kind_of
    from keras_gans.zoo import targets

    expected = {**{v: "conditional" for v in targets.CONDITIONAL},
                **{v: "infogan" for v in targets.CATEGORICAL_CODE},
                **{v: "encoder" for v in targets.ENCODER}, "dcgan": None}
    for variant, kind in expected.items():
        model = keras_gans.build(variant, image_shape=(28, 28, 1), latent_dim=8)
        assert kind_of(model) == kind, variant
    mnist = {keras_gans.zoo.get(n).variant for n in keras_gans.zoo.list(dataset="mnist")}
    assert set(expected) - {"dcgan"} <= mnist


def test_runs_file_names_registered_presets_with_complete_rows():
    from keras_gans import zoo

    with open(os.path.join(ROOT, "zoo", "runs.json")) as f:
        runs = json.load(f)
    for name, rows in runs.items():
        assert name in zoo.names(), name
        assert zoo.get(name).has_weights, f"{name}: runs noted for a preset with no weights"
        for row in rows:
            assert set(row) == {"run", "what", "length", "figures", "measured", "outcome"}, \
                (name, row)
