"""The ``keras-gans`` command line.

    keras-gans list [-v] [--presets] [--with-weights] [--dataset D] [--variant V]
    keras-gans describe NAME                       # a preset (JSON) or a variant
    keras-gans sample NAME --n 64 --out grid.png [--seed 0] [--weights PATH]   # NAME: a
                                                   # preset, or a folder `train` wrote
    keras-gans train VARIANT [--dataset default] [--epochs 1] [--out runs/VARIANT]
    keras-gans train --preset NAME [--data idx:DIR | tfds:NAME | folder:DIR] [--out DIR]
    keras-gans evaluate NAME [--data idx:DIR | tfds:mnist] [--num_samples 10000]
    keras-gans export NAME DIR [--output float32|uint8]

Errors on bad input are one line on stderr (exit status 2), never a traceback. Long flags
take either spelling (``--batch_size`` or ``--batch-size``), and TensorFlow's C++ log lines
are quieted unless ``TF_CPP_MIN_LOG_LEVEL`` is set.
"""

import argparse
import copy
import json
import os
import sys

from keras_gans import _index


def _list(args):
    if args.presets or args.with_weights or args.dataset:
        from keras_gans import zoo  # TensorFlow-free: the presets are declarations

        for name in zoo.list(variant=args.variant, dataset=args.dataset,
                             with_weights=True if args.with_weights else None):
            p = zoo.get(name)
            status = f"weights v{p.weights['version']}" if p.weights else "no weights"
            print(f"{name:28s} {p.variant:16s} {p.dataset:8s} {status}" if args.verbose
                  else name)
        return 0
    names, describe = _variants()
    if args.variant is not None and args.variant not in names:
        from keras_gans.errors import InvalidInputError

        raise InvalidInputError(f"unknown variant {args.variant!r}; known: {names}.")
    for name in names:
        if not args.variant or name == args.variant:
            print(describe(name) if args.verbose else name)
    return 0


def _variants():
    """``(names, describe)`` of every variant: from the index, or the live registry."""
    index = _index.read_index()
    if index is None:
        from keras_gans.variants import describe_variant, list_variants

        return list_variants(), describe_variant
    return list(index["variants"]), index["variants"].__getitem__


def _describe(args):
    from keras_gans import zoo

    names, describe = _variants()
    if args.name in names and args.name not in zoo.names():
        print(describe(args.name))
        return 0
    # a preset, a preset folder, or an unknown name (the zoo's error, with suggestions)
    print(json.dumps(zoo.describe(args.name), indent=2, default=str, ensure_ascii=False))
    return 0


def _load(args):
    from keras_gans import zoo

    weights = "pretrained" if args.weights is None else (
        None if args.weights == "none" else args.weights)
    return zoo.load(args.name, weights=weights)


def _sample(args):
    from keras_gans import images
    from keras_gans.training import sample_figure

    import numpy as np

    from keras_gans.errors import InvalidInputError

    from keras_gans import zoo

    dataset = zoo.get(args.name).dataset
    model = _load(args)
    if not hasattr(model, "generate"):
        raise InvalidInputError(
            f"{args.name} translates images rather than sampling them: use "
            f"keras_gans.zoo.load({args.name!r}).translate(images, 'a2b').")
    if dataset == "mnist2domain":  # CoGAN: pairs side by side
        a, b = model.generate(args.n, seed=args.seed)
        picture = images.make_grid(np.stack([a, b], 1).reshape(-1, *a.shape[1:]), columns=8)
    else:
        picture = sample_figure(model, dataset, num=args.n, seed=args.seed)
    path = images.save_png(picture, args.out)
    print(f"wrote {path} ({args.n} samples of {args.name}, seed {args.seed})")
    return 0


def _evaluate(args):
    from keras_gans import data, zoo
    from keras_gans.errors import InvalidInputError
    from keras_gans.metrics import evaluate

    preset = zoo.get(args.name)
    model = _load(args)
    if preset.dataset in data.MIXTURES:
        from keras_gans.metrics import mode_metrics

        mix = data.get_mixture(preset.dataset)
        result = mode_metrics(model.generate(args.num_samples, seed=args.seed), mix.means,
                              mix.std)
    elif preset.image_shape == (28, 28, 1) and data.is_mnist_spec(preset.dataset):
        reference, _ = data.mnist_test_split(args.data or "tfds:mnist")
        result = evaluate(model, reference, metrics=tuple(args.metrics.split(",")),
                          num_samples=args.num_samples, extractor="mnist", seed=args.seed,
                          reference_split="mnist/test", progress=sys.stdout.isatty())
    else:
        raise InvalidInputError(
            f"evaluate needs the Inception network for {preset.dataset!r} presets; use "
            "keras_gans.metrics.evaluate(model, reference, extractor='inception') in Python.")
    print(json.dumps({"preset": args.name, **result}, indent=2, default=_plain))
    return 0


def _plain(x):
    try:
        return x.item()
    except AttributeError:
        return str(x)


