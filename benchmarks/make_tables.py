"""Regenerates benchmarks/README.md from the JSON results (tables are never typed by hand).

    python benchmarks/make_tables.py
"""

import glob
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
sys.path.insert(0, os.path.join(HERE, ".."))

from keras_gans.metrics.modes import PACGAN_BAR  # noqa: E402
from keras_gans.zoo.targets import run_length  # noqa: E402
from time_to_quality import CONFIGS as TTQ_CONFIGS  # noqa: E402
PACGAN = {mixture: f"{row}: {modes} modes, {100 * hq:.1f} % HQ"
          for mixture, (row, modes, hq) in PACGAN_BAR.items()}


def _load(path):
    with open(path) as f:
        return json.load(f)


def _command(cmd):
    return cmd if cmd.startswith("python") else f"python {cmd}"


def _env_line(env):
    cpu = f"{env['cpu_model']} · " if env.get("cpu_model") else ""
    return (f"{cpu}{env.get('machine')} · {env.get('cpu_count')} CPUs · devices "
            f"{', '.join(env.get('devices', []))} · Python {env.get('python')} · TF "
            f"{env.get('tensorflow')} · Keras {env.get('keras')}")


def _paired_ratio(row, base):
    """Median and quartiles of ``row``'s segment / ``base``'s segment, round by round."""
    ratios = np.asarray(row["segments"]) / np.asarray(base["segments"])
    q1, median, q3 = np.percentile(ratios, [25, 50, 75])
    return f"{median:.2f} [{q1:.2f}–{q3:.2f}]"


def _mode_run_label(r):
    """The variant, plus the knobs a run changed from it (mixture_modes.py's flags)."""
    knobs = []
    if r.get("loss_kwargs", {}).get("margin") is not None:
        knobs.append(f"hinge margin {r['loss_kwargs']['margin']:g}")
    if "--penalty_weight" in r["command"]:
        knobs += [f"λ = {reg['weight']:g}" for reg in r.get("d_regularizers", [])
                  if "weight" in reg]
    if "--n_critic" in r["command"]:
        knobs.append(f"n_critic {r['n_critic']}")
    return r["variant"] + (f" ({', '.join(knobs)})" if knobs else "")


def _best_mode_runs(runs):
    """Per variant × mixture, the run that comes closest to PacGAN's bar: beating it first,
    then more modes, then more HQ."""
    best = {}
    for folder, r in runs:
        _, modes, hq = PACGAN_BAR[r["mixture"]]
        key = (r["modes_captured"] > modes and r["high_quality_fraction"] > hq,
               r["modes_captured"], r["high_quality_fraction"])
        if (r["variant"], r["mixture"]) not in best or key > best[r["variant"], r["mixture"]][0]:
            best[r["variant"], r["mixture"]] = (key, folder, r)
    out = ["### Closest to PacGAN's bar, per variant and mixture", "",
           "The best run of each variant in the tables below (beating the bar first, then "
           "modes, then HQ); its recipe is its table's title plus the knobs in brackets.", "",
           "| variant | mixture | bar | modes captured | HQ % | G steps | beats the bar | "
           "table |", "|---|---|---|---|---|---|---|---|"]
    for (variant, mixture), (key, folder, r) in sorted(best.items()):
        out.append(f"| {_mode_run_label(r)} | {mixture} | {PACGAN[mixture]} | "
                   f"{r['modes_captured']}/{r['num_modes']} | "
                   f"{100 * r['high_quality_fraction']:.1f} | {r['steps']} | "
                   f"{'yes' if key[0] else 'no'} | `results/{folder}` |")
    return out + [""]


