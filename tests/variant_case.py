"""One harness for every registered variant: its tiny config, its data, and the checks
every model class must pass (keras-hub's ``run_*_test`` style).

``CASES`` holds one :class:`VariantCase` per name ``keras_gans.list_variants()`` returns
(``tests/test_variants.py`` fails on a variant without one); :func:`run_variant_test`
runs one check on one case. Family test files keep only what is their own.
"""

import dataclasses
from typing import Callable, Optional

import numpy as np

from conftest import (BATCH, TINY_IMAGE, assert_keras_round_trip, compile_mode, tiny_data,
                      tiny_overrides)

K = 4  # classes of the conditional cases
LATENT = 4


def _labels(n):
    return (np.arange(n) % K).astype(np.int64)


def _images(model):
    return tiny_data(n=2 * BATCH)


def _labelled(model):
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices(
        (tiny_data(n=2 * BATCH), _labels(2 * BATCH))).batch(BATCH)


def _unpaired(model):
    from keras_gans import data

    return data.unpaired_from_arrays(tiny_data(n=2 * BATCH, seed=0),
                                     tiny_data(n=2 * BATCH, seed=1), batch_size=BATCH,
                                     shuffle=False)


def _generated(model, seed):
    return model.generate(3, seed=seed)


def _generated_for_labels(model, seed):
    return model.generate(3, labels=[0, 2, 3], seed=seed)


def _translated(model, seed):  # deterministic: no seed to take
    x = tiny_data(n=BATCH, seed=5)
    return np.concatenate([model.translate(x, "a2b"), model.translate(x, "b2a")])


def _generated_pairs(model, seed):
    return np.concatenate(model.generate(3, seed=seed))


@dataclasses.dataclass
class VariantCase:
    """How to build, feed and sample one variant at the smallest size.

    Attributes:
        kwargs: build arguments beyond ``image_shape`` (tiny nets, class count).
        data: ``model -> fit input`` (arrays, labelled or unpaired datasets).
        nets: the model attributes each role's update trains; the harness checks that
            ``trainable_variables_of(role)`` is exactly their variables.
        sample: ``(model, seed) -> array``: what a user gets from the model (samples or
            translations), compared after a reload and across seeds.
        logs: terms the step logs besides ``d_loss``/``g_loss``.
        seeded: whether ``sample`` takes a seed (translation is deterministic).
        xla: whether the default run fits it under XLA (each model class and each
            loss-family step signature once; not the translators, whose compiles take
            tens of seconds); the other XLA fits are marked ``slow``.
        after_reload: ``(model, loaded) -> None``: the family's own checks of a reload.
    """

    kwargs: dict
    data: Callable = _images
    nets: dict = dataclasses.field(default_factory=lambda: {
        "discriminator": ("discriminator",), "generator": ("generator",)})
    sample: Callable = _generated
    logs: tuple = ()
    seeded: bool = True
    xla: bool = True
    after_reload: Optional[Callable] = None


def _cyclegan_reloaded(model, loaded):
    assert int(loaded.pool_a.count.numpy()) == BATCH  # the history pools are saved
    np.testing.assert_array_equal(np.array(loaded.pool_b.images), np.array(model.pool_b.images))
    assert np.abs(np.array(loaded.pool_b.images)[:BATCH]).sum() > 0


def _unit_reloaded(model, loaded):
    enc = loaded.encoders  # still one shared sub-model after loading
    assert enc.shared is not enc.private_a
    parts = (enc.shared, enc.private_a, enc.private_b)
    assert len(enc.trainable_variables) == sum(len(p.trainable_variables) for p in parts)


def _encoder_reloaded(model, loaded):
    assert len(loaded.encoder.weights) == len(model.encoder.weights) > 0
    x = tiny_data(n=3)
    np.testing.assert_allclose(loaded.encode(x), model.encode(x), atol=1e-6)
    np.testing.assert_allclose(loaded.reconstruct(x), model.reconstruct(x), atol=1e-6)


def _infogan_reloaded(model, loaded):
    assert (loaded.info_weight, loaded.continuous_weight) == (0.5, 0.1)
    np.testing.assert_allclose(loaded.generate(3, categories=[1, 2, 3], seed=5),
                               model.generate(3, categories=[1, 2, 3], seed=5), atol=1e-6)


