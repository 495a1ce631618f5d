"""Class-conditional GANs (cgan, acgan): the engine's step with labelled batches."""

import warnings

import numpy as np
import pytest
import tensorflow as tf

import keras
import keras_gans
import keras_gans.structured.conditional as cond
from keras_gans.errors import InvalidInputError
from keras_gans.regularizers import StepContext
from keras_gans.seeds import stream

from conftest import BATCH, TINY_IMAGE, compile_mode, tiny_data, trainable_values

K = 4
MODELS = ("cgan", "acgan")


def build(name, shape=TINY_IMAGE, **kwargs):
    size = {"base_filters": 4} if len(shape) == 3 else {"hidden_units": [8]}
    return keras_gans.build(name, image_shape=shape, latent_dim=4,
                            **{"num_classes": K, "seed": 1, **size, **kwargs})


def labels(n=2 * BATCH):
    return (np.arange(n) % K).astype(np.int64)


def labelled(shape=TINY_IMAGE, n=2 * BATCH, y=None):
    y = labels(n) if y is None else y
    return tf.data.Dataset.from_tensor_slices((tiny_data(shape, n), y)).batch(BATCH)


def fit(model, data, mode, steps=2):
    compile_mode(model, mode)
    history = model.fit(data, epochs=1, steps_per_epoch=steps, verbose=0)
    for name, values in history.history.items():
        assert np.all(np.isfinite(values)), f"{name} not finite in {mode}: {values}"
    return history


# --- registry and defaults ------------------------------------------------------------
def test_registered_with_paper_defaults():
    assert {"cgan", "acgan"} <= set(keras_gans.list_variants())
    cgan, acgan = build("cgan"), build("acgan")
    assert type(cgan) is cond.CGAN and type(acgan) is cond.ACGAN
    assert isinstance(cgan.generator, cond.ConditionalGenerator)
    assert isinstance(cgan.discriminator, cond.ConditionalDiscriminator)
    assert isinstance(acgan.discriminator, cond.AuxiliaryClassifierDiscriminator)
    assert cgan.get_config()["num_classes"] == K and acgan.get_config()["num_classes"] == K
    assert keras_gans.build("cgan", image_shape=TINY_IMAGE, base_filters=4).num_classes == 10
    for model in (cgan, acgan):
        model.compile()
        for opt in (model.d_optimizer, model.g_optimizer):
            assert isinstance(opt, keras.optimizers.Adam)
            assert np.isclose(float(opt.learning_rate), 2e-4) and opt.beta_1 == 0.5
    assert "Odena" in keras_gans.describe_variant("acgan")
    assert "mismatch" in keras_gans.describe_variant("cgan")


# --- the engine's step in every mode --------------------------------------------------
@pytest.mark.parametrize("name", MODELS)
def test_vector_data_mlp_nets_and_keras_fit_arrays(name):
    model = build(name, shape=(2,))
    assert model.generator.get_config()["net"] == "mlp"
    compile_mode(model, "eager")
    # fit(x, y) with arrays: Keras packs (x, y) batches.
    model.fit(tiny_data((2,)), labels()[:, None], batch_size=BATCH, epochs=1, verbose=0)
    assert model.generate(3, labels=[0, 1, 3]).shape == (3, 2)


def test_ema_generator_is_a_conditional_copy():
    model = build("acgan", ema_decay=0.5)
    assert isinstance(model.generator_ema, cond.ConditionalGenerator)
    fit(model, labelled(), "eager", steps=1)
    z = np.zeros((2, 4), np.float32)
    ema, live = model.generate(z, labels=[0, 1]), model.generate(z, labels=[0, 1], use_ema=False)
    assert ema.shape == live.shape == (2, *TINY_IMAGE) and not np.allclose(ema, live)


def test_cgan_concat_conditioning_hinge_and_spectral_norm():
    model = build("cgan", conditioning="concat", loss="hinge",
                  discriminator={"spectral_norm": True, "normalization": "none"})
    assert model.discriminator.get_config()["conditioning"] == "concat"
    with warnings.catch_warnings():
        # Every D variable, the spectrally normalised label map included, gets a gradient.
        warnings.filterwarnings("error", message="Gradients do not exist")
        fit(model, labelled(), "eager", steps=1)