def modes_section():
    header, out, runs = [], [], []
    for folder, title in (("modes", "each variant's paper optimizers, 10k G steps"),
                          ("modes_lr1e-3", "one Adam(1e-3, β=(0.5, 0.9)) for every variant, "
                                           "15k G steps"),
                          ("modes_pacgan", "PacGAN's own setup: maxout D (5 pieces), "
                                           "Adam(1e-4, β=(0.8, 0.999))"),
                          ("modes_pacgan_400k", "PacGAN's own setup for its full 400k steps, "
                                                "measured along the way"),
                          ("modes_ema_cosine", "Adam(1e-3, β=(0.5, 0.9)) cosine-decayed to 0 "
                                               "over the run, samples from a 0.999 EMA of G"),
                          ("modes_pacgan_cosine_ema", "PacGAN's setup (maxout D, 5 pieces; "
                                                      "Adam β=(0.8, 0.999)) with the rate "
                                                      "cosine-decayed from 2e-4 to 0 over the "
                                                      "run, samples from a 0.999 EMA of G"),
                          ("modes_pacgan_cosine_ema_wgan_opt",
                           "PacGAN's maxout D (5 pieces) with WGAN-GP's own Adam(1e-4, "
                           "β=(0.5, 0.9)) cosine-decayed to 0 over the run, samples from a "
                           "0.999 EMA of G"),
                          ("modes_pacgan_cosine_ema_sngan_opt",
                           "PacGAN's maxout D (5 pieces) with SNGAN's own Adam β=(0.5, 0.999), "
                           "the rate cosine-decayed from 2e-4 to 0 over the run, samples from a "
                           "0.999 EMA of G"),
                          ("modes_lipschitz_scale",
                           "the Lipschitz-constrained variants with the scale of the constraint "
                           "changed as the variant column says; PacGAN's maxout D (5 pieces), "
                           "sngan with Adam(2e-4, β=(0.8, 0.999)), wgan_gp with its own "
                           "Adam(1e-4, β=(0.5, 0.9)), rates cosine-decayed to 0 over the run, "
                           "samples from a 0.999 EMA of G"),
                          ("modes_sngan_rate4e-4",
                           "sngan with twice the common rate: PacGAN's maxout D (5 pieces), "
                           "Adam(4e-4, β=(0.8, 0.999)) for both nets cosine-decayed to 0 over "
                           "the run, samples from a 0.999 EMA of G"),
                          ("modes_wgan_gp_one_critic_step",
                           "wgan_gp on the common recipe: one critic update per G update "
                           "(n_critic 1) and λ as the variant column says (10 where it says "
                           "none), PacGAN's maxout D (5 pieces), Adam(2e-4, β=(0.8, 0.999)) for "
                           "both nets cosine-decayed to 0 over the run, samples from a 0.999 EMA "
                           "of G")):
        rows = [_load(p) for p in sorted(glob.glob(os.path.join(RESULTS, folder, "*.json")))]
        if not rows:
            continue
        runs += [(folder, r) for r in rows]
        if not header:
            header = ["## Mode coverage on 2-D mixtures (PacGAN protocol)", "",
                      "2,500 samples; a sample is high quality (HQ) if its distance to the nearest "
                      "mode is < 3σ; a mode is captured if it has ≥ 1 HQ sample. One run per row "
                      "(seed shown). PacGAN's figures are means over 10 trials of much longer "
                      "training (400k steps); ours are single runs on 2 shared CPU cores, most "
                      "of them far shorter. "
                      "G: 4×400 ReLU + BatchNorm, D: 3×200 LeakyReLU (maxout where the title says "
                      "so, as PacGAN's), latent 2, batch 100; pack m: D scores m samples at once "
                      "(PacGANm).",
                      ""]
        for mixture in ("grid25", "ring8"):
            subset = [r for r in rows if r["mixture"] == mixture]
            if not subset:
                continue
            out += [f"### {mixture} ({subset[0]['num_modes']} modes), {title} — bar: "
                    f"{PACGAN[mixture]}", "",
                    "| variant | pack | seed | G steps | modes captured | HQ % | "
                    "KL(HQ modes ‖ uniform) | train s | scatter |",
                    "|---|---|---|---|---|---|---|---|---|"]
            for r in sorted(subset, key=lambda r: (r["variant"], r.get("pack", 1), r["seed"])):
                png = "results/{}/{}".format(folder, r.get(
                    "scatter", f"modes_{r['variant']}_{mixture}_s{r['seed']}.png"))
                out.append(
                    f"| {_mode_run_label(r)} | {r.get('pack', 1)} | {r['seed']} | {r['steps']} | "
                    f"{r['modes_captured']} | "
                    f"{100 * r['high_quality_fraction']:.1f} | {r['kl_to_uniform']:.3f} | "
                    f"{r['train_seconds']:.0f} | [png]({png}) |")
            for r in subset:
                if "trajectory" in r:
                    points = ", ".join(f"{t['step'] // 1000}k: {t['modes_captured']}/"
                                       f"{100 * t['high_quality_fraction']:.1f} %"
                                       for t in r["trajectory"])
                    out += ["", f"{_mode_run_label(r)} pack {r.get('pack', 1)}, "
                                f"{r['steps'] // 1000}k-step run, during training "
                                f"(G steps: modes / HQ): {points}"]
            commands = sorted({f"`{_command(r['command'])}`"
                               + (f" ({r['note']})" if r.get("note") else "") for r in subset})
            out += ["", "Command{}: {}  ".format("s" if len(commands) > 1 else "",
                                                 "; ".join(commands)),
                    f"Machine: {_env_line(subset[0]['environment'])}", ""]
    return header + _best_mode_runs(runs) + out if runs else []


