"""Training recipes run from the installed package: train a preset exactly as declared.

    keras-gans train --preset dcgan_mnist --data idx:path/to/mnist --out runs/dcgan_mnist
    keras-gans train --preset dcgan_celeba --data folder:path/to/faces --steps 2

:func:`train` builds the preset's model at its declared shape, seed and build arguments
and fits it by its recipe (epochs or steps, batch size), resumable with ``backup_dir``;
:func:`measure` measures it by the zoo's protocol where one runs offline (MNIST: the
shipped classifier against the MNIST test split; 2-D mixtures: PacGAN's mode metrics);
:func:`train_to_folder` does both and writes a preset folder with the measured record.
``zoo/recipes/train_preset.py`` uses the same functions to ship the zoo's weights.

Data specs (``data``): ``idx:DIR`` (the four MNIST IDX files), ``tfds:NAME`` or
``folder:DIR`` (images resized to the preset's shape); the 2-D mixtures are synthetic.
The default is the preset's tfds dataset (``tfds:mnist`` for MNIST).
"""

import os
import time

import numpy as np

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError

EVAL_SAMPLES = 10_000
MODE_SAMPLES = 2_500
TRACE_SAMPLES = 2_000  # per-epoch quality trace of MNIST runs
BACKUP_STEPS_2D = 50_000


def _spec(preset, data):
    """``(kind, argument)`` of the data a preset trains on, checked against its dataset
    (``("mixture", name)`` for the synthetic 2-D mixtures)."""
    from keras_gans import data as data_lib

    if preset.dataset in data_lib.MIXTURES:
        if data is not None:
            raise InvalidInputError(f"{preset.name} trains on the synthetic "
                                    f"{preset.dataset!r} mixture; it takes no data.")
        return "mixture", preset.dataset
    default = "tfds:mnist" if preset.dataset.startswith("mnist") else \
        f"tfds:{preset.recipe.get('tfds', preset.dataset)}"
    spec = data or default
    kind, _, argument = spec.partition(":")
    allowed = ("idx",) if preset.dataset == "mnist2domain" else \
        ("idx", "tfds") if preset.dataset == "mnist" else ("tfds", "folder")
    if kind not in allowed or not argument:
        raise InvalidInputError(
            f"{preset.name} trains on {preset.dataset}: data must be "
            + " or ".join(f"{k}:{'DIR' if k != 'tfds' else 'NAME'}" for k in allowed)
            + f"; got {spec!r}.")
    return kind, argument


def _training_data(preset, model, data, steps):
    from keras_gans import data as data_lib
    from keras_gans.metrics.structured import kind_of

    recipe, shape = preset.recipe, preset.image_shape
    batch, seed = recipe["batch_size"], recipe["seed"]
    kind, argument = _spec(preset, data)
    labelled = kind_of(model) == "conditional"
    if kind == "mixture":
        return data_lib.mixture_dataset(argument, batch_size=batch, num_samples=100_000,
                                        seed=seed)
    if preset.dataset == "mnist2domain":
        train_set = data_lib.mnist_two_domains(argument, "train")
        return data_lib.unpaired_from_arrays(train_set["x_a"], train_set["x_b"],
                                             batch_size=batch, seed=seed, repeat=True)
    if kind == "idx":
        ds = data_lib.from_idx_dir(argument, "train", batch, with_labels=labelled, seed=seed)
    elif kind == "folder":
        ds = data_lib.from_image_folder(argument, shape[0], shape[-1], batch,
                                        labels="inferred" if labelled else None, seed=seed)
    else:
        ds = data_lib.from_tfds(argument, batch_size=batch, with_labels=labelled, seed=seed,
                                image_size=None if preset.dataset == "mnist" else shape[0])
    return ds.repeat() if steps or "steps" in recipe else ds


