"""Two-domain translation on real MNIST, scored by the shipped MNIST classifier.

    python benchmarks/translation_mnist.py --model cyclegan --steps 3000

The task (keras_gans.data.mnist_two_domains): domain a = the first 30k MNIST training
digits as they are; domain b = the other 30k, strokes dilated (3×3 max filter) and
inverted (black digits on white). The two image sets are disjoint and shuffled
independently, so nothing is paired; labels are used ONLY for evaluation, on the MNIST
test split divided the same way (5k + 5k).

Figures (MNIST classifier ``mnist_cnn_v1``):
- cyclegan / unit: class preservation a→b — the classifier's label of the translated
  image mapped back to plain digits (colour inversion, then a 3×3 erosion that undoes
  the dilation up to a morphological closing: ``data.unpaired.undo_rendering``) equals
  the source label; b→a — the label of the translated digit (classified as it
  is) equals the source label; the cycle L1 error ‖F(G(x)) − x‖₁ (mean per pixel, images
  in [-1, 1]) both ways and the label accuracy of the reconstructions. As a reference,
  the classifier's accuracy on the real domain-b test images mapped back is also
  recorded (the ceiling). Records made before this mapping existed (no
  ``b_mapped_back_by`` field) used colour inversion alone. Goal: ≥ 90 % class preservation.
- cogan: 10,000 generated pairs; pair agreement = the classifier's label of the a image
  equals the label of the b image (mapped back). Goal ≥ 90 %. Also the fraction of
  pairs whose images both get a top class probability > 0.9, and the agreement among
  those (the coupling, apart from how legible the samples are).

Writes benchmarks/results/translation_<model>/: report.json (command, environment, seed,
sample counts, figures), grids (input | translated | reconstructed, or generated pairs).
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import keras  # noqa: E402
import numpy as np  # noqa: E402

from keras_gans import data, images  # noqa: E402
from keras_gans.data.unpaired import mnist_two_domains, undo_rendering  # noqa: E402
from keras_gans.metrics import MNISTExtractor  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command  # noqa: E402
from keras_gans.variants import build  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SMALL_NETS = {
    "cyclegan": {"filters": 16, "n_blocks": 2},
    "unit": {"filters": 16},
    "cogan": {"base_filters": 32},
}


B_TO_DIGITS = "inversion + 3x3 erosion (data.unpaired.undo_rendering)"


def to_digits(b_images):
    """Domain-b images mapped back to plain digits for the digit classifier."""
    return undo_rendering(b_images, dilation=1)


def to_unit(x_uint8):
    return x_uint8.astype(np.float32) / 127.5 - 1.0


def triplet_grid(x, translated, reconstructed, n=24, columns=6):
    """Rows of (input | translated | reconstructed) triplets, two triplets per row."""
    tiles = np.concatenate([np.stack([x[i], translated[i], reconstructed[i]])
                            for i in range(n)])
    return images.make_grid(tiles, columns=columns)


def evaluate_translator(model, test, classifier, out):
    x_a, x_b = to_unit(test["x_a"]), to_unit(test["x_b"])
    y_a, y_b = test["y_a"], test["y_b"]
    labels = classifier.predict_labels
    ab = model.translate(x_a, "a2b")
    ba = model.translate(x_b, "b2a")
    aba = model.translate(ab, "b2a")
    bab = model.translate(ba, "a2b")
    figures = {
        "class_preservation_a2b": float(np.mean(labels(to_digits(ab)) == y_a)),
        "class_preservation_b2a": float(np.mean(labels(ba) == y_b)),
        "cycle_l1_aba": float(np.mean(np.abs(aba - x_a))),
        "cycle_l1_bab": float(np.mean(np.abs(bab - x_b))),
        "reconstruction_accuracy_aba": float(np.mean(labels(aba) == y_a)),
        "reconstruction_accuracy_bab": float(np.mean(labels(to_digits(bab)) == y_b)),
        "reference_accuracy_real_a": float(np.mean(labels(x_a) == y_a)),
        "reference_accuracy_real_b_mapped_back": float(
            np.mean(labels(to_digits(x_b)) == y_b)),
        "num_test_a": int(len(x_a)), "num_test_b": int(len(x_b)),
        "b_mapped_back_by": B_TO_DIGITS,
    }
    images.save_png(triplet_grid(x_a, ab, aba), os.path.join(out, "grid_a2b.png"))
    images.save_png(triplet_grid(x_b, ba, bab), os.path.join(out, "grid_b2a.png"))
    return figures


def evaluate_cogan(model, classifier, out, seed, n=10_000, confident=0.9):
    """Pair agreement, and the same split by how legible the two images are.

    ``confident_pair_fraction``: pairs whose two images both get a top class
    probability > ``confident``; ``confident_pair_agreement``: agreement among them. High
    agreement among legible pairs with a low legible fraction says the coupling works and
    sample quality is what limits the headline figure. ``rarest_class_share``: the share
    of the least frequent label of the a images — a collapsed generator (every pair the
    same digit) agrees 100 % and shows here as ~0.
    """
    a, b = model.generate(n, seed=seed + 1)
    probs_a = classifier(a)["probs"]
    probs_b = classifier(to_digits(b))["probs"]
    label_a, label_b = probs_a.argmax(1), probs_b.argmax(1)
    both = (probs_a.max(1) > confident) & (probs_b.max(1) > confident)
    counts = np.bincount(label_a, minlength=10)
    pairs = np.concatenate([np.stack([a[i], b[i]]) for i in range(50)])
    images.save_png(images.make_grid(pairs, columns=10), os.path.join(out, "pairs.png"))
    return {"pair_agreement": float(np.mean(label_a == label_b)), "num_pairs": n,
            "confidence_threshold": confident,
            "confident_pair_fraction": float(np.mean(both)),
            "confident_pair_agreement": float(np.mean(label_a[both] == label_b[both])),
            "label_histogram_a": counts.tolist(), "rarest_class_share": float(counts.min() / n),
            "b_mapped_back_by": B_TO_DIGITS}


class CoganTrajectory(keras.callbacks.Callback):
    """Pair agreement every ``every`` steps (is the run still improving?)."""

    def __init__(self, classifier, out, seed, every, trajectory):
        super().__init__()
        self.args, self.every, self.trajectory = (classifier, out, seed), every, trajectory

    def on_epoch_end(self, epoch, logs=None):
        step = int(self.model.g_optimizer.iterations.numpy())
        if step % self.every:
            return
        start = time.perf_counter()
        figures = evaluate_cogan(self.model, *self.args)
        self.trajectory.append({
            "step": step, "pair_agreement": figures["pair_agreement"],
            "confident_pair_fraction": figures["confident_pair_fraction"],
            "confident_pair_agreement": figures["confident_pair_agreement"],
            "eval_seconds": time.perf_counter() - start})
        print(f"step {step}: pair agreement {figures['pair_agreement']:.4f}, legible pairs "
              f"{figures['confident_pair_fraction']:.3f}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=("cyclegan", "unit", "cogan"), required=True)
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--batch_size", type=int, default=32)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log_every", type=int, default=250)
    p.add_argument("--overrides", default="{}",
                   help="JSON build() overrides on top of the small nets used here")
    p.add_argument("--eval_every", type=int, default=0,
                   help="cogan: also measure pair agreement every N steps (a multiple of "
                        "--log_every; the report's trajectory); 0: at the end only")
    p.add_argument("--jit_compile", action="store_true")
    p.add_argument("--out", default=None, help="default benchmarks/results/translation_<model>")
    p.add_argument("--mnist_dir", required=True, help="a folder of the four MNIST IDX files")
    args = p.parse_args()
    keras.utils.set_random_seed(args.seed)
    out = args.out or os.path.join(HERE, "results", f"translation_{args.model}")
    os.makedirs(out, exist_ok=True)

    train = mnist_two_domains(args.mnist_dir, "train")
    test = mnist_two_domains(args.mnist_dir, "test")
    ds = data.unpaired_from_arrays(train["x_a"], train["x_b"], batch_size=args.batch_size,
                                   seed=args.seed, repeat=True)
    overrides = {**SMALL_NETS[args.model], **json.loads(args.overrides)}
    model = build(args.model, image_shape=(28, 28, 1), seed=args.seed, **overrides)
    model.compile(jit_compile=args.jit_compile)
    log_every = min(args.log_every, args.steps)
    classifier = MNISTExtractor()
    trajectory = []
    if args.eval_every:
        if args.model != "cogan" or args.eval_every % log_every:
            p.error(f"--eval_every is for cogan and must be a multiple of --log_every "
                    f"({log_every}); got {args.eval_every} for {args.model}.")
        callbacks = [CoganTrajectory(classifier, out, args.seed, args.eval_every, trajectory)]
    else:
        callbacks = []
    start = time.perf_counter()
    history = model.fit(ds, epochs=max(1, args.steps // log_every), steps_per_epoch=log_every,
                        verbose=2, callbacks=callbacks)
    seconds = time.perf_counter() - start - sum(t["eval_seconds"] for t in trajectory)
    steps_done = int(model.g_optimizer.iterations.numpy())

    if args.model == "cogan":
        figures = evaluate_cogan(model, classifier, out, args.seed)
    else:
        figures = evaluate_translator(model, test, classifier, out)
    report = {
        "model": args.model,
        "command": recorded_command(),
        "environment": environment(),
        "seed": args.seed, "steps": steps_done, "batch_size": args.batch_size,
        "train_images_seen_per_domain": steps_done * args.batch_size,
        "num_train_a": int(len(train["x_a"])), "num_train_b": int(len(train["x_b"])),
        "overrides": overrides, "train_seconds": seconds,
        "task": "domain a = MNIST train[:30000] plain; domain b = train[30000:] dilated "
                "(3x3 max filter) + inverted; test split halved the same way",
        "extractor": classifier.extractor_id,
        "figures": figures,
        **({"trajectory": trajectory} if trajectory else {}),
        "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
    }
    model.save(os.path.join(out, "model.keras"))  # re-evaluate with keras.models.load_model
    write_json(report, os.path.join(out, "report.json"))
    print(args.model, json.dumps(figures), f"{seconds:.0f}s", flush=True)


if __name__ == "__main__":
    main()
