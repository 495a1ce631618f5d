"""keras_gans.data: pipelines, IDX files, image folders, tfds, mixtures, embedded MNIST."""

import gzip
import struct
import time

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.data import sources
from keras_gans.errors import DatasetUnavailableError, InvalidInputError, UnknownNameError


def _first(ds):
    return next(iter(ds))


def test_uint8_images_are_scaled_to_unit_range():
    x = np.array([0, 255, 128, 64] * 4, np.uint8).reshape(4, 2, 2)
    batch = _first(data.from_arrays(x, batch_size=4, shuffle=False)).numpy()
    assert batch.shape == (4, 2, 2, 1) and batch.dtype == np.float32
    assert batch.min() == -1.0 and batch.max() == 1.0
    np.testing.assert_allclose(batch.ravel()[:4], [-1, 1, 128 / 127.5 - 1, 64 / 127.5 - 1],
                               atol=1e-6)


def test_float_images_outside_range_need_input_range():
    x = np.linspace(0, 255, 4 * 16, dtype=np.float32).reshape(4, 4, 4, 1)
    with pytest.raises(InvalidInputError, match=r"values in \[0, 255\].*input_range"):
        data.from_arrays(x, batch_size=2)
    batch = _first(data.from_arrays(x, batch_size=4, shuffle=False, input_range=(0, 255)))
    assert float(tf.reduce_min(batch)) == -1.0 and float(tf.reduce_max(batch)) == 1.0


def test_vectors_are_not_rescaled_and_labels_pass_through():
    x = np.arange(16, dtype=np.float32).reshape(8, 2) * 10
    y = np.arange(8)
    xb, yb = _first(data.from_arrays(x, y, batch_size=8, shuffle=False))
    np.testing.assert_array_equal(xb.numpy(), x)
    np.testing.assert_array_equal(yb.numpy(), y)


def test_batches_drop_the_remainder_and_shuffle_is_seeded():
    x = np.arange(10, dtype=np.float32).reshape(10, 1) / 10
    batches = list(data.from_arrays(x, batch_size=4, seed=1))
    assert [b.shape[0] for b in batches] == [4, 4]
    again = list(data.from_arrays(x, batch_size=4, seed=1))
    np.testing.assert_array_equal(batches[0].numpy(), again[0].numpy())


@pytest.mark.parametrize("x, pattern", [
    (np.zeros((0, 4, 4)), "empty"),
    (np.zeros((3, 4, 4)), "fewer than one batch of 4"),
    (np.zeros((4,)), r"shape \(4,\)"),
    (np.zeros((4, 2, 2, 2, 1)), r"shape \(4, 2, 2, 2, 1\)"),
    (np.array([["a"]] * 4), "numeric"),
])
def test_bad_arrays(x, pattern):
    with pytest.raises(InvalidInputError, match=pattern):
        data.from_arrays(x, batch_size=4)


def test_non_finite_values_are_reported_with_position():
    x = np.zeros((6, 4, 4), np.float32)
    x[3, 1, 1] = np.nan
    x[5, 0, 0] = np.inf
    with pytest.raises(InvalidInputError, match="2 non-finite values.*example 3"):
        data.from_arrays(x, batch_size=2)


def test_labels_must_match():
    with pytest.raises(InvalidInputError, match=r"shape \(4,\)"):
        data.from_arrays(np.zeros((4, 2)), np.zeros(3, int), batch_size=2)
    with pytest.raises(InvalidInputError, match="integers"):
        data.from_arrays(np.zeros((4, 2)), np.zeros(4), batch_size=2)


def _write_idx(path, array, compress):
    codes = {np.dtype(np.uint8): 0x08, np.dtype(">i4"): 0x0C, np.dtype(">f4"): 0x0D}
    header = bytes([0, 0, codes[array.dtype], array.ndim]) + struct.pack(
        f">{array.ndim}I", *array.shape)
    payload = header + array.tobytes()
    opener = gzip.open if compress else open
    with opener(path, "wb") as f:
        f.write(payload)


@pytest.mark.parametrize("compress", [False, True])
def test_idx_round_trip(tmp_path, compress):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (6, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, 6).astype(np.uint8)
    ext = ".gz" if compress else ""
    _write_idx(tmp_path / f"t10k-images-idx3-ubyte{ext}", images, compress)
    _write_idx(tmp_path / f"t10k-labels-idx1-ubyte{ext}", labels, compress)
    x, y = data.load_mnist_idx(tmp_path, "test")
    np.testing.assert_array_equal(x[..., 0], images)
    np.testing.assert_array_equal(y, labels)
    floats = rng.normal(size=(3, 2)).astype(">f4")
    _write_idx(tmp_path / "floats.idx", floats, False)
    np.testing.assert_array_equal(data.load_idx(tmp_path / "floats.idx"), floats)
    batch, labels_batch = _first(data.from_idx_dir(tmp_path, "test", batch_size=6,
                                                   with_labels=True, shuffle=False))
    assert batch.shape == (6, 28, 28, 1) and labels_batch.shape == (6,)


