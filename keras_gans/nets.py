"""Generator and discriminator networks.

Each net follows keras-hub's backbone pattern: a ``keras.Model`` subclass that builds a
functional graph in ``__init__``, validates its arguments with messages that say what
was received, stores every argument, returns them all from ``get_config`` and is rebuilt
by ``from_config`` as ``cls(**config)``. Nothing here uses Lambda layers, so saved
models load under Keras ``safe_mode``.

Conv nets work for any square image whose side is a multiple of 4 (≥ 8) and any channel
count: the side is halved while it stays even and ≥ 4 (28 → 14 → 7, 32 → … → 4,
64 → … → 4), and the generator mirrors the discriminator's plan.
"""

import keras
import numpy as np
from keras import layers, ops

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError

ACTIVATIONS = ("relu", "leaky_relu", "elu", "selu")
NORMALIZATIONS = ("batch", "layer", "none")


def _check_choice(owner, arg, value, choices):
    if value not in choices:
        raise InvalidInputError(
            f"{owner}: `{arg}` must be one of {list(choices)}; got {value!r}."
        )


def _check_units(owner, units):
    if not isinstance(units, (list, tuple)) or not units:
        raise InvalidInputError(
            f"{owner}: `hidden_units` must be a non-empty list of positive ints; got {units!r}."
        )
    for u in units:
        check_positive_int("hidden_units", u, owner)
    return list(units)


def check_image_shape(owner, image_shape):
    """Validates a conv-net image shape and returns it as a tuple of ints."""
    shape = tuple(image_shape) if isinstance(image_shape, (list, tuple)) else image_shape
    ok = (
        isinstance(shape, tuple)
        and len(shape) == 3
        and all(isinstance(d, int) and not isinstance(d, bool) for d in shape)
        and shape[0] == shape[1]
        and shape[0] >= 8
        and shape[0] % 4 == 0
        and shape[2] >= 1
    )
    if not ok:
        raise InvalidInputError(
            f"{owner}: `image_shape` must be (size, size, channels) with size a multiple "
            f"of 4 and at least 8 (e.g. (28, 28, 1), (32, 32, 3), (64, 64, 3)); got "
            f"{image_shape!r}."
        )
    return shape


def sampling_plan(size):
    """(number of stride-2 stages, smallest side) for a square side ``size``."""
    stages = 0
    while size % 2 == 0 and size // 2 >= 4:
        size //= 2
        stages += 1
    return stages, size


def activation_layer(name):
    if name == "leaky_relu":
        return layers.LeakyReLU(negative_slope=0.2)
    return layers.Activation(name)


def normalization_layer(kind, axis=-1):
    if kind == "batch":
        return layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
    if kind == "layer":
        return layers.LayerNormalization(axis=axis, epsilon=1e-5)
    return None


def _apply(x, *fns):
    for fn in fns:
        if fn is not None:
            x = fn(x)
    return x


def _maybe_sn(layer, spectral_norm):
    return layers.SpectralNormalization(layer) if spectral_norm else layer


