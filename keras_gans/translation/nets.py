"""Networks of the translators: ResNet generator, PatchGAN, and coupled (weight-sharing) nets.

Every net follows the ``keras_gans.nets._Net`` pattern: arguments validated with messages
that say what was received, stored, returned by ``get_config`` and rebuilt by
``from_config`` as ``cls(**config)``. No Lambda layers (saved models load in safe mode).

Instance normalisation is ``keras.layers.GroupNormalization(groups=-1)`` (one group per
channel). Convolutions use zero "same" padding (Keras has no reflection-padding layer;
the reference CycleGAN pads by reflection).

Coupled nets (CoGAN, UNIT) hold three sub-models — ``shared``, ``private_a`` and
``private_b`` — and run domain ``d`` as ``private_d(shared(x))`` (shared first layers:
CoGAN generators, UNIT decoders) or ``shared(private_d(x))`` (shared last layers: CoGAN
discriminators, UNIT encoders). The shared sub-model is one object called from both
paths, so its variables exist once and receive gradients from both domains.
"""

import keras
from keras import layers

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError
from keras_gans.nets import (_Net, _check_choice, activation_layer,
                             check_image_shape, normalization_layer, sampling_plan)

TRANSLATION_NORMALIZATIONS = ("instance", "batch", "none")
DOMAINS = ("a", "b")


def norm_layer(kind):
    """Instance (GroupNormalization with one group per channel), batch or no norm."""
    if kind == "instance":
        return layers.GroupNormalization(groups=-1, epsilon=1e-5)
    return normalization_layer(kind)


def _norm_act(x, normalization, activation="relu"):
    norm = norm_layer(normalization)
    if norm is not None:
        x = norm(x)
    return activation_layer(activation)(x) if activation else x


def _conv(x, filters, kernel, strides, normalization, activation="relu"):
    x = layers.Conv2D(filters, kernel, strides, "same", use_bias=normalization == "none")(x)
    return _norm_act(x, normalization, activation)


def _up(x, filters, normalization):
    x = layers.Conv2DTranspose(filters, 3, 2, "same", use_bias=normalization == "none")(x)
    return _norm_act(x, normalization)


def _res_block(x, filters, normalization):
    h = _conv(x, filters, 3, 1, normalization)
    h = _conv(h, filters, 3, 1, normalization, activation=None)
    return layers.Add()([x, h])


def check_domain_shapes(owner, shape_a, shape_b, same_channels=False):
    """Validates two domains' image shapes: equal sizes (and channels if asked)."""
    shape_a = tuple(shape_a) if isinstance(shape_a, (list, tuple)) else shape_a
    shape_b = shape_a if shape_b is None else (
        tuple(shape_b) if isinstance(shape_b, (list, tuple)) else shape_b)
    for which, shape in (("a", shape_a), ("b", shape_b)):
        if not (isinstance(shape, tuple) and len(shape) == 3
                and all(isinstance(d, int) and not isinstance(d, bool) and d > 0
                        for d in shape)):
            raise InvalidInputError(
                f"{owner}: domain {which} must have an image shape (height, width, "
                f"channels); got {shape!r}."
            )
    if shape_a[:2] != shape_b[:2]:
        raise InvalidInputError(
            f"{owner}: both domains must have the same image size; got {shape_a[:2]} for "
            f"domain a and {shape_b[:2]} for domain b. Resize one domain (e.g. "
            "data.unpaired_from_folders(..., image_size=N))."
        )
    if same_channels and shape_a[2] != shape_b[2]:
        raise InvalidInputError(
            f"{owner}: both domains must have the same number of channels here; got "
            f"{shape_a[2]} (a) and {shape_b[2]} (b)."
        )
    return shape_a, shape_b


def _check_downsampling(owner, shape, n_downsampling):
    if isinstance(n_downsampling, bool) or not isinstance(n_downsampling, int) \
            or n_downsampling < 0:
        raise InvalidInputError(
            f"{owner}: `n_downsampling` must be an int ≥ 0; got {n_downsampling!r}."
        )
    step = 2 ** n_downsampling
    if shape[0] % step or shape[1] % step:
        raise InvalidInputError(
            f"{owner}: image size {shape[:2]} must be divisible by 2**n_downsampling = "
            f"{step} (n_downsampling={n_downsampling})."
        )


