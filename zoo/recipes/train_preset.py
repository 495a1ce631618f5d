r"""Ships a zoo preset: trains it by its recipe, measures it, and writes its weights,
record, declared weights and grid into the repository.

    python zoo/recipes/train_preset.py dcgan_mnist --mnist_dir path/to/mnist
    python zoo/recipes/train_preset.py nsgan_ring8
    python zoo/recipes/train_preset.py dcgan_mnist --from_weights run/generator.weights.h5 \
        --trained_by "python benchmarks/mnist_quality.py --variant dcgan --epochs 5"
    python zoo/recipes/train_preset.py cogan_mnist2domain \
        --from_weights benchmarks/results/translation_cogan/model.keras --trained_by "..."

Writes (then regenerate the cards with ``python zoo/make_cards.py``):
  * ``keras_gans/zoo/weights/<name>.weights.h5`` — the inference nets (generator, plus the
    encoder of encoder models), shipped with the package;
  * ``keras_gans/zoo/records/<name>.json`` — sha256, version (bumped whenever the weights
    change), bytes, the metrics measured on exactly those weights and how (extractor,
    sample counts, reference split, seed), the recipe run (command, epochs/steps, batch,
    seed, wall time, losses) and the environment;
  * the preset's ``weights`` entry in its family's declaration file;
  * ``zoo/cards/<name>.png`` — a sample grid (or a scatter over the mixture's modes).

Training and measuring are the package's (``keras_gans.zoo.recipes``, which
``keras-gans train --preset NAME`` runs for users); this script adds what shipping needs.
Measurements: MNIST presets — FID, KID, IS, precision/recall, density/coverage and class
coverage of 10,000 samples against the 10,000-image MNIST test split with the shipped
MNIST classifier (``mnist_cnn_v1``), plus each structured model's own check
(``keras_gans.metrics.structured``); 2-D presets — PacGAN mode metrics of 2,500 samples.
``--from_weights`` measures and ships a model trained elsewhere (the record says by
which command) instead of training: a generator ``.weights.h5``, or a whole saved model
(``.keras``, e.g. the one a benchmark writes) whose inference nets are copied;
``--reship`` re-saves shipped weights in the current storage format (float16) and
measures them again; ``--repack`` rewrites the shipped files in the current file format
when not one value changes (checked array by array), keeping their measurements.

An ablation trains a changed recipe without shipping anything: ``--overrides`` merges into
the declared build key by key (as a ``base_build`` does), ``--recipe`` replaces recipe
values, and ``--report`` names the JSON written instead of the package's files (the
measurements, the run, the shipped record it is compared with); ``--save_weights`` keeps
the measured float16 weights, which ``--from_weights`` can ship if the change pays:

    python zoo/recipes/train_preset.py dcgan_mnist --mnist_dir path/to/mnist \
        --overrides '{"augment": "translation,cutout"}' \
        --report benchmarks/results/preset_ablations/dcgan_mnist_diffaugment.json
"""

import argparse
import dataclasses
import datetime
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402

from keras_gans import data, errors, images, saving, zoo  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command, shown_path  # noqa: E402
from keras_gans.zoo import files, presets, recipes, targets  # noqa: E402

CARDS = os.path.join(ROOT, "zoo", "cards")
RUNS = os.path.join(ROOT, "zoo", "runs.json")


def train(preset, args):
    """Fits the preset's model by its recipe (:func:`keras_gans.zoo.recipes.train`);
    returns (model, run record)."""
    return recipes.train(preset, _data(preset, args), args.backup_dir, args.steps)


def _data(preset, args):
    return None if preset.dataset in data.MIXTURES else f"idx:{args.mnist_dir}"


def import_weights(model, path):
    """Loads weights trained elsewhere into the preset's ``model``: a generator
    ``.weights.h5``, or a saved ``.keras`` model of the same architecture (its inference
    nets are copied). A mismatch stops with what differs."""
    try:
        if not path.endswith(".keras"):
            nets = model.inference_nets()  # the EMA copy where the preset keeps one
            if set(nets) != {"generator"}:
                raise ValueError("a .weights.h5 file holds one generator; pass a saved "
                                 ".keras model instead")
            nets["generator"].load_weights(path)
            return model
        theirs = saving.load_model(path).inference_nets()
        for name, net in model.inference_nets().items():
            if name not in theirs:
                raise ValueError(f"it has no {name!r} (it has {sorted(theirs)})")
            net.set_weights(theirs[name].get_weights())
    except (ValueError, OSError, AttributeError) as e:
        raise SystemExit(f"--from_weights {path}: does not fit the preset's model "
                         f"({type(model).__name__}, nets {sorted(model.inference_nets())}): "
                         f"{errors.first_line(e)}") from None
    return model


