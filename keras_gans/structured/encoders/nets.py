"""The encoder GANs' nets: the encoder E, BiGAN's joint D(x, z), and a D that also
returns its features (VAE-GAN's learned similarity)."""

import keras
from keras import layers

from keras_gans import nets
from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_positive_int


# ======================================================================================


def _check_data_shape(owner, data_shape):
    """Image shape ``(size, size, channels)`` (conv nets) or ``(d,)`` (MLPs)."""
    if isinstance(data_shape, (list, tuple)) and len(data_shape) == 3:
        return nets.check_image_shape(owner, data_shape), True
    shape = nets._check_data_shape(owner, data_shape)
    if len(shape) != 1:
        raise InvalidInputError(
            f"{owner}: `data_shape` must be an image shape (size, size, channels) or a "
            f"1-D shape (d,); got {data_shape!r}."
        )
    return shape, False


def _check_net_args(owner, activation, normalization, base_filters, hidden_units,
                    kernel_size):
    nets._check_choice(owner, "activation", activation, nets.ACTIVATIONS)
    nets._check_choice(owner, "normalization", normalization, nets.NORMALIZATIONS)
    check_positive_int("base_filters", base_filters, owner)
    check_positive_int("kernel_size", kernel_size, owner)
    return nets._check_units(owner, hidden_units)


def _body(x, data_shape, is_image, base_filters, hidden_units, activation, normalization,
          spectral_norm, kernel_size):
    """Stride-2 conv stack (images) or dense stack (1-D data): the shared feature body."""
    if is_image:
        return nets._conv_encoder(x, data_shape, base_filters, activation, normalization,
                                  spectral_norm, kernel_size)
    return nets._dense_stack(x, hidden_units, activation, normalization, spectral_norm)


@keras.saving.register_keras_serializable(package="keras_gans")
class LatentEncoder(nets._Net):
    """Encoder E: sample → latent (BiGAN) or → ``{"mean", "log_var"}`` (VAE-GAN).

    Images go through the DCGAN discriminator's stride-2 conv stack
    (``keras_gans.nets._conv_encoder``, same ``sampling_plan``); 1-D data through a dense
    stack. The heads are linear float32 ``Dense(latent_dim)`` layers.

    Args:
        data_shape: ``(size, size, channels)`` (size a multiple of 4, ≥ 8) or ``(d,)``.
        latent_dim: size of z.
        variational: ``False``: one output z = E(x) (BiGAN, deterministic);
            ``True``: ``{"mean": μ, "log_var": log σ²}`` of a diagonal Gaussian q(z|x).
        base_filters: filters of the first conv (doubled per stage); images only.
        hidden_units: widths of the dense stack; 1-D data only.
        activation: ``relu``, ``leaky_relu`` (0.2), ``elu`` or ``selu``.
        normalization: ``batch``, ``layer`` or ``none`` after every hidden layer but the
            first conv.
        kernel_size: conv kernel size.

    Example:
        >>> e = LatentEncoder((28, 28, 1), latent_dim=64, variational=True)
        >>> {k: v.shape for k, v in e(keras.random.normal((2, 28, 28, 1))).items()}
        {'log_var': TensorShape([2, 64]), 'mean': TensorShape([2, 64])}

    Reference:
        Donahue et al. 2017 (BiGAN encoder); Larsen et al. 2016 (VAE-GAN encoder).
    """

    def __init__(self, data_shape=(28, 28, 1), latent_dim=64, variational=False,
                 base_filters=64, hidden_units=(256, 256), activation="leaky_relu",
                 normalization="batch", kernel_size=4, **kwargs):
        owner = type(self).__name__
        data_shape, is_image = _check_data_shape(owner, data_shape)
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        hidden_units = _check_net_args(owner, activation, normalization, base_filters,
                                       hidden_units, kernel_size)
        if not isinstance(variational, bool):
            raise InvalidInputError(f"{owner}: `variational` must be a bool; got {variational!r}.")
        x = keras.Input(data_shape, name="sample")
        h = _body(x, data_shape, is_image, base_filters, hidden_units, activation,
                  normalization, False, kernel_size)
        if is_image:
            h = layers.Flatten()(h)
        if variational:
            outputs = {
                "mean": layers.Dense(latent_dim, dtype="float32", name="mean")(h),
                "log_var": layers.Dense(latent_dim, dtype="float32", name="log_var")(h),
            }
        else:
            outputs = layers.Dense(latent_dim, dtype="float32", name="latent")(h)
        super().__init__(inputs=x, outputs=outputs, **kwargs)
        self.image_shape = data_shape
        self.latent_dim = latent_dim
        self.variational = variational
        self._store(data_shape=data_shape, latent_dim=latent_dim, variational=variational,
                    base_filters=base_filters, hidden_units=hidden_units,
                    activation=activation, normalization=normalization,
                    kernel_size=kernel_size)


