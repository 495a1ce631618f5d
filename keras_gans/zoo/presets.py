"""The preset registry: one literal declaration per ``<variant>_<dataset>`` preset.

A preset is what a user loads with ``keras_gans.zoo.load(name)``. Each family declares its
presets beside its code, keras-hub style — ``keras_gans/gan_presets.py``,
``keras_gans/structured/structured_presets.py``,
``keras_gans/translation/translation_presets.py`` — as one dict per preset: variant,
dataset, build arguments, recipe, notes, weights (location, sha256, version) and the
measured record it points to. This module reads those dicts with ``ast.literal_eval``
(no family module is imported, so naming and describing presets needs no TensorFlow, and
a declaration cannot run code). The *measured* part — the metrics on exactly those
weights and how they were measured — is the JSON record the recipe
(``zoo/recipes/train_preset.py``) writes into ``keras_gans/zoo/records/``; nothing
measured is typed by hand.

A declaration's keys: ``variant``, ``dataset`` (a key of :data:`DATASETS`), ``latent_dim``,
``license`` (of the weights and of the data) and ``paper`` (a test keeps both equal to the
dataset's and the variant's),
``build`` (``keras_gans.build`` arguments, optimizers as Keras configs), ``base_build``
(the name of a build the file declares in ``BUILDS``, which ``build`` then overrides key by
key: several presets trained by one recipe say so once, and the file's ``BUILD_NOTES``
says once why each shared build is what it is), ``recipe`` (how
the weights are trained: epochs or steps, batch size, seed, and the ``command``), ``notes``
(why the values are what they are, shown on the card), ``weights`` (``file`` in the package,
``url`` or ``hf``, with ``sha256``, ``version`` and ``bytes``; ``None`` when none is
published) and ``record`` (the measured record's file name); ``zoo/recipes/train_preset.py``
rewrites ``weights`` and ``record`` when it ships new weights (:func:`declare_weights`).

Presets whose data cannot be had on an offline machine (CelebA, CIFAR-10, horse2zebra)
are architecture-complete with their recipe and say "no weights yet"; a published
weights file is declared as ``{"url": ..., "sha256": ..., "version": ...}``.
"""

