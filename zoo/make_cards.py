"""Generates the model cards (``zoo/cards/<preset>.md``), the table (``zoo/README.md``)
and the command line's TensorFlow-free index (``keras_gans/index.json``) from the
registries and the measured records. Never edit those files by hand.

    python zoo/make_cards.py           # write
    python zoo/make_cards.py --check   # exit 1 if any card is out of date (CI / tests)
"""

import argparse
import dataclasses
import functools
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, ROOT)

from keras_gans import zoo  # noqa: E402
from keras_gans.metrics.modes import PACGAN_BAR  # noqa: E402
from keras_gans.zoo import presets, targets  # noqa: E402

FLOOR_FILE = os.path.join(ROOT, "benchmarks", "results", "mnist_metrics.json")
IMAGE_KEYS = (("fid", "FID ↓"), ("kid", "KID ↓"), ("is", "IS ↑"), ("precision", "precision ↑"),
              ("recall", "recall ↑"), ("density", "density"), ("coverage", "coverage ↑"),
              ("classes_covered", "classes covered"), ("class_kl", "class-histogram KL ↓"))
STRUCTURE_KEYS = {"label_accuracy": "label accuracy of generate(labels=c)",
                  "best_permutation_accuracy": "categorical code → digit, best permutation",
                  "reconstruction_label_accuracy": "label of G(E(x)) = label of x (test split)",
                  "reconstruction_mse": "reconstruction MSE (test split, [-1, 1])"}
TRANSLATION_KEYS = (
    ("class_preservation_a2b", "classifier label of a→b (mapped back) = source label"),
    ("class_preservation_b2a", "classifier label of b→a = source label"),
    ("reconstruction_accuracy_aba", "label of a→b→a = source label"),
    ("reconstruction_accuracy_bab", "label of b→a→b (mapped back) = source label"),
    ("cycle_l1_aba", "cycle L1 ‖a→b→a − a‖ ([-1, 1] scale)"),
    ("cycle_l1_bab", "cycle L1 ‖b→a→b − b‖"),
    ("reference_accuracy_real_a", "classifier accuracy on real domain a (ceiling)"),
    ("reference_accuracy_real_b_mapped_back", "… on real domain b mapped back (ceiling)"),
    ("pair_agreement", "the two images of a generated pair get the same label"),
    ("confident_pair_fraction", "pairs whose images both get a class probability > 0.9"),
    ("confident_pair_agreement", "… the same label, among those pairs"),
)
RUNS_FILE = os.path.join(HERE, "runs.json")
ABLATIONS = os.path.join(ROOT, "benchmarks", "results", "preset_ablations")
PACGAN = {mixture: f"{row}: {modes} modes, {100 * hq:.1f} % high quality"
          for mixture, (row, modes, hq) in PACGAN_BAR.items()}


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _floor():
    with open(FLOOR_FILE) as f:
        data = json.load(f)
    return data["rows"][0], data["command"]


def _optimizer_text(config):
    """``Adam(learning_rate=…, beta_1=…)`` from a (full or short) serialized optimizer."""
    def number(v):  # float32 values saved as doubles: 0.0010000000474974513 → 0.001
        return f"{v:.6g}" if isinstance(v, float) else str(v)

    args = []
    for key, value in config.get("config", {}).items():
        if key == "learning_rate" and isinstance(value, dict):  # a schedule
            inner = [f"{k}={number(v)}" for k, v in value.get("config", {}).items()
                     if k in ("initial_learning_rate", "decay_steps", "alpha")]
            args.append(f"{key}={value['class_name']}({', '.join(inner)})")
        elif key in ("learning_rate", "beta_1", "beta_2"):
            args.append(f"{key}={number(value)}")
    return f"{config.get('class_name', '?')}({', '.join(args)})"