class ResnetGenerator(_Net):
    """CycleGAN's ResNet generator: c7s1-f, stride-2 downsampling, residual blocks,
    stride-2 upsampling, c7s1-C → tanh.

    Args:
        image_shape: input images ``(H, W, C)``; H and W divisible by 2**n_downsampling.
        output_channels: channels of the output image (default: the input's).
        filters: filters of the first conv (doubled per downsampling).
        n_blocks: residual blocks at the bottleneck (9 for 256 px, 6 for 128 px, 2–3
            for 28 px).
        n_downsampling: stride-2 stages (2 in the paper).
        normalization: ``instance`` (the paper), ``batch`` or ``none``.

    Example:
        >>> g = ResnetGenerator((28, 28, 1), filters=32, n_blocks=3)
        >>> g(keras.ops.zeros((2, 28, 28, 1))).shape
        TensorShape([2, 28, 28, 1])

    Reference:
        Zhu et al. 2017, "Unpaired Image-to-Image Translation using Cycle-Consistent
        Adversarial Networks", appendix 7.2; Johnson et al. 2016.
    """

    def __init__(self, image_shape=(28, 28, 1), output_channels=None, filters=64, n_blocks=9,
                 n_downsampling=2, normalization="instance", **kwargs):
        owner = type(self).__name__
        image_shape, _ = check_domain_shapes(owner, image_shape, None)
        output_channels = image_shape[2] if output_channels is None else output_channels
        output_channels = check_positive_int("output_channels", output_channels, owner)
        filters = check_positive_int("filters", filters, owner)
        check_positive_int("n_blocks", n_blocks, owner, minimum=0)
        _check_downsampling(owner, image_shape, n_downsampling)
        _check_choice(owner, "normalization", normalization, TRANSLATION_NORMALIZATIONS)
        x_in = keras.Input(image_shape, name="image")
        x = _conv(x_in, filters, 7, 1, normalization)
        for i in range(n_downsampling):
            x = _conv(x, filters * 2 ** (i + 1), 3, 2, normalization)
        width = filters * 2 ** n_downsampling
        for _ in range(n_blocks):
            x = _res_block(x, width, normalization)
        for i in reversed(range(n_downsampling)):
            x = _up(x, filters * 2 ** i, normalization)
        x = layers.Conv2D(output_channels, 7, 1, "same")(x)
        x = layers.Activation("tanh", dtype="float32", name="translated")(x)
        super().__init__(inputs=x_in, outputs=x, **kwargs)
        self.image_shape = image_shape
        self._store(image_shape=image_shape, output_channels=output_channels, filters=filters,
                    n_blocks=n_blocks, n_downsampling=n_downsampling,
                    normalization=normalization)


