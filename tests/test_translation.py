"""Two-domain translators (keras_gans.translation): CycleGAN, UNIT, CoGAN.

Tiny shapes (8 px, 4 filters, batch 4, 1–2 steps): finite losses in eager/graph/XLA,
.keras round trips, the history pool's behaviour, shared layers really shared, and the
bad-input errors.
"""

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans import data
from keras_gans.errors import InvalidInputError
from keras_gans.translation import CoGAN, CycleGAN, ImagePool, UNIT
from keras_gans.translation.nets import CoupledEncoders

from conftest import BATCH, TINY_IMAGE, assert_keras_round_trip, build_tiny, changed, tiny_data


def tiny_unpaired(shape=TINY_IMAGE, shape_b=None, n=2 * BATCH):
    return data.unpaired_from_arrays(tiny_data(shape, n, seed=0),
                                     tiny_data(shape_b or shape, n, seed=1),
                                     batch_size=BATCH, shuffle=False)


def fit_steps(model, mode, ds=None, steps=2):
    model.compile(run_eagerly=mode == "eager", jit_compile=mode == "xla")
    history = model.fit(ds if ds is not None else tiny_unpaired(), epochs=1,
                        steps_per_epoch=steps, verbose=0)
    for name, values in history.history.items():
        assert np.all(np.isfinite(values)), f"{name} not finite in {mode}: {values}"
    assert int(model.g_optimizer.iterations.numpy()) == steps
    assert int(model.d_optimizer.iterations.numpy()) == steps
    return history


# --- registry ------------------------------------------------------------------------------
def test_registered_and_built_with_paper_defaults():
    assert {"cyclegan", "unit", "cogan"} <= set(keras_gans.list_variants())
    assert "Zhu" in keras_gans.describe_variant("cyclegan")
    assert "Liu" in keras_gans.describe_variant("unit")
    assert "Tuzel" in keras_gans.describe_variant("cogan")
    cyc = keras_gans.build("cyclegan", image_shape=(28, 28, 1))
    assert type(cyc) is CycleGAN
    assert (cyc.cycle_weight, cyc.identity_weight, cyc.pool_size) == (10.0, 5.0, 50)
    assert cyc.loss_name == "least_squares"
    assert cyc.generator_ab.get_config()["n_blocks"] == 3  # scaled down below 128 px
    assert cyc.generator_ab.output_shape == (None, 28, 28, 1)
    unit = build_tiny("unit")
    unit.compile()
    assert type(unit) is UNIT and np.isclose(float(unit.g_optimizer.learning_rate), 1e-4)
    assert (unit.recon_weight, unit.kl_weight, unit.cycle_weight) == (10.0, 0.01, 10.0)
    assert type(build_tiny("cogan")) is CoGAN
    with pytest.raises(InvalidInputError, match="unknown overrides"):
        keras_gans.build("cyclegan", image_shape=TINY_IMAGE, n_critic=2)


# --- training ----------------------------------------------------------------------------
def test_unit_options_are_trained_and_logged():
    model = build_tiny("unit", semantic_weight=1.0, latent_weight=1.0)
    before = [np.array(v) for v in model.latent_discriminator.trainable_variables]
    history = fit_steps(model, "eager", steps=1)
    assert {"recon", "kl", "cycle", "semantic", "d_latent", "latent_adv"} <= set(history.history)
    assert changed(before, model.latent_discriminator.trainable_variables)
    plain = build_tiny("unit", cycle_weight=0.0)
    assert "cycle" not in fit_steps(plain, "eager", steps=1).history
    with pytest.raises(InvalidInputError, match="latent_discriminator"):
        UNIT(plain.encoders, plain.decoders, plain.discriminator_a, plain.discriminator_b,
             latent_weight=1.0)


def test_each_update_moves_only_its_role():
    model = build_tiny("cyclegan")
    model.compile(run_eagerly=True)
    a, b = (tf.constant(tiny_data(seed=s)[:BATCH]) for s in (0, 1))
    g_vars, d_vars = (model.trainable_variables_of(r) for r in ("generator", "discriminator"))
    g0, d0 = [np.array(v) for v in g_vars], [np.array(v) for v in d_vars]
    model.train_step({"domain_a": a, "domain_b": b})
    assert changed(g0, g_vars) and changed(d0, d_vars)
    # The D update alone (fakes from the pool) leaves both generators as they were.
    g1 = [np.array(v) for v in g_vars]
    model._update("discriminator", lambda: (
        model.d_loss_fn(model.discriminator_b(b, training=True),
                        model.discriminator_b(model.generator_ab(a), training=True))
        + model.d_loss_fn(model.discriminator_a(a, training=True),
                          model.discriminator_a(model.generator_ba(b), training=True)),
        {}, {}))
    assert not changed(g1, g_vars)


