"""The preset registry: one plain dict per ``<variant>_<dataset>`` preset.

A preset is what a user loads with ``keras_gans.zoo.load(name)``. Its static part lives
here (variant, build arguments, image shape, latent size, dataset, recipe, licenses,
paper); its *measured* part — the weights file with its sha256 and version, and the
metrics measured on those weights with how they were measured — is the JSON record that
the recipe (``zoo/recipes/train_preset.py``) writes into ``keras_gans/zoo/records/``.
Nothing measured is typed by hand.

Presets whose data cannot be had on an offline machine (CelebA, CIFAR-10, horse2zebra)
are architecture-complete with their recipe and say "no weights yet"; a published
weights file drops in as a record with ``{"url": ..., "sha256": ...}``.
"""

import copy
import dataclasses
import glob
import os
from typing import Optional

from keras_gans._index import RECORDS
from keras_gans._index import record as _load_record
from keras_gans.errors import InvalidInputError, UnknownNameError

WEIGHTS_LICENSE = "Apache-2.0 (the weights); the training data keeps its own license"


@dataclasses.dataclass(frozen=True)
class Dataset:
    """A dataset presets are trained on."""

    name: str
    image_shape: tuple
    source: str
    license: str
    reference_split: Optional[str]  # what metrics are measured against
    offline: bool                   # trainable on this project's offline machines


DATASETS = {d.name: d for d in (
    Dataset("mnist", (28, 28, 1),
            "MNIST train split, 60,000 digits (IDX files, or tfds 'mnist')",
            "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
            "mnist/test (10,000 digits)", True),
    Dataset("celeba", (64, 64, 3),
            "CelebA train split (tfds 'celeb_a'), center crop, resized to 64×64",
            "CelebA: non-commercial research purposes only (MMLAB, CUHK)",
            "celeb_a/test", False),
    Dataset("cifar10", (32, 32, 3), "CIFAR-10 train split, 50,000 images (tfds 'cifar10')",
            "no explicit license; cite Krizhevsky 2009, Learning Multiple Layers of Features "
            "from Tiny Images", "cifar10/test", False),
    Dataset("mnist2domain", (28, 28, 1),
            "MNIST two-domain task (keras_gans.data.mnist_two_domains): domain a = the first "
            "half of the train split as it is, domain b = the other half with thickened, "
            "inverted strokes; nothing paired",
            "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
            "the MNIST test split, made two-domain the same way", True),
    Dataset("horse2zebra", (256, 256, 3),
            "tfds 'cycle_gan/horse2zebra' (1,067 horses, 1,334 zebras; unpaired)",
            "images from ImageNet; research use (see the CycleGAN dataset page)",
            "cycle_gan/horse2zebra test splits", False),
    Dataset("ring8", (2,), "8 Gaussians on a circle of radius 1, σ=0.01 (synthetic)",
            "synthetic (no license needed)", "the 8 mixture means (PacGAN protocol)", True),
    Dataset("grid25", (2,), "25 Gaussians at {-4,-2,0,2,4}², σ=0.05 (synthetic)",
            "synthetic (no license needed)", "the 25 mixture means (PacGAN protocol)", True),
)}

_PAPERS = {}  # variant -> reference, filled lazily from the variant registry


