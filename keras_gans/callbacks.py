"""Keras callbacks for ``GAN.fit``: metrics during training, sample grids, history plots.

* :class:`MetricsCallback` runs :func:`keras_gans.metrics.evaluate` every N epochs, puts
  the values into the epoch ``logs`` (so they reach ``History`` and
  ``keras.callbacks.TensorBoard``) and keeps the best checkpoint.
* :class:`SampleGrid` writes a PNG of samples from a fixed latent batch per epoch (a
  scatter plot for 2-D data) and, optionally, a TensorBoard image summary.
* :class:`PlotHistory` writes a PNG of losses and metrics over epochs at the end of
  training (drawn by :func:`keras_gans.images.history_image`).
* :class:`StopOnNaN` stops training at the first NaN/Inf loss, naming the step and the
  last good checkpoint.
* :class:`StepBackup` backs a run up so that a killed one resumes at the exact step
  (:func:`keras_gans.training.resumable_fit`); :class:`Throughput` times the epochs.

Order matters. Keras calls the callbacks in list order with the *same* ``logs`` dict,
so a callback sees only the values written by those before it: put
``MetricsCallback`` before ``TensorBoard``, ``PlotHistory`` and ``ModelCheckpoint`` /
``EarlyStopping`` that monitor its metrics. ``History`` (the object ``fit`` returns)
is always called last and sees everything.

EMA. Both sampling callbacks use the model's EMA generator when it has one
(``use_ema=True``, the default), as :meth:`keras_gans.GAN.generate` does.

Example:
    >>> callbacks = [
    ...     MetricsCallback(test_images, metrics=("fid", "kid"), every_n_epochs=5,
    ...                     num_samples=10_000, save_best="runs/best.keras"),
    ...     SampleGrid("runs/samples", log_dir="runs/tb"),
    ...     keras.callbacks.TensorBoard("runs/tb"),
    ...     PlotHistory("runs/history.png"),
    ... ]
    >>> gan.fit(dataset, epochs=50, callbacks=callbacks)
"""

import math
import numbers
import os
import time

import keras
import numpy as np

from keras_gans import images as images_lib
from keras_gans import saving
from keras_gans._checks import check_positive_int, check_seed
from keras_gans.errors import InvalidInputError

__all__ = ["MetricsCallback", "PlotHistory", "SampleGrid", "StepBackup", "StopOnNaN",
           "Throughput"]


def _due(epoch, every_n_epochs):
    return (epoch + 1) % every_n_epochs == 0


def _atomic_save(model, path):
    """``.weights.h5`` → weights only; otherwise the whole model (both atomic, through
    :mod:`keras_gans.saving`)."""
    if path.endswith(".weights.h5"):
        saving.save_weights(model, path)
    else:
        saving.save_model(model, path)


