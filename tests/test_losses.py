"""Numeric-oracle tests of keras_gans.losses.

Every loss pair is checked against an independent NumPy implementation written here
from each loss's formula (float64, stable forms such as
``np.logaddexp(0, x)`` for softplus), on fixed logits that include ±30. The f-GAN
conjugates are checked against their definition f*(t) = sup_u (t·u − f(u)).
"""

import math

import numpy as np
import pytest
import tensorflow as tf
from scipy import optimize

from keras_gans import losses
from keras_gans.errors import InvalidInputError, UnknownNameError

LOG2 = math.log(2.0)
RTOL, ATOL = 2e-5, 1e-5

EXPECTED_NAMES = {
    "minimax", "non_saturating", "least_squares", "wasserstein", "hinge", "energy",
    "f_kl", "f_reverse_kl", "f_pearson", "f_neyman", "f_squared_hellinger", "f_js",
    "f_total_variation",
}


# --- NumPy oracles ---------------------------------------------------------------------
def _softplus(x):
    return np.logaddexp(0.0, x)


def _reduce(x):
    """Mean over every non-batch axis, then over the batch."""
    x = np.asarray(x, np.float64)
    if x.ndim > 1:
        x = x.reshape(x.shape[0], -1).mean(axis=1)
    return x.mean()


# g_f(v) from the f-GAN table, in a stable form.
NP_ACTIVATION = {
    "kl": lambda v: v,
    "reverse_kl": lambda v: -np.exp(-v),
    "pearson": lambda v: v,
    "neyman": lambda v: -np.expm1(-v),
    "squared_hellinger": lambda v: -np.expm1(-v),
    "js": lambda v: LOG2 - _softplus(-v),
    "total_variation": lambda v: 0.5 * np.tanh(v),
}

# f*(t) from the f-GAN table, verbatim.
NP_CONJUGATE = {
    "kl": lambda t: np.exp(t - 1.0),
    "reverse_kl": lambda t: -1.0 - np.log(-t),
    "pearson": lambda t: t ** 2 / 4.0 + t,
    "neyman": lambda t: 2.0 - 2.0 * np.sqrt(1.0 - t),
    "squared_hellinger": lambda t: t / (1.0 - t),
    "js": lambda t: -np.log(2.0 - np.exp(t)),
    "total_variation": lambda t: t,
}

# f*(g_f(v)) simplified by hand (checked against the naive composition below).
NP_CONJUGATE_OF_ACTIVATION = {
    "kl": lambda v: np.exp(v - 1.0),
    "reverse_kl": lambda v: v - 1.0,
    "pearson": lambda v: v ** 2 / 4.0 + v,
    "neyman": lambda v: 2.0 - 2.0 * np.exp(-0.5 * v),
    "squared_hellinger": lambda v: np.expm1(v),
    "js": lambda v: _softplus(v) - LOG2,
    "total_variation": lambda v: 0.5 * np.tanh(v),
}

# The generator functions f(u), u > 0 (Nowozin et al. 2016, Table 1).
NP_F = {
    "kl": lambda u: u * np.log(u),
    "reverse_kl": lambda u: -np.log(u),
    "pearson": lambda u: (u - 1.0) ** 2,
    "neyman": lambda u: (1.0 - u) ** 2 / u,
    "squared_hellinger": lambda u: (np.sqrt(u) - 1.0) ** 2,
    "js": lambda u: -(u + 1.0) * np.log((1.0 + u) / 2.0) + u * np.log(u),
    "total_variation": lambda u: 0.5 * np.abs(u - 1.0),
}

# dom(f*), as a predicate on t.
IN_DOMAIN = {
    "kl": lambda t: np.isfinite(t),
    "reverse_kl": lambda t: t < 0.0,
    "pearson": lambda t: np.isfinite(t),
    "neyman": lambda t: t < 1.0,
    "squared_hellinger": lambda t: t < 1.0,
    "js": lambda t: t < LOG2,
    "total_variation": lambda t: np.abs(t) <= 0.5,
}


def _f_pair(div):
    g, fstar_g = NP_ACTIVATION[div], NP_CONJUGATE_OF_ACTIVATION[div]
    return (
        lambda r, f: _reduce(fstar_g(f)) - _reduce(g(r)),
        lambda f: -_reduce(g(f)),
    )