@keras.saving.register_keras_serializable(package="keras_gans")
class JointDiscriminator(nets._Net):
    """BiGAN's D(x, z): features of x concatenated with an MLP of z → one logit.

    x goes through the DCGAN conv stack (images) or a dense stack (1-D data) and is
    flattened; z through a dense stack of ``hidden_units``; the concatenation through one
    more hidden layer of ``hidden_units[-1]`` units, then ``Dense(1)``. Call it with a
    list ``[x, z]``.

    Args:
        data_shape: ``(size, size, channels)`` or ``(d,)``.
        latent_dim: size of z.
        base_filters: filters of the first conv of the x branch (images).
        hidden_units: widths of the z branch (and of the x branch for 1-D data); the
            joint layer has ``hidden_units[-1]`` units.
        activation: default ``leaky_relu`` (0.2).
        normalization: ``batch``, ``layer`` or ``none`` in the x branch (the z branch and
            the joint layer have none).
        spectral_norm: wrap every layer in ``keras.layers.SpectralNormalization``.
        kernel_size: conv kernel size.

    Reference:
        Donahue et al. 2017, "Adversarial Feature Learning", §3; Dumoulin et al. 2017,
        "Adversarially Learned Inference" (D(x, z) with separate x and z paths).
    """

    def __init__(self, data_shape=(28, 28, 1), latent_dim=64, base_filters=64,
                 hidden_units=(512,), activation="leaky_relu", normalization="batch",
                 spectral_norm=False, kernel_size=4, **kwargs):
        owner = type(self).__name__
        data_shape, is_image = _check_data_shape(owner, data_shape)
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        hidden_units = _check_net_args(owner, activation, normalization, base_filters,
                                       hidden_units, kernel_size)
        x = keras.Input(data_shape, name="sample")
        z = keras.Input((latent_dim,), name="latent")
        hx = _body(x, data_shape, is_image, base_filters, hidden_units, activation,
                   normalization, spectral_norm, kernel_size)
        if is_image:
            hx = layers.Flatten()(hx)
        hz = nets._dense_stack(z, hidden_units, activation, "none", spectral_norm)
        h = layers.Concatenate()([hx, hz])
        h = nets._dense_stack(h, hidden_units[-1:], activation, "none", spectral_norm)
        logits = nets._maybe_sn(layers.Dense(1, dtype="float32"), spectral_norm)(h)
        super().__init__(inputs=[x, z], outputs=logits, **kwargs)
        self.image_shape = data_shape
        self.latent_dim = latent_dim
        self._store(data_shape=data_shape, latent_dim=latent_dim, base_filters=base_filters,
                    hidden_units=hidden_units, activation=activation,
                    normalization=normalization, spectral_norm=spectral_norm,
                    kernel_size=kernel_size)


@keras.saving.register_keras_serializable(package="keras_gans")
class FeatureDiscriminator(nets._Net):
    """A DCGAN (images) or MLP (1-D) discriminator that also returns a hidden layer.

    Returns ``{"logits": (batch, 1), "features": Dis_l(x)}`` where ``features`` is the
    output of the last conv stage (images, before flattening) or of the last hidden
    dense layer (1-D data): VAE-GAN's learned similarity layer Dis_l.

    Args:
        data_shape: ``(size, size, channels)`` or ``(d,)``.
        base_filters, hidden_units, activation, normalization, spectral_norm,
        kernel_size: as for :class:`keras_gans.nets.DCGANDiscriminator` /
            :class:`keras_gans.nets.MLPDiscriminator`.

    Reference:
        Larsen et al. 2016, "Autoencoding beyond pixels using a learned similarity
        metric", §2.2 (Dis_l).
    """

    def __init__(self, data_shape=(28, 28, 1), base_filters=64, hidden_units=(256, 256),
                 activation="leaky_relu", normalization="batch", spectral_norm=False,
                 kernel_size=4, **kwargs):
        owner = type(self).__name__
        data_shape, is_image = _check_data_shape(owner, data_shape)
        hidden_units = _check_net_args(owner, activation, normalization, base_filters,
                                       hidden_units, kernel_size)
        x = keras.Input(data_shape, name="sample")
        h = _body(x, data_shape, is_image, base_filters, hidden_units, activation,
                  normalization, spectral_norm, kernel_size)
        features = layers.Identity(name="features")(h)
        flat = layers.Flatten()(features) if is_image else features
        logits = nets._maybe_sn(layers.Dense(1, dtype="float32"), spectral_norm)(flat)
        super().__init__(inputs=x, outputs={"logits": logits, "features": features},
                         **kwargs)
        self.image_shape = data_shape
        self._store(data_shape=data_shape, base_filters=base_filters,
                    hidden_units=hidden_units, activation=activation,
                    normalization=normalization, spectral_norm=spectral_norm,
                    kernel_size=kernel_size)