def train(preset, data=None, backup_dir=None, steps=None, verbose=2, jit_compile=None):
    """Fits ``preset``'s model by its recipe; returns ``(model, run)``.

    Args:
        preset: a name or :class:`~keras_gans.zoo.Preset`.
        data: the data spec (see the module docstring); ``None`` for the default.
        backup_dir: back up every epoch (every 50,000 steps for 2-D presets); the same
            call resumes a killed run at the exact step.
        steps: train this many G steps instead of the recipe's length (quick checks;
            recorded as ``steps_run``).
        jit_compile: ``None`` (the recipe's ``jit_compile``, off when it declares none),
            ``True``/``False``, or ``"auto"`` (a timed probe on this machine decides, see
            :func:`keras_gans.training.probe_jit`; the run records its figures).

    MNIST runs also measure IS and FID of 2,000 samples after every epoch (the run's
    ``trace``), so a card can show how quality grew with training length.
    """
    import keras

    from keras_gans import data as data_lib
    from keras_gans import zoo
    from keras_gans.callbacks import MetricsCallback, StopOnNaN
    from keras_gans.training import probe_jit, resumable_fit, shown_path

    preset = zoo.get(preset) if isinstance(preset, str) else preset
    recipe = preset.recipe
    if steps is not None:
        steps = check_positive_int("steps", steps)
    keras.utils.set_random_seed(recipe["seed"])
    model = zoo.build_preset(preset)
    ds = _training_data(preset, model, data, steps)
    callbacks, trace, probe = [StopOnNaN()], None, None
    jit = recipe.get("jit_compile", False) if jit_compile is None else jit_compile
    spe = recipe.get("steps_per_execution", 1)
    if jit == "auto":
        probe = probe_jit(lambda: zoo.build_preset(preset), ds, recipe["batch_size"],
                          steps_per_execution=spe)
        jit = probe["jit_compile"]
    model.compile(jit_compile=jit, steps_per_execution=spe)
    if "steps" in recipe or steps:
        total = steps or recipe["steps"]
        every = min(total, BACKUP_STEPS_2D) if preset.dataset in data_lib.MIXTURES else total
        epochs, steps_per_epoch = 1, total
    else:
        if preset.dataset == "mnist" and not steps:
            x_test, _ = data_lib.mnist_test_split(data)
            trace = MetricsCallback(x_test, metrics=("is", "fid"), num_samples=TRACE_SAMPLES,
                                    monitor="fid", seed=recipe["seed"] + 1, verbose=1)
            callbacks.append(trace)
        epochs, steps_per_epoch, every = recipe["epochs"], None, None
    start = time.perf_counter()
    if backup_dir:
        history, resumed, _ = resumable_fit(model, ds, epochs, steps_per_epoch, backup_dir,
                                            every_n_steps=every, callbacks=callbacks,
                                            verbose=verbose, shuffle=False)
    else:
        resumed = 0
        history = model.fit(ds, verbose=verbose, shuffle=False, callbacks=callbacks,
                            epochs=epochs, steps_per_epoch=steps_per_epoch)
    return model, {
        "command": recipe.get("command"),
        **{k: recipe[k] for k in ("epochs", "steps", "batch_size", "seed") if k in recipe},
        "data": None if preset.dataset in data_lib.MIXTURES else
        shown_path(":".join(_spec(preset, data))),
        "generator_updates": int(model.g_optimizer.iterations.numpy()),
        "wall_seconds": round(time.perf_counter() - start, 1),
        "final_losses": {k: float(v[-1]) for k, v in history.history.items()
                         if k not in ("is", "is_std", "fid")},
        "jit_compile": bool(jit), "steps_per_execution": spe,
        **({"xla_probe": probe} if probe else {}),
        **({"steps_run": steps} if steps else {}),
        **({"resumed_from_step": resumed} if resumed else {}),
        **({"trace": [{"epoch": r["epoch"], "is": round(float(r["is"]), 3),
                       "fid": round(float(r["fid"]), 3)} for r in trace.results],
            "trace_samples": TRACE_SAMPLES} if trace is not None else {}),
    }


