"""MNIST-extractor metrics: the real-vs-real floor and the full-MNIST GAN runs.

    python benchmarks/mnist_metrics.py --variants dcgan,wgan_gp

Reference: the 10,000-image MNIST test split. Floor: 10,000 images of the train split
(first 10k, a fixed seed-0 permutation) vs the test split. GAN rows: 10,000 samples (seed 1)
of the generator saved by ``benchmarks/mnist_quality.py`` vs the test split. Also measures
the evaluation throughput (images/s) of the MNIST extractor and of InceptionV3 (random
weights: the ImageNet weights cannot be downloaded here; the cost is the same).
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy as np  # noqa: E402

from keras_gans import data  # noqa: E402
from keras_gans.metrics import InceptionExtractor, MNISTExtractor, evaluate  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command  # noqa: E402
from keras_gans.variants import build  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
METRICS = ("fid", "kid", "is", "pr", "dc", "classes")


def _floats(result):
    return {k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in result.items()}


class _Consecutive:
    """A ``generate_fn`` that hands out consecutive slices of a fixed image set."""

    def __init__(self, images):
        self.images, self.position = images, 0

    def __call__(self, n, seed=None):
        out = self.images[self.position:self.position + n]
        self.position += n
        return out


def throughput(extractor, images, batch_size, repeats=2):
    extractor(images[:batch_size], batch_size=batch_size)  # warm-up / tracing
    start = time.perf_counter()
    for _ in range(repeats):
        extractor(images, batch_size=batch_size)
    return repeats * len(images) / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variants", default="dcgan,wgan_gp")
    p.add_argument("--mnist_dir", required=True, help="a folder of the four MNIST IDX files")
    p.add_argument("--num_samples", type=int, default=10000)
    p.add_argument("--out", default=os.path.join(HERE, "results", "mnist_metrics.json"))
    args = p.parse_args()
    x_train, _ = data.load_mnist_idx(args.mnist_dir, "train")
    x_test, _ = data.load_mnist_idx(args.mnist_dir, "test")
    scale = lambda x: x.astype(np.float32) / 127.5 - 1.0  # noqa: E731
    reference = scale(x_test)
    rows = []
    train_10k = scale(x_train[np.random.default_rng(0).permutation(len(x_train))[:10000]])
    floor = evaluate(_Consecutive(train_10k), reference, metrics=METRICS,
                     num_samples=args.num_samples, extractor="mnist", progress=False,
                     reference_split="test")
    rows.append({"name": "real vs real (train 10k vs test 10k)", **_floats(floor)})
    print(rows[-1]["name"], {k: rows[-1][k] for k in ("fid", "kid", "is", "precision", "recall")})
    for variant in filter(None, args.variants.split(",")):
        weights = os.path.join(HERE, "results", f"mnist_{variant}", "generator.weights.h5")
        if not os.path.exists(weights):
            print(f"skipping {variant}: no {weights} (run benchmarks/mnist_quality.py first)")
            continue
        gan = build(variant, image_shape=(28, 28, 1), latent_dim=64, seed=0)
        gan.generator.load_weights(weights)
        r = evaluate(gan, reference, metrics=METRICS, num_samples=args.num_samples,
                     extractor="mnist", seed=1, progress=False, reference_split="test")
        rows.append({"name": f"{variant} (benchmarks/results/mnist_{variant})", **_floats(r)})
        print(rows[-1]["name"], {k: rows[-1][k] for k in ("fid", "kid", "is", "precision", "recall")})
    speed = {"mnist_cnn_v1 (batch 500)": throughput(MNISTExtractor(), reference[:5000], 500)}
    speed["inception_v3 random weights (batch 32, 299x299)"] = throughput(
        InceptionExtractor(weights=None), reference[:64], 32, repeats=1)
    print("extractor images/s:", speed)
    report = {"command": recorded_command(),
              "reference": "MNIST test split (10,000)", "rows": rows,
              "extractor_images_per_second": speed, "environment": environment()}
    write_json(report, args.out)


if __name__ == "__main__":
    main()
