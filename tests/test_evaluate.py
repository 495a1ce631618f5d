"""Tests of keras_gans.metrics.evaluate, the Inception extractor and class metrics.

A fake deterministic extractor (a fixed random projection of the flattened images)
stands in for Inception / the MNIST classifier; Inception itself runs with random
weights on 2 tiny images only. No network.
"""

import os
import subprocess
import sys
import time

import numpy as np
import pytest
import scipy.special

from keras_gans.errors import (
    DatasetUnavailableError,
    InvalidInputError,
    SingularCovarianceError,
    UnknownNameError,
)
from keras_gans.metrics import (
    FeatureStats,
    class_accuracy,
    class_coverage,
    class_histogram_kl,
    density_coverage,
    evaluate,
    frechet_distance,
    get_extractor,
    inception_score,
    kernel_distance,
    precision_recall,
    reference_stats,
)
from keras_gans.metrics.evaluation import _Reservoir, prepare_reference

SHAPE = (8, 8, 1)


class FakeExtractor:
    """Features: a fixed random projection; probs: softmax of another projection."""

    image_shape = SHAPE
    num_classes = 10

    def __init__(self, feature_dim=8, seed=0, extractor_id=None, with_probs=True):
        rng = np.random.default_rng(seed)
        size = int(np.prod(SHAPE))
        self.feature_dim = feature_dim
        self.projection = rng.normal(size=(size, feature_dim)) / np.sqrt(size)
        self.classes = rng.normal(size=(size, self.num_classes))
        self.extractor_id = extractor_id or f"fake_projection_{feature_dim}_{seed}"
        self.with_probs = with_probs
        self.calls = []

    def __call__(self, images, batch_size=500):
        x = np.asarray(images, np.float64)
        if x.shape[1:] != SHAPE or x.min() < -1.001 or x.max() > 1.001:
            raise InvalidInputError(
                f"fake extractor expects (N, 8, 8, 1) in [-1, 1]; got {x.shape} in "
                f"[{x.min()}, {x.max()}]"
            )
        self.calls.append(x)
        flat = x.reshape(len(x), -1)
        out = {"features": (flat @ self.projection).astype(np.float32)}
        if self.with_probs:
            out["probs"] = scipy.special.softmax(flat @ self.classes, axis=1)
        return out


def _real_images(n, seed):
    """A structured "real" distribution: random mixtures of 3 smooth patterns."""
    rng = np.random.default_rng(seed)
    grid = np.linspace(-1, 1, 8)
    patterns = np.stack([np.outer(grid, np.ones(8)), np.outer(np.ones(8), grid),
                         np.outer(grid, grid)])
    weights = rng.normal(size=(n, 3)) * 0.4
    x = np.einsum("nk,khw->nhw", weights, patterns) + 0.05 * rng.normal(size=(n, 8, 8))
    return np.clip(x, -1, 1)[..., None].astype(np.float32)


@pytest.fixture(scope="module")
def tiny_gan():
    import keras_gans

    return keras_gans.build("dcgan", image_shape=SHAPE, latent_dim=4, base_filters=4, seed=1)


def _gaussian(features):
    features = np.asarray(features, np.float64)
    return features.mean(axis=0), np.cov(features, rowvar=False)


# ----------------------------------------------------------------------- evaluate