class _Net(keras.Model):
    """Stores the constructor arguments for ``get_config``/``from_config``."""

    def _store(self, **config):
        self._net_config = config

    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable}
        config.update(self._net_config)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class DCGANGenerator(_Net):
    """DCGAN generator: Dense → reshape → stride-2 transposed convs → tanh image.

    Args:
        latent_dim: size of z.
        image_shape: output (size, size, channels), size a multiple of 4, ≥ 8.
        base_filters: filters of the last hidden stage (doubled per earlier stage).
        activation: one of ``relu``, ``leaky_relu`` (0.2), ``elu``, ``selu``.
        normalization: ``batch``, ``layer`` or ``none`` after every hidden layer.
        spectral_norm: wrap every layer in ``keras.layers.SpectralNormalization``.
        kernel_size: transposed-conv kernel size.
        output_activation: ``tanh`` (images in [-1, 1]) or ``linear``.
        dense_units: width of a fully connected layer (+ norm + activation) between z and
            the projection to the first feature map; 0 (DCGAN) leaves it out, 1024 is the
            InfoGAN / TF-GAN MNIST G's.

    Example:
        >>> g = DCGANGenerator(latent_dim=64, image_shape=(28, 28, 1))
        >>> g(keras.random.normal((2, 64))).shape
        TensorShape([2, 28, 28, 1])

    Reference:
        Radford et al. 2016, "Unsupervised Representation Learning with Deep
        Convolutional Generative Adversarial Networks".
    """

    def __init__(
        self,
        latent_dim=64,
        image_shape=(28, 28, 1),
        base_filters=64,
        activation="relu",
        normalization="batch",
        spectral_norm=False,
        kernel_size=4,
        output_activation="tanh",
        dense_units=0,
        **kwargs,
    ):
        owner = type(self).__name__
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        image_shape = check_image_shape(owner, image_shape)
        base_filters = check_positive_int("base_filters", base_filters, owner)
        kernel_size = check_positive_int("kernel_size", kernel_size, owner)
        dense_units = check_positive_int("dense_units", dense_units, owner, minimum=0)
        _check_choice(owner, "activation", activation, ACTIVATIONS)
        _check_choice(owner, "normalization", normalization, NORMALIZATIONS)
        _check_choice(owner, "output_activation", output_activation, ("tanh", "linear"))
        stages, start = sampling_plan(image_shape[0])
        use_bias = normalization == "none"

        z = keras.Input((latent_dim,), name="latent")
        top = base_filters * 2 ** (stages - 1)
        x = _dense_stack(z, [dense_units] if dense_units else [], activation, normalization,
                         spectral_norm)
        x = _maybe_sn(layers.Dense(start * start * top, use_bias=use_bias), spectral_norm)(x)
        x = _apply(x, normalization_layer(normalization), activation_layer(activation))
        x = layers.Reshape((start, start, top))(x)
        for i in range(stages - 1):
            conv = layers.Conv2DTranspose(
                base_filters * 2 ** (stages - 2 - i), kernel_size, 2, "same", use_bias=use_bias
            )
            x = _apply(
                x,
                _maybe_sn(conv, spectral_norm),
                normalization_layer(normalization, axis=[1, 2, 3]),
                activation_layer(activation),
            )
        last = layers.Conv2DTranspose(image_shape[2], kernel_size, 2, "same")
        x = _maybe_sn(last, spectral_norm)(x)
        x = layers.Activation(output_activation, dtype="float32", name="image")(x)
        super().__init__(inputs=z, outputs=x, **kwargs)
        self.latent_dim = latent_dim
        self.image_shape = image_shape
        self._store(
            latent_dim=latent_dim,
            image_shape=image_shape,
            base_filters=base_filters,
            activation=activation,
            normalization=normalization,
            spectral_norm=spectral_norm,
            kernel_size=kernel_size,
            output_activation=output_activation,
            dense_units=dense_units,
        )


def _conv_encoder(x, image_shape, base_filters, activation, normalization, spectral_norm,
                  kernel_size):
    """Stride-2 conv stack (no norm on the first layer, as in DCGAN); returns features."""
    stages, _ = sampling_plan(image_shape[0])
    for i in range(stages):
        conv = layers.Conv2D(base_filters * 2**i, kernel_size, 2, "same")
        x = _maybe_sn(conv, spectral_norm)(x)
        if i > 0:
            x = _apply(x, normalization_layer(normalization, axis=[1, 2, 3]))
        x = activation_layer(activation)(x)
    return x


def conv_body(x, image_shape, base_filters, activation, normalization, spectral_norm,
              kernel_size, dense_units=0):
    """A discriminator's body: :func:`_conv_encoder`, flattened, then an optional
    Dense(``dense_units``) + norm + activation (InfoGAN's FC-1024)."""
    h = layers.Flatten()(_conv_encoder(x, image_shape, base_filters, activation,
                                       normalization, spectral_norm, kernel_size))
    return _dense_stack(h, [dense_units] if dense_units else [], activation, normalization,
                        spectral_norm)


