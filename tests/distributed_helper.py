"""Subprocess helper of tests/test_distribute.py: one training step under a strategy.

    python tests/distributed_helper.py --strategy mirrored --variants wgan_gp,sngan --out DIR

Devices must be configured before TensorFlow initialises, so each strategy runs in its
own process. The step trains tiny BatchNorm-free nets (per-replica batch statistics would
legitimately differ from one device's) on a fixed global batch of 8 with SGD (Adam's
first step is invariant to the gradient scale and would hide a 2× loss-scaling error),
and writes, per variant, G's and D's trainable values before the step and their
changes (``DIR/VARIANT.npz``) and the logged losses (``DIR/VARIANT.json``).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

GLOBAL_BATCH = 8
SHAPE = (8, 8, 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--strategy", default="default")
    p.add_argument("--variants", default="wgan_gp")
    p.add_argument("--steps", type=int, default=1)
    p.add_argument("--out", required=True, help="output folder")
    args = p.parse_args()

    from keras_gans import distribute

    strategy = distribute.make_strategy(
        args.strategy, logical_cpus=2 if args.strategy == "mirrored" else None)
    import keras
    import numpy as np
    import tensorflow as tf

    import keras_gans

    per_replica = distribute.check_global_batch(GLOBAL_BATCH, strategy)
    x = np.random.default_rng(0).uniform(-1, 1, (GLOBAL_BATCH * args.steps, *SHAPE))
    x = x.astype("float32")
    if args.strategy == "multi_worker":
        # Each worker feeds its replica's consecutive slice of the global batch (the
        # same split MirroredStrategy makes of one batch).
        def dataset_fn(ctx):
            start = ctx.input_pipeline_id * per_replica
            ds = tf.data.Dataset.from_tensor_slices(x).batch(GLOBAL_BATCH)
            return ds.map(lambda b: b[start:start + per_replica])

        ds = strategy.distribute_datasets_from_function(dataset_fn)
    else:
        ds = tf.data.Dataset.from_tensor_slices(x).batch(GLOBAL_BATCH)
    os.makedirs(args.out, exist_ok=True)
    for variant in args.variants.split(","):
        keras.utils.set_random_seed(0)  # the nets' initial weights
        with strategy.scope():
            gan = keras_gans.build(
                variant, image_shape=SHAPE, latent_dim=4, seed=3, base_filters=4,
                generator={"normalization": "none"},
                discriminator={} if variant == "wgan_gp" else {"normalization": "none"})
            gan.compile(d_optimizer=keras.optimizers.SGD(0.05),
                        g_optimizer=keras.optimizers.SGD(0.05))
        nets = gan.generator.trainable_variables + gan.discriminator.trainable_variables
        before = [v.numpy() for v in nets]
        history = gan.fit(ds, epochs=1, steps_per_epoch=args.steps, verbose=0)
        after = [v.numpy() for v in nets]
        path = os.path.join(args.out, variant)
        np.savez(path + ".npz", *before, *[a - b for a, b in zip(after, before)])
        with open(path + ".json", "w") as f:
            json.dump({"replicas": strategy.num_replicas_in_sync,
                       "g_steps": int(gan.g_optimizer.iterations.numpy()),
                       "history": {k: [float(v) for v in vs]
                                   for k, vs in history.history.items()}}, f)


if __name__ == "__main__":
    main()