def _export(args):
    model = _load(args)
    path = model.export(args.dir, output=args.output, overwrite=args.overwrite)
    print(f"wrote SavedModel {path} (serving_default, output {args.output})")
    return 0


_JIT = {"on": True, "off": False, "auto": "auto"}
_RECIPE_DECIDES = {"dataset": "default", "epochs": 1, "batch_size": 64, "latent_dim": 64,
                   "steps_per_epoch": None, "seed": 0, "steps_per_execution": 1,
                   "overrides": None}


def _train_preset(args):
    from keras_gans.errors import InvalidInputError
    from keras_gans.zoo import recipes

    if args.variant is not None:
        raise InvalidInputError(f"give a variant or --preset, not both (got {args.variant!r} "
                                f"and --preset {args.preset!r}).")
    clash = [f"--{k}" for k, v in _RECIPE_DECIDES.items() if getattr(args, k) != v]
    if clash:
        raise InvalidInputError(f"--preset trains the declared recipe; {', '.join(clash)} "
                                "would change it (use --steps for a short check).")
    out = args.out or os.path.join("runs", args.preset)
    record = recipes.train_to_folder(
        args.preset, out, data=args.data, backup_dir=args.backup_dir, steps=args.steps,
        verbose=1 if sys.stdout.isatty() else 2,
        jit_compile=None if args.jit_compile is None else _JIT[args.jit_compile])
    shown = ("fid", "is", "modes_captured", "high_quality_fraction", "not_measured")
    print(json.dumps({"preset": args.preset, **{k: v for k, v in record["metrics"].items()
                                                 if k in shown},
                      "generator_updates": record["recipe_run"]["generator_updates"],
                      "wall_seconds": record["recipe_run"]["wall_seconds"]}, indent=2))
    print(f"wrote the preset folder {out}; `keras-gans sample {out}` or "
          f"keras_gans.zoo.load({out!r}) loads it")
    return 0


def _train(args):
    from keras_gans.errors import InvalidInputError
    from keras_gans.training import train

    if args.preset is not None:
        return _train_preset(args)
    if args.variant is None:
        raise InvalidInputError("train needs a variant (keras-gans list) or --preset NAME "
                                "(keras-gans list --presets).")
    if args.data is not None or args.steps is not None:
        raise InvalidInputError("--data and --steps go with --preset; a variant trains on "
                                "--dataset for --epochs.")

    overrides = json.loads(args.overrides) if args.overrides else {}
    report, _ = train(
        args.variant, dataset=args.dataset, out_dir=args.out or os.path.join("runs", args.variant),
        epochs=args.epochs, batch_size=args.batch_size, latent_dim=args.latent_dim,
        steps_per_epoch=args.steps_per_epoch, seed=args.seed,
        jit_compile=_JIT[args.jit_compile or "off"],
        steps_per_execution=args.steps_per_execution, verbose=1 if sys.stdout.isatty() else 2,
        backup_dir=args.backup_dir,
        **overrides,
    )
    out = args.out or os.path.join("runs", args.variant)
    summary = {k: report[k] for k in ("variant", "dataset", "generator_updates", "wall_seconds")}
    summary["images_per_second"] = report["throughput"]["images_per_second"]
    if "xla_probe" in report:
        summary["xla_probe"] = report["xla_probe"]
    if "quality" in report:
        summary["quality"] = report["quality"]
    if "mode_metrics" in report:
        summary["modes_captured"] = report["mode_metrics"]["modes_captured"]
        summary["high_quality_fraction"] = report["mode_metrics"]["high_quality_fraction"]
    print(json.dumps(summary, indent=2))
    print(f"wrote the preset folder {out} (samples: {os.path.join(out, 'samples.png')}); "
          f"`keras-gans sample {out}` or keras_gans.zoo.load({out!r}) loads it")
    return 0


class _Help(argparse.HelpFormatter):
    """Help that names each flag once and shows every set default."""

    def _format_action_invocation(self, action):
        if action.option_strings:
            action = copy.copy(action)  # short flags, and the long one as written
            short = [o for o in action.option_strings if not o.startswith("--")]
            action.option_strings = short + [o for o in action.option_strings
                                             if o.startswith("--")][:1]
        return super()._format_action_invocation(action)

    def _get_help_string(self, action):
        text = action.help or ""
        if action.option_strings and action.default not in (None, False, argparse.SUPPRESS):
            text += (" " if text else "") + "(default: %(default)s)"
        return text