def measure(model, preset, args):
    """Metrics of the model as it will ship, with how they were measured: the package's
    protocol (:func:`keras_gans.zoo.recipes.measure`), and for two-domain presets the
    benchmark's."""
    if preset.dataset != "mnist2domain":
        return recipes.measure(model, preset, _data(preset, args))
    seed = preset.recipe["seed"] + 1
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    from translation_mnist import evaluate_cogan, evaluate_translator, to_unit, triplet_grid

    from keras_gans.metrics import MNISTExtractor

    with tempfile.TemporaryDirectory() as out:  # the benchmark's PNGs are not kept
        if preset.variant == "cogan":
            metrics = evaluate_cogan(model, MNISTExtractor(), out, preset.recipe["seed"])
            a, b = model.generate(50, seed=seed)
            picture = images.make_grid(np.stack([a, b], 1).reshape(-1, *a.shape[1:]),
                                       columns=10)
        else:
            test = data.mnist_two_domains(args.mnist_dir, "test")
            metrics = evaluate_translator(model, test, MNISTExtractor(), out)
            x = to_unit(test["x_a"][:24])
            picture = triplet_grid(x, model.translate(x, "a2b"), model.reconstruct(x))
    return {**metrics, "extractor_id": "mnist_cnn_v1", "seed": seed}, picture


def stage_weights(preset, model, folder):
    """Writes the weights as they will ship (float16) into ``folder`` and loads them back
    into ``model``, so that what is measured next is exactly what ships. The package is
    untouched until :func:`write`, so a failed measurement leaves its file and record as
    they were. Returns the staged file's path."""
    path = os.path.join(folder, f"{preset.name}.weights.h5")
    zoo.save_inference_weights(model, path)
    zoo.load_inference_weights(model, path)
    return path


def same_arrays(path_a, path_b):
    """Whether two ``.weights.h5`` files hold the same datasets with equal values."""
    a, b = saving.weights_file_arrays(path_a), saving.weights_file_arrays(path_b)
    return a.keys() == b.keys() and all(
        a[k].dtype == b[k].dtype and np.array_equal(a[k], b[k]) for k in a)


def write(preset, model, staged, metrics, picture, run, args):
    filename = os.path.basename(staged)
    path = os.path.join(files.PACKAGE_WEIGHTS, filename)
    if not (os.path.exists(path) and same_arrays(path, staged)):
        # HDF5 files of identical arrays can differ in bytes; keep the shipped file (and
        # so its sha256 and version) when only the bytes would change.
        with saving.atomic_path(path) as tmp:
            shutil.copyfile(staged, tmp)
    sha = files.sha256_of(path)
    old = preset.weights or {}
    version = old.get("version", 0) + (0 if old.get("sha256") == sha else 1)
    if preset.record and old.get("sha256") not in (None, sha):
        note_replaced(preset, version)
    os.makedirs(CARDS, exist_ok=True)
    images.save_png(picture, os.path.join(CARDS, f"{preset.name}.png"))
    record = {
        "name": preset.name,
        "weights": {"file": filename, "sha256": sha, "version": version,
                    "bytes": os.path.getsize(path), "nets": sorted(model.inference_nets())},
        "metrics": metrics,
        "recipe_run": run,
        "measured_by": recorded_command(["zoo/recipes/train_preset.py", *sys.argv[1:]]),
        "date": datetime.date.today().isoformat(),
        "environment": environment(),
    }
    os.makedirs(presets.RECORDS, exist_ok=True)
    write_json(record, os.path.join(presets.RECORDS, f"{preset.name}.json"))
    presets.declare_weights(preset.name, record["weights"])
    return record