# --- generate honours its labels ------------------------------------------------------
def test_cgan_learns_label_to_image_on_separable_toy_data():
    """Class k is the constant image −1 + 2k/(K−1); 200 steps of a tiny CGAN suffice."""
    n = 64
    y = labels(n)
    values = -1.0 + 2.0 * np.arange(K) / (K - 1)
    x = np.broadcast_to(values[y][:, None, None, None], (n, *TINY_IMAGE)).astype(np.float32)
    model = keras_gans.build("cgan", image_shape=TINY_IMAGE, latent_dim=4, num_classes=K,
                             base_filters=8, seed=0)
    model.compile(d_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5))
    data = keras_gans.data.from_arrays(x, y, batch_size=16, repeat=True, seed=0)
    model.fit(data, epochs=1, steps_per_epoch=200, verbose=0)
    images = model.generate(10 * K, labels=np.repeat(np.arange(K), 10), seed=0)
    images = images.reshape(K, 10, -1)
    # Mean squared distance of each generated image to each class's image: (K, 10, K).
    dist = ((images[..., None] - values) ** 2).mean(axis=2)
    nearest = dist.argmin(axis=-1)
    assert (nearest == np.arange(K)[:, None]).mean() >= 0.9, nearest
    mean_nearest = dist.mean(axis=1).argmin(axis=-1)
    np.testing.assert_array_equal(mean_nearest, np.arange(K))


@pytest.mark.parametrize("name", MODELS)
def test_generate_feeds_its_labels_to_the_generator(name):
    """Deterministic: outputs are G([z, labels]) and depend on the labels."""
    model = build(name)
    z = np.random.default_rng(0).normal(size=(K, 4)).astype(np.float32)
    per_label = [model.generate(z, labels=k) for k in range(K)]
    for k in range(K):
        direct = model.generator([tf.constant(z), tf.fill([K], k)], training=False)
        np.testing.assert_allclose(per_label[k], np.asarray(direct), atol=1e-6)
    for a in range(K):
        for b in range(a + 1, K):
            assert not np.allclose(per_label[a], per_label[b]), f"labels {a}, {b} give the same"
    # None cycles 0..K-1; a sequence gives one label per sample; the seed fixes z.
    cycled = model.generate(z)
    for i in range(K):
        np.testing.assert_allclose(cycled[i], per_label[i][i], atol=1e-6)
    mixed = model.generate(z, labels=[3, 3, 0, 1])
    np.testing.assert_allclose(mixed[0], per_label[3][0], atol=1e-6)
    np.testing.assert_allclose(mixed[2], per_label[0][2], atol=1e-6)
    np.testing.assert_array_equal(model.generate(5, labels=1, seed=3),
                                  model.generate(5, labels=1, seed=3))
    assert model.generate(7, seed=3, batch_size=3).shape == (7, *TINY_IMAGE)
    np.testing.assert_array_equal(model.labels_for(None, 6), [0, 1, 2, 3, 0, 1])


# --- the variant-specific terms -------------------------------------------------------
def _ctx(model, x, c, seed=(1, 5)):
    return StepContext(None, tf.constant(x), None, None, None, tf.constant(seed, tf.int64),
                       condition=tf.constant(c, tf.int32))


@pytest.mark.parametrize("loss_kwargs, per_logit", [
    ({}, lambda f: np.maximum(0.0, 1.0 + f)),
    ({"margin": 3.0}, lambda f: np.maximum(0.0, 3.0 + f)),  # the margin reaches the term
])
def test_cgan_hinge_mismatch_term_takes_the_loss_margin(loss_kwargs, per_logit):
    model = build("cgan", loss="hinge", loss_kwargs=loss_kwargs,
                  discriminator={"normalization": "none"})
    x, c = tiny_data(n=BATCH), labels(BATCH)
    ctx = _ctx(model, x, c)
    term = float(model.terms("discriminator", ctx)["d_mismatch"])
    wrong = model.mismatched_labels(ctx.condition, stream(ctx.seed, "mismatched_labels"))
    logits = model.discriminator([tf.constant(x), wrong], training=True).numpy()
    np.testing.assert_allclose(term, per_logit(logits.astype(np.float64)).mean(), rtol=1e-5)
    with pytest.raises(InvalidInputError, match="mismatched-pair term is defined for the "
                       "losses"):
        build("cgan", loss="energy")


def test_cgan_mismatched_labels_are_always_wrong_and_cover_other_classes():
    model = build("cgan")
    c = tf.constant(np.arange(400) % K, tf.int32)
    wrong = model.mismatched_labels(c, tf.constant([0, 9], tf.int64)).numpy()
    assert wrong.min() >= 0 and wrong.max() < K
    assert np.all(wrong != c.numpy())
    shifts = (wrong - c.numpy()) % K
    assert set(shifts.tolist()) == set(range(1, K))  # u ~ U{1..K−1}


