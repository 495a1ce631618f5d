"""Unpaired two-domain pipelines (keras_gans.data.unpaired) and the MNIST two-domain task."""

import gzip

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.data import unpaired as up
from keras_gans.errors import DatasetUnavailableError, InvalidInputError

from conftest import BATCH, build_tiny


def _two_domains(n_a=8, n_b=12, size=8):
    x_a = np.zeros((n_a, size, size, 1), np.uint8)            # all -1 after scaling
    x_b = np.full((n_b, size, size, 1), 255, np.uint8)        # all +1 after scaling
    return x_a, x_b


def test_unpaired_from_arrays_structure_and_scaling():
    x_a, x_b = _two_domains()
    ds = data.unpaired_from_arrays(x_a, x_b, batch_size=BATCH)
    assert data.is_unpaired(ds)
    assert set(ds.element_spec) == {"domain_a", "domain_b"}
    batches = list(ds)
    # The shorter domain is repeated: an epoch covers the longer one (12 / 4 = 3).
    assert len(batches) == 3 == int(ds.cardinality())
    for batch in batches:
        np.testing.assert_array_equal(batch["domain_a"].numpy(), -1.0)
        np.testing.assert_array_equal(batch["domain_b"].numpy(), 1.0)
        assert batch["domain_a"].shape == (BATCH, 8, 8, 1)


def test_domains_are_shuffled_independently():
    idx_a = np.arange(64, dtype=np.uint8)[:, None, None, None] * np.ones((1, 8, 8, 1), np.uint8)
    ds = data.unpaired_from_arrays(idx_a, idx_a.copy(), batch_size=64, seed=3)
    batch = next(iter(ds))
    order_a = ((batch["domain_a"].numpy()[:, 0, 0, 0] + 1) * 127.5).round()
    order_b = ((batch["domain_b"].numpy()[:, 0, 0, 0] + 1) * 127.5).round()
    assert sorted(order_a) == sorted(order_b) == list(range(64))
    assert not np.array_equal(order_a, order_b)  # no accidental pairing by position


def test_labelled_or_paired_inputs_are_refused():
    x_a, x_b = _two_domains()
    labelled = data.from_arrays(x_a, np.zeros(len(x_a), np.int64), batch_size=BATCH)
    plain = data.from_arrays(x_b, batch_size=BATCH)
    with pytest.raises(InvalidInputError, match="labelled or paired"):
        data.zip_unpaired(labelled, plain)
    with pytest.raises(InvalidInputError, match="one image array"):
        data.unpaired_from_arrays((x_a, np.zeros(len(x_a))), x_b, batch_size=BATCH)
    with pytest.raises(InvalidInputError, match="tf.data.Dataset"):
        data.zip_unpaired(x_a, plain)
    with pytest.raises(InvalidInputError, match="same batch size"):
        data.zip_unpaired(data.from_arrays(x_a, batch_size=2), plain)
    with pytest.raises(InvalidInputError, match=r"images \(N, H, W\)"):
        data.unpaired_from_arrays(np.zeros((8, 4)), x_b, batch_size=BATCH)
    with pytest.raises(InvalidInputError, match="fewer than one batch"):
        data.unpaired_from_arrays(x_a[:2], x_b, batch_size=BATCH)


def test_unpaired_dataset_refused_by_a_one_domain_gan():
    x_a, x_b = _two_domains()
    gan = build_tiny("dcgan")
    gan.compile(run_eagerly=True)
    with pytest.raises(InvalidInputError, match="dict with keys"):
        gan.fit(data.unpaired_from_arrays(x_a, x_b, batch_size=BATCH), epochs=1, verbose=0)


def test_tfds_cycle_gan_offline_fails_fast(tmp_path):
    with pytest.raises(DatasetUnavailableError, match="cycle_gan/horse2zebra"):
        data.unpaired_from_tfds("cycle_gan/horse2zebra", data_dir=str(tmp_path),
                                download=False)
    with pytest.raises(InvalidInputError, match="two splits"):
        data.unpaired_from_tfds("cycle_gan/horse2zebra", splits=("trainA",))


