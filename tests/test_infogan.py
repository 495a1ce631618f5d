"""InfoGAN: codes in the latent, a Q head on D's body, controlled generation."""

import math

import numpy as np
import pytest
import tensorflow as tf

import keras
import keras_gans
import keras_gans.structured.infogan as infogan
from keras_gans.errors import InvalidInputError

from conftest import BATCH, TINY_IMAGE, compile_mode, run_gan_train_test, tiny_data

NOISE = 4
K, C = 10, 2


def build_tiny(**kwargs):
    kwargs = {"base_filters": 4, "discriminator": {"shared_units": 8, "q_units": 8},
              "seed": 1, **kwargs}
    return keras_gans.build("infogan", image_shape=TINY_IMAGE, latent_dim=NOISE, **kwargs)


def values(variables):
    return [np.array(v) for v in variables]


def test_registered_with_paper_defaults():
    assert "infogan" in keras_gans.list_variants()
    assert "Chen et al. 2016" in keras_gans.describe_variant("infogan")
    model = build_tiny()
    assert isinstance(model, infogan.InfoGAN)
    assert (model.noise_dim, model.num_categories, model.num_continuous) == (NOISE, K, C)
    assert model.latent_dim == NOISE + K + C == model.generator.input_shape[-1]
    assert model.info_weight == 1.0 and model.loss_name == "non_saturating"
    out = model.discriminator(tf.zeros((2, *TINY_IMAGE)))
    assert {k: tuple(v.shape) for k, v in out.items()} == {
        "logits": (2, 1), "q_cat": (2, K), "q_mu": (2, C), "q_log_var": (2, C)}
    model.compile()
    d, g = model.d_optimizer, model.g_optimizer
    assert isinstance(d, keras.optimizers.Adam) and isinstance(g, keras.optimizers.Adam)
    assert np.isclose(float(d.learning_rate), 2e-4) and np.isclose(float(g.learning_rate), 1e-3)
    assert d.beta_1 == g.beta_1 == 0.5


def test_updates_train_d_and_q_then_g():
    """D step: D's body, D head and Q head move, G does not; G step: only G moves."""
    model = build_tiny()
    compile_mode(model, "eager")
    real = tf.constant(tiny_data(n=BATCH))
    step = tf.constant(0, tf.int64)
    q_vars = [v for v in model.discriminator.trainable_variables if "q_" in v.path]
    assert q_vars and all(any(v is w for w in model.trainable_variables_of("discriminator"))
                          for v in q_vars)
    g0, d0, q0 = (values(model.generator.trainable_variables),
                  values(model.discriminator.trainable_variables), values(q_vars))
    model._discriminator_update(real, None, model.update_seed(step, "discriminator"))
    g1, d1, q1 = (values(model.generator.trainable_variables),
                  values(model.discriminator.trainable_variables), values(q_vars))
    assert all(np.array_equal(a, b) for a, b in zip(g0, g1)), "D step changed G"
    assert all(not np.array_equal(a, b) for a, b in zip(q0, q1)), "D step left Q unchanged"
    assert any(not np.array_equal(a, b) for a, b in zip(d0, d1))
    model._generator_update(real, None, model.update_seed(step, "generator"))
    g2 = values(model.generator.trainable_variables)
    d2 = values(model.discriminator.trainable_variables)
    for a, b in zip(d1, d2):
        np.testing.assert_array_equal(a, b, err_msg="G step changed D or Q")
    assert any(not np.array_equal(a, b) for a, b in zip(g1, g2)), "G step changed nothing"


def test_sample_latent_layout_and_independent_parts():
    model = build_tiny()
    seed = tf.constant([7, 3], tf.int64)
    latent = np.array(model.sample_latent(2000, seed))
    assert latent.shape == (2000, NOISE + K + C)
    noise, cat, cont = (np.array(p) for p in model.split_latent(latent))
    assert abs(noise.mean()) < 0.1 and abs(noise.std() - 1.0) < 0.1
    np.testing.assert_array_equal(cat.sum(axis=1), 1.0)
    assert set(np.unique(cat)) == {0.0, 1.0}
    counts = np.bincount(cat.argmax(axis=1), minlength=K)
    assert counts.min() > 120  # ~200 per category
    assert cont.min() >= -1.0 and cont.max() <= 1.0 and abs(cont.mean()) < 0.1
    assert cont.min() < -0.95 and cont.max() > 0.95
    np.testing.assert_array_equal(latent, np.array(model.sample_latent(2000, seed)))
    # Each part has its own seed: the codes are not a function of the noise.
    assert abs(np.corrcoef(noise[:, 0], cont[:, 0])[0, 1]) < 0.1