class MetricsCallback(keras.callbacks.Callback):
    """Evaluates FID / KID / IS / ... every N epochs; logs them, keeps the best model.

    The reference is extracted once (on the first evaluation) and reused. Every
    evaluation uses the same ``seed``, hence the same latents, so successive values
    differ only through the generator. Values are written into the epoch ``logs``
    (keys as in :func:`keras_gans.metrics.evaluate`: ``fid``, ``kid``, ``kid_std``,
    ``is``, ...), so they appear in ``history.history`` — one entry per evaluation,
    i.e. aligned with epochs only when ``every_n_epochs=1`` (``results`` records the
    epoch of each) — and in TensorBoard when this callback comes *before*
    ``keras.callbacks.TensorBoard`` in the list.

    Args:
        reference: reference images, dataset or stats file (see
            :func:`keras_gans.metrics.evaluate`).
        metrics: metric names (``"fid"``, ``"kid"``, ``"is"``, ``"pr"``, ``"dc"``,
            ``"classes"``).
        every_n_epochs: evaluate after epochs N, 2N, ... (1-based).
        num_samples: generated samples per evaluation (FID is biased at small counts:
            compare values computed with the same count only).
        extractor: ``"mnist"``, ``"inception"`` or an extractor object (built on the
            first evaluation when given by name).
        save_best: path of the best checkpoint (``.keras``: ``model.save``;
            ``.weights.h5``: ``save_weights``), written atomically whenever
            ``monitor`` improves; ``None`` keeps none.
        monitor: the result key deciding "best" (e.g. ``"fid"``, ``"kid"``,
            ``"precision"``).
        mode: ``"min"`` or ``"max"``.
        batch_size, seed, use_ema, max_feature_samples, num_reference,
            reference_split: passed to :func:`keras_gans.metrics.evaluate` (``use_ema``:
            sample with the EMA generator when the model has one).
        verbose: print one line per evaluation.

    Attributes:
        results: one dict per evaluation: ``{"epoch": ..., **evaluate_result}``.
        best, best_epoch: best monitored value so far and its (1-based) epoch.

    Example:
        >>> cb = MetricsCallback(test_images, metrics=("fid",), every_n_epochs=5,
        ...                      save_best="best.keras")
        >>> history = gan.fit(ds, epochs=20, callbacks=[cb, keras.callbacks.TensorBoard("tb")])
        >>> history.history["fid"], cb.best_epoch
    """

    def __init__(self, reference, metrics=("fid",), every_n_epochs=1, num_samples=10_000,
                 extractor="mnist", save_best=None, monitor="fid", mode="min",
                 batch_size=500, seed=0, use_ema=True, max_feature_samples=10_000,
                 num_reference=None, reference_split=None, verbose=1):
        super().__init__()
        from keras_gans.metrics.evaluation import metric_keys

        self.metrics_names = tuple(dict.fromkeys((metrics,) if isinstance(metrics, str)
                                                 else metrics))
        self.keys = metric_keys(self.metrics_names)
        self.every_n_epochs = check_positive_int("every_n_epochs", every_n_epochs)
        self.num_samples = check_positive_int("num_samples", num_samples)
        if mode not in ("min", "max"):
            raise InvalidInputError(f"mode must be 'min' or 'max'; got {mode!r}.")
        if monitor not in self.keys:
            raise InvalidInputError(
                f"monitor={monitor!r} is not computed by metrics {list(self.metrics_names)}; "
                f"choose one of {self.keys}."
            )
        if save_best is not None:
            save_best = os.fspath(save_best)
            if not save_best.endswith((".keras", ".weights.h5")):
                raise InvalidInputError(
                    f"save_best must end in '.keras' (whole model) or '.weights.h5'; got "
                    f"{save_best!r}."
                )
        self.reference = reference
        self.extractor = extractor
        self.save_best = save_best
        self.monitor = monitor
        self.mode = mode
        self.evaluate_kwargs = {
            "batch_size": batch_size, "seed": seed, "use_ema": use_ema,
            "max_feature_samples": max_feature_samples,
        }
        self.num_reference = num_reference
        self.reference_split = reference_split
        self.verbose = verbose
        self.results = []
        self.best = None
        self.best_epoch = None
        self._prepared = None

    def _improved(self, value):
        if not math.isfinite(value):
            return False
        if self.best is None:
            return True
        return value < self.best if self.mode == "min" else value > self.best

    def on_epoch_end(self, epoch, logs=None):
        if not _due(epoch, self.every_n_epochs):
            return
        from keras_gans.metrics.evaluation import evaluate, get_extractor, prepare_reference

        if self._prepared is None:
            self.extractor = get_extractor(self.extractor)
            self._prepared = prepare_reference(
                self.reference, self.extractor, self.metrics_names,
                self.evaluate_kwargs["batch_size"], self.num_reference,
                self.evaluate_kwargs["max_feature_samples"], self.evaluate_kwargs["seed"],
                self.reference_split)
        result = evaluate(self.model, self._prepared, self.metrics_names, self.num_samples,
                          self.extractor, progress=False, **self.evaluate_kwargs)
        values = {key: float(result[key]) for key in self.keys}
        if logs is not None:
            logs.update(values)
        self.results.append({"epoch": epoch + 1, **result})
        message = ", ".join(f"{k}={v:.4g}" for k, v in values.items())
        if self._improved(values[self.monitor]):
            self.best, self.best_epoch = values[self.monitor], epoch + 1
            if self.save_best is not None:
                _atomic_save(self.model, self.save_best)
                message += f"; best {self.monitor}, saved to {self.save_best}"
        if self.verbose:
            print(f"\nEpoch {epoch + 1}: {message} ({result['num_samples']} samples, "
                  f"extractor {result['extractor_id']})")