_ENCODER_NETS = {"discriminator": ("discriminator",), "generator": ("generator", "encoder")}
_VAEGAN_NETS = {"discriminator": ("discriminator",), "generator": ("generator",),
                "encoder": ("encoder",)}
_VAEGAN_LOGS = ("d_fake_recon", "kl", "recon", "g_recon", "g_gan_recon")
_TWO_DOMAINS = {"discriminator": ("discriminator_a", "discriminator_b"),
                "generator": ("generator_ab", "generator_ba")}


def _step_signature(variant):
    """What of a loss-family variant's step XLA compiles beyond pure loss ops: its
    penalties, constraints, D kind, spectral norm and critic loop."""
    kinds = [type(make()).__name__ for make in (*variant.d_regularizers,
                                                 *variant.g_regularizers,
                                                 *variant.d_constraints)]
    return (*kinds, variant.discriminator_type, variant.n_critic > 1,
            bool(variant.discriminator_kwargs.get("spectral_norm")))


def _loss_family_cases():
    """One case per loss-family variant; XLA runs on the first of each step signature
    (the others differ only in pure loss functions, which graph mode traces)."""
    import keras_gans

    cases, seen = {}, set()
    for name in keras_gans.variants.loss_family_variants():
        signature = _step_signature(keras_gans.variants.get_variant(name))
        cases[name] = VariantCase(tiny(name), xla=signature not in seen)
        seen.add(signature)
    return cases


def tiny(name, **kwargs):
    """The variant's smallest nets (``conftest.tiny_overrides``, the one table) plus
    ``kwargs``."""
    return {**tiny_overrides(name), **kwargs}


def cases():
    """``{variant: VariantCase}`` for every registered variant."""
    return {
        **_loss_family_cases(),
        "cgan": VariantCase(tiny("cgan", num_classes=K), data=_labelled,
                            sample=_generated_for_labels, logs=("d_mismatch",)),
        "acgan": VariantCase(tiny("acgan", num_classes=K), data=_labelled,
                             sample=_generated_for_labels,
                             logs=("d_class_real", "d_class_fake", "g_class")),
        "infogan": VariantCase(
            tiny("infogan", discriminator={"shared_units": 8, "q_units": 8}, info_weight=0.5,
                 continuous_weight=0.1),
            logs=("d_info_cat", "d_info_cont", "g_info_cat", "g_info_cont"),
            after_reload=_infogan_reloaded),
        "bigan": VariantCase(tiny("bigan"), nets=_ENCODER_NETS,
                             logs=("e_loss",), after_reload=_encoder_reloaded),
        "vaegan": VariantCase(tiny("vaegan"), nets=_VAEGAN_NETS, logs=_VAEGAN_LOGS,
                              after_reload=_encoder_reloaded),
        "vaegan_l2_clipnorm": VariantCase(tiny("vaegan_l2_clipnorm"), nets=_VAEGAN_NETS,
                                          logs=_VAEGAN_LOGS + ("d_l2",),
                                          after_reload=_encoder_reloaded),
        "cyclegan": VariantCase(tiny("cyclegan"), data=_unpaired,
                                nets=_TWO_DOMAINS, sample=_translated, seeded=False,
                                logs=("cycle", "identity", "d_a", "d_b"), xla=False,
                                after_reload=_cyclegan_reloaded),
        "unit": VariantCase(tiny("unit"), data=_unpaired,
                            nets={"discriminator": ("discriminator_a", "discriminator_b"),
                                  "generator": ("encoders", "decoders")},
                            sample=_translated, seeded=False,
                            logs=("d_a", "d_b", "recon", "kl", "cycle"), xla=False,
                            after_reload=_unit_reloaded),
        "cogan": VariantCase(tiny("cogan"), data=_unpaired,
                             nets={"discriminator": ("discriminators",),
                                   "generator": ("generators",)},
                             sample=_generated_pairs, logs=("d_a", "d_b", "g_a", "g_b"),
                             xla=False),
    }


def build_case(name, case=None, **kwargs):
    import keras_gans

    case = case or cases()[name]
    return keras_gans.build(name, image_shape=TINY_IMAGE, latent_dim=LATENT, seed=1,
                            **{**case.kwargs, **kwargs})