class PatchDiscriminator(_Net):
    """PatchGAN discriminator: a map of logits, one per overlapping image patch.

    ``n_layers`` stride-2 4×4 convs (filters doubling, capped at 8×), one stride-1 conv,
    then a 1-channel 4×4 conv. With 3 layers each logit sees a 70×70 patch at 256 px.

    Args:
        image_shape: input images ``(H, W, C)``.
        filters: filters of the first conv.
        n_layers: stride-2 convs (3 in the paper; 2 for 28 px).
        normalization: ``instance`` (the paper), ``batch`` or ``none`` (never on the
            first layer).

    Example:
        >>> d = PatchDiscriminator((28, 28, 1), filters=32, n_layers=2)

    Reference:
        Isola et al. 2017 (pix2pix), §3.2.2; Zhu et al. 2017, appendix 7.2.
    """

    def __init__(self, image_shape=(28, 28, 1), filters=64, n_layers=3,
                 normalization="instance", **kwargs):
        owner = type(self).__name__
        image_shape, _ = check_domain_shapes(owner, image_shape, None)
        filters = check_positive_int("filters", filters, owner)
        n_layers = check_positive_int("n_layers", n_layers, owner)
        _check_choice(owner, "normalization", normalization, TRANSLATION_NORMALIZATIONS)
        if min(image_shape[:2]) < 2 ** n_layers:
            raise InvalidInputError(
                f"{owner}: images of size {image_shape[:2]} are too small for n_layers="
                f"{n_layers} stride-2 convs (need at least {2 ** n_layers} px)."
            )
        x_in = keras.Input(image_shape, name="image")
        x = _conv(x_in, filters, 4, 2, "none", "leaky_relu")
        for i in range(1, n_layers):
            x = _conv(x, filters * min(2 ** i, 8), 4, 2, normalization, "leaky_relu")
        x = _conv(x, filters * min(2 ** n_layers, 8), 4, 1, normalization, "leaky_relu")
        x = layers.Conv2D(1, 4, 1, "same", dtype="float32", name="patch_logits")(x)
        super().__init__(inputs=x_in, outputs=x, **kwargs)
        self.image_shape = image_shape
        self._store(image_shape=image_shape, filters=filters, n_layers=n_layers,
                    normalization=normalization)


# --------------------------------------------------------------------------- coupled
class _CoupledNet(keras.Model):
    """Two domain paths through one shared sub-model (see the module docstring).

    A subclassed (not functional) model, so it does not derive from ``_Net``: Keras
    turns ``_Net`` into a ``Functional`` subclass once a functional net is built.
    The config pattern is ``_Net``'s own (the same three methods).
    """

    shared_first = True
    _store = _Net._store
    get_config = _Net.get_config
    from_config = _Net.__dict__["from_config"]

    def _set_parts(self, shared, private_a, private_b):
        self.shared = shared
        self.private_a = private_a
        self.private_b = private_b
        self.built = True

    def forward(self, x, domain, training=False):
        """Runs domain ``"a"`` or ``"b"``'s path on ``x``."""
        if domain not in DOMAINS:
            raise InvalidInputError(f"domain must be 'a' or 'b'; got {domain!r}.")
        private = self.private_a if domain == "a" else self.private_b
        if self.shared_first:
            return private(self.shared(x, training=training), training=training)
        return self.shared(private(x, training=training), training=training)

    def call(self, inputs, training=False):
        """``inputs``: one tensor fed to both paths (shared first) or ``(x_a, x_b)``."""
        if isinstance(inputs, (tuple, list)):
            x_a, x_b = inputs
        else:
            x_a = x_b = inputs
        return (self.forward(x_a, "a", training=training),
                self.forward(x_b, "b", training=training))

    def path_variables(self, domain):
        """Trainable variables on domain ``domain``'s path (the shared ones included)."""
        private = self.private_a if domain == "a" else self.private_b
        return self.shared.trainable_variables + private.trainable_variables


def _submodel(inputs, outputs, name):
    return keras.Model(inputs, outputs, name=name)


def _coupled_dcgan_plan(owner, image_shape_a, image_shape_b, base_filters, private_stages):
    """Checks CoGAN net arguments; returns both shapes and DCGAN's (stages, start)."""
    image_shape_a = check_image_shape(owner, image_shape_a)
    image_shape_a, image_shape_b = check_domain_shapes(owner, image_shape_a, image_shape_b)
    base_filters = check_positive_int("base_filters", base_filters, owner)
    private_stages = check_positive_int("private_stages", private_stages, owner)
    stages, start = sampling_plan(image_shape_a[0])
    if private_stages > stages:
        raise InvalidInputError(
            f"{owner}: private_stages={private_stages} but images of size "
            f"{image_shape_a[0]} have only {stages} stride-2 stages."
        )
    return image_shape_a, image_shape_b, stages, start