def test_importing_metrics_does_not_import_tensorflow():
    code = ("import sys, keras_gans.metrics as m; m.evaluate, m.InceptionExtractor; "
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


def test_evaluate_matches_metric_math_on_the_same_features(tiny_gan):
    reference = _real_images(64, seed=0)
    extractor = FakeExtractor()
    result = evaluate(tiny_gan, reference, metrics=("fid", "kid", "is", "pr", "dc", "classes"),
                      num_samples=40, extractor=extractor, batch_size=16, seed=3,
                      progress=False)
    # The extractor saw a first generated batch (failing fast on a mismatch), the
    # reference (4 batches of 16), then the rest of the generated samples.
    real = np.concatenate(extractor.calls[1:5])
    fake = np.concatenate(extractor.calls[:1] + extractor.calls[5:])
    assert real.shape == (64, 8, 8, 1) and fake.shape == (40, 8, 8, 1)
    np.testing.assert_array_equal(real, reference)
    real_out, fake_out = extractor(real), extractor(fake)
    rf, ff = real_out["features"], fake_out["features"]
    assert result["fid"] == pytest.approx(frechet_distance(*_gaussian(ff), *_gaussian(rf)),
                                          rel=1e-6)
    kid = kernel_distance(rf, ff, num_subsets=100, subset_size=1000, seed=3)
    assert (result["kid"], result["kid_std"]) == pytest.approx(kid, rel=1e-6)
    assert (result["is"], result["is_std"]) == pytest.approx(
        inception_score(fake_out["probs"], splits=10), rel=1e-6)
    assert (result["precision"], result["recall"]) == pytest.approx(
        precision_recall(rf, ff, k=3))
    assert (result["density"], result["coverage"]) == pytest.approx(
        density_coverage(rf, ff, k=5))
    assert result["class_kl"] == pytest.approx(class_histogram_kl(fake_out["probs"]))
    assert result["classes_covered"] == class_coverage(fake_out["probs"])
    # Provenance travels with the numbers.
    assert result["extractor_id"] == extractor.extractor_id
    assert result["num_samples"] == 40 and result["num_reference"] == 64
    assert result["seed"] == 3 and "64 images" in result["reference"]
    assert result["num_feature_samples"] == {"generated": 40, "reference": 64}
    assert result["use_ema"] is False  # dcgan keeps no EMA generator by default


def test_evaluate_is_reproducible_and_leaves_the_model_seed_alone(tiny_gan):
    reference = _real_images(32, seed=0)
    state = np.array(tiny_gan.seed_generator.state)
    kwargs = dict(metrics=("fid",), num_samples=24, extractor=FakeExtractor(),
                  batch_size=10, progress=False)
    a = evaluate(tiny_gan, reference, seed=5, **kwargs)
    b = evaluate(tiny_gan, reference, seed=5, **kwargs)
    c = evaluate(tiny_gan, reference, seed=6, **kwargs)
    assert a["fid"] == b["fid"] != c["fid"]
    np.testing.assert_array_equal(np.array(tiny_gan.seed_generator.state), state)


def test_real_vs_real_fid_is_far_below_real_vs_noise():
    images = _real_images(1000, seed=1)
    reference, other_half = images[:500], images[500:]
    noise = np.random.default_rng(2).uniform(-1, 1, size=(500, *SHAPE)).astype(np.float32)
    kwargs = dict(metrics=("fid", "kid"), num_samples=500, batch_size=500, kid_subsets=10,
                  extractor=FakeExtractor(), progress=False)
    same = evaluate(lambda n, seed: other_half[:n], reference, **kwargs)
    different = evaluate(lambda n, seed: noise[:n], reference, **kwargs)
    assert same["fid"] < 0.05 * different["fid"]
    assert abs(same["kid"]) < 0.05 * different["kid"]


def test_dataset_reference_equals_array_reference(tiny_gan):
    import tensorflow as tf

    images = _real_images(48, seed=0)
    labels = np.arange(48) % 10
    kwargs = dict(metrics=("fid", "kid"), num_samples=20, extractor=FakeExtractor(),
                  batch_size=20, progress=False)
    from_array = evaluate(tiny_gan, images, **kwargs)
    dataset = tf.data.Dataset.from_tensor_slices((images, labels)).batch(7)
    from_dataset = evaluate(tiny_gan, dataset, reference_split="toy/test", **kwargs)
    assert from_dataset["fid"] == pytest.approx(from_array["fid"], rel=1e-9)
    assert from_dataset["num_reference"] == 48
    assert from_dataset["reference_split"] == "toy/test"
    assert from_dataset["reference"].startswith("toy/test (tf.data.Dataset")
    capped = evaluate(tiny_gan, dataset.repeat(), num_reference=30, **kwargs)
    assert capped["num_reference"] == 30
    with pytest.raises(InvalidInputError, match="infinite"):
        evaluate(tiny_gan, dataset.repeat(), **kwargs)


def test_stats_file_reference(tiny_gan, tmp_path):
    images = _real_images(40, seed=0)
    extractor = FakeExtractor()
    path = str(tmp_path / "reference.npz")
    stats = reference_stats(images, extractor, path=path, batch_size=16, progress=False)
    assert stats.count == 40 and stats.extractor_id == extractor.extractor_id
    assert stats.image_size == SHAPE
    kwargs = dict(num_samples=24, extractor=extractor, batch_size=12, progress=False)
    from_file = evaluate(tiny_gan, path, metrics=("fid", "is"), **kwargs)
    from_images = evaluate(tiny_gan, images, metrics=("fid",), **kwargs)
    assert from_file["fid"] == pytest.approx(from_images["fid"], rel=1e-9)
    assert from_file["num_reference"] == 40 and path in from_file["reference"]
    assert "is" in from_file
    with pytest.raises(InvalidInputError, match=r"\['kid'\] compare individual features"):
        evaluate(tiny_gan, path, metrics=("fid", "kid"), **kwargs)


def test_mismatched_extractor_ids_are_refused(tiny_gan, tmp_path):
    images = _real_images(40, seed=0)
    path = str(tmp_path / "reference.npz")
    reference_stats(images, FakeExtractor(seed=0), path=path, progress=False)
    other = FakeExtractor(seed=1)
    with pytest.raises(InvalidInputError, match="fake_projection_8_0.*fake_projection_8_1"):
        evaluate(tiny_gan, path, metrics=("fid",), num_samples=20, extractor=other,
                 progress=False)
    prepared = prepare_reference(images, FakeExtractor(seed=0))
    with pytest.raises(InvalidInputError, match="not comparable"):
        evaluate(tiny_gan, prepared, metrics=("fid",), num_samples=20, extractor=other,
                 progress=False)
    with pytest.raises(InvalidInputError, match="different extractors"):
        FeatureStats.load(path).merge(FeatureStats(extractor_id="other"))


def test_too_few_samples_for_fid_says_how_many_are_needed(tiny_gan):
    images = _real_images(40, seed=0)
    extractor = FakeExtractor(feature_dim=8)
    with pytest.raises(SingularCovarianceError, match="at least 9 .*got 8"):
        evaluate(tiny_gan, images, metrics=("fid",), num_samples=8, extractor=extractor,
                 progress=False)
    with pytest.raises(SingularCovarianceError, match="at least 9 reference images"):
        evaluate(tiny_gan, images[:6], metrics=("fid",), num_samples=20,
                 extractor=extractor, progress=False)
    assert len(extractor.calls) == 2  # one generated batch and the reference, no more


def test_argument_errors(tiny_gan):
    images = _real_images(20, seed=0)
    no_probs = FakeExtractor(with_probs=False)
    with pytest.raises(InvalidInputError, match="class probabilities"):
        evaluate(tiny_gan, images, metrics=("is",), num_samples=20, extractor=no_probs,
                 progress=False)
    with pytest.raises(UnknownNameError, match="Unknown metric"):
        evaluate(tiny_gan, images, metrics=("fidd",), extractor=no_probs)
    with pytest.raises(UnknownNameError, match="Unknown extractor"):
        get_extractor("vgg")
    with pytest.raises(InvalidInputError, match="extractor_id"):
        get_extractor(lambda images, batch_size=1: {})
    with pytest.raises(InvalidInputError, match="255"):  # range checked by the extractor
        evaluate(tiny_gan, images * 127.5 + 127.5, metrics=("fid",), num_samples=20,
                 extractor=no_probs, progress=False)
    with pytest.raises(InvalidInputError, match="tf.data.Dataset"):
        evaluate(tiny_gan, {"images": images}, metrics=("fid",), num_samples=20,
                 extractor=no_probs, progress=False)


def test_ema_generator_is_used_when_present():
    import keras_gans

    gan = keras_gans.build("dcgan", image_shape=SHAPE, latent_dim=4, base_filters=4, seed=1,
                           ema_decay=0.9)
    gan.generator.set_weights([w + 0.5 for w in gan.generator.get_weights()])
    images = _real_images(32, seed=0)
    kwargs = dict(metrics=("fid",), num_samples=16, extractor=FakeExtractor(feature_dim=4),
                  progress=False)
    with_ema = evaluate(gan, images, **kwargs)
    without = evaluate(gan, images, use_ema=False, **kwargs)
    assert with_ema["use_ema"] is True and without["use_ema"] is False
    assert with_ema["fid"] != without["fid"]


def test_reservoir_keeps_a_uniform_subset():
    counts = np.zeros(100)
    for seed in range(400):
        reservoir = _Reservoir(10, seed)
        for start in range(0, 100, 7):
            reservoir.add(np.arange(start, min(start + 7, 100), dtype=np.float32)[:, None])
        kept = reservoir.result()[:, 0].astype(int)
        assert len(kept) == 10 and len(set(kept)) == 10
        counts[kept] += 1
    # Each of the 100 rows is kept with probability 0.1: 40 times in 400 runs.
    assert counts.min() > 15 and counts.max() < 70
    assert abs(counts[:50].sum() - counts[50:].sum()) < 200


# 44 of the classifier's 128 post-ReLU features are 0 on every MNIST image, so the
# feature covariance is singular whatever the sample count and scipy's sqrtm warns;
# the Fréchet distance is still exact (the dead dimensions contribute 0).
@pytest.mark.filterwarnings("ignore:Matrix is singular")
def test_with_the_shipped_mnist_extractor():
    from keras_gans.data import load_default

    images, labels = load_default()
    images = images.reshape(-1, 28, 28, 1).astype(np.float32) / 127.5 - 1
    reference, other_half = images[:500], images[500:1000]
    result = evaluate(lambda n, seed: other_half[:n], reference,
                      metrics=("fid", "is", "classes"), num_samples=500, batch_size=500,
                      extractor="mnist", progress=False)
    assert result["extractor_id"] == "mnist_cnn_v1"
    assert result["fid"] < 5 and result["is"] > 8 and result["classes_covered"] == 10
    assert class_accuracy(other_half, labels[500:1000], "mnist") > 0.95


# ----------------------------------------------------------------------- Inception

@pytest.fixture(scope="module")
def random_inception():
    from keras_gans.metrics.inception import InceptionExtractor

    return InceptionExtractor(weights=None)


def test_inception_random_weights_give_2048_features(random_inception):
    images = np.random.default_rng(0).uniform(-1, 1, size=(2, 8, 8, 1)).astype(np.float32)
    out = random_inception(images, batch_size=2)
    assert out["features"].shape == (2, 2048)
    assert np.all(np.isfinite(out["features"]))
    assert random_inception.extractor_id.startswith("inception_v3_pool3_random-")
    assert random_inception.feature_dim == 2048
    assert random_inception.image_shape == (299, 299, 3)


def test_inception_refuses_bad_images(random_inception):
    good = np.zeros((1, 8, 8, 3), np.float32)
    with pytest.raises(InvalidInputError, match=r"\(N, H, W, 1\|3\).*\(1, 8, 8, 2\)"):
        random_inception(np.zeros((1, 8, 8, 2), np.float32))
    with pytest.raises(InvalidInputError, match=r"in \[-1, 1\].*values in \[255, 255\]"):
        random_inception(good + 255.0)
    with pytest.raises(InvalidInputError, match="uint8"):
        random_inception(good.astype(np.uint8))
    with pytest.raises(InvalidInputError, match="shape"):
        random_inception(np.zeros((8, 8, 3), np.float32))


def test_inception_imagenet_offline_fails_fast_with_instructions(tmp_path, monkeypatch):
    from keras_gans.metrics import inception

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KERAS_GANS_ASSUME_ONLINE", raising=False)
    monkeypatch.setattr(inception, "_download_host_reachable", lambda timeout=2.0: False)
    if any(os.path.isfile(p) for p in inception.keras_cache_candidates()):
        pytest.skip("InceptionV3 weights are cached in /tmp/.keras on this machine")
    start = time.perf_counter()
    with pytest.raises(DatasetUnavailableError) as info:
        inception.InceptionExtractor(weights="imagenet")
    assert time.perf_counter() - start < 10
    message = str(info.value)
    assert inception.IMAGENET_WEIGHTS_URL in message
    assert "weights='/path/to/" in message
    assert str(tmp_path / "keras_home" / "models") in message
    # A damaged file in the cache is reported, not loaded.
    cached = tmp_path / "keras_home" / "models" / inception.IMAGENET_WEIGHTS_FILE
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"not weights")
    with pytest.raises(InvalidInputError, match="md5"):
        inception.InceptionExtractor(weights="imagenet")
    with pytest.raises(InvalidInputError, match="does not exist"):
        inception.InceptionExtractor(weights=str(tmp_path / "missing.h5"))