def card(name):
    p = zoo.get(name)
    d = p.to_dict()
    lines = [f"# {name}", "",
             f"`keras_gans.zoo.load({name!r})` — **{p.variant}** on **{p.dataset}** "
             f"({'×'.join(map(str, p.image_shape))}, latent {p.latent_dim}).", "",
             f"- Paper: {d['paper']}",
             f"- Data: {d['dataset_source']}",
             f"- Licenses: weights {d['license']['weights']}; data: {d['license']['data']}",
             f"- Build: `keras_gans.build({p.variant!r}, image_shape={tuple(p.image_shape)}, "
             f"latent_dim={p.latent_dim}, seed={p.recipe.get('seed', 0)}"
             + "".join(f", {k}=…" for k in p.build) + ")`"
             + (f" with `{json.dumps({k: v for k, v in p.build.items() if 'optimizer' not in k})}`"
                if p.build else "")
             + (_built_on(p) if p.base_build else ""),
             *[f"- {k.replace('_', ' ').capitalize()}: `{_optimizer_text(p.build[k])}`"
               for k in ("d_optimizer", "g_optimizer") if k in p.build],
             f"- Recipe: `{p.recipe['command']}` — "
             + ", ".join(f"{k} {p.recipe[k]}" for k in ("epochs", "steps", "batch_size", "seed")
                         if k in p.recipe),
             *([f"- Why these values: {p.notes}"] if p.notes else []),
             *[f"- The shared `{build}` build: {why}" for build, why in
               (presets.build_chain(p.base_build) if p.base_build else []) if why], ""]
    if not p.has_weights:
        lines += ["## Weights", "", "**No weights yet.** "
                  + ("The data of this preset cannot be obtained on the project's offline "
                     "machines; " if not zoo.DATASETS[p.dataset].offline else "")
                  + f"load the architecture with `zoo.load({name!r}, weights=None)`, or a "
                  "file of your own with `weights='file.weights.h5'`.", ""]
        return "\n".join(lines)
    w, rec = p.weights, p.record
    run = rec.get("recipe_run", {})
    lines += ["## Weights", "",
              f"- File: `{w.get('file') or w.get('url')}` ({w['bytes'] / 1e6:.2f} MB; nets: "
              f"{', '.join(rec['weights'].get('nets', ['generator']))}), version {w['version']}",
              f"- sha256: `{w['sha256']}`",
              f"- Trained by: `{run.get('command')}`"
              + (f" (imported from `{run['imported_from']}`)" if "imported_from" in run else "")
              + (f" (re-saved as float16 from {run['reshipped_from'][:27]}…)"
                 if "reshipped_from" in run else "")
              + (f"; {run['generator_updates']} generator updates in {run['wall_seconds']:.0f} s"
                 if "generator_updates" in run and not run.get("resumed_from_step") else "")
              + (f"; {run['generator_updates']} generator updates, the last "
                 f"{run['generator_updates'] - run['resumed_from_step']} in "
                 f"{run['wall_seconds']:.0f} s after resuming from a backup at step "
                 f"{run['resumed_from_step']} (earlier segments' times not recorded)"
                 if run.get("resumed_from_step") else ""),
              f"- Measured by: `{rec.get('measured_by')}` on {rec.get('date')} "
              f"(TF {rec['environment']['tensorflow']}, Keras {rec['environment']['keras']}, "
              f"{rec['environment']['machine']}, {rec['environment']['cpu_count']} CPUs)"]
    if "repacked" in rec:
        lines += [f"- Repacked by `{rec['repacked']['by']}` on {rec['repacked']['date']}: the "
                  f"same arrays (checked one by one) in a compressed file; was "
                  f"{rec['repacked']['from']}"]
    lines += ["", "## Measured", ""]
    m = p.metrics
    if p.dataset in PACGAN_BAR:
        lines += [f"{m['num_samples']} samples (seed {m['seed']}); {m['protocol']}.", "",
                  "| modes captured | high-quality fraction | bar to beat |", "|---|---|---|",
                  f"| {m['modes_captured']} / {m['num_modes']} | "
                  f"{100 * m['high_quality_fraction']:.1f} % | {PACGAN[p.dataset]} |", ""]
    elif p.dataset == "mnist2domain":
        size = (f"{m['num_pairs']:,} generated pairs" if "num_pairs" in m else
                f"the test split ({m['num_test_a']:,} domain-a and {m['num_test_b']:,} domain-b "
                "images)")
        mapped = m.get("b_mapped_back_by", "colour inversion")
        lines += [f"On {size}, classifier `{m['extractor_id']}` (seed {m['seed']}); domain-b "
                  f"images are mapped back to plain digits ({mapped}) before the classifier "
                  "reads them.", "", "| metric | this preset |", "|---|---|"]
        lines += [f"| {label} | {_fmt(m[k])} |" for k, label in TRANSLATION_KEYS if k in m]
        lines.append("")
    else:
        floor, floor_cmd = _floor()
        lines += [f"{m['num_samples']:,} samples (seed {m['seed']}) against "
                  f"{m['num_reference']:,} images of {m['reference_split']}, extractor "
                  f"`{m['extractor_id']}`. The floor is real vs real: 10,000 train images vs "
                  f"the test split (`{floor_cmd}`).", "",
                  "| metric | this preset | real-vs-real floor |", "|---|---|---|"]
        lines += [f"| {label} | {_fmt(m[k])} | {_fmt(floor.get(k))} |"
                  for k, label in IMAGE_KEYS if k in m]
        for k, label in STRUCTURE_KEYS.items():
            if k in m.get("structure", {}):
                lines.append(f"| {label} | {_fmt(m['structure'][k])} | — |")
        lines.append("")
    lines += target_section(p) + runs_section(p)
    lines += ["## Samples", "", f"![samples of {name}]({name}.png)", ""]
    return "\n".join(lines)