class CoupledGenerators(_CoupledNet):
    """CoGAN generators: shared first layers (latent → features), one private output
    stage per domain.

    DCGAN-style: Dense → reshape → stride-2 transposed convs; every stage but the last
    is shared, the last transposed conv and tanh are private (the paper shares all but
    the last layer(s): the high-level semantics are shared, the low-level rendering is
    domain-specific).

    Args:
        latent_dim: size of z.
        image_shape_a, image_shape_b: domain shapes (same size; channels may differ),
            size a multiple of 4, ≥ 8.
        base_filters: filters of the last shared stage (doubled per earlier stage).
        private_stages: how many of the final upsampling stages are private (≥ 1).
        dense_units: width of a shared fully connected layer (BatchNorm, ReLU) between z
            and the first feature map, as in InfoGAN's FC-1024 G; 0 (default) = none.
            Nothing in CoGAN's loss ties the two domains' digits together, only the
            sharing does, and this layer can let the domains permute the digits:
            measure the pairs' agreement along the run when you use it (the
            ``cogan_mnist2domain`` card and ``benchmarks/README.md`` have figures).

    Example:
        >>> g = CoupledGenerators(64, (28, 28, 1), (28, 28, 1), base_filters=32)
        >>> a, b = g(keras.random.normal((2, 64)))

    Reference:
        Liu & Tuzel 2016, "Coupled Generative Adversarial Networks", §3 and Table 5.
    """

    shared_first = True

    def __init__(self, latent_dim=64, image_shape_a=(28, 28, 1), image_shape_b=None,
                 base_filters=64, private_stages=1, dense_units=0, **kwargs):
        owner = type(self).__name__
        latent_dim = check_positive_int("latent_dim", latent_dim, owner)
        image_shape_a, image_shape_b, stages, start = _coupled_dcgan_plan(
            owner, image_shape_a, image_shape_b, base_filters, private_stages)
        check_positive_int("dense_units", dense_units, owner, minimum=0)
        super().__init__(**kwargs)
        z = keras.Input((latent_dim,), name="latent")
        x = z
        if dense_units:
            x = _norm_act(layers.Dense(dense_units, use_bias=False)(x), "batch")
        top = base_filters * 2 ** (stages - 1)
        x = layers.Dense(start * start * top, use_bias=False)(x)
        x = _norm_act(layers.Reshape((start, start, top))(x), "batch")
        for i in range(stages - private_stages):
            x = layers.Conv2DTranspose(base_filters * 2 ** (stages - 2 - i), 4, 2, "same",
                                       use_bias=False)(x)
            x = _norm_act(x, "batch")
        shared = _submodel(z, x, "shared")
        privates = []
        for shape, name in ((image_shape_a, "private_a"), (image_shape_b, "private_b")):
            h_in = keras.Input(tuple(x.shape[1:]), name="features")
            h = h_in
            for i in range(stages - private_stages, stages - 1):
                h = layers.Conv2DTranspose(base_filters * 2 ** (stages - 2 - i), 4, 2, "same",
                                           use_bias=False)(h)
                h = _norm_act(h, "batch")
            h = layers.Conv2DTranspose(shape[2], 4, 2, "same")(h)
            h = layers.Activation("tanh", dtype="float32")(h)
            privates.append(_submodel(h_in, h, name))
        self._set_parts(shared, *privates)
        self.latent_dim = latent_dim
        self._store(latent_dim=latent_dim, image_shape_a=image_shape_a,
                    image_shape_b=image_shape_b, base_filters=base_filters,
                    private_stages=private_stages, dense_units=dense_units)


