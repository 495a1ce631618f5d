"""The ``cgan`` and ``acgan`` builders, registered with :func:`keras_gans.build`."""


import keras

from keras_gans import registry
from keras_gans.errors import InvalidInputError
from keras_gans.registry import GAN_ARGS as _GAN_ARGS
from keras_gans.registry import check_shape as _check_shape
from keras_gans.registry import net_override as _net_override
from keras_gans.registry import register_builder
from keras_gans.structured.conditional.nets import (NETS, AuxiliaryClassifierDiscriminator,
                                                    ConditionalDiscriminator, ConditionalGenerator)
from keras_gans.structured.conditional.model import ACGAN, CGAN


_NET_OVERRIDES = ("generator", "discriminator", "net", "base_filters", "hidden_units",
                  "embedding_dim")


def _make_builder(name, model_cls, extra):
    accepted = tuple(sorted(set(_GAN_ARGS) | set(_NET_OVERRIDES) | {"num_classes"} | set(extra)))

    def builder(image_shape=(28, 28, 1), latent_dim=64, **overrides):
        registry.check_build_args(name, overrides, accepted, latent_dim)
        shape = _check_shape(image_shape)
        num_classes = overrides.get("num_classes", 10)
        net = overrides.get("net", "conv" if len(shape) == 3 else "mlp")
        if net not in NETS:
            raise InvalidInputError(f"net must be 'conv' or 'mlp'; got {net!r}.")
        size_key = "base_filters" if net == "conv" else "hidden_units"
        wrong = ({"base_filters", "hidden_units"} - {size_key}) & set(overrides)
        if wrong:
            raise InvalidInputError(
                f"{sorted(wrong)} does not apply to {net} nets; use {size_key!r} (or "
                "generator={...} / discriminator={...})."
            )
        g_net = {size_key: overrides[size_key]} if size_key in overrides else {}
        g_net.update(_net_override(overrides, "generator"))
        d_kwargs = {size_key: overrides[size_key]} if size_key in overrides else {}
        d_kwargs.update(_net_override(overrides, "discriminator"))
        if "conditioning" in overrides:
            d_kwargs["conditioning"] = overrides["conditioning"]
        generator = ConditionalGenerator(
            latent_dim, shape, num_classes, embedding_dim=overrides.get("embedding_dim"),
            net=net, net_kwargs=g_net, name="generator")
        d_cls = ConditionalDiscriminator if model_cls is CGAN else AuxiliaryClassifierDiscriminator
        discriminator = d_cls(shape, num_classes, net=net, name="discriminator", **d_kwargs)
        kwargs = {
            "d_optimizer": keras.optimizers.Adam(2e-4, beta_1=0.5),
            "g_optimizer": keras.optimizers.Adam(2e-4, beta_1=0.5),
        }
        kwargs.update({k: overrides[k] for k in _GAN_ARGS if k in overrides})
        kwargs.update({k: overrides[k] for k in extra if k in overrides and k != "conditioning"})
        return model_cls(generator, discriminator, num_classes=num_classes, variant=name,
                         name=name, **kwargs)

    builder.__name__ = f"build_{name}"
    builder.__doc__ = (
        f"Builds ``{name}`` (:class:`{model_cls.__name__}`) for data of ``image_shape``.\n\n"
        f"Accepted overrides: {list(accepted)}. Optimizers default to Adam(2e-4, β1=0.5) "
        "for both nets."
    )
    return builder


build_cgan = register_builder(
    "cgan", _make_builder("cgan", CGAN, ("conditioning", "mismatch_weight")),
    "Conditional GAN: G(z, c), D(x, c) (projection D by default); matching-aware D — real "
    "pairs high, (G(z, c), c) low, real images with a wrong label low (d_mismatch); G "
    "non-saturating; Adam(2e-4, β1=0.5). Train on (images, labels).",
    "Mirza & Osindero 2014, Conditional Generative Adversarial Nets; Reed et al. 2016 "
    "(matching-aware D); "
    "Miyato & Koyama 2018 (projection discriminator)",
)
build_acgan = register_builder(
    "acgan", _make_builder("acgan", ACGAN, ("class_loss_weight",)),
    "Auxiliary-classifier GAN: G(z, c) with c sampled uniformly; D(x) with a real/fake "
    "head and a class head; D and G both minimise the class cross-entropy (D on real and "
    "generated images, G on generated); Adam(2e-4, β1=0.5). Train on (images, labels).",
    "Odena, Olah & Shlens 2017, Conditional Image Synthesis with Auxiliary Classifier GANs",
)
