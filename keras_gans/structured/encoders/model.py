"""BiGAN and VAE-GAN: an encoder beside G and D, through the engine's one step."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans import losses as losses_lib
from keras_gans import regularizers as reg_lib
from keras_gans.batching import run_batched
from keras_gans.engine import GAN, _optimizer_config
from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_number, check_sample_batch
from keras_gans.seeds import stream
from keras_gans.step import draw_per_sample, logits_of


# ======================================================================================


def _squared_error(a, b):
    """Mean over every element (and the batch) of (a − b)², float32."""
    return tf.reduce_mean(tf.square(tf.cast(a, tf.float32) - tf.cast(b, tf.float32)))


def _output_shapes(net):
    """A functional net's output shape, or ``{name: shape}`` for dict outputs."""
    out = net.output
    if isinstance(out, dict):
        return {k: tuple(v.shape) for k, v in out.items()}
    if isinstance(out, (list, tuple)):
        return [tuple(v.shape) for v in out]
    return tuple(out.shape)


class _EncoderGAN(GAN):
    """A :class:`GAN` with an encoder ``E``.

    Subclasses set ``_LOSSES`` (the adversarial losses their extra terms are defined
    for) and implement ``_check_encoder`` and ``_encode_batch``.
    """

    _LOSSES = ()

    def __init__(self, generator, discriminator, encoder, **kwargs):
        loss = kwargs.get("loss", "non_saturating")
        if loss not in self._LOSSES:
            raise InvalidInputError(
                f"{type(self).__name__} supports the losses {list(self._LOSSES)}; got "
                f"{loss!r}. Its encoder terms are written for these losses only."
            )
        if not isinstance(encoder, keras.Model):
            raise InvalidInputError(f"encoder must be a keras.Model; got {type(encoder).__name__}.")
        super().__init__(generator, discriminator, **kwargs)
        self.encoder = encoder
        self._check_encoder()

    def _check_discriminator_input(self, expected):
        got = self.discriminator.input_shape
        got = [tuple(s[1:]) for s in got] if isinstance(got, list) else [tuple(got[1:])]
        if got != expected:
            raise InvalidInputError(
                f"{type(self).__name__}: the discriminator must take inputs of shapes "
                f"{expected} (the generator outputs {self.data_shape}, latent_dim="
                f"{self.latent_dim}); got {got}."
            )

    def _validate_nets(self):
        self.data_shape = tuple(self.generator.output_shape[1:])
        self.latent_dim = int(self.generator.input_shape[-1])

    def inference_nets(self):
        """G (or its EMA copy) and E: what ``generate``, ``encode`` and ``reconstruct`` need."""
        return {**super().inference_nets(), "encoder": self.encoder}

    # ------------------------------------------------------------------ inference
    @property
    def _bounded(self):
        """Whether samples live in [-1, 1] (a tanh generator)."""
        default = "tanh" if len(self.data_shape) == 3 else "linear"
        try:
            activation = self.generator.get_config().get("output_activation", default)
        except NotImplementedError:
            activation = default
        return activation == "tanh"

    def check_samples(self, x, method="encode"):
        """Validates a batch of samples for ``encode``/``reconstruct``; float32 NumPy."""
        return check_sample_batch(x, self.data_shape,
                                  f"{self.variant or type(self).__name__}.{method}",
                                  bounded=self._bounded, tolerance=1e-6)

    def _batched(self, fn, arr, batch_size):
        """``fn(batch, start)`` over ``arr`` (see :func:`keras_gans.batching.run_batched`)."""
        return run_batched(lambda part: fn(tf.constant(arr[part]), part.start), len(arr),
                           batch_size)

    # ------------------------------------------------------------------ config
    def get_config(self):
        config = super().get_config()
        config["encoder"] = keras.saving.serialize_keras_object(self.encoder)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config["encoder"] = keras.saving.deserialize_keras_object(config["encoder"])
        return super().from_config(config)


