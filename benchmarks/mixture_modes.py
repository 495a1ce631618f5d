r"""Mode coverage on the 2-D mixtures (PacGAN protocol) for family-1 variants.

For each variant × mixture: train MLP nets on 100,000 mixture samples, then draw 2,500
samples and count modes captured (≥ 1 high-quality sample) and the high-quality fraction
(σ-scaled distance to the nearest mode < 3). Writes one JSON per run plus a scatter PNG.

    python benchmarks/mixture_modes.py --variants nsgan,wgan_gp,dragan,sngan,lsgan \
        --mixtures grid25,ring8 --steps 10000 --seeds 0

Nets follow PacGAN §5.1: G 4×400 ReLU + BatchNorm, D 3×200 LeakyReLU (``--maxout_pieces
5``: PacGAN's maxout D), Adam as in each variant's paper (``--lr 1e-4 --betas 0.8,0.999``:
PacGAN's), batch 100, latent 2. PacGAN trains 400 epochs of 100,000 samples (400k steps);
we train far fewer iterations (see the report's `steps`). ``--pack m`` trains PacGANm (D
sees m samples at once; the batch of 100 holds 100/m packs). ``--eval_every N`` also
measures every N steps (the report's ``trajectory``): is a run still improving?

    python benchmarks/mixture_modes.py --variants nsgan --mixtures grid25 --pack 4 \
        --maxout_pieces 5 --lr 1e-4 --betas 0.8,0.999 --steps 100000 \
        --out benchmarks/results/modes_pacgan
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import keras  # noqa: E402

from keras_gans import data, images, regularizers, saving  # noqa: E402
from keras_gans.metrics import mode_metrics  # noqa: E402
from keras_gans.saving import write_json  # noqa: E402
from keras_gans.training import environment, recorded_command  # noqa: E402
from keras_gans.variants import build  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def make_model(variant, steps, seed, latent_dim, lr=None, pack=1, maxout_pieces=0,
               betas=(0.5, 0.9), ema_decay=None, cosine=False, penalty_weight=None,
               loss_margin=None, n_critic=None):
    """The compiled model a run trains (the zoo's 2-D presets build the same one; the tests
    compare their configs)."""
    model = build(
        variant, image_shape=(2,), latent_dim=latent_dim, seed=seed,
        generator={"hidden_units": [400] * 4, "normalization": "batch"},
        discriminator={"hidden_units": [200] * 3, "maxout_pieces": maxout_pieces}, pack=pack,
        ema_decay=ema_decay,
        **({} if loss_margin is None else {"loss_kwargs": {"margin": loss_margin}}),
        **({} if n_critic is None else {"n_critic": n_critic}),
    )
    if penalty_weight is not None:  # λ of the variant's gradient penalty (WGAN-GP, DRAGAN)
        kinds = (regularizers.GradientPenalty, regularizers.DRAGANPenalty)
        penalties = [r for r in model.d_regularizers if isinstance(r, kinds)]
        if not penalties:
            raise SystemExit(f"--penalty_weight: {variant} has no gradient penalty; its D "
                             f"regularizers are {[type(r).__name__ for r in model.d_regularizers]}")
        for r in penalties:
            r.weight = regularizers.check_number(variant, "--penalty_weight", penalty_weight)
    if lr:  # one optimizer for every variant (a fair budget comparison)
        def rate(updates_per_step):  # cosine: to 0 over the run (optimizer iterations)
            return keras.optimizers.schedules.CosineDecay(lr, steps * updates_per_step) \
                if cosine else lr

        model.compile(d_optimizer=keras.optimizers.Adam(rate(model.n_critic), *betas),
                      g_optimizer=keras.optimizers.Adam(rate(1), *betas),
                      jit_compile=True, steps_per_execution=50)
    else:  # each variant's paper defaults
        model.compile(jit_compile=True, steps_per_execution=50)
    return model


def run(variant, mixture, steps, seed, batch_size, latent_dim, out_dir, lr=None, pack=1,
        maxout_pieces=0, betas=(0.5, 0.9), eval_every=0, ema_decay=None, cosine=False,
        save_generator=None, penalty_weight=None, loss_margin=None, n_critic=None):
    keras.utils.set_random_seed(seed)
    ds = data.mixture_dataset(mixture, batch_size=batch_size, num_samples=100_000, seed=seed)
    model = make_model(variant, steps, seed, latent_dim, lr, pack, maxout_pieces, betas,
                       ema_decay, cosine, penalty_weight, loss_margin, n_critic)
    mix = data.get_mixture(mixture)
    trajectory, seconds, done = [], 0.0, 0
    while done < steps:  # in chunks of eval_every steps (the whole run when 0)
        chunk = min(eval_every or steps, steps - done)
        start = time.perf_counter()
        model.fit(ds, epochs=1, steps_per_epoch=chunk, verbose=0)
        seconds += time.perf_counter() - start  # training only, not the measurements
        done += chunk
        samples = model.generate(2500, seed=seed + 1000)
        m = mode_metrics(samples, mix.means, mix.std)
        trajectory.append({"step": done, "modes_captured": m["modes_captured"],
                           "high_quality_fraction": m["high_quality_fraction"]})
        if eval_every:
            print(f"  {variant} {mixture} step {done}: modes {m['modes_captured']}, "
                  f"HQ {100 * m['high_quality_fraction']:.1f}% ({seconds:.0f} s)", flush=True)
    result = {
        "variant": variant, "mixture": mixture, "seed": seed, "steps": steps,
        "batch_size": batch_size, "latent_dim": latent_dim, "n_critic": model.n_critic,
        "pack": pack, "maxout_pieces": maxout_pieces,
        "d_regularizers": [{"class": type(r).__name__, **r.get_config()}
                           for r in model.d_regularizers],
        "optimizer": f"Adam({lr}, {betas[0]}, {betas[1]}) for both nets"
        + (", cosine decay to 0" if cosine else "") if lr else "variant default",
        "ema_decay": ema_decay, "loss": model.loss_name, "loss_kwargs": model.loss_kwargs,
        "train_seconds": seconds, "num_samples": 2500, "threshold_sigmas": 3.0,
        **m, **({"trajectory": trajectory} if eval_every else {}),
        "command": recorded_command(), "environment": environment(),
    }
    if save_generator:  # the measured net (the EMA copy when kept), for train_preset.py
        saving.save_weights(model.sampling_net(), save_generator)
    name = f"modes_{variant}_{mixture}_s{seed}" + (f"_pack{pack}" if pack > 1 else "")
    result["scatter"] = name + ".png"
    images.save_png(images.scatter_image(samples, mix.means),
                    os.path.join(out_dir, name + ".png"))
    write_json(result, os.path.join(out_dir, name + ".json"))
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--variants", default="nsgan,wgan_gp,dragan,sngan,lsgan")
    p.add_argument("--mixtures", default="grid25,ring8")
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--seeds", default="0")
    p.add_argument("--batch_size", type=int, default=100)
    p.add_argument("--latent_dim", type=int, default=2)
    p.add_argument("--lr", type=float, default=None,
                   help="use Adam(lr, *betas) for every variant instead of its defaults")
    p.add_argument("--betas", default="0.5,0.9", help="Adam's β1,β2 with --lr")
    p.add_argument("--maxout_pieces", type=int, default=0,
                   help="maxout D (PacGAN: 5 pieces); 0: LeakyReLU")
    p.add_argument("--pack", type=int, default=1,
                   help="PacGAN packing degree m (D scores m samples at once)")
    p.add_argument("--eval_every", type=int, default=0,
                   help="also measure every N steps (the report's trajectory); 0: at the end")
    p.add_argument("--ema_decay", type=float, default=None,
                   help="sample from an EMA of G's weights (e.g. 0.999)")
    p.add_argument("--cosine", action="store_true",
                   help="with --lr: cosine-decay both learning rates to 0 over --steps")
    p.add_argument("--save_generator", default=None,
                   help="also write the measured generator's .weights.h5 here (one run), "
                        "e.g. for zoo/recipes/train_preset.py --from_weights")
    p.add_argument("--penalty_weight", type=float, default=None,
                   help="λ of the variant's gradient penalty instead of the paper's 10 "
                        "(Gulrajani et al.'s toy code uses 0.1 for 2-D data)")
    p.add_argument("--loss_margin", type=float, default=None,
                   help="margin of a hinge (sngan) or energy loss instead of 1; below 1 a "
                        "Lipschitz D can separate finer structure (see hinge_discriminator_loss)")
    p.add_argument("--n_critic", type=int, default=None,
                   help="D updates per G update instead of the variant's")
    p.add_argument("--out", default=os.path.join(HERE, "results", "modes"))
    args = p.parse_args()
    runs = [(mixture, variant, int(seed)) for mixture in args.mixtures.split(",")
            for variant in args.variants.split(",") for seed in args.seeds.split(",")]
    if args.save_generator and len(runs) != 1:
        p.error(f"--save_generator takes exactly one run; got {len(runs)} "
                f"(variants × mixtures × seeds)")
    os.makedirs(args.out, exist_ok=True)
    betas = tuple(float(b) for b in args.betas.split(","))
    for mixture, variant, seed in runs:
        r = run(variant, mixture, args.steps, seed, args.batch_size, args.latent_dim,
                args.out, args.lr, args.pack, args.maxout_pieces, betas, args.eval_every,
                args.ema_decay, args.cosine, args.save_generator, args.penalty_weight,
                args.loss_margin, args.n_critic)
        print(f"{variant:8s} {mixture:7s} seed {seed}: modes {r['modes_captured']}/"
              f"{r['num_modes']}, HQ {100 * r['high_quality_fraction']:.1f}% "
              f"({r['train_seconds']:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
