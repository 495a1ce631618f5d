"""The adversarial engine: every variant trains through one train_step."""

import numpy as np
import pytest
import tensorflow as tf

import keras
import keras_gans
from keras_gans.errors import InvalidInputError, UnknownNameError

from conftest import (BATCH, TINY_IMAGE, assert_keras_round_trip, build_tiny, changed,
                      compile_mode, run_gan_train_test, tiny_data, trainable_values)

VARIANTS = keras_gans.variants.loss_family_variants()  # structured ones test themselves


def test_all_spec_variants_are_registered():
    expected = {"gan", "nsgan", "dcgan", "lsgan", "wgan", "wgan_gp", "dragan", "sngan",
                "fgan_kl", "fgan_reverse_kl", "fgan_pearson", "fgan_neyman",
                "fgan_squared_hellinger", "fgan_js", "fgan_total_variation", "ebgan",
                "diff_gan"}
    assert expected == set(VARIANTS)
    structured = {"cgan", "acgan", "infogan", "bigan", "vaegan"}
    assert structured <= set(keras_gans.list_variants()) - set(VARIANTS)
    assert all(type(keras_gans.build(v, image_shape=TINY_IMAGE, latent_dim=4,
                                     **_tiny(v))) is keras_gans.GAN for v in expected)


def _tiny(v):
    from conftest import tiny_overrides

    return tiny_overrides(v)


def test_weight_clipping_bounds_discriminator():
    model = build_tiny("wgan")
    # Start from weights far outside the box so the constraint has work to do.
    for v in model.discriminator.trainable_variables:
        v.assign(tf.ones_like(v) * 0.5)
    run_gan_train_test(model, tiny_data(), "graph")
    for v in model.discriminator.trainable_variables:
        assert float(tf.reduce_max(tf.abs(v))) <= 0.01 + 1e-7, v.path


def test_steps_per_execution_and_xla():
    model = build_tiny("wgan_gp")
    compile_mode(model, "xla", steps_per_execution=2)
    model.fit(tiny_data(n=4 * BATCH), batch_size=BATCH, epochs=1, verbose=0)
    assert int(model.g_optimizer.iterations.numpy()) == 4


def test_same_seed_same_training():
    def run():
        keras.utils.set_random_seed(0)
        model = build_tiny("wgan_gp")
        run_gan_train_test(model, tiny_data(), "graph")
        return [np.array(v) for v in model.generator.weights]

    for a, b in zip(run(), run()):
        np.testing.assert_array_equal(a, b)


def test_generate_range_shape_and_seed():
    model = build_tiny("dcgan")
    images = model.generate(5, seed=3)
    assert images.shape == (5, *TINY_IMAGE) and images.dtype == np.float32
    assert images.min() >= -1.0 and images.max() <= 1.0
    np.testing.assert_array_equal(images, model.generate(5, seed=3))
    assert not np.array_equal(images, model.generate(5, seed=4))
    z = np.zeros((2, 4), np.float32)
    assert model.generate(z).shape == (2, *TINY_IMAGE)
    assert model.generate(7, batch_size=3).shape == (7, *TINY_IMAGE)


def test_vector_data_gets_mlp_with_linear_output():
    model = keras_gans.build("wgan_gp", image_shape=(2,), latent_dim=4, hidden_units=[8])
    assert isinstance(model.generator, keras_gans.nets.MLPGenerator)
    assert model.generator.get_config()["output_activation"] == "linear"
    data = 10.0 * tiny_data(shape=(2,))
    run_gan_train_test(model, data, "graph")
    assert model.generate(3).shape == (3, 2)


def test_ema_generator_tracks_generator():
    model = build_tiny("dcgan", ema_decay=0.5)
    def trainable_pairs():
        return [(np.array(e), np.array(g)) for e, g in
                zip(model.generator_ema.weights, model.generator.weights) if g.trainable]

    before = [e for e, _ in trainable_pairs()]
    assert before
    run_gan_train_test(model, tiny_data(), "graph")
    ema, live = zip(*trainable_pairs())
    assert any(not np.array_equal(a, b) for a, b in zip(before, ema))
    assert any(not np.array_equal(a, b) for a, b in zip(live, ema))  # an average, not a copy