def test_idx_errors(tmp_path):
    images = np.zeros((4, 28, 28), np.uint8)
    _write_idx(tmp_path / "train-images-idx3-ubyte", images, False)
    raw = (tmp_path / "train-images-idx3-ubyte").read_bytes()
    (tmp_path / "cut").write_bytes(raw[:-10])
    with pytest.raises(InvalidInputError, match="truncated or corrupt"):
        data.load_idx(tmp_path / "cut")
    (tmp_path / "junk").write_bytes(b"PK\x03\x04 not idx")
    with pytest.raises(InvalidInputError, match="not an IDX file"):
        data.load_idx(tmp_path / "junk")
    with pytest.raises(InvalidInputError, match="train-labels-idx1-ubyte"):
        data.load_mnist_idx(tmp_path, "train")
    with pytest.raises(InvalidInputError, match="does not exist"):
        data.load_mnist_idx(tmp_path / "nope")


def test_embedded_mnist_sample():
    x, y = data.load_default()
    assert x.shape == (10000, 28, 28, 1) and x.dtype == np.uint8
    np.testing.assert_array_equal(np.bincount(y, minlength=10), [1000] * 10)
    assert 30 < x.mean() < 40  # real MNIST: mean intensity ≈ 33
    batch = _first(data.default_dataset(batch_size=32))
    assert batch.shape == (32, 28, 28, 1)
    assert -1.0 <= float(tf.reduce_min(batch)) and float(tf.reduce_max(batch)) <= 1.0


def test_mixtures():
    ring = data.get_mixture("ring8")
    np.testing.assert_allclose(np.linalg.norm(ring.means, axis=1), 1.0)
    assert len(ring.means) == 8 and ring.std == 0.01
    grid = data.get_mixture("grid25")
    assert len(grid.means) == 25 and grid.std == 0.05
    assert set(grid.means[:, 0]) == {-4.0, -2.0, 0.0, 2.0, 4.0}
    points = data.sample_mixture("grid25", 5000, seed=0)
    dist = np.min(np.linalg.norm(points[:, None] - grid.means[None], axis=2), axis=1)
    assert np.mean(dist / grid.std < 3) > 0.98
    with pytest.raises(UnknownNameError, match="ring8"):
        data.sample_mixture("ring9", 10)


def test_image_folder(tmp_path):
    rng = np.random.default_rng(0)
    for cls in ("a", "b"):
        (tmp_path / cls).mkdir()
        for i in range(3):
            img = rng.integers(0, 256, (10, 12, 3), dtype=np.uint8)
            (tmp_path / cls / f"{i}.png").write_bytes(tf.io.encode_png(img).numpy())
    batch = _first(data.from_image_folder(tmp_path, 8, channels=3, batch_size=4))
    assert batch.shape == (4, 8, 8, 3)
    assert -1.0 <= float(tf.reduce_min(batch)) and float(tf.reduce_max(batch)) <= 1.0
    images, labels = _first(data.from_image_folder(tmp_path, 8, 1, batch_size=6,
                                                   labels="inferred"))
    assert images.shape == (6, 8, 8, 1) and sorted(labels.numpy()) == [0, 0, 0, 1, 1, 1]
    with pytest.raises(InvalidInputError, match="does not exist"):
        data.from_image_folder(tmp_path / "missing", 8)


def test_tfds_offline_fails_fast_naming_alternatives(monkeypatch, tmp_path):
    monkeypatch.setattr(sources, "_network_reachable", lambda timeout=3.0: False)
    start = time.monotonic()
    with pytest.raises(DatasetUnavailableError, match="from_idx_dir.*default_dataset"):
        data.from_tfds("mnist", data_dir=str(tmp_path))
    assert time.monotonic() - start < 10
    with pytest.raises(DatasetUnavailableError, match="download=False"):
        data.from_tfds("mnist", data_dir=str(tmp_path), download=False)
    with pytest.raises(UnknownNameError, match="no dataset"):
        data.from_tfds("no_such_dataset_xyz", data_dir=str(tmp_path))


def test_network_probe_answers_quickly():
    start = time.monotonic()
    assert sources._network_reachable(timeout=2.0) in (True, False)
    assert time.monotonic() - start < 10


def test_tfds_path_with_mock_data(monkeypatch, tmp_path):
    import tensorflow_datasets as tfds

    monkeypatch.setattr(sources, "_network_reachable", lambda timeout=3.0: True)
    with tfds.testing.mock_data(num_examples=8):
        images, labels = _first(data.from_tfds("mnist", batch_size=4, with_labels=True,
                                               data_dir=str(tmp_path)))
    assert images.shape == (4, 28, 28, 1) and images.dtype == tf.float32
    assert labels.shape == (4,)
    assert -1.0 <= float(tf.reduce_min(images)) and float(tf.reduce_max(images)) <= 1.0


def test_resolve_specs():
    ds, shape = data.resolve("ring8", batch_size=16)
    assert shape == (2,)
    ds, shape = data.resolve("default", batch_size=16)
    assert shape == (28, 28, 1)
    with pytest.raises(UnknownNameError, match="idx:DIR"):
        data.resolve("imagenet64")


def test_installed_distribution_ships_the_embedded_sample():
    from importlib import metadata

    try:
        files = {str(f) for f in metadata.files("keras_gans") or []}
    except metadata.PackageNotFoundError:  # running from a source tree without install
        import pytest as _pytest

        _pytest.skip("keras_gans is not installed (pip install .[test] installs it)")
    assert "keras_gans/data/_embedded/mnist_sample.npz" in files
    assert "keras_gans/data/_embedded/README.md" in files


def test_mnist_test_split_refuses_other_specs():
    with pytest.raises(InvalidInputError, match="MNIST test data must be idx:DIR or "
                       "tfds:NAME; got 'folder:x'") as refused:
        data.mnist_test_split("folder:x")
    assert refused.value.cli_message.startswith("--data must be idx:DIR")