@dataclasses.dataclass(frozen=True)
class Preset:
    """One preset. ``weights``/``metrics`` come from its record (``None``/``{}`` if none).

    Attributes:
        name: ``<variant>_<dataset>``.
        variant: a name of :func:`keras_gans.list_variants`.
        dataset: a key of :data:`DATASETS`.
        latent_dim: size of z.
        build: extra ``keras_gans.build`` arguments (nets' config, optimizers...).
        recipe: how the weights are (to be) trained: ``epochs`` or ``steps``,
            ``batch_size``, ``seed`` and the ``command`` that does it.
        weights: ``{"file" | "url", "sha256", "version", "bytes"}`` or ``None``.
        metrics: measured values plus how (``extractor_id``, ``num_samples``,
            ``reference_split``...), from the record.
        record: the whole record (environment, wall time, history...).
        shape: the data shape of a preset read from a folder (registered presets take
            their dataset's).
        folder: the preset folder it was read from (``None`` for registered presets).
    """

    name: str
    variant: str
    dataset: str
    latent_dim: int
    build: dict
    recipe: dict
    weights: Optional[dict] = None
    metrics: dict = dataclasses.field(default_factory=dict)
    record: dict = dataclasses.field(default_factory=dict)
    shape: Optional[tuple] = None
    folder: Optional[str] = None

    @property
    def image_shape(self):
        return self.shape or DATASETS[self.dataset].image_shape

    @property
    def has_weights(self):
        return self.weights is not None

    @property
    def paper(self):
        from keras_gans.variants import variant_reference

        return variant_reference(self.variant)

    def to_dict(self):
        """A JSON-friendly description (what ``zoo.describe`` returns)."""
        data = DATASETS.get(self.dataset)
        return {
            "name": self.name,
            "variant": self.variant,
            "dataset": self.dataset,
            "dataset_source": data.source if data else self.dataset,
            "image_shape": list(self.image_shape),
            "latent_dim": self.latent_dim,
            "build": copy.deepcopy(self.build),
            "recipe": copy.deepcopy(self.recipe),
            "weights": copy.deepcopy(self.weights),
            "metrics": copy.deepcopy(self.metrics),
            "license": {"weights": WEIGHTS_LICENSE, "data": data.license} if data else None,
            "paper": self.paper,
            **({"folder": self.folder} if self.folder else {}),
        }


_PRESETS = {}


def register_preset(name, variant, dataset, latent_dim=64, build=None, recipe=None):
    """Adds a preset (static part). Its record, if any, is attached by :func:`get`."""
    if dataset not in DATASETS:
        raise InvalidInputError(f"unknown dataset {dataset!r}; known: {sorted(DATASETS)}.")
    expected = f"{variant}_{dataset}"
    if name != expected:
        raise InvalidInputError(f"preset names are <variant>_<dataset>: expected "
                                f"{expected!r}, got {name!r}.")
    _PRESETS[name] = Preset(name, variant, dataset, latent_dim, dict(build or {}),
                            dict(recipe or {}))


def names():
    """Sorted names of every preset."""
    return sorted(_PRESETS)


def get(name):
    """The :class:`Preset` ``name`` with its measured record attached, or the preset of
    a folder written by ``zoo.save_preset`` (``name`` a path), every file verified."""
    from keras_gans.zoo import folders

    if name not in _PRESETS and folders.is_folder_reference(name):
        return folders.read_folder(name)
    if not isinstance(name, str) or name not in _PRESETS:
        import difflib

        near = difflib.get_close_matches(str(name), names(), n=3, cutoff=0.5)
        hint = f" Did you mean {near}?" if near else ""
        raise UnknownNameError(
            f"Unknown preset {name!r}.{hint} keras_gans.zoo.list() lists all {len(_PRESETS)} "
            "presets (names are <variant>_<dataset>).",
            cli_message=f"Unknown preset {name!r}.{hint} `keras-gans list --presets` lists "
            f"all {len(_PRESETS)} (names are <variant>_<dataset>).")
    record = _load_record(name)
    return dataclasses.replace(_PRESETS[name], weights=record.get("weights"),
                               metrics=record.get("metrics", {}), record=record)


def record_names():
    """Names of the presets that have a record file."""
    return sorted(os.path.basename(p)[: -len(".json")]
                  for p in glob.glob(os.path.join(RECORDS, "*.json")))


# ======================================================================================
# The registry
# ======================================================================================
# path/to/mnist: a folder of the four MNIST IDX files (keras_gans.data.from_idx_dir)
_RECIPE_MNIST = "python zoo/recipes/train_preset.py {name} --mnist_dir path/to/mnist"
_RECIPE_2D = "python zoo/recipes/train_preset.py {name}"
_RECIPE_TFDS = "python zoo/recipes/train_preset.py {name}  # needs tfds '{tfds}' prepared"

# The 2-D nets of the mode benchmark (PacGAN §5.1: G 4×400 ReLU + BatchNorm, D 3×200).
_NETS_2D = {"generator": {"hidden_units": [400] * 4, "normalization": "batch"},
            "discriminator": {"hidden_units": [200] * 3}}
