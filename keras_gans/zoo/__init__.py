"""The model zoo: presets named ``<variant>_<dataset>`` with measured, checksummed weights.

    >>> import keras_gans
    >>> keras_gans.zoo.list(with_weights=True)          # what ships pretrained
    >>> keras_gans.zoo.describe("dcgan_mnist")          # config, recipe, metrics, licenses
    >>> model = keras_gans.zoo.load("dcgan_mnist")       # pretrained, sha256-checked
    >>> images = model.generate(16, seed=0)              # same API as a built model
    >>> model.export("served/")                          # SavedModel for serving

A loaded preset is the model ``keras_gans.build`` makes for the preset's variant and
arguments, with the pretrained *inference* nets (the generator, plus the encoder of
encoder models) loaded. The discriminator is not shipped: fine-tuning starts it fresh.

Weights come from the package (MNIST and 2-D presets), a local ``.weights.h5`` file, a
URL or a Hugging Face Hub handle (``hf://owner/repo/file``), cached under
``$KERAS_GANS_CACHE`` (see :mod:`keras_gans.zoo.files`); the sha256 is verified before
use, and loading never runs code or unpickles. A preset folder (:func:`save_preset`) loads
from a path or from the Hub (``zoo.load("hf://owner/repo")``).
"""

import os

from keras_gans.errors import InvalidInputError, KerasGANsError
from keras_gans.zoo import files, folders, presets
from keras_gans.zoo.folders import save_preset
from keras_gans.zoo.inference import load_inference_weights, save_inference_weights
from keras_gans.zoo.presets import DATASETS, Preset, names, register_preset

__all__ = ["DATASETS", "Preset", "describe", "get", "list", "load", "names",
           "register_preset", "resolve_weights", "save_inference_weights", "save_preset"]


def list(with_weights=None, variant=None, dataset=None):  # noqa: A001 - the public name
    """Preset names, optionally filtered.

    Args:
        with_weights: ``True`` → only presets with pretrained weights; ``False`` → only
            those without; ``None`` → all.
        variant: only presets of this variant (e.g. ``"wgan_gp"``).
        dataset: only presets of this dataset (e.g. ``"mnist"``).
    """
    if variant is not None or dataset is not None:
        _check_filter(variant, dataset)
    out = []
    for name in names():
        p = get(name)
        if variant is not None and p.variant != variant:
            continue
        if dataset is not None and p.dataset != dataset:
            continue
        if with_weights is not None and p.has_weights != bool(with_weights):
            continue
        out.append(name)
    return out


def _check_filter(variant, dataset):
    if dataset is not None and dataset not in DATASETS:
        raise InvalidInputError(f"unknown dataset {dataset!r}; presets exist for "
                                f"{sorted(DATASETS)}.")
    if variant is not None:
        from keras_gans import _index

        index = _index.read_index()
        if index is not None:
            known = sorted(index["variants"])
        else:
            from keras_gans.variants import list_variants

            known = list_variants()
        if variant not in known:
            raise InvalidInputError(f"unknown variant {variant!r}; known: {known}.")


def get(name):
    """The :class:`Preset` ``name`` with its measured record, or the preset of a folder
    written by :func:`save_preset` (``name`` a path, or ``hf://owner/repo`` on the Hugging
    Face Hub), every file verified."""
    if isinstance(name, str) and name.startswith("hf://"):
        return folders.read_folder(files.fetch_hf_folder(name))
    if name not in presets.names() and folders.is_folder_reference(name):
        return folders.read_folder(name)
    return presets.get(name)


def describe(name):
    """Everything about a preset as a dict: config, recipe, weights, metrics, licenses."""
    return get(name).to_dict()


def build_preset(preset, **overrides):
    """The preset's model with fresh (random) weights, built at its declared shape.

    ``overrides`` replace build arguments of the declaration (e.g. ``reuse_fake=True``
    to time a variation of the preset's step).
    """
    from keras_gans.variants import build

    if isinstance(preset, str):
        preset = get(preset)
    arguments = {"seed": preset.recipe.get("seed", 0), **preset.build,  # a folder's own seed
                 **overrides}
    return build(preset.variant, image_shape=preset.image_shape, latent_dim=preset.latent_dim,
                 **arguments)


def resolve_weights(preset, weights="pretrained", sha256=None):
    """The local, verified weights file of a preset (``None`` for ``weights=None``).

    Args:
        preset: a name or :class:`Preset`.
        weights: ``"pretrained"`` (the preset's published file: package or URL),
            ``None``, or a path to a ``.weights.h5`` file.
        sha256: expected hash of a user-given file (checked when given).
    """
    if isinstance(preset, str):
        preset = get(preset)
    what = f"preset {preset.name!r}"
    if weights is None:
        return None
    if weights != "pretrained":
        path = files.check_weights_path(weights, what)
        return files.verify(path, sha256, what) if sha256 else path
    info = preset.weights
    if info is None:
        raise InvalidInputError(
            f"{what} has no pretrained weights yet. Pass weights=None for the architecture "
            "with random weights, or weights='path/to/file.weights.h5' for your own; train "
            f"it by its recipe with `keras-gans train --preset {preset.name}`; "
            "keras_gans.zoo.list(with_weights=True) names the presets that have weights.",
            cli_message=f"{what} has no pretrained weights yet. Add --weights none for the "
            "architecture with random weights, or --weights FILE.weights.h5 for your own; "
            f"train it with `keras-gans train --preset {preset.name}`; `keras-gans list "
            "--with-weights` names the presets that have weights.")
    if "path" in info:  # a preset folder's weights, verified when the folder was read
        if info.get("verified_stat") == folders.file_stat(info["path"]):
            return info["path"]
        return files.verify(info["path"], info["sha256"], what)
    if "file" in info:
        path = os.path.join(files.PACKAGE_WEIGHTS, info["file"])
        if not os.path.exists(path):
            raise InvalidInputError(
                f"{what}: the packaged weights file {path} is missing; reinstall keras_gans.")
        return files.verify(path, info["sha256"], f"{what} (packaged file; reinstall "
                                                  "keras_gans if it was modified)")
    return files.fetch(info.get("url") or info["hf"], info["sha256"],
                       f"{preset.name}-v{info.get('version', 1)}.weights.h5", what)


def load(name, weights="pretrained", sha256=None):
    """A ready model for preset ``name``.

    Args:
        name: a preset name (``keras_gans.zoo.list()``), or a preset folder written by
            :func:`save_preset` or ``keras-gans train`` (every file's sha256 checked).
        weights: ``"pretrained"`` (default; an error says how to proceed when the preset
            has none yet), ``None`` (architecture only, random weights), or a path to a
            ``.weights.h5`` file written by :func:`save_inference_weights`.
        sha256: expected hash of a file given as ``weights``.

    Returns:
        The model (not compiled); ``model.generate(n, seed=...)`` samples from it.
    """
    preset = get(name)
    path = resolve_weights(preset, weights, sha256)
    try:
        model = build_preset(preset)
        if path is not None:
            load_inference_weights(model, path)
    except KerasGANsError as e:
        if preset.folder is None:
            raise
        raise type(e)(f"{preset.folder}: config.json and {os.path.basename(path or '')} do "
                      f"not make a model: {e}") from None
    model.preset = preset.name
    return model
