"""InfoGAN's discriminator: a body shared by the real/fake head and the recognition head Q."""

import keras
from keras import layers

from keras_gans import nets
from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError


@keras.saving.register_keras_serializable(package="keras_gans")
class InfoGANDiscriminator(nets._Net):
    """DCGAN-style discriminator whose body is shared with InfoGAN's recognition head Q.

    body: ``keras_gans.nets.conv_body``: stride-2 convs → flatten → optional
    Dense(``shared_units``) + norm + activation (the paper's FC-1024 layer);
    D head: Dense(1) → ``"logits"``; Q head: Dense(``q_units``) + norm + activation →
    ``"q_cat"`` (K logits), ``"q_mu"`` and ``"q_log_var"`` (C each). Heads whose code is
    empty (``num_categories=0`` or ``num_continuous=0``) are left out of the output.

    Args:
        image_shape: input (size, size, channels), size a multiple of 4, ≥ 8.
        num_categories: K, size of the categorical code (0 for none, else ≥ 2).
        num_continuous: C, number of continuous codes (≥ 0).
        base_filters: filters of the first conv (doubled per stage).
        shared_units: width of the shared fully connected layer; 0 leaves it out.
        q_units: width of Q's hidden layer.
        activation: default ``leaky_relu`` (0.2).
        normalization: ``batch`` (paper), ``layer`` or ``none``.
        spectral_norm: spectral normalization on the shared body and the D head (Q's own
            layers are a recognition net and are left unconstrained).
        kernel_size: conv kernel size.

    Example:
        >>> d = InfoGANDiscriminator((28, 28, 1), num_categories=10, num_continuous=2)
        >>> out = d(keras.random.normal((2, 28, 28, 1)))
        >>> sorted(out), out["q_cat"].shape
        (['logits', 'q_cat', 'q_log_var', 'q_mu'], TensorShape([2, 10]))

    Reference:
        Chen et al. 2016, InfoGAN, Appendix C.1 (MNIST: conv64 → conv128-BN → FC1024-BN
        shared; D: FC1; Q: FC128-BN → codes).
    """

    def __init__(
        self,
        image_shape=(28, 28, 1),
        num_categories=10,
        num_continuous=2,
        base_filters=64,
        shared_units=1024,
        q_units=128,
        activation="leaky_relu",
        normalization="batch",
        spectral_norm=False,
        kernel_size=4,
        **kwargs,
    ):
        owner = type(self).__name__
        image_shape = nets.check_image_shape(owner, image_shape)
        _check_code_sizes(owner, num_categories, num_continuous)
        base_filters = check_positive_int("base_filters", base_filters, owner)
        shared_units = check_positive_int("shared_units", shared_units, owner, minimum=0)
        q_units = check_positive_int("q_units", q_units, owner)
        kernel_size = check_positive_int("kernel_size", kernel_size, owner)
        nets._check_choice(owner, "activation", activation, nets.ACTIVATIONS)
        nets._check_choice(owner, "normalization", normalization, nets.NORMALIZATIONS)
        use_bias = normalization == "none"

        x = keras.Input(image_shape, name="image")
        h = nets.conv_body(x, image_shape, base_filters, activation, normalization,
                           spectral_norm, kernel_size, shared_units)
        outputs = {
            "logits": nets._maybe_sn(layers.Dense(1, dtype="float32", name="logits"),
                                     spectral_norm)(h)
        }
        q = nets._apply(h, layers.Dense(q_units, use_bias=use_bias, name="q_hidden"),
                        nets.normalization_layer(normalization),
                        nets.activation_layer(activation))
        if num_categories:
            outputs["q_cat"] = layers.Dense(num_categories, dtype="float32", name="q_cat")(q)
        if num_continuous:
            outputs["q_mu"] = layers.Dense(num_continuous, dtype="float32", name="q_mu")(q)
            outputs["q_log_var"] = layers.Dense(num_continuous, dtype="float32",
                                                name="q_log_var")(q)
        super().__init__(inputs=x, outputs=outputs, **kwargs)
        self.image_shape = image_shape
        self._store(
            image_shape=image_shape,
            num_categories=num_categories,
            num_continuous=num_continuous,
            base_filters=base_filters,
            shared_units=shared_units,
            q_units=q_units,
            activation=activation,
            normalization=normalization,
            spectral_norm=spectral_norm,
            kernel_size=kernel_size,
        )


def _check_code_sizes(owner, num_categories, num_continuous):
    check_positive_int("num_categories", num_categories, owner, minimum=0)
    check_positive_int("num_continuous", num_continuous, owner, minimum=0)
    if num_categories == 1:
        raise InvalidInputError(
            f"{owner}: `num_categories` must be 0 (no categorical code) or ≥ 2; got 1."
        )
    if num_categories == 0 and num_continuous == 0:
        raise InvalidInputError(
            f"{owner}: InfoGAN needs at least one code; got num_categories=0 and "
            "num_continuous=0."
        )
