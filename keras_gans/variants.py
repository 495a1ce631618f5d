"""The variant registry: each one-G/one-D variant is a configuration of :class:`GAN`.

``build(name, image_shape=(28, 28, 1), latent_dim=64, **overrides)`` returns a model
ready for ``compile()`` with the variant's default optimizers. Image shapes
``(size, size, channels)`` get conv nets (DCGAN-style) unless the variant says ``mlp``;
a 1-D shape such as ``(2,)`` gets MLP nets with a linear output (data not rescaled).

Adding a variant of this family is one :func:`register` call.
"""

import dataclasses
import json
from typing import Callable, Optional

import keras

from keras_gans import nets
from keras_gans import regularizers as R
from keras_gans.engine import GAN, packed_shape
from keras_gans.errors import InvalidInputError, UnknownNameError
from keras_gans.registry import BUILDERS as _BUILDERS
from keras_gans.registry import GAN_ARGS as _GAN_ARGS
from keras_gans.registry import NET_ARGS as _NET_ARGS
from keras_gans.registry import check_build_args, register_builder  # noqa: F401 - API
from keras_gans.registry import check_shape as _check_shape
from keras_gans.registry import net_override as _net_override


def _adam(lr, beta_1=0.5, beta_2=0.999):
    return lambda: keras.optimizers.Adam(lr, beta_1=beta_1, beta_2=beta_2)


def _rmsprop(lr):
    return lambda: keras.optimizers.RMSprop(lr)


@dataclasses.dataclass(frozen=True)
class Variant:
    """One registered variant.

    Attributes:
        name: registry name.
        loss: loss name (``keras_gans.losses.get``), with ``loss_kwargs``.
        d_regularizers / g_regularizers / d_constraints: factories of fresh instances.
        n_critic: D updates per G update.
        optimizer: factory of a fresh optimizer (one per net) …
        d_optimizer: … or a separate factory for D when it differs.
        net: ``"conv"`` or ``"mlp"`` for image data (1-D data always gets MLPs).
        discriminator_type: ``"classifier"`` (one logit) or ``"autoencoder"`` (EBGAN).
        generator_kwargs / discriminator_kwargs: net defaults for image data.
        mlp_generator_kwargs / mlp_discriminator_kwargs: net defaults for MLP nets.
        summary / reference: documentation (``describe_variant``).
    """

    name: str
    loss: str
    summary: str
    reference: str
    loss_kwargs: dict = dataclasses.field(default_factory=dict)
    d_regularizers: tuple = ()
    g_regularizers: tuple = ()
    d_constraints: tuple = ()
    n_critic: int = 1
    optimizer: Callable = _adam(2e-4)
    d_optimizer: Optional[Callable] = None
    net: str = "conv"
    discriminator_type: str = "classifier"
    generator_kwargs: dict = dataclasses.field(default_factory=dict)
    discriminator_kwargs: dict = dataclasses.field(default_factory=dict)
    mlp_generator_kwargs: dict = dataclasses.field(default_factory=dict)
    mlp_discriminator_kwargs: dict = dataclasses.field(default_factory=dict)


_VARIANTS = {}


def register(variant: Variant):
    """Adds a family-1 variant (a configuration of :class:`GAN`) to the registry."""
    _VARIANTS[variant.name] = variant
    return variant


def register_all():
    """Imports the structured and translation variants on first use: they register
    their builders here and their classes with Keras (``.keras`` files name them)."""
    import keras_gans.structured  # noqa: F401
    import keras_gans.translation  # noqa: F401


def list_variants():
    """Sorted names of every registered variant (loss-family and structured)."""
    register_all()
    return sorted(set(_VARIANTS) | set(_BUILDERS))


def loss_family_variants():
    """Sorted names of the one-G/one-D variants that are pure :class:`Variant` configs."""
    return sorted(_VARIANTS)


def get_variant(name) -> Variant:
    if name not in _VARIANTS:
        import difflib

        register_all()
        if name in _BUILDERS:
            raise UnknownNameError(
                f"{name!r} is a structured variant (its own model class), not a Variant "
                "configuration; use keras_gans.build(name, ...)."
            )
        near = difflib.get_close_matches(str(name), list_variants(), n=3)
        hint = f" Did you mean {near}?" if near else ""
        raise UnknownNameError(
            f"Unknown variant {name!r}.{hint} Known variants: {list_variants()}."
        )
    return _VARIANTS[name]