def note_replaced(preset, version):
    """Adds the shipped version that ``version`` replaces to ``zoo/runs.json`` (its
    record's figures), so the card's table of runs tried keeps it."""
    if preset.base_build:
        change = preset.build_changes
        what = f"the shared `{preset.base_build}` build" + (
            f", changing `{json.dumps(change)}`" if change else "")
    else:
        build = {k: v for k, v in preset.build.items() if "optimizer" not in k}
        what = f"the build `{json.dumps(build)}`" if build else "the variant's default build"
    row = {**targets.record_row(preset), "what": what,
           "outcome": f"shipped; replaced by v{version}"}
    runs = {}
    if os.path.exists(RUNS):
        with open(RUNS, encoding="utf-8") as f:
            runs = json.load(f)
    runs.setdefault(preset.name, []).append(row)
    write_json(runs, RUNS)


def changed(preset, overrides, recipe):
    """The preset with ``overrides`` merged into its build and ``recipe`` values replaced
    (an ablation); refuses a change that leaves it as it is."""
    if not overrides and not recipe:
        raise SystemExit("--report needs --overrides and/or --recipe: an ablation changes "
                         "the recipe")
    return dataclasses.replace(preset, build=presets.merged(preset.build, overrides),
                               recipe={**preset.recipe, **recipe})


def report(preset, ablation, metrics, run, staged, args):
    """The ablation's JSON: what changed, its measurements and run, and the shipped
    record it departs from (written atomically; nothing in the package changes)."""
    shipped = preset.record or {}
    command = recorded_command(["zoo/recipes/train_preset.py", *sys.argv[1:]])
    out = {
        "preset": preset.name,
        "overrides": ablation["overrides"],
        "recipe_overrides": ablation["recipe"],
        "build": ablation["preset"].build,
        "weights_sha256": files.sha256_of(staged),
        "metrics": metrics,
        "recipe_run": {**run, "command": command},
        "baseline": {"version": (preset.weights or {}).get("version"),
                     "metrics": shipped.get("metrics", {}),
                     "recipe_run": shipped.get("recipe_run", {})},
        "measured_by": command,
        "date": datetime.date.today().isoformat(),
        "environment": environment(),
    }
    write_json(out, args.report)
    return out


def _json_arg(parser, flag, text):
    try:
        value = json.loads(text) if text else {}
    except json.JSONDecodeError as e:
        parser.error(f"{flag} must be a JSON object; got {text!r} ({e.msg})")
    if not isinstance(value, dict):
        parser.error(f"{flag} must be a JSON object; got {text!r}")
    return value


