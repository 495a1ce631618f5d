"""Tests of keras_gans.callbacks: fit a tiny GAN 2 epochs × 1 step with every callback.

A fake projection extractor stands in for the MNIST classifier / Inception.
"""

import glob
import os

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.callbacks import MetricsCallback, PlotHistory, SampleGrid
from keras_gans.images import history_image
from keras_gans.errors import InvalidInputError

SHAPE = (8, 8, 1)


class FakeExtractor:
    """Features: a fixed random projection of the flattened images."""

    extractor_id = "fake_projection_4"
    image_shape = SHAPE
    feature_dim = 4

    def __init__(self):
        self.projection = np.random.default_rng(0).normal(size=(64, 4)) / 8.0

    def __call__(self, images, batch_size=500):
        x = np.asarray(images, np.float64)
        assert x.shape[1:] == SHAPE and np.abs(x).max() <= 1.0
        return {"features": x.reshape(len(x), -1) @ self.projection}


def _png_shape(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return tuple(tf.io.decode_png(data).shape)


def _event_tags(directory):
    tags = {}
    for path in glob.glob(os.path.join(directory, "**", "events.out.tfevents.*"),
                          recursive=True):
        for record in tf.data.TFRecordDataset(path):
            event = tf.compat.v1.Event.FromString(record.numpy())
            for value in event.summary.value:
                tags.setdefault(value.tag, []).append(event.step)
    return tags


class LogsRecorder(keras.callbacks.Callback):
    """Records the keys of the epoch logs it is given (as TensorBoard would log them)."""

    def __init__(self):
        super().__init__()
        self.keys = []

    def on_epoch_end(self, epoch, logs=None):
        self.keys.append(set(logs))


def _has_tensorboard():
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        return False
    return True


def test_fit_with_all_callbacks(tmp_path):
    gan = keras_gans.build("dcgan", image_shape=SHAPE, latent_dim=4, base_filters=4, seed=1)
    gan.compile(run_eagerly=True)
    data = np.random.default_rng(0).uniform(-1, 1, size=(4, *SHAPE)).astype(np.float32)
    reference = np.random.default_rng(1).uniform(-1, 1, size=(24, *SHAPE)).astype(np.float32)
    best = str(tmp_path / "best.keras")
    metrics_cb = MetricsCallback(reference, metrics=("fid", "kid"), num_samples=12,
                                 extractor=FakeExtractor(), save_best=best, batch_size=8,
                                 verbose=0)
    grid_cb = SampleGrid(tmp_path / "samples", num=4, log_dir=tmp_path / "tb" / "samples")
    plot_path = tmp_path / "history.png"
    recorder = LogsRecorder()
    # keras.callbacks.TensorBoard needs the tensorboard package (not installed with
    # TensorFlow 2.21); LogsRecorder shows what any later callback sees.
    tensorboard = ([keras.callbacks.TensorBoard(str(tmp_path / "tb"))]
                   if _has_tensorboard() else [])
    history = gan.fit(
        data, batch_size=4, epochs=2, steps_per_epoch=1, verbose=0, shuffle=False,
        callbacks=[metrics_cb, grid_cb, recorder, *tensorboard, PlotHistory(plot_path)],
    )

    # MetricsCallback: values in logs → History, the best checkpoint kept.
    assert len(history.history["fid"]) == 2 and len(history.history["kid_std"]) == 2
    assert metrics_cb.best == min(history.history["fid"])
    assert [r["epoch"] for r in metrics_cb.results] == [1, 2]
    assert metrics_cb.results[0]["extractor_id"] == "fake_projection_4"
    assert metrics_cb.results[0]["num_samples"] == 12
    loaded = keras.models.load_model(best)
    assert isinstance(loaded, keras_gans.GAN) and loaded.data_shape == SHAPE
    assert loaded.generate(2, seed=0).shape == (2, *SHAPE)
    assert not [p for p in os.listdir(tmp_path) if ".tmp-" in p]
    # ... and in the logs of later callbacks (TensorBoard among them).
    assert all({"fid", "kid", "kid_std", "d_loss"} <= keys for keys in recorder.keys)
    tags = _event_tags(str(tmp_path / "tb"))
    if tensorboard:
        assert sorted(tags["epoch_fid"]) == [0, 1]

    # SampleGrid: one PNG per epoch, and image summaries.
    names = sorted(os.listdir(tmp_path / "samples"))
    assert names == ["epoch_0001.png", "epoch_0002.png"]
    assert _png_shape(tmp_path / "samples" / names[0]) == (22, 22, 1)  # 2 × 2 grid of 8 px
    assert sorted(tags["samples"]) == [0, 1]

    # PlotHistory: one panel per logged key, losses and metrics.
    keys = set(history.history)
    assert {"d_loss", "g_loss", "fid", "kid"} <= keys
    assert _png_shape(plot_path) == (150 * len(keys), 480, 3)


def test_sample_grid_scatters_2d_points_and_uses_ema(tmp_path):
    gan = keras_gans.build("gan", image_shape=(2,), latent_dim=2, hidden_units=[8], seed=1,
                           ema_decay=0.9)
    gan.generator.set_weights([w + 0.3 for w in gan.generator.get_weights()])
    callback = SampleGrid(tmp_path, num_points=100, reference_points=[[0.0, 1.0], [1.0, 0.0]],
                          every_n_epochs=2)
    callback.set_model(gan)
    callback.on_train_begin()
    callback.on_epoch_end(0)  # not due
    callback.on_epoch_end(1)
    callback.on_train_end()
    assert [os.path.basename(p) for p in callback.paths] == ["epoch_0002.png"]
    assert _png_shape(callback.paths[0]) == (400, 400, 3)
    ema_picture = callback.picture()
    callback.use_ema = False
    assert not np.array_equal(callback.picture(), ema_picture)


def test_callback_argument_errors(tmp_path):
    with pytest.raises(InvalidInputError, match="monitor='precision'.*choose one of"):
        MetricsCallback(np.zeros((4, *SHAPE)), metrics=("fid",), monitor="precision")
    with pytest.raises(InvalidInputError, match=".keras"):
        MetricsCallback(np.zeros((4, *SHAPE)), save_best=str(tmp_path / "best.h5"))
    with pytest.raises(InvalidInputError, match="every_n_epochs"):
        SampleGrid(tmp_path, every_n_epochs=0)
    gan = keras_gans.build("gan", image_shape=(3,), latent_dim=2, hidden_units=[8], seed=1)
    callback = SampleGrid(tmp_path)
    callback.set_model(gan)
    with pytest.raises(InvalidInputError, match=r"2-D points.*\(3,\)"):
        callback.on_train_begin()


def test_history_image_draws_every_series():
    picture = history_image({"loss": [3.0, 2.0, 1.0], "fid": [(3, 50.0)],
                             "broken": [float("nan")] * 3}, width=200, panel_height=100)
    assert picture.shape == (300, 200, 3) and picture.dtype == np.uint8
    line = np.all(picture == (31, 119, 180), axis=-1)
    assert line[:100].sum() > 100  # a falling line across the first panel
    assert 0 < line[100:200].sum() < 20  # a single marker for one FID point
    assert line[200:].sum() == 0  # nothing to draw, but the panel is there
    with pytest.raises(InvalidInputError):
        history_image({})


@pytest.mark.parametrize("kwargs, message", [
    ({"seed": None}, r"seed must be an int in \[0, 2\*\*63\); got None"),
    ({"seed": -1}, r"seed must be an int in \[0, 2\*\*63\); got -1"),
    ({"num": 0}, r"num must be a positive int below 2\*\*31; got 0"),
    ({"every_n_epochs": 1.5}, r"every_n_epochs must be a positive int .*got 1.5"),
])
def test_sample_grid_refuses_bad_counts_and_seeds_by_name(tmp_path, kwargs, message):
    """One package check for counts and seeds: a grid needs a fixed, non-negative seed
    (any up to 2**63, as NumPy takes) and positive counts."""
    SampleGrid(str(tmp_path), seed=2**40)  # a large seed is fine
    with pytest.raises(InvalidInputError, match=message):
        SampleGrid(str(tmp_path), **kwargs)


def test_stop_on_nan_names_step_and_checkpoint(tmp_path):
    import keras_gans
    from keras_gans.callbacks import StopOnNaN
    from keras_gans.errors import TrainingDivergedError

    (tmp_path / "epoch1.keras").write_bytes(b"x")
    gan = keras_gans.build("dcgan", image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=1)
    gan.compile(run_eagerly=True)
    images = np.random.default_rng(0).uniform(-1, 1, (8, 8, 8, 1)).astype(np.float32)

    class Poison(keras.callbacks.Callback):  # fit refuses NaN data: diverge in D instead
        def on_train_batch_end(self, batch, logs=None):
            kernel = self.model.discriminator.trainable_variables[0]
            kernel.assign(np.full(kernel.shape, np.nan, np.float32))

    callback = StopOnNaN(str(tmp_path / "*.keras"))
    with pytest.raises(TrainingDivergedError, match=r"batch 2 .*d_loss=nan.*epoch1\.keras"):
        gan.fit(images, batch_size=4, epochs=1, verbose=0, shuffle=False,
                callbacks=[Poison(), callback])
    assert int(gan.g_optimizer.iterations.numpy()) == 2  # stopped right after the bad step
