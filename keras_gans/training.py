"""Train a variant end to end and write a report: the main job of the README.

``train(...)`` builds a variant for a dataset, fits it with plain ``keras`` ``fit``, then
writes its output folder as a preset folder (``keras_gans.zoo.save_preset``), which
``zoo.load(out_dir)`` and ``keras-gans sample out_dir`` load: ``config.json``,
``model.weights.h5`` (the inference nets), ``record.json`` (configuration, versions, seed,
losses per epoch, throughput and, for mixtures, the PacGAN mode metrics),
``samples.png`` (a grid for images, a scatter over the modes for 2-D mixtures) and
``train_state.weights.h5`` (every net's weights). With ``backup_dir`` a run killed at any
point (even SIGKILL) resumes from its last backup when started again with the same
arguments (:class:`keras_gans.callbacks.StepBackup`).
"""

import os
import platform
import shlex
import shutil
import sys
import tempfile
import time

import keras
import numpy as np
import tensorflow as tf

from keras_gans._checks import check_positive_int
from keras_gans import data as data_lib
from keras_gans import images as images_lib
from keras_gans.errors import InvalidInputError
from keras_gans.callbacks import StepBackup, Throughput
from keras_gans.variants import build


def resumable_fit(model, dataset, epochs, steps_per_epoch, backup_dir, every_n_steps=None,
                  callbacks=(), **fit_kwargs):
    """``model.fit`` that backs up every ``every_n_steps`` steps and resumes exactly.

    The batched ``dataset`` is repeated and, when resuming from step ``s``, its first
    ``s`` batches are skipped, so the resumed run sees the batches the uninterrupted run
    would have seen (the engine's randomness is keyed by the step, so the result is the
    same up to float determinism). Keras sees one epoch per backup interval: the
    returned history has one entry per interval, ``steps_per_epoch // every_n_steps``
    per epoch.

    Args:
        model: a compiled model (a :class:`keras_gans.GAN`).
        dataset: a batched ``tf.data.Dataset``.
        epochs: epochs of ``steps_per_epoch`` steps.
        steps_per_epoch: steps per epoch (``None``: the dataset's length).
        backup_dir: backup folder (see :class:`keras_gans.callbacks.StepBackup`).
        every_n_steps: backup interval; must divide ``steps_per_epoch`` (default: one
            backup per epoch).

    Returns:
        ``(history, restored_step, steps_per_epoch)``.
    """
    if steps_per_epoch is None:
        steps_per_epoch = int(dataset.cardinality())
        if steps_per_epoch < 1:
            raise InvalidInputError(
                "resumable training needs steps_per_epoch for a dataset of unknown or "
                f"infinite length (cardinality {steps_per_epoch}).")
    every = steps_per_epoch if every_n_steps is None else every_n_steps
    if isinstance(every, bool) or not isinstance(every, int) or every < 1 \
            or steps_per_epoch % every:
        raise InvalidInputError(
            f"the backup interval must be a positive int dividing steps_per_epoch="
            f"{steps_per_epoch}; got {every_n_steps!r}.")
    backup = StepBackup(backup_dir, every)
    done = backup.restore(model)
    per_epoch = steps_per_epoch // every
    history = model.fit(dataset.repeat().skip(done), epochs=epochs * per_epoch,
                        initial_epoch=done // every, steps_per_epoch=every,
                        callbacks=[backup, *callbacks], **fit_kwargs)
    return history, done, steps_per_epoch


_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shown_path(value):
    """``value`` as a user would type it: a path (or ``idx:``/``folder:`` spec) inside the
    repository made repository-relative, one outside it written ``path/to/NAME``."""
    for prefix in ("", "idx:", "folder:"):
        rest = value[len(prefix):]
        if value.startswith(prefix) and rest and (os.path.isabs(rest) or os.path.exists(rest)):
            path = os.path.abspath(rest)
            if path == _ROOT or path.startswith(_ROOT + os.sep):
                return prefix + os.path.relpath(path, _ROOT)
            return prefix + "path/to/" + os.path.basename(path.rstrip(os.sep))
    return value