@keras.saving.register_keras_serializable(package="keras_gans")
class BiGAN(_EncoderGAN):
    """BiGAN / ALI: an encoder E: x → z learned by a discriminator on (x, z) pairs.

    D(x, z) (:class:`JointDiscriminator`) separates real pairs ``(x, E(x))`` from fake
    pairs ``(G(z), z)``, z ~ N(0, I); E and G are updated together to fool it. At the
    optimum E inverts G (Donahue et al. 2017, Thm. 2).

    How the engine's hooks carry it:

    * ``discriminator_input(x)`` → ``(x, E(x))``: what D scores as real.
    * ``generator_forward(z)`` → ``(G(z), z)``: the fake pair (the engine stops its
      gradient in the D update).
    * ``discriminator_forward((x, z))`` → ``D([x, z])``.
    * ``trainable_variables_of("generator")`` → G + E, so one generator update trains
      both. The engine's generator loss pushes D(G(z), z) toward "real"; the extra term
      ``e_loss`` (``extra_terms("generator")``) pushes D(x, E(x)) toward "fake" in
      the same non-saturating form: ``g_loss_fn(−D(x, E(x)))`` = −log(1 − σ(D(x, E(x))))
      for the default loss. This is the paper's "inverse" objective (§3): the labels
      of D's loss swapped, rather than the saturating minimax form.
    * The D update is the engine's: d_loss(D(x, E(x)), D(G(z), z)); E is not updated in
      it (only D's variables are).

    The latent prior
    is the zoo's N(0, I) (ALI's choice; BiGAN's MNIST runs used U[−1, 1]^50). The BiGAN
    paper's weight decay (2.5e-5) is not applied by default; pass
    ``d_optimizer=keras.optimizers.Adam(..., weight_decay=...)`` for a decoupled one.

    Args:
        generator: G, latents ``(batch, latent_dim)`` → samples.
        discriminator: D taking ``[x, z]`` and returning logits.
        encoder: E, samples → latents ``(batch, latent_dim)``.
        loss: ``non_saturating`` (default), ``minimax``, ``wasserstein`` or ``hinge``
            (losses whose generator objective with swapped labels is
            ``g_loss_fn(−logits)``).
        **kwargs: other :class:`keras_gans.GAN` arguments. Gradient penalties
            (GradientPenalty, DRAGANPenalty, R1Penalty) are refused: they differentiate
            D with respect to one sample tensor, and D here takes a pair.

    Example:
        >>> import keras_gans, keras_gans.structured.encoders
        >>> gan = keras_gans.build("bigan", image_shape=(28, 28, 1), latent_dim=64)
        >>> gan.compile()  # Adam(2e-4, β1=0.5) for D and for G + E
        >>> gan.fit(dataset, epochs=1)
        >>> z = gan.encode(images)          # (n, 64)
        >>> recon = gan.reconstruct(images)  # G(E(x)), in [-1, 1]

    Reference:
        Donahue, Krähenbühl & Darrell 2017, "Adversarial Feature Learning" (BiGAN);
        Dumoulin et al. 2017, "Adversarially Learned Inference" (ALI).
    """

    _LOSSES = ("non_saturating", "minimax", "wasserstein", "hinge")

    def __init__(self, generator, discriminator, encoder, **kwargs):
        super().__init__(generator, discriminator, encoder, **kwargs)
        grad_based = (reg_lib.GradientPenalty, reg_lib.DRAGANPenalty, reg_lib.R1Penalty)
        refused = [r for r in self.d_regularizers + self.g_regularizers
                   if isinstance(r, grad_based)]
        if refused:
            raise InvalidInputError(
                f"BiGAN's discriminator scores (x, z) pairs; {refused} differentiate D with "
                "respect to a single sample tensor and cannot be used here."
            )

    def _validate_nets(self):
        super()._validate_nets()
        self._check_discriminator_input([self.data_shape, (self.latent_dim,)])

    def trainable_variables_of(self, role):
        """D alone, or G + E: both fool D, so one generator update trains them."""
        if role == "discriminator":
            return self.discriminator.trainable_variables
        return self.generator.trainable_variables + self.encoder.trainable_variables

    def _check_encoder(self):
        e_in, e_out = tuple(self.encoder.input_shape[1:]), _output_shapes(self.encoder)
        if isinstance(e_out, dict) or e_in != self.data_shape or tuple(e_out[1:]) != (
                self.latent_dim,):
            raise InvalidInputError(
                f"BiGAN's encoder must map samples {self.data_shape} to latents "
                f"({self.latent_dim},) (a deterministic encoder, variational=False); got "
                f"input {e_in} and output {e_out}."
            )

    # ------------------------------------------------------------------ hooks
    def discriminator_input(self, real, condition=None, training=False):
        """The real pair ``(x, E(x))``."""
        return (real, self.encoder(real, training=training))

    def generator_forward(self, latent, condition=None, training=False):
        """The fake pair ``(G(z), z)``."""
        return (self.generator(latent, training=training), latent)

    def discriminator_forward(self, x, condition=None, training=False):
        """D on a pair ``(sample, latent)``."""
        if not isinstance(x, (tuple, list)) or len(x) != 2:
            raise InvalidInputError(
                f"BiGAN's discriminator scores (sample, latent) pairs; got {type(x).__name__}."
            )
        return self.discriminator([x[0], x[1]], training=training)

    def extra_terms(self, role):
        """``e_loss`` (E's label-swapped term on the real pair), in the generator update."""
        return {"e_loss": self._encoder_loss} if role == "generator" else {}

    def _encoder_loss(self, ctx):
        pair = self.discriminator_input(ctx.real, ctx.condition, training=True)
        logits = logits_of(self.discriminator_forward(pair, ctx.condition, training=True))
        return self.g_loss_fn(-logits)

    # ------------------------------------------------------------------ inference
    def encode(self, x, batch_size=256):
        """E(x) as a NumPy array ``(n, latent_dim)``.

        Args:
            x: samples ``(n, *data_shape)``; images in [-1, 1].
            batch_size: samples per encoder call.
        """
        arr = self.check_samples(x, "encode")
        return self._batched(lambda b, _: self.encoder(b, training=False), arr, batch_size)

    def reconstruct(self, x, batch_size=256, use_ema=True):
        """G(E(x)) as a NumPy array of the samples' shape (images in [-1, 1]).

        Args:
            x: samples ``(n, *data_shape)``; images in [-1, 1].
            batch_size: samples per call.
            use_ema: decode with the EMA generator when the model keeps one.
        """
        arr = self.check_samples(x, "reconstruct")
        g = self.sampling_net(use_ema)
        return self._batched(lambda b, _: g(self.encoder(b, training=False), training=False),
                             arr, batch_size)