class SampleGrid(keras.callbacks.Callback):
    """Saves samples of a fixed latent batch every N epochs (PNG, optional TensorBoard).

    Images go to ``directory/epoch_0001.png`` (1-based epoch) as a grid; models of
    2-D points (``model.data_shape == (2,)``) get a scatter plot of ``num_points``
    samples instead, over ``reference_points`` (e.g. the mixture's mode centres) in red.
    With ``log_dir``, the same picture is written as a TensorBoard image summary
    ``"samples"`` at step ``epoch`` (0-based, as ``keras.callbacks.TensorBoard`` logs
    epochs); it needs TensorFlow only, not the ``tensorboard`` package.

    Args:
        directory: folder of the PNG files (created).
        num: images per grid.
        seed: seed of the latent batch (the same every epoch).
        every_n_epochs: save after epochs N, 2N, ... (1-based).
        log_dir: TensorBoard log folder, or ``None``.
        columns: grid columns (default: a square grid).
        use_ema: sample with the EMA generator when the model has one.
        num_points: samples in a scatter plot (2-D data).
        reference_points: ``(M, 2)`` points drawn in red under the scatter, or ``None``.

    Attributes:
        paths: the PNG files written, in order.
    """

    def __init__(self, directory, num=64, seed=0, every_n_epochs=1, log_dir=None,
                 columns=None, use_ema=True, num_points=2500, reference_points=None):
        super().__init__()
        self.directory = os.fspath(directory)
        self.num = check_positive_int("num", num)
        self.seed = check_seed(seed, "seed", minimum=0, optional=False)
        self.every_n_epochs = check_positive_int("every_n_epochs", every_n_epochs)
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self.columns = columns
        self.use_ema = bool(use_ema)
        self.num_points = check_positive_int("num_points", num_points)
        self.reference_points = (None if reference_points is None
                                 else np.asarray(reference_points, np.float64))
        self.paths = []
        self._writer = None

    def _is_points(self):
        return tuple(self.model.data_shape) == (2,)

    def on_train_begin(self, logs=None):
        shape = tuple(getattr(self.model, "data_shape", ()))
        if not (len(shape) == 3 or shape == (2,)):
            raise InvalidInputError(
                f"SampleGrid draws images (H, W, C) or 2-D points; the model's data shape "
                f"is {shape}."
            )
        if self.log_dir is not None and self._writer is None:
            import tensorflow as tf

            self._writer = tf.summary.create_file_writer(self.log_dir)

    def picture(self):
        """The current samples as a uint8 ``(H, W, C)`` picture (grid or scatter)."""
        if self._is_points():
            points = self.model.generate(self.num_points, seed=self.seed,
                                         use_ema=self.use_ema)
            return images_lib.scatter_image(points, self.reference_points)
        samples = self.model.generate(self.num, seed=self.seed, use_ema=self.use_ema)
        return images_lib.make_grid(samples, columns=self.columns)

    def on_epoch_end(self, epoch, logs=None):
        if not _due(epoch, self.every_n_epochs):
            return
        picture = self.picture()
        path = os.path.join(self.directory, f"epoch_{epoch + 1:04d}.png")
        self.paths.append(images_lib.save_png(picture, path))
        if self._writer is not None:
            with self._writer.as_default():
                _image_summary("samples", picture, step=epoch)
            self._writer.flush()

    def on_train_end(self, logs=None):
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def _image_summary(tag, picture, step):
    """Writes what ``tf.summary.image(tag, picture[None], step)`` writes.

    ``tf.summary.image`` lives in the ``tensorboard`` package, which TensorFlow ≥ 2.21 no
    longer installs; this writes the same record (the images plugin's
    ``[width, height, png]`` string tensor) with TensorFlow alone.
    """
    import tensorflow as tf
    from tensorflow.core.framework import summary_pb2

    metadata = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="images"))
    tensor = tf.stack([tf.as_string(picture.shape[1]), tf.as_string(picture.shape[0]),
                       tf.io.encode_png(picture)])
    tf.summary.write(tag, tensor, step=step, metadata=metadata.SerializeToString())


class PlotHistory(keras.callbacks.Callback):
    """Writes a PNG of every logged loss and metric over epochs when training ends.

    One panel per key (``d_loss``, ``g_loss``, ..., and metrics from a
    :class:`MetricsCallback` placed *before* this callback), titled with the key and
    its last / min / max values; the x axis runs over the epochs of this ``fit``.
    Metrics logged every N epochs are drawn at their epochs.

    Args:
        path: PNG file (written atomically at ``on_train_end``).
        keys: keys to plot (default: every numeric key logged).
        width: picture width in pixels.

    Attributes:
        series: ``{key: [(epoch, value), ...]}`` recorded during the last ``fit``.
    """

    def __init__(self, path, keys=None, width=480):
        super().__init__()
        self.path = os.fspath(path)
        self.keys = None if keys is None else list(keys)
        self.width = check_positive_int("width", width, minimum=160)
        self.series = {}

    def on_train_begin(self, logs=None):
        self.series = {}

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            if self.keys is not None and key not in self.keys:
                continue
            try:
                value = float(value)
            except (TypeError, ValueError):
                continue  # strings and arrays are not plotted
            self.series.setdefault(key, []).append((epoch + 1, value))

    def on_train_end(self, logs=None):
        if self.series:
            images_lib.save_png(images_lib.history_image(self.series, width=self.width),
                                self.path)