def recorded_command(argv=None):
    """The command that reproduces this run, as typed from the repository root:
    ``python SCRIPT ARGS`` with this machine's paths replaced (see :func:`shown_path`),
    so that records and cards never carry one machine's folders."""
    argv = sys.argv if argv is None else argv
    shown = [shown_path(argv[0])]
    for arg in argv[1:]:
        key, eq, value = arg.partition("=")
        shown.append(key + eq + shown_path(value) if arg.startswith("--") and eq
                     else shown_path(arg))
    return " ".join(["python", *(shlex.quote(a) for a in shown)])


def environment():
    """Machine and library versions, recorded with every figure."""
    return {
        "python": platform.python_version(),
        "cpu_model": _cpu_model(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "devices": [d.device_type + ":" + d.name for d in tf.config.list_physical_devices()],
    }


def _cpu_model():
    """The CPU's model name (Intel AVX-512 and AMD AVX2 machines differ in speed and in
    the last bits of float results), or ``None`` where /proc/cpuinfo is missing."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def sample_figure(model, dataset_spec, num=64, seed=0):
    """A PNG-ready uint8 image of samples: a grid (one column per class for a
    class-conditional model, whose labels cycle through the classes), or a scatter for
    2-D mixtures."""
    if dataset_spec in data_lib.MIXTURES:
        mix = data_lib.get_mixture(dataset_spec)
        return images_lib.scatter_image(model.generate(2500, seed=seed), mix.means)
    return images_lib.make_grid(model.generate(num, seed=seed),
                                columns=getattr(model, "num_classes", None))


XLA_MARGIN = 1.05  # XLA is chosen when it is at least this much faster


def probe_jit(make_model, dataset, batch_size, steps=10, steps_per_execution=1):
    """Times ``steps`` training steps of fresh models (``make_model()``) on ``dataset``
    with and without XLA, after one warm-up call each (tracing and compiling excluded),
    and says which to use: XLA only where it is ``XLA_MARGIN`` × faster, since its gain
    depends on the CPU (a win on some AMD machines, 0.9× on the Intel ones measured).

    Returns:
        ``{"graph_images_per_second", "xla_images_per_second", "steps", "jit_compile"}``.
    """
    check_positive_int("probe steps", steps)
    steps = -(-steps // steps_per_execution) * steps_per_execution  # whole executions
    data = dataset.repeat()
    rates = {}
    for jit in (False, True):
        model = make_model()
        model.compile(jit_compile=jit, steps_per_execution=steps_per_execution)
        model.fit(data, epochs=1, steps_per_epoch=steps_per_execution, verbose=0,
                  shuffle=False)  # traces (and compiles) outside the timing
        start = time.perf_counter()
        model.fit(data, epochs=1, steps_per_epoch=steps, verbose=0, shuffle=False)
        rates[jit] = steps * batch_size / (time.perf_counter() - start)
    return {"graph_images_per_second": round(rates[False], 1),
            "xla_images_per_second": round(rates[True], 1), "steps": steps,
            "jit_compile": rates[True] >= XLA_MARGIN * rates[False]}


QUALITY_SAMPLES = 2_000
GRID_SAMPLES = 100  # the main job's samples.png: 10 × 10 (a column per digit for cgan)


def mnist_quality(model, seed):
    """How readable a digit model's samples are, in seconds: the Inception Score and the
    classes covered of 2,000 samples under the shipped MNIST classifier (real test digits
    score 9.68)."""
    from keras_gans.metrics import evaluate

    result = evaluate(model, None, metrics=("is", "classes"), num_samples=QUALITY_SAMPLES,
                      extractor="mnist", seed=seed, progress=False)
    return {"inception_score": round(float(result["is"]), 3),
            "classes_covered": int(result["classes_covered"]),
            "num_samples": QUALITY_SAMPLES, "seed": seed, "extractor_id": "mnist_cnn_v1"}


def train(variant, dataset="default", out_dir="runs/out", epochs=1, batch_size=64,
          latent_dim=64, steps_per_epoch=None, seed=0, jit_compile=False,
          steps_per_execution=1, verbose=1, callbacks=(), backup_dir=None,
          backup_every=None, **overrides):
    """Trains ``variant`` on ``dataset`` (a :func:`keras_gans.data.resolve` spec).

    Args:
        jit_compile: ``True``/``False``, or ``"auto"``: a short timed probe on this machine
            (:func:`probe_jit`) decides, and the report records its figures.
        backup_dir: back up every ``backup_every`` steps (default: every epoch) into this
            folder; started again with the same arguments after a crash or a kill, the
            run resumes from the last backup (see :func:`resumable_fit`).
        backup_every: steps between backups; must divide the steps per epoch.

    Returns:
        ``(report, model)``; the report is also written to ``out_dir/record.json``.
    """
    from keras_gans.zoo import folders

    folders.check_destination(out_dir)  # before the run, not after hours of it
    if backup_dir and os.path.abspath(backup_dir).startswith(
            os.path.join(os.path.abspath(out_dir), "")):
        raise InvalidInputError(f"backup_dir {backup_dir!r} lies inside out_dir "
                                f"{out_dir!r}, which is replaced whole at the end of the "
                                "run; put the backup beside it.")
    from keras_gans.metrics.structured import kind_of

    keras.utils.set_random_seed(seed)
    ds, data_shape = data_lib.resolve(dataset, batch_size=batch_size, seed=seed)

    def make_model():
        return build(variant, image_shape=data_shape, latent_dim=latent_dim, seed=seed,
                     **overrides)

    model = make_model()
    if kind_of(model) == "conditional":  # trains on (images, labels)
        ds, _ = data_lib.resolve(dataset, batch_size=batch_size, seed=seed, with_labels=True)
    if dataset in data_lib.MIXTURES:
        ds = ds.repeat()
        steps_per_epoch = steps_per_epoch or 1000
    probe = None
    if jit_compile == "auto":  # after the model is built: its initial weights stay the seed's
        probe = probe_jit(make_model, ds, batch_size, steps_per_execution=steps_per_execution)
        jit_compile = probe["jit_compile"]
    elif not isinstance(jit_compile, bool):
        raise InvalidInputError(f"jit_compile must be True, False or 'auto'; got "
                                f"{jit_compile!r}.")
    model.compile(jit_compile=jit_compile, steps_per_execution=steps_per_execution)
    meter = Throughput(batch_size)
    from keras_gans.callbacks import StopOnNaN

    # The last good checkpoint a divergence message names: the backup's, if any.
    checkpoints = os.path.join(backup_dir, "*.weights.h5") if backup_dir else None
    fit_callbacks = [meter, StopOnNaN(checkpoints), *callbacks]
    start = time.perf_counter()
    resumed_from = None
    if backup_dir:
        history, resumed_from, steps_per_epoch = resumable_fit(
            model, ds, epochs, steps_per_epoch, backup_dir, backup_every,
            callbacks=fit_callbacks, verbose=verbose, shuffle=False)
    else:
        if backup_every is not None:
            raise InvalidInputError("backup_every needs backup_dir.")
        history = model.fit(ds, epochs=epochs, steps_per_epoch=steps_per_epoch,
                            verbose=verbose, shuffle=False, callbacks=fit_callbacks)
    wall = time.perf_counter() - start
    staging = tempfile.mkdtemp(prefix="keras_gans-train-")
    samples_path = images_lib.save_png(sample_figure(model, dataset, num=GRID_SAMPLES,
                                                     seed=seed),
                                       os.path.join(staging, "samples.png"))
    model.save_weights(os.path.join(staging, "train_state.weights.h5"))
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
        **({"xla_probe": probe} if probe else {}),
        "steps_per_execution": steps_per_execution,
        "overrides": {k: repr(v) for k, v in overrides.items()},
        "backup_dir": backup_dir,
        "resumed_from_step": resumed_from,
        "wall_seconds": wall,
        "throughput": meter.summary(),
        "history": {k: [float(x) for x in v] for k, v in history.history.items()},
        "samples_png": os.path.basename(samples_path),
        "environment": environment(),
    }
    if data_shape == (28, 28, 1) and data_lib.is_mnist_spec(dataset) and \
            hasattr(model, "generate"):
        report["quality"] = mnist_quality(model, seed + 1)
    if dataset in data_lib.MIXTURES:
        from keras_gans.metrics import mode_metrics

        mix = data_lib.get_mixture(dataset)
        report["mode_metrics"] = mode_metrics(model.generate(2500, seed=seed + 1), mix.means,
                                              mix.std)
    recipe = {k: report[k] for k in ("epochs", "batch_size", "steps_per_epoch", "seed",
                                     "jit_compile", "steps_per_execution")}
    try:
        folders.save_preset(model, out_dir, dataset=dataset, recipe=recipe, record=report,
                            files={f: os.path.join(staging, f) for f in os.listdir(staging)})
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report, model
