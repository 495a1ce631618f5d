"""Makes keras_gans/data/_embedded/mnist_sample.npz from the real MNIST.

10,000 training digits, 1,000 per class, drawn without replacement with a fixed seed
from the official 60,000-image training split (IDX files).

    python zoo/recipes/make_embedded_mnist.py --mnist_dir path/to/mnist
"""

import argparse
import hashlib
import os

import numpy as np

from keras_gans.data.idx import load_mnist_idx

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "keras_gans", "data", "_embedded",
                   "mnist_sample.npz")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mnist_dir", required=True)
    parser.add_argument("--per_class", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    images, labels = load_mnist_idx(args.mnist_dir, "train")
    rng = np.random.default_rng(args.seed)
    index = np.sort(np.concatenate([
        rng.choice(np.flatnonzero(labels == c), args.per_class, replace=False)
        for c in range(10)
    ]))
    out = os.path.abspath(OUT)
    np.savez_compressed(out, images=images[index, ..., 0], labels=labels[index].astype(np.uint8),
                        train_index=index.astype(np.int32))
    digest = hashlib.sha256(open(out, "rb").read()).hexdigest()
    print(f"wrote {out}: {len(index)} images, {os.path.getsize(out)} bytes, sha256 {digest}")


if __name__ == "__main__":
    main()
