"""Adversarial losses as pure functions.

Every discriminator loss has the signature ``<name>_discriminator_loss(real_logits,
fake_logits)`` and every generator loss ``<name>_generator_loss(fake_logits)``
(after tensorflow/gan ``losses_impl.py``). ``real_logits``/``fake_logits`` are the
raw discriminator outputs (no sigmoid). Each loss first averages over every non-batch
axis (so PatchGAN maps work), then over the batch, and returns a float32 scalar. There
are no hidden label-smoothing defaults.

``get(name)`` returns the ``(discriminator_loss, generator_loss)`` pair for a name.

Reference:
    Goodfellow et al. 2014 (minimax, non-saturating); Mao et al. 2017 (least squares);
    Arjovsky et al. 2017 (Wasserstein); Lim & Ye 2017 / Miyato et al. 2018 (hinge);
    Nowozin et al. 2016 (f-GAN, Table 2); Zhao et al. 2017 (EBGAN).
"""

import dataclasses
import functools
import math
from typing import Callable

import tensorflow as tf

from keras_gans._checks import check_number
from keras_gans.errors import UnknownNameError

_LOG2 = math.log(2.0)


def _reduce(per_element):
    """Mean over all non-batch axes, then over the batch; float32 scalar."""
    x = tf.cast(per_element, tf.float32)
    if x.shape.rank is not None and x.shape.rank > 1:
        x = tf.reduce_mean(x, axis=list(range(1, x.shape.rank)))
    return tf.reduce_mean(x)


def _f32(x):
    return tf.cast(x, tf.float32)


# --- Goodfellow 2014 -------------------------------------------------------------
def minimax_discriminator_loss(real_logits, fake_logits):
    """-log σ(D(x)) - log(1 - σ(D(G(z)))), in the softplus form."""
    return _reduce(tf.nn.softplus(-_f32(real_logits))) + _reduce(
        tf.nn.softplus(_f32(fake_logits))
    )


def minimax_generator_loss(fake_logits):
    """log(1 - σ(D(G(z)))) = -softplus(D(G(z))): the saturating minimax objective."""
    return _reduce(-tf.nn.softplus(_f32(fake_logits)))


non_saturating_discriminator_loss = minimax_discriminator_loss


def non_saturating_generator_loss(fake_logits):
    """-log σ(D(G(z))) = softplus(-D(G(z)))."""
    return _reduce(tf.nn.softplus(-_f32(fake_logits)))


# --- Mao 2017 ----------------------------------------------------------------------
def least_squares_discriminator_loss(real_logits, fake_logits):
    """½(D(x) − 1)² + ½ D(G(z))²."""
    return _reduce(0.5 * tf.square(_f32(real_logits) - 1.0)) + _reduce(
        0.5 * tf.square(_f32(fake_logits))
    )


def least_squares_generator_loss(fake_logits):
    """½(D(G(z)) − 1)²."""
    return _reduce(0.5 * tf.square(_f32(fake_logits) - 1.0))


# --- Arjovsky 2017 -----------------------------------------------------------------
def wasserstein_discriminator_loss(real_logits, fake_logits):
    """D(G(z)) − D(x)."""
    return _reduce(fake_logits) - _reduce(real_logits)


def wasserstein_generator_loss(fake_logits):
    """−D(G(z))."""
    return -_reduce(fake_logits)


# --- hinge (Lim & Ye 2017, Miyato 2018) --------------------------------------------
def hinge_discriminator_loss(real_logits, fake_logits, margin=1.0):
    """relu(m − D(x)) + relu(m + D(G(z))), m = ``margin`` (1 in SNGAN).

    With a K-Lipschitz D (spectral norm makes K ≤ 1) both margins hold only where real
    and fake points are ≥ 2m/K apart: a margin below 1 lets D separate structure finer
    than 2 data units (e.g. narrow mixture modes). Margin m is margin 1 with D scaled
    by 1/m, times m: the same updates under Adam, which ignores the loss's scale.
    """
    return _reduce(tf.nn.relu(margin - _f32(real_logits))) + _reduce(
        tf.nn.relu(margin + _f32(fake_logits))
    )


hinge_generator_loss = wasserstein_generator_loss


# --- EBGAN (Zhao 2017) -------------------------------------------------------------
def energy_discriminator_loss(real_energy, fake_energy, margin=1.0):
    """e(x) + max(0, m − e(G(z))), with e the autoencoder reconstruction energy."""
    return _reduce(real_energy) + _reduce(tf.nn.relu(margin - _f32(fake_energy)))


def energy_generator_loss(fake_energy):
    """e(G(z)) (the pull-away term is a separate generator regularizer)."""
    return _reduce(fake_energy)