# --- serialization ---------------------------------------------------------------------
# --- history pool ------------------------------------------------------------------------
def _marked(start, n, shape=(2, 2, 1)):
    """Images whose every pixel is their id (start, start+1, ...)."""
    return np.arange(start, start + n, dtype=np.float32)[:, None, None, None] * np.ones(shape,
                                                                                        np.float32)


def _seed(i):
    return tf.constant([7, i], tf.int64)


def test_pool_fills_first_then_swaps_at_half_rate():
    pool = ImagePool(pool_size=6, image_shape=(2, 2, 1))
    first = _marked(0, 4)
    np.testing.assert_array_equal(pool(first, seed=_seed(0)), first)  # filling: as is
    assert int(pool.count.numpy()) == 4
    # A batch straddling the fill point: 2 images fill the pool, the other 2 may swap.
    out = np.array(pool(_marked(4, 4), seed=_seed(1)))
    assert int(pool.count.numpy()) == 6
    np.testing.assert_array_equal(out[:2], _marked(4, 2))
    stored = set(np.array(pool.images)[:, 0, 0, 0].astype(int))
    assert {0, 1, 2, 3, 4, 5} - stored <= {int(v) for v in out[2:, 0, 0, 0]}
    # Once full: each image is returned as is or swapped for a stored one, ½ each.
    pool = ImagePool(pool_size=50, image_shape=(2, 2, 1))
    pool(_marked(0, 50), seed=_seed(0))
    returned_old, seen = 0, set(range(50))
    for step in range(40):
        batch = _marked(1000 + 25 * step, 25)
        out = np.array(pool(batch, seed=_seed(step + 1)))[:, 0, 0, 0].astype(int)
        new = set(batch[:, 0, 0, 0].astype(int))
        from_pool = [v for v in out if v not in new]
        assert set(from_pool) <= seen  # only images seen before come out of the pool
        assert len(set(from_pool)) == len(from_pool)  # distinct slots within a batch
        returned_old += len(from_pool)
        seen |= new
        contents = set(np.array(pool.images)[:, 0, 0, 0].astype(int))
        assert len(contents) == 50 and contents <= seen
    rate = returned_old / (40 * 25)
    assert 0.44 < rate < 0.56, rate


def test_pool_in_graph_matches_eager_and_runs_under_xla():
    x = _marked(0, 4)
    results = {}
    for mode in ("eager", "graph", "xla"):
        pool = ImagePool(pool_size=5, image_shape=(2, 2, 1))
        call = pool if mode == "eager" else tf.function(
            lambda images, seed, pool=pool: pool(images, seed=seed), jit_compile=mode == "xla")
        outs = [np.array(call(tf.constant(x + 10 * i), _seed(i))) for i in range(3)]
        results[mode] = (outs, np.array(pool.images), int(pool.count.numpy()))
    for a, b in zip(results["eager"][0], results["graph"][0]):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(results["eager"][1], results["graph"][1])
    # XLA's stateless generator draws other numbers than the CPU kernels, so compare
    # the semantics: fill first, then only previously seen images come back.
    outs, images, count = results["xla"]
    assert count == 5
    np.testing.assert_array_equal(outs[0], x)
    seen = set(range(4))
    for i, out in enumerate(outs[1:], start=1):
        ids = set(out[:, 0, 0, 0].astype(int))
        new = set(range(10 * i, 10 * i + 4))
        assert ids <= seen | new
        seen |= new
    assert set(images[:, 0, 0, 0].astype(int)) <= seen


def test_pool_size_zero_is_a_pass_through():
    pool = ImagePool(pool_size=0, image_shape=(2, 2, 1))
    x = _marked(0, 3)
    np.testing.assert_array_equal(pool(x, seed=_seed(0)), x)
    with pytest.raises(InvalidInputError, match="pool_size"):
        ImagePool(pool_size=-1, image_shape=(2, 2, 1))


# --- shared layers -------------------------------------------------------------------------
def _sgd_step_on_domain(net, inputs, domain):
    """One SGD step on the mean output of ``domain``'s path only."""
    variables = net.path_variables(domain)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(net.forward(inputs, domain, training=False))
    grads = tape.gradient(loss, variables)
    keras.optimizers.SGD(1.0).apply(grads, variables)


@pytest.mark.parametrize("name,attr", [("cogan", "generators"), ("cogan", "discriminators"),
                                        ("unit", "encoders"), ("unit", "decoders")])
