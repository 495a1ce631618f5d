"""The ``infogan`` builder (the paper's MNIST nets and optimizers)."""


import keras

from keras_gans import nets
from keras_gans import registry
from keras_gans.errors import InvalidInputError
from keras_gans.structured.infogan.nets import InfoGANDiscriminator, _check_code_sizes
from keras_gans.structured.infogan.model import InfoGAN


_INFOGAN_ARGS = ("num_categories", "num_continuous", "info_weight", "continuous_weight")
_NET_ARGS = ("base_filters", "generator", "discriminator")


def build_infogan(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """Builds an :class:`InfoGAN` with the paper's MNIST nets and optimizers.

    Args:
        image_shape: ``(size, size, channels)``, size a multiple of 4, ≥ 8.
        latent_dim: size of the noise z' (the paper uses 62); the generator's input is
            ``latent_dim + num_categories + num_continuous`` (``model.latent_dim``).
        **overrides: ``num_categories`` (10), ``num_continuous`` (2), ``info_weight``
            (λ = 1), ``continuous_weight`` (1); ``base_filters`` (both nets);
            ``generator={...}`` (:class:`keras_gans.nets.DCGANGenerator` arguments),
            ``discriminator={...}`` (:class:`InfoGANDiscriminator` arguments, e.g.
            ``shared_units``, ``q_units``); and any :class:`keras_gans.GAN` argument
            (``loss``, ``ema_decay``, ``seed``, ``d_optimizer``, ``g_optimizer``...).

    Defaults follow Chen et al. 2016 (Appendix C.1 and the authors' code): non-saturating
    loss, Adam(2e-4, β1=0.5) for D and Q, Adam(1e-3, β1=0.5) for G, λ = 1. G is
    :class:`keras_gans.nets.DCGANGenerator` (the paper's G has an extra FC-1024 layer
    and a sigmoid output; ours outputs tanh images in [-1, 1]).

    Example:
        >>> gan = keras_gans.build("infogan", image_shape=(28, 28, 1), latent_dim=62)
        >>> gan.latent_dim  # 62 + 10 + 2
        74
    """
    accepted = _INFOGAN_ARGS + _NET_ARGS + registry.GAN_ARGS
    registry.check_build_args("infogan", overrides, accepted, latent_dim,
                              latent_label="latent_dim (the noise size z')")
    image_shape = nets.check_image_shape("build('infogan')", image_shape)
    num_categories = overrides.get("num_categories", 10)
    num_continuous = overrides.get("num_continuous", 2)
    _check_code_sizes("build('infogan')", num_categories, num_continuous)
    g_kwargs = {"base_filters": 64}
    d_kwargs = {"base_filters": 64}
    if "base_filters" in overrides:
        g_kwargs["base_filters"] = d_kwargs["base_filters"] = overrides["base_filters"]
    g_kwargs.update(registry.net_override(overrides, "generator"))
    d_kwargs.update(registry.net_override(overrides, "discriminator"))
    for key in ("num_categories", "num_continuous", "image_shape"):
        if key in d_kwargs:
            raise InvalidInputError(
                f"discriminator={{...}} may not set {key!r}: it follows the model "
                f"({key}= at the top level of build)."
            )
    generator = nets.DCGANGenerator(latent_dim + num_categories + num_continuous,
                                    image_shape, name="generator", **g_kwargs)
    discriminator = InfoGANDiscriminator(image_shape, num_categories, num_continuous,
                                         name="discriminator", **d_kwargs)
    kwargs = {
        "loss": "non_saturating",
        "d_optimizer": keras.optimizers.Adam(2e-4, beta_1=0.5),
        "g_optimizer": keras.optimizers.Adam(1e-3, beta_1=0.5),
    }
    kwargs.update({k: overrides[k] for k in _INFOGAN_ARGS + registry.GAN_ARGS
                   if k in overrides})
    return InfoGAN(generator, discriminator, variant="infogan", name="infogan", **kwargs)


registry.register_builder(
    "infogan",
    build_infogan,
    "InfoGAN: latent [z' ~ N(0, I), c_cat 10-way one-hot, c_cont 2 × U[-1, 1]]; a Q head "
    "sharing D's body predicts c; D+Q and G both minimise their GAN loss + λ[CE(c_cat) + "
    "Gaussian NLL(c_cont)], λ=1; Adam 2e-4 (D, Q) / 1e-3 (G), β1=0.5.",
    "Chen et al. 2016, InfoGAN: Interpretable Representation Learning by Information "
    "Maximizing Generative Adversarial Nets",
)
