"""Preset folders: a model's build config, weights and record, together and verified.

    my_run/config.json        format, name, variant, build config, dataset, recipe,
                              versions, and the sha256 and size of every other file
    my_run/model.weights.h5   the inference nets (``zoo.save_inference_weights``)
    my_run/record.json        what was measured on those weights (optional)
    my_run/...                extra files given to ``save_preset`` (hashed the same way)

:func:`save_preset` writes the folder whole or not at all (``saving.atomic_path``), and
holds a lock on the parent folder while it swaps the new folder in, so two processes
saving to one place leave one complete folder. :func:`read_folder` checks the form of
``config.json`` and the sha256 of every file it lists before anything is built; loading
then builds a registered architecture from JSON values — no code runs, nothing is
unpickled.
"""

import contextlib
import json
import os
import re
import shutil

from keras_gans.errors import ChecksumError, InvalidInputError

FORMAT = "keras_gans.preset"
FORMAT_VERSION = 1
CONFIG = "config.json"
WEIGHTS = "model.weights.h5"
RECORD = "record.json"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def is_folder_reference(name):
    """Whether ``name`` means a folder (a path) rather than a registered preset name."""
    name = os.fspath(name) if isinstance(name, os.PathLike) else name
    return isinstance(name, str) and (os.path.isdir(name) or "/" in name or
                                      os.sep in name or name.startswith("."))


def check_destination(path):
    """Refuses a destination ``save_preset`` must not replace: an existing file, or a
    folder holding anything but a preset folder's files (it is replaced whole)."""
    path = os.fspath(path)
    if not os.path.lexists(path):
        return path
    if not os.path.isdir(path):
        raise InvalidInputError(f"cannot write a preset folder at {path!r}: a file of that "
                                "name exists.")
    entries = sorted(e for e in os.listdir(path) if not e.startswith(".tmp-"))
    if not entries or CONFIG in entries and _listed(path) >= set(entries):
        return path
    raise InvalidInputError(
        f"{path!r} exists and is not a preset folder (it holds {entries[:5]}); a preset "
        "folder is written whole and replaces the old one, so choose a new or empty folder.")


def _listed(path):
    try:
        with open(os.path.join(path, CONFIG), encoding="utf-8") as f:
            return {CONFIG, *json.load(f).get("files", {})}
    except (OSError, ValueError, AttributeError):
        return {CONFIG}


def save_preset(model, path, name=None, dataset=None, recipe=None, record=None,
                files=None, storage_dtype=None, overwrite=True):
    """Writes ``model`` as a preset folder that ``keras_gans.zoo.load(path)`` loads.

    Args:
        model: a model made by ``keras_gans.build`` or ``keras_gans.zoo.load`` (their
            build arguments are recorded; a loaded ``.keras`` file has none).
        path: the folder; an existing preset folder there is replaced whole.
        name: the preset's name (default: the zoo preset's name, else the folder's).
        dataset: what it was trained on (a dataset name or a ``data.resolve`` spec).
        recipe: how it was trained (epochs, batch size, seed, command...).
        record: what was measured on these weights (written as ``record.json``).
        files: ``{file_name: source_path}`` of extra files to copy in (a sample grid...).
        storage_dtype: ``None`` (the variables' precision) or ``"float16"``.
        overwrite: if ``False``, refuse when ``path`` exists.

    Returns:
        ``path``.
    """
    from keras_gans import __version__, saving
    from keras_gans.saving import write_json
    from keras_gans.variants import build_config
    from keras_gans.zoo.inference import save_inference_weights

    build, problem = build_config(model)
    if build is None:
        raise InvalidInputError(f"save_preset: {problem}, so its build config is unknown; "
                                "build the model with keras_gans.build and load weights "
                                "into it.")
    path = check_destination(path)
    registered = _registered(getattr(model, "preset", None))
    if registered is not None:  # a zoo preset keeps its dataset and recipe by default
        dataset = dataset if dataset is not None else registered.dataset
        recipe = recipe if recipe is not None else registered.recipe
    extras = dict(files or {})
    for fname, source in extras.items():
        if fname in (CONFIG, WEIGHTS, RECORD) or os.path.basename(fname) != fname \
                or fname.startswith("."):
            raise InvalidInputError(f"save_preset: extra file name {fname!r} must be a "
                                    f"plain name other than {CONFIG}, {WEIGHTS}, {RECORD}.")
        if not os.path.isfile(source):
            raise InvalidInputError(f"save_preset: extra file {source!r} does not exist.")
    variant = build.pop("variant")
    with _parent_locked(path), saving.atomic_path(path, overwrite) as tmp:
        os.makedirs(tmp)
        save_inference_weights(model, os.path.join(tmp, WEIGHTS), storage_dtype=storage_dtype)
        if record is not None:
            write_json(record, os.path.join(tmp, RECORD))
        for fname, source in extras.items():
            shutil.copyfile(source, os.path.join(tmp, fname))
        write_json({
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "name": name or getattr(model, "preset", None) or
            os.path.basename(os.path.abspath(path)),
            "variant": variant, "build": build, "dataset": dataset,
            "recipe": recipe or {}, "versions": _versions(__version__),
            "files": {f: _file_entry(os.path.join(tmp, f)) for f in sorted(os.listdir(tmp))},
        }, os.path.join(tmp, CONFIG))
    return path