_VARIANTS_2D = ("nsgan", "lsgan", "wgan_gp", "dragan", "sngan")
# The mode benchmark's recipe that beat PacGAN's bars for all five variants
# (benchmarks/results/modes_pacgan_cosine_ema): PacGAN's maxout D (5 pieces) scoring packs
# of 2 (ring8) or 4 (grid25), one Adam(2e-4, β=(0.8, 0.999)) for both nets cosine-decayed
# to 0 over the run, samples from a 0.999 EMA of G, batch 100. Per (variant, dataset)
# overrides: wgan_gp takes one critic step and λ 0.1 (modes_wgan_gp_one_critic_step),
# sngan on grid25 a hinge margin of 0.01 at twice the rate (modes_sngan_rate4e-4).
_MODES_RECIPE = {"ring8": {"pack": 2, "steps": 200_000},
                 "grid25": {"pack": 4, "steps": 400_000}}
_MODES_OVERRIDES = {
    ("wgan_gp", "ring8"): {"n_critic": 1, "penalty_weight": 0.1},
    ("wgan_gp", "grid25"): {"n_critic": 1, "penalty_weight": 0.1, "steps": 800_000},
    ("sngan", "grid25"): {"lr": 4e-4, "loss_margin": 0.01, "steps": 1_000_000},
}
# grid25 presets whose shipped weights come from the earlier recipe (each variant's paper
# optimizers, 10k G steps); they keep it until retrained with the one above.
_GRID25_EARLIER_RECIPE = {"wgan_gp", "sngan"}
_VARIANTS_IMAGES = ("dcgan", "wgan_gp", "lsgan", "sngan", "dragan")
# The two-domain MNIST presets: the nets and budgets of benchmarks/translation_mnist.py
# runs that met their goals.
_TWO_DOMAIN = {
    "cyclegan": ({"n_downsampling": 0, "n_blocks": 2, "filters": 32},
                 {"steps": 2000, "batch_size": 32}),
    "unit": ({"filters": 16}, {"steps": 2500, "batch_size": 32}),
    # cogan: InfoGAN-sized coupled nets (64 filters, a shared FC-1024 in G and in D), G
    # Adam(1e-3), sampled from a 0.999 EMA: 93.4 % pair agreement; the 32-filter nets with
    # D's FC-500 plateaued at 84.6 % (88.4 % with the EMA, 24k steps).
    "cogan": ({"base_filters": 64, "generator": {"dense_units": 1024},
               "discriminator": {"dense_units": 1024}, "ema_decay": 0.999,
               "g_optimizer": {"class_name": "Adam",
                               "config": {"learning_rate": 0.001, "beta_1": 0.5}}},
              {"steps": 16000, "batch_size": 64}),
}
# Epochs of the MNIST recipes: 2 by default (≈ 4–8 CPU minutes each on 2 cores); dcgan's
# 5 are those of its benchmark run (benchmarks/results/mnist_dcgan), whose weights it ships.
# The MLP GANs are cheap per epoch (≈ 30 s) and slow to converge; weight-clipped WGAN's
# RMSprop(5e-5) critic gave FID 24.9 (blobs) after 2 epochs.
_EPOCHS_MNIST = {"dcgan": 5, "gan": 15, "nsgan": 15, "wgan": 6, "infogan": 12}
# InfoGAN's category ↔ digit match grows with training (seed 1, noise 62, continuous
# weight 0.1, 5,000 samples after each epoch: 15, 23, 36, 43, 52, 59, 65, 72, 79, 84,
# 88 % after epochs 1–11; seed 0 with weight 1: 10, 24, 36 % after 1–3); the paper's
# noise size 62, and the seed of the better run.
_LATENT_MNIST = {"infogan": 62}
_SEED_MNIST = {"infogan": 1}
# Build options of MNIST presets that differ from the variant's defaults, each measured:
# f-GAN total variation collapsed with the paper's unregularised critic (FID 77, IS 1.1 at
# 2 epochs; ½·tanh saturates and G's gradient vanishes). A gradient penalty alone still
# collapsed in its 2nd epoch (FID 793: G outran D until both outputs sat in tanh's flat
# part); with the penalty and two critic steps per G step the critic stayed responsive
# (FID 9.8 on 2k samples after 2 epochs). InfoGAN: a lighter continuous-code term (0.1)
# gave the best category ↔ digit match of benchmarks/results/structured_infogan.
_BUILD_MNIST = {"fgan_total_variation": {"d_regularizers": ["gradient_penalty"],
                                         "n_critic": 2},
                "infogan": {"continuous_weight": 0.1}}


