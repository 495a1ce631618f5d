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

from keras_gans.errors import InvalidInputError, KerasGANsError, first_line
from keras_gans.zoo import files
from keras_gans.zoo.folders import save_preset
from keras_gans.zoo.presets import DATASETS, Preset, get, names, register_preset

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


def describe(name):
    """Everything about a preset as a dict: config, recipe, weights, metrics, licenses."""
    return get(name).to_dict()


def build_preset(preset):
    """The preset's model with fresh (random) weights, built at its declared shape."""
    from keras_gans.variants import build

    if isinstance(preset, str):
        preset = get(preset)
    arguments = {"seed": preset.recipe.get("seed", 0), **preset.build}  # a folder's own seed
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
    if "path" in info:  # a preset folder's weights
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


def _InferenceBundle(nets):  # noqa: N802 - stands for the class it makes
    """A container whose ``.weights.h5`` holds several nets under their names (Keras is
    imported here, so naming and describing presets needs no TensorFlow)."""
    import keras

    class _Bundle(keras.Model):
        def __init__(self, nets):
            super().__init__()
            for key, net in nets.items():
                setattr(self, key, net)
            self.built = True

    return _Bundle(nets)


def save_inference_weights(model, path, storage_dtype="float16"):
    """Writes the model's inference nets (``model.inference_nets()``) to one
    ``.weights.h5`` file, atomically.

    ``storage_dtype="float16"`` (the default; what the zoo ships) halves the file: the
    values are rounded to float16 and cast back to float32 on loading. The shipped metrics
    are measured after that rounding (``zoo/recipes/train_preset.py``). ``None`` keeps the
    variables' own precision.
    """
    from keras_gans import saving

    return saving.save_weights(_InferenceBundle(model.inference_nets()), path,
                               storage_dtype=storage_dtype)


def load_inference_weights(model, path):
    """Loads a file written by :func:`save_inference_weights` into ``model``.

    Every net variable must come from the file: Keras warns "Skipping nested container …
    Affected layers will retain their freshly-initialized weights" on a file that lacks
    some, then fails on the missing variables. Its warnings are kept from the user (the
    error says it all), and should a load ever complete after such a warning it is
    refused too, so no layer is left at its initial weights.
    """
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _InferenceBundle(model.inference_nets()).load_weights(path)
            failure = None
        except (ValueError, KeyError, OSError) as e:
            failure = first_line(e)
    skipped = [str(w.message) for w in caught if "freshly-initialized" in str(w.message)]
    if failure is None and skipped:
        failure = skipped[0]
    if failure is not None:
        raise InvalidInputError(f"{path} does not hold weights for this model's nets "
                                f"{sorted(model.inference_nets())}: {failure}")
    for w in caught:  # anything else Keras had to say
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return model


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