# ----------------------------------------------------------------------- class metrics

def test_class_accuracy_against_hand_count():
    class Labeller:
        extractor_id = "labeller"
        feature_dim = 1

        def __call__(self, images, batch_size=500):
            labels = images.reshape(len(images), -1)[:, 0].astype(int)
            return {"features": np.zeros((len(images), 1)), "probs": np.eye(10)[labels]}

    images = np.array([0, 1, 2, 3, 4, 5, 6, 7], np.float32)[:, None, None, None]
    intended = np.array([0, 1, 2, 3, 0, 0, 0, 7])
    assert class_accuracy(images, intended, Labeller()) == 5 / 8
    assert class_accuracy(images, np.eye(10)[intended], Labeller()) == 5 / 8
    with pytest.raises(InvalidInputError, match="same length"):
        class_accuracy(images, intended[:3], Labeller())
    with pytest.raises(InvalidInputError, match="no 'probs'"):
        class_accuracy(np.zeros((2, *SHAPE)), [0, 1], FakeExtractor(with_probs=False))


def test_class_histogram_kl_and_coverage_against_hand_values():
    assert class_histogram_kl([0, 1, 2, 3], num_classes=4) == pytest.approx(0.0)
    assert class_histogram_kl([2, 2, 2], num_classes=4) == pytest.approx(np.log(4))
    # p = (1/2, 1/4, 1/4, 0): KL = 1/2 log 2 + 2 · 1/4 log 1 = log(2) / 2.
    assert class_histogram_kl([0, 0, 1, 2], num_classes=4) == pytest.approx(np.log(2) / 2)
    probs = np.array([[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1]])  # argmax 0, 1, 0
    expected = 2 / 3 * np.log(2 / 3 * 3) + 1 / 3 * np.log(1 / 3 * 3)
    assert class_histogram_kl(probs, num_classes=3) == pytest.approx(expected)
    assert class_coverage(probs, num_classes=3) == 2
    assert class_coverage([0, 0, 0, 1], num_classes=3) == 2
    assert class_coverage([0, 0, 0, 1], num_classes=3, min_fraction=0.5) == 1
    with pytest.raises(InvalidInputError, match=r"\[0, 3\]"):
        class_histogram_kl([0, 4], num_classes=4)
    with pytest.raises(InvalidInputError, match="3 class columns"):
        class_histogram_kl(probs, num_classes=10)


