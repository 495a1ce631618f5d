"""UNIT: coupled VAE-GANs sharing a latent space, with ComboGAN / XGAN / domain-D options."""

import keras
import tensorflow as tf

from keras_gans import losses as losses_lib
from keras_gans.errors import InvalidInputError
from keras_gans.translation.base import TranslationGAN, translate_batched
from keras_gans.translation.cyclegan import _check_weight, l1
from keras_gans.translation.nets import (CoupledDecoders, CoupledEncoders,
                                         LatentDiscriminator, PatchDiscriminator,
                                         check_domain_shapes)

_WEIGHTS = ("recon_weight", "kl_weight", "cycle_weight", "kl_cycle_weight",
            "semantic_weight", "latent_weight")


def _kl(mu):
    """UNIT's KL term for q(z|x) = N(μ, I) against N(0, I), up to a constant: mean μ²."""
    return tf.reduce_mean(tf.square(tf.cast(mu, tf.float32)))


@keras.saving.register_keras_serializable(package="keras_gans")
class UNIT(TranslationGAN):
    """UNIT: two encoder/decoder pairs sharing a latent space, with GAN terms.

    ``E_a``/``E_b`` map images to the mean μ of a latent code z = μ + ε (ε ~ N(0, I)),
    their last layers shared; ``G_a``/``G_b`` decode z, their first layers shared
    (:class:`~keras_gans.translation.nets.CoupledEncoders` /
    :class:`~keras_gans.translation.nets.CoupledDecoders`). Translation a→b is
    ``G_b(E_a(x))``. One ``train_step`` = a discriminator update, then one update of
    every encoder/decoder (UNIT's order):

    - discriminators: least-squares ``L_D(D_a; a, G_a(z_b)) + L_D(D_b; b, G_b(z_a))``
      (+ the latent domain discriminator's ``L_D(D_z; μ_a, μ_b)`` when enabled);
    - encoders/decoders: the GAN terms ``L_G(D_b(G_b(z_a))) + L_G(D_a(G_a(z_b)))`` plus
      VAE terms ``recon_weight·(‖G_a(z_a) − a‖₁ + ‖G_b(z_b) − b‖₁)`` and
      ``kl_weight·(mean μ_a² + mean μ_b²)``, and the options:

      - ``cycle_weight`` (UNIT's cycle term; ComboGAN's cycle consistency):
        ``‖G_a(E_b(G_b(z_a))) − a‖₁ + ‖G_b(E_a(G_a(z_b))) − b‖₁`` and
        ``kl_cycle_weight`` on the re-encoded codes;
      - ``semantic_weight`` (XGAN's semantic consistency):
        ``‖E_b(G_b(z_a)) − μ_a‖₁ + ‖E_a(G_a(z_b)) − μ_b‖₁`` — the code survives
        translation;
      - ``latent_weight`` with ``latent_discriminator``: a domain classifier on μ
        trained to tell μ_a (1) from μ_b (0); the encoders are trained with the labels
        flipped, which pushes both domains' codes onto one distribution.

    Logged: ``d_loss``, ``d_a``, ``d_b``, ``d_latent``; ``g_loss`` (GAN terms),
    ``recon``, ``kl``, ``cycle``, ``semantic``, ``latent_adv`` (weighted; only the
    enabled ones).

    Args:
        encoders: :class:`~keras_gans.translation.nets.CoupledEncoders`.
        decoders: :class:`~keras_gans.translation.nets.CoupledDecoders`.
        discriminator_a, discriminator_b: ``keras.Model`` per domain (PatchGAN).
        latent_discriminator: ``keras.Model`` on the latent code, or ``None``.
        recon_weight (10), kl_weight (0.01), cycle_weight (10), kl_cycle_weight (0.01),
        semantic_weight (0), latent_weight (0): term weights (UNIT's released config
        for the first four; 0 disables a term).
        loss: adversarial loss name (``least_squares``).
        d_optimizer, g_optimizer, seed, variant: see :class:`TranslationGAN`.

    Example:
        >>> model = keras_gans.build("unit", image_shape=(28, 28, 1), filters=16,
        ...                          semantic_weight=1.0)
        >>> model.compile()
        >>> model.fit(data.unpaired_from_arrays(x_a, x_b, batch_size=16), epochs=1)
        >>> y = model.translate(x, "a2b")

    Reference:
        Liu, Breuel & Kautz 2017, "Unsupervised Image-to-Image Translation Networks"
        (NeurIPS), eq. 2–6; Anoosheh et al. 2018, "ComboGAN"; Royer et al. 2017,
        "XGAN".
    """

    def __init__(self, encoders, decoders, discriminator_a, discriminator_b,
                 latent_discriminator=None, recon_weight=10.0, kl_weight=0.01,
                 cycle_weight=10.0, kl_cycle_weight=0.01, semantic_weight=0.0,
                 latent_weight=0.0, loss="least_squares", **kwargs):
        owner = type(self).__name__
        if not isinstance(encoders, CoupledEncoders) or not isinstance(decoders,
                                                                       CoupledDecoders):
            raise InvalidInputError(
                f"{owner}: encoders/decoders must be CoupledEncoders/CoupledDecoders (they "
                f"hold the shared layers); got {type(encoders).__name__} and "
                f"{type(decoders).__name__}."
            )
        weights = dict(zip(_WEIGHTS, (recon_weight, kl_weight, cycle_weight, kl_cycle_weight,
                                      semantic_weight, latent_weight)))
        weights = {k: _check_weight(owner, k, v) for k, v in weights.items()}
        if weights["latent_weight"] > 0 and latent_discriminator is None:
            raise InvalidInputError(
                f"{owner}: latent_weight > 0 needs a latent_discriminator (build('unit', "
                "latent_weight=1.0) makes one)."
            )
        shape_a = tuple(encoders.private_a.input_shape[1:])
        shape_b = tuple(encoders.private_b.input_shape[1:])
        check_domain_shapes(owner, shape_a, shape_b)
        if tuple(decoders.shared.input_shape[1:]) != tuple(encoders.shared.output_shape[1:]):
            raise InvalidInputError(
                f"{owner}: the encoders produce codes of shape "
                f"{tuple(encoders.shared.output_shape[1:])} but the decoders take "
                f"{tuple(decoders.shared.input_shape[1:])}."
            )
        for name, d, shape in (("discriminator_a", discriminator_a, shape_a),
                               ("discriminator_b", discriminator_b, shape_b)):
            if not isinstance(d, keras.Model) or tuple(d.input_shape[1:]) != shape:
                raise InvalidInputError(
                    f"{owner}: {name} must be a keras.Model taking images of shape {shape}."
                )
        tracked = ["d_a", "d_b", "recon", "kl"]
        if weights["cycle_weight"] > 0:
            tracked.append("cycle")
        if weights["semantic_weight"] > 0:
            tracked.append("semantic")
        if latent_discriminator is not None and weights["latent_weight"] > 0:
            tracked += ["d_latent", "latent_adv"]
        super().__init__(shape_a, shape_b, tracked=tracked, **kwargs)
        self.encoders = encoders
        self.decoders = decoders
        self.discriminator_a = discriminator_a
        self.discriminator_b = discriminator_b
        self.latent_discriminator = latent_discriminator
        self.weights_config = weights
        for k, v in weights.items():
            setattr(self, k, v)
        self.loss_name = loss
        self.d_loss_fn, self.g_loss_fn = losses_lib.get(loss)

    @property
    def _latent_on(self):
        return self.latent_discriminator is not None and self.latent_weight > 0

    def trainable_variables_of(self, role):
        if role == "discriminator":
            extra = (self.latent_discriminator.trainable_variables
                     if self.latent_discriminator is not None else [])
            return (self.discriminator_a.trainable_variables
                    + self.discriminator_b.trainable_variables + extra)
        return self.encoders.trainable_variables + self.decoders.trainable_variables

    # ----------------------------------------------------------------- the step
    def _encode(self, x, domain, seed):
        mu = self.encoders.forward(x, domain, training=True)
        return mu, mu + self.noise_like(mu, seed)

    def objective(self, role, state, step):
        a, b = state["a"], state["b"]

        def discriminators():
            mu_a, z_a = self._encode(a, "a", self.draw_seed(step, "d_encode_a"))
            mu_b, z_b = self._encode(b, "b", self.draw_seed(step, "d_encode_b"))
            ab = tf.stop_gradient(self.decoders.forward(z_a, "b", training=True))
            ba = tf.stop_gradient(self.decoders.forward(z_b, "a", training=True))
            mu_a, mu_b = tf.stop_gradient(mu_a), tf.stop_gradient(mu_b)
            d_a = self.d_loss_fn(self.discriminator_a(a, training=True),
                                 self.discriminator_a(ba, training=True))
            d_b = self.d_loss_fn(self.discriminator_b(b, training=True),
                                 self.discriminator_b(ab, training=True))
            logs = {"d_a": d_a, "d_b": d_b}
            total = d_a + d_b
            if self._latent_on:
                d_z = self.d_loss_fn(self.latent_discriminator(mu_a, training=True),
                                     self.latent_discriminator(mu_b, training=True))
                logs["d_latent"] = d_z
                total = total + self.latent_weight * d_z
            return total, {}, logs

        def generators():
            mu_a, z_a = self._encode(a, "a", self.draw_seed(step, "g_encode_a"))
            mu_b, z_b = self._encode(b, "b", self.draw_seed(step, "g_encode_b"))
            ab = self.decoders.forward(z_a, "b", training=True)
            ba = self.decoders.forward(z_b, "a", training=True)
            adversarial = (self.g_loss_fn(self.discriminator_b(ab, training=True))
                           + self.g_loss_fn(self.discriminator_a(ba, training=True)))
            rec_a = self.decoders.forward(z_a, "a", training=True)
            rec_b = self.decoders.forward(z_b, "b", training=True)
            terms = {"recon": self.recon_weight * (l1(rec_a, a) + l1(rec_b, b)),
                     "kl": self.kl_weight * (_kl(mu_a) + _kl(mu_b))}
            if self.cycle_weight > 0 or self.semantic_weight > 0:
                mu_ab, z_ab = self._encode(ab, "b", self.draw_seed(step, "g_encode_ab"))
                mu_ba, z_ba = self._encode(ba, "a", self.draw_seed(step, "g_encode_ba"))
            if self.cycle_weight > 0:
                aba = self.decoders.forward(z_ab, "a", training=True)
                bab = self.decoders.forward(z_ba, "b", training=True)
                terms["cycle"] = (self.cycle_weight * (l1(aba, a) + l1(bab, b))
                                  + self.kl_cycle_weight * (_kl(mu_ab) + _kl(mu_ba)))
            if self.semantic_weight > 0:
                terms["semantic"] = self.semantic_weight * (l1(mu_ab, mu_a) + l1(mu_ba, mu_b))
            if self._latent_on:
                flipped = self.d_loss_fn(self.latent_discriminator(mu_b, training=True),
                                         self.latent_discriminator(mu_a, training=True))
                terms["latent_adv"] = self.latent_weight * flipped
            return adversarial, terms, {}

        return discriminators if role == "discriminator" else generators

    # ----------------------------------------------------------------- inference
    def call(self, inputs, training=False):
        return self.decoders.forward(self.encoders.forward(inputs, "a", training=training),
                                     "b", training=training)

    def encode(self, x, domain="a", batch_size=256):
        """The latent code μ of domain ``domain``'s images (inference mode)."""
        x = self.check_images(x, domain, "encode")
        return translate_batched(
            lambda t: self.encoders.forward(t, domain, training=False), x, batch_size)

    def inference_nets(self):
        return {"encoders": self.encoders, "decoders": self.decoders}

    def translation_fn(self, source, target):
        """``G_target(E_source(x))`` with the code's mean μ (no noise)."""
        def run(t):
            mu = self.encoders.forward(t, source, training=False)
            return self.decoders.forward(mu, target, training=False)

        return run

    # ----------------------------------------------------------------- config
    NET_KEYS = ("encoders", "decoders", "discriminator_a", "discriminator_b",
                "latent_discriminator")

    def get_config(self):
        return {**self.base_config(), **self.weights_config}