class CoupledDiscriminators(_CoupledNet):
    """CoGAN discriminators: one private first stage per domain, shared last layers.

    Args:
        image_shape_a, image_shape_b: domain shapes (same size; channels may differ).
        base_filters: filters of the first conv (doubled per stage).
        private_stages: how many of the first stride-2 convs are private (≥ 1).
        dense_units: width of a shared fully connected layer (BatchNorm, LeakyReLU) before
            the logit, as the paper's FC-500 (InfoGAN's FC-1024); 0 (default) = none.

    Example:
        >>> d = CoupledDiscriminators((28, 28, 1), (28, 28, 1), base_filters=32)
        >>> logit_a, logit_b = d((x_a, x_b))

    Reference:
        Liu & Tuzel 2016, §3 and Table 5.
    """

    shared_first = False

    def __init__(self, image_shape_a=(28, 28, 1), image_shape_b=None, base_filters=64,
                 private_stages=1, dense_units=0, **kwargs):
        owner = type(self).__name__
        image_shape_a, image_shape_b, stages, _ = _coupled_dcgan_plan(
            owner, image_shape_a, image_shape_b, base_filters, private_stages)
        check_positive_int("dense_units", dense_units, owner, minimum=0)
        super().__init__(**kwargs)
        privates = []
        for shape, name in ((image_shape_a, "private_a"), (image_shape_b, "private_b")):
            x_in = keras.Input(shape, name="image")
            x = x_in
            for i in range(private_stages):
                x = _conv(x, base_filters * 2 ** i, 4, 2, "none" if i == 0 else "batch",
                          "leaky_relu")
            privates.append(_submodel(x_in, x, name))
        h_in = keras.Input(tuple(privates[0].output.shape[1:]), name="features")
        h = h_in
        for i in range(private_stages, stages):
            h = _conv(h, base_filters * 2 ** i, 4, 2, "batch", "leaky_relu")
        h = layers.Flatten()(h)
        if dense_units:
            h = _norm_act(layers.Dense(dense_units, use_bias=False)(h), "batch", "leaky_relu")
        h = layers.Dense(1, dtype="float32")(h)
        self._set_parts(_submodel(h_in, h, "shared"), *privates)
        self._store(image_shape_a=image_shape_a, image_shape_b=image_shape_b,
                    base_filters=base_filters, private_stages=private_stages,
                    dense_units=dense_units)


