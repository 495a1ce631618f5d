"""Shared test helpers (keras-hub test_case style): tiny shapes, 1–2 steps."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

TINY_IMAGE = (8, 8, 1)
BATCH = 4
MODES = ("eager", "graph", "xla")


# Smallest nets of the variants with their own model class (image shapes).
TINY_BUILDERS = {
    "cgan": {"base_filters": 4}, "acgan": {"base_filters": 4}, "infogan": {"base_filters": 4},
    "bigan": {"base_filters": 4, "hidden_units": [8]}, "vaegan": {"base_filters": 4},
    "vaegan_l2_clipnorm": {"base_filters": 4},
    "cyclegan": {"filters": 4, "n_blocks": 1}, "unit": {"filters": 4, "n_downsampling": 1},
    "cogan": {"base_filters": 4},
}


def tiny_overrides(variant, shape=TINY_IMAGE):
    """Smallest nets for a variant: 4 conv filters, or one hidden layer of 8 units."""
    import keras_gans

    if variant in TINY_BUILDERS:
        return dict(TINY_BUILDERS[variant])
    v = keras_gans.variants.get_variant(variant)
    if len(shape) == 1 or v.net == "mlp":
        overrides = {"hidden_units": [8]}
    else:
        overrides = {"base_filters": 4}
    if v.discriminator_type == "autoencoder":
        overrides["discriminator"] = {"embedding_dim": 4, "hidden_units": [8]}
    return overrides


def build_tiny(variant, shape=TINY_IMAGE, latent_dim=4, **kwargs):
    import keras_gans

    return keras_gans.build(variant, image_shape=shape, latent_dim=latent_dim, seed=1,
                            **{**tiny_overrides(variant, shape), **kwargs})


def tiny_data(shape=TINY_IMAGE, n=2 * BATCH, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, size=(n, *shape)).astype(np.float32)


def compile_mode(model, mode, **kwargs):
    model.compile(run_eagerly=mode == "eager", jit_compile=mode == "xla", **kwargs)


def trainable_values(net):
    return [np.array(v) for v in net.trainable_variables]


def run_gan_train_test(model, data, mode, steps=2):
    """Fits ``steps`` steps in ``mode``; asserts finite logs; returns the history."""
    compile_mode(model, mode)
    history = model.fit(data, batch_size=BATCH, epochs=1, steps_per_epoch=steps, verbose=0,
                        shuffle=False)
    for name, values in history.history.items():
        assert np.all(np.isfinite(values)), f"{name} not finite in {mode}: {values}"
    return history


_FULL_GC_EVERY = 50  # tests between Keras' full gc.collect()
_tests_run = [0]


@pytest.fixture(autouse=True)
def _clear_keras_session():
    """Fresh Keras names and graph for every test. Keras' own ``gc.collect()`` costs
    ~0.5 s once TensorFlow's object graph is large (40 % of the suite's time), so it
    runs every ``_FULL_GC_EVERY`` tests; Python's generational collector runs between."""
    yield
    import keras

    _tests_run[0] += 1
    keras.backend.clear_session(free_memory=_tests_run[0] % _FULL_GC_EVERY == 0)


def assert_keras_round_trip(model, tmp_path, name="model"):
    """Saves ``model`` as .keras, reloads it, checks type, config, every weight and both
    optimizers' variables; returns the reloaded model for model-specific checks."""
    import keras

    path = str(tmp_path / f"{name}.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is type(model)
    assert loaded.get_config() == model.get_config()
    assert len(loaded.weights) == len(model.weights)
    for a, b in zip(model.weights, loaded.weights):
        np.testing.assert_array_equal(np.array(a), np.array(b), err_msg=a.path)
    for opt in ("d_optimizer", "g_optimizer"):
        mine, theirs = getattr(model, opt), getattr(loaded, opt)
        assert type(mine) is type(theirs) and mine.get_config() == theirs.get_config()
        assert len(mine.variables) == len(theirs.variables)
        for a, b in zip(mine.variables, theirs.variables):
            np.testing.assert_array_equal(np.array(a), np.array(b), err_msg=f"{opt} {a.path}")
    return loaded


def changed(before, after):
    """Whether any of the arrays differ."""
    return any(not np.array_equal(a, b) for a, b in zip(before, after))



class ProjectionExtractor:
    """A fake feature extractor (no network): fixed random projections of (N, 8, 8, 1)
    images in [-1, 1] to ``feature_dim`` features and ``num_classes`` probabilities.

    Holds nothing between calls, so it can stand in for a real extractor in memory tests.
    """

    image_shape = TINY_IMAGE

    def __init__(self, feature_dim=4, num_classes=3, seed=0):
        rng = np.random.default_rng(seed)
        size = int(np.prod(TINY_IMAGE))
        self.feature_dim, self.num_classes = feature_dim, num_classes
        self.extractor_id = f"projection_{feature_dim}_{seed}"
        self.projection = rng.normal(size=(size, feature_dim + num_classes)) / np.sqrt(size)

    def __call__(self, images, batch_size=500):
        from keras_gans.errors import InvalidInputError

        x = np.asarray(images, np.float64)
        if x.shape[1:] != TINY_IMAGE or not np.all(np.abs(x) <= 1.0):
            raise InvalidInputError(
                f"ProjectionExtractor expects (N, 8, 8, 1) images in [-1, 1]; got {x.shape}.")
        out = x.reshape(len(x), -1) @ self.projection
        logits = out[:, self.feature_dim:]
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        return {"features": out[:, :self.feature_dim],
                "probs": probs / probs.sum(axis=1, keepdims=True)}