def repack(preset):
    """Rewrites ``preset``'s shipped file in the current file format (e.g. compressed),
    refusing if any array would change; the record keeps its metrics and notes the
    repack. Returns the new weights entry, or ``None`` when the bytes are the same."""
    old = preset.weights or {}
    if not old.get("file"):
        raise SystemExit(f"--repack: {preset.name} has no weights file in the package")
    model = zoo.load(preset.name)  # sha256-verified
    path = os.path.join(files.PACKAGE_WEIGHTS, old["file"])
    with tempfile.TemporaryDirectory() as staging:
        staged = stage_weights(preset, model, staging)
        if not same_arrays(path, staged):
            raise SystemExit(f"--repack: {preset.name}'s arrays would change; use --reship")
        if files.sha256_of(staged) == old["sha256"]:
            return None
        with saving.atomic_path(path) as tmp:
            shutil.copyfile(staged, tmp)
    record = dict(preset.record)
    record["weights"] = {**record["weights"], "sha256": files.sha256_of(path),
                         "version": old["version"] + 1, "bytes": os.path.getsize(path)}
    record["repacked"] = {
        "from": f"version {old['version']}, sha256 {old['sha256']}, {old['bytes']} bytes",
        "by": recorded_command(["zoo/recipes/train_preset.py", "--repack", preset.name]),
        "date": datetime.date.today().isoformat(),
        "same_arrays": True,
    }
    write_json(record, os.path.join(presets.RECORDS, f"{preset.name}.json"))
    presets.declare_weights(preset.name, record["weights"])
    return record["weights"]


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("presets", nargs="+", help="preset names (keras_gans.zoo.list())")
    p.add_argument("--mnist_dir", default=None,
                   help="a folder of the four MNIST IDX files (MNIST presets)")
    p.add_argument("--from_weights", default=None,
                   help="a generator .weights.h5 or a saved .keras model trained elsewhere: "
                        "measure and ship it")
    p.add_argument("--trained_by", default=None, help="the command that trained --from_weights")
    p.add_argument("--reship", action="store_true",
                   help="re-save the preset's shipped weights in the current storage format "
                        "(float16) and measure them again; the record keeps its training run")
    p.add_argument("--repack", action="store_true",
                   help="rewrite the shipped files in the current file format, refusing any "
                        "changed value; the records keep their measurements")
    p.add_argument("--steps", type=int, default=None,
                   help="override the recipe's steps (quick checks; recorded as steps_run)")
    p.add_argument("--backup_dir", default=None,
                   help="back up here during training; rerun the same command to resume")
    p.add_argument("--overrides", default=None,
                   help="ablation: JSON merged into the preset's build (needs --report)")
    p.add_argument("--recipe", default=None,
                   help='ablation: JSON replacing recipe values, e.g. \'{"epochs": 10}\'')
    p.add_argument("--report", default=None,
                   help="ablation: write the measurements to this JSON instead of shipping")
    p.add_argument("--save_weights", default=None,
                   help="ablation: keep the measured weights file here (--from_weights ships it)")
    args = p.parse_args()
    overrides = _json_arg(p, "--overrides", args.overrides)
    recipe_overrides = _json_arg(p, "--recipe", args.recipe)
    if (overrides or recipe_overrides or args.save_weights) and not args.report:
        p.error("--overrides, --recipe and --save_weights make an ablation: name its "
                "--report file (nothing is shipped)")
    if args.report and (len(args.presets) != 1 or args.from_weights or args.reship
                        or args.repack):
        p.error("--report trains one preset by a changed recipe (no --from_weights, "
                "--reship or --repack)")
    if args.from_weights and len(args.presets) != 1:
        p.error("--from_weights takes exactly one preset")
    if args.repack:
        for name in args.presets:
            print(json.dumps({"preset": name, "repacked": repack(zoo.get(name))}), flush=True)
        return
    if args.mnist_dir is None and any(zoo.get(n).dataset.startswith("mnist")
                                      for n in args.presets):
        p.error("MNIST presets need --mnist_dir DIR (a folder of the four MNIST IDX files)")
    for name in args.presets:
        preset = zoo.get(name)
        if args.reship:
            old = preset.weights or {}
            if not old:
                raise SystemExit(f"--reship: {name} has no shipped weights")
            model = zoo.load(name)  # sha256-verified
            # the first reship names the float32 original; later ones keep that
            run = {"reshipped_from": f"version {old['version']}, sha256 {old['sha256']}",
                   **preset.record["recipe_run"]}
        elif args.from_weights:
            model = import_weights(zoo.build_preset(preset), args.from_weights)
            run = {"command": args.trained_by or "unknown", "imported_from": shown_path(args.from_weights),
                   **{k: preset.recipe[k] for k in ("epochs", "steps", "batch_size", "seed")
                      if k in preset.recipe}}
        elif args.report:
            ablation = {"overrides": overrides, "recipe": recipe_overrides,
                        "preset": changed(preset, overrides, recipe_overrides)}
            model, run = train(ablation["preset"], args)
        else:
            model, run = train(preset, args)
        with tempfile.TemporaryDirectory() as staging:
            staged = stage_weights(preset, model, staging)
            metrics, picture = measure(model, ablation["preset"] if args.report else preset,
                                       args)
            if args.report:
                if args.save_weights:
                    with saving.atomic_path(args.save_weights) as tmp:
                        shutil.copyfile(staged, tmp)
                report(preset, ablation, metrics, run, staged, args)
                print(json.dumps({"preset": name, "report": shown_path(args.report),
                                  **{k: metrics.get(k) for k in ("fid", "is")}}), flush=True)
                continue
            record = write(preset, model, staged, metrics, picture, run, args)
        shown = {k: v for k, v in metrics.items()
                 if k in ("fid", "is", "modes_captured", "high_quality_fraction", "structure")}
        print(json.dumps({"preset": name, "version": record["weights"]["version"],
                          "bytes": record["weights"]["bytes"], **shown}, default=str),
              flush=True)


if __name__ == "__main__":
    main()