class DCGANDiscriminator(_Net):
    """DCGAN discriminator: stride-2 convs (no pooling) → one logit.

    Args:
        image_shape: input (size, size, channels), size a multiple of 4, ≥ 8.
        base_filters: filters of the first conv (doubled per stage).
        activation: default ``leaky_relu`` (0.2).
        normalization: ``batch`` (DCGAN), ``layer`` (WGAN-GP) or ``none``.
        spectral_norm: wrap every layer in ``keras.layers.SpectralNormalization`` (SNGAN).
        kernel_size: conv kernel size.
        dense_units: width of a fully connected layer (+ norm + activation) between the
            convs and the logit; 0 (DCGAN) leaves it out, 1024 is InfoGAN's MNIST D.

    Reference:
        Radford et al. 2016; Miyato et al. 2018 (spectral normalization); Chen et al.
        2016, Appendix C.1 (the FC-1024 layer).
    """

    def __init__(
        self,
        image_shape=(28, 28, 1),
        base_filters=64,
        activation="leaky_relu",
        normalization="batch",
        spectral_norm=False,
        kernel_size=4,
        dense_units=0,
        **kwargs,
    ):
        owner = type(self).__name__
        image_shape = check_image_shape(owner, image_shape)
        base_filters = check_positive_int("base_filters", base_filters, owner)
        kernel_size = check_positive_int("kernel_size", kernel_size, owner)
        dense_units = check_positive_int("dense_units", dense_units, owner, minimum=0)
        _check_choice(owner, "activation", activation, ACTIVATIONS)
        _check_choice(owner, "normalization", normalization, NORMALIZATIONS)
        x = keras.Input(image_shape, name="image")
        h = conv_body(x, image_shape, base_filters, activation, normalization, spectral_norm,
                      kernel_size, dense_units)
        logits = _maybe_sn(layers.Dense(1, dtype="float32"), spectral_norm)(h)
        super().__init__(inputs=x, outputs=logits, **kwargs)
        self.image_shape = image_shape
        self._store(
            image_shape=image_shape,
            base_filters=base_filters,
            activation=activation,
            normalization=normalization,
            spectral_norm=spectral_norm,
            kernel_size=kernel_size,
            dense_units=dense_units,
        )


def _check_data_shape(owner, data_shape):
    """Any non-empty shape of positive ints (MLPs flatten it)."""
    shape = tuple(data_shape) if isinstance(data_shape, (list, tuple)) else data_shape
    if not (
        isinstance(shape, tuple)
        and shape
        and all(isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in shape)
    ):
        raise InvalidInputError(
            f"{owner}: `data_shape` must be a shape of positive ints like (2,) or "
            f"(28, 28, 1); got {data_shape!r}."
        )
    return shape


@keras.saving.register_keras_serializable(package="keras_gans")
class Maxout(layers.Layer):
    """Maxout units (Goodfellow et al. 2013): the max over ``pieces`` consecutive groups.

    Takes ``(..., units * pieces)`` and returns ``(..., units)``: unit ``i`` is the
    largest of inputs ``i*pieces … i*pieces + pieces - 1``.
    """

    def __init__(self, pieces, **kwargs):
        super().__init__(**kwargs)
        pieces = check_positive_int("pieces", pieces, type(self).__name__)
        self.pieces = pieces

    def build(self, input_shape):
        if input_shape[-1] is None or input_shape[-1] % self.pieces:
            raise InvalidInputError(
                f"Maxout({self.pieces}) needs a last axis divisible by {self.pieces}; got "
                f"inputs of shape {tuple(input_shape)}."
            )
        super().build(input_shape)

    def call(self, x):
        units = x.shape[-1] // self.pieces
        grouped = ops.reshape(x, (*ops.shape(x)[:-1], units, self.pieces))
        return ops.max(grouped, axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] // self.pieces)

    def get_config(self):
        return {**super().get_config(), "pieces": self.pieces}


