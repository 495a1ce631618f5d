"""Numeric-oracle tests of keras_gans.regularizers.

Penalties are checked against discriminators whose input gradient is known in closed
form: a linear D(x) = <w, x> + b (‖∇D‖ = ‖w‖ everywhere, so the sample point does not
matter) and D(x) = Σx² (∇D = 2x, so it does). The StepContext is built by hand.
"""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import regularizers as reg
from keras_gans.errors import InvalidInputError, UnknownNameError
from keras_gans.seeds import stream
from keras_gans.regularizers import (
    DRAGANPenalty,
    ErrorBalance,
    GradientPenalty,
    PullAway,
    R1Penalty,
    StepContext,
    WeightClip,
)

SEED = tf.constant([1, 2], tf.int64)
IMAGE_SHAPE = (6, 4, 4, 2)  # (B, H, W, C)


def _images(seed, shape=IMAGE_SHAPE):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def _linear_d(w, b=0.3):
    """D(x) = <w, x> + b per sample, output (B, 1); returns (D, ‖w‖)."""
    w_t = tf.constant(w, tf.float32)

    def discriminate(x):
        return tf.reduce_sum(x * w_t, axis=list(range(1, x.shape.rank)))[:, None] + b

    return discriminate, float(np.linalg.norm(w.astype(np.float64)))


def _w_with_norm(norm, shape=IMAGE_SHAPE[1:], seed=7):
    w = np.random.default_rng(seed).standard_normal(shape)
    return (w * norm / np.linalg.norm(w)).astype(np.float32)


def _recording(discriminate):
    """Wraps D so the inputs it was evaluated at can be inspected."""
    seen = []

    def wrapped(x):
        seen.append(x)
        return discriminate(x)

    return wrapped, seen


def _square_sum_d(x):
    return tf.reduce_sum(tf.square(x), axis=list(range(1, x.shape.rank)))[:, None]


def _ctx(discriminate, real=None, fake=None, real_output=None, fake_output=None, seed=SEED):
    real = _images(0) if real is None else real
    fake = _images(1, real.shape) if fake is None else fake
    return StepContext(discriminate=discriminate, real=tf.constant(real),
                       fake=tf.constant(fake), real_output=real_output,
                       fake_output=fake_output, seed=seed)


# --- GradientPenalty ---------------------------------------------------------------------
@pytest.mark.parametrize("norm", [0.25, 1.0, 2.5])
@pytest.mark.parametrize("weight", [1.0, 10.0])
def test_gradient_penalty_linear_d(norm, weight):
    d, w_norm = _linear_d(_w_with_norm(norm))
    expected = weight * (w_norm - 1.0) ** 2
    for seed in ([1, 2], [5, 9]):  # the interpolation cannot matter for a linear D
        got = GradientPenalty(weight=weight)(_ctx(d, seed=tf.constant(seed, tf.int64)))
        assert got.dtype == tf.float32 and got.shape == ()
        np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_gradient_penalty_target():
    d, w_norm = _linear_d(_w_with_norm(3.0))
    got = GradientPenalty(weight=2.0, target=2.0)(_ctx(d)).numpy()
    np.testing.assert_allclose(got, 2.0 * (w_norm - 2.0) ** 2, rtol=1e-5)


@pytest.mark.parametrize("norm", [0.3, 0.9, 1.5, 4.0])
def test_gradient_penalty_one_sided(norm):
    d, w_norm = _linear_d(_w_with_norm(norm))
    got = GradientPenalty(weight=10.0, one_sided=True)(_ctx(d)).numpy()
    expected = 0.0 if w_norm < 1.0 else 10.0 * (w_norm - 1.0) ** 2
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7)


def test_gradient_penalty_vector_data():
    """(B, D) data, e.g. the 2-D mixtures: ε has shape (B, 1)."""
    real, fake = _images(0, (5, 3)), _images(1, (5, 3))
    d, w_norm = _linear_d(_w_with_norm(2.0, shape=(3,)))
    got = GradientPenalty(weight=10.0)(_ctx(d, real, fake)).numpy()
    np.testing.assert_allclose(got, 10.0 * (w_norm - 1.0) ** 2, rtol=1e-5)


