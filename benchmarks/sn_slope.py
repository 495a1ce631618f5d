"""How steep is a spectrally normalised D? Its slope at initialisation against its bound.

Spectral normalization bounds each layer's spectral norm by 1, so D is at most 1-Lipschitz;
a deep net of such layers is usually far flatter than that (the bound multiplies worst
cases that rarely line up). With SNGAN's hinge loss a flat D matters: both margins,
D(x) ≥ m on data and D(G(z)) ≤ −m on samples, hold only where the two are ≥ 2m/‖∇D‖
apart. This measures ‖∇ₓD‖ and the spread of D's logits on real mixture packs for the D of
``mixture_modes.py`` (PacGAN's 3×200 maxout MLP, 5 pieces) with and without spectral
norm, after the power iteration has converged.

    python benchmarks/sn_slope.py --mixture grid25 --pack 4
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from keras_gans import nets, regularizers  # noqa: E402
from keras_gans.data import sample_mixture  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def slope(spectral_norm, packs, seed):
    keras.utils.set_random_seed(seed)
    d = nets.MLPDiscriminator(packs.shape[1:], hidden_units=[200] * 3, maxout_pieces=5,
                              spectral_norm=spectral_norm)
    x = tf.constant(packs)
    for _ in range(50):  # training-mode calls run the power iteration (one step each)
        d(x, training=True)
    norms = regularizers.gradient_norm(lambda v: d(v, training=False), x).numpy()
    logits = d(x, training=False).numpy().ravel()
    return {"spectral_norm": spectral_norm,
            "grad_norm_median": float(np.median(norms)), "grad_norm_max": float(norms.max()),
            "logit_min": float(logits.min()), "logit_max": float(logits.max())}


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--mixture", default="grid25")
    p.add_argument("--pack", type=int, default=4)
    p.add_argument("--num_packs", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default=os.path.join(HERE, "results", "sn_slope.json"))
    args = p.parse_args()
    samples = sample_mixture(args.mixture, args.num_packs * args.pack, seed=args.seed)
    packs = np.asarray(samples, np.float32).reshape(args.num_packs, -1)
    rows = [slope(sn, packs, args.seed) for sn in (True, False)]
    for r in rows:
        print(f"spectral_norm={r['spectral_norm']}: ‖∇D‖ median {r['grad_norm_median']:.4f}, "
              f"max {r['grad_norm_max']:.4f}; logits in [{r['logit_min']:.3f}, "
              f"{r['logit_max']:.3f}]")
    report = {"mixture": args.mixture, "pack": args.pack, "num_packs": args.num_packs,
              "seed": args.seed, "discriminator": "MLP 3×200 maxout (5 pieces)",
              "rows": rows, "command": recorded_command(),
              "environment": environment()}
    write_json(report, args.out)


if __name__ == "__main__":
    main()