def test_cgan_mismatch_term_is_computed_from_wrong_pairs():
    model = build("cgan", discriminator={"normalization": "none"})
    x, c = tiny_data(n=BATCH), labels(BATCH)
    ctx = _ctx(model, x, c)
    term = float(model.terms("discriminator", ctx)["d_mismatch"])
    wrong = model.mismatched_labels(ctx.condition, stream(ctx.seed, "mismatched_labels"))
    logits = model.discriminator([tf.constant(x), wrong], training=True)
    np.testing.assert_allclose(term, float(tf.reduce_mean(tf.nn.softplus(logits))), rtol=1e-5)
    # The term depends on the labels: shuffling them changes it.
    shuffled = float(model.terms("discriminator", _ctx(model, x, c[[1, 2, 3, 0]]))[
        "d_mismatch"])
    assert not np.isclose(term, shuffled)
    assert model.terms("generator", ctx) == {}
    # It enters D's gradient: with weight 0 one D update ends elsewhere.
    def d_after_one_update(weight):
        m = build("cgan", mismatch_weight=weight)
        compile_mode(m, "eager")
        m._discriminator_update(tf.constant(x), tf.constant(c, tf.int32),
                                m.update_seed(tf.constant(0, tf.int64), "discriminator"))
        return trainable_values(m.discriminator), float(m._trackers["d_mismatch"].result())

    (w1, logged1), (w0, logged0) = d_after_one_update(1.0), d_after_one_update(0.0)
    assert logged1 > 0 and logged0 == 0.0
    assert any(not np.allclose(a, b) for a, b in zip(w1, w0))


def test_acgan_fake_labels_are_sampled_and_class_terms_are_cross_entropies():
    model = build("acgan")
    drawn = model.sample_latent(400, tf.constant([1, 2], tf.int64))
    z, fake = drawn.z, drawn.labels  # a named structure, not a bare tuple
    assert z.shape == (400, 4) and fake.dtype == tf.int32
    # generate takes its labels from the caller: a count's draw hands G only z
    assert model.latent_for(3, seed=0).shape == (3, 4)
    counts = np.bincount(fake.numpy(), minlength=K)
    assert counts.size == K and counts.min() > 60  # ~uniform over the K classes
    z2, fake2 = model.sample_latent(400, tf.constant([1, 2], tf.int64))
    np.testing.assert_array_equal(fake, fake2)
    np.testing.assert_array_equal(z, z2)
    _, other = model.sample_latent(400, tf.constant([1, 3], tf.int64))
    assert not np.array_equal(fake, other)

    x = tf.constant(tiny_data(n=BATCH))
    c = tf.constant(labels(BATCH), tf.int32)
    latent = model.sample_latent(BATCH, tf.constant([0, 7], tf.int64))
    fake_x = model.generator_forward(latent, c, training=False)
    real_out = model.discriminator(x, training=False)
    fake_out = model.discriminator(fake_x, training=False)

    def ce(out, y):
        logits = np.asarray(out["class_logits"], np.float64)
        logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
        return -logp[np.arange(len(y)), np.asarray(y)].mean()

    ctx = StepContext(None, x, fake_x, real_out, fake_out, None, condition=c, latent=latent)
    d_terms = model.terms("discriminator", ctx)
    np.testing.assert_allclose(float(d_terms["d_class_real"]), ce(real_out, c), rtol=1e-5)
    np.testing.assert_allclose(float(d_terms["d_class_fake"]), ce(fake_out, latent.labels),
                               rtol=1e-5)
    g_ctx = StepContext(None, x, fake_x, None, fake_out, None, condition=c, latent=latent)
    np.testing.assert_allclose(float(model.terms("generator", g_ctx)["g_class"]),
                               ce(fake_out, latent.labels), rtol=1e-5)


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("name", MODELS)
def test_unlabelled_data_is_refused_before_training(name):
    model = build(name)
    compile_mode(model, "graph")
    with pytest.raises(InvalidInputError, match=r"needs labelled batches.*\(4, 8, 8, 1\)"):
        model.fit(keras_gans.data.from_arrays(tiny_data(), batch_size=BATCH), epochs=1,
                  verbose=0)
    with pytest.raises(InvalidInputError, match="needs labelled batches"):
        model.fit(tiny_data(), batch_size=BATCH, epochs=1, verbose=0)
    assert int(model.g_optimizer.iterations.numpy()) == 0


