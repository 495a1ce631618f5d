"""The ``keras-gans`` command line.

    keras-gans list
    keras-gans train VARIANT [--dataset default] [--epochs 1] [--out runs/VARIANT]
"""

import argparse
import json
import os
import sys


def _list(args):
    from keras_gans.variants import describe_variant, list_variants

    for name in list_variants():
        print(describe_variant(name) if args.verbose else name)
    return 0


def _train(args):
    from keras_gans.training import train

    overrides = json.loads(args.overrides) if args.overrides else {}
    report, _ = train(
        args.variant, dataset=args.dataset, out_dir=args.out or os.path.join("runs", args.variant),
        epochs=args.epochs, batch_size=args.batch_size, latent_dim=args.latent_dim,
        steps_per_epoch=args.steps_per_epoch, seed=args.seed, jit_compile=args.jit_compile,
        steps_per_execution=args.steps_per_execution, verbose=1 if sys.stdout.isatty() else 2,
        backup_dir=args.backup_dir,
        **overrides,
    )
    out = args.out or os.path.join("runs", args.variant)
    summary = {k: report[k] for k in ("variant", "dataset", "generator_updates", "wall_seconds")}
    summary["images_per_second"] = report["throughput"]["images_per_second"]
    if "mode_metrics" in report:
        summary["modes_captured"] = report["mode_metrics"]["modes_captured"]
        summary["high_quality_fraction"] = report["mode_metrics"]["high_quality_fraction"]
    print(json.dumps(summary, indent=2))
    print(f"wrote {os.path.join(out, 'samples.png')} and {os.path.join(out, 'report.json')}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="keras-gans", description="keras_gans model zoo")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list the registered variants")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(fn=_list)
    p = sub.add_parser("train", help="train a variant and write samples.png + report.json")
    p.add_argument("variant")
    p.add_argument("--dataset", default="default",
                   help="default | ring8 | grid25 | mnist | idx:DIR | folder:DIR | tfds:NAME")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch_size", type=int, default=64)
    p.add_argument("--latent_dim", type=int, default=64)
    p.add_argument("--steps_per_epoch", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jit_compile", action="store_true")
    p.add_argument("--steps_per_execution", type=int, default=1)
    p.add_argument("--overrides", default=None,
                   help='JSON of build() overrides, e.g. \'{"n_critic": 3}\'')
    p.add_argument("--out", default=None, help="output folder (default runs/VARIANT)")
    p.add_argument("--backup_dir", default=None,
                   help="back up every epoch here; rerun the same command to resume after "
                        "a crash or kill")
    p.set_defaults(fn=_train)
    args = parser.parse_args(argv)
    from keras_gans.errors import KerasGANsError

    try:
        return args.fn(args)
    except KerasGANsError as e:
        print(f"keras-gans: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