def test_render_inverted_dilated():
    x = np.zeros((1, 5, 5, 1), np.uint8)
    x[0, 2, 2, 0] = 255
    out = up.render_inverted_dilated(x, dilation=1)
    expected = np.full((5, 5), 255, np.uint8)
    expected[1:4, 1:4] = 0  # a 3×3 black block on white
    np.testing.assert_array_equal(out[0, ..., 0], expected)
    np.testing.assert_array_equal(up.render_inverted_dilated(x, dilation=0), 255 - x)
    with pytest.raises(InvalidInputError, match="uint8"):
        up.render_inverted_dilated(x.astype(np.float32))


def test_undo_rendering_recovers_strokes_the_rendering_thickened():
    # An L-shaped stroke (one arm on the border) and a dot: erosion after dilation (a
    # closing) gives each back exactly; inversion alone leaves them 3 pixels thick.
    x = np.zeros((1, 9, 9, 1), np.uint8)
    x[0, 0, 2:7, 0] = 255
    x[0, 0:5, 6, 0] = 255
    x[0, 6, 2, 0] = 255
    rendered = up.render_inverted_dilated(x, dilation=1).astype(np.float32) / 127.5 - 1
    back = up.undo_rendering(rendered, dilation=1)
    np.testing.assert_array_equal(back, x.astype(np.float32) / 127.5 - 1)
    assert back.dtype == np.float32
    only_inverted = up.undo_rendering(rendered, dilation=0)
    np.testing.assert_array_equal(only_inverted, -rendered)
    assert (only_inverted > 0).sum() > 2 * (back > 0).sum()
    with pytest.raises(InvalidInputError, match=r"\(N, H, W, C\).*shape \(9, 9\)"):
        up.undo_rendering(rendered[0, ..., 0])


def _write_idx(path, array):
    codes = {np.dtype(np.uint8): 0x08}
    header = bytes([0, 0, codes[array.dtype], array.ndim])
    header += b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with gzip.open(path, "wb") as f:
        f.write(header + array.tobytes())


def test_mnist_two_domains_disjoint_halves(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (10, 28, 28), dtype=np.uint8)
    labels = np.arange(10, dtype=np.uint8)
    _write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images)
    _write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", labels)
    task = data.mnist_two_domains(str(tmp_path), "test")
    np.testing.assert_array_equal(task["x_a"][..., 0], images[:5])
    np.testing.assert_array_equal(task["y_a"], np.arange(5))
    np.testing.assert_array_equal(task["y_b"], np.arange(5, 10))
    np.testing.assert_array_equal(task["x_b"], up.render_inverted_dilated(images[5:, ..., None]))
    ds = data.unpaired_from_arrays(task["x_a"], task["x_b"], batch_size=5)
    assert isinstance(ds, tf.data.Dataset) and data.is_unpaired(ds)


def test_unpaired_from_two_folders(tmp_path):
    from keras_gans import images

    for folder, value in (("a", 0), ("b", 255)):
        for i in range(4):
            images.save_png(np.full((8, 8, 1), value, np.uint8), tmp_path / folder / f"{i}.png")
    ds = data.unpaired_from_folders(str(tmp_path / "a"), str(tmp_path / "b"), image_size=8,
                                    channels=1, batch_size=2)
    assert data.is_unpaired(ds)
    batch = next(iter(ds))
    np.testing.assert_allclose(batch["domain_a"].numpy(), -1.0)
    np.testing.assert_allclose(batch["domain_b"].numpy(), 1.0)
    with pytest.raises(InvalidInputError, match="does not exist"):
        data.unpaired_from_folders(str(tmp_path / "missing"), str(tmp_path / "b"), 8)
