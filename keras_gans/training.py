"""Train a variant end to end and write a report: the main job of the README.

``train(...)`` builds a variant for a dataset, fits it with plain ``keras`` ``fit``, then
writes ``samples.png`` (a grid for images, a scatter over the modes for 2-D mixtures)
and ``report.json`` (configuration, versions, seed, losses per epoch, throughput and,
for mixtures, the PacGAN mode metrics).
"""

import json
import os
import platform
import time

import keras
import numpy as np
import tensorflow as tf

from keras_gans import data as data_lib
from keras_gans import images as images_lib
from keras_gans.variants import build


class Throughput(keras.callbacks.Callback):
    """Records wall time per epoch and steady-state examples/s (epoch 1 excluded)."""

    def __init__(self, batch_size):
        super().__init__()
        self.batch_size = batch_size
        self.epochs = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start, self._steps = time.perf_counter(), 0

    def on_train_batch_end(self, batch, logs=None):
        self._steps = batch + 1

    def on_epoch_end(self, epoch, logs=None):
        seconds = time.perf_counter() - self._start
        self.epochs.append({"seconds": seconds, "steps": self._steps})

    def summary(self):
        steady = self.epochs[1:] or self.epochs
        seconds = sum(e["seconds"] for e in steady)
        steps = sum(e["steps"] for e in steady)
        return {
            "first_epoch_seconds": self.epochs[0]["seconds"] if self.epochs else None,
            "images_per_second": steps * self.batch_size / seconds if seconds else None,
            "ms_per_step": 1000 * seconds / steps if steps else None,
            "measured_on_epochs": "2.." if len(self.epochs) > 1 else "1 (includes tracing)",
        }


def environment():
    """Machine and library versions, recorded with every figure."""
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "devices": [d.device_type + ":" + d.name for d in tf.config.list_physical_devices()],
    }


def sample_figure(model, dataset_spec, num=64, seed=0):
    """A PNG-ready uint8 image of samples: a grid, or a scatter for 2-D mixtures."""
    if dataset_spec in data_lib.MIXTURES:
        mix = data_lib.get_mixture(dataset_spec)
        return images_lib.scatter_image(model.generate(2500, seed=seed), mix.means)
    return images_lib.make_grid(model.generate(num, seed=seed), columns=8)


def train(variant, dataset="default", out_dir="runs/out", epochs=1, batch_size=64,
          latent_dim=64, steps_per_epoch=None, seed=0, jit_compile=False,
          steps_per_execution=1, verbose=1, callbacks=(), **overrides):
    """Trains ``variant`` on ``dataset`` (a :func:`keras_gans.data.resolve` spec).

    Returns:
        The report dict (also written to ``out_dir/report.json``).
    """
    keras.utils.set_random_seed(seed)
    ds, data_shape = data_lib.resolve(dataset, batch_size=batch_size, seed=seed)
    if dataset in data_lib.MIXTURES:
        ds = ds.repeat()
        steps_per_epoch = steps_per_epoch or 1000
    model = build(variant, image_shape=data_shape, latent_dim=latent_dim, seed=seed,
                  **overrides)
    model.compile(jit_compile=jit_compile, steps_per_execution=steps_per_execution)
    meter = Throughput(batch_size)
    from keras_gans.callbacks import StopOnNaN

    start = time.perf_counter()
    history = model.fit(ds, epochs=epochs, steps_per_epoch=steps_per_epoch, verbose=verbose,
                        shuffle=False,
                        callbacks=[meter, StopOnNaN(os.path.join(out_dir, "*.keras")),
                                   *callbacks])
    wall = time.perf_counter() - start
    os.makedirs(out_dir, exist_ok=True)
    samples_path = images_lib.save_png(sample_figure(model, dataset, seed=seed),
                                       os.path.join(out_dir, "samples.png"))
    report = {
        "variant": variant,
        "dataset": dataset,
        "data_shape": list(data_shape),
        "latent_dim": latent_dim,
        "epochs": epochs,
        "batch_size": batch_size,
        "steps_per_epoch": steps_per_epoch,
        "generator_updates": int(model.g_optimizer.iterations.numpy()),
        "n_critic": model.n_critic,
        "seed": seed,
        "jit_compile": bool(jit_compile),
        "steps_per_execution": steps_per_execution,
        "overrides": {k: repr(v) for k, v in overrides.items()},
        "wall_seconds": wall,
        "throughput": meter.summary(),
        "history": {k: [float(x) for x in v] for k, v in history.history.items()},
        "samples_png": os.path.basename(samples_path),
        "environment": environment(),
    }
    if dataset in data_lib.MIXTURES:
        from keras_gans.metrics import mode_metrics

        mix = data_lib.get_mixture(dataset)
        report["mode_metrics"] = mode_metrics(model.generate(2500, seed=seed + 1), mix.means,
                                              mix.std)
    _write_json(report, os.path.join(out_dir, "report.json"))
    return report, model


def _write_json(obj, path):
    from keras_gans.saving import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w") as f:
        json.dump(obj, f, indent=2, default=_jsonable)


def _jsonable(x):
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray):
        return x.tolist()
    return repr(x)