def test_shared_layers_are_one_variable_with_two_users(name, attr):
    model = build_tiny(name)
    net = getattr(model, attr)
    shared_ids = {id(v) for v in net.shared.trainable_variables}
    assert shared_ids
    # One variable, two users: the same objects are on both domains' paths.
    assert shared_ids <= {id(v) for v in net.path_variables("a")}
    assert shared_ids <= {id(v) for v in net.path_variables("b")}
    private_a = {id(v) for v in net.private_a.trainable_variables}
    private_b = {id(v) for v in net.private_b.trainable_variables}
    assert not private_a & private_b and not shared_ids & (private_a | private_b)
    if attr == "generators":
        inputs = tf.constant(np.random.default_rng(0).normal(size=(BATCH, 4)), tf.float32)
    elif attr == "decoders":
        inputs = tf.random.normal((BATCH, *net.latent_shape), seed=1)
    else:
        inputs = tf.constant(tiny_data()[:BATCH])
    before_b = np.array(net.forward(inputs, "b"))
    private_b_before = [np.array(v) for v in net.private_b.trainable_variables]
    _sgd_step_on_domain(net, inputs, "a")
    # A gradient step through domain a's path changed what domain b's path outputs,
    # although none of b's private weights moved.
    assert not changed(private_b_before, net.private_b.trainable_variables)
    assert not np.allclose(before_b, np.array(net.forward(inputs, "b")))


# --- inference APIs ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["cyclegan", "unit"])
def test_translate_api(name):
    model = build_tiny(name)
    x = tiny_data(seed=3)[:5]
    for direction in ("a2b", "b2a"):
        y = model.translate(x, direction, batch_size=2)
        assert y.shape == x.shape and np.all(np.abs(y) <= 1.0)
    np.testing.assert_allclose(model.translate(x[0], "a2b")[0], model.translate(x, "a2b")[0],
                               atol=1e-5)
    assert model.reconstruct(x, "a2b").shape == x.shape
    with pytest.raises(InvalidInputError, match="direction"):
        model.translate(x, "a_to_b")
    with pytest.raises(InvalidInputError, match=r"shape \(n, 8, 8, 1\)"):
        model.translate(np.zeros((2, 16, 16, 1), np.float32))
    with pytest.raises(InvalidInputError, match="floats"):
        model.translate(np.zeros((2, 8, 8, 1), np.uint8))
    with pytest.raises(InvalidInputError, match=r"\[-1, 1\]"):
        model.translate(np.full((2, 8, 8, 1), 3.0, np.float32))


def test_unit_translate_is_decoder_of_encoder():
    model = build_tiny("unit")
    x = tiny_data(seed=4)[:3]
    mu = model.encode(x, "a")
    expected = model.decoders.forward(tf.constant(mu), "b", training=False)
    np.testing.assert_allclose(model.translate(x, "a2b"), expected, atol=1e-5)


def test_cogan_generate_pairs():
    model = build_tiny("cogan")
    a, b = model.generate(5, seed=3)
    assert a.shape == b.shape == (5, 8, 8, 1)
    a2, b2 = model.generate(5, seed=3)
    np.testing.assert_array_equal(a, a2)
    np.testing.assert_array_equal(b, b2)
    z = np.random.default_rng(0).normal(size=(2, 4)).astype(np.float32)
    za, zb = model.generate(z)
    np.testing.assert_allclose(za, model.generators.forward(tf.constant(z), "a"), atol=1e-6)
    np.testing.assert_allclose(zb, model.generators.forward(tf.constant(z), "b"), atol=1e-6)
    with pytest.raises(InvalidInputError, match="at least 1"):
        model.generate(0)
    with pytest.raises(InvalidInputError, match=r"shape \(n, 4\)"):
        model.generate(np.zeros((2, 3)))


def test_cogan_ema_generators_average_the_live_ones(tmp_path):
    model = build_tiny("cogan", ema_decay=0.25)
    start = [np.array(v) for v in model.generators.weights]
    fit_steps(model, "graph", steps=1)
    pairs = [(ema, before, live) for ema, before, live in zip(
        model.generators_ema.weights, start, model.generators.weights) if live.trainable]
    assert pairs
    for ema, before, live in pairs:
        # One Polyak step: 0.25·(weights at the start) + 0.75·(weights after the update);
        # BatchNorm's statistics are the EMA nets' own (fit refreshes them, test_engine).
        np.testing.assert_allclose(np.array(ema), 0.25 * before + 0.75 * np.array(live),
                                   rtol=1e-5, atol=1e-6)
    assert model.inference_nets()["generators"] is model.generators_ema
    z = np.random.default_rng(0).normal(size=(3, 4)).astype(np.float32)
    for mine, ema in zip(model.generate(z), model.generators_ema(tf.constant(z))):
        np.testing.assert_allclose(mine, ema, atol=1e-6)
    for mine, live in zip(model.generate(z, use_ema=False), model.generators(tf.constant(z))):
        np.testing.assert_allclose(mine, live, atol=1e-6)
    assert not np.allclose(model.generate(z)[0], model.generate(z, use_ema=False)[0])
    loaded = assert_keras_round_trip(model, tmp_path, "cogan_ema")
    assert loaded.ema_decay == 0.25
    for mine, theirs in zip(model.generate(z), loaded.generate(z)):
        np.testing.assert_allclose(mine, theirs, atol=1e-6)
    with pytest.raises(InvalidInputError, match=r"ema_decay must be in \(0, 1\).*1\.5"):
        build_tiny("cogan", ema_decay=1.5)


