"""Structured variants on the full real MNIST, scored by the shipped MNIST classifier.

    python benchmarks/structured_mnist.py --variants cgan,acgan,infogan --epochs 3

- cgan / acgan: 10,000 samples with labels cycling 0..9; accuracy = the classifier's label
  equals the label asked for (goal ≥ 95 %).
- infogan: 10,000 samples with the categorical code cycling; best-permutation accuracy of
  code → classifier label (Hungarian matching; goal ≥ 80 %), plus a grid varying each
  continuous code.
- bigan / vaegan: the classifier's label of G(E(x)) for the 10,000 test images equals x's
  label (goal ≥ 80 % for vaegan).
Every variant also gets FID/IS of random samples vs the test split (MNIST extractor), a
sample grid PNG and a JSON report under benchmarks/results/structured_<variant>/.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import keras  # noqa: E402
import numpy as np  # noqa: E402

from keras_gans import data, images, saving  # noqa: E402
from keras_gans.metrics import MNISTExtractor, evaluate  # noqa: E402
from keras_gans.metrics.structured import structure_checks  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command  # noqa: E402
from keras_gans.variants import build  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONDITIONAL = ("cgan", "acgan")
ENCODERS = ("bigan", "vaegan", "vaegan_l2_clipnorm")


def run(variant, args, x_test, y_test, classifier):
    keras.utils.set_random_seed(args.seed)
    labelled = variant in CONDITIONAL
    ds = data.from_idx_dir(args.mnist_dir, "train", args.batch_size, with_labels=labelled,
                           seed=args.seed)
    model = build(variant, image_shape=(28, 28, 1), latent_dim=args.latent_dim, seed=args.seed,
                  **json.loads(args.overrides))
    model.compile()
    start = time.perf_counter()
    history = model.fit(ds, epochs=args.epochs, verbose=2)
    seconds = time.perf_counter() - start
    out = os.path.join(HERE, "results", f"structured_{variant}")
    os.makedirs(out, exist_ok=True)
    report = {"variant": variant, "epochs": args.epochs, "batch_size": args.batch_size,
              "overrides": json.loads(args.overrides),
              "seed": args.seed, "train_seconds": seconds,
              "history": {k: [float(v) for v in vals] for k, vals in history.history.items()}}
    n = 10_000
    checks, grid = structure_checks(model, x_test, y_test, classifier, num_samples=n,
                                    seed=args.seed + 1)
    report.update({k: v for k, v in checks.items() if k != "num_samples"})
    if "code_to_class" in report:  # the name earlier reports used
        report["code_to_digit"] = report.pop("code_to_class")
    for c in range(getattr(model, "num_continuous", 0)):
        cont = np.zeros((100, model.num_continuous), np.float32)
        cont[:, c] = np.tile(np.linspace(-1, 1, 10), 10)
        varied = model.generate(100, categories=np.repeat(np.arange(10), 10),
                                continuous=cont, seed=2)
        images.save_png(images.make_grid(varied, columns=10),
                        os.path.join(out, f"continuous_code_{c}.png"))
    generate_fn = (lambda k, seed=None: model.generate(k, seed=seed)) if not labelled else \
        (lambda k, seed=None: model.generate(k, seed=seed, labels=None))
    report["sample_metrics"] = {
        key: (float(v) if isinstance(v, (float, np.floating)) else v)
        for key, v in evaluate(generate_fn, x_test, metrics=("fid", "is", "classes"),
                               num_samples=n, extractor=classifier, progress=False,
                               reference_split="test").items()}
    images.save_png(images.make_grid(grid, columns=10), os.path.join(out, "samples.png"))
    if args.save_generator:  # e.g. for zoo/recipes/train_preset.py --from_weights
        saving.save_weights(model.sampling_net(), args.save_generator)  # EMA when kept
    report["command"] = recorded_command()
    report["environment"] = environment()
    write_json(report, os.path.join(out, "report.json"))
    summary = {k: report[k] for k in report if k.endswith("accuracy")}
    print(variant, summary, "FID", round(report["sample_metrics"]["fid"], 2), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variants", default="cgan,acgan,infogan,bigan,vaegan")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--latent_dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--overrides", default="{}", help='JSON build() overrides, e.g. '
                   '\'{"continuous_weight": 0.1}\'')
    p.add_argument("--mnist_dir", required=True, help="a folder of the four MNIST IDX files")
    p.add_argument("--save_generator", default=None,
                   help="also write the trained generator's .weights.h5 here (one variant)")
    args = p.parse_args()
    if args.save_generator and "," in args.variants:
        p.error("--save_generator takes exactly one variant")
    x_test, y_test = data.load_mnist_idx(args.mnist_dir, "test")
    x_test = x_test.astype(np.float32) / 127.5 - 1.0
    classifier = MNISTExtractor()
    for variant in args.variants.split(","):
        run(variant, args, x_test, y_test, classifier)


if __name__ == "__main__":
    main()