def _gp_oracle_square_sum(real, fake, eps, weight=10.0):
    x_hat = eps * real + (1.0 - eps) * fake
    norms = 2.0 * np.sqrt(np.sum(x_hat.reshape(len(x_hat), -1) ** 2, axis=1))
    return weight * np.mean((norms - 1.0) ** 2)


def test_gradient_penalty_nonlinear_d_matches_numpy():
    real, fake = _images(0).astype(np.float64), _images(1).astype(np.float64)
    b = real.shape[0]
    # Reproduce the code's draw: one U[0, 1) per sample, shape (B, 1, 1, 1).
    eps = tf.random.stateless_uniform([b, 1, 1, 1], seed=SEED, dtype=tf.float32).numpy()
    got = GradientPenalty(weight=10.0)(_ctx(_square_sum_d)).numpy()
    np.testing.assert_allclose(got, _gp_oracle_square_sum(real, fake, eps.astype(np.float64)),
                               rtol=1e-5)


def test_gradient_penalty_evaluates_d_at_the_interpolates():
    """x̂ = εx + (1−ε)G(z) with one ε per sample, different across samples, in [0, 1)."""
    real, fake = _images(0), _images(1)
    d, seen = _recording(_square_sum_d)
    GradientPenalty()(_ctx(d, real, fake))
    assert len(seen) == 1
    x_hat = seen[0].numpy().astype(np.float64)
    assert x_hat.shape == real.shape
    eps = (x_hat - fake) / (real.astype(np.float64) - fake)  # element-wise ε estimate
    per_sample = eps.reshape(len(eps), -1)
    np.testing.assert_allclose(per_sample, per_sample[:, :1].repeat(per_sample.shape[1], 1),
                               atol=2e-4)  # one ε per sample, shared by every pixel
    eps_b = np.median(per_sample, axis=1)
    assert np.all(eps_b >= -1e-4) and np.all(eps_b < 1.0 + 1e-4)
    assert len(np.unique(np.round(eps_b, 3))) == len(eps_b)  # differs across samples
    # and it is exactly the documented stateless draw
    drawn = tf.random.stateless_uniform([len(real), 1, 1, 1], seed=SEED).numpy().ravel()
    np.testing.assert_allclose(eps_b, drawn, atol=2e-4)
    # a different seed gives a different ε
    d2, seen2 = _recording(_square_sum_d)
    GradientPenalty()(_ctx(d2, real, fake, seed=tf.constant([3, 4], tf.int64)))
    assert not np.allclose(seen2[0].numpy(), seen[0].numpy())


def test_gradient_penalty_finite_for_a_constant_d():
    """∇D = 0: sqrt(sum_sq + eps) keeps the penalty (≈ weight) and its gradient finite."""
    w = tf.Variable(tf.zeros(IMAGE_SHAPE[1:]))

    def d(x):
        return tf.reduce_sum(x * w, axis=[1, 2, 3])[:, None]

    with tf.GradientTape() as tape:
        penalty = GradientPenalty(weight=10.0)(_ctx(d))
    grad = tape.gradient(penalty, w)
    np.testing.assert_allclose(penalty.numpy(), 10.0, rtol=1e-5)
    assert grad is not None and np.all(np.isfinite(grad.numpy()))


