"""The ``bigan``, ``vaegan`` and ``vaegan_l2_clipnorm`` builders."""

import keras

from keras_gans import nets
from keras_gans import registry
from keras_gans.errors import InvalidInputError
from keras_gans.registry import GAN_ARGS as _GAN_ARGS
from keras_gans.registry import net_override as _net_override
from keras_gans.registry import register_builder
from keras_gans.structured.encoders.nets import (FeatureDiscriminator, JointDiscriminator,
                                                 LatentEncoder)
from keras_gans.structured.encoders.model import BiGAN, VAEGAN


# ======================================================================================


_NET_KEYS = ("generator", "discriminator", "encoder", "base_filters", "hidden_units")
_VAEGAN_KEYS = ("gamma", "kl_weight", "d_weight_decay")
_BUILDER_GAN_ARGS = tuple(a for a in _GAN_ARGS if a != "loss_kwargs")


def _build(name, model_cls, image_shape, latent_dim, overrides, defaults):
    """Nets + model for ``bigan``/``vaegan``; ``defaults`` are the model's arguments."""
    accepted = _BUILDER_GAN_ARGS + _NET_KEYS + (_VAEGAN_KEYS if model_cls is VAEGAN else ())
    registry.check_build_args(name, overrides, accepted, latent_dim)
    shape = registry.check_shape(image_shape)
    is_image = len(shape) == 3
    size_key = "base_filters" if is_image else "hidden_units"
    if not is_image and "base_filters" in overrides:
        raise InvalidInputError(
            f"build({name!r}): base_filters applies to conv nets (image data); for "
            f"{shape} data use hidden_units."
        )
    g_kw, d_kw, e_kw = {}, {}, {}
    if size_key in overrides:
        for kw in (g_kw, d_kw, e_kw):
            kw[size_key] = overrides[size_key]
    if is_image and "hidden_units" in overrides:
        if model_cls is not BiGAN:
            raise InvalidInputError(
                f"build({name!r}): hidden_units applies to 1-D data; for images use "
                "base_filters (or generator={...} / discriminator={...})."
            )
        d_kw["hidden_units"] = overrides["hidden_units"]  # the joint D's z/joint layers
    g_kw.update(_net_override(overrides, "generator"))
    d_kw.update(_net_override(overrides, "discriminator"))
    e_kw.update(_net_override(overrides, "encoder"))
    if is_image:
        generator = nets.DCGANGenerator(latent_dim, shape, name="generator", **g_kw)
    else:
        generator = nets.MLPGenerator(latent_dim, shape, name="generator", **g_kw)
    encoder = LatentEncoder(shape, latent_dim, variational=model_cls is VAEGAN,
                            name="encoder", **e_kw)
    if model_cls is BiGAN:
        discriminator = JointDiscriminator(shape, latent_dim, name="discriminator", **d_kw)
    else:
        discriminator = FeatureDiscriminator(shape, name="discriminator", **d_kw)
    kwargs = dict(defaults)
    kwargs.update({k: v for k, v in overrides.items() if k not in _NET_KEYS})
    for key in ("d_optimizer", "g_optimizer", "e_optimizer"):
        if callable(kwargs.get(key)) and not isinstance(kwargs[key], keras.optimizers.Optimizer):
            kwargs[key] = kwargs[key]()
    return model_cls(generator, discriminator, encoder, variant=name, name=name, **kwargs)


def _adam(lr=2e-4, beta_1=0.5, **kw):
    return lambda: keras.optimizers.Adam(lr, beta_1=beta_1, **kw)


