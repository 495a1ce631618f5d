"""Trains a variant on the full real MNIST (IDX files) and keeps its samples and weights.

    python benchmarks/mnist_quality.py --variant dcgan --epochs 5 --mnist_dir path/to/mnist
    python benchmarks/mnist_quality.py --variant wgan_gp --epochs 3 --mnist_dir path/to/mnist

Writes ``benchmarks/results/mnist_<variant>/``: ``report.json`` (command, versions, seed,
losses per epoch, throughput), ``samples.png`` (a 10×10 grid, fixed seed),
``generator.weights.h5`` (for the evaluation and zoo work that builds on these runs) and
``preset/``, the run as a preset folder (``keras_gans.zoo.load`` loads it).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from keras_gans import images  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import recorded_command, train  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variant", required=True)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--latent_dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--mnist_dir", required=True,
                   help="a folder of the four MNIST IDX files")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    out = args.out or os.path.join(HERE, "results", f"mnist_{args.variant}")
    # train() writes its preset folder whole; the benchmark's own files sit beside it
    report, model = train(args.variant, dataset=f"idx:{os.path.abspath(args.mnist_dir)}",
                          out_dir=os.path.join(out, "preset"), epochs=args.epochs, batch_size=args.batch_size,
                          latent_dim=args.latent_dim, seed=args.seed, verbose=2)
    images.save_png(images.make_grid(model.generate(100, seed=args.seed), columns=10),
                    os.path.join(out, "samples.png"))
    model.generator.save_weights(os.path.join(out, "generator.weights.h5"))
    report["command"] = recorded_command()
    report["dataset"] = "MNIST IDX files, train split (60,000 images)"
    write_json(report, os.path.join(out, "report.json"))
    print(json.dumps({k: report[k] for k in ("variant", "generator_updates", "wall_seconds")}))


if __name__ == "__main__":
    main()