def test_gradient_penalty_gradient_reaches_a_dense_discriminator():
    """The double-backprop path of the D update: d penalty / d weights exists, finite."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="tanh"),
                              keras.layers.Dense(1)])
    real, fake = _images(0, (4, 5)), _images(1, (4, 5))
    ctx = _ctx(lambda x: model(x, training=True), real, fake)
    variables = model.trainable_variables
    with tf.GradientTape() as tape:
        penalty = GradientPenalty(weight=10.0)(ctx)
        total = penalty + tf.reduce_mean(model(ctx.fake)) - tf.reduce_mean(model(ctx.real))
    grads_penalty_and_total = tape.gradient([penalty, total], variables)
    assert all(g is not None and np.all(np.isfinite(g.numpy())) for g in grads_penalty_and_total)
    with tf.GradientTape() as tape:
        penalty = GradientPenalty(weight=10.0)(ctx)
    grads = tape.gradient(penalty, variables)
    output_bias = model.layers[-1].bias
    # every kernel and the hidden bias feed ∇ₓD; the output bias does not (None is right)
    for var, g in zip(variables, grads):
        if var is output_bias:
            continue
        assert g is not None, var.path
        assert np.all(np.isfinite(g.numpy())), var.path
        assert np.any(g.numpy() != 0.0), var.path
    assert sum(var is output_bias for var in variables) == 1


def test_gradient_penalty_gradient_closed_form_for_a_linear_dense():
    """For D = Dense(1), penalty = λ(‖w‖−1)² so ∂/∂w = 2λ(‖w‖−1) w/‖w‖."""
    layer = keras.layers.Dense(1)
    layer.build((None, 3))
    layer.kernel.assign(np.array([[1.0], [-2.0], [0.5]], np.float32))
    real, fake = _images(0, (4, 3)), _images(1, (4, 3))
    with tf.GradientTape() as tape:
        penalty = GradientPenalty(weight=10.0)(_ctx(lambda x: layer(x), real, fake))
    grad = tape.gradient(penalty, layer.kernel).numpy()
    w = layer.kernel.numpy().astype(np.float64)
    norm = np.linalg.norm(w)
    np.testing.assert_allclose(penalty.numpy(), 10.0 * (norm - 1.0) ** 2, rtol=1e-5)
    np.testing.assert_allclose(grad, 20.0 * (norm - 1.0) * w / norm, rtol=1e-5)


def test_gradient_penalty_gradient_in_a_tf_function():
    """The same double-backprop path, traced (the train step runs as a tf.function)."""
    layer = keras.layers.Dense(1)
    layer.build((None, 3))
    layer.kernel.assign(np.array([[1.0], [-2.0], [0.5]], np.float32))
    real, fake = tf.constant(_images(0, (4, 3))), tf.constant(_images(1, (4, 3)))
    gp = GradientPenalty(weight=10.0)

    @tf.function
    def step(seed):
        with tf.GradientTape() as tape:
            penalty = gp(StepContext(lambda x: layer(x), real, fake, None, None, seed))
        return penalty, tape.gradient(penalty, layer.kernel)

    penalty, grad = step(SEED)
    w = layer.kernel.numpy().astype(np.float64)
    norm = np.linalg.norm(w)
    np.testing.assert_allclose(penalty.numpy(), 10.0 * (norm - 1.0) ** 2, rtol=1e-5)
    np.testing.assert_allclose(grad.numpy(), 20.0 * (norm - 1.0) * w / norm, rtol=1e-5)


# --- DRAGANPenalty ------------------------------------------------------------------------
@pytest.mark.parametrize("norm", [0.5, 1.0, 3.0])
def test_dragan_linear_d(norm):
    d, w_norm = _linear_d(_w_with_norm(norm))
    got = DRAGANPenalty(weight=10.0)(_ctx(d))
    assert got.dtype == tf.float32 and got.shape == ()
    np.testing.assert_allclose(got.numpy(), 10.0 * (w_norm - 1.0) ** 2, rtol=1e-5, atol=1e-6)


def test_dragan_perturbation_uses_std_of_the_whole_real_batch():
    real = _images(0) * 3.0 + 1.0
    d, seen = _recording(_square_sum_d)
    got = DRAGANPenalty(weight=10.0, scale=0.5)(_ctx(d, real=real)).numpy()
    x_tilde = seen[0].numpy().astype(np.float64)
    std = np.std(real.astype(np.float64))  # population std over every element
    u = tf.random.stateless_uniform(real.shape, seed=SEED, dtype=tf.float32).numpy()
    np.testing.assert_allclose(x_tilde, real + 0.5 * std * u, rtol=1e-5, atol=1e-5)
    delta = x_tilde - real
    assert np.all(delta >= -1e-5) and np.all(delta < 0.5 * std + 1e-5)
    assert delta.std() > 0.1 * std  # really element-wise noise, not one offset
    norms = 2.0 * np.sqrt(np.sum(x_tilde.reshape(len(x_tilde), -1) ** 2, axis=1))
    np.testing.assert_allclose(got, 10.0 * np.mean((norms - 1.0) ** 2), rtol=1e-5)


def _tanh_d(seed=3, hidden=5):
    """A nonlinear D(x) = v·tanh(W·flat(x)) and its NumPy gradient, per sample."""
    rng = np.random.default_rng(seed)
    features = int(np.prod(IMAGE_SHAPE[1:]))
    w, v = rng.standard_normal((features, hidden)) * 0.4, rng.standard_normal(hidden)

    def discriminate(x):
        flat = tf.reshape(x, [tf.shape(x)[0], -1])
        return tf.tanh(flat @ tf.constant(w, x.dtype)) @ tf.constant(v[:, None], x.dtype)

    def numpy_gradient(x):
        flat = x.reshape(len(x), -1).astype(np.float64)
        return ((1.0 - np.tanh(flat @ w) ** 2) * v) @ w.T

    return discriminate, numpy_gradient


@pytest.mark.parametrize("point", ["perturbed", "interpolated"])
def test_dragan_points_match_a_numpy_reference_on_a_nonlinear_d(point):
    """perturbed: ∇ at x̃ = x + c·std·u; interpolated (the authors' code): ∇ at
    x + α(x̃ − x), α ~ U[0,1] per sample from the term seed's stream "alpha"."""
    real = _images(0) * 2.0 + 0.5
    d, numpy_gradient = _tanh_d()
    got = DRAGANPenalty(weight=10.0, scale=0.5, point=point)(_ctx(d, real=real)).numpy()
    x = real.astype(np.float64)
    u = tf.random.stateless_uniform(real.shape, seed=SEED).numpy()
    x_tilde = x + 0.5 * np.std(x) * u
    if point == "interpolated":
        alpha = tf.random.stateless_uniform(
            (len(real), 1, 1, 1), seed=stream(SEED, "alpha")
        ).numpy()
        assert len(np.unique(alpha)) == len(real)  # one α per sample
        x_tilde = x + alpha * (x_tilde - x)
    norms = np.linalg.norm(numpy_gradient(x_tilde), axis=1)
    np.testing.assert_allclose(got, 10.0 * np.mean((norms - 1.0) ** 2), rtol=1e-4)


def test_dragan_points_differ_for_a_nonlinear_d_and_agree_for_a_linear_one():
    real = _images(0) * 2.0 + 0.5
    nonlinear, _ = _tanh_d()
    linear, _ = _linear_d(_w_with_norm(2.0))
    values = {point: [DRAGANPenalty(point=point)(_ctx(d, real=real)).numpy()
                      for d in (nonlinear, linear)] for point in DRAGANPenalty.POINTS}
    assert abs(values["perturbed"][0] - values["interpolated"][0]) > 1e-3 * values[
        "perturbed"][0]
    np.testing.assert_allclose(values["perturbed"][1], values["interpolated"][1], rtol=1e-5)
    with pytest.raises(InvalidInputError, match=r"`point` must be one of .*got 'paper'"):
        DRAGANPenalty(point="paper")


def test_dragan_ignores_the_fake_batch():
    real = _images(0)
    d1, seen1 = _recording(_square_sum_d)
    d2, seen2 = _recording(_square_sum_d)
    a = DRAGANPenalty()(_ctx(d1, real=real, fake=_images(1))).numpy()
    b = DRAGANPenalty()(_ctx(d2, real=real, fake=_images(2))).numpy()
    assert a == b
    np.testing.assert_array_equal(seen1[0].numpy(), seen2[0].numpy())


# --- R1Penalty ----------------------------------------------------------------------------
@pytest.mark.parametrize("norm", [0.5, 2.0])
def test_r1_linear_d(norm):
    d, w_norm = _linear_d(_w_with_norm(norm))
    got = R1Penalty(weight=10.0)(_ctx(d))
    assert got.dtype == tf.float32 and got.shape == ()
    np.testing.assert_allclose(got.numpy(), 10.0 * 0.5 * w_norm ** 2, rtol=1e-5)


def test_r1_square_sum_d_uses_the_real_batch():
    real = _images(0).astype(np.float64)
    d, seen = _recording(_square_sum_d)
    got = R1Penalty(weight=3.0)(_ctx(d)).numpy()
    np.testing.assert_array_equal(seen[0].numpy(), real.astype(np.float32))
    expected = 3.0 * 0.5 * np.mean(4.0 * np.sum(real.reshape(len(real), -1) ** 2, axis=1))
    np.testing.assert_allclose(got, expected, rtol=1e-5)


# --- packed discriminators (PacGAN) -------------------------------------------------------
def _packed_linear_d(w, pack):
    """D(pack of samples) = <w, concatenated pack>: the Lipschitz constant is ‖w‖, not
    the norm of one sample's share of w."""
    from keras_gans.engine import pack_samples

    d, w_norm = _linear_d(w)
    return (lambda x: d(pack_samples(x, pack))), w_norm


def _packed_ctx(discriminate, pack, real=None, fake=None):
    real = _images(0, (6, 2)) if real is None else real
    fake = _images(1, real.shape) if fake is None else fake
    return StepContext(discriminate=discriminate, real=tf.constant(real),
                       fake=tf.constant(fake), real_output=None, fake_output=None,
                       seed=SEED, pack=pack)


@pytest.mark.parametrize("pack", [2, 3])
def test_penalties_take_the_norm_of_the_packed_input(pack):
    """With 2-D samples packed 2 or 3 at a time, ‖∇D‖ is over the pack (2·pack numbers):
    WGAN-GP and DRAGAN push ‖w‖ to 1 and R1 is ½‖w‖², as for an unpacked D on those
    inputs. Per-sample norms would give ‖w_i‖ of each sample's slice instead."""
    w = _w_with_norm(1.7, shape=(2 * pack,), seed=3)
    d, w_norm = _packed_linear_d(w, pack)
    ctx = _packed_ctx(d, pack)
    np.testing.assert_allclose(GradientPenalty(weight=10.0)(ctx).numpy(),
                               10.0 * (w_norm - 1.0) ** 2, rtol=1e-5)
    np.testing.assert_allclose(DRAGANPenalty(weight=10.0)(ctx).numpy(),
                               10.0 * (w_norm - 1.0) ** 2, rtol=1e-5)
    np.testing.assert_allclose(R1Penalty(weight=10.0)(ctx).numpy(),
                               10.0 * 0.5 * w_norm ** 2, rtol=1e-5)


def test_gradient_penalty_draws_one_epsilon_per_pack():
    """x̂ lies on the segment between a real pack and a fake pack: one ε per pack."""
    pack = 2
    real, fake = _images(0, (8, 2)), _images(1, (8, 2))
    d, seen = _recording(lambda x: tf.reduce_sum(tf.square(x), axis=1)[:, None])
    GradientPenalty()(_packed_ctx(d, pack, real, fake))
    eps = (seen[0].numpy().astype(np.float64) - fake) / (real.astype(np.float64) - fake)
    per_pack = eps.reshape(len(eps) // pack, -1)
    np.testing.assert_allclose(per_pack, per_pack[:, :1].repeat(per_pack.shape[1], 1),
                               atol=2e-4)
    assert len(np.unique(np.round(per_pack[:, 0], 3))) == len(per_pack)


# --- ErrorBalance -------------------------------------------------------------------------
def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@pytest.mark.parametrize("alpha", [0.9, 0.0, 1.0])
def test_error_balance_matches_numpy(alpha):
    real_logits = np.array([[-30.0], [-2.0], [0.0], [0.7], [3.0], [30.0]], np.float32)
    fake_logits = np.array([[-5.0], [-1.0], [0.2], [1.0], [2.0], [-30.0]], np.float32)
    ctx = _ctx(None, real_output=tf.constant(real_logits), fake_output=tf.constant(fake_logits))
    got = ErrorBalance(weight=2.0, alpha=alpha)(ctx)
    assert got.dtype == tf.float32 and got.shape == ()
    r, f = real_logits.astype(np.float64), fake_logits.astype(np.float64)
    expected = 2.0 * (alpha * np.mean((_sigmoid(r) - 1.0) ** 2)
                      + (1.0 - alpha) * np.mean((_sigmoid(f) - 1.0) ** 2))
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)


def test_error_balance_reads_logits_of_dict_outputs_and_patch_maps():
    rng = np.random.default_rng(0)
    real_logits = rng.standard_normal((4, 4, 4, 1)).astype(np.float32)
    fake_logits = rng.standard_normal((4, 4, 4, 1)).astype(np.float32)
    ctx = _ctx(None, real_output={"logits": tf.constant(real_logits)},
               fake_output={"logits": tf.constant(fake_logits), "embedding": tf.zeros((4, 2))})
    got = ErrorBalance()(ctx).numpy()
    expected = (0.9 * np.mean((_sigmoid(real_logits.astype(np.float64)) - 1.0) ** 2)
                + 0.1 * np.mean((_sigmoid(fake_logits.astype(np.float64)) - 1.0) ** 2))
    np.testing.assert_allclose(got, expected, rtol=1e-6)


# --- PullAway -----------------------------------------------------------------------------
def _pull_away_numpy(s):
    """EBGAN eq. 7: 1/(N(N−1)) Σ_{i≠j} (SᵢᵀSⱼ / (‖Sᵢ‖‖Sⱼ‖))²."""
    s = s.reshape(len(s), -1).astype(np.float64)
    n = len(s)
    total = 0.0
    for i in range(n):
        for j in range(n):
            if i != j:
                cos = s[i] @ s[j] / (np.linalg.norm(s[i]) * np.linalg.norm(s[j]))
                total += cos ** 2
    return total / (n * (n - 1))


@pytest.mark.parametrize("shape", [(6, 5), (4, 2, 2, 3)], ids=str)
def test_pull_away_matches_numpy(shape):
    emb = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    ctx = _ctx(None, fake_output={"logits": tf.zeros((shape[0], 1)),
                                  "embedding": tf.constant(emb)})
    got = PullAway(weight=0.1)(ctx)
    assert got.dtype == tf.float32 and got.shape == ()
    np.testing.assert_allclose(got.numpy(), 0.1 * _pull_away_numpy(emb), rtol=1e-5)
    np.testing.assert_allclose(PullAway(weight=1.0)(ctx).numpy(), _pull_away_numpy(emb),
                               rtol=1e-5)


def test_pull_away_zero_for_orthogonal_and_one_for_parallel_embeddings():
    q, _ = np.linalg.qr(np.random.default_rng(2).standard_normal((5, 5)))
    orthogonal = (q.T * np.array([1.0, 2.0, 0.5, 3.0, 1.5])[:, None]).astype(np.float32)
    ctx = _ctx(None, fake_output={"embedding": tf.constant(orthogonal)})
    np.testing.assert_allclose(PullAway(weight=1.0)(ctx).numpy(), 0.0, atol=1e-6)
    parallel = np.outer([1.0, -2.0, 3.0, 0.5], [0.3, 0.4, 1.2]).astype(np.float32)
    ctx = _ctx(None, fake_output={"embedding": tf.constant(parallel)})
    np.testing.assert_allclose(PullAway(weight=1.0)(ctx).numpy(), 1.0, rtol=1e-5)


@pytest.mark.parametrize("output", [
    tf.zeros((4, 1)),
    {"logits": tf.zeros((4, 1))},
    None,
], ids=["tensor", "dict-without-embedding", "none"])
def test_pull_away_needs_an_embedding(output):
    with pytest.raises(InvalidInputError, match="embedding"):
        PullAway()(_ctx(None, fake_output=output))


# --- WeightClip ---------------------------------------------------------------------------
def test_weight_clip_bounds_variables_and_keeps_in_range_values():
    values = np.array([[-1.0, -0.01, -0.004], [0.0, 0.009, 0.01], [0.0100001, 0.3, 5.0]],
                      np.float32)
    v = keras.Variable(values)
    inside = keras.Variable(np.array([-0.0099, 0.002, 0.0], np.float32))
    WeightClip(0.01).apply([v, inside])
    np.testing.assert_array_equal(v.numpy(), np.clip(values, -0.01, 0.01))
    np.testing.assert_array_equal(inside.numpy(), np.array([-0.0099, 0.002, 0.0], np.float32))


def test_weight_clip_on_a_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(1)])
    for var in model.trainable_variables:
        var.assign(np.linspace(-2.0, 2.0, int(np.prod(var.shape))).reshape(var.shape))
    before = [var.numpy().copy() for var in model.trainable_variables]
    WeightClip(0.5).apply(model.trainable_variables)
    for b, var in zip(before, model.trainable_variables):
        after = var.numpy()
        assert np.all(np.abs(after) <= 0.5)
        inside = np.abs(b) <= 0.5
        np.testing.assert_array_equal(after[inside], b[inside])
        np.testing.assert_array_equal(after[~inside], 0.5 * np.sign(b[~inside]))


