"""Training throughput of the engine vs a plain reference step, XLA and steps_per_execution.

    python benchmarks/throughput.py --variants dcgan,wgan_gp --steps 60 --rounds 3

Every configuration trains the same nets on MNIST-shaped batches (the embedded real MNIST
sample, batch 64) in ONE process; configurations are interleaved over ``--rounds`` short
segments. These shared machines switch between speed states (seen here: the same step
alternating between ~1,060 and ~625 images/s from one segment to the next), so the figure
used for ratios is the BEST segment of each configuration (the least-disturbed one); the
median and every segment are recorded too. Warm-up (tracing + XLA compilation) is timed
separately and excluded from images/s.
images/s counts real images consumed per second (one batch per ``train_step``; a WGAN-GP
``train_step`` makes 5 D updates and 1 G update on that batch).
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))

import keras  # noqa: E402

from keras_gans import data  # noqa: E402
from keras_gans.training import environment  # noqa: E402
from keras_gans.variants import build  # noqa: E402
from reference_step import ReferenceGAN  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = [
    ("reference", False, 1),
    ("engine", False, 1),
    ("engine", True, 1),
    ("engine", False, 10),
    ("engine", True, 10),
]


def make_model(kind, variant, jit, spe, latent_dim):
    gan = build(variant, image_shape=(28, 28, 1), latent_dim=latent_dim, seed=0)
    if kind == "engine":
        gan.compile(jit_compile=jit, steps_per_execution=spe)
        return gan
    d_opt = keras.saving.deserialize_keras_object(gan.get_config()["d_optimizer"])
    g_opt = keras.saving.deserialize_keras_object(gan.get_config()["g_optimizer"])
    ref = ReferenceGAN(gan.generator, gan.discriminator, latent_dim, n_critic=gan.n_critic,
                       gp_weight=10.0 if variant == "wgan_gp" else 0.0)
    ref.compile(d_optimizer=d_opt, g_optimizer=g_opt, jit_compile=jit, steps_per_execution=spe)
    return ref


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variants", default="dcgan,wgan_gp")
    p.add_argument("--steps", type=int, default=20, help="timed train steps per segment")
    p.add_argument("--rounds", type=int, default=6)
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--latent_dim", type=int, default=64)
    p.add_argument("--out", default=os.path.join(HERE, "results", "throughput.json"))
    args = p.parse_args()
    if args.steps % 10:
        p.error(f"--steps must be a multiple of 10 (the largest steps_per_execution); got "
                f"{args.steps}: a remainder would trace a second train function.")
    ds = data.default_dataset(batch_size=args.batch_size, repeat=True)
    results = []
    for variant in args.variants.split(","):
        models, warmup = {}, {}
        for kind, jit, spe in CONFIGS:
            key = (kind, jit, spe)
            models[key] = make_model(kind, variant, jit, spe, args.latent_dim)
            start = time.perf_counter()
            models[key].fit(ds, epochs=1, steps_per_epoch=2 * spe, verbose=0)
            warmup[key] = time.perf_counter() - start
        rates = {key: [] for key in models}
        for _ in range(args.rounds):
            for key, model in models.items():
                start = time.perf_counter()
                model.fit(ds, epochs=1, steps_per_epoch=args.steps, verbose=0)
                rates[key].append(args.steps * args.batch_size / (time.perf_counter() - start))
        base = max(rates[("reference", False, 1)])
        for (kind, jit, spe), r in rates.items():
            best = max(r)
            row = {"variant": variant, "step": kind, "jit_compile": jit,
                   "steps_per_execution": spe, "images_per_second": best,
                   "median_images_per_second": statistics.median(r),
                   "ms_per_step": 1000 * args.batch_size / best, "per_round": r,
                   "warmup_seconds": warmup[(kind, jit, spe)], "ratio_vs_reference": best / base}
            results.append(row)
            print(f"{variant:8s} {kind:9s} jit={jit!s:5s} spe={spe:2d}: best {best:7.1f} img/s "
                  f"(×{best / base:.2f} vs reference; median {row['median_images_per_second']:.0f};"
                  f" warm-up {row['warmup_seconds']:.1f} s)", flush=True)
    report = {"command": "python benchmarks/throughput.py " + " ".join(sys.argv[1:]),
              "batch_size": args.batch_size, "steps_per_round": args.steps,
              "rounds": args.rounds, "data": "embedded MNIST sample (28x28x1)",
              "environment": environment(), "results": results}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".tmp", "w") as f:
        json.dump(report, f, indent=2)
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