import ast
import copy
import dataclasses
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
    """One preset: its declaration, and the metrics of its record (``{}`` if none).

    Attributes:
        name: ``<variant>_<dataset>``.
        variant: a name of :func:`keras_gans.list_variants`.
        dataset: a key of :data:`DATASETS`.
        latent_dim: size of z.
        build: extra ``keras_gans.build`` arguments (nets' config, optimizers...).
        recipe: how the weights are (to be) trained: ``epochs`` or ``steps``,
            ``batch_size``, ``seed`` and the ``command`` that does it.
        weights: ``{"file" | "url" | "hf", "sha256", "version", "bytes"}`` (a folder's:
            ``"path"``) or ``None``.
        notes: why the declared values are what they are (shown on the card).
        record_file: the measured record's file name in ``keras_gans/zoo/records/``.
        base_build: the name of the family's shared build that ``build`` was resolved
            from (``None`` if the declaration wrote its build out whole).
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
    notes: Optional[str] = None
    record_file: Optional[str] = None
    declared_license: Optional[dict] = None
    declared_paper: Optional[str] = None
    metrics: dict = dataclasses.field(default_factory=dict)
    record: dict = dataclasses.field(default_factory=dict)
    shape: Optional[tuple] = None
    folder: Optional[str] = None
    base_build: Optional[str] = None

    @property
    def image_shape(self):
        return self.shape or DATASETS[self.dataset].image_shape

    @property
    def has_weights(self):
        return self.weights is not None

    @property
    def build_changes(self):
        """What ``build`` changes in its shared ``base_build`` (``{}`` without one)."""
        if self.base_build is None:
            return {}
        return changes(shared_build(self.base_build), self.build)

    @property
    def paper(self):
        if self.declared_paper:
            return self.declared_paper
        from keras_gans import _index

        return _index.paper(self.variant)

    @property
    def license(self):
        data = DATASETS.get(self.dataset)
        return self.declared_license or (
            {"weights": WEIGHTS_LICENSE, "data": data.license} if data else None)

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
            **({"base_build": self.base_build} if self.base_build else {}),
            "recipe": copy.deepcopy(self.recipe),
            **({"notes": self.notes} if self.notes else {}),
            "weights": None if self.weights is None else {
                k: copy.deepcopy(v) for k, v in self.weights.items() if k != "verified_stat"},
            "record": self.record_file,
            "metrics": copy.deepcopy(self.metrics),
            "license": copy.deepcopy(self.license),
            "paper": self.paper,
            **({"folder": self.folder} if self.folder else {}),
        }


_PRESETS = {}


def register_preset(name, variant, dataset, latent_dim=64, build=None, recipe=None,
                    notes=None, weights=None, record=None, license=None, paper=None,  # noqa: A002
                    base_build=None):
    """Adds a preset: its declaration. Its measured record, if any, is attached by
    :func:`get`."""
    if dataset not in DATASETS:
        raise InvalidInputError(f"unknown dataset {dataset!r}; known: {sorted(DATASETS)}.")
    expected = f"{variant}_{dataset}"
    if name != expected:
        raise InvalidInputError(f"preset names are <variant>_<dataset>: expected "
                                f"{expected!r}, got {name!r}.")
    _PRESETS[name] = Preset(name, variant, dataset, latent_dim, dict(build or {}),
                            dict(recipe or {}), weights=copy.deepcopy(weights), notes=notes,
                            record_file=record, declared_license=copy.deepcopy(license),
                            declared_paper=paper, base_build=base_build)


def names():
    """Sorted names of every preset."""
    return sorted(_PRESETS)


def get(name):
    """The registered :class:`Preset` ``name`` with its measured record attached."""
    if not isinstance(name, str) or name not in _PRESETS:
        import difflib

        near = difflib.get_close_matches(str(name), names(), n=3, cutoff=0.5)
        hint = f" Did you mean {near}?" if near else ""
        raise UnknownNameError(
            f"Unknown preset {name!r}.{hint} keras_gans.zoo.list() lists all {len(_PRESETS)} "
            "presets (names are <variant>_<dataset>).",
            cli_message=f"Unknown preset {name!r}.{hint} `keras-gans list --presets` lists "
            f"all {len(_PRESETS)} (names are <variant>_<dataset>).")
    preset = _PRESETS[name]
    record = _load_record(preset.record_file[: -len(".json")]) if preset.record_file else {}
    return dataclasses.replace(preset, metrics=record.get("metrics", {}), record=record)


# The families' declaration files, relative to the package.
DECLARATIONS = ("gan_presets.py", os.path.join("structured", "structured_presets.py"),
                os.path.join("translation", "translation_presets.py"))
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_FIELDS = {"variant", "dataset", "latent_dim", "license", "paper", "build", "base_build",
           "recipe", "notes", "weights", "record"}


def read_declarations(path, name="PRESETS", default=None):
    """The literal ``name`` (``PRESETS``, or the shared ``BUILDS``) of one declaration
    file (the file is parsed, not run); ``default`` when the file has none, an error if
    ``default`` is ``None``."""
    return _literal(path, _assignments(path), name, default)


def _assignments(path):
    """The file's top-level ``NAME = ...`` values, as unevaluated expressions."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            found.setdefault(node.targets[0].id, node.value)
    return found


def _literal(path, assignments, name, default):
    if name not in assignments:
        if default is not None:
            return default
        raise InvalidInputError(f"{path} declares no {name}.")
    try:
        return ast.literal_eval(assignments[name])
    except ValueError as e:
        raise InvalidInputError(f"{path}: {name} must be a literal ({e}).") from None