def test_any_keras_model_is_an_extractor():
    import keras

    from keras_gans.metrics import KerasModelExtractor, evaluate, get_extractor

    inputs = keras.Input((8, 8, 1))
    hidden = keras.layers.Dense(6, name="penultimate")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(hidden))
    extractor = get_extractor(model, feature_layer="penultimate", probs_output=True)
    assert isinstance(extractor, KerasModelExtractor)
    assert extractor.feature_dim == 6 and extractor.extractor_id.startswith("keras_")
    images = np.random.default_rng(0).uniform(-1, 1, (40, 8, 8, 1)).astype(np.float32)
    out = extractor(images, batch_size=16)
    assert out["features"].shape == (40, 6) and out["probs"].shape == (40, 3)
    np.testing.assert_allclose(out["probs"].sum(axis=1), 1.0, rtol=1e-5)
    result = evaluate(lambda n, seed=None: images[:n], images, metrics=("fid", "is"),
                      num_samples=40, extractor=extractor, batch_size=40, progress=False)
    assert result["extractor_id"] == extractor.extractor_id and result["fid"] < 1e-3
    with pytest.raises(InvalidInputError, match=r"expects \(N, 8, 8, 1\)"):
        extractor(np.zeros((2, 9, 9, 1), np.float32))
    with pytest.raises(InvalidInputError, match="no layer"):
        KerasModelExtractor(model, feature_layer="nope")
