"""The class-conditional nets: G(z, c), the projection / concat D(x, c) and ACGAN's two-headed D."""

import keras
from keras import layers

from keras_gans import nets
from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_positive_int

CONDITIONINGS = ("projection", "concat")
NETS = ("conv", "mlp")


def _resolve_net(owner, net, data_shape):
    """``net`` ("conv"/"mlp"/None → by data rank) and the validated data shape."""
    if net is None:
        net = "conv" if isinstance(data_shape, (list, tuple)) and len(data_shape) == 3 else "mlp"
    nets._check_choice(owner, "net", net, NETS)
    if net == "conv":
        return net, nets.check_image_shape(owner, data_shape)
    return net, nets._check_data_shape(owner, data_shape)


def _label_input():
    return keras.Input((), dtype="int32", name="labels")


def _one_hot(num_classes):
    return layers.CategoryEncoding(num_classes, output_mode="one_hot", name="one_hot")


@keras.saving.register_keras_serializable(package="keras_gans")
class ConditionalGenerator(nets._Net):
    """G(z, c): the label is encoded, concatenated to z and fed to an unconditional G.

    Inputs ``[latent (B, latent_dim), labels (B,) int]``; output a sample of
    ``data_shape`` (images in [-1, 1] with the default ``tanh``).

    Args:
        latent_dim: size of z.
        data_shape: ``(size, size, channels)`` (size a multiple of 4, ≥ 8) or ``(d,)``.
        num_classes: number of classes K.
        embedding_dim: ``None`` → one-hot label (Mirza 2014; Odena 2017), else the size
            of a learned label embedding.
        net: ``"conv"`` (:class:`keras_gans.nets.DCGANGenerator`) or ``"mlp"``
            (:class:`keras_gans.nets.MLPGenerator`); default by data rank.
        net_kwargs: keyword arguments of that net (``base_filters``, ``activation``,
            ``normalization``, ``hidden_units``…), validated by it.

    Example:
        >>> g = ConditionalGenerator(latent_dim=64, data_shape=(28, 28, 1), num_classes=10)
        >>> g([keras.random.normal((2, 64)), np.array([3, 7])]).shape
        TensorShape([2, 28, 28, 1])

    Reference:
        Mirza & Osindero 2014, "Conditional Generative Adversarial Nets";
        Radford et al. 2016 (DCGAN body).
    """

    def __init__(self, latent_dim=64, data_shape=(28, 28, 1), num_classes=10,
                 embedding_dim=None, net=None, net_kwargs=None, **kwargs):
        owner = type(self).__name__
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        num_classes = check_positive_int("num_classes", num_classes, owner)
        if embedding_dim is not None:
            embedding_dim = check_positive_int("embedding_dim", embedding_dim, owner)
        net, data_shape = _resolve_net(owner, net, data_shape)
        if net_kwargs is not None and not isinstance(net_kwargs, dict):
            raise InvalidInputError(f"{owner}: `net_kwargs` must be a dict; got {net_kwargs!r}.")
        net_kwargs = dict(net_kwargs or {})
        if net == "mlp" and len(data_shape) == 3:
            net_kwargs.setdefault("output_activation", "tanh")
        code_dim = num_classes if embedding_dim is None else embedding_dim
        backbone_cls = nets.DCGANGenerator if net == "conv" else nets.MLPGenerator
        backbone = backbone_cls(latent_dim + code_dim, data_shape, name="backbone", **net_kwargs)

        z = keras.Input((latent_dim,), name="latent")
        c = _label_input()
        if embedding_dim is None:
            code = _one_hot(num_classes)(c)
        else:
            code = layers.Embedding(num_classes, embedding_dim, name="label_embedding")(c)
        h = layers.Concatenate(name="latent_and_label")([z, code])
        super().__init__(inputs=[z, c], outputs=backbone(h), **kwargs)
        self.latent_dim = latent_dim
        self.image_shape = data_shape
        self.num_classes = num_classes
        # Store the backbone's own (validated, normalised) arguments.
        stored = {k: v for k, v in backbone.get_config().items()
                  if k not in ("name", "trainable", "latent_dim", "image_shape", "data_shape")}
        self._store(latent_dim=latent_dim, data_shape=data_shape, num_classes=num_classes,
                    embedding_dim=embedding_dim, net=net, net_kwargs=stored)


