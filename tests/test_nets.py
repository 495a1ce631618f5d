"""Nets: shapes for 28/32/64 px and any channel count, options, config round trip."""

import keras
import numpy as np
import pytest

from keras_gans import nets
from keras_gans.errors import InvalidInputError


@pytest.mark.parametrize("shape", [(8, 8, 1), (28, 28, 1), (32, 32, 3), (64, 64, 3), (16, 16, 4)])
def test_conv_nets_fit_their_image_shape(shape):
    g = nets.DCGANGenerator(8, shape, base_filters=4)
    d = nets.DCGANDiscriminator(shape, base_filters=4)
    x = g(np.random.default_rng(0).normal(size=(2, 8)).astype(np.float32))
    assert tuple(x.shape) == (2, *shape)
    assert float(keras.ops.max(keras.ops.abs(x))) <= 1.0  # tanh output
    assert tuple(d(x).shape) == (2, 1)


def test_sampling_plan():
    assert nets.sampling_plan(28) == (2, 7)
    assert nets.sampling_plan(32) == (3, 4)
    assert nets.sampling_plan(64) == (4, 4)


@pytest.mark.parametrize("activation", nets.ACTIVATIONS)
@pytest.mark.parametrize("normalization", nets.NORMALIZATIONS)
def test_activation_and_normalization_choices(activation, normalization):
    g = nets.DCGANGenerator(4, (8, 8, 1), base_filters=4, activation=activation,
                            normalization=normalization)
    d = nets.DCGANDiscriminator((8, 8, 1), base_filters=4, activation=activation,
                                normalization=normalization)
    kinds = {type(layer).__name__ for layer in g.layers + d.layers}
    expected = {"batch": "BatchNormalization", "layer": "LayerNormalization"}.get(normalization)
    if expected:
        assert expected in kinds
    else:
        assert not kinds & {"BatchNormalization", "LayerNormalization"}
    if activation == "leaky_relu":
        assert "LeakyReLU" in kinds
    assert tuple(d(g(np.zeros((2, 4), np.float32))).shape) == (2, 1)


def test_spectral_norm_wraps_every_weight_layer():
    d = nets.DCGANDiscriminator((8, 8, 1), base_filters=4, normalization="none",
                                spectral_norm=True)
    weight_layers = [layer for layer in d.layers if isinstance(layer, (keras.layers.Conv2D,
                                                                       keras.layers.Dense))]
    wrapped = [layer for layer in d.layers if isinstance(layer, keras.layers.SpectralNormalization)]
    assert not weight_layers and len(wrapped) == 2  # one conv stage + the logit


def test_generator_dense_layer_sits_between_latent_and_projection():
    """``dense_units`` adds the InfoGAN / TF-GAN FC layer (+ norm + activation) before
    the projection to the first feature map; 0 keeps DCGAN's G."""
    plain = nets.DCGANGenerator(4, (8, 8, 1), base_filters=4)
    wide = nets.DCGANGenerator(4, (8, 8, 1), base_filters=4, dense_units=16)
    dense = [layer.units for layer in wide.layers if isinstance(layer, keras.layers.Dense)]
    projection = 4 * 4 * 4  # 8 px: one stage from a 4 × 4 map of 4 filters
    assert dense == [16, projection]
    # z → 16 (no bias: BN follows) + BN (4 × 16), then the projection reads 16, not 4, inputs
    assert wide.count_params() - plain.count_params() == 4 * 16 + 4 * 16 + 12 * projection
    assert tuple(wide(np.zeros((3, 4), np.float32)).shape) == (3, 8, 8, 1)


def test_discriminator_dense_layer_sits_between_convs_and_logit():
    """``dense_units`` adds InfoGAN's FC layer (+ norm + activation) before the logit;
    0 keeps DCGAN's D."""
    plain = nets.DCGANDiscriminator((8, 8, 1), base_filters=4)
    wide = nets.DCGANDiscriminator((8, 8, 1), base_filters=4, dense_units=16)
    dense = [layer for layer in wide.layers if isinstance(layer, keras.layers.Dense)]
    assert [layer.units for layer in dense] == [16, 1]
    assert not dense[0].use_bias  # batch norm follows it
    flat = 4 * 4 * 4  # 8 px → one stride-2 conv stage of 4 filters
    # kernel, BN (γ, β, moving mean and variance), then the logit's kernel and bias
    assert wide.count_params() - plain.count_params() == flat * 16 + 4 * 16 + 16 + 1 - (flat + 1)
    assert tuple(wide(np.zeros((3, 8, 8, 1), np.float32)).shape) == (3, 1)


