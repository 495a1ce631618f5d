"""EMA sampling: which BatchNorm statistics should an EMA generator sample with?

    python benchmarks/ema_statistics.py --preset dcgan_mnist --data idx:path/to/mnist \\
        --steps 2500 --output path/to/ema_statistics.json

Trains an unconditional MNIST preset's model (its declared build, plus ``--ours``
overrides; the build must keep an EMA of G) for ``--steps`` G updates, then scores
``--num_samples`` samples of the same latents, each way, with the shipped MNIST
classifier (IS, and FID against the MNIST test split):

- ``live``: the trained generator;
- ``ema_live_statistics``: its EMA copy with the live generator's BatchNorm statistics
  (what ``update_ema`` leaves);
- ``ema_own_statistics``: the EMA copy with statistics of its own weights
  (``refresh_ema_statistics``, which ``fit`` runs when it returns).
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def run(preset_name, data_spec, steps, overrides, num_samples, seed):
    """Trains, then scores the three samplers; the report."""
    import keras
    import numpy as np

    from keras_gans import data, zoo
    from keras_gans.batching import run_batched
    from keras_gans.errors import InvalidInputError
    from keras_gans.metrics import evaluate, prepare_reference
    from keras_gans.training import environment
    from time_to_quality import reference_images

    preset = zoo.get(preset_name)
    keras.utils.set_random_seed(seed)
    model = zoo.build_preset(preset, **overrides)
    if model.generator_ema is None or preset.image_shape != (28, 28, 1):
        raise InvalidInputError(f"{preset_name} with {overrides} keeps no EMA of an MNIST "
                                "G; pass --ours '{\"ema_decay\": 0.999}'.")
    model.compile()
    ds, _ = data.resolve(data_spec, batch_size=preset.recipe["batch_size"], seed=seed)
    start = time.perf_counter()
    model.fit(ds.repeat(), epochs=1, steps_per_epoch=steps, verbose=0)
    train_s = time.perf_counter() - start
    x_test, reference_name = reference_images(data_spec)
    reference = prepare_reference(x_test, extractor="mnist", metrics=("fid", "is"))
    z = np.random.default_rng(seed + 1).standard_normal(
        (num_samples, model.latent_dim)).astype("float32")

    def score(net):
        images = run_batched(lambda part: net(z[part], training=False), num_samples, 500)
        scores = evaluate(lambda n, seed=None: images[:n], reference, metrics=("fid", "is"),
                          num_samples=num_samples, extractor="mnist", progress=False)
        return {"is": round(float(scores["is"]), 3), "fid": round(float(scores["fid"]), 3)}

    ema = model.generator_ema
    results = {"live": score(model.generator), "ema_own_statistics": score(ema)}
    for ema_var, var in zip(ema.weights, model.generator.weights):
        if not var.trainable:
            ema_var.assign(var)  # the statistics update_ema leaves (the live net's)
    results["ema_live_statistics"] = score(ema)
    return {"preset": preset_name, "preset_build": preset.build, "overrides": overrides,
            "steps": steps, "train_s": round(train_s, 1), "num_samples": num_samples,
            "seed": seed, "extractor_id": "mnist_cnn_v1",
            "reference": reference_name, "results": results,
            "environment": environment()}


def main(argv=None):
    from keras_gans.errors import InvalidInputError
    from keras_gans.saving import write_json
    from keras_gans.training import recorded_command

    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="ema_statistics.py", description=__doc__.split("\n")[0])
    p.add_argument("--preset", default="dcgan_mnist")
    p.add_argument("--data", default="mnist",
                   help="idx:DIR, tfds:mnist, mnist (tfds) or default (the embedded 10k "
                        "digits, FID against themselves)")
    p.add_argument("--steps", type=int, default=2500, help="G updates to train")
    p.add_argument("--ours", default=None, help="JSON of build overrides")
    p.add_argument("--num_samples", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--output", default=os.path.join("runs", "benchmarks", "ema_statistics.json"))
    args = p.parse_args(argv)
    try:
        if args.steps < 1 or args.num_samples < 1:
            raise InvalidInputError("--steps and --num_samples must be ≥ 1; got "
                                    f"{args.steps} and {args.num_samples}.")
        overrides = json.loads(args.ours) if args.ours else {}
        if not isinstance(overrides, dict):
            raise InvalidInputError(f"--ours must be a JSON object; got {args.ours!r}.")
        report = run(args.preset, args.data, args.steps, overrides, args.num_samples,
                     args.seed)
    except (InvalidInputError, json.JSONDecodeError) as e:
        p.exit(2, f"ema_statistics.py: error: {e}\n")
    report["command"] = recorded_command(["benchmarks/ema_statistics.py", *argv])
    write_json(report, args.output)
    print(json.dumps(report["results"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