def test_fit_gives_the_ema_generator_its_own_batchnorm_statistics():
    """After fit, each BatchNorm layer of the EMA copy holds the mean of the batch means
    and of the batch variances of its own inputs over the refresh's seeded latents, not
    the live generator's statistics."""
    import keras

    from keras_gans.seeds import stream

    model = build_tiny("dcgan", ema_decay=0.9)
    run_gan_train_test(model, tiny_data(), "graph", steps=1)
    ema = model.generator_ema
    norms = [layer for layer in ema._flatten_layers()
             if isinstance(layer, keras.layers.BatchNormalization)]
    assert norms and not any(layer.trainable for layer in norms)  # restored
    batches = [model.sample_latent(256, stream(model.seed, "ema_statistics", k))
               for k in range(50)]
    for layer in norms:
        inputs = keras.Model(ema.inputs, layer.input)
        axes = tuple(range(len(layer.input.shape) - 1))  # all but the channel axis
        acts = [np.array(inputs(z, training=True), np.float64) for z in batches]
        np.testing.assert_allclose(np.array(layer.moving_mean),
                                   np.mean([a.mean(axis=axes) for a in acts], axis=0),
                                   rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(np.array(layer.moving_variance),
                                   np.mean([a.var(axis=axes) for a in acts], axis=0),
                                   rtol=1e-3, atol=1e-5)
    statistics = [(e, v) for e, v in zip(ema.weights, model.generator.weights)
                  if not v.trainable]
    assert len(statistics) == 2 * len(norms)
    assert any(not np.allclose(np.array(e), np.array(v)) for e, v in statistics)
    # Seeded: refreshing again gives the same statistics (same machine, same shapes).
    before = [np.array(e) for e, _ in statistics]
    model.refresh_ema_statistics()
    for a, (e, _) in zip(before, statistics):
        np.testing.assert_array_equal(a, np.array(e))


def test_ema_warmup_ramps_the_decay_over_the_first_updates():
    """After the first G update (t = 1) the warm-up decay is min(0.999, 2/11): the EMA
    is mostly the live weights, not the initial ones."""
    model = build_tiny("dcgan", ema_decay=0.999, ema_warmup=True)
    start = trainable_values(model.generator_ema)
    run_gan_train_test(model, tiny_data(), "eager", steps=1)
    decay = 2.0 / 11.0
    for e, s0, g in zip(trainable_values(model.generator_ema), start,
                        trainable_values(model.generator)):
        np.testing.assert_allclose(e, decay * s0 + (1 - decay) * g, rtol=1e-5, atol=1e-6)
    assert model.get_config()["ema_warmup"] is True
    with pytest.raises(InvalidInputError, match="set ema_decay too"):
        build_tiny("dcgan", ema_warmup=True)


def test_split_real_batch_needs_divisible_batch():
    model = build_tiny("wgan_gp", split_real_batch=True)  # n_critic 5
    compile_mode(model, "graph")
    with pytest.raises(InvalidInputError, match="divisible by n_critic=5"):
        model.fit(tiny_data(), batch_size=BATCH, epochs=1, steps_per_epoch=1, verbose=0)
    model.fit(tiny_data(n=10), batch_size=10, epochs=1, steps_per_epoch=1, verbose=0)
    assert int(model.d_optimizer.iterations.numpy()) == 5


def _count_generator_forwards(model):
    calls = []
    forward = model.generator_forward

    def counted(*args, **kwargs):
        calls.append(1)
        return forward(*args, **kwargs)

    model.generator_forward = counted
    return calls


@pytest.mark.parametrize("variant", ["dcgan", "cgan", "infogan"])
def test_reuse_fake_runs_one_generator_forward_per_step(variant):
    data = tiny_data()
    model = build_tiny(variant, reuse_fake=True)
    calls = _count_generator_forwards(model)
    compile_mode(model, "eager")
    labels = [np.arange(len(data)) % 10] if variant == "cgan" else []
    history = model.fit(data, *labels, batch_size=BATCH, epochs=1, steps_per_epoch=2,
                        verbose=0, shuffle=False)
    assert len(calls) == 2  # two steps, one G forward each (the default step runs two)
    assert all(np.all(np.isfinite(v)) for v in history.history.values())


def test_reuse_fake_equals_the_two_forward_step_on_the_same_latent():
    """The promise is numerical: the shared forward gives the gradients of the two-forward
    step whose G update draws the D update's latent (same machine; tolerance for op
    fusion). BN moving statistics differ by design (one forward, not two)."""
    init = build_tiny("dcgan")
    weights = init.get_weights()
    shared = build_tiny("dcgan", reuse_fake=True)
    twice = build_tiny("dcgan")
    for model in (shared, twice):
        model.set_weights(weights)
        compile_mode(model, "eager")
    twice.update_seed = lambda step, role, repeat=0, _f=twice.update_seed: _f(
        step, "discriminator")
    data = tiny_data(n=BATCH)
    for model in (shared, twice):
        model.fit(data, batch_size=BATCH, epochs=1, steps_per_epoch=1, verbose=0, shuffle=False)
    for net in ("generator", "discriminator"):
        for a, b in zip(getattr(shared, net).trainable_variables,
                        getattr(twice, net).trainable_variables):
            np.testing.assert_allclose(np.array(a), np.array(b), rtol=1e-5, atol=1e-6,
                                       err_msg=f"{net} {a.path}")
    assert changed(trainable_values(init.generator), trainable_values(shared.generator))


@pytest.mark.parametrize("mode", ["graph", "xla"])
def test_reuse_fake_trains_compiled_and_round_trips(mode, tmp_path):
    model = build_tiny("wgan_gp", n_critic=1, reuse_fake=True)
    run_gan_train_test(model, tiny_data(), mode)
    assert model.get_config()["reuse_fake"] is True
    if mode == "graph":
        assert_keras_round_trip(model, tmp_path)


def test_reuse_fake_needs_one_critic_update():
    with pytest.raises(InvalidInputError, match="reuse_fake=True needs n_critic=1"):
        build_tiny("wgan_gp", reuse_fake=True)  # n_critic 5
    with pytest.raises(InvalidInputError, match="reuse_fake must be True or False"):
        build_tiny("dcgan", reuse_fake="yes")


# --- bad input -------------------------------------------------------------------------
def test_unknown_variant_lists_known_names():
    with pytest.raises(UnknownNameError, match="wgan_gp") as err:
        keras_gans.build("wgan-gp")
    assert "Did you mean" in str(err.value)


def test_bad_build_arguments():
    with pytest.raises(InvalidInputError, match="n_critic"):
        build_tiny("wgan", n_critic=0)
    with pytest.raises(UnknownNameError, match="hinge"):
        build_tiny("dcgan", loss="hinge_typo")
    with pytest.raises(InvalidInputError, match="unknown overrides"):
        build_tiny("dcgan", dropout=0.5)
    with pytest.raises(InvalidInputError, match="multiple of 4"):
        keras_gans.build("dcgan", image_shape=(30, 30, 1))
    with pytest.raises(InvalidInputError, match=r"got \(28, 28\)"):
        keras_gans.build("dcgan", image_shape=(28, 28))
    with pytest.raises(InvalidInputError, match="base_filters"):
        build_tiny("dcgan", generator={"base_filters": -1})


def test_fit_on_wrong_shape_fails_before_training():
    model = build_tiny("dcgan")
    compile_mode(model, "graph")
    with pytest.raises(InvalidInputError, match=r"built for samples of shape \(8, 8, 1\)"):
        model.fit(tiny_data(shape=(16, 16, 1)), batch_size=BATCH, epochs=1, verbose=0)
    assert int(model.g_optimizer.iterations.numpy()) == 0


def test_fit_on_integer_images_is_refused():
    model = build_tiny("dcgan")
    compile_mode(model, "eager")
    data = np.zeros((BATCH, *TINY_IMAGE), np.uint8)
    with pytest.raises(InvalidInputError, match="uint8"):
        model.fit(data, batch_size=BATCH, epochs=1, verbose=0)


def test_generate_bad_input():
    model = build_tiny("dcgan")
    with pytest.raises(InvalidInputError, match=r"\(n, 4\)"):
        model.generate(np.zeros((2, 3)))
    with pytest.raises(InvalidInputError, match="at least 1"):
        model.generate(0)
    with pytest.raises(InvalidInputError, match="finite"):
        model.generate(np.full((2, 4), np.nan))


def test_compile_rejects_shared_optimizer_and_unknown_args():
    model = build_tiny("dcgan")
    opt = keras.optimizers.Adam()
    with pytest.raises(InvalidInputError, match="d_optimizer and g_optimizer must be 2 optimizer"):
        model.compile(d_optimizer=opt, g_optimizer=opt)
    with pytest.raises(InvalidInputError, match="loss"):
        model.compile(loss="mse")


@pytest.mark.parametrize("name", ["dcgan", "cogan"])
def test_optimizers_from_config_dicts_and_clear_errors(name):
    """Short ``{"class_name", "config"}`` dicts (what a JSON override holds) work for
    every model class; a bad one is refused when the model is built."""
    def make(**kwargs):
        return keras_gans.build(name, image_shape=TINY_IMAGE, latent_dim=4, base_filters=4,
                                **kwargs)

    model = make(g_optimizer={"class_name": "Adam", "config": {"learning_rate": 1e-3}},
                 d_optimizer="rmsprop")
    model.compile()
    assert isinstance(model.g_optimizer, keras.optimizers.Adam)
    assert np.isclose(float(model.g_optimizer.learning_rate), 1e-3)
    assert isinstance(model.d_optimizer, keras.optimizers.RMSprop)
    with pytest.raises(InvalidInputError, match=r"optimizer from \{'class_name': 'Adamm'"):
        make(g_optimizer={"class_name": "Adamm", "config": {}})
    with pytest.raises(InvalidInputError, match="optimizer from 3"):
        make(d_optimizer=3)


def test_default_optimizers_follow_the_papers():
    def opt(variant, which):
        model = build_tiny(variant)
        model.compile()
        return getattr(model, which)

    wgan = opt("wgan", "d_optimizer")
    assert isinstance(wgan, keras.optimizers.RMSprop)
    assert np.isclose(float(wgan.learning_rate), 5e-5)
    gp = opt("wgan_gp", "g_optimizer")
    assert isinstance(gp, keras.optimizers.Adam)
    assert np.isclose(float(gp.learning_rate), 1e-4) and gp.beta_1 == 0.5 and gp.beta_2 == 0.9
    assert build_tiny("wgan").n_critic == 5 and build_tiny("wgan_gp").n_critic == 5
    assert build_tiny("dcgan").n_critic == 1


def test_fit_on_empty_data_is_refused():
    model = build_tiny("dcgan")
    compile_mode(model, "graph")
    empty = tf.data.Dataset.from_tensor_slices(tiny_data(n=3)).batch(4, drop_remainder=True)
    with pytest.raises(InvalidInputError, match="empty dataset"):
        model.fit(empty, epochs=1, verbose=0)
    with pytest.raises(InvalidInputError, match="empty array"):
        model.fit(np.zeros((0, *TINY_IMAGE), np.float32), epochs=1, verbose=0)


def test_gradient_clipping_options_round_trip(tmp_path):
    model = build_tiny("dcgan")
    model.compile(d_optimizer=keras.optimizers.Adam(1e-3, clipnorm=1.0),
                  g_optimizer=keras.optimizers.RMSprop(1e-3, clipvalue=0.5))
    run = model.fit(tiny_data(), batch_size=BATCH, epochs=1, steps_per_epoch=1, verbose=0)
    assert np.isfinite(run.history["d_loss"]).all()
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert loaded.d_optimizer.clipnorm == 1.0 and loaded.g_optimizer.clipvalue == 0.5


def _train_on_batch_cases():
    x = tiny_data()[: 2 * BATCH]
    return {
        "wgan_gp": (lambda: build_tiny("wgan_gp"), (x,)),
        "cgan": (lambda: keras_gans.build("cgan", image_shape=TINY_IMAGE, latent_dim=4,
                                          base_filters=4, num_classes=3),
                 (x, np.arange(len(x)) % 3)),
        "cogan": (lambda: keras_gans.build("cogan", image_shape=TINY_IMAGE, latent_dim=4,
                                           base_filters=4),
                  ({"domain_a": x, "domain_b": x},)),
    }


@pytest.mark.parametrize("mode", ["eager", "graph"])
@pytest.mark.parametrize("name", ["wgan_gp", "cgan", "cogan"])
def test_train_on_batch_takes_numpy_arrays(name, mode):
    """``train_on_batch(x[, y])`` hands the step ``(x, y, sample_weight)`` with Nones
    (and NumPy arrays unconverted when eager); every model class must take it."""
    make, args = _train_on_batch_cases()[name]
    gan = make()
    compile_mode(gan, mode)
    before = [np.array(v) for v in gan.trainable_variables]
    logs = gan.train_on_batch(*args, return_dict=True)
    assert np.isfinite(logs["d_loss"]) and np.isfinite(logs["g_loss"])
    assert changed(before, [np.array(v) for v in gan.trainable_variables])


def test_error_texts_quote_one_capped_line_of_the_cause():
    from keras_gans.errors import first_line

    assert first_line(ValueError("short\nconfig dump")) == "short"
    long = first_line(TypeError("x" * 1000))
    assert len(long) == 302 and long.endswith(" …")
    assert first_line(KeyError()) == "KeyError"