def _np_pair(name, margin=1.0):
    if name.startswith("f_"):
        return _f_pair(name[2:])
    return {
        "minimax": (
            lambda r, f: _reduce(_softplus(-r)) + _reduce(_softplus(f)),
            lambda f: _reduce(-_softplus(f)),
        ),
        "non_saturating": (
            lambda r, f: _reduce(_softplus(-r)) + _reduce(_softplus(f)),
            lambda f: _reduce(_softplus(-f)),
        ),
        "least_squares": (
            lambda r, f: _reduce(0.5 * (r - 1.0) ** 2) + _reduce(0.5 * f ** 2),
            lambda f: _reduce(0.5 * (f - 1.0) ** 2),
        ),
        "wasserstein": (
            lambda r, f: _reduce(f) - _reduce(r),
            lambda f: -_reduce(f),
        ),
        "hinge": (
            lambda r, f: (_reduce(np.maximum(0.0, margin - r))
                          + _reduce(np.maximum(0.0, margin + f))),
            lambda f: -_reduce(f),
        ),
        "energy": (
            lambda r, f: _reduce(r) + _reduce(np.maximum(0.0, margin - f)),
            lambda f: _reduce(f),
        ),
    }[name]


def _logits(shape, seed):
    """Fixed float32 logits with scale ~3 and a few ±30 entries."""
    rng = np.random.default_rng(seed)
    x = (3.0 * rng.standard_normal(int(np.prod(shape)))).astype(np.float32)
    x[:4] = [30.0, -30.0, 0.0, 1.0]
    x[-2:] = [-30.0, 30.0]
    return x.reshape(shape)


def _energies(shape, seed):
    """Energies are non-negative reconstruction errors; include 0 and a large one."""
    x = np.abs(_logits(shape, seed))
    x.reshape(-1)[:3] = [0.0, 0.5, 30.0]
    return x


SHAPES = [(8, 1), (8,), (8, 4, 4, 1)]


@pytest.fixture(autouse=True)
def _clear_keras_session():
    """Overrides conftest's per-test ``keras.backend.clear_session()`` for this module.

    These tests only run eager TF ops on constants and build no Keras object, so there
    is no session state to clear, while each clear costs a ~0.1 s ``gc.collect()``
    (most of this file's runtime otherwise).
    """
    yield


# --- the registry ---------------------------------------------------------------------
def test_names_cover_every_objective():
    assert set(losses.names()) == EXPECTED_NAMES
    assert len(losses.names()) == len(set(losses.names()))
    assert {n[2:] for n in losses.names() if n.startswith("f_")} == set(losses.F_DIVERGENCES)


# --- every pair against NumPy ---------------------------------------------------------
@pytest.mark.parametrize("name", sorted(EXPECTED_NAMES))
def test_pair_matches_numpy(name):
    """(B, 1), (B,) and PatchGAN (B, 4, 4, 1) logits, ±30 included."""
    d_loss, g_loss = losses.get(name)
    np_d, np_g = _np_pair(name)
    make = _energies if name == "energy" else _logits
    for shape in SHAPES:
        real, fake = make(shape, 0), make(shape, 1)
        d = d_loss(tf.constant(real), tf.constant(fake))
        g = g_loss(tf.constant(fake))
        for value in (d, g):
            assert value.dtype == tf.float32, shape
            assert value.shape == (), shape
            assert np.isfinite(value.numpy()), shape
        np.testing.assert_allclose(d.numpy(), np_d(real.astype(np.float64),
                                                   fake.astype(np.float64)),
                                   rtol=RTOL, atol=ATOL, err_msg=f"D loss, shape {shape}")
        np.testing.assert_allclose(g.numpy(), np_g(fake.astype(np.float64)), rtol=RTOL,
                                   atol=ATOL, err_msg=f"G loss, shape {shape}")