@pytest.mark.parametrize("net", [
    lambda: nets.DCGANGenerator(4, (8, 8, 3), base_filters=4, activation="elu"),
    lambda: nets.DCGANDiscriminator((8, 8, 3), base_filters=4, spectral_norm=True),
    lambda: nets.DCGANDiscriminator((8, 8, 1), base_filters=4, dense_units=8),
    lambda: nets.DCGANGenerator(4, (8, 8, 1), base_filters=4, dense_units=8),
    lambda: nets.MLPGenerator(4, (2,), hidden_units=[8, 8]),
    lambda: nets.MLPDiscriminator((8, 8, 1), hidden_units=[8]),
    lambda: nets.MLPDiscriminator((8, 8, 1), hidden_units=[8, 4], dropout=0.3),
    lambda: nets.MLPDiscriminator((2,), hidden_units=[6, 4], maxout_pieces=3),
    lambda: nets.AutoencoderDiscriminator((8, 8, 1), base_filters=4, embedding_dim=3),
    lambda: nets.AutoencoderDiscriminator((2,), hidden_units=[8], embedding_dim=3),
])
def test_config_round_trip(net):
    a = net()
    b = type(a).from_config(a.get_config())
    assert b.get_config() == a.get_config()
    assert a.count_params() == b.count_params()


def test_mlp_discriminator_dropout_acts_only_in_training():
    d = nets.MLPDiscriminator((16,), hidden_units=[64, 64], dropout=0.5)
    x = np.random.default_rng(0).normal(size=(4, 16)).astype(np.float32)
    np.testing.assert_array_equal(np.asarray(d(x, training=False)), np.asarray(d(x)))
    assert not np.allclose(np.asarray(d(x, training=True)), np.asarray(d(x, training=False)))


def test_maxout_takes_the_max_of_consecutive_groups():
    x = np.random.default_rng(0).normal(size=(3, 12)).astype(np.float32)
    out = np.asarray(nets.Maxout(4)(x))
    np.testing.assert_allclose(out, x.reshape(3, 3, 4).max(axis=-1))


def test_maxout_discriminator_widens_each_hidden_layer_by_its_pieces():
    d = nets.MLPDiscriminator((2,), hidden_units=[6, 4], maxout_pieces=3)
    widths = [layer.units for layer in d.layers if isinstance(layer, keras.layers.Dense)]
    assert widths == [18, 12, 1]
    assert tuple(d(np.zeros((5, 2), np.float32)).shape) == (5, 1)


def test_maxout_discriminator_survives_keras_save_and_load(tmp_path):
    d = nets.MLPDiscriminator((2,), hidden_units=[6], maxout_pieces=3)
    x = np.random.default_rng(1).normal(size=(4, 2)).astype(np.float32)
    d.save(tmp_path / "d.keras")
    loaded = keras.saving.load_model(tmp_path / "d.keras")
    np.testing.assert_allclose(np.asarray(loaded(x)), np.asarray(d(x)), rtol=1e-6)


def test_autoencoder_energy_is_mean_squared_reconstruction_error():
    d = nets.AutoencoderDiscriminator((2,), hidden_units=[8], embedding_dim=3)
    x = np.random.default_rng(0).normal(size=(5, 2)).astype(np.float32)
    out = d(x)
    assert tuple(out["logits"].shape) == (5,) and tuple(out["embedding"].shape) == (5, 3)
    assert np.all(np.asarray(out["logits"]) >= 0)


@pytest.mark.parametrize("make, pattern", [
    (lambda: nets.DCGANGenerator(4, (30, 30, 1)), "multiple of 4"),
    (lambda: nets.DCGANGenerator(4, (28, 32, 1)), r"got \(28, 32, 1\)"),
    (lambda: nets.DCGANGenerator(0, (8, 8, 1)), "latent_dim"),
    (lambda: nets.DCGANDiscriminator((8, 8, 1), activation="gelu"), "activation.*gelu"),
    (lambda: nets.DCGANDiscriminator((8, 8, 1), normalization="group"), "normalization"),
    (lambda: nets.DCGANDiscriminator((8, 8, 1), dense_units=-1), r"dense_units.*got -1"),
    (lambda: nets.MLPGenerator(4, (2,), hidden_units=[]), "hidden_units"),
    (lambda: nets.MLPDiscriminator((0,)), "data_shape"),
    (lambda: nets.MLPDiscriminator((2,), dropout=1.0), r"dropout.*\[0, 1\).*got 1.0"),
    (lambda: nets.MLPDiscriminator((2,), maxout_pieces=-2), r"maxout_pieces.*got -2"),
    (lambda: nets.Maxout(4)(np.zeros((2, 6), np.float32)), r"divisible by 4.*\(2, 6\)"),
])
def test_bad_arguments(make, pattern):
    with pytest.raises(InvalidInputError, match=pattern):
        make()