def _modes_knobs(variant, dataset):
    """The mode benchmark's recipe knobs of one 2-D preset: pack, steps, lr and overrides."""
    return {"lr": 2e-4, **_MODES_RECIPE[dataset],
            **_MODES_OVERRIDES.get((variant, dataset), {})}


def _modes_build(variant, knobs):
    """Build arguments of a 2-D preset trained with the mode benchmark's recipe (the model
    ``benchmarks/mixture_modes.py --pack P --maxout_pieces 5 --lr LR --betas 0.8,0.999
    --ema_decay 0.999 --cosine --steps S`` builds and compiles)."""
    import keras

    from keras_gans import regularizers

    def adam(updates):
        return keras.saving.serialize_keras_object(keras.optimizers.Adam(
            keras.optimizers.schedules.CosineDecay(knobs["lr"], updates),
            beta_1=0.8, beta_2=0.999))

    build = {"discriminator": {**_NETS_2D["discriminator"], "maxout_pieces": 5},
             "pack": knobs["pack"], "ema_decay": 0.999,
             # one D step per G step for all five here, so both rates decay over `steps`
             "d_optimizer": adam(knobs["steps"]), "g_optimizer": adam(knobs["steps"])}
    if "n_critic" in knobs:
        build["n_critic"] = knobs["n_critic"]
    if "loss_margin" in knobs:
        build["loss_kwargs"] = {"margin": knobs["loss_margin"]}
    if "penalty_weight" in knobs:
        build["d_regularizers"] = [regularizers.serialize(
            regularizers.GradientPenalty(weight=knobs["penalty_weight"]))]
    return build


def _register_all():
    from keras_gans.variants import list_variants

    for variant in list_variants():
        if variant in _TWO_DOMAIN:  # two-domain models: their own datasets below
            continue
        name = f"{variant}_mnist"
        register_preset(name, variant, "mnist", latent_dim=_LATENT_MNIST.get(variant, 64),
                        build=copy.deepcopy(_BUILD_MNIST.get(variant)), recipe={
            "epochs": _EPOCHS_MNIST.get(variant, 2), "batch_size": 64,
            "seed": _SEED_MNIST.get(variant, 0),
            "command": _RECIPE_MNIST.format(name=name)})
    for dataset, tfds_name, latent in (("celeba", "celeb_a", 128), ("cifar10", "cifar10", 128)):
        for variant in _VARIANTS_IMAGES:
            name = f"{variant}_{dataset}"
            register_preset(name, variant, dataset, latent_dim=latent, recipe={
                "epochs": 20, "batch_size": 64, "seed": 0, "tfds": tfds_name,
                "command": _RECIPE_TFDS.format(name=name, tfds=tfds_name)})
    for variant, (build, recipe) in _TWO_DOMAIN.items():
        name = f"{variant}_mnist2domain"
        register_preset(name, variant, "mnist2domain", build=build, recipe={
            **recipe, "seed": 0, "command": _RECIPE_MNIST.format(name=name)})
    for variant in ("cyclegan", "unit"):
        name = f"{variant}_horse2zebra"
        register_preset(name, variant, "horse2zebra", recipe={
            "steps": 200_000, "batch_size": 1, "seed": 0, "tfds": "cycle_gan/horse2zebra",
            "command": _RECIPE_TFDS.format(name=name, tfds="cycle_gan/horse2zebra")})
    for dataset in ("ring8", "grid25"):
        for variant in _VARIANTS_2D:
            name = f"{variant}_{dataset}"
            build = copy.deepcopy(_NETS_2D)
            recipe = {"steps": 10_000, "batch_size": 100, "seed": 0,
                      "command": _RECIPE_2D.format(name=name)}
            if not (dataset == "grid25" and variant in _GRID25_EARLIER_RECIPE):
                knobs = _modes_knobs(variant, dataset)
                recipe["steps"] = knobs["steps"]
                build.update(_modes_build(variant, knobs))
            register_preset(name, variant, dataset, latent_dim=2, build=build, recipe=recipe)


_register_all()