class StopOnNaN(keras.callbacks.Callback):
    """Stops training the moment a logged loss becomes NaN/Inf, before NaN weights spread.

    Raises :class:`keras_gans.errors.TrainingDivergedError` naming the step, the
    offending values and the last good checkpoint (the newest file matching
    ``checkpoint_glob``, e.g. written by ``keras.callbacks.ModelCheckpoint`` or
    ``BackupAndRestore``), instead of letting ``fit`` go on writing NaN weights.
    ``keras-gans train`` adds it by default.

    Args:
        checkpoint_glob: where checkpoints are written (a glob), reported in the message.
    """

    def __init__(self, checkpoint_glob=None):
        super().__init__()
        self.checkpoint_glob = checkpoint_glob
        self._epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        bad = {k: v for k, v in (logs or {}).items()
               if isinstance(v, numbers.Number) and not math.isfinite(float(v))}
        if not bad:
            return
        from keras_gans.errors import TrainingDivergedError

        self.model.stop_training = True
        step = int(self.model.g_optimizer.iterations.numpy()) if getattr(
            self.model, "g_optimizer", None) is not None else None
        raise TrainingDivergedError(
            f"Training diverged at epoch {self._epoch + 1}, batch {batch + 1} (generator "
            f"step {step}): {', '.join(f'{k}={v}' for k, v in sorted(bad.items()))}. "
            f"Last good checkpoint: {self._last_checkpoint() or 'none written'}. Lower the "
            "learning rates, add a gradient penalty or clipnorm, or check the data for "
            "NaN/Inf."
        )

    def _last_checkpoint(self):
        if not self.checkpoint_glob:
            return None
        import glob

        files = glob.glob(self.checkpoint_glob)
        return max(files, key=os.path.getmtime) if files else None


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


class StepBackup(keras.callbacks.BackupAndRestore):
    """``keras.callbacks.BackupAndRestore`` that resumes a GAN at the exact step.

    Keras' callback restores weights saved mid-epoch but restarts that epoch from its
    first batch, so a resumed run repeats steps. Here a backup is taken every
    ``every_n_steps`` steps, and :func:`resumable_fit` makes each backup interval one
    Keras epoch, so every backup falls on an epoch boundary and the resumed run does
    exactly the steps the killed one had left, on the same batches. The backup (weights
    of every net, both optimizers' slots and iteration counts) is written to a temporary
    file and renamed, so a kill while saving leaves the previous backup intact; the
    step to resume from is read from the restored generator optimizer's iteration count,
    never from a separate file that could disagree with the weights.

    Args:
        backup_dir: folder of the backup (deleted when training completes).
        every_n_steps: steps between backups.

    Example:
        >>> report, gan = keras_gans.training.train(
        ...     "dcgan", epochs=20, backup_dir="runs/dcgan/backup")  # kill, rerun: resumes

    Reference:
        ``keras.callbacks.BackupAndRestore`` (Keras 3).
    """

    def __init__(self, backup_dir, every_n_steps):
        super().__init__(backup_dir, save_freq="epoch", delete_checkpoint=True)
        self.every_n_steps = every_n_steps
        self.restored_step = 0

    @staticmethod
    def _step_of(model):
        optimizer = getattr(model, "g_optimizer", None) or model.optimizer
        return int(optimizer.iterations.numpy())

    def restore(self, model):
        """Loads the backup into ``model`` if there is one; returns the restored step."""
        if os.path.exists(self._weights_path):
            model.load_weights(self._weights_path)
            self.restored_step = self._step_of(model)
            if self.restored_step % self.every_n_steps:
                raise InvalidInputError(
                    f"the backup in {self.backup_dir} is at step {self.restored_step}, not a "
                    f"multiple of the backup interval {self.every_n_steps}: it was made with "
                    "other settings. Resume with the same arguments or delete the folder.")
        return self.restored_step

    def _load_model(self):
        self.model._initial_epoch = self.restore(self.model) // self.every_n_steps or None

    def on_train_end(self, logs=None):
        super().on_train_end(logs)
        self.model._initial_epoch = None  # Keras keeps it: a later fit would skip epochs

    def _save_model(self):
        saving.save_weights(self.model, self._weights_path)  # atomic, any keras.Model
        saving.write_json({"epoch": self._current_epoch, "step": self._step_of(self.model)},
                   self._training_metadata_path)