def measure(model, preset, data=None):
    """``(metrics, picture)`` by the zoo's protocol, where one runs offline: PacGAN's mode
    metrics of 2,500 samples (2-D mixtures); FID, KID, IS, precision/recall,
    density/coverage and class coverage of 10,000 samples against the MNIST test split
    with the shipped classifier, plus a structured model's own checks (MNIST). Other
    datasets need the Inception network: ``({}, sample grid)`` with the reason."""
    from keras_gans import data as data_lib
    from keras_gans import images
    from keras_gans.training import sample_figure

    seed = preset.recipe["seed"] + 1
    if preset.dataset in data_lib.MIXTURES:
        from keras_gans.metrics import mode_metrics

        mix = data_lib.get_mixture(preset.dataset)
        m = mode_metrics(model.generate(MODE_SAMPLES, seed=seed), mix.means, mix.std)
        return {**m, "num_samples": MODE_SAMPLES, "seed": seed,
                "protocol": "PacGAN: high quality = within 3σ of the nearest mode; a mode is "
                            "captured with ≥ 1 high-quality sample"}, sample_figure(
                                model, preset.dataset, seed=seed)
    if preset.dataset != "mnist":
        return {"not_measured": f"no offline protocol for {preset.dataset!r}: its metrics "
                "need the Inception network (keras_gans.metrics.evaluate with "
                "extractor='inception')"}, images.make_grid(model.generate(64, seed=seed),
                                                             columns=8)
    from keras_gans.metrics import MNISTExtractor, evaluate
    from keras_gans.metrics.structured import structure_checks

    x_test, y_test = data_lib.mnist_test_split(data)
    classifier = MNISTExtractor()
    result = evaluate(model, x_test, metrics=("fid", "kid", "is", "pr", "dc", "classes"),
                      num_samples=EVAL_SAMPLES, extractor=classifier, seed=seed,
                      reference_split="mnist/test", progress=False)
    metrics = {k: (float(v) if isinstance(v, (float, np.floating)) else v)
               for k, v in result.items()}
    checks, grid = structure_checks(model, x_test, y_test, classifier,
                                    num_samples=EVAL_SAMPLES, seed=seed)
    if checks:
        metrics["structure"] = checks
    if grid is None:
        grid = model.generate(100, seed=seed)
    return metrics, images.make_grid(grid, columns=10)


def train_to_folder(preset, out_dir, data=None, backup_dir=None, steps=None, verbose=2,
                    jit_compile=None):
    """Trains ``preset`` by its recipe, measures it, and writes ``out_dir`` as a preset
    folder (``zoo.load(out_dir)`` loads it) with the measurement as ``record.json`` and
    the sample grid as ``samples.png``. Returns the record."""
    import tempfile

    from keras_gans import images, zoo
    from keras_gans.training import environment
    from keras_gans.zoo import folders

    preset = zoo.get(preset) if isinstance(preset, str) else preset
    folders.check_destination(out_dir)  # before the run, not after hours of it
    _spec(preset, data)
    model, run = train(preset, data, backup_dir, steps, verbose, jit_compile)
    if preset.dataset == "mnist2domain":
        metrics, picture = {"not_measured": "the two-domain protocol runs from the "
                            "repository: zoo/recipes/train_preset.py"}, None
    else:
        metrics, picture = measure(model, preset, data)
    record = {"name": preset.name, "metrics": metrics, "recipe_run": run,
              "environment": environment()}
    with tempfile.TemporaryDirectory() as staging:
        extras = {}
        if picture is not None:
            extras["samples.png"] = images.save_png(picture,
                                                    os.path.join(staging, "samples.png"))
        folders.save_preset(model, out_dir, name=preset.name, dataset=preset.dataset,
                            recipe=preset.recipe, record=record, files=extras)
    return record