_VAEGAN_LOSSES = ("non_saturating", "minimax", "wasserstein")


@keras.saving.register_keras_serializable(package="keras_gans")
class VAEGAN(_EncoderGAN):
    """VAE-GAN: a VAE whose reconstruction error is measured in a GAN discriminator.

    E: x → (μ, log σ²), z̃ = μ + σ·ε (reparameterisation); G decodes x̃ = G(z̃) and
    samples x_p = G(z_p), z_p ~ N(0, I); D (:class:`FeatureDiscriminator`) returns
    ``{"logits", "features"}`` and ``features`` is the similarity layer Dis_l. The paper's
    objectives (Algorithm 1), with L_llike = ‖Dis_l(x̃) − Dis_l(x)‖² and
    L_prior = KL(q(z|x) ‖ N(0, I)):

    * E minimises ``kl_weight``·L_prior + L_llike;
    * G minimises γ·L_llike + GAN loss on x̃ and on x_p;
    * D minimises the GAN loss with real x and fakes x̃ and x_p (L_llike is not
      back-propagated into D, as the paper advises).

    How these map onto the engine's updates — each net its own, with its own optimizer
    (``update_sequence``: D, then G, then E):

    * **D update** (variables: D). The engine's ``d_loss`` scores x against x_p
      (``generator_forward`` is G(z_p), the default hook); the extra term
      ``d_fake_recon`` is D's loss for x̃ labelled fake, with x̃ = stop_gradient(G(z̃)).
      Together: the paper's L_GAN over x, x̃ and x_p (three terms summed, as in
      Algorithm 1; the authors' code weighs real vs generated 0.5/0.5 instead).
    * **G update** (variables: G). ``g_loss`` (engine): GAN loss on D(G(z_p));
      ``g_recon`` = γ·L_llike of x̃ = G(z̃); ``g_gan_recon`` = GAN loss on D(x̃).
    * **E update** (variables: E; ``e_optimizer``). ``kl`` = kl_weight·L_prior and
      ``recon`` = L_llike through G: the paper's L_GAN does not reach E.

    Each update draws its own z̃ ~ q(z|x) and runs on the weights the previous update
    left (Algorithm 1 computes the three gradients before applying any). Dis_l(x) is a
    ``stop_gradient`` target, and x̃ and x go through D in one batch (as in the
    authors' code) so BatchNorm normalises both with the same statistics.

    Scales. Losses are per-element means here (``recon`` = mean squared feature
    error), while the paper sums (a Gaussian ½‖·‖² over every feature element, and the
    KL over latent dimensions). Hence:

    * ``gamma`` default 1: per-element feature MSE and the per-sample GAN loss (log 2
      ≈ 0.69 at D's equilibrium) are both O(1), so γ = 1 gives G's two objectives
      comparable weight. The paper's γ = 1e-6 multiplies a sum of ½-squared errors over
      N_l features; the per-element equivalent is γ_paper·N_l/2 (≈ 1e-2 for an 8×8×256
      layer of a 64×64 D; the authors' CelebA script uses 1e-5 on the same kind of sum).
      Set ``gamma`` near 1e-2 to approximate the paper's balance.
    * ``kl_weight`` default ``None`` = 2/N_l, the paper's balance between the summed KL
      and the summed ½-squared feature error rescaled to a per-element mean
      (E_paper = KL + ½N_l·MSE ∝ MSE + (2/N_l)·KL). ``kl`` is KL summed over latent
      dimensions, averaged over the batch, times ``kl_weight``.

    The reconstruction error is measured at Dis_l, as in the paper, not in pixels. The
    paper's Algorithm 1 writes G's GAN term in the
    saturating minimax form (``loss="minimax"``); the default is the non-saturating form.

    Args:
        generator: G (the decoder), latents → samples.
        discriminator: D returning ``{"logits": ..., "features": ...}``.
        encoder: E returning ``{"mean": ..., "log_var": ...}`` (``LatentEncoder(...,
            variational=True)``).
        gamma: γ, weight of the feature reconstruction error in G's objective (> 0 or 0).
        kl_weight: weight of the KL term in E's objective; ``None`` → 2/N_l.
        d_weight_decay: β of an L2 penalty β·Σ‖W‖² over D's kernels (variables of rank ≥
            2) added to D's loss as ``d_l2`` (0 = off; used by ``vaegan_l2_clipnorm``).
        e_optimizer: the encoder's default optimizer (``None``: the generator's).
        loss: ``non_saturating`` (default), ``minimax`` or ``wasserstein``.
        **kwargs: other :class:`keras_gans.GAN` arguments (``d_regularizers=["r1"]``...).

    Example:
        >>> import keras_gans, keras_gans.structured.encoders
        >>> gan = keras_gans.build("vaegan", image_shape=(28, 28, 1), latent_dim=64)
        >>> gan.compile()  # RMSprop(3e-4) for D, G and E, as in the paper
        >>> gan.fit(dataset, epochs=1)
        >>> mu = gan.encode(images)              # posterior means
        >>> z = gan.encode(images, sample=True)  # z ~ q(z|x)
        >>> recon = gan.reconstruct(images)      # G(μ(x)) in [-1, 1]
        >>> samples = gan.generate(16)           # G(z_p)

    Reference:
        Larsen, Sønderby, Larochelle & Winther 2016, "Autoencoding beyond pixels using a
        learned similarity metric" (Algorithm 1, §2.2–2.3).
    """

    _LOSSES = _VAEGAN_LOSSES

    def __init__(self, generator, discriminator, encoder, gamma=1.0, kl_weight=None,
                 d_weight_decay=0.0, e_optimizer=None, **kwargs):
        self.gamma = check_number("VAEGAN", "gamma", gamma)
        self.kl_weight = None if kl_weight is None else check_number(
            "VAEGAN", "kl_weight", kl_weight)
        self.d_weight_decay = check_number("VAEGAN", "d_weight_decay", d_weight_decay)
        super().__init__(generator, discriminator, encoder, **kwargs)
        self._default_optimizers["e_optimizer"] = (
            self._default_optimizers["g_optimizer"] if e_optimizer is None
            else _optimizer_config(e_optimizer))
        self._fake_term = losses_lib.fake_term(self.loss_name, **self.loss_kwargs)
        n_features = int(np.prod(self.discriminator.output["features"].shape[1:]))
        self.feature_size = n_features
        self.effective_kl_weight = (2.0 / n_features if self.kl_weight is None
                                    else self.kl_weight)

    def _validate_nets(self):
        super()._validate_nets()
        self._check_discriminator_input([self.data_shape])
        out = _output_shapes(self.discriminator)
        if not isinstance(out, dict) or not {"logits", "features"} <= set(out):
            raise InvalidInputError(
                "VAEGAN's discriminator must return a dict with 'logits' and 'features' "
                f"(a FeatureDiscriminator); got outputs {out}."
            )

    def _check_encoder(self):
        e_in, e_out = tuple(self.encoder.input_shape[1:]), _output_shapes(self.encoder)
        want = (self.latent_dim,)
        ok = (e_in == self.data_shape and isinstance(e_out, dict)
              and set(e_out) == {"mean", "log_var"}
              and all(tuple(s[1:]) == want for s in e_out.values()))
        if not ok:
            raise InvalidInputError(
                f"VAEGAN's encoder must map samples {self.data_shape} to {{'mean', "
                f"'log_var'}} of shape {want} (LatentEncoder(..., variational=True)); got "
                f"input {e_in} and output {e_out}."
            )

    def update_sequence(self):
        """The GAN's updates, then the encoder's own."""
        return super().update_sequence() + (("encoder", 1),)

    def trainable_variables_of(self, role):
        net = {"discriminator": self.discriminator, "generator": self.generator,
               "encoder": self.encoder}[role]
        return net.trainable_variables

    # ------------------------------------------------------------------ pieces
    def posterior(self, x, training=False):
        """(μ, log σ²) of q(z|x), float32 tensors."""
        out = self.encoder(x, training=training)
        return tf.cast(out["mean"], tf.float32), tf.cast(out["log_var"], tf.float32)

    def _sample_posterior(self, x, seed, training):
        mean, log_var = self.posterior(x, training=training)
        eps = draw_per_sample("normal", [tf.shape(mean)[0], self.latent_dim], seed)
        return mean + tf.exp(0.5 * log_var) * eps, mean, log_var

    @staticmethod
    def kl_divergence(mean, log_var):
        """KL(N(μ, σ²) ‖ N(0, I)) summed over latent dimensions, averaged over the batch."""
        per_dim = 0.5 * (tf.exp(log_var) + tf.square(mean) - 1.0 - log_var)
        return tf.reduce_mean(tf.reduce_sum(per_dim, axis=-1))

    # ------------------------------------------------------------------ terms
    def extra_terms(self, role):
        """D: ``d_fake_recon`` (+ ``d_l2``); G: ``g_recon``, ``g_gan_recon``; E: ``kl``,
        ``recon``."""
        if role == "discriminator":
            terms = {"d_fake_recon": self._d_fake_recon}
            if self.d_weight_decay > 0:
                terms["d_l2"] = self._d_l2
            return terms
        if role == "generator":
            return {"g_recon": self._g_recon, "g_gan_recon": self._g_gan_recon}
        return {"kl": self._kl, "recon": self._recon}

    def _posterior_draw(self, ctx):
        """(z̃, μ, log σ²) of the update's real batch, drawn once per update."""
        return ctx.once("posterior", lambda: self._sample_posterior(
            ctx.real, stream(ctx.seed, "posterior"), training=True))

    def _decoded(self, ctx):
        """x̃ = G(z̃), once per update."""
        return ctx.once("x_tilde", lambda: self.generator(self._posterior_draw(ctx)[0],
                                                           training=True))

    def _d_fake_recon(self, ctx):
        x_tilde = tf.stop_gradient(self._decoded(ctx))
        logits = logits_of(self.discriminator_forward(x_tilde, ctx.condition, training=True))
        return self._fake_term(logits)

    def _d_l2(self, ctx):
        kernels = [v for v in self.discriminator.trainable_variables if len(v.shape) >= 2]
        return self.d_weight_decay * tf.add_n(
            [tf.reduce_sum(tf.square(tf.cast(v, tf.float32))) for v in kernels])

    def _recon(self, ctx):
        """L_llike: MSE between Dis_l(x̃) and Dis_l(x) (one D call on [x̃; x])."""
        x_tilde = self._decoded(ctx)
        n = tf.shape(x_tilde)[0]
        both = tf.concat([x_tilde, tf.cast(ctx.real, x_tilde.dtype)], axis=0)
        features = self.discriminator_forward(both, ctx.condition, training=True)["features"]
        return _squared_error(features[:n], tf.stop_gradient(features[n:]))

    def _g_recon(self, ctx):
        return self.gamma * self._recon(ctx)

    def _g_gan_recon(self, ctx):
        return self.g_loss_fn(logits_of(self.discriminator_forward(
            self._decoded(ctx), ctx.condition, training=True)))

    def _kl(self, ctx):
        _, mean, log_var = self._posterior_draw(ctx)
        return self.effective_kl_weight * self.kl_divergence(mean, log_var)

    # ------------------------------------------------------------------ inference
    def encode_distribution(self, x, batch_size=256):
        """(μ, log σ²) of q(z|x) as two NumPy arrays ``(n, latent_dim)``."""
        arr = self.check_samples(x, "encode_distribution")
        both = self._batched(
            lambda b, _: tf.concat(self.posterior(b, training=False), axis=-1), arr,
            batch_size)
        return both[:, : self.latent_dim], both[:, self.latent_dim :]

    def _latents(self, arr, sample, seed, batch_size):
        if not sample:
            return self._batched(lambda b, _: self.posterior(b, training=False)[0], arr,
                                 batch_size)
        shape = (len(arr), self.latent_dim)
        if seed is None:
            eps = keras.random.normal(shape, seed=self.seed_generator)
        else:
            eps = tf.random.stateless_normal(shape, seed=stream(int(seed), "posterior"))
        eps = np.asarray(eps)

        def fn(b, i):
            mean, log_var = self.posterior(b, training=False)
            return mean + tf.exp(0.5 * log_var) * eps[i : i + int(b.shape[0])]

        return self._batched(fn, arr, batch_size)

    def encode(self, x, sample=False, seed=None, batch_size=256):
        """Latents of ``x`` as a NumPy array ``(n, latent_dim)``.

        Args:
            x: samples ``(n, *data_shape)``; images in [-1, 1].
            sample: ``False`` → the posterior means μ(x); ``True`` → z ~ q(z|x).
            seed: integer seed of the posterior noise (``sample=True``).
            batch_size: samples per encoder call.
        """
        arr = self.check_samples(x, "encode")
        return self._latents(arr, sample, seed, batch_size)

    def reconstruct(self, x, sample=False, seed=None, batch_size=256, use_ema=True):
        """G(E(x)) as a NumPy array of the samples' shape (images in [-1, 1]).

        Args:
            x: samples ``(n, *data_shape)``; images in [-1, 1].
            sample: decode the posterior means (default) or a draw z ~ q(z|x).
            seed: integer seed of the posterior noise (``sample=True``).
            batch_size: samples per call.
            use_ema: decode with the EMA generator when the model keeps one.
        """
        arr = self.check_samples(x, "reconstruct")
        z = self._latents(arr, sample, seed, batch_size)
        g = self.sampling_net(use_ema)
        return self._batched(lambda b, _: g(b, training=False), z, batch_size)

    def get_config(self):
        config = super().get_config()
        config.update(gamma=self.gamma, kl_weight=self.kl_weight,
                      d_weight_decay=self.d_weight_decay,
                      e_optimizer=self._default_optimizers["e_optimizer"])
        return config