# --- f-GAN (Nowozin 2016) ----------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class FDivergence:
    """One f-divergence of the f-GAN paper (Table 2).

    Attributes:
        name: divergence name (loss ``f_<name>``, variant ``fgan_<name>``).
        f: the generator function f(u) of the divergence (NumPy-friendly; for tests).
        activation: the output activation g_f(v) mapping a logit into dom(f*).
        conjugate: the Fenchel conjugate f*(t).
        conjugate_of_activation: f*(g_f(v)) in a numerically stable closed form.
    """

    name: str
    f: Callable
    activation: Callable
    conjugate: Callable
    conjugate_of_activation: Callable


F_DIVERGENCES = {
    d.name: d
    for d in [
        FDivergence(
            "kl",
            f=lambda u: u * tf.math.log(u),
            activation=lambda v: v,
            conjugate=lambda t: tf.exp(t - 1.0),
            conjugate_of_activation=lambda v: tf.exp(v - 1.0),
        ),
        FDivergence(
            "reverse_kl",
            f=lambda u: -tf.math.log(u),
            activation=lambda v: -tf.exp(-v),
            conjugate=lambda t: -1.0 - tf.math.log(-t),
            # -1 - log(exp(-v)) = v - 1
            conjugate_of_activation=lambda v: v - 1.0,
        ),
        FDivergence(
            "pearson",
            f=lambda u: tf.square(u - 1.0),
            activation=lambda v: v,
            conjugate=lambda t: 0.25 * tf.square(t) + t,
            conjugate_of_activation=lambda v: 0.25 * tf.square(v) + v,
        ),
        FDivergence(
            "neyman",
            f=lambda u: tf.square(1.0 - u) / u,
            activation=lambda v: 1.0 - tf.exp(-v),
            conjugate=lambda t: 2.0 - 2.0 * tf.sqrt(1.0 - t),
            # 1 - g(v) = exp(-v)  =>  2 - 2 exp(-v/2)
            conjugate_of_activation=lambda v: 2.0 - 2.0 * tf.exp(-0.5 * v),
        ),
        FDivergence(
            "squared_hellinger",
            f=lambda u: tf.square(tf.sqrt(u) - 1.0),
            activation=lambda v: 1.0 - tf.exp(-v),
            conjugate=lambda t: t / (1.0 - t),
            # (1 - e^-v) / e^-v = e^v - 1
            conjugate_of_activation=lambda v: tf.math.expm1(v),
        ),
        FDivergence(
            "js",
            f=lambda u: -(u + 1.0) * tf.math.log((1.0 + u) / 2.0) + u * tf.math.log(u),
            activation=lambda v: _LOG2 - tf.nn.softplus(-v),
            conjugate=lambda t: -tf.math.log(2.0 - tf.exp(t)),
            # exp(g(v)) = 2σ(v), 2 - 2σ(v) = 2σ(-v)  =>  softplus(v) - log 2
            conjugate_of_activation=lambda v: tf.nn.softplus(v) - _LOG2,
        ),
        FDivergence(
            "total_variation",
            f=lambda u: 0.5 * tf.abs(u - 1.0),
            activation=lambda v: 0.5 * tf.tanh(v),
            conjugate=lambda t: t,
            conjugate_of_activation=lambda v: 0.5 * tf.tanh(v),
        ),
    ]
}


def _get_divergence(divergence):
    if divergence not in F_DIVERGENCES:
        raise UnknownNameError(
            f"Unknown f-divergence {divergence!r}; expected one of "
            f"{sorted(F_DIVERGENCES)}."
        )
    return F_DIVERGENCES[divergence]


def _bounded(logits, critic_bound):
    """V, or c·tanh(V / c) when a bound c is given (keeps |V| < c, smooth)."""
    v = _f32(logits)
    return v if critic_bound is None else critic_bound * tf.tanh(v / critic_bound)


def f_divergence_discriminator_loss(real_logits, fake_logits, divergence="js",
                                    critic_bound=None):
    """−(E_P[g_f(V(x))] − E_Q[f*(g_f(V(G(z))))]) (the variational lower bound, negated).

    ``critic_bound`` c replaces V by c·tanh(V/c). Any critic gives a lower bound on the
    divergence, so a bounded one still does; it matters for divergences that are infinite
    when the model puts mass where the data has none (Neyman χ²: V* = 2 log(p/q) → −∞ on
    fakes, e^{−V} overflows and training turns to NaN).
    """
    div = _get_divergence(divergence)
    return _reduce(div.conjugate_of_activation(_bounded(fake_logits, critic_bound))) - _reduce(
        div.activation(_bounded(real_logits, critic_bound))
    )