class _UNITCoupledNet(_CoupledNet):
    """Argument checks, config and assembly shared by UNIT's encoders and decoders."""

    def __init__(self, image_shape_a=(28, 28, 1), image_shape_b=None, filters=64,
                 n_downsampling=2, n_private_blocks=1, n_shared_blocks=1,
                 normalization="instance", **kwargs):
        owner = type(self).__name__
        image_shape_a, image_shape_b = check_domain_shapes(owner, image_shape_a, image_shape_b)
        filters = check_positive_int("filters", filters, owner)
        _check_downsampling(owner, image_shape_a, n_downsampling)
        check_positive_int("n_private_blocks", n_private_blocks, owner, minimum=0)
        n_shared_blocks = check_positive_int("n_shared_blocks", n_shared_blocks, owner)
        _check_choice(owner, "normalization", normalization, TRANSLATION_NORMALIZATIONS)
        super().__init__(**kwargs)
        step = 2 ** n_downsampling
        width = filters * step
        self.latent_shape = (image_shape_a[0] // step, image_shape_a[1] // step, width)
        self._set_parts(*self._parts(
            (image_shape_a, image_shape_b), filters, n_downsampling, n_private_blocks,
            n_shared_blocks, normalization, width))
        self._store(image_shape_a=image_shape_a, image_shape_b=image_shape_b,
                    filters=filters, n_downsampling=n_downsampling,
                    n_private_blocks=n_private_blocks, n_shared_blocks=n_shared_blocks,
                    normalization=normalization)

    def _parts(self, shapes, filters, n_downsampling, n_private_blocks, n_shared_blocks,
               normalization, width):
        """Returns ``(shared, private_a, private_b)`` sub-models."""
        raise NotImplementedError


class CoupledEncoders(_UNITCoupledNet):
    """UNIT encoders: private conv + downsampling + residual blocks per domain, then
    shared residual blocks producing the shared latent code (a feature map).

    Args:
        image_shape_a, image_shape_b: domain shapes (same size; channels may differ).
        filters: filters of the first conv (doubled per downsampling).
        n_downsampling: stride-2 stages.
        n_private_blocks: residual blocks per domain (≥ 0).
        n_shared_blocks: shared residual blocks (≥ 1).
        normalization: ``instance`` (the paper), ``batch`` or ``none``.

    Example:
        >>> e = CoupledEncoders((28, 28, 1), (28, 28, 1), filters=16)
        >>> mu_a = e.forward(x_a, "a")   # (N, 7, 7, 64)

    Reference:
        Liu, Breuel & Kautz 2017, "Unsupervised Image-to-Image Translation Networks",
        §3 and appendix (shared last encoder layer / first decoder layer).
    """

    shared_first = False

    def _parts(self, shapes, filters, n_downsampling, n_private_blocks, n_shared_blocks,
               normalization, width):
        privates = []
        for shape, name in zip(shapes, ("private_a", "private_b")):
            x_in = keras.Input(shape, name="image")
            x = _conv(x_in, filters, 7, 1, normalization)
            for i in range(n_downsampling):
                x = _conv(x, filters * 2 ** (i + 1), 3, 2, normalization)
            for _ in range(n_private_blocks):
                x = _res_block(x, width, normalization)
            privates.append(_submodel(x_in, x, name))
        h_in = keras.Input(self.latent_shape, name="features")
        h = h_in
        for _ in range(n_shared_blocks):
            h = _res_block(h, width, normalization)
        return (_submodel(h_in, h, "shared"), *privates)


class CoupledDecoders(_UNITCoupledNet):
    """UNIT decoders (generators): shared residual blocks on the latent code, then per
    domain residual blocks, upsampling and a 7×7 conv → tanh.

    Args: as :class:`CoupledEncoders` (the decoder mirrors the encoder).

    Example:
        >>> g = CoupledDecoders((28, 28, 1), (28, 28, 1), filters=16)
        >>> x_ab = g.forward(mu_a, "b")

    Reference:
        Liu, Breuel & Kautz 2017.
    """

    shared_first = True

    def _parts(self, shapes, filters, n_downsampling, n_private_blocks, n_shared_blocks,
               normalization, width):
        z = keras.Input(self.latent_shape, name="latent")
        h = z
        for _ in range(n_shared_blocks):
            h = _res_block(h, width, normalization)
        privates = []
        for shape, name in zip(shapes, ("private_a", "private_b")):
            x_in = keras.Input(self.latent_shape, name="features")
            x = x_in
            for _ in range(n_private_blocks):
                x = _res_block(x, width, normalization)
            for i in reversed(range(n_downsampling)):
                x = _up(x, filters * 2 ** i, normalization)
            x = layers.Conv2D(shape[2], 7, 1, "same")(x)
            x = layers.Activation("tanh", dtype="float32")(x)
            privates.append(_submodel(x_in, x, name))
        return (_submodel(z, h, "shared"), *privates)


class LatentDiscriminator(_Net):
    """A domain classifier on the latent code (UNIT's optional domain discriminator):
    conv → global average pool → dense logit ("domain a" = 1).

    Args:
        latent_shape: shape of the latent code ``(h, w, c)``.
        filters: filters of the conv.

    Reference:
        Ganin et al. 2016 (domain-adversarial training), applied to the encoders'
        output as a "domain discriminator".
    """

    def __init__(self, latent_shape=(7, 7, 64), filters=64, **kwargs):
        owner = type(self).__name__
        latent_shape = tuple(latent_shape) if isinstance(latent_shape, (list, tuple)) \
            else latent_shape
        if not (isinstance(latent_shape, tuple) and len(latent_shape) == 3):
            raise InvalidInputError(f"{owner}: latent_shape must be (h, w, c); got "
                                    f"{latent_shape!r}.")
        filters = check_positive_int("filters", filters, owner)
        z = keras.Input(latent_shape, name="latent")
        h = _conv(z, filters, 3, 1, "none", "leaky_relu")
        h = layers.GlobalAveragePooling2D()(h)
        h = layers.Dense(1, dtype="float32")(h)
        super().__init__(inputs=z, outputs=h, **kwargs)
        self._store(latent_shape=latent_shape, filters=filters)


for _cls in (ResnetGenerator, PatchDiscriminator, CoupledGenerators, CoupledDiscriminators,
             CoupledEncoders, CoupledDecoders, LatentDiscriminator):
    keras.saving.register_keras_serializable(package="keras_gans")(_cls)
