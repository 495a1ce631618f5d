"""Peak memory of FID over 10k vs 50k generated samples: evaluation is streamed.

    python benchmarks/fid_memory.py                      # 10,000 and 50,000 samples
    python benchmarks/fid_memory.py --counts 10000,50000 --batch_size 500

Each count runs in its own fresh Python process (so one run's peak cannot hide
another's), which: builds the 5-epoch DCGAN generator trained by
``benchmarks/mnist_quality.py`` (an untrained one with the same architecture when its
weights are absent — memory does not depend on the weights), then calls
:func:`keras_gans.metrics.evaluate` with ``metrics=("fid",)`` and the shipped MNIST
extractor against the MNIST test split (``--mnist_dir``; the embedded 10,000-digit sample
when the split is absent). It records the peak resident set size of the process
(``getrusage(RUSAGE_SELF).ru_maxrss``) before and after the evaluation.

Streaming means generated images and features live one batch at a time; FID keeps a
128-d mean and a 128×128 scatter matrix. Holding everything instead would cost
``N × 28 × 28 × 4`` bytes of images plus ``N × 128 × 8`` bytes of features (198 MiB at
50k); the report gives that figure next to the measured growth.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _peak_rss_mb():
    """Peak resident set size of this process so far, in MiB (Linux: ru_maxrss in KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024.0 if sys.platform != "darwin" else kib / 2**20


def _reference(mnist_dir):
    """``(images in [-1, 1], description)``: the MNIST test split, else the shipped sample."""
    import numpy as np

    from keras_gans import data

    if mnist_dir:
        images, _ = data.load_mnist_idx(mnist_dir, "test")
        description = f"MNIST test split ({len(images)} images)"
    else:
        images, _ = data.load_default()
        description = f"embedded MNIST sample ({len(images)} train digits)"
    return images.astype(np.float32) / 127.5 - 1.0, description


def worker(num_samples, batch_size, seed, mnist_dir):
    """One measurement, in this process; prints one JSON line."""
    sys.path.insert(0, ROOT)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from keras_gans import build
    from keras_gans.metrics import evaluate

    weights = os.path.join(HERE, "results", "mnist_dcgan", "generator.weights.h5")
    gan = build("dcgan", image_shape=(28, 28, 1), latent_dim=64, seed=0)
    trained = os.path.isfile(weights)
    if trained:
        gan.generator.load_weights(weights)
    reference, description = _reference(mnist_dir)
    before = _peak_rss_mb()
    start = time.perf_counter()
    result = evaluate(gan, reference, metrics=("fid",), num_samples=num_samples,
                      extractor="mnist", batch_size=batch_size, seed=seed, progress=False)
    seconds = time.perf_counter() - start
    after = _peak_rss_mb()
    print(json.dumps({
        "num_samples": result["num_samples"],
        "num_reference": result["num_reference"],
        "reference": description,
        "extractor_id": result["extractor_id"],
        "generator": ("benchmarks/results/mnist_dcgan/generator.weights.h5" if trained
                      else "untrained dcgan (weights file absent)"),
        "fid": float(result["fid"]),
        "peak_rss_mb_before_evaluate": round(before, 1),
        "peak_rss_mb": round(after, 1),
        "evaluate_seconds": round(seconds, 1),
        "images_per_second": round(num_samples / seconds, 1),
        "held_if_not_streamed_mb": round(num_samples * (28 * 28 * 4 + 128 * 8) / 2**20, 1),
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--counts", default="10000,50000")
    p.add_argument("--batch_size", type=int, default=500)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--mnist_dir", default=None,
                   help="a folder of the MNIST IDX files (default: the embedded sample)")
    p.add_argument("--out", default=os.path.join(HERE, "results", "fid_memory.json"))
    p.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker is not None:
        worker(args.worker, args.batch_size, args.seed, args.mnist_dir)
        return

    sys.path.insert(0, ROOT)
    runs = []
    env = {**os.environ, "PYTHONPATH": ROOT, "TF_CPP_MIN_LOG_LEVEL": "3"}
    for count in [int(c) for c in args.counts.split(",")]:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--worker", str(count),
             "--batch_size", str(args.batch_size), "--seed", str(args.seed),
             *(["--mnist_dir", args.mnist_dir] if args.mnist_dir else [])],
            check=True, capture_output=True, text=True, env=env)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]), flush=True)

    from keras_gans.saving import write_json
    from keras_gans.training import environment, recorded_command

    small, large = runs[0], runs[-1]
    growth = {
        "samples_ratio": large["num_samples"] / small["num_samples"],
        "peak_rss_ratio": round(large["peak_rss_mb"] / small["peak_rss_mb"], 3),
        "evaluate_growth_mb": {
            str(r["num_samples"]): round(r["peak_rss_mb"] - r["peak_rss_mb_before_evaluate"], 1)
            for r in runs},
        "extra_peak_mb_for_more_samples": round(large["peak_rss_mb"] - small["peak_rss_mb"], 1),
        "extra_mb_if_not_streamed": round(
            large["held_if_not_streamed_mb"] - small["held_if_not_streamed_mb"], 1),
    }
    report = {
        "command": recorded_command(),
        "what": "peak RSS of one fresh process per count computing FID (MNIST extractor) "
                "of a DCGAN generator against the reference",
        "measure": "resource.getrusage(RUSAGE_SELF).ru_maxrss, MiB",
        "batch_size": args.batch_size,
        "seed": args.seed,
        "runs": runs,
        "comparison": growth,
        "environment": environment(),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    write_json(report, args.out)
    print(json.dumps(growth, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