def _features(x, data_shape, net, base_filters, hidden_units, activation, normalization,
              spectral_norm, kernel_size):
    """The discriminator body: DCGAN strided convs or an MLP, flattened."""
    if net == "conv":
        return nets.conv_body(x, data_shape, base_filters, activation, normalization,
                              spectral_norm, kernel_size)
    h = layers.Flatten()(x) if len(x.shape) > 2 else x
    return nets._dense_stack(h, hidden_units, activation, normalization, spectral_norm)


def _check_body_args(owner, net, base_filters, hidden_units, activation, normalization,
                     kernel_size):
    check_positive_int("base_filters", base_filters, owner)
    check_positive_int("kernel_size", kernel_size, owner)
    hidden_units = nets._check_units(owner, hidden_units)
    nets._check_choice(owner, "activation", activation, nets.ACTIVATIONS)
    if normalization is None:
        normalization = "batch" if net == "conv" else "none"
    nets._check_choice(owner, "normalization", normalization, nets.NORMALIZATIONS)
    return hidden_units, normalization


@keras.saving.register_keras_serializable(package="keras_gans")
class ConditionalDiscriminator(nets._Net):
    """D(x, c) → one logit per sample.

    Inputs ``[sample (B, *data_shape), labels (B,) int]``; output ``(B, 1)`` logits.

    Args:
        data_shape: ``(size, size, channels)`` or ``(d,)``.
        num_classes: number of classes K.
        conditioning: ``"projection"`` — logit = ψ(φ(x)) + ⟨embed(c), φ(x)⟩ (Miyato &
            Koyama 2018); ``"concat"`` — a learned per-class map (an image-sized channel
            for conv nets, a K-d vector for MLPs) concatenated to the input.
        net: ``"conv"`` (DCGAN strided convs) or ``"mlp"``; default by data rank.
        base_filters, kernel_size: conv body (first-stage filters, doubled per stage).
        hidden_units: MLP body widths.
        activation: default ``leaky_relu`` (0.2).
        normalization: ``batch``/``layer``/``none``; default ``batch`` for conv nets
            (DCGAN) and ``none`` for MLPs.
        spectral_norm: spectral normalization on every layer, the label embedding
            included (Miyato & Koyama 2018). Label embeddings are bias-free Dense layers
            on one-hot labels (the same map as an ``Embedding``).

    Example:
        >>> d = ConditionalDiscriminator((28, 28, 1), num_classes=10)
        >>> d([np.zeros((2, 28, 28, 1), "float32"), np.array([0, 1])]).shape
        TensorShape([2, 1])

    Reference:
        Mirza & Osindero 2014; Miyato & Koyama 2018, "cGANs with Projection
        Discriminator"; Radford et al. 2016 (DCGAN body).
    """

    def __init__(self, data_shape=(28, 28, 1), num_classes=10, conditioning="projection",
                 net=None, base_filters=64, hidden_units=(256, 256), activation="leaky_relu",
                 normalization=None, spectral_norm=False, kernel_size=4, **kwargs):
        owner = type(self).__name__
        num_classes = check_positive_int("num_classes", num_classes, owner)
        nets._check_choice(owner, "conditioning", conditioning, CONDITIONINGS)
        net, data_shape = _resolve_net(owner, net, data_shape)
        hidden_units, normalization = _check_body_args(
            owner, net, base_filters, hidden_units, activation, normalization, kernel_size)
        spectral_norm = bool(spectral_norm)
        sn = nets._maybe_sn

        x = keras.Input(data_shape, name="sample")
        c = _label_input()
        # Label embeddings are Dense layers on one-hot labels (the same map as an
        # Embedding): keras.layers.SpectralNormalization casts a wrapped Embedding's
        # output to the (integer) label dtype, which would cut the gradient.
        one_hot = _one_hot(num_classes)(c)

        def embed(units, name):
            return sn(layers.Dense(units, use_bias=False, name=name), spectral_norm)(one_hot)

        body_in = x
        if conditioning == "concat":
            if net == "conv":
                side = data_shape[0]
                label_map = layers.Reshape((side, side, 1))(embed(side * side, "label_map"))
                body_in = layers.Concatenate(axis=-1)([x, label_map])
            else:
                flat = layers.Flatten()(x) if len(data_shape) > 1 else x
                body_in = layers.Concatenate(axis=-1)(
                    [flat, embed(num_classes, "label_embedding")])
        feats = _features(body_in, data_shape, net, base_filters, hidden_units, activation,
                          normalization, spectral_norm, kernel_size)
        logits = sn(layers.Dense(1, dtype="float32"), spectral_norm)(feats)
        if conditioning == "projection":
            label_vec = embed(int(feats.shape[-1]), "label_projection")
            inner = layers.Dot(axes=1, dtype="float32")([label_vec, feats])
            logits = layers.Add(dtype="float32", name="logits")([logits, inner])
        super().__init__(inputs=[x, c], outputs=logits, **kwargs)
        self.image_shape = data_shape
        self.num_classes = num_classes
        self._store(data_shape=data_shape, num_classes=num_classes, conditioning=conditioning,
                    net=net, base_filters=base_filters, hidden_units=hidden_units,
                    activation=activation, normalization=normalization,
                    spectral_norm=spectral_norm, kernel_size=kernel_size)


