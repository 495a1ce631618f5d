"""PacGAN packing (Lin et al. 2018): D scores m samples at once."""

import numpy as np
import pytest

from conftest import BATCH, assert_keras_round_trip, build_tiny, run_gan_train_test, tiny_data


def test_pack_samples_concatenates_consecutive_samples_on_the_last_axis():
    from keras_gans.engine import pack_samples

    x = np.arange(4 * 3 * 3 * 2, dtype=np.float32).reshape(4, 3, 3, 2)
    packed = pack_samples(x, 2).numpy()
    assert packed.shape == (2, 3, 3, 4)
    np.testing.assert_array_equal(packed[0], np.concatenate([x[0], x[1]], axis=-1))
    np.testing.assert_array_equal(packed[1], np.concatenate([x[2], x[3]], axis=-1))
    v = np.arange(12, dtype=np.float32).reshape(6, 2)
    np.testing.assert_array_equal(pack_samples(v, 3).numpy(),
                                  [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])


@pytest.mark.parametrize("mode", ["eager", "xla"])
@pytest.mark.parametrize("variant,shape", [("nsgan", (2,)), ("wgan_gp", (8, 8, 1))])
def test_packed_variant_trains(variant, shape, mode):
    model = build_tiny(variant, shape=shape, pack=2)
    assert model.discriminator.input_shape[1:] == (*shape[:-1], 2 * shape[-1])
    run_gan_train_test(model, tiny_data(shape), mode)
    assert model.generate(3, seed=0).shape == (3, *shape)  # G is unchanged


def test_packed_model_round_trips(tmp_path):
    model = build_tiny("dcgan", pack=2)
    run_gan_train_test(model, tiny_data(), "eager", steps=1)
    assert assert_keras_round_trip(model, tmp_path).pack == 2


def test_pack_bad_input():
    from keras_gans.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="divisible by 3"):
        run_gan_train_test(build_tiny("dcgan", pack=3), tiny_data(), "eager")
    assert BATCH % 3
    for bad in (0, 1.5, True):
        with pytest.raises(InvalidInputError, match="pack must be an int"):
            build_tiny("nsgan", shape=(2,), pack=bad)
    with pytest.raises(InvalidInputError, match="does not apply"):
        build_tiny("ebgan", pack=2)
    import keras_gans

    g = build_tiny("dcgan")
    with pytest.raises(InvalidInputError, match=r"packed 2 at a time"):
        keras_gans.GAN(g.generator, g.discriminator, pack=2)