def _dense_stack(x, units, activation, normalization, spectral_norm, dropout=0.0,
                 maxout_pieces=0):
    """Dense → norm → activation (or Maxout over ``maxout_pieces`` when > 0) → dropout."""
    for u in units:
        width = u * maxout_pieces if maxout_pieces else u
        x = _maybe_sn(layers.Dense(width, use_bias=normalization == "none"), spectral_norm)(x)
        act = Maxout(maxout_pieces) if maxout_pieces else activation_layer(activation)
        x = _apply(x, normalization_layer(normalization), act,
                   layers.Dropout(dropout) if dropout else None)
    return x


def _check_rate(owner, arg, value):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1
    if not ok:
        raise InvalidInputError(f"{owner}: `{arg}` must be a number in [0, 1); got {value!r}.")
    return float(value)


class MLPGenerator(_Net):
    """MLP generator: low-dimensional data (2-D mixtures) or flattened images.

    Args:
        latent_dim: size of z.
        data_shape: ``(d,)``, or an image shape (the output is reshaped to it).
        hidden_units: widths of the hidden layers.
        activation, normalization, spectral_norm: as for the conv nets.
        output_activation: ``linear`` (data is not rescaled) or ``tanh``.
    """

    def __init__(
        self,
        latent_dim=64,
        data_shape=(2,),
        hidden_units=(256, 256, 256),
        activation="relu",
        normalization="none",
        spectral_norm=False,
        output_activation="linear",
        **kwargs,
    ):
        owner = type(self).__name__
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        data_shape = _check_data_shape(owner, data_shape)
        hidden_units = _check_units(owner, hidden_units)
        _check_choice(owner, "activation", activation, ACTIVATIONS)
        _check_choice(owner, "normalization", normalization, NORMALIZATIONS)
        _check_choice(owner, "output_activation", output_activation, ("tanh", "linear"))
        z = keras.Input((latent_dim,), name="latent")
        h = _dense_stack(z, hidden_units, activation, normalization, spectral_norm)
        out = _maybe_sn(layers.Dense(int(np.prod(data_shape))), spectral_norm)(h)
        if len(data_shape) > 1:
            out = layers.Reshape(data_shape)(out)
        out = layers.Activation(output_activation, dtype="float32", name="sample")(out)
        super().__init__(inputs=z, outputs=out, **kwargs)
        self.latent_dim = latent_dim
        self.image_shape = data_shape
        self._store(
            latent_dim=latent_dim,
            data_shape=data_shape,
            hidden_units=hidden_units,
            activation=activation,
            normalization=normalization,
            spectral_norm=spectral_norm,
            output_activation=output_activation,
        )


class MLPDiscriminator(_Net):
    """MLP discriminator (flattens its input); one logit.

    ``dropout`` (a rate in [0, 1)) follows each hidden layer, as in Goodfellow et al.'s
    MNIST discriminator; it keeps a wide MLP D from overpowering an MLP G on images.
    ``maxout_pieces`` > 0 makes every hidden layer a maxout layer of that many pieces
    (``activation`` is then unused): the D of Goodfellow et al. 2014 and of PacGAN's
    2-D experiments (3 × 200 units, 5 pieces).
    """

    def __init__(
        self,
        data_shape=(2,),
        hidden_units=(256, 256, 256),
        activation="leaky_relu",
        normalization="none",
        spectral_norm=False,
        dropout=0.0,
        maxout_pieces=0,
        **kwargs,
    ):
        owner = type(self).__name__
        data_shape = _check_data_shape(owner, data_shape)
        hidden_units = _check_units(owner, hidden_units)
        _check_choice(owner, "activation", activation, ACTIVATIONS)
        _check_choice(owner, "normalization", normalization, NORMALIZATIONS)
        dropout = _check_rate(owner, "dropout", dropout)
        if maxout_pieces != 0:
            maxout_pieces = check_positive_int("maxout_pieces", maxout_pieces, owner)
        x = keras.Input(data_shape, name="sample")
        h = layers.Flatten()(x) if len(data_shape) > 1 else x
        h = _dense_stack(h, hidden_units, activation, normalization, spectral_norm, dropout,
                         maxout_pieces)
        logits = _maybe_sn(layers.Dense(1, dtype="float32"), spectral_norm)(h)
        super().__init__(inputs=x, outputs=logits, **kwargs)
        self.image_shape = data_shape
        self._store(
            data_shape=data_shape,
            hidden_units=hidden_units,
            activation=activation,
            normalization=normalization,
            spectral_norm=spectral_norm,
            dropout=dropout,
            maxout_pieces=maxout_pieces,
        )