@keras.saving.register_keras_serializable(package="keras_gans")
class AuxiliaryClassifierDiscriminator(nets._Net):
    """ACGAN's D(x): one body, a real/fake head and a class head (no label input).

    Output ``{"logits": (B, 1), "class_logits": (B, num_classes)}``.

    Args:
        data_shape, num_classes, net, base_filters, hidden_units, activation,
        normalization, spectral_norm, kernel_size: as for
        :class:`ConditionalDiscriminator`.

    Example:
        >>> d = AuxiliaryClassifierDiscriminator((28, 28, 1), num_classes=10)
        >>> out = d(np.zeros((2, 28, 28, 1), "float32"))
        >>> out["logits"].shape, out["class_logits"].shape
        (TensorShape([2, 1]), TensorShape([2, 10]))

    Reference:
        Odena, Olah & Shlens 2017, "Conditional Image Synthesis with Auxiliary
        Classifier GANs".
    """

    def __init__(self, data_shape=(28, 28, 1), num_classes=10, net=None, base_filters=64,
                 hidden_units=(256, 256), activation="leaky_relu", normalization=None,
                 spectral_norm=False, kernel_size=4, **kwargs):
        owner = type(self).__name__
        num_classes = check_positive_int("num_classes", num_classes, owner)
        net, data_shape = _resolve_net(owner, net, data_shape)
        hidden_units, normalization = _check_body_args(
            owner, net, base_filters, hidden_units, activation, normalization, kernel_size)
        spectral_norm = bool(spectral_norm)
        x = keras.Input(data_shape, name="sample")
        feats = _features(x, data_shape, net, base_filters, hidden_units, activation,
                          normalization, spectral_norm, kernel_size)
        logits = nets._maybe_sn(layers.Dense(1, dtype="float32", name="source"),
                                spectral_norm)(feats)
        class_logits = nets._maybe_sn(
            layers.Dense(num_classes, dtype="float32", name="classes"), spectral_norm)(feats)
        super().__init__(inputs=x, outputs={"logits": logits, "class_logits": class_logits},
                         **kwargs)
        self.image_shape = data_shape
        self.num_classes = num_classes
        self._store(data_shape=data_shape, num_classes=num_classes, net=net,
                    base_filters=base_filters, hidden_units=hidden_units,
                    activation=activation, normalization=normalization,
                    spectral_norm=spectral_norm, kernel_size=kernel_size)
