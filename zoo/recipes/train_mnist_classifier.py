"""Trains the MNIST classifier shipped as keras_gans' offline MNIST extractor.

Trains :func:`keras_gans.metrics.mnist_classifier.build_mnist_classifier` on the 60,000
MNIST training digits scaled to [-1, 1] (the generator range), with random translations
of up to ±2 pixels (robustness to off-centre GAN samples), evaluates once on the 10,000
test digits, and writes

* ``keras_gans/metrics/weights/mnist_classifier.weights.h5`` (atomically), and
* ``zoo/recipes/mnist_classifier.json``: test accuracy (overall and per class), sizes,
  seed, the exact command, versions, machine, training time, weights size and sha256.

The test split is used only for that final evaluation (no model selection on it).

    TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=. python zoo/recipes/train_mnist_classifier.py \\
        --mnist_dir path/to/mnist

After retraining, copy the printed sha256 into ``WEIGHTS_SHA256`` in
``keras_gans/metrics/mnist_classifier.py`` and bump ``EXTRACTOR_ID``.
"""

import argparse
import os
import platform
import shlex
import time

import keras
import numpy as np
import tensorflow as tf

from keras_gans.data import load_mnist_idx
from keras_gans.metrics import mnist_classifier as mc
from keras_gans.saving import atomic_path
from keras_gans.saving import write_json

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RECORD = os.path.join(REPO, "zoo", "recipes", "mnist_classifier.json")


def to_unit_range(images):
    """uint8 [0, 255] → float32 [-1, 1] (the convention of MNISTExtractor)."""
    return images.astype(np.float32) / 127.5 - 1.0


def random_translate(images, max_shift, rng):
    """Shifts each ``(N, H, W, 1)`` image by an integer offset in [-max_shift, max_shift]².

    Vacated pixels are background (-1). Vectorised: one gather over a padded copy.
    """
    if max_shift == 0:
        return images
    n, h, w, _ = images.shape
    padded = np.pad(images[..., 0], ((0, 0), (max_shift, max_shift), (max_shift, max_shift)),
                    constant_values=-1.0)
    dy, dx = rng.integers(0, 2 * max_shift + 1, size=(2, n))
    rows = dy[:, None] + np.arange(h)
    cols = dx[:, None] + np.arange(w)
    return padded[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]][..., None]


def repo_relative(path):
    return os.path.relpath(os.path.abspath(path), REPO)


def command_line():
    """The invocation as typed from the repo root (with the env vars that matter)."""
    env = [f"{k}={shlex.quote(os.environ[k])}" for k in ("TF_CPP_MIN_LOG_LEVEL", "PYTHONPATH")
           if k in os.environ]
    from keras_gans.training import recorded_command

    return " ".join(env + [recorded_command()])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mnist_dir", required=True,
                        help="folder with the MNIST IDX files (raw or .gz)")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch_size", type=int, default=128)
    parser.add_argument("--learning_rate", type=float, default=2e-3,
                        help="peak Adam learning rate (cosine decay to 0)")
    parser.add_argument("--max_shift", type=int, default=2,
                        help="random translation in pixels (0: no augmentation)")
    parser.add_argument("--weights", default=mc.DEFAULT_WEIGHTS, help="output weights")
    parser.add_argument("--extractor_id", default=mc.EXTRACTOR_ID,
                        help="id recorded with the weights (bump it when they change)")
    parser.add_argument("--record", default=RECORD, help="output JSON record")
    args = parser.parse_args()

    keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()
    rng = np.random.default_rng(args.seed)

    train_images, train_labels = load_mnist_idx(args.mnist_dir, "train")
    test_images, test_labels = load_mnist_idx(args.mnist_dir, "test")
    x_train, x_test = to_unit_range(train_images), to_unit_range(test_images)

    model = mc.build_mnist_classifier()
    steps = args.epochs * int(np.ceil(len(x_train) / args.batch_size))
    model.compile(
        optimizer=keras.optimizers.Adam(
            keras.optimizers.schedules.CosineDecay(args.learning_rate, steps)),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    print(f"{model.count_params()} parameters; training {args.epochs} epochs on "
          f"{len(x_train)} images", flush=True)

    start = time.perf_counter()
    history = []
    for epoch in range(args.epochs):
        x_epoch = random_translate(x_train, args.max_shift, rng)
        h = model.fit(x_epoch, train_labels, batch_size=args.batch_size, epochs=epoch + 1,
                      initial_epoch=epoch, shuffle=True, verbose=2)
        history.append({k: round(float(v[-1]), 5) for k, v in h.history.items()})
    train_seconds = time.perf_counter() - start

    predictions = np.argmax(model.predict(x_test, batch_size=1000, verbose=0), axis=1)
    correct = predictions == test_labels
    per_class = {str(c): round(float(correct[test_labels == c].mean()), 5) for c in range(10)}
    accuracy = float(correct.mean())
    print(f"test accuracy {accuracy:.4%} ({int(correct.sum())}/{len(correct)}); "
          f"per class min {min(per_class.values()):.4%}", flush=True)

    # Ship only the model weights: a compiled model's save_weights also stores the
    # optimizer state (3x the size), so save an uncompiled copy.
    export = mc.build_mnist_classifier()
    export.set_weights(model.get_weights())
    with atomic_path(args.weights) as tmp:
        export.save_weights(tmp)
    reloaded = mc.load_mnist_classifier(args.weights)
    if not np.array_equal(np.argmax(reloaded.predict(x_test, batch_size=1000, verbose=0), 1),
                          predictions):
        raise RuntimeError(f"{args.weights} does not reproduce the evaluated predictions.")
    sha = mc.file_sha256(args.weights)
    size = os.path.getsize(args.weights)
    record = {
        "extractor_id": args.extractor_id,
        "model": "keras_gans.metrics.mnist_classifier.build_mnist_classifier",
        "weights_file": repo_relative(args.weights),
        "weights_sha256": sha,
        "weights_bytes": size,
        "parameters": int(model.count_params()),
        "input_convention": "float (N, 28, 28, 1) in [-1, 1] (uint8 x / 127.5 - 1)",
        "test_accuracy": round(accuracy, 5),
        "test_errors": int((~correct).sum()),
        "test_size": int(len(x_test)),
        "per_class_test_accuracy": per_class,
        "train_size": int(len(x_train)),
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "augmentation": f"random integer translation up to ±{args.max_shift} px",
        "seed": args.seed,
        "history": history,
        "train_seconds": round(train_seconds, 1),
        "command": command_line(),
        "arguments": {**vars(args), "weights": repo_relative(args.weights),
                      "record": repo_relative(args.record)},
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
        "machine": platform.platform(),
        "processor": platform.machine(),
        "cpu_count": os.cpu_count(),
        "devices": [d.device_type for d in tf.config.list_physical_devices()],
    }

    write_json(record, args.record)
    print(f"wrote {args.weights} ({size} bytes, sha256 {sha}) and {args.record}; "
          f"trained in {train_seconds:.0f} s", flush=True)
    if sha != mc.WEIGHTS_SHA256 or args.extractor_id != mc.EXTRACTOR_ID:
        print(f"NOTE: set WEIGHTS_SHA256 = {sha!r} and EXTRACTOR_ID = {args.extractor_id!r} "
              "in keras_gans/metrics/mnist_classifier.py (a new EXTRACTOR_ID whenever the "
              "shipped weights change).", flush=True)


if __name__ == "__main__":
    main()