def f_divergence_generator_loss(fake_logits, divergence="js", critic_bound=None):
    """−E_Q[g_f(V(G(z)))]: the f-GAN paper's practical ("non-saturating") G objective."""
    div = _get_divergence(divergence)
    return -_reduce(div.activation(_bounded(fake_logits, critic_bound)))


# --- registry ------------------------------------------------------------------------
_PAIRS = {
    "minimax": (minimax_discriminator_loss, minimax_generator_loss),
    "non_saturating": (non_saturating_discriminator_loss, non_saturating_generator_loss),
    "least_squares": (least_squares_discriminator_loss, least_squares_generator_loss),
    "wasserstein": (wasserstein_discriminator_loss, wasserstein_generator_loss),
    "hinge": (hinge_discriminator_loss, hinge_generator_loss),
    "energy": (energy_discriminator_loss, energy_generator_loss),
}
_PARAMETRIC = {"energy": {"margin"}, "hinge": {"margin"}}


def names():
    """All loss names accepted by :func:`get`."""
    return sorted(_PAIRS) + [f"f_{d}" for d in sorted(F_DIVERGENCES)]


# D's loss on one sample labelled "fake", per logit: the fake half of each separable D loss
# above (CGAN's mismatched pairs and VAEGAN's reconstructions are such samples).
_FAKE_TERMS = {
    "minimax": lambda f: tf.nn.softplus(f),
    "non_saturating": lambda f: tf.nn.softplus(f),
    "hinge": lambda f, margin=1.0: tf.nn.relu(margin + f),
    "least_squares": lambda f: 0.5 * tf.square(f),
    "wasserstein": lambda f: f,
}


def fake_term(name, needed_by="a fake-side term", **kwargs):
    """The mean D loss of samples labelled "fake" under loss ``name`` and its parameters
    (``margin`` for hinge), as a function of their logits; ``needed_by`` names what needs
    it in the error for a loss that has none.

    Example:
        >>> term = fake_term("hinge", margin=2.0)  # mean relu(2 + D(x))
    """
    from keras_gans.errors import InvalidInputError

    if name not in _FAKE_TERMS:
        raise InvalidInputError(f"{needed_by} is defined for the losses "
                                f"{sorted(_FAKE_TERMS)}; got loss={name!r}.")
    get(name, **kwargs)  # the same parameter checks as the loss itself
    per_logit = _FAKE_TERMS[name]
    return lambda logits: _reduce(per_logit(_f32(logits), **kwargs))


def get(name, **kwargs):
    """Returns the ``(discriminator_loss, generator_loss)`` pair called ``name``.

    Args:
        name: one of :func:`names` (``"hinge"``, ``"f_js"``, ``"energy"``...).
        **kwargs: parameters of a parametric loss (``margin`` for ``"energy"`` and
            ``"hinge"``).

    Raises:
        UnknownNameError: the name is not a known loss.
        InvalidInputError: a keyword argument the loss does not take.

    Example:
        >>> d_loss, g_loss = get("hinge")
    """
    from keras_gans.errors import InvalidInputError

    if not isinstance(name, str) or (
        name not in _PAIRS and not (name.startswith("f_") and name[2:] in F_DIVERGENCES)
    ):
        raise UnknownNameError(f"Unknown loss {name!r}; expected one of {names()}.")
    accepted = {"critic_bound"} if name.startswith("f_") else _PARAMETRIC.get(name, set())
    unexpected = set(kwargs) - accepted
    if unexpected:
        raise InvalidInputError(
            f"Loss {name!r} got unexpected parameters {sorted(unexpected)}; it accepts "
            f"{sorted(accepted) or 'none'}."
        )
    if name.startswith("f_"):
        bound = kwargs.get("critic_bound")
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, (int, float))
                                  or not bound > 0):
            raise InvalidInputError(
                f"Loss {name!r}: critic_bound must be a positive number or None; got {bound!r}.")
        div = name[2:]
        bound = None if bound is None else float(bound)
        return (
            functools.partial(f_divergence_discriminator_loss, divergence=div, critic_bound=bound),
            functools.partial(f_divergence_generator_loss, divergence=div, critic_bound=bound),
        )
    d_loss, g_loss = _PAIRS[name]
    if "margin" in kwargs:
        kwargs = {**kwargs, "margin": check_number(f"Loss {name!r}", "margin", kwargs["margin"],
                                                   positive=True)}
    if kwargs:
        d_loss = functools.partial(d_loss, **kwargs)
    return d_loss, g_loss