class _Parser(argparse.ArgumentParser):
    """Accepts each long flag as ``--with_weights`` and ``--with-weights``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def add_argument(self, *names, **kwargs):
        spellings = list(names)
        for name in names:
            if name.startswith("--"):
                for other in (name.replace("_", "-"), "--" + name[2:].replace("-", "_")):
                    if other not in spellings:
                        spellings.append(other)
        return super().add_argument(*spellings, **kwargs)


def _weights_flag(p):
    p.add_argument("--weights", default=None,
                   help="'none' (random weights) or a .weights.h5 file (default: pretrained)")


def parser():
    parser = _Parser(prog="keras-gans", description="keras_gans model zoo")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list the variants, or the presets (--presets)")
    p.add_argument("-v", "--verbose", action="store_true", help="one line of detail each")
    p.add_argument("--presets", action="store_true", help="list zoo presets, not variants")
    p.add_argument("--with-weights", dest="with_weights", action="store_true",
                   help="only presets with pretrained weights")
    p.add_argument("--dataset", default=None, help="only presets of this dataset")
    p.add_argument("--variant", default=None, help="only this variant")
    p.set_defaults(fn=_list)
    p = sub.add_parser("describe", help="a preset's config, recipe, weights and metrics")
    p.add_argument("name", help="a preset name, or a preset folder (keras-gans train writes one)")
    p.set_defaults(fn=_describe)
    p = sub.add_parser("sample", help="write a grid of a preset's samples as PNG")
    p.add_argument("name", help="a preset name, or a preset folder (keras-gans train writes one)")
    p.add_argument("--n", type=int, default=64, help="number of samples")
    p.add_argument("--seed", type=int, default=0, help="seed of the latents")
    p.add_argument("--out", default="samples.png", help="PNG file to write")
    _weights_flag(p)
    p.set_defaults(fn=_sample)
    p = sub.add_parser("evaluate", help="measure a preset (MNIST extractor / mode metrics)")
    p.add_argument("name", help="a preset name, or a preset folder (keras-gans train writes one)")
    p.add_argument("--data", default=None,
                   help="MNIST test images: idx:DIR or tfds:mnist (default tfds:mnist)")
    p.add_argument("--metrics", default="fid,kid,is,pr,dc", help="comma-separated metrics")
    p.add_argument("--num_samples", type=int, default=10_000, help="samples to generate")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated samples")
    _weights_flag(p)
    p.set_defaults(fn=_evaluate)
    p = sub.add_parser("export", help="write a preset as a SavedModel for serving")
    p.add_argument("name", help="a preset name, or a preset folder (keras-gans train writes one)")
    p.add_argument("dir")
    p.add_argument("--output", default="float32", help="float32 or uint8")
    p.add_argument("--overwrite", action="store_true", help="replace an existing DIR")
    _weights_flag(p)
    p.set_defaults(fn=_export)
    p = sub.add_parser("train", help="train a variant, or a preset by its declared recipe; "
                                      "write a preset folder with samples.png")
    p.add_argument("variant", nargs="?", help="a variant (keras-gans list)")
    p.add_argument("--preset", default=None,
                   help="train this zoo preset exactly by its declared recipe")
    p.add_argument("--data", default=None,
                   help="the preset's data: idx:DIR, tfds:NAME or folder:DIR (default: its "
                        "tfds dataset; 2-D presets need none)")
    p.add_argument("--steps", type=int, default=None,
                   help="with --preset: this many G steps instead of the recipe's length")
    p.add_argument("--dataset", default="default",
                   help="default | ring8 | grid25 | mnist | idx:DIR | folder:DIR | tfds:NAME")
    p.add_argument("--epochs", type=int, default=1, help="passes over the data")
    p.add_argument("--batch_size", type=int, default=64, help="samples per step")
    p.add_argument("--latent_dim", type=int, default=64, help="size of the latent z")
    p.add_argument("--steps_per_epoch", type=int, default=None,
                   help="G steps per epoch (default: one pass over the data)")
    p.add_argument("--seed", type=int, default=0, help="seed of the run")
    p.add_argument("--jit_compile", nargs="?", const="on", default=None,
                   choices=("on", "off", "auto"),
                   help="compile the step with XLA: on, off (a variant's default; a preset's "
                        "is its recipe's), or auto: a timed probe of 10 steps each way on "
                        "this machine decides, since XLA's gain depends on the CPU")
    p.add_argument("--steps_per_execution", type=int, default=1,
                   help="steps per compiled call")
    p.add_argument("--overrides", default=None,
                   help='JSON of build() overrides, e.g. \'{"n_critic": 3}\'')
    p.add_argument("--out", default=None, help="output folder (default runs/VARIANT)")
    p.add_argument("--backup_dir", default=None,
                   help="back up every epoch here; rerun the same command to resume after "
                        "a crash or kill")
    p.set_defaults(fn=_train)
    return parser


def command():
    """The ``keras-gans`` console entry point: :func:`main` with TensorFlow's native
    start-up log lines filtered out of stderr (see :mod:`keras_gans._native_logs`).

    A reader that closes the pipe early (``keras-gans list | head``) ends the command
    quietly, as ``ls`` and ``grep`` do, instead of with a ``BrokenPipeError`` traceback.
    """
    from keras_gans._native_logs import quiet_native_logs

    quiet_native_logs()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at /dev/null so that flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.exit(code)


def main(argv=None):
    args = parser().parse_args(argv)
    from keras_gans.errors import KerasGANsError

    try:
        return args.fn(args)
    except KerasGANsError as e:
        print(f"keras-gans: error: {e.cli_message or e}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as e:
        print(f"keras-gans: error: --overrides is not valid JSON: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    command()