# --- construction, registry, serialization -------------------------------------------------
ALL_OBJECTS = [
    GradientPenalty(weight=5.0, target=2.0, one_sided=True),
    GradientPenalty(),
    DRAGANPenalty(weight=3.0, scale=0.25),
    DRAGANPenalty(point="interpolated"),
    R1Penalty(weight=0.5),
    ErrorBalance(weight=2.0, alpha=0.7),
    PullAway(weight=0.2),
    WeightClip(clip=0.05),
]


@pytest.mark.parametrize("obj", ALL_OBJECTS, ids=repr)
def test_serialization_round_trip(obj):
    config = keras.saving.serialize_keras_object(obj)
    restored = keras.saving.deserialize_keras_object(config)
    assert type(restored) is type(obj)
    assert restored.get_config() == obj.get_config()
    # through the module's own helpers too
    again = reg.get(reg.serialize(obj))
    assert type(again) is type(obj) and again.get_config() == obj.get_config()
    assert type(obj).from_config(obj.get_config()).get_config() == obj.get_config()


@pytest.mark.parametrize("name, cls, config", [
    ("gradient_penalty", GradientPenalty, {"weight": 10.0, "target": 1.0, "one_sided": False}),
    ("dragan", DRAGANPenalty, {"weight": 10.0, "scale": 0.5, "point": "perturbed"}),
    ("r1", R1Penalty, {"weight": 1.0}),
    ("error_balance", ErrorBalance, {"weight": 1.0, "alpha": 0.9}),
    ("pull_away", PullAway, {"weight": 0.1}),
    ("weight_clip", WeightClip, {"clip": 0.01}),
])
def test_get_by_name_gives_the_documented_defaults(name, cls, config):
    obj = reg.get(name)
    assert type(obj) is cls
    assert obj.get_config() == config
    assert reg.get(obj) is obj