def _built_on(p):
    change = p.build_changes
    return (f" (built on the family's shared `{p.base_build}` build"
            + (f", changing `{json.dumps(change)}`" if change else "") + ")")


def _verdict(p, figures=True):
    """``"met"``, ``"met (and the stretch)"`` or ``"missed: IS 8.60, ..."`` (without the
    figures: ``"missed: IS, ..."``)."""
    checks = targets.check(p)
    if not checks:
        return None
    missed = [c for c in checks if not c.met]
    if missed:
        return "missed: " + ", ".join(
            c.target.label + (f" {c.target.format(c.value)}" if figures else "")
            for c in missed)
    stretch = [c.stretch_met for c in checks if c.stretch_met is not None]
    return "met" + (" (and the stretch)" if stretch and all(stretch) else "")


def target_section(p):
    """The zoo's target for the preset's kind (keras_gans.zoo.targets) beside its figures."""
    checks = targets.check(p)
    if not checks:
        return []
    stretch = any(c.target.stretch is not None for c in checks)
    lines = ["## Target", "",
             "What the zoo holds this kind of preset to, on the shipped file by the protocol "
             "above; a target is never lowered to fit a result. "
             f"**Target {_verdict(p)}.**", "",
             "| figure | target |" + (" stretch |" if stretch else "") + " this preset | met |",
             "|---|---|" + ("---|" if stretch else "") + "---|---|"]
    for c in checks:
        t = c.target
        extra = (f" {t.text(t.stretch) if t.stretch is not None else '—'} |"
                 if stretch else "")
        lines.append(f"| {t.label} | {t.text()} |{extra} {t.format(c.value)} | "
                     f"{'yes' if c.met else '**no**'} |")
    return lines + [""]


@functools.lru_cache(maxsize=None)
def _runs(path):
    """``zoo/runs.json``, read once for all the cards."""
    with open(path) as f:
        return json.load(f)


@functools.lru_cache(maxsize=None)
def _reports(folder):
    """The ablation reports in ``folder`` as ``(path, report)`` pairs, read once."""
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path) as f:
            out.append((path, json.load(f)))
    return tuple(out)


def _ablation_rows(p):
    """The preset's recipe ablations (``train_preset.py --report``) as rows of runs tried."""
    rows = []
    for path, r in _reports(ABLATIONS):
        if r["preset"] != p.name:
            continue
        row = targets.record_row(dataclasses.replace(
            p, metrics=r["metrics"], record={"recipe_run": r["recipe_run"]}))
        change = json.dumps({**r["overrides"], **r["recipe_overrides"]})
        shipped = r.get("weights_sha256") == p.weights.get("sha256")
        rows.append({**row, "run": "ablation",
                     "what": f"v{r['baseline']['version']}'s recipe with `{change}`",
                     "measured": f"the zoo's protocol (`benchmarks/results/preset_ablations/"
                                 f"{os.path.basename(path)}`)",
                     "outcome": f"shipped as v{p.weights['version']}" if shipped
                     else "not shipped"})
    return rows


def runs_section(p):
    """What was tried for a preset — earlier versions and unshipped runs (zoo/runs.json),
    its recipe ablations (benchmarks/results/preset_ablations) — and the shipped run (its
    record), shown where the target is missed or runs are noted."""
    tried = _runs(RUNS_FILE).get(p.name, []) + _ablation_rows(p)
    if not tried and not targets.missed(p):
        return []
    row = targets.record_row(p)
    shipped = {**row, "run": f"{row['run']} (shipped)", "what": "the recipe above",
               "outcome": f"shipped; target {_verdict(p)}"}
    lines = ["## Runs", "",
             "What was tried for these weights: earlier shipped versions (their records) and "
             "runs stopped or not shipped (their training logs score 2,000 samples after each "
             "epoch), then ablations of the recipe, then the shipped run.", "",
             "| run | what | length | figures | measured on | outcome |",
             "|---|---|---|---|---|---|"]
    for r in tried + [shipped]:
        lines.append(f"| {r['run']} | {r['what']} | {r['length']} | {r['figures']} | "
                     f"{r['measured']} | {r['outcome']} |")
    return lines + [""]