def merged(base, overrides):
    """``base`` with ``overrides`` applied: a dict in both merges key by key, any other
    value replaces (a list is replaced whole)."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def resolve_build(name, declared, builds, path):
    """A declaration's ``build`` with its ``base_build`` (a key of the file's ``BUILDS``)
    merged under it; a shared build may name a ``base_build`` of its own."""
    return _resolved(name, declared.get("base_build"), declared.get("build") or {}, builds,
                     path, ())


def _resolved(name, base, own, builds, path, seen):
    if base is None:
        return own
    if base not in builds or base in seen:
        problem = "the base builds form a cycle" if base in seen else (
            f"the file's BUILDS declares {sorted(builds) or 'none'}")
        raise InvalidInputError(f"{path}: {name!r} has base_build {base!r}, but {problem}.")
    parent = dict(builds[base])
    return merged(_resolved(base, parent.pop("base_build", None), parent, builds, path,
                            (*seen, base)), own)


def declare_weights(name, weights):
    """Rewrites the ``weights`` and ``record`` entries of preset ``name`` in its family's
    declaration file (what the recipe does when it ships new weights), atomically; the
    rest of the file is kept as written."""
    import json
    import re

    from keras_gans.saving import atomic_path

    keys = ("file", "url", "hf", "sha256", "version", "bytes")
    entry = {k: weights[k] for k in keys if k in weights}
    lines = ",\n".join(f"            {json.dumps(k)}: {json.dumps(v)}" for k, v in entry.items())
    block = (f'        "weights": {{\n{lines},\n        }},\n'
             f'        "record": {json.dumps(name + ".json")},\n')
    pattern = re.compile(r'(\n    ' + re.escape(json.dumps(name)) + r': \{\n(?:        .*\n)*?)'
                         r'        "weights": (?:None|\{\n(?:            .*\n)*?        \}),\n'
                         r'        "record": .*\n')
    for relative in DECLARATIONS:
        path = os.path.join(_PACKAGE, relative)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new, count = pattern.subn(lambda m: m.group(1) + block, text, count=1)
        if count:
            with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
                f.write(new)
            return path
    raise InvalidInputError(f"no declaration of {name!r} with weights and record entries in "
                            f"{DECLARATIONS}.")


def shared_build(name):
    """The shared build ``name`` (a key of a declaration file's ``BUILDS``), resolved."""
    if name not in _BUILDS:
        raise UnknownNameError(f"unknown shared build {name!r}; known: {sorted(_BUILDS)}.")
    return copy.deepcopy(_BUILDS[name])


def build_chain(name):
    """``[(build, why), ...]``: the shared build ``name``, then each build it is built on,
    with the file's ``BUILD_NOTES`` text for each (``None`` where it has none)."""
    shared_build(name)  # checks the name
    chain = []
    while name is not None:
        chain.append((name, _BUILD_NOTES.get(name)))
        name = _BUILD_BASES.get(name)
    return chain


def changes(base, build):
    """The parts of ``build`` that differ from ``base`` (dicts compared key by key): what a
    preset changes in the shared build it is built on."""
    out = {}
    for key, value in build.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            inner = changes(base[key], value)
            if inner:
                out[key] = inner
        elif key not in base or base[key] != value:
            out[key] = copy.deepcopy(value)
    return out


def _checked_build_notes(path, notes, builds):
    """A file's ``BUILD_NOTES``, refused if it names a build its ``BUILDS`` lacks."""
    unknown = set(notes) - set(builds)
    if unknown:
        raise InvalidInputError(f"{path}: BUILD_NOTES names {sorted(unknown)}, which its "
                                f"BUILDS does not declare ({sorted(builds) or 'none'}).")
    return notes


_BUILDS = {}       # shared build name -> the build, resolved
_BUILD_BASES = {}  # shared build name -> the shared build it is built on (or None)
_BUILD_NOTES = {}  # shared build name -> why it is what it is


def _register_declared():
    for relative in DECLARATIONS:
        path = os.path.join(_PACKAGE, relative)
        assignments = _assignments(path)  # one parse serves every literal
        builds = _literal(path, assignments, "BUILDS", {})
        for name, declared in builds.items():
            own = {k: v for k, v in declared.items() if k != "base_build"}
            _BUILDS[name] = _resolved(name, declared.get("base_build"), own, builds, path, ())
            _BUILD_BASES[name] = declared.get("base_build")
        _BUILD_NOTES.update(_checked_build_notes(
            path, _literal(path, assignments, "BUILD_NOTES", {}), builds))
        for name, declared in _literal(path, assignments, "PRESETS", None).items():
            unknown = set(declared) - _FIELDS
            if unknown:
                raise InvalidInputError(f"{path}: preset {name!r} has unknown fields "
                                        f"{sorted(unknown)}; known: {sorted(_FIELDS)}.")
            register_preset(name, **dict(declared, build=resolve_build(
                name, declared, builds, path)))


_register_declared()