def mnist_section():
    reports = sorted(glob.glob(os.path.join(RESULTS, "mnist_*", "report.json")))
    if not reports:
        return []
    out = ["## Full-MNIST training runs", "",
           "| variant | epochs | G updates | n_critic | wall s | last d_loss | last g_loss | samples |",
           "|---|---|---|---|---|---|---|---|"]
    cmds = []
    for path in reports:
        r = _load(path)
        folder = os.path.basename(os.path.dirname(path))
        out.append(f"| {r['variant']} | {r['epochs']} | {r['generator_updates']} | "
                   f"{r['n_critic']} | {r['wall_seconds']:.0f} | {r['history']['d_loss'][-1]:.3f} | "
                   f"{r['history']['g_loss'][-1]:.3f} | ![{r['variant']}](results/{folder}/samples.png) |")
        cmds.append(f"`{r['command']}` (seed {r['seed']}, batch {r['batch_size']})")
        env = r["environment"]
    out += ["", "Commands: " + "; ".join(cmds) + "  ", f"Machine: {_env_line(env)}", ""]
    return out


def mnist_metrics_section():
    path = os.path.join(RESULTS, "mnist_metrics.json")
    if not os.path.exists(path):
        return []
    rep = _load(path)
    out = ["## MNIST metrics with the shipped MNIST extractor (`mnist_cnn_v1`)", "",
           f"Reference: {rep['reference']}. Each row: 10,000 samples; precision/recall k=3, "
           "density/coverage k=5, KID 100 subsets of 1,000, IS 10 splits.", "",
           "| samples | FID | KID | IS | precision | recall | density | coverage | classes covered | class KL |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rep["rows"]:
        out.append(f"| {r['name']} | {r['fid']:.2f} | {r['kid']:.4f} | {r['is']:.2f} | "
                   f"{r['precision']:.3f} | {r['recall']:.3f} | {r['density']:.3f} | "
                   f"{r['coverage']:.3f} | {r['classes_covered']} | {r['class_kl']:.3f} |")
    speed = ", ".join(f"{k}: {v:.0f} images/s" for k, v in rep["extractor_images_per_second"].items())
    out += ["", f"Extractor throughput on this CPU: {speed}.  ", f"Command: `{rep['command']}`  ",
            f"Machine: {_env_line(rep['environment'])}", ""]
    return out


def structured_section():
    reports = sorted(glob.glob(os.path.join(RESULTS, "structured_*", "report.json")))
    if not reports:
        return []
    goals = {"label_accuracy": "label accuracy (goal ≥ 95 %)",
             "best_permutation_accuracy": "code→digit best-permutation accuracy (goal ≥ 80 %)",
             "reconstruction_label_accuracy": "label of G(E(x)) = label of x (vaegan goal ≥ 80 %)"}
    out = ["## Structured variants on full MNIST (scored by the shipped MNIST classifier)", "",
           "10,000 samples (or the 10,000 test images for reconstructions); FID/IS of random "
           "samples vs the test split with `mnist_cnn_v1`.", "",
           "| variant | epochs | train s | check | value | FID | IS | classes covered | samples |",
           "|---|---|---|---|---|---|---|---|---|"]
    for path in reports:
        r = _load(path)
        folder = os.path.basename(os.path.dirname(path))
        key = next(k for k in goals if k in r)
        m = r["sample_metrics"]
        out.append(f"| {r['variant']} | {r['epochs']} | {r['train_seconds']:.0f} | {goals[key]} | "
                   f"{100 * r[key]:.2f} % | {m['fid']:.2f} | {m['is']:.2f} | "
                   f"{m['classes_covered']} | ![{r['variant']}](results/{folder}/samples.png) |")
        env = r["environment"]
        commands = sorted({_load(p)["command"] for p in reports})
    out += ["", "Grids: cgan/acgan rows are the labels 0–9; infogan rows are the categorical code "
            "(with `continuous_code_*.png` varying each continuous code); bigan/vaegan show "
            "input | reconstruction pairs.  ",
            "Commands (seed 0, batch 64): " + "; ".join(f"`{c}`" for c in commands) + "  ",
            f"Machine: {_env_line(env)}", ""]
    return out


def _b_to_digits(figures):
    """How a translation record mapped domain-b images back to digits."""
    return "inversion + erosion" if "b_mapped_back_by" in figures else "inversion"


def _ceiling_key(figures):
    """The real-domain-b accuracy key (named after the mapping it was read through)."""
    return ("reference_accuracy_real_b_mapped_back" if "b_mapped_back_by" in figures
            else "reference_accuracy_real_b_inverted_back")


def translation_section():
    reports = sorted(glob.glob(os.path.join(RESULTS, "translation_*", "report.json")))
    if not reports:
        return []
    out = ["## Two-domain translation on MNIST (scored by the shipped MNIST classifier)", "",
           "Domain a = MNIST train[:30000] as is; domain b = train[30000:] with dilated strokes, "
           "inverted; nothing paired. Test split halved the same way (5,000 + 5,000). "
           "Domain-b images (a→b outputs, generated b images, the real test images of the "
           "\"ceiling\" column) are mapped back to plain digits before the classifier reads "
           "them, as the \"b → digits\" column says: by colour inversion alone (older runs: "
           "the strokes stay dilated) or by inversion and a 3×3 erosion that undoes the "
           "dilation up to a closing. Cycle L1: mean |F(G(x)) − x| per pixel in [-1, 1]. "
           "cogan: label of a == label of b over 10,000 generated pairs (rarest class: the "
           "share of the least frequent label of the a images, 10 % when balanced — a "
           "collapsed generator agrees 100 % and shows ~0 here); "
           "\"legible pairs\": the share of pairs whose two images both get a class "
           "probability > 0.9, and the agreement among them. Goals: ≥ 90 %.", "",
           "| run | steps × batch | train s | b → digits | class kept a→b | class kept b→a "
           "| ceiling a→b | cycle L1 a/b | cogan pair agreement "
           "| legible pairs: share, agreement | grids |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    commands, trajectories = [], []
    for path in reports:
        r = _load(path)
        f = r["figures"]
        folder = os.path.basename(os.path.dirname(path))
        pngs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(RESULTS, folder,
                                                                          "*.png")))
        grids = " ".join(f"[{p[:-4]}](results/{folder}/{p})" for p in pngs)

        def pct(key):
            return f"{100 * f[key]:.2f} %" if key in f else "–"

        cycle = (f"{f['cycle_l1_aba']:.3f} / {f['cycle_l1_bab']:.3f}"
                 if "cycle_l1_aba" in f else "–")
        out.append(f"| {folder[len('translation_'):]} | {r['steps']} × {r['batch_size']} | "
                   f"{r['train_seconds']:.0f} | {_b_to_digits(f)} | "
                   f"{pct('class_preservation_a2b')} | {pct('class_preservation_b2a')} | "
                   f"{pct(_ceiling_key(f))} | {cycle} | "
                   f"{pct('pair_agreement')}"
                   + (f" (rarest class {100 * min(hist) / sum(hist):.1f} %)"
                      if (hist := f.get("label_histogram_a")) else "") + " | "
                   + (f"{pct('confident_pair_fraction')}, {pct('confident_pair_agreement')}"
                      if "confident_pair_fraction" in f else "–") + f" | {grids} |")
        commands.append(f"`{_command(r['command'])}`" + (f" ({r['note']})" if r.get("note") else ""))
        env = r["environment"]
        if "trajectory" in r:
            trajectories.append(
                f"- {folder[len('translation_'):]}: " + ", ".join(
                    f"{t['step'] // 1000}k: {100 * t['pair_agreement']:.1f} % "
                    f"({100 * t['confident_pair_fraction']:.1f} % legible)"
                    for t in r["trajectory"]))
    if trajectories:
        out += ["", "cogan pair agreement during training (steps: agreement, legible pairs):",
                ""] + trajectories
    out += ["", "Commands (seed 0): " + "; ".join(commands) + "  ",
            f"Machine: {_env_line(env)}", ""]
    return out