def build_bigan(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """BiGAN with DCGAN-style G, a conv (or MLP) encoder and a joint D(x, z).

    Defaults as the paper: non-saturating ("inverse") objective, Adam(2e-4, β1=0.5) for
    D and for G + E.

    Args:
        image_shape: ``(size, size, channels)`` or ``(d,)`` (MLP nets, linear output).
        latent_dim: size of z.
        **overrides: :class:`keras_gans.GAN` arguments (``loss``, ``seed``,
            ``d_optimizer``...), net keyword dicts ``generator={...}``,
            ``discriminator={...}``, ``encoder={...}``, and the shorthands
            ``base_filters`` (every conv net) / ``hidden_units`` (every MLP; for images,
            the joint D's z and joint layers).
    """
    return _build("bigan", BiGAN, image_shape, latent_dim, overrides,
                  {"d_optimizer": _adam(), "g_optimizer": _adam()})


def build_vaegan(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """VAE-GAN with DCGAN-style G (decoder), a variational encoder and a feature D.

    Defaults as the paper: RMSprop(3e-4) for D, G and E (Larsen et al. 2016, §4),
    γ = 1 and kl_weight = 2/N_l for per-element mean losses (see :class:`VAEGAN`).

    Args:
        image_shape, latent_dim: as for :func:`build_bigan`.
        **overrides: as for :func:`build_bigan`, plus ``gamma``, ``kl_weight`` and
            ``d_weight_decay``.
    """
    defaults = {"d_optimizer": lambda: keras.optimizers.RMSprop(3e-4),
                "g_optimizer": lambda: keras.optimizers.RMSprop(3e-4),
                "e_optimizer": lambda: keras.optimizers.RMSprop(3e-4)}
    return _build("vaegan", VAEGAN, image_shape, latent_dim, overrides, defaults)


def build_vaegan_l2_clipnorm(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """VAE-GAN whose D is regularised against exploding gradients.

    The same E, G and D as :func:`build_vaegan` (D's intermediate layer shared by the
    reconstruction and the real/fake score), with:

    * ``d_weight_decay=1e-4``: an L2 penalty β‖θ_D‖² on D's kernels added to D's loss
      (coupled: it goes through Adam with the rest of D's gradient);
    * ``d_optimizer=Adam(2e-4, β1=0.5, clipnorm=1.0)`` (per-variable norm clipping of D's
      gradients), ``g_optimizer`` and ``e_optimizer`` Adam(2e-4, β1=0.5), DCGAN's rate;
    * VAE-GAN's losses otherwise (non-saturating).

    Args:
        image_shape, latent_dim, **overrides: as for :func:`build_vaegan`.
    """
    defaults = {"d_weight_decay": 1e-4,
                "d_optimizer": _adam(clipnorm=1.0),
                "g_optimizer": _adam(),
                "e_optimizer": _adam()}
    return _build("vaegan_l2_clipnorm", VAEGAN, image_shape, latent_dim, overrides, defaults)


register_builder(
    "bigan", build_bigan,
    "BiGAN/ALI: encoder E: x→z, generator G: z→x, joint D(x, z) on real pairs (x, E(x)) vs "
    "fake pairs (G(z), z); E and G jointly fool D (non-saturating 'inverse' objective); "
    "Adam(2e-4, β1=0.5).",
    "Donahue et al. 2017, Adversarial Feature Learning; Dumoulin et al. 2017, "
    "Adversarially Learned Inference",
)
register_builder(
    "vaegan", build_vaegan,
    "VAE-GAN: E: x→(μ, log σ²); G decodes; D real vs G(E(x)) and G(z_p); E: KL + feature-"
    "wise reconstruction at D's last hidden layer; G: γ·reconstruction + GAN (γ=1 for "
    "per-element means); D: GAN; RMSprop(3e-4).",
    "Larsen et al. 2016, Autoencoding beyond pixels using a learned similarity metric",
)
register_builder(
    "vaegan_l2_clipnorm", build_vaegan_l2_clipnorm,
    "VAE-GAN with a regularised D: L2-penalised D loss (β=1e-4 on D's kernels), "
    "Adam(2e-4, β1=0.5) with D gradients clipped (clipnorm=1).",
    "Larsen et al. 2016, Autoencoding beyond pixels using a learned similarity metric",
)