def test_get_errors():
    with pytest.raises(UnknownNameError) as info:
        reg.get("nope")
    for name in ["gradient_penalty", "dragan", "r1", "error_balance", "pull_away",
                 "weight_clip"]:
        assert name in str(info.value)
    with pytest.raises(InvalidInputError):
        reg.get(3)


@pytest.mark.parametrize("make", [
    lambda: GradientPenalty(weight=-1.0),
    lambda: DRAGANPenalty(weight=-0.1),
    lambda: R1Penalty(weight=-5),
    lambda: ErrorBalance(weight=-1.0),
    lambda: ErrorBalance(alpha=1.5),
    lambda: ErrorBalance(alpha=-0.1),
    lambda: PullAway(weight=-0.1),
    lambda: GradientPenalty(weight="10"),
    lambda: WeightClip(clip=0.0),
    lambda: WeightClip(clip=-0.01),
], ids=["gp", "dragan", "r1", "balance", "alpha>1", "alpha<0", "pt", "gp-str", "clip0",
        "clip<0"])
def test_bad_hyperparameters_raise(make):
    with pytest.raises(InvalidInputError):
        make()


def test_zero_weight_is_allowed_and_gives_zero():
    d, _ = _linear_d(_w_with_norm(3.0))
    assert GradientPenalty(weight=0.0)(_ctx(d)).numpy() == 0.0


def test_numpy_scalar_hyperparameters_are_accepted():
    assert GradientPenalty(weight=np.float32(10.0)).weight == 10.0
    assert R1Penalty(weight=np.int64(3)).weight == 3.0
    assert WeightClip(clip=np.float32(0.5)).clip == 0.5


@pytest.mark.parametrize("w", [float("nan"), float("inf"), True, -1.0])
def test_bad_weight_raises(w):
    with pytest.raises(InvalidInputError, match="weight"):
        GradientPenalty(weight=w)
