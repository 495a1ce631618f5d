"""The build registry: what every model family registers into, importing no model.

A family (``keras_gans.structured``, ``keras_gans.translation``) registers its builders
here with :func:`register_builder` and validates its build arguments with
:func:`check_build_args`; the catalog on top (:mod:`keras_gans.variants`) owns ``build``,
``list_variants`` and ``describe_variant`` and imports the families. Nothing here
imports a family or the catalog, so the package has no import circle.
"""

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError

BUILDERS = {}  # structured variants: name -> (builder(image_shape, latent_dim, **kw), doc)


def register_builder(name, builder, summary, reference):
    """Adds a structured variant (its own ``GAN`` subclass) built by ``builder``.

    ``builder(image_shape=..., latent_dim=..., **overrides)`` returns the model; it must
    validate ``overrides`` itself.
    """
    BUILDERS[name] = (builder, summary, reference)
    return builder


GAN_ARGS = ("loss", "loss_kwargs", "d_regularizers", "g_regularizers", "d_constraints",
            "n_critic", "split_real_batch", "reuse_fake", "ema_decay", "ema_warmup", "augment",
            "d_optimizer", "g_optimizer", "seed")
NET_ARGS = ("generator", "discriminator", "net", "base_filters", "hidden_units")


def check_build_args(name, overrides, accepted, latent_dim, latent_label="latent_dim"):
    """Shared argument checks of every builder: known overrides, a positive latent size."""
    unknown = set(overrides) - set(accepted)
    if unknown:
        raise InvalidInputError(
            f"build({name!r}) got unknown overrides {sorted(unknown)}; accepted: "
            f"{sorted(accepted)}."
        )
    check_positive_int(latent_label, latent_dim)


def check_shape(image_shape):
    """``image_shape`` as a tuple: ``(size, size, channels)`` or ``(d,)``."""
    if not isinstance(image_shape, (tuple, list)) or len(image_shape) not in (1, 3):
        raise InvalidInputError(
            "image_shape must be (size, size, channels) for images or (d,) for vectors; "
            f"got {image_shape!r}."
        )
    return tuple(image_shape)


def net_override(overrides, key):
    """The ``generator={...}`` / ``discriminator={...}`` net keyword arguments, checked."""
    value = overrides.get(key, {})
    if not isinstance(value, dict):
        raise InvalidInputError(
            f"`{key}` must be a dict of net keyword arguments (e.g. "
            f"{{'base_filters': 32, 'activation': 'elu'}}); got {value!r}."
        )
    return value