# --- bad input ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["cyclegan", "unit", "cogan"])
def test_domains_of_different_sizes_are_refused(name):
    with pytest.raises(InvalidInputError, match="same image size"):
        build_tiny(name, image_shape_b=(16, 16, 1))


def test_cyclegan_channels_differ_only_without_identity_loss():
    with pytest.raises(InvalidInputError, match="same number of channels"):
        build_tiny("cyclegan", image_shape_b=(8, 8, 3))
    model = build_tiny("cyclegan", image_shape_b=(8, 8, 3), identity_weight=0.0)
    assert model.translate(tiny_data()[:2], "a2b").shape == (2, 8, 8, 3)
    fit_steps(model, "eager", tiny_unpaired(shape_b=(8, 8, 3)), steps=1)


@pytest.mark.parametrize("name", ["cyclegan", "cogan"])
def test_paired_or_single_domain_data_is_refused(name):
    model = build_tiny(name)
    model.compile(run_eagerly=True)
    x = tiny_data()
    paired = tf.data.Dataset.from_tensor_slices((x, x)).batch(BATCH)
    labelled = data.from_arrays(x, np.zeros(len(x), np.int64), batch_size=BATCH)
    with pytest.raises(InvalidInputError, match="paired or labelled"):
        model.fit(paired, epochs=1, verbose=0)
    with pytest.raises(InvalidInputError, match="paired or labelled"):
        model.fit(labelled, epochs=1, verbose=0)
    with pytest.raises(InvalidInputError, match="single-domain"):
        model.fit(data.from_arrays(x, batch_size=BATCH), epochs=1, verbose=0)
    with pytest.raises(InvalidInputError, match="tf.data.Dataset"):
        model.fit(x, epochs=1, verbose=0)
    wrong = data.unpaired_from_arrays(tiny_data((16, 16, 1)), tiny_data((16, 16, 1)),
                                      batch_size=BATCH)
    with pytest.raises(InvalidInputError, match=r"domain a images of shape \(8, 8, 1\)"):
        model.fit(wrong, epochs=1, verbose=0)


def test_net_arguments_are_validated():
    from keras_gans.translation.nets import PatchDiscriminator, ResnetGenerator

    with pytest.raises(InvalidInputError, match="divisible by 2\\*\\*n_downsampling"):
        ResnetGenerator((10, 10, 1), n_downsampling=2)
    with pytest.raises(InvalidInputError, match="too small"):
        PatchDiscriminator((8, 8, 1), n_layers=4)
    with pytest.raises(InvalidInputError, match="normalization"):
        CoupledEncoders((8, 8, 1), normalization="weird")
    with pytest.raises(InvalidInputError, match="CoupledEncoders"):
        unit = build_tiny("unit")
        UNIT(unit.decoders, unit.decoders, unit.discriminator_a, unit.discriminator_b)


def test_cogan_dense_layers_are_shared_and_saved(tmp_path):
    model = build_tiny("cogan", generator={"dense_units": 6}, discriminator={"dense_units": 5})

    def widths(net):
        return [layer.units for layer in net.layers if isinstance(layer, keras.layers.Dense)]

    # The FC layers sit in the shared sub-models (both domains use them).
    assert widths(model.generators.shared)[0] == 6
    assert widths(model.discriminators.shared) == [5, 1]
    assert not widths(model.generators.private_a)
    fit_steps(model, "graph", steps=1)
    loaded = assert_keras_round_trip(model, tmp_path, "cogan_dense")
    assert loaded.discriminators.get_config()["dense_units"] == 5
    for mine, theirs in zip(model.generate(3, seed=2), loaded.generate(3, seed=2)):
        np.testing.assert_allclose(mine, theirs, atol=1e-6)
    with pytest.raises(InvalidInputError, match=r"dense_units.*-1"):
        build_tiny("cogan", generator={"dense_units": -1})
