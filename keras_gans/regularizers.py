"""Regularizers and weight constraints for the adversarial step.

Regularizers are small serializable classes because they carry hyperparameters. Each
is called by the engine inside the gradient tape of one update with a
:class:`StepContext` and returns a float32 scalar already multiplied by its weight.
Which update they belong to is decided by the list they are put in
(``d_regularizers`` or ``g_regularizers`` of :class:`keras_gans.GAN`).

Constraints (weight clipping) are applied to the discriminator's variables after each
of its updates. Spectral normalization is a property of the nets
(``spectral_norm=True`` wraps every layer in ``keras.layers.SpectralNormalization``).
"""

from typing import Any, Optional

import keras
import tensorflow as tf

from keras_gans._checks import check_number  # noqa: F401 - re-exported
from keras_gans.errors import InvalidInputError, UnknownNameError
from keras_gans.seeds import stream
from keras_gans.step import StepContext, draw_per_sample, logits_of  # noqa: F401 - re-exported


def _sum_non_batch(x):
    return tf.reduce_sum(x, axis=list(range(1, x.shape.rank)))


def _per_sample_uniform(like, seed, pack=1):
    """ε ~ U[0, 1), one per sample (per pack of ``pack`` samples), broadcastable against
    ``like``.

    Drawn for the global batch and sliced per replica (as the engine's latents), so the
    ε of sample i does not depend on the number of replicas.
    """
    shape = tf.concat([tf.shape(like)[:1] // pack, tf.ones([like.shape.rank - 1], tf.int32)], 0)
    return tf.repeat(draw_per_sample("uniform", shape, seed, dtype=like.dtype), pack, axis=0)


def _global_batch_std(x):
    """Standard deviation of every element of the *global* batch (all replicas)."""
    ctx = tf.distribute.get_replica_context()
    moments = tf.stack([tf.cast(tf.size(x), tf.float32), tf.reduce_sum(x),
                        tf.reduce_sum(tf.square(x))])
    if ctx is not None and ctx.num_replicas_in_sync > 1:
        moments = ctx.all_reduce(tf.distribute.ReduceOp.SUM, moments)
    mean = moments[1] / moments[0]
    return tf.sqrt(tf.maximum(moments[2] / moments[0] - tf.square(mean), 0.0))


def gradient_squared_norm(discriminate, x, pack=1):
    """Per-sample ‖∇ₓ D(x)‖₂² (D's outputs are summed over non-batch axes first).

    With ``pack`` > 1 (PacGAN) one norm per pack of ``pack`` consecutive samples: the
    gradient with respect to the one input point D sees.
    """
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(tf.cast(logits_of(discriminate(x)), tf.float32))
    grads = tf.cast(tape.gradient(total, x), tf.float32)
    squared = _sum_non_batch(tf.square(grads))
    return squared if pack == 1 else tf.reduce_sum(tf.reshape(squared, [-1, pack]), axis=1)


def gradient_norm(discriminate, x, pack=1, eps=1e-12):
    """Per-sample (per-pack) ‖∇ₓ D(x)‖₂ as sqrt(sum of squares + eps), so its gradient
    is finite at 0."""
    return tf.sqrt(gradient_squared_norm(discriminate, x, pack) + eps)


class Regularizer:
    """Base class: ``weight`` × penalty; serializable through ``get_config``."""

    name = "regularizer"

    def __init__(self, weight=1.0):
        self.weight = check_number(type(self).__name__, "weight", weight)

    def __call__(self, ctx: StepContext):
        return self.weight * tf.cast(self.penalty(ctx), tf.float32)

    def penalty(self, ctx):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_config(self):
        return {"weight": self.weight}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


@keras.saving.register_keras_serializable(package="keras_gans")
class GradientPenalty(Regularizer):
    """WGAN-GP penalty (‖∇D(x̂)‖₂ − target)² at x̂ = εx + (1−ε)G(z), ε ~ U[0,1] per sample.

    Args:
        weight: λ (10 in the paper).
        target: the norm the gradient is pushed to (1).
        one_sided: penalise only norms above ``target``: max(0, ‖∇‖ − target)²
            (the Lipschitz term of ``diff_gan``).

    Reference:
        Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", Alg. 1.
    """

    name = "gp"

    def __init__(self, weight=10.0, target=1.0, one_sided=False):
        super().__init__(weight)
        self.target = check_number("GradientPenalty", "target", target)
        self.one_sided = bool(one_sided)

    def penalty(self, ctx):
        real = tf.cast(ctx.real, ctx.fake.dtype)
        eps = _per_sample_uniform(real, ctx.seed, ctx.pack)
        x_hat = eps * real + (1.0 - eps) * ctx.fake
        gap = gradient_norm(ctx.discriminate, x_hat, ctx.pack) - self.target
        if self.one_sided:
            gap = tf.nn.relu(gap)
        return tf.reduce_mean(tf.square(gap))

    def get_config(self):
        return {"weight": self.weight, "target": self.target, "one_sided": self.one_sided}


@keras.saving.register_keras_serializable(package="keras_gans")
class DRAGANPenalty(Regularizer):
    """DRAGAN penalty (‖∇D(x̂)‖₂ − 1)² at points near the real data.

    With x̃ = x + c·std(x)·u, u ~ U[0,1) element-wise and std(x) over the whole real
    batch, the gradient point x̂ is, by ``point``:

    * ``"perturbed"`` (default): x̂ = x̃, the perturbed sample itself;
    * ``"interpolated"``: x̂ = x + α(x̃ − x), α ~ U[0,1] per sample (per pack), the form
      of the authors' code (``X_p = X + 0.5 * X.std() * np.random.random(X.shape)``,
      then interpolates between X and X_p as WGAN-GP does between real and fake).

    The paper states the penalty at x + δ, δ ~ N(0, cI); both forms above follow the
    code's uniform noise scaled by the batch std. They agree for a linear D only.

    Args:
        weight: λ (10).
        scale: c (0.5).
        point: ``"perturbed"`` or ``"interpolated"``.

    Reference:
        Kodali et al. 2017, "On Convergence and Stability of GANs".
    """

    name = "dragan"
    POINTS = ("perturbed", "interpolated")

    def __init__(self, weight=10.0, scale=0.5, point="perturbed"):
        super().__init__(weight)
        self.scale = check_number("DRAGANPenalty", "scale", scale)
        if point not in self.POINTS:
            raise InvalidInputError(
                f"DRAGANPenalty `point` must be one of {self.POINTS}; got {point!r}.")
        self.point = point

    def penalty(self, ctx):
        real = tf.cast(ctx.real, tf.float32)
        u = draw_per_sample("uniform", tf.shape(real), ctx.seed)
        x_hat = real + self.scale * _global_batch_std(real) * u
        if self.point == "interpolated":  # α from its own stream of the term's seed
            alpha = _per_sample_uniform(real, stream(ctx.seed, "alpha"), ctx.pack)
            x_hat = real + alpha * (x_hat - real)
        x_hat = tf.cast(x_hat, ctx.fake.dtype)
        return tf.reduce_mean(tf.square(gradient_norm(ctx.discriminate, x_hat, ctx.pack) - 1.0))

    def get_config(self):
        return {"weight": self.weight, "scale": self.scale, "point": self.point}


@keras.saving.register_keras_serializable(package="keras_gans")
class R1Penalty(Regularizer):
    """R1: (γ/2)·E‖∇D(x)‖² on real data; ``weight`` is γ.

    Reference:
        Mescheder et al. 2018, "Which Training Methods for GANs do actually Converge?".
    """

    name = "r1"

    def penalty(self, ctx):
        return 0.5 * tf.reduce_mean(gradient_squared_norm(ctx.discriminate, ctx.real, ctx.pack))


@keras.saving.register_keras_serializable(package="keras_gans")
class ErrorBalance(Regularizer):
    """diff_gan's error-balance term α(σ(D(x)) − 1)² + (1−α)(σ(D(G(z))) − 1)².

    A "discrimination error balance" term of this project's Diff-GAN: added to the
    minimised D objective with weight λ_b. It is not from a published paper.

    Args:
        weight: λ_b (1).
        alpha: α (0.9).
    """

    name = "balance"

    def __init__(self, weight=1.0, alpha=0.9):
        super().__init__(weight)
        alpha = check_number("ErrorBalance", "alpha", alpha)
        if alpha > 1.0:
            raise InvalidInputError(f"ErrorBalance alpha must be in [0, 1]; got {alpha!r}.")
        self.alpha = alpha

    def penalty(self, ctx):
        if ctx.real_output is None:
            raise InvalidInputError(
                "ErrorBalance reads D's outputs on real data: put it in d_regularizers, not "
                "g_regularizers."
            )
        def term(output):
            p = tf.sigmoid(tf.cast(logits_of(output), tf.float32))
            return tf.reduce_mean(tf.square(p - 1.0))

        return self.alpha * term(ctx.real_output) + (1.0 - self.alpha) * term(ctx.fake_output)

    def get_config(self):
        return {"weight": self.weight, "alpha": self.alpha}


@keras.saving.register_keras_serializable(package="keras_gans")
class PullAway(Regularizer):
    """EBGAN's pull-away term on the encoder embeddings S of a generated batch.

    PT = 1/(N(N−1)) Σ_{i≠j} (Sᵢᵀ Sⱼ / (‖Sᵢ‖ ‖Sⱼ‖))². Reads ``fake_output["embedding"]``,
    so it is a generator regularizer for an autoencoder discriminator.

    Reference:
        Zhao et al. 2017, "Energy-based Generative Adversarial Network", eq. 7.
    """

    name = "pt"

    def __init__(self, weight=0.1):
        super().__init__(weight)

    def penalty(self, ctx):
        if not isinstance(ctx.fake_output, dict) or "embedding" not in ctx.fake_output:
            raise InvalidInputError(
                "PullAway needs a discriminator that returns {'logits', 'embedding'} "
                "(an AutoencoderDiscriminator); got an output of type "
                f"{type(ctx.fake_output).__name__}."
            )
        s = tf.cast(ctx.fake_output["embedding"], tf.float32)
        s = tf.reshape(s, [tf.shape(s)[0], -1])
        s = tf.math.l2_normalize(s, axis=1, epsilon=1e-12)
        n = tf.cast(tf.shape(s)[0], tf.float32)
        sim = tf.square(tf.matmul(s, s, transpose_b=True))
        off_diag = tf.reduce_sum(sim) - tf.reduce_sum(tf.linalg.diag_part(sim))
        return off_diag / tf.maximum(n * (n - 1.0), 1.0)


# --- constraints ------------------------------------------------------------------------
@keras.saving.register_keras_serializable(package="keras_gans")
class WeightClip:
    """Clips every trainable discriminator weight to [−clip, clip] after each D update.

    Reference:
        Arjovsky et al. 2017, "Wasserstein GAN", Alg. 1 (c = 0.01).
    """

    name = "clip"

    def __init__(self, clip=0.01):
        self.clip = check_number("WeightClip", "clip", clip, positive=True)

    def apply(self, variables):
        for v in variables:
            v.assign(tf.clip_by_value(v, -self.clip, self.clip))

    def get_config(self):
        return {"clip": self.clip}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"WeightClip(clip={self.clip!r})"


_REGISTRY = {
    "gradient_penalty": GradientPenalty,
    "dragan": DRAGANPenalty,
    "r1": R1Penalty,
    "error_balance": ErrorBalance,
    "pull_away": PullAway,
    "weight_clip": WeightClip,
}


def get(identifier):
    """Resolves a regularizer/constraint from an instance, a name, or a serialized dict."""
    if isinstance(identifier, (Regularizer, WeightClip)):
        return identifier
    if isinstance(identifier, str):
        if identifier not in _REGISTRY:
            raise UnknownNameError(
                f"Unknown regularizer {identifier!r}; expected one of {sorted(_REGISTRY)}."
            )
        return _REGISTRY[identifier]()
    if isinstance(identifier, dict):
        return keras.saving.deserialize_keras_object(identifier)
    raise InvalidInputError(
        "A regularizer must be a Regularizer/WeightClip instance, a name in "
        f"{sorted(_REGISTRY)} or a serialized dict; got {identifier!r}."
    )


def serialize(obj: Optional[Any]):
    return keras.saving.serialize_keras_object(obj)