def index():
    rows = ["# The zoo", "",
            "Generated by `python zoo/make_cards.py` from the preset declarations "
            "(`keras_gans/gan_presets.py`, `keras_gans/structured/structured_presets.py`, "
            "`keras_gans/translation/translation_presets.py`) and the records in "
            "`keras_gans/zoo/records/` (written by `zoo/recipes/train_preset.py`); the cards' "
            "tables of runs tried also from `zoo/runs.json`.",
            ""]
    shipped = [zoo.get(n) for n in zoo.list(with_weights=True)]
    total = sum(p.weights["bytes"] for p in shipped if "file" in p.weights)
    met = sum(not targets.missed(p) for p in shipped)
    rows += [f"{len(zoo.list())} presets; {len(shipped)} with pretrained weights shipped in the "
             f"package ({total / 1e6:.1f} MB of weights in all); {met} of them meet the zoo's "
             "target for their kind (`keras_gans.zoo.targets`; each card's \"Target\").", "",
             "| preset | weights | headline (how measured: see the card) | target |",
             "|---|---|---|---|"]
    for name in zoo.list():
        p = zoo.get(name)
        if not p.has_weights:
            rows.append(f"| [{name}](cards/{name}.md) | no weights yet | — | — |")
            continue
        m = p.metrics
        if "fid" in m:
            head = f"FID {m['fid']:.2f}, IS {m['is']:.2f}"
            for k in ("label_accuracy", "best_permutation_accuracy",
                      "reconstruction_label_accuracy"):
                if k in m.get("structure", {}):
                    head += f", {k.replace('_', ' ')} {100 * m['structure'][k]:.1f} %"
        elif "pair_agreement" in m:
            head = f"pair agreement {100 * m['pair_agreement']:.1f} %"
        elif "class_preservation_a2b" in m:
            head = (f"class kept a→b {100 * m['class_preservation_a2b']:.1f} %, "
                    f"b→a {100 * m['class_preservation_b2a']:.1f} %")
        else:
            head = (f"{m['modes_captured']}/{m['num_modes']} modes, "
                    f"{100 * m['high_quality_fraction']:.1f} % HQ")
        rows.append(f"| [{name}](cards/{name}.md) | v{p.weights['version']}, "
                    f"{p.weights['bytes'] / 1e6:.2f} MB | {head} | "
                    f"{_verdict(p, figures=False) or '—'} |")
    return "\n".join(rows + shared_build_table()) + "\n"


def shared_build_table():
    """The shipped image presets trained from one shared build, side by side: what the
    loss alone changes when nets, rates and EMA are the same."""
    same = [zoo.get(n) for n in zoo.list(with_weights=True)]
    same = [p for p in same if p.base_build and "fid" in p.metrics]
    if not same:
        return []
    rows = ["", "## One recipe, many losses", "",
            "The shipped image presets trained from a shared build (the card of each says "
            "why): same nets, rates, EMA and seed but for what a preset changes; 10,000 "
            "samples against the test split with `mnist_cnn_v1`, as each card.", "",
            "| preset | shared build | changes | epochs | G updates | IS | FID | class KL | "
            "precision | recall |", "|---|---|---|---|---|---|---|---|---|---|"]
    for p in sorted(same, key=lambda p: (p.base_build, -p.metrics["is"])):
        m, run = p.metrics, p.record.get("recipe_run", {})
        change = p.build_changes
        rows.append(f"| [{p.name}](cards/{p.name}.md) | `{p.base_build}` | "
                    f"{f'`{json.dumps(change)}`' if change else '—'} | "
                    f"{run.get('epochs', '—')} | {run.get('generator_updates', '—')} | "
                    f"{m['is']:.2f} | {m['fid']:.2f} | {m['class_kl']:.4f} | "
                    f"{m['precision']:.2f} | {m['recall']:.2f} |")
    return rows


def outputs():
    from keras_gans import _index

    out = {os.path.join(HERE, "README.md"): index(), _index.INDEX: _index.index_text()}
    for name in zoo.list():
        out[os.path.join(HERE, "cards", f"{name}.md")] = card(name)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--check", action="store_true")
    args = p.parse_args()
    stale = []
    for path, text in outputs().items():
        current = open(path).read() if os.path.exists(path) else None
        if current != text:
            stale.append(path)
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
    if args.check and stale:
        print("out of date (run python zoo/make_cards.py):\n  " + "\n  ".join(stale))
        return 1
    print(f"{'checked' if args.check else 'wrote'} {len(outputs())} files; "
          f"{len(stale)} {'stale' if args.check else 'changed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
