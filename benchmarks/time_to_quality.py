"""Time to quality: how many seconds of training until a preset's samples read as digits.

    python benchmarks/time_to_quality.py --preset dcgan_mnist --data idx:path/to/mnist
    python benchmarks/time_to_quality.py --preset dcgan_mnist --data idx:path/to/mnist \\
        --budget_s 600 --eval_every_s 60 --ours '{"ema_decay": 0.999, "ema_warmup": true}'

Trains, in one process and interleaved slice by slice on the same cores, three
configurations on the same data (labelled batches for ``cgan_mnist``):

- ``ours``: the preset's model and recipe (its declared build, optimizers, EMA, XLA and
  steps per execution), plus ``--ours`` build overrides (the lever being measured);
- ``plain``: the same nets trained as a keras-io user would: the plain reference step
  (``benchmarks/reference_step.py``), the variant's paper optimizers, no EMA, no schedule,
  no XLA;
- ``keras_io``: the nets and hyperparameters of the Keras guide's MNIST GAN
  (``custom_train_step_in_tensorflow``: Conv 64/128 + global max pool D, Dense → two
  128-filter transposed convs → 7×7 sigmoid conv G, latent 128, Adam(3e-4)) on the same
  plain step. Its sigmoid output is mapped to [-1, 1] (``2g − 1``), an affine change the
  D's first conv absorbs; the guide's label noise is left out. For ``cgan_mnist``, the
  keras-io Conditional GAN (``conditional_gan.py``): the same nets with the one-hot label
  concatenated to z and, as 10 constant maps, to the image.

Every ``--eval_every_s`` seconds of a configuration's own training time (evaluation is
not counted), ``--num_samples`` samples are scored with the shipped MNIST classifier
(``mnist_cnn_v1``): Inception Score and FID against the MNIST test split, and for
``cgan_mnist`` the label accuracy (the classifier's class of a sample asked for digit k is
k; labels cycle through the digits). The report (``--output`` JSON) holds the curves, the
first training time at which each configuration reached the target (``--target_is``;
``--target_accuracy`` for ``cgan_mnist``), the ratios to ``ours``, the machine and
versions; ``--plot`` draws the IS curves.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

CONFIGS = {  # name -> what it trains (the report and benchmarks/README.md say it)
    "ours": "the preset's recipe (+ the overrides below)",
    "plain": "the same nets, plain keras-io style step, paper optimizers, no EMA",
    "keras_io": "the Keras guide's MNIST GAN (its nets, Adam 3e-4), plain step",
}
CONDITIONAL_CONFIGS = {**CONFIGS, "keras_io": "the keras-io Conditional GAN (its nets, "
                                              "Adam 3e-4), plain conditional step"}
CONDITIONAL_PRESETS = ("cgan_mnist",)
NUM_CLASSES = 10


def keras_io_nets(latent_dim=128, image_channels=1):
    """The Keras guide's MNIST GAN nets, G's sigmoid output mapped to [-1, 1]; D reads
    ``image_channels`` channels (the conditional D's image plus its label maps)."""
    import keras
    from keras import layers

    discriminator = keras.Sequential([
        keras.Input((28, 28, image_channels)),
        layers.Conv2D(64, 3, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Conv2D(128, 3, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.GlobalMaxPooling2D(), layers.Dense(1),
    ], name="discriminator")
    generator = keras.Sequential([
        keras.Input((latent_dim,)),
        layers.Dense(7 * 7 * 128), layers.LeakyReLU(0.2), layers.Reshape((7, 7, 128)),
        layers.Conv2DTranspose(128, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Conv2DTranspose(128, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
        layers.Conv2D(1, 7, padding="same", activation="sigmoid"),
        layers.Rescaling(2.0, offset=-1.0),
    ], name="generator")
    return generator, discriminator


def keras_io_conditional_nets(latent_dim=128, num_classes=NUM_CLASSES):
    """The keras-io Conditional GAN's nets, taking ``[z, labels]`` and ``[x, labels]``:
    the guide's nets on z ⊕ one-hot(y) and on x ⊕ one-hot(y) as constant maps."""
    import keras
    from keras import layers, ops

    g_body, d_body = keras_io_nets(latent_dim + num_classes, 1 + num_classes)
    z, y = keras.Input((latent_dim,)), keras.Input((), dtype="int32")
    onehot = layers.Lambda(lambda t: ops.one_hot(t, num_classes))(y)
    generator = keras.Model([z, y], g_body(layers.Concatenate()([z, onehot])),
                            name="generator")
    x, y2 = keras.Input((28, 28, 1)), keras.Input((), dtype="int32")
    maps = layers.Lambda(lambda t: ops.tile(ops.reshape(ops.one_hot(t, num_classes),
                                                        (-1, 1, 1, num_classes)),
                                            (1, 28, 28, 1)))(y2)
    discriminator = keras.Model([x, y2], d_body(layers.Concatenate()([x, maps])),
                                name="discriminator")
    return generator, discriminator


def reference_images(data_spec):
    """The real digits FID compares against, and how the report names them: the MNIST
    test split, or for the embedded ``default`` sample (offline smoke runs) that sample."""
    import numpy as np

    from keras_gans import data

    if data_spec == "default":
        x, _ = data.load_default()
        return x.astype(np.float32) / 127.5 - 1.0, "the embedded 10,000 training digits"
    x, _ = data.mnist_test_split(data_spec if data_spec.startswith(("idx:", "tfds:"))
                                 else "tfds:mnist")
    return x, f"MNIST test split ({len(x):,})"


def build_config(name, preset, ours_overrides, seed):
    """``(model, generate_fn)`` of one configuration, compiled."""
    import keras
    import numpy as np

    from keras_gans import registry, zoo
    from keras_gans.batching import run_batched
    from keras_gans.variants import build
    from reference_step import ReferenceConditionalGAN, ReferenceGAN, reference_for

    keras.utils.set_random_seed(seed)
    conditional = preset.name in CONDITIONAL_PRESETS
    if name == "ours":
        model = zoo.build_preset(preset, **ours_overrides)
        model.compile(jit_compile=bool(preset.recipe.get("jit_compile", False)),
                      steps_per_execution=int(preset.recipe.get("steps_per_execution", 1)))
        return model, model.generate  # a conditional model's labels cycle 0, 1, …, 9
    if name == "plain":
        nets = {k: v for k, v in preset.build.items() if k in registry.NET_ARGS}
        gan = build(preset.variant, image_shape=preset.image_shape,
                    latent_dim=preset.latent_dim, seed=seed, **nets)
        model = reference_for(gan)
        d_opt, g_opt = model.d_opt, model.g_opt
    else:
        if conditional:
            generator, discriminator = keras_io_conditional_nets()
            model = ReferenceConditionalGAN(generator, discriminator, latent_dim=128)
        else:
            generator, discriminator = keras_io_nets()
            model = ReferenceGAN(generator, discriminator, latent_dim=128)
        d_opt, g_opt = keras.optimizers.Adam(3e-4), keras.optimizers.Adam(3e-4)
    model.compile(d_optimizer=d_opt, g_optimizer=g_opt, jit_compile=False)

    def generate(n, seed=None):
        rng = np.random.default_rng(seed)
        z = rng.standard_normal((n, model.latent_dim)).astype("float32")
        labels = (np.arange(n) % NUM_CLASSES).astype("int32")

        def call(part):
            inputs = [z[part], labels[part]] if conditional else z[part]
            return model.generator(inputs, training=False)

        return run_batched(call, n, 500)

    return model, generate


def label_accuracy(generate, num_samples, seed):
    """The fraction of samples asked for digit k (labels cycling 0–9) that the shipped
    MNIST classifier reads as k."""
    import numpy as np

    from keras_gans.metrics import class_accuracy

    labels = np.arange(num_samples) % NUM_CLASSES
    return class_accuracy(generate(num_samples, seed=seed), labels, "mnist")


def train_for(model, dataset, seconds):
    """Trains ``model`` for about ``seconds``; returns the seconds ``fit`` took."""
    import keras

    start = time.perf_counter()

    def stop_when_due(batch, logs=None):
        if time.perf_counter() - start >= seconds:
            model.stop_training = True

    model.fit(dataset, epochs=1, steps_per_epoch=10**9, verbose=0, shuffle=False,
              callbacks=[keras.callbacks.LambdaCallback(on_train_batch_end=stop_when_due)])
    return time.perf_counter() - start


def run(preset_name, data_spec, names, ours_overrides, budget_s, eval_every_s, num_samples,
        target_is, seed, progress=print, target_accuracy=0.98):
    """Trains ``names`` interleaved, evaluating each every ``eval_every_s``; the report.
    The target is ``target_is``, or ``target_accuracy`` of the labels for a conditional
    preset."""
    from keras_gans import data, zoo
    from keras_gans.errors import InvalidInputError
    from keras_gans.metrics import evaluate, prepare_reference
    from keras_gans.training import environment, shown_path
    from keras_gans.variants import loss_family_variants

    preset = zoo.get(preset_name)
    conditional = preset_name in CONDITIONAL_PRESETS
    if not (preset.variant in loss_family_variants() or conditional) \
            or preset.image_shape != (28, 28, 1):
        raise InvalidInputError(
            f"time_to_quality trains the 28×28×1 MNIST presets of the loss families and "
            f"{', '.join(CONDITIONAL_PRESETS)}; {preset_name} is a {preset.variant} preset "
            f"of shape {preset.image_shape}.")
    batch = int(preset.recipe.get("batch_size", 64))
    dataset, shape = data.resolve(data_spec, batch_size=batch, seed=seed,
                                  with_labels=conditional)
    if tuple(shape) != (28, 28, 1):
        raise InvalidInputError(f"--data {data_spec} holds samples of shape {shape}; "
                                "time_to_quality needs MNIST digits (28, 28, 1).")
    dataset = dataset.repeat()
    images, reference_name = reference_images(data_spec)
    # the reference's statistics once, not at every one of the curve's evaluations
    reference = prepare_reference(images, extractor="mnist", metrics=("fid", "is"))
    models = {n: build_config(n, preset, ours_overrides, seed) for n in names}
    curves = {n: [] for n in names}
    trained = dict.fromkeys(names, 0.0)

    def score(name):  # the untrained nets first: the curve's origin, and a check of flags
        model, generate = models[name]
        scores = evaluate(generate, reference, metrics=("fid", "is"), num_samples=num_samples,
                          extractor="mnist", seed=seed + 1, progress=False)
        point = {"train_s": round(trained[name], 1),
                 "generator_updates": int(model.g_optimizer.iterations.numpy()),
                 "is": round(float(scores["is"]), 3), "fid": round(float(scores["fid"]), 3)}
        if conditional:
            point["label_accuracy"] = round(label_accuracy(generate, num_samples, seed + 2), 4)
        curves[name].append(point)
        progress(json.dumps({"config": name, **point}))

    for name in names:
        score(name)
    while any(trained[n] < budget_s for n in names):
        for name in names:
            if trained[name] < budget_s:
                trained[name] += train_for(models[name][0], dataset,
                                           min(eval_every_s, budget_s - trained[name]))
                score(name)
    target = ("label_accuracy", target_accuracy) if conditional else ("is", target_is)
    reached = {n: next((p["train_s"] for p in curves[n] if p[target[0]] >= target[1]), None)
               for n in names}
    ratios = {}
    if "ours" in names and reached["ours"]:
        ratios = {n: (round(reached[n] / reached["ours"], 2) if reached[n] else None)
                  for n in names if n != "ours"}
    return {"preset": preset_name, "data": shown_path(data_spec), "configs": list(names),
            "preset_build": preset.build,  # what the overrides apply to, as of this run
            "ours_overrides": ours_overrides, "batch_size": batch, "budget_s": budget_s,
            "eval_every_s": eval_every_s, "num_samples": num_samples,
            "extractor_id": "mnist_cnn_v1", "reference": reference_name,
            "target": {"metric": target[0], "value": target[1]}, "seed": seed,
            "descriptions": {n: (CONDITIONAL_CONFIGS if conditional else CONFIGS)[n]
                             for n in names},
            "curves": curves,
            "seconds_to_target": reached, "time_ratio_vs_ours": ratios,
            "environment": environment()}


def curve_image(report):
    """One IS panel per configuration, x in seconds of training."""
    from keras_gans.images import history_image

    series = {f"IS {n}": [(p["train_s"], p["is"]) for p in report["curves"][n]]
              for n in report["configs"]}
    return history_image(series, x_label="s")


def parse_args(argv):
    p = argparse.ArgumentParser(prog="time_to_quality.py", description=__doc__.split("\n")[0])
    p.add_argument("--preset", default="dcgan_mnist",
                   help="an unconditional MNIST zoo preset of a loss family")
    p.add_argument("--data", default="mnist",
                   help="training data: idx:DIR, tfds:mnist, mnist (tfds) or default (the "
                        "embedded 10k digits, FID against themselves)")
    p.add_argument("--ours", default=None,
                   help="JSON of build overrides on top of the preset's build")
    p.add_argument("--configs", default=",".join(CONFIGS),
                   help=f"comma-separated, some of {','.join(CONFIGS)}")
    p.add_argument("--budget_s", type=float, default=600.0,
                   help="training seconds per configuration")
    p.add_argument("--eval_every_s", type=float, default=60.0,
                   help="training seconds between evaluations")
    p.add_argument("--num_samples", type=int, default=2000,
                   help="generated samples per evaluation")
    p.add_argument("--target_is", type=float, default=9.0,
                   help="the Inception Score a configuration must reach")
    p.add_argument("--target_accuracy", type=float, default=0.98,
                   help="the label accuracy a conditional preset (cgan_mnist) must reach")
    p.add_argument("--seed", type=int, default=0,
                   help="seed of the models, the data order and the samples")
    p.add_argument("--output", default=None,
                   help="JSON report (default runs/benchmarks/ttq-PRESET.json)")
    p.add_argument("--plot", default=None, help="PNG of the IS curves (default: beside it)")
    args = p.parse_args(argv)
    args.configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    return p, args


def check_args(args):
    """Bad flags fail here, before TensorFlow starts: the parsed ``--ours`` overrides."""
    from keras_gans.errors import InvalidInputError

    unknown = [c for c in args.configs if c not in CONFIGS]
    if unknown or not args.configs:
        raise InvalidInputError(f"--configs takes some of {list(CONFIGS)}; got "
                                f"{args.configs}.")
    for flag in ("budget_s", "eval_every_s", "num_samples"):
        if getattr(args, flag) <= 0:
            raise InvalidInputError(f"--{flag} must be > 0; got {getattr(args, flag)}.")
    try:
        ours = json.loads(args.ours) if args.ours else {}
    except json.JSONDecodeError as e:
        raise InvalidInputError(f"--ours must be a JSON object; got {args.ours!r} ({e}).")
    if not isinstance(ours, dict):
        raise InvalidInputError(f"--ours must be a JSON object; got {args.ours!r}.")
    return ours


def main(argv=None):
    from keras_gans import images
    from keras_gans.errors import InvalidInputError
    from keras_gans.saving import write_json
    from keras_gans.training import recorded_command

    argv = sys.argv[1:] if argv is None else argv
    parser, args = parse_args(argv)
    try:
        ours = check_args(args)
        report = run(args.preset, args.data, args.configs, ours, args.budget_s,
                     args.eval_every_s, args.num_samples, args.target_is, args.seed,
                     target_accuracy=args.target_accuracy)
    except InvalidInputError as e:
        parser.exit(2, f"time_to_quality.py: error: {e}\n")
    report["command"] = recorded_command(["benchmarks/time_to_quality.py", *argv])
    output = args.output or os.path.join("runs", "benchmarks", f"ttq-{args.preset}.json")
    write_json(report, output)
    plot = args.plot or os.path.splitext(output)[0] + ".png"
    images.save_png(curve_image(report), plot)
    print(json.dumps({"seconds_to_target": report["seconds_to_target"],
                      "time_ratio_vs_ours": report["time_ratio_vs_ours"]}))
    print(f"wrote {output} and {plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