@pytest.mark.parametrize("name", ["minimax", "non_saturating"])
def test_softplus_losses_are_stable_at_large_logits(name):
    """At ±30 the softplus form gives 30 / ~1e-13 exactly, never inf or 0·log 0."""
    d_loss, g_loss = losses.get(name)
    big = tf.constant([[30.0], [-30.0]])
    # real = [30, -30]: softplus(-30) + softplus(30) = 30 + 9.4e-14 ; same for fake
    expected_d = 2 * np.mean(_softplus(np.array([-30.0, 30.0])))
    np.testing.assert_allclose(d_loss(big, big).numpy(), expected_d, rtol=1e-6)
    np.testing.assert_allclose(
        g_loss(tf.constant([[30.0]])).numpy(),
        -30.0 if name == "minimax" else _softplus(-30.0),
        rtol=1e-6, atol=1e-12,
    )
    np.testing.assert_allclose(
        g_loss(tf.constant([[-30.0]])).numpy(),
        -_softplus(-30.0) if name == "minimax" else 30.0,
        rtol=1e-6, atol=1e-12,
    )


@pytest.mark.parametrize("name", ["minimax", "non_saturating", "least_squares", "wasserstein",
                                  "hinge", "f_js", "f_total_variation"])
def test_bounded_growth_losses_are_finite_at_logits_of_100(name):
    """log(1 + exp(x)) overflows float32 at x > 88; the stable forms do not."""
    d_loss, g_loss = losses.get(name)
    np_d, np_g = _np_pair(name)
    big = np.array([[100.0], [-100.0], [0.5]], np.float32)
    d = d_loss(tf.constant(big), tf.constant(big[::-1])).numpy()
    g = g_loss(tf.constant(big)).numpy()
    b64 = big.astype(np.float64)
    np.testing.assert_allclose(d, np_d(b64, b64[::-1]), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(g, np_g(b64), rtol=RTOL, atol=ATOL)


def test_reduction_is_per_sample_mean_then_batch_mean():
    """(B, 1), (B,) and a flattened PatchGAN map of the same values agree."""
    patch = _logits((8, 4, 4, 1), 3)
    per_sample = patch.reshape(8, -1).mean(axis=1)
    d_loss, g_loss = losses.get("wasserstein")
    g_patch = g_loss(tf.constant(patch)).numpy()
    np.testing.assert_allclose(g_patch, -per_sample.astype(np.float64).mean(), rtol=1e-6)
    np.testing.assert_allclose(g_loss(tf.constant(per_sample)).numpy(), g_patch, rtol=1e-6)
    np.testing.assert_allclose(g_loss(tf.constant(per_sample[:, None])).numpy(), g_patch,
                               rtol=1e-6)


@pytest.mark.parametrize("name", ["minimax", "least_squares", "wasserstein", "hinge", "f_js"])
def test_non_float32_logits_give_float32_scalars(name):
    d_loss, g_loss = losses.get(name)
    np_d, np_g = _np_pair(name)
    for dtype in (np.float16, np.float64):
        real = _logits((4, 2, 2, 1), 0).clip(-8, 8).astype(dtype)
        fake = _logits((4, 2, 2, 1), 1).clip(-8, 8).astype(dtype)
        d, g = d_loss(tf.constant(real), tf.constant(fake)), g_loss(tf.constant(fake))
        assert d.dtype == tf.float32 and d.shape == (), dtype
        assert g.dtype == tf.float32 and g.shape == (), dtype
        r64, f64 = real.astype(np.float64), fake.astype(np.float64)
        np.testing.assert_allclose(d.numpy(), np_d(r64, f64), rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(g.numpy(), np_g(f64), rtol=RTOL, atol=ATOL)


# --- get() -----------------------------------------------------------------------------
def test_get_unknown_name_lists_known_names():
    for bad in ["nope", "f_nope", "fgan_js", "HINGE", "", None, 3]:
        with pytest.raises(UnknownNameError) as info:
            losses.get(bad)
        message = str(info.value)
        assert repr(bad) in message
        for name in losses.names():
            assert name in message, (bad, name)
        assert isinstance(info.value, KeyError)  # `except KeyError` keeps working


def test_get_unexpected_kwargs():
    for name, kwargs in [("hinge", {"alpha": 1.0}), ("f_js", {"margin": 1.0}),
                         ("hinge", {"margin": 0.0}), ("energy", {"margin": float("nan")}),
                         ("f_neyman", {"critic_bound": 0.0}), ("f_kl", {"critic_bound": "5"}),
                         ("energy", {"alpha": 1.0}), ("energy", {"margin": 1.0, "alpha": 1.0})]:
        with pytest.raises(InvalidInputError) as info:
            losses.get(name, **kwargs)
        assert name in str(info.value)
        assert isinstance(info.value, ValueError)


def test_get_energy_margin_is_used():
    real = _energies((8, 1), 0)
    fake = np.array([[0.0], [0.5], [1.0], [1.5], [2.0], [2.5], [3.0], [30.0]], np.float32)
    np_d, np_g = _np_pair("energy", margin=2.0)
    d2, g2 = losses.get("energy", margin=2.0)
    d1, _ = losses.get("energy")
    got2 = d2(tf.constant(real), tf.constant(fake)).numpy()
    got1 = d1(tf.constant(real), tf.constant(fake)).numpy()
    np.testing.assert_allclose(got2, np_d(real, fake), rtol=1e-6)
    np.testing.assert_allclose(got1, _np_pair("energy")[0](real, fake), rtol=1e-6)
    # hinge part: mean(max(0, 2 - fake)) = (2 + 1.5 + 1 + .5)/8 vs (1 + .5)/8 at m = 1
    np.testing.assert_allclose(got2 - got1, (5.0 - 1.5) / 8, rtol=1e-6)
    np.testing.assert_allclose(g2(tf.constant(fake)).numpy(), np_g(fake), rtol=1e-6)


def test_get_hinge_margin_is_used():
    # m = 0.25: real logits below m and fake logits above −m are penalised, nothing else.
    real = np.array([[-1.0], [0.0], [0.2], [0.3], [2.0]], np.float32)
    fake = np.array([[-2.0], [-0.3], [-0.2], [0.0], [1.0]], np.float32)
    d, g = losses.get("hinge", margin=0.25)
    got = d(tf.constant(real), tf.constant(fake)).numpy()
    np.testing.assert_allclose(got, _np_pair("hinge", margin=0.25)[0](real, fake), rtol=1e-6)
    np.testing.assert_allclose(got, (1.25 + 0.25 + 0.05) / 5 + (0.05 + 0.25 + 1.25) / 5,
                               rtol=1e-6)
    np.testing.assert_allclose(g(tf.constant(fake)).numpy(), -np.mean(fake), rtol=1e-6)


# --- f-divergences -----------------------------------------------------------------------
DIVS = sorted(losses.F_DIVERGENCES)

# t inside dom(f*). Pearson's f is taken on u > 0 here, where its conjugate is t²/4 + t
# only for t ≥ −2 (the maximiser is u = 1 + t/2); the table's form holds on all of R
# only when f is extended to u ≤ 0.
T_INSIDE = {
    "kl": [-2.0, -0.5, 0.0, 0.7, 2.0],
    "reverse_kl": [-3.0, -1.0, -0.3, -0.05],
    "pearson": [-1.5, -0.5, 0.0, 1.0, 3.0],
    "neyman": [-3.0, -1.0, 0.0, 0.5, 0.9],
    "squared_hellinger": [-3.0, -1.0, 0.0, 0.5, 0.9],
    "js": [-3.0, -1.0, 0.0, 0.4, 0.65],
    "total_variation": [-0.5, -0.3, 0.0, 0.3, 0.5],
}
# t outside dom(f*): sup_u (t·u − f(u)) = +inf.
T_OUTSIDE = {
    "reverse_kl": [0.5],
    "neyman": [1.5],
    "squared_hellinger": [1.5],
    "js": [1.0],
    # for t < −½ the sup over u > 0 is −½ (bounded), as Pearson's is for t < −2
    "total_variation": [0.7],
}
_LOG_U = np.linspace(-18.0, 18.0, 36001)  # u = e^s on a fine log-grid


def _numerical_conjugate(f, t):
    """sup_{u>0} (t·u − f(u)): log-grid argmax, refined by bounded Brent on log u."""
    with np.errstate(all="ignore"):
        values = t * np.exp(_LOG_U) - f(np.exp(_LOG_U))
    i = int(np.nanargmax(values))
    lo, hi = _LOG_U[max(i - 1, 0)], _LOG_U[min(i + 1, len(_LOG_U) - 1)]
    res = optimize.minimize_scalar(lambda s: -(t * np.exp(s) - f(np.exp(s))),
                                   bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12})
    return max(-res.fun, values[i]), i


@pytest.mark.parametrize("div", DIVS)
def test_f_matches_the_paper_and_vanishes_at_one(div):
    u = np.array([1e-3, 0.2, 0.5, 1.0, 2.0, 7.0, 50.0])
    got = losses.F_DIVERGENCES[div].f(tf.constant(u, tf.float64)).numpy()
    np.testing.assert_allclose(got, NP_F[div](u), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(NP_F[div](1.0), 0.0, atol=1e-15)


@pytest.mark.parametrize("div", DIVS)
def test_conjugate_matches_its_definition(div):
    conjugate = losses.F_DIVERGENCES[div].conjugate
    for t in T_INSIDE[div]:
        sup, i = _numerical_conjugate(NP_F[div], t)
        if div != "total_variation":  # TV's maximiser is a flat segment at |t| = ½
            assert 0 < i < len(_LOG_U) - 1, f"sup not attained inside the grid at t={t}"
        got = conjugate(tf.constant(t, tf.float64)).numpy()
        np.testing.assert_allclose(got, sup, rtol=1e-7, atol=1e-8, err_msg=f"t={t}")
        np.testing.assert_allclose(NP_CONJUGATE[div](t), sup, rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize("div", sorted(T_OUTSIDE))
def test_conjugate_is_unbounded_outside_its_domain(div):
    for t in T_OUTSIDE[div]:
        assert not IN_DOMAIN[div](t)
        sup, i = _numerical_conjugate(NP_F[div], t)
        assert i == len(_LOG_U) - 1 and sup > 1e5, f"t={t}: sup={sup} at grid index {i}"


@pytest.mark.parametrize("div", DIVS)
def test_conjugate_of_activation_is_the_composition(div):
    fdiv = losses.F_DIVERGENCES[div]
    v = tf.constant(np.linspace(-3.0, 3.0, 61), tf.float64)
    composed = fdiv.conjugate(fdiv.activation(v)).numpy()
    np.testing.assert_allclose(fdiv.conjugate_of_activation(v).numpy(), composed,
                               rtol=1e-9, atol=1e-12)
    # and the NumPy oracle's hand-simplified form is the table's composition too
    v64 = v.numpy()
    np.testing.assert_allclose(NP_CONJUGATE_OF_ACTIVATION[div](v64),
                               NP_CONJUGATE[div](NP_ACTIVATION[div](v64)), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(fdiv.activation(v).numpy(), NP_ACTIVATION[div](v64),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("div", DIVS)
def test_activation_lands_in_the_conjugate_domain(div):
    fdiv = losses.F_DIVERGENCES[div]
    moderate = np.linspace(-3.0, 3.0, 61)
    t32 = fdiv.activation(tf.constant(moderate, tf.float32)).numpy()
    assert np.all(np.isfinite(t32)) and np.all(IN_DOMAIN[div](t32))
    wide = np.linspace(-20.0, 20.0, 81)
    t64 = fdiv.activation(tf.constant(wide, tf.float64)).numpy()
    assert np.all(np.isfinite(t64)) and np.all(IN_DOMAIN[div](t64))


@pytest.mark.parametrize("div", DIVS)
def test_f_losses_finite_and_stable_for_logits_up_to_20(div):
    d_loss, g_loss = losses.get(f"f_{div}")
    v = np.linspace(-20.0, 20.0, 41).astype(np.float32)
    for x in v:  # every logit on its own, so no inf can hide in a mean
        xs = tf.constant([[x]])
        d, g = d_loss(xs, xs).numpy(), g_loss(xs).numpy()
        assert np.isfinite(d) and np.isfinite(g), f"v={x}: d={d}, g={g}"
    np_d, np_g = _f_pair(div)
    v64 = v.astype(np.float64)
    np.testing.assert_allclose(d_loss(tf.constant(v[:, None]), tf.constant(v[::-1, None])).numpy(),
                               np_d(v64[:, None], v64[::-1, None]), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(g_loss(tf.constant(v)).numpy(), np_g(v64), rtol=RTOL, atol=ATOL)


# total_variation is left out: f(u) = ½|u − 1| has no derivative at u = 1.
@pytest.mark.parametrize("div", [d for d in DIVS if d != "total_variation"])
def test_f_discriminator_loss_is_the_negated_variational_bound(div):
    """At the optimal critic T = f'(p/q), −loss = D_f(P‖Q) (Nowozin et al. eq. 4)."""
    # Two discrete distributions on 3 points; each support point is a "sample" weighted
    # by repetition so that E_P and E_Q become plain means.
    p = np.array([0.5, 0.25, 0.25])
    q = np.array([0.25, 0.25, 0.5])
    fdiv = losses.F_DIVERGENCES[div]
    ratio = p / q
    h = 1e-6
    t_opt = (NP_F[div](ratio + h) - NP_F[div](ratio - h)) / (2 * h)  # f'(p/q)
    # invert the activation numerically: find v with g_f(v) = t_opt
    v_opt = np.array([
        optimize.brentq(lambda v, t=t: NP_ACTIVATION[div](v) - t, -30.0, 30.0) for t in t_opt
    ])
    real = np.repeat(v_opt, (p * 4).astype(int))  # samples from P
    fake = np.repeat(v_opt, (q * 4).astype(int))  # samples from Q
    d_loss, _ = losses.get(f"f_{div}")
    got = d_loss(tf.constant(real[:, None], tf.float64), tf.constant(fake[:, None], tf.float64))
    divergence = np.sum(q * NP_F[div](ratio))
    np.testing.assert_allclose(-got.numpy(), divergence, rtol=1e-4, atol=1e-6)
    assert fdiv.name == div


@pytest.mark.parametrize("div", DIVS)
def test_critic_bound_is_the_loss_of_the_squashed_critic(div):
    """critic_bound c: the losses of c·tanh(V/c), finite even where V itself overflows."""
    c = 4.0
    d_b, g_b = losses.get(f"f_{div}", critic_bound=c)
    np_d, np_g = _f_pair(div)
    real, fake = _logits((8, 1), 0).astype(np.float64), _logits((8, 1), 1).astype(np.float64)
    real[0], fake[0] = 500.0, -500.0  # e^{500} is inf in float32
    squash = lambda v: c * np.tanh(v / c)  # noqa: E731
    d = d_b(tf.constant(real, tf.float32), tf.constant(fake, tf.float32)).numpy()
    g = g_b(tf.constant(fake, tf.float32)).numpy()
    assert np.isfinite(d) and np.isfinite(g)
    np.testing.assert_allclose(d, np_d(squash(real), squash(fake)), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(g, np_g(squash(fake)), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("name, kwargs, reference", [
    ("minimax", {}, lambda f: np.logaddexp(0.0, f)),
    ("non_saturating", {}, lambda f: np.logaddexp(0.0, f)),
    ("hinge", {}, lambda f: np.maximum(0.0, 1.0 + f)),
    ("hinge", {"margin": 0.25}, lambda f: np.maximum(0.0, 0.25 + f)),
    ("least_squares", {}, lambda f: 0.5 * f ** 2),
    ("wasserstein", {}, lambda f: f),
])
def test_fake_term_is_the_fake_half_of_the_discriminator_loss(name, kwargs, reference):
    fake = np.linspace(-3.0, 3.0, 13)
    got = float(losses.fake_term(name, **kwargs)(tf.constant(fake, tf.float32)))
    np.testing.assert_allclose(got, reference(fake).mean(), rtol=1e-5, atol=1e-6)
    # the D loss is real half + this fake half
    real = np.zeros(13, np.float32)
    d_loss, _ = losses.get(name, **kwargs)
    real_half = float(d_loss(real, real)) - float(losses.fake_term(name, **kwargs)(real))
    np.testing.assert_allclose(float(d_loss(real, fake.astype(np.float32))), real_half + got,
                               rtol=1e-5, atol=1e-6)


def test_fake_term_refuses_what_the_loss_refuses():
    with pytest.raises(InvalidInputError, match="fake-side term is defined"):
        losses.fake_term("energy")
    with pytest.raises(InvalidInputError, match="unexpected parameters"):
        losses.fake_term("hinge", width=2.0)