def build_unit(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """UNIT with coupled ResNet encoders/decoders and PatchGAN discriminators.

    Defaults as UNIT's released configuration: least-squares GAN loss, recon 10, KL
    0.01, cycle 10, KL-cycle 0.01, Adam(1e-4, β=(0.5, 0.999)), instance norm, 2
    downsamplings, 64 filters; one private and one shared residual block per side below
    128 px (3 private from 128 px). ``latent_dim`` is not used (the code is a feature
    map of shape ``(H/4, W/4, 4·filters)``). ``latent_weight > 0`` adds a latent domain
    discriminator.

    Overrides: ``image_shape_b``, ``filters``, ``n_downsampling``, ``n_private_blocks``,
    ``n_shared_blocks``, ``normalization``, ``d_filters``, ``d_layers``,
    ``encoder={...}``, ``discriminator={...}``, the term weights (``recon_weight``,
    ``kl_weight``, ``cycle_weight``, ``kl_cycle_weight``, ``semantic_weight``,
    ``latent_weight``), ``loss``, ``d_optimizer``, ``g_optimizer``, ``seed``.

    Example:
        >>> model = build_unit((28, 28, 1), filters=16, semantic_weight=1.0)
    """
    from keras_gans import registry

    accepted = ("image_shape_b", "filters", "n_downsampling", "n_private_blocks",
                "n_shared_blocks", "normalization", "d_filters", "d_layers", "encoder",
                "discriminator", "loss", "d_optimizer", "g_optimizer", "seed") + _WEIGHTS
    registry.check_build_args("unit", overrides, accepted, latent_dim)
    shape_a, shape_b = check_domain_shapes("unit", image_shape, overrides.get("image_shape_b"))
    size = min(shape_a[:2])
    norm = overrides.get("normalization", "instance")
    coupled = {"filters": overrides.get("filters", 64),
               "n_downsampling": overrides.get("n_downsampling", 2),
               "n_private_blocks": overrides.get("n_private_blocks", 3 if size >= 128 else 1),
               "n_shared_blocks": overrides.get("n_shared_blocks", 1),
               "normalization": norm, **overrides.get("encoder", {})}
    encoders = CoupledEncoders(shape_a, shape_b, name="encoders", **coupled)
    decoders = CoupledDecoders(shape_a, shape_b, name="decoders", **coupled)
    d_kwargs = {"filters": overrides.get("d_filters", overrides.get("filters", 64)),
                "n_layers": overrides.get("d_layers", 3 if size >= 64 else 2),
                "normalization": norm, **overrides.get("discriminator", {})}
    latent_d = None
    if overrides.get("latent_weight", 0) > 0:
        latent_d = LatentDiscriminator(encoders.latent_shape, d_kwargs["filters"],
                                       name="latent_discriminator")
    model_kwargs = {k: overrides[k] for k in _WEIGHTS + ("loss", "seed") if k in overrides}
    return UNIT(encoders, decoders,
                PatchDiscriminator(shape_a, name="discriminator_a", **d_kwargs),
                PatchDiscriminator(shape_b, name="discriminator_b", **d_kwargs),
                latent_discriminator=latent_d, variant="unit", name="unit",
                d_optimizer=overrides.get("d_optimizer", _unit_adam()),
                g_optimizer=overrides.get("g_optimizer", _unit_adam()), **model_kwargs)


def _unit_adam():
    return keras.optimizers.Adam(1e-4, beta_1=0.5, beta_2=0.999)