def _fit(model, case, mode, steps):
    """``mode=None`` keeps the model's compiled state (a reloaded model's optimizers)."""
    if mode is not None:
        compile_mode(model, mode)
    data = case.data(model)
    kwargs = {"batch_size": BATCH, "shuffle": False} if isinstance(data, np.ndarray) else {}
    history = model.fit(data, epochs=1, steps_per_epoch=steps, verbose=0, **kwargs)
    for term, values in history.history.items():
        assert np.all(np.isfinite(values)), f"{term} not finite in {mode}: {values}"
    return history


def _values(variables):
    return [np.array(v) for v in variables]


def _spectral_norm_kernels(model):
    """Ids of kernels ``keras.layers.SpectralNormalization`` rewrites as W / σ(W) in every
    training-mode call: another role's update may rescale them, never train them."""
    import keras

    return {id(layer.layer.kernel) for layer in model._flatten_layers()
            if isinstance(layer, keras.layers.SpectralNormalization)}


def check_fit(name, case, mode):
    """Two steps in ``mode``: finite logs, its terms logged, each optimizer stepped."""
    model = build_case(name, case)
    history = _fit(model, case, mode, steps=2)
    assert {"d_loss", "g_loss", *case.logs} <= set(history.history)
    for role, repeats in model.update_sequence():
        assert int(model.optimizer_for(role).iterations.numpy()) == 2 * repeats, role


def check_updates(name, case):
    """The roles own the declared nets and partition the model's variables; each update
    of one eager step moves its role's variables and nothing else."""
    model = build_case(name, case)
    variables = model.trainable_variables
    assert set(model.roles()) == set(case.nets)
    owned = []
    for role, attrs in case.nets.items():
        declared = {id(v) for a in attrs for v in getattr(model, a).trainable_variables}
        assert {id(v) for v in model.trainable_variables_of(role)} == declared, role
        assert declared and not declared & set().union(*owned), role
        owned.append(declared)
    assert set().union(*owned) == {id(v) for v in variables}

    updates, update = [], model._update

    def recording(role, *args, **kwargs):
        before = _values(variables)
        out = update(role, *args, **kwargs)
        updates.append((role, before, _values(variables)))
        return out

    model._update = recording
    _fit(model, case, "eager", steps=1)
    rescaled = _spectral_norm_kernels(model)
    assert [role for role, _, _ in updates] == [
        role for role, repeats in model.update_sequence() for _ in range(repeats)]
    for role, before, after in updates:
        own = {id(v) for v in model.trainable_variables_of(role)}
        moved = False
        for v, a, b in zip(variables, before, after):
            if id(v) in own:
                moved = moved or not np.array_equal(a, b)
            elif id(v) in rescaled:
                scale = np.sum(a * b) / np.sum(b * b)
                np.testing.assert_allclose(a, scale * b, rtol=1e-4, atol=1e-6,
                                           err_msg=f"{role} update trained {v.path}")
            else:
                np.testing.assert_array_equal(a, b, err_msg=f"{role} update moved {v.path}")
        assert moved, f"the {role} update moved none of its variables"


def check_round_trip(name, case, tmp_path):
    """``.keras`` save/load keeps type, config, weights, optimizer state and samples, and
    training continues from the restored state."""
    model = build_case(name, case)
    _fit(model, case, "graph", steps=1)
    loaded = assert_keras_round_trip(model, tmp_path, name)
    np.testing.assert_allclose(case.sample(loaded, 3), case.sample(model, 3), atol=1e-6)
    if case.after_reload:
        case.after_reload(model, loaded)
    _fit(loaded, case, None, steps=1)
    assert int(loaded.g_optimizer.iterations.numpy()) == 2


def check_sampling_is_seeded(name, case):
    """Same seed → same output (exact: same model, machine and shapes); another seed →
    other samples."""
    model = build_case(name, case)
    first = case.sample(model, 3)
    np.testing.assert_array_equal(case.sample(model, 3), first)
    assert np.all(np.isfinite(first))
    if case.seeded:
        assert not np.allclose(case.sample(model, 4), first)


CHECKS = ("fit", "updates", "round_trip", "sampling")


def run_variant_test(name, check, mode="graph", tmp_path=None):
    """Runs one of ``CHECKS`` on variant ``name`` (``fit`` in ``mode``; ``round_trip``
    saves under ``tmp_path``)."""
    case = cases()[name]
    if check == "fit":
        return check_fit(name, case, mode)
    if check == "round_trip":
        return check_round_trip(name, case, tmp_path)
    return {"updates": check_updates, "sampling": check_sampling_is_seeded}[check](name, case)