def test_information_terms_match_numpy():
    rng = np.random.default_rng(0)
    onehot = np.eye(K, dtype=np.float32)[rng.integers(0, K, 6)]
    logits = rng.normal(size=(6, K)).astype(np.float32)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    expected_ce = -np.mean(np.sum(onehot * log_p, axis=1))
    np.testing.assert_allclose(infogan.categorical_code_loss(onehot, logits), expected_ce,
                               rtol=1e-5)
    c = rng.uniform(-1, 1, (6, C)).astype(np.float32)
    mu = rng.normal(size=(6, C)).astype(np.float32)
    log_var = rng.normal(size=(6, C)).astype(np.float32)
    var = np.exp(log_var)
    density = np.exp(-((c - mu) ** 2) / (2 * var)) / np.sqrt(2 * math.pi * var)
    expected_nll = -np.mean(np.sum(np.log(density), axis=1))
    np.testing.assert_allclose(infogan.gaussian_code_nll(c, mu, log_var), expected_nll, rtol=1e-5)
    # The model weights them by λ (and the continuous part by continuous_weight too).
    model = build_tiny(info_weight=2.0, continuous_weight=0.5)
    latent = np.concatenate([np.zeros((6, NOISE), np.float32), onehot, c], axis=1)
    terms = model.information_terms(latent, {"q_cat": logits, "q_mu": mu, "q_log_var": log_var})
    np.testing.assert_allclose(terms["cat"], 2.0 * expected_ce, rtol=1e-5)
    np.testing.assert_allclose(terms["cont"], 2.0 * 0.5 * expected_nll, rtol=1e-5)