def describe_variant(name):
    """A one-paragraph description: objective, defaults and paper."""
    register_all()
    if name in _BUILDERS:
        _, summary, reference = _BUILDERS[name]
        return f"{name}: {summary}\n  reference: {reference}"
    v = get_variant(name)
    regs = [f() for f in v.d_regularizers + v.g_regularizers + v.d_constraints]
    return (
        f"{v.name}: {v.summary}\n  loss={v.loss}{v.loss_kwargs or ''} n_critic={v.n_critic} "
        f"regularizers={regs} nets={v.net}/{v.discriminator_type}\n  reference: {v.reference}"
    )


def variant_reference(name):
    """The paper (or notes) a variant comes from."""
    register_all()
    if name in _BUILDERS:
        return _BUILDERS[name][2]
    return get_variant(name).reference


def build(name, image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """Builds the variant ``name`` for data of shape ``image_shape``.

    Args:
        name: a name from :func:`list_variants`.
        image_shape: ``(size, size, channels)`` (size a multiple of 4, ≥ 8) or a 1-D
            data shape like ``(2,)``.
        latent_dim: size of z.
        **overrides: any :class:`GAN` argument (``loss``, ``n_critic``,
            ``d_regularizers``, ``ema_decay``, ``seed``, ``d_optimizer``...), or net
            options: ``generator={...}`` / ``discriminator={...}`` (net keyword
            arguments), ``net="conv"|"mlp"``, and the shorthands ``base_filters`` /
            ``hidden_units`` applied to both nets.

    Returns:
        A :class:`GAN`, not compiled.

    Example:
        >>> gan = build("sngan", image_shape=(32, 32, 3), latent_dim=128)
        >>> gan.compile()  # Adam(2e-4, β=(0.5, 0.999)) for both nets
    """
    register_all()
    if name in _BUILDERS:
        model = _BUILDERS[name][0](image_shape=image_shape, latent_dim=latent_dim, **overrides)
    else:
        model = _build_gan(name, image_shape, latent_dim, overrides)
    model._keras_gans_build = _build_record(name, image_shape, latent_dim, overrides)
    return model


def build_config(model):
    """The JSON build config of a model made by :func:`build` (what
    ``keras_gans.zoo.save_preset`` writes), or ``(None, why)`` when it has none."""
    record = getattr(model, "_keras_gans_build", None)
    if record is None:
        return None, (f"{type(model).__name__} {model.name!r} was not made by "
                      "keras_gans.build or keras_gans.zoo.load")
    text, problem = record
    return (None, problem) if text is None else (json.loads(text), None)


def _build_record(name, image_shape, latent_dim, overrides):
    """``(json_text, None)`` of the build arguments, or ``(None, why)`` when one of them
    has no JSON form. Kept as text: Keras walks a model's dict attributes when saving."""
    def plain(key, value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, (list, tuple)):
            return [plain(key, v) for v in value]
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {k: plain(key, v) for k, v in value.items()}
        if hasattr(value, "item") and getattr(value, "ndim", None) == 0:  # NumPy scalar
            return value.item()
        if hasattr(value, "get_config"):  # optimizers, schedules, regularizers...
            return keras.saving.serialize_keras_object(value)
        raise TypeError(f"build argument {key}={value!r} ({type(value).__name__}) has no "
                        "JSON form; pass a name, numbers or a Keras-serializable object")

    try:
        config = {"variant": name, "image_shape": plain("image_shape", image_shape),
                  "latent_dim": plain("latent_dim", latent_dim),
                  **{k: plain(k, v) for k, v in overrides.items()}}
        return json.dumps(config), None
    except (TypeError, ValueError) as e:
        return None, str(e)


def _build_gan(name, image_shape, latent_dim, overrides):
    v = get_variant(name)
    check_build_args(name, overrides, _GAN_ARGS + _NET_ARGS + ("pack",), latent_dim)
    image_shape = _check_shape(image_shape)
    generator, discriminator = _build_nets(v, image_shape, latent_dim, overrides)
    gan_kwargs = {
        "loss": v.loss,
        "loss_kwargs": dict(v.loss_kwargs),
        "d_regularizers": [f() for f in v.d_regularizers],
        "g_regularizers": [f() for f in v.g_regularizers],
        "d_constraints": [f() for f in v.d_constraints],
        "n_critic": v.n_critic,
        "d_optimizer": (v.d_optimizer or v.optimizer)(),
        "g_optimizer": v.optimizer(),
    }
    gan_kwargs.update({k: overrides[k] for k in _GAN_ARGS + ("pack",) if k in overrides})
    return GAN(generator, discriminator, variant=name, name=name, **gan_kwargs)


def _build_nets(v, shape, latent_dim, overrides):
    net = overrides.get("net", v.net if len(shape) == 3 else "mlp")
    if net not in ("conv", "mlp"):
        raise InvalidInputError(f"net must be 'conv' or 'mlp'; got {net!r}.")
    if net == "conv" and len(shape) != 3:
        raise InvalidInputError(f"net='conv' needs an image shape; got {shape!r}.")
    # The size shorthand of each kind of net applies to both nets.
    size_key = "base_filters" if net == "conv" else "hidden_units"
    wrong = {"base_filters", "hidden_units"} - {size_key}
    if wrong & set(overrides):
        raise InvalidInputError(
            f"{sorted(wrong & set(overrides))} does not apply to {net} nets; use "
            f"{size_key!r} (or generator={{...}} / discriminator={{...}})."
        )
    if net == "conv":
        g_kwargs, d_kwargs = dict(v.generator_kwargs), dict(v.discriminator_kwargs)
    else:
        g_kwargs, d_kwargs = dict(v.mlp_generator_kwargs), dict(v.mlp_discriminator_kwargs)
        if len(shape) == 3:  # flattened images: the MNIST MLPs of the GAN paper's lineage
            g_kwargs = {**_IMAGE_MLP_GENERATOR, **g_kwargs}
            if v.discriminator_type != "autoencoder":
                d_kwargs = {**_IMAGE_MLP_DISCRIMINATOR, **d_kwargs}
    if size_key in overrides:
        g_kwargs[size_key] = d_kwargs[size_key] = overrides[size_key]
    g_kwargs.update(_net_override(overrides, "generator"))
    d_kwargs.update(_net_override(overrides, "discriminator"))
    if net == "conv":
        generator = nets.DCGANGenerator(latent_dim, shape, name="generator", **g_kwargs)
    else:
        generator = nets.MLPGenerator(latent_dim, shape, name="generator", **g_kwargs)
    pack = overrides.get("pack", 1)
    if v.discriminator_type == "autoencoder":
        if pack != 1:
            raise InvalidInputError(
                f"{v.name}'s autoencoder discriminator reconstructs single samples; PacGAN "
                f"packing (pack={pack!r}) does not apply to it.")
        discriminator = nets.AutoencoderDiscriminator(shape, name="discriminator", **d_kwargs)
        return generator, discriminator
    if isinstance(pack, bool) or not isinstance(pack, int) or pack < 1:
        raise InvalidInputError(f"pack must be an int ≥ 1; got {pack!r}.")
    d_shape = packed_shape(shape, pack)
    if net == "conv":
        discriminator = nets.DCGANDiscriminator(d_shape, name="discriminator", **d_kwargs)
    else:
        discriminator = nets.MLPDiscriminator(d_shape, name="discriminator", **d_kwargs)
    return generator, discriminator


# MLP nets for images: G 256-512-1024 LeakyReLU → tanh, D 1024-512-256 LeakyReLU with
# dropout 0.3 (Goodfellow et al. 2014 regularised their MNIST D with dropout). Without the
# dropout and the wider G, the 256×3 MLPs collapse on MNIST: D wins within 2 epochs.
_IMAGE_MLP_GENERATOR = {"hidden_units": [256, 512, 1024], "activation": "leaky_relu",
                        "output_activation": "tanh"}
_IMAGE_MLP_DISCRIMINATOR = {"hidden_units": [1024, 512, 256], "dropout": 0.3}


# --- the family-1 variants: one G, one D, a loss and regularizers -------------------------
_NO_NORM_D = {"normalization": "none"}

register(Variant(
    "gan", "minimax",
    "Original GAN: saturating minimax G objective log(1 − σ(D(G(z)))); MLP nets; k=1.",
    "Goodfellow et al. 2014, Generative Adversarial Nets",
    net="mlp",
))
register(Variant(
    "nsgan", "non_saturating",
    "Non-saturating GAN: G minimises −log σ(D(G(z))); MLP nets.",
    "Goodfellow et al. 2014, Generative Adversarial Nets (§3)",
    net="mlp",
))
register(Variant(
    "dcgan", "non_saturating",
    "DCGAN: conv-transpose G (BatchNorm+ReLU, tanh), strided-conv D (LeakyReLU 0.2, BN, "
    "no pooling), Adam(2e-4, β1=0.5).",
    "Radford et al. 2016, Unsupervised Representation Learning with DCGANs",
))
register(Variant(
    "lsgan", "least_squares",
    "Least-squares GAN: D ½(D(x)−1)² + ½D(G(z))², G ½(D(G(z))−1)²; linear D output.",
    "Mao et al. 2017, Least Squares Generative Adversarial Networks",
))
register(Variant(
    "wgan", "wasserstein",
    "WGAN: critic D(G(z)) − D(x), weights clipped to [−0.01, 0.01] after each critic "
    "step, RMSprop(5e-5), n_critic=5.",
    "Arjovsky et al. 2017, Wasserstein GAN",
    d_constraints=(lambda: R.WeightClip(0.01),),
    n_critic=5,
    optimizer=_rmsprop(5e-5),
))
register(Variant(
    "wgan_gp", "wasserstein",
    "WGAN-GP: critic loss + λ(‖∇D(x̂)‖₂ − 1)², λ=10, n_critic=5, Adam(1e-4, β=(0.5, "
    "0.9)), LayerNorm (no BatchNorm) in D.",
    "Gulrajani et al. 2017, Improved Training of Wasserstein GANs",
    d_regularizers=(lambda: R.GradientPenalty(10.0),),
    n_critic=5,
    optimizer=_adam(1e-4, 0.5, 0.9),
    discriminator_kwargs={"normalization": "layer"},
    mlp_discriminator_kwargs=_NO_NORM_D,
))
register(Variant(
    "dragan", "non_saturating",
    "DRAGAN: non-saturating loss + λ(‖∇D(x̃)‖₂ − 1)² at x̃ = x + 0.5·std(x)·u, λ=10; "
    "no BatchNorm in D.",
    "Kodali et al. 2017, On Convergence and Stability of GANs",
    d_regularizers=(lambda: R.DRAGANPenalty(10.0, 0.5),),
    optimizer=_adam(1e-4, 0.5, 0.9),
    discriminator_kwargs=_NO_NORM_D,
))
register(Variant(
    "sngan", "hinge",
    "SNGAN: hinge loss, spectral normalization on every D layer, Adam(2e-4, β=(0.5, "
    "0.999)).",
    "Miyato et al. 2018, Spectral Normalization for GANs",
    optimizer=_adam(2e-4, 0.5, 0.999),
    discriminator_kwargs={"normalization": "none", "spectral_norm": True},
    mlp_discriminator_kwargs={"spectral_norm": True},
))
# Neyman χ² is infinite wherever the model has mass and the data none (V* = 2 log(p/q) →
# −∞ on fakes): unbounded, the critic drove e^{−V} to overflow (NaN at step 51 on MNIST).
# A critic squashed to |V| < 4 (density ratios within e^{±2}) still gives a lower bound
# of the divergence, and trains.
_F_LOSS_KWARGS = {"neyman": {"critic_bound": 4.0}}
for _div in ("kl", "reverse_kl", "pearson", "neyman", "squared_hellinger", "js",
             "total_variation"):
    register(Variant(
        f"fgan_{_div}", f"f_{_div}",
        f"f-GAN with the {_div} divergence: D maximises E_P[g_f(V(x))] − "
        "E_Q[f*(g_f(V(G(z))))]; G minimises −E_Q[g_f(V(G(z)))]"
        + (f"; critic V squashed to {_F_LOSS_KWARGS[_div]['critic_bound']:g}·tanh(V/"
           f"{_F_LOSS_KWARGS[_div]['critic_bound']:g})" if _div in _F_LOSS_KWARGS else "")
        + ".",
        "Nowozin et al. 2016, f-GAN (Table 2)",
        loss_kwargs=_F_LOSS_KWARGS.get(_div, {}),
    ))
register(Variant(
    "ebgan", "energy",
    "EBGAN: autoencoder D with energy e(x)=‖Dec(Enc(x))−x‖²/n; D e(x) + max(0, m − "
    "e(G(z))), G e(G(z)) + 0.1·PT. Margin m=1 for data in [-1, 1] with a per-element mean "
    "energy (the paper's m=10 is for a summed energy).",
    "Zhao et al. 2017, Energy-based Generative Adversarial Network",
    loss_kwargs={"margin": 1.0},
    g_regularizers=(lambda: R.PullAway(0.1),),
    discriminator_type="autoencoder",
    mlp_discriminator_kwargs={"normalization": "none"},
))
register(Variant(
    "diff_gan", "non_saturating",
    "Diff-GAN: non-saturating loss + error balance λ_b[α(σ(D(x))−1)² + "
    "(1−α)(σ(D(G(z)))−1)²] (α=0.9, λ_b=1) + one-sided Lipschitz penalty "
    "10·max(0, ‖∇D(x̂)‖₂−1)². A model of this project, not a published one; its design "
    "calls the generator objective 'KL' — with the non-saturating G loss and an optimal D it "
    "minimises KL(P_G‖P_data) − 2·JSD.",
    "keras_gans' own Diff-GAN (unpublished); Gulrajani et al. 2017 for the interpolation "
    "penalty",
    d_regularizers=(lambda: R.ErrorBalance(1.0, 0.9),
                    lambda: R.GradientPenalty(10.0, one_sided=True)),
    discriminator_kwargs={"normalization": "layer"},
))