def _runs(pattern):
    return [_load(p) for p in sorted(glob.glob(os.path.join(RESULTS, pattern)))]


def _machine(rep):
    load = rep.get("load_average_before_after") or [None, None]
    shown = " → ".join(f"{x[0]:.1f}" for x in load if x)
    return (f"Machine: {_env_line(rep['environment'])}"
            + (f" · 1-min load average {shown} (shared machine)" if shown else ""))


def compare_section():
    """``benchmarks/run.py --compare`` results: engine vs the plain reference step."""
    reports = _runs("run_compare_*.json")
    if not reports:
        return []
    out = ["## Training throughput: engine vs the plain Keras-guide step (`run.py --compare`)",
           "",
           "One process per variant; configurations interleaved over timed segments; images/s "
           "is the best segment (the least disturbed on this shared machine), the median is "
           "shown too; ratios are against each run's baseline, the plain reference step "
           "(`benchmarks/reference_step.py`: one `tf.function`, no XLA, one step per "
           "execution) on the same nets, or `engine` where the run has no reference. "
           "Warm-up (tracing, XLA compilation) is excluded and "
           "shown separately. MFLOP/img: the TF profiler's float-op count of one traced "
           "`train_step` (forward, backward and optimizer) per image; % peak: achieved FLOP/s "
           "over a 2048² fp32 matmul's FLOP/s measured in the same run. Paired ratio: "
           "each round's segment over the baseline's segment of the same round (they run "
           "back to back), median and quartiles over the rounds — the machine's slow and "
           "fast spells then cancel where they span a round.", "",
           "| variant | segments × steps | configuration | images/s (best) | median | ms/step | "
           "ratio vs baseline | paired ratio: median [quartiles] | warm-up s | MFLOP/img "
           "| % of matmul peak |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for rep in reports:
        segments = f"{rep['rounds']} × {rep['timed_steps_per_configuration'] // rep['rounds']}"
        base = next(r for r in rep["results"] if r["name"] == rep["baseline"])
        for r in rep["results"]:
            out.append(
                f"| {rep['variant']} | {segments} | {r['name']} | {r['images_per_second']:.0f} | "
                f"{r['median_images_per_second']:.0f} | {r['ms_per_step']:.1f} | "
                f"{r['ratio_vs_' + rep['baseline']]:.2f} | {_paired_ratio(r, base)} | "
                f"{r['warmup_seconds']:.1f} | "
                f"{r['train_flops_per_image'] / 1e6:.0f} | "
                f"{100 * r['fraction_of_matmul_peak']:.0f} |")
        peak = rep["matmul_2048_fp32_flops_per_second"]
        spread = max(max(r["segments"]) / min(r["segments"]) for r in rep["results"])
        notes.append(f"- {rep['variant']}: `{_command(rep['command'])}`"
                     + (f" ({rep['note']})" if rep.get("note") else "")
                     + f" — baseline {rep['baseline']}; segments of one "
                     f"configuration varied up to {spread:.1f}× (best/worst), so ratios within "
                     f"that factor are not resolved by this run; batch "
                     f"{rep['batch_size']}, {rep['rounds']} rounds × "
                     f"{rep['timed_steps_per_configuration'] // rep['rounds']} steps, seed "
                     f"{rep['seed']}, matmul peak {peak / 1e9:.0f} GFLOP/s; {_machine(rep)}")
    over = [f"{rep['variant']} {r['name']}" for rep in reports for r in rep["results"]
            if r["fraction_of_matmul_peak"] > 1]
    if over:
        out += ["", f"Over 100 % of the matmul peak ({', '.join(over)}): the matmul samples "
                "(taken before every round) fell in busier moments of this shared machine than "
                "the best training segment, so that peak is an underestimate; the load "
                "averages below say how busy it was. On an idle machine the same matmul "
                "measured ~214 GFLOP/s."]
    return out + ["", "Commands and machines:", ""] + notes + [""]


def scaling_section():
    reports = _runs("run_scaling_*.json")
    if not reports:
        return []
    out = ["## Multi-device scaling (`MirroredStrategy`)", "",
           "The same global batch on one device and mirrored over logical devices, "
           "interleaved in one process. On a CPU-only machine the logical devices share the "
           "same cores, so this measures the strategy's overhead, not a speed-up.", "",
           "| variant | configuration | replicas | images/s (best) | median | ratio |",
           "|---|---|---|---|---|---|"]
    notes = []
    for rep in reports:
        for r in rep["results"]:
            out.append(f"| {rep['variant']} | {r['name']} | {r['replicas']} | "
                       f"{r['images_per_second']:.0f} | {r['median_images_per_second']:.0f} | "
                       f"{r['ratio_vs_' + rep['baseline']]:.2f} |")
        notes.append(f"- `{_command(rep['command'])}`; {_machine(rep)}")
    return out + [""] + notes + [""]


def quality_section():
    reports = _runs("run_quality_*.json")
    if not reports:
        return []
    out = ["## Quality after a fixed budget (`run.py --metrics`)", "",
           "Engine step, batch 64, full MNIST (IDX); metrics of 10,000 samples against the "
           "10,000-image test split with the shipped MNIST extractor (`mnist_cnn_v1`); "
           "precision/recall k=3. Short budgets: these rank the variants at equal steps, "
           "they are not converged figures.", "",
           "| variant | G updates | FID | KID | IS | precision | recall | images/s | "
           "train s |", "|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for rep in reports:
        r, m = rep["results"][0], rep["metrics"]
        out.append(f"| {rep['variant']} | {r['generator_updates']} | {m['fid']:.2f} | "
                   f"{m['kid']:.4f} | {m['is']:.2f} | {m['precision']:.3f} | "
                   f"{m['recall']:.3f} | {r['images_per_second']:.0f} | "
                   f"{rep['wall_seconds']:.0f} |")
        notes.append(f"- `{_command(rep['command'])}` (seed {rep['seed']}, "
                     f"{m['num_samples']} samples vs {m['num_reference']} "
                     f"{m['reference_split']}); {_machine(rep)}")
    return out + [""] + notes + [""]


def _run_name(path, preset):
    """A time-to-quality report's run name: its file name after the preset's."""
    stem = os.path.splitext(os.path.basename(path))[0][len("time_to_quality_"):]
    return stem[len(preset):].lstrip("_") or "main"


def recipe_ablation(paths):
    """One row per ``ours`` run of an unconditional preset: the overrides each tried and
    where its curve ended, best last IS first."""
    rows = []
    for path in paths:
        r = _load(path)
        if r.get("target", {}).get("metric", "is") != "is" or "ours" not in r["curves"]:
            continue
        last = r["curves"]["ours"][-1]
        nets = {k: r["ours_overrides"][k] for k in ("generator", "discriminator")
                if k in r["ours_overrides"]}
        rest = {k: v for k, v in r["ours_overrides"].items() if k not in nets}
        base = r.get("preset_build")
        rows.append((last["is"], f"| {r['preset']} | {_run_name(path, r['preset'])} | "
                     f"{'not recorded' if base is None else f'`{json.dumps(base)}`'} | "
                     f"`{json.dumps(nets) if nets else 'none'}` | "
                     f"`{json.dumps(rest) if rest else 'none'}` | "
                     f"{last['generator_updates']} | {last['train_s']:.0f} | "
                     f"{last['is']:.2f} | {last['fid']:.2f} |"))
    if not rows:
        return []
    return ["### Recipe ablation (unconditional presets, `ours` runs)", "",
            "| preset | run | preset build then | nets | optimizers, EMA | G updates | "
            "train s | last IS | last FID |", "|---|---|---|---|---|---|---|---|---|",
            *[row for _, row in sorted(rows, reverse=True)], "",
            "The overrides (nets, optimizers, EMA) apply to the preset's build as declared "
            "when the run was made (`{}`: the variant's defaults). The runs' seconds are one "
            "core's and the cores' load differed (see each run's note below): compare G "
            "updates.", ""]


def time_to_quality_section():
    """``benchmarks/time_to_quality.py`` runs: training seconds until IS reaches a target."""
    out = []
    paths = sorted(glob.glob(os.path.join(RESULTS, "time_to_quality_*.json")))
    for path in paths:
        r = _load(path)
        if not out:
            out += ["## Time to quality", "",
                    "Training seconds (evaluation excluded) until each configuration "
                    "reached the target: the Inception Score under `mnist_cnn_v1`, or for a "
                    "conditional preset the label accuracy (the classifier reads a sample "
                    "asked for digit k as k); the "
                    "configurations trained interleaved, slice by slice, in one process on "
                    "the same cores. FID is against the reference named below.", ""]
            out += recipe_ablation(paths)
        target = r.get("target", {"metric": "is", "value": r.get("target_is")})
        labelled = target["metric"] == "label_accuracy"
        what = r.get("descriptions", TTQ_CONFIGS)
        out += [f"### {r['preset']} ({_run_name(path, r['preset'])}): target "
                + (f"label accuracy ≥ {target['value']:.0%}" if labelled
                   else f"IS ≥ {target['value']}") + f", {r['budget_s']:.0f} s each", "",
                "| configuration | what | seconds to target | G updates | last IS | last FID |"
                + (" last label accuracy |" if labelled else ""),
                "|---|---|---|---|---|---|" + ("---|" if labelled else "")]
        for name in r["configs"]:
            last = r["curves"][name][-1]
            reached = r["seconds_to_target"][name]
            out.append(f"| {name} | {what[name]} | "
                       f"{'not reached' if reached is None else f'{reached:.0f}'} | "
                       f"{last['generator_updates']} | {last['is']:.2f} | {last['fid']:.2f} |"
                       + (f" {last['label_accuracy']:.2%} |" if labelled else ""))
        png = os.path.splitext(os.path.basename(path))[0] + ".png"
        ratios = r["time_ratio_vs_ours"]
        out += ["", f"Overrides of `ours`: `{json.dumps(r['ours_overrides'])}`; time ratios "
                f"vs ours: {ratios if ratios else 'none (ours did not reach the target)'}; "
                f"{r['num_samples']} samples per point, seed {r['seed']}, batch "
                f"{r['batch_size']}, reference: {r['reference']}.  ",
                f"Command: `{r['command']}`" + (f" ({r['note']})" if r.get("note") else "")
                + "  ", f"Machine: {_env_line(r['environment'])}", "",
                f"![IS curves](results/{png})", ""]
    return out


def ema_statistics_section():
    """``benchmarks/ema_statistics.py`` runs: an EMA G with each BatchNorm source."""
    out = []
    for path in sorted(glob.glob(os.path.join(RESULTS, "ema_statistics_*.json"))):
        r = _load(path)
        if not out:
            out += ["## EMA generator: whose BatchNorm statistics", "",
                    "The same latents through the live G, its EMA copy with the live net's "
                    "BatchNorm statistics (what the running average leaves) and the EMA copy "
                    "with statistics of its own weights (what `fit` now computes when it "
                    "returns); IS and FID under `mnist_cnn_v1` against the reference named.",
                    ""]
        res = r["results"]
        out += [f"### {r['preset']}, {r['steps']} G updates", "",
                "| sampler | IS | FID |", "|---|---|---|",
                *[f"| {name} | {res[name]['is']:.2f} | {res[name]['fid']:.2f} |"
                  for name in ("live", "ema_live_statistics", "ema_own_statistics")], "",
                f"Overrides: `{json.dumps(r['overrides'])}` on the preset's build of the "
                f"time, `{json.dumps(r['preset_build'])}`; {r['num_samples']} samples, "
                f"seed {r['seed']}, reference: {r['reference']}.  ",
                f"Command: `{r['command']}`" + (f" ({r['note']})" if r.get("note") else "")
                + "  ", f"Machine: {_env_line(r['environment'])}", ""]
    return out


def _headline(m):
    """A zoo measurement in one cell: image metrics, or PacGAN's mode metrics."""
    if "is" in m:
        structure = [f"{k.replace('_', ' ')} {v:.1%}" for k, v in m.get("structure", {}).items()
                     if k.endswith("accuracy")]
        return ", ".join([*structure, f"IS {m['is']:.2f}", f"FID {m['fid']:.2f}",
                          f"class KL {m['class_kl']:.4f}", f"precision {m['precision']:.2f}",
                          f"recall {m['recall']:.2f}"])
    return f"{m['modes_captured']}/{m['num_modes']} modes, {m['high_quality_fraction']:.1%} HQ"


def preset_ablation_section():
    """``train_preset.py --report`` runs: a preset's recipe with one change, measured by the
    zoo's protocol beside the shipped record it departs from."""
    paths = sorted(glob.glob(os.path.join(RESULTS, "preset_ablations", "*.json")))
    if not paths:
        return []
    out = ["## Preset recipe ablations", "",
           "A zoo preset trained by its declared recipe with the change shown (`zoo/recipes/"
           "train_preset.py NAME --overrides ... --report ...`), measured as the zoo measures "
           "it (MNIST: 10,000 samples vs the test split, `mnist_cnn_v1`, on the float16 "
           "weights), beside the weights shipped when the run was made. IS per epoch: the "
           "run's trace (2,000 samples after each epoch).", "",
           "| preset | change | length | G updates | measured | shipped then | "
           "IS per epoch |", "|---|---|---|---|---|---|---|"]
    notes = []
    for path in paths:
        r = _load(path)
        run, base = r["recipe_run"], r["baseline"]
        change = {**r["overrides"], **r["recipe_overrides"]}
        length = run_length(run)
        then = "—"
        if base.get("metrics"):
            then = (f"v{base['version']}: {_headline(base['metrics'])} after "
                    + run_length(base.get("recipe_run", {})))
        trace = ", ".join(f"{t['is']:.2f}" for t in run.get("trace", []))
        out.append(f"| {r['preset']} | `{json.dumps(change)}` | {length} | "
                   f"{run.get('generator_updates', '—')} | {_headline(r['metrics'])} | {then} "
                   f"| {trace or '—'} |")
        notes.append(f"- `{os.path.basename(path)}`: `{r['measured_by']}`"
                     + (f" ({r['note']})" if r.get("note") else "")
                     + f"; {_env_line(r['environment'])}; {r['date']}")
    return out + ["", *notes, ""]


def readme():
    """The text of benchmarks/README.md (the test suite checks the committed file is it)."""
    lines = ["# Benchmarks", "",
             "Generated by `python benchmarks/make_tables.py` from the JSON files under "
             "`results/`; re-run the command under each table to reproduce it. These machines "
             "are shared and noisy: compare ratios from one run, not absolute figures across "
             "runs. No GPU was lent to the session that made these figures.", ""]
    lines += (modes_section() + mnist_section() + mnist_metrics_section()
              + structured_section() + translation_section() + compare_section()
              + scaling_section() + quality_section() + time_to_quality_section()
              + preset_ablation_section() + ema_statistics_section())
    return "\n".join(lines)


def main():
    text = readme()
    with open(os.path.join(HERE, "README.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
