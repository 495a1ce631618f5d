"""keras_gans.metrics.mnist_classifier: the shipped offline MNIST extractor.

Fast and self-contained: uses only the shipped weights and the embedded 10k-digit sample
(no MNIST files needed).
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from keras_gans import saving
from keras_gans.data import load_default
from keras_gans.errors import InvalidInputError
from keras_gans.metrics import mnist_classifier as mc

RECORD = os.path.join(os.path.dirname(__file__), "..", "zoo", "recipes",
                      "mnist_classifier.json")


@pytest.fixture(scope="module")
def extractor():
    return mc.MNISTExtractor()


@pytest.fixture(scope="module")
def digits():
    images, labels = load_default()
    return images[:2000] / 127.5 - 1.0, labels[:2000]


@pytest.fixture(scope="module")
def record():
    with open(RECORD) as f:
        return json.load(f)


def test_shipped_weights_match_the_training_record(record):
    assert os.path.getsize(mc.DEFAULT_WEIGHTS) <= 1.5e6
    assert os.path.getsize(mc.DEFAULT_WEIGHTS) == record["weights_bytes"]
    sha = saving.file_sha256(mc.DEFAULT_WEIGHTS)
    assert sha == record["weights_sha256"] == mc.WEIGHTS_SHA256
    assert record["extractor_id"] == mc.EXTRACTOR_ID
    assert record["test_accuracy"] >= 0.99 and record["train_size"] == 60000


def test_extractor_id_is_stable(extractor, tmp_path):
    assert mc.MNISTExtractor.extractor_id == extractor.extractor_id == "mnist_cnn_v1"
    assert mc.MNISTExtractor(mc.DEFAULT_WEIGHTS).extractor_id == "mnist_cnn_v1"
    other = str(tmp_path / "other.weights.h5")
    mc.build_mnist_classifier().save_weights(other)  # untrained: different weights
    other_id = mc.MNISTExtractor(other).extractor_id
    assert other_id.startswith("mnist_cnn_sha256:") and other_id != extractor.extractor_id


def test_output_shapes_and_probabilities(extractor, digits):
    images = digits[0][:37]
    out = extractor(images, batch_size=16)
    assert out["features"].shape == (37, extractor.feature_dim) == (37, 128)
    assert out["probs"].shape == (37, 10)
    assert np.all(out["features"] >= 0)  # taken after the ReLU
    np.testing.assert_allclose(out["probs"].sum(axis=1), 1.0, atol=1e-5)
    # (N, 28, 28) gets a channel; the batch size does not change the result.
    again = extractor(images[..., 0].astype(np.float32), batch_size=500)
    np.testing.assert_allclose(again["features"], out["features"], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(again["probs"], out["probs"], atol=1e-5)
    assert extractor.image_shape == (28, 28, 1)


def test_accuracy_on_embedded_sample(extractor, digits):
    images, labels = digits
    predicted = extractor.predict_labels(images)
    assert predicted.dtype == np.int64 and predicted.shape == labels.shape
    assert np.mean(predicted == labels) >= 0.98
    assert set(np.unique(predicted)) == set(range(10))


N = 3
BAD_INPUTS = {
    "rgb_32x32": (np.zeros((N, 32, 32, 3), np.float32), r"got shape \(3, 32, 32, 3\)"),
    "3_channels": (np.zeros((N, 28, 28, 3), np.float32), r"got shape \(3, 28, 28, 3\)"),
    "flat": (np.zeros((N, 784), np.float32), r"got shape \(3, 784\)"),
    "uint8": (np.full((N, 28, 28, 1), 255, np.uint8), r"values of dtype uint8 in \[255, 255\]"),
    "float_0_255": (np.linspace(0, 255, N * 784, dtype=np.float32).reshape(N, 28, 28, 1),
                    r"in \[0, 255\].*scaled to \[-1, 1\]"),
    "nan": (np.where(np.arange(N * 784).reshape(N, 28, 28, 1) == 900, np.nan,
                     0.0).astype(np.float32), r"1 NaN/Inf value\(s\), first in image 1"),
    "inf": (np.full((N, 28, 28, 1), np.inf, np.float32), r"NaN/Inf"),
    "empty": (np.zeros((0, 28, 28, 1), np.float32), r"no images \(shape \(0, 28, 28, 1\)\)"),
    "strings": (np.array([["a"]]), r"dtype <U1"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_inputs_are_rejected_with_what_was_received(extractor, name):
    images, received = BAD_INPUTS[name]
    with pytest.raises(InvalidInputError,
                       match=r"expects \(N, 28, 28, 1\) images in \[-1, 1\]") as info:
        extractor(images)
    assert info.match(received)


def test_small_round_off_outside_the_range_is_tolerated(extractor):
    images = np.full((2, 28, 28, 1), -1.0005, np.float32)
    assert extractor(images)["probs"].shape == (2, 10)


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True])
def test_bad_batch_size(extractor, digits, batch_size):
    with pytest.raises(InvalidInputError, match="batch_size"):
        extractor(digits[0][:2], batch_size=batch_size)


def test_weights_file_errors(tmp_path):
    missing = str(tmp_path / "missing.weights.h5")
    with pytest.raises(InvalidInputError, match="not found at .*missing.weights.h5"):
        mc.load_mnist_classifier(missing)
    corrupt = tmp_path / "corrupt.weights.h5"
    corrupt.write_bytes(b"not an hdf5 file" * 10)
    with pytest.raises(InvalidInputError, match="Could not load .*corrupt.weights.h5"):
        mc.load_mnist_classifier(str(corrupt))
    wrong_name = tmp_path / "weights.bin"
    wrong_name.write_bytes(b"x")
    with pytest.raises(InvalidInputError, match=r"'\.weights\.h5' file"):
        mc.load_mnist_classifier(wrong_name)


def test_loads_under_keras_safe_mode(tmp_path):
    import keras

    path = str(tmp_path / "classifier.keras")
    mc.load_mnist_classifier().save(path)
    model = keras.saving.load_model(path, safe_mode=True)
    assert model.get_layer(mc.FEATURE_LAYER).output.shape == (None, 128)


def test_module_import_does_not_pull_in_tensorflow():
    code = ("import sys, keras_gans.metrics.mnist_classifier; "
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)