def test_q_recovers_categorical_code_after_short_run():
    """InfoGAN's Q recovers its categorical code on generated samples better than chance.

    200 steps of batch 16 at 8×8×1 with Adam(3e-3) (a fast learning rate for a short
    run). Over 10 seeds held-out accuracy was 0.88-0.99 (median 0.96); chance is 0.1.
    """
    keras.utils.set_random_seed(0)
    model = keras_gans.build("infogan", image_shape=TINY_IMAGE, latent_dim=NOISE,
                             base_filters=8,
                             discriminator={"shared_units": 16, "q_units": 16}, seed=0)
    categories = np.arange(500) % K
    before, _ = model.infer_codes(model.generate(500, categories=categories, seed=123))
    assert np.mean(before == categories) < 0.3  # an untrained Q is at chance
    model.compile(d_optimizer=keras.optimizers.Adam(3e-3, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(3e-3, beta_1=0.5))
    data = tiny_data(n=200 * 16)
    history = model.fit(data, batch_size=16, epochs=1, verbose=0, shuffle=False)
    assert np.isfinite(history.history["d_info_cat"]).all()
    predicted, means = model.infer_codes(model.generate(500, categories=categories, seed=123))
    accuracy = float(np.mean(predicted == categories))
    assert accuracy > 0.6, f"Q recovered c_cat on {accuracy:.1%} of samples (chance 10%)"
    assert means.shape == (500, C) and means.dtype == np.float32


def test_controlled_generation_honours_codes():
    model = build_tiny()
    base = model.generate(4, seed=3)
    np.testing.assert_array_equal(base, model.generate(4, seed=3))
    cat0 = model.generate(4, categories=0, seed=3)
    cat5 = model.generate(4, categories=5, seed=3)
    assert cat0.shape == (4, *TINY_IMAGE)
    np.testing.assert_array_equal(cat0, model.generate(4, categories=[0, 0, 0, 0], seed=3))
    assert not np.array_equal(cat0, cat5)  # same z', different category → different images
    # Per sample: only the sample whose category changed changes.
    mixed = model.generate(4, categories=[0, 5, 0, 0], seed=3)
    np.testing.assert_array_equal(mixed[[0, 2, 3]], cat0[[0, 2, 3]])
    np.testing.assert_array_equal(mixed[1], cat5[1])
    # The same seed keeps the noise, whatever the codes.
    latent = np.array(model.latent_for(4, seed=3))
    latent[:, NOISE : NOISE + K] = np.eye(K)[[5] * 4]
    np.testing.assert_allclose(model.generate(latent), cat5, atol=1e-6)
    cont = np.array([[-1.0, 1.0]] * 4, np.float32)
    with_cont = model.generate(4, categories=5, continuous=cont, seed=3)
    assert not np.array_equal(with_cont, cat5)
    codes = np.concatenate([np.eye(K, dtype=np.float32)[[5] * 4], cont], axis=1)
    np.testing.assert_allclose(model.generate(4, codes=codes, seed=3), with_cont, atol=1e-6)
    # Codes also override explicit latents.
    np.testing.assert_allclose(model.generate(latent, categories=0), cat0, atol=1e-6)
    # Unseeded calls draw fresh noise and codes.
    assert not np.array_equal(model.generate(4), model.generate(4))


def test_generate_rejects_bad_codes():
    model = build_tiny()
    cases = [
        (dict(categories=[0, 1, 2]), r"one int or 4 ints .* shape \(3,\)"),
        (dict(categories=[[0, 1], [2, 3]]), r"shape \(2, 2\)"),
        (dict(categories=10), r"in \[0, 10\); got values in \[10, 10\]"),
        (dict(categories=[-1, 0, 0, 0]), r"\[0, 10\)"),
        (dict(categories=1.5), "ints"),
        (dict(categories=True), "ints"),
        (dict(continuous=np.zeros((4, 3))), r"\(4, 2\); got an array of shape \(4, 3\)"),
        (dict(continuous=np.zeros((2,))), r"got an array of shape \(2,\)"),
        (dict(continuous=np.full((4, 2), 1.5)), r"\[-1, 1\].*\[1\.5, 1\.5\]"),
        (dict(continuous=np.full((4, 2), np.nan)), "finite"),
        (dict(codes=np.zeros((4, K))), r"\(4, 12\); got an array of shape \(4, 10\)"),
        (dict(codes=np.zeros((4, K + C))), "probability vector"),
        (dict(codes=np.eye(K + C)[:4] * 3), "probability vector"),
        (dict(codes=np.eye(K + C)[:4], categories=1), "not both"),
    ]
    for kwargs, message in cases:
        with pytest.raises(InvalidInputError, match=message):
            model.generate(4, seed=0, **kwargs)
    with pytest.raises(InvalidInputError, match=r"\(n, 16\)"):
        model.generate(np.zeros((2, NOISE)), categories=1)


def test_infer_codes_shapes_and_bad_input():
    model = build_tiny()
    categories, means = model.infer_codes(model.generate(5, seed=0), batch_size=2)
    assert categories.shape == (5,) and categories.dtype == np.int64
    assert categories.min() >= 0 and categories.max() < K
    assert means.shape == (5, C)
    with pytest.raises(InvalidInputError, match=r"\(n, 8, 8, 1\); got .* shape \(5, 8, 8\)"):
        model.infer_codes(np.zeros((5, 8, 8)))
    with pytest.raises(InvalidInputError, match="finite"):
        model.infer_codes(np.full((2, *TINY_IMAGE), np.inf))


def test_categorical_only_model():
    model = build_tiny(num_continuous=0)
    assert model.latent_dim == NOISE + K
    assert "q_mu" not in model.discriminator.output
    assert list(model.extra_terms("discriminator")) == ["d_info_cat"]
    assert list(model.extra_terms("generator")) == ["g_info_cat"]
    history = run_gan_train_test(model, tiny_data(), "eager", steps=1)
    assert "d_info_cont" not in history.history
    categories, means = model.infer_codes(model.generate(3, categories=2, seed=0))
    assert categories.shape == (3,) and means is None
    with pytest.raises(InvalidInputError, match="no continuous code"):
        model.generate(2, continuous=np.zeros((2, 1)))


def test_bad_build_arguments():
    with pytest.raises(InvalidInputError, match="unknown overrides.*num_categories"):
        build_tiny(num_classes=10)
    with pytest.raises(InvalidInputError, match="0 .* or ≥ 2; got 1"):
        build_tiny(num_categories=1)
    with pytest.raises(InvalidInputError, match="at least one code"):
        build_tiny(num_categories=0, num_continuous=0)
    with pytest.raises(InvalidInputError, match="info_weight"):
        build_tiny(info_weight=-1.0)
    with pytest.raises(InvalidInputError, match="may not set 'num_categories'"):
        build_tiny(discriminator={"num_categories": 3})
    with pytest.raises(InvalidInputError, match="multiple of 4"):
        keras_gans.build("infogan", image_shape=(10, 10, 1))
    # Nets that do not match the codes.
    g = keras_gans.nets.DCGANGenerator(NOISE + K + C, TINY_IMAGE, base_filters=4)
    d = infogan.InfoGANDiscriminator(TINY_IMAGE, num_categories=5, num_continuous=C,
                                     base_filters=4, shared_units=0, q_units=4)
    with pytest.raises(InvalidInputError, match=r"'q_cat': '\(batch, 10\)'.*'q_cat': \(5,\)"):
        infogan.InfoGAN(g, d)
    small_g = keras_gans.nets.DCGANGenerator(5 + C, TINY_IMAGE, base_filters=4)
    with pytest.raises(InvalidInputError, match="noise_dim ≥ 1"):
        infogan.InfoGAN(small_g, d, num_categories=5)
    plain_d = keras_gans.nets.DCGANDiscriminator(TINY_IMAGE, base_filters=4)
    with pytest.raises(InvalidInputError, match="must return a dict"):
        infogan.InfoGAN(g, plain_d)