class AutoencoderDiscriminator(_Net):
    """EBGAN's autoencoder discriminator: energy e(x) = ‖Dec(Enc(x)) − x‖² / n.

    Returns ``{"logits": energy (batch,), "embedding": Enc(x) (batch, embedding_dim)}``;
    the engine's losses read ``logits`` and the pull-away term reads ``embedding``.

    Args:
        data_shape: an image shape (conv encoder/decoder) or ``(d,)`` (MLP).
        base_filters: conv filters of the first encoder stage (images).
        hidden_units: MLP widths (1-D data).
        embedding_dim: size of the code.
        activation, normalization: as for the other nets.

    Reference:
        Zhao et al. 2017, "Energy-based Generative Adversarial Network".
    """

    def __init__(
        self,
        data_shape=(28, 28, 1),
        base_filters=64,
        hidden_units=(256, 256),
        embedding_dim=32,
        activation="leaky_relu",
        normalization="batch",
        **kwargs,
    ):
        owner = type(self).__name__
        embedding_dim = check_positive_int("embedding_dim", embedding_dim, owner)
        _check_choice(owner, "activation", activation, ACTIVATIONS)
        _check_choice(owner, "normalization", normalization, NORMALIZATIONS)
        is_image = isinstance(data_shape, (list, tuple)) and len(data_shape) == 3
        if is_image:
            data_shape = check_image_shape(owner, data_shape)
            base_filters = check_positive_int("base_filters", base_filters, owner)
        else:
            data_shape = _check_data_shape(owner, data_shape)
            if len(data_shape) != 1:
                raise InvalidInputError(
                    f"{owner}: `data_shape` must be an image shape (size, size, channels) "
                    f"or a 1-D shape (d,); got {data_shape!r}."
                )
        hidden_units = _check_units(owner, hidden_units)
        x = keras.Input(data_shape, name="sample")
        if is_image:
            h = _conv_encoder(x, data_shape, base_filters, activation, normalization, False, 4)
            code = layers.Dense(embedding_dim, name="embedding")(layers.Flatten()(h))
            stages, start = sampling_plan(data_shape[0])
            top = base_filters * 2 ** (stages - 1)
            d = layers.Dense(start * start * top)(code)
            d = _apply(d, normalization_layer(normalization), activation_layer(activation))
            d = layers.Reshape((start, start, top))(d)
            for i in range(stages - 1):
                conv = layers.Conv2DTranspose(base_filters * 2 ** (stages - 2 - i), 4, 2, "same")
                d = _apply(d, conv, normalization_layer(normalization, axis=[1, 2, 3]),
                           activation_layer(activation))
            recon = layers.Conv2DTranspose(data_shape[2], 4, 2, "same", dtype="float32")(d)
        else:
            h = _dense_stack(x, hidden_units, activation, normalization, False)
            code = layers.Dense(embedding_dim, name="embedding")(h)
            d = _dense_stack(code, hidden_units[::-1], activation, normalization, False)
            recon = layers.Dense(data_shape[0], dtype="float32")(d)
        axes = list(range(1, len(data_shape) + 1))
        energy = ops.mean(ops.square(recon - ops.cast(x, recon.dtype)), axis=axes)
        super().__init__(inputs=x, outputs={"logits": energy, "embedding": code}, **kwargs)
        self.image_shape = data_shape
        self._store(
            data_shape=data_shape,
            base_filters=base_filters,
            hidden_units=hidden_units,
            embedding_dim=embedding_dim,
            activation=activation,
            normalization=normalization,
        )


def register_serializables():
    for cls in (DCGANGenerator, DCGANDiscriminator, MLPGenerator, MLPDiscriminator,
                AutoencoderDiscriminator):
        keras.saving.register_keras_serializable(package="keras_gans")(cls)


register_serializables()