def test_labels_of_wrong_dtype_or_shape_are_refused():
    model = build("cgan")
    compile_mode(model, "graph")
    float_labels = labels().astype(np.float32)
    with pytest.raises(InvalidInputError, match="integer class labels.*float32"):
        model.fit(labelled(y=float_labels), epochs=1, verbose=0)
    one_hot = np.eye(K, dtype=np.int64)[labels()]
    with pytest.raises(InvalidInputError, match=r"\(batch,\) or \(batch, 1\).*, 4\)"):
        model.fit(labelled(y=one_hot), epochs=1, verbose=0)
    assert int(model.g_optimizer.iterations.numpy()) == 0


@pytest.mark.parametrize("mode", ("eager", "graph"))
def test_out_of_range_labels_stop_training(mode):
    model = build("cgan")
    compile_mode(model, mode)
    bad = labels()
    bad[1] = K
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"labels must be in \[0, "):
        model.fit(labelled(y=bad), epochs=1, verbose=0)
    bad[1] = -1
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"labels must be in \[0, "):
        model.fit(labelled(y=bad), epochs=1, verbose=0)


def test_out_of_range_numpy_labels_are_refused_up_front():
    model = build("acgan")
    compile_mode(model, "graph")
    bad = labels()
    bad[3] = 9
    with pytest.raises(InvalidInputError, match=r"\[0, num_classes=4\); got \[9\]"):
        model.fit(tiny_data(), bad, batch_size=BATCH, epochs=1, verbose=0)


def test_xla_clamps_out_of_range_labels():
    """XLA compiles assertions away; the step then clamps labels (documented)."""
    model = build("cgan")
    real = tf.zeros((4, *TINY_IMAGE))
    clamp = tf.function(lambda y: model._labels_in_step(y, real), jit_compile=True)
    np.testing.assert_array_equal(clamp(tf.constant([7, -2, 2, 3], tf.int64)), [3, 0, 2, 3])
    np.testing.assert_array_equal(clamp(tf.constant([[1], [0], [2], [3]])), [1, 0, 2, 3])


@pytest.mark.parametrize("name", MODELS)
def test_generate_bad_labels(name):
    model = build(name)
    with pytest.raises(InvalidInputError, match=r"shape \(2,\) for 3 samples"):
        model.generate(3, labels=[0, 1])
    with pytest.raises(InvalidInputError, match=r"\[0, num_classes=4\); got \[4\]"):
        model.generate(3, labels=4)
    with pytest.raises(InvalidInputError, match=r"got \[-1\]"):
        model.generate(3, labels=[0, -1, 2])
    with pytest.raises(InvalidInputError, match="sequence of ints"):
        model.generate(2, labels=[0.5, 1.0])
    with pytest.raises(InvalidInputError, match="sequence of ints"):
        model.generate(2, labels=[True, False])
    with pytest.raises(InvalidInputError, match=r"shape \(3,\) for 2 samples"):
        model.generate(np.zeros((2, 4), np.float32), labels=[0, 1, 2])
    with pytest.raises(InvalidInputError, match="at least 1"):
        model.generate(0)


def test_bad_build_arguments():
    with pytest.raises(InvalidInputError, match=r"unknown overrides \['dropout'\].*num_classes"):
        build("cgan", dropout=0.5)
    with pytest.raises(InvalidInputError, match="conditioning"):
        build("acgan", conditioning="concat")  # ACGAN's D takes no label
    with pytest.raises(InvalidInputError,
                       match=r"`num_classes` must be an int ≥ 2 below 2\*\*31; got 1"):
        build("cgan", num_classes=1)
    with pytest.raises(InvalidInputError, match="conditioning.*'sum'"):
        build("cgan", conditioning="sum")
    with pytest.raises(InvalidInputError, match="mismatched-pair term.*'f_js'"):
        build("cgan", loss="f_js")
    g = cond.ConditionalGenerator(4, TINY_IMAGE, num_classes=3, net_kwargs={"base_filters": 4})
    d = cond.ConditionalDiscriminator(TINY_IMAGE, num_classes=4, base_filters=4)
    with pytest.raises(InvalidInputError, match="generator built for num_classes=3"):
        cond.CGAN(g, d, num_classes=4)
    g4 = cond.ConditionalGenerator(4, TINY_IMAGE, num_classes=4, net_kwargs={"base_filters": 4})
    with pytest.raises(InvalidInputError, match="ACGAN needs a discriminator"):
        cond.ACGAN(g4, d, num_classes=4)
    plain = keras_gans.nets.DCGANGenerator(4, TINY_IMAGE, base_filters=4)
    with pytest.raises(InvalidInputError, match=r"generator taking \[latent, labels\]"):
        cond.CGAN(plain, d, num_classes=4)
    with pytest.raises(InvalidInputError, match="base_filters"):
        cond.ConditionalGenerator(4, TINY_IMAGE, net_kwargs={"base_filters": 0})
