"""DiffAugment: differentiable, seeded transforms of D's inputs, and the GAN option."""

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import augment
from keras_gans.errors import InvalidInputError
from keras_gans.seeds import stream


def _images(batch=4, size=8, channels=1, seed=0):
    rng = np.random.default_rng(seed)
    return tf.constant(rng.uniform(-1, 1, (batch, size, size, channels)).astype("float32"))


def test_same_seed_same_views_other_seed_other_views():
    # Exact equality: same seed, same shapes, same machine.
    x = _images()
    a = augment.diff_augment(x, "color,translation,cutout", stream(3, "s"))
    b = augment.diff_augment(x, "color,translation,cutout", stream(3, "s"))
    c = augment.diff_augment(x, "color,translation,cutout", stream(4, "s"))
    assert a.shape == x.shape
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert not np.allclose(a.numpy(), c.numpy())


def test_translation_moves_a_pixel_by_at_most_an_eighth_and_fills_with_zero():
    size, batch = 16, 64
    x = np.zeros((batch, size, size, 1), "float32")
    x[:, 8, 8, 0] = 1.0
    out = augment.diff_augment(tf.constant(x), "translation", stream(0, "t")).numpy()
    reach = int(size * augment.TRANSLATION_RATIO + 0.5)
    moved = set()
    for image in out:
        rows, cols, _ = np.nonzero(image)
        assert len(rows) == 1 and image.sum() == pytest.approx(1.0)
        dr, dc = rows[0] - 8, cols[0] - 8
        assert abs(dr) <= reach and abs(dc) <= reach
        moved.add((dr, dc))
    assert len(moved) > 10  # shifts differ from sample to sample
    ones = np.ones((batch, size, size, 1), "float32")
    shifted = augment.diff_augment(tf.constant(ones), "translation", stream(0, "t")).numpy()
    assert set(np.unique(shifted)) <= {0.0, 1.0}  # zero border, no interpolation


def test_cutout_zeroes_one_square_of_half_the_side():
    size, batch = 8, 32
    ones = tf.ones((batch, size, size, 1))
    out = augment.diff_augment(ones, "cutout", stream(1, "c")).numpy()[..., 0]
    side = int(size * augment.CUTOUT_RATIO + 0.5)
    for image in out:
        rows, cols = np.nonzero(image == 0)
        assert 0 < len(rows) <= side * side
        assert rows.max() - rows.min() < side and cols.max() - cols.min() < side
        assert len(rows) == (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)


def test_color_keeps_the_shape_and_changes_values_per_sample():
    x = _images(batch=8, channels=3)
    out = augment.diff_augment(x, "color", stream(2, "k")).numpy()
    shift = (out - x.numpy()).mean(axis=(1, 2, 3))
    assert np.std(shift) > 1e-3


def test_gradients_flow_through_every_transform():
    x = _images()
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = augment.diff_augment(x, "color,translation,cutout", stream(5, "g"))
        loss = tf.reduce_sum(y * y)
    grad = tape.gradient(loss, x)
    assert grad is not None and np.abs(grad.numpy()).sum() > 0


@pytest.mark.parametrize("policy, match", [
    ("translation,flip", "unknown augment policies"),
    (["cutout", "cutout"], "twice"),
    (3, "comma-separated"),
])
def test_bad_policies_say_what_is_known(policy, match):
    with pytest.raises(InvalidInputError, match=match):
        augment.parse_policy(policy)


def test_policy_forms_are_one_canonical_string():
    assert augment.parse_policy(" translation , cutout ") == "translation,cutout"
    assert augment.parse_policy(["color"]) == "color"
    assert augment.parse_policy(None) == augment.parse_policy("") == ""


def test_gan_with_augment_trains_round_trips_and_changes_what_d_sees(tmp_path):
    import keras

    import keras_gans

    data = np.random.default_rng(0).uniform(-1, 1, (8, 28, 28, 1)).astype("float32")
    logs = {}
    for policy in (None, "translation,cutout"):
        gan = keras_gans.build("dcgan", image_shape=(28, 28, 1), latent_dim=8, seed=0,
                               augment=policy, generator={"base_filters": 8},
                               discriminator={"base_filters": 8})
        gan.compile()
        history = gan.fit(data, batch_size=4, epochs=1, steps_per_epoch=1, verbose=0)
        logs[policy] = history.history
        assert all(np.isfinite(v[-1]) for v in history.history.values())
    assert logs[None]["d_real"] != logs["translation,cutout"]["d_real"]
    path = str(tmp_path / "aug.keras")
    gan.save(path)
    loaded = keras.saving.load_model(path)
    assert loaded.augment == "translation,cutout"


def test_augment_on_vector_data_is_refused():
    import keras_gans

    with pytest.raises(InvalidInputError, match="transforms images"):
        keras_gans.build("nsgan", image_shape=(2,), augment="translation")


def test_bigan_augments_only_the_image_of_its_pairs():
    import keras_gans

    gan = keras_gans.build("bigan", image_shape=(28, 28, 1), latent_dim=8, seed=0,
                           augment="translation")
    x = tf.ones((2, 28, 28, 1))
    z = tf.ones((2, 8))
    out = gan.augmented((x, z), stream(0, "p"), "augment_real")
    assert isinstance(out, tuple)
    np.testing.assert_array_equal(out[1].numpy(), z.numpy())
    assert not np.array_equal(out[0].numpy(), x.numpy())