def _registered(name):
    from keras_gans.zoo import presets

    return presets.get(name) if isinstance(name, str) and name in presets.names() else None


def _versions(ours):
    import keras
    import tensorflow as tf

    return {"keras_gans": ours, "keras": keras.__version__, "tensorflow": tf.__version__}


def _file_entry(path):
    from keras_gans.saving import file_sha256

    return {"sha256": file_sha256(path), "bytes": os.path.getsize(path)}


def file_stat(path):
    """``(size, mtime_ns)`` of a file: enough to tell that a file hashed a moment ago has
    not been rewritten since, so that loading a folder hashes its weights once."""
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns)


@contextlib.contextmanager
def _parent_locked(path):
    """An exclusive ``flock`` on the parent folder of ``path`` (no lock file is left)."""
    import fcntl

    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_folder(path):
    """The :class:`~keras_gans.zoo.presets.Preset` of a preset folder, every file
    verified. Raises a clear error on a missing or malformed ``config.json``, a missing
    file, or a file whose sha256 differs from the one ``config.json`` lists."""
    from keras_gans.zoo.presets import Preset

    path = os.path.abspath(os.fspath(path))
    config_path = os.path.join(path, CONFIG)
    if not os.path.isfile(config_path):
        raise InvalidInputError(
            f"{path} is not a preset folder: it has no {CONFIG} (keras_gans.zoo.save_preset "
            "and keras-gans train write one).")
    try:
        with open(config_path, encoding="utf-8") as f:
            config = json.load(f)
    except (UnicodeDecodeError, ValueError) as e:
        raise InvalidInputError(f"{config_path} is not valid JSON: {e}") from None
    _check_config(config, config_path)
    for fname, entry in config["files"].items():
        file_path = os.path.join(path, fname)
        if not os.path.isfile(file_path):
            raise InvalidInputError(f"{config_path} lists {fname}, which is missing from "
                                    "the folder; the preset cannot be used.")
        got = _file_entry(file_path)["sha256"]
        if got != entry["sha256"]:
            raise ChecksumError(
                f"{file_path} has sha256 {got}, but {CONFIG} lists {entry['sha256']}: the "
                "file or config.json was changed after the folder was saved; it was not "
                "used.")
    record = {}
    if RECORD in config["files"]:
        with open(os.path.join(path, RECORD), encoding="utf-8") as f:
            record = json.load(f)
    build = dict(config["build"])
    shape = tuple(build.pop("image_shape"))
    latent_dim = build.pop("latent_dim")
    return Preset(name=config["name"], variant=config["variant"],
                  dataset=config.get("dataset"), latent_dim=latent_dim, build=build,
                  recipe=config.get("recipe") or {},
                  weights={"path": os.path.join(path, WEIGHTS),
                           "verified_stat": file_stat(os.path.join(path, WEIGHTS)),
                           **config["files"][WEIGHTS]},
                  metrics=record.get("metrics", {}) if isinstance(record, dict) else {},
                  record=record, shape=shape, folder=path)


def _check_config(config, where):
    """The form ``save_preset`` writes; anything else is refused by name."""
    def bad(what):
        raise InvalidInputError(f"{where}: {what}; it is not a config.json that "
                                "keras_gans.zoo.save_preset wrote.")

    if not isinstance(config, dict) or config.get("format") != FORMAT:
        bad(f"'format' must be {FORMAT!r}")
    version = config.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        bad(f"format_version {version!r} is not one this keras_gans reads (≤ "
            f"{FORMAT_VERSION}; a newer keras_gans may)")
    for key in ("name", "variant"):
        if not isinstance(config.get(key), str) or not config[key]:
            bad(f"'{key}' must be a non-empty string; got {config.get(key)!r}")
    build = config.get("build")
    if not isinstance(build, dict):
        bad(f"'build' must be an object; got {build!r}")
    shape = build.get("image_shape")
    if not (isinstance(shape, list) and len(shape) in (1, 3) and
            all(isinstance(d, int) and d > 0 for d in shape)):
        bad(f"build.image_shape must be a list of 1 or 3 positive ints; got {shape!r}")
    if not isinstance(build.get("latent_dim"), int) or build["latent_dim"] <= 0:
        bad(f"build.latent_dim must be a positive int; got {build.get('latent_dim')!r}")
    if not isinstance(config.get("recipe", {}), (dict, type(None))):
        bad("'recipe' must be an object")
    listed = config.get("files")
    if not isinstance(listed, dict) or WEIGHTS not in listed:
        bad(f"'files' must list {WEIGHTS} with its sha256")
    for fname, entry in listed.items():
        if os.path.basename(fname) != fname or fname in ("", ".", "..") or \
                not isinstance(entry, dict) or \
                not _HEX64.match(str(entry.get("sha256", ""))):
            bad(f"files[{fname!r}] must be a plain file name with a 64-hex sha256")
