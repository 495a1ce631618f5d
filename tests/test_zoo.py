"""The zoo: registry, checksummed loading, cache safety, CLI."""

import dataclasses
import importlib
import json
import os
import subprocess
import sys

import numpy as np
import pytest


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _zoo():
    from keras_gans import zoo

    return zoo


# ------------------------------------------------------------------------ registry
def test_registry_covers_the_required_presets():
    import keras_gans

    zoo = _zoo()
    names = set(zoo.list())
    two_domain = {"cyclegan", "cogan", "unit"}
    for variant in set(keras_gans.list_variants()) - two_domain:
        assert f"{variant}_mnist" in names
    for variant in ("dcgan", "wgan_gp", "lsgan", "sngan", "dragan"):
        assert {f"{variant}_celeba", f"{variant}_cifar10"} <= names
    assert {f"{v}_{d}" for v in ("nsgan", "wgan_gp") for d in ("ring8", "grid25")} <= names
    assert {"cyclegan_mnist2domain", "unit_mnist2domain", "cyclegan_horse2zebra",
            "unit_horse2zebra"} <= names
    for name in names:
        d = zoo.describe(name)
        assert d["name"] == f"{d['variant']}_{d['dataset']}"
        for key in ("recipe", "license", "paper", "image_shape", "latent_dim"):
            assert d[key], (name, key)
        assert isinstance(d["build"], dict)  # {} = the variant's defaults
        assert d["recipe"]["command"] and "seed" in d["recipe"]


def test_filters():
    zoo = _zoo()
    assert set(zoo.list(dataset="celeba")) == {f"{v}_celeba" for v in
                                               ("dcgan", "wgan_gp", "lsgan", "sngan", "dragan")}
    with_w = zoo.list(with_weights=True)
    assert with_w and all(zoo.get(n).has_weights for n in with_w)
    assert set(with_w) | set(zoo.list(with_weights=False)) == set(zoo.list())
    assert zoo.list(variant="dcgan", dataset="mnist") == ["dcgan_mnist"]


@pytest.mark.parametrize("name", sorted(__import__("keras_gans.zoo", fromlist=["x"]).list()))
def test_every_preset_builds_at_its_declared_shape(name):
    zoo = _zoo()
    preset = zoo.get(name)
    model = zoo.load(name, weights=None)
    if hasattr(model, "generate"):
        out = model.generate(2, seed=0)
        out = out[0] if isinstance(out, tuple) else out  # CoGAN's pairs
        assert model.latent_dim == preset.latent_dim or preset.variant == "infogan"
    else:  # image → image translators
        assert model.image_shape_a == model.image_shape_b == preset.image_shape
        if preset.image_shape[0] > 64:
            return  # 256 px: built above; a forward pass there costs seconds
        out = model.translate(np.zeros((2, *preset.image_shape), np.float32), "a2b")
    assert out.shape == (2, *preset.image_shape)
    assert np.all(np.isfinite(out))


def test_shipped_weights_match_their_records():
    from keras_gans.zoo import files

    zoo = _zoo()
    shipped = zoo.list(with_weights=True)
    assert {"dcgan_mnist", "wgan_gp_mnist"} <= set(shipped)
    on_disk = {f for f in os.listdir(files.PACKAGE_WEIGHTS) if f.endswith(".weights.h5")}
    recorded = set()
    for name in shipped:
        w = zoo.get(name).weights
        path = os.path.join(files.PACKAGE_WEIGHTS, w["file"])
        assert files.sha256_of(path) == w["sha256"], name
        assert os.path.getsize(path) == w["bytes"]
        measured = zoo.get(name).record["weights"]  # what the metrics were measured on
        assert {k: measured[k] for k in w} == w, name
        recorded.add(w["file"])
    assert on_disk == recorded, "weights files without a record (or the reverse)"
    for name in zoo.names():  # a record without declared weights would be unreachable
        declared = zoo.get(name)
        assert (declared.record_file is None) == (declared.weights is None) == \
            (not declared.record), name


def test_each_preset_is_one_literal_declaration_beside_its_family():
    from keras_gans.zoo import presets

    package = os.path.join(ROOT, "keras_gans")
    seen = {}
    for relative in presets.DECLARATIONS:
        declared = presets.read_declarations(os.path.join(package, relative))
        module = importlib.import_module(
            "keras_gans." + relative[:-len(".py")].replace(os.sep, "."))
        assert module.PRESETS == declared  # the module, imported, says the same
        assert getattr(module, "BUILDS", {}) == presets.read_declarations(
            os.path.join(package, relative), "BUILDS", default={})
        for name, d in declared.items():
            assert name not in seen, f"{name} declared in {seen.get(name)} and {relative}"
            seen[name] = relative
            assert name == f"{d['variant']}_{d['dataset']}"
            assert set(d) <= presets._FIELDS and {"variant", "dataset", "build",
                                                   "recipe"} <= set(d)
    assert sorted(seen) == _zoo().names()


def test_a_shared_build_is_merged_under_the_declared_one(tmp_path):
    from keras_gans.errors import InvalidInputError
    from keras_gans.zoo import presets

    path = tmp_path / "x_presets.py"
    path.write_text(
        'BUILDS = {"base": {"g": {"a": 1, "b": [1, 2]}, "n": 1}}\n'
        'PRESETS = {"x_mnist": {"base_build": "base", "build": {"g": {"b": [3]}, "m": 2}},\n'
        '           "y_mnist": {"base_build": "nope", "build": {}}}\n')
    builds = presets.read_declarations(str(path), "BUILDS", default={})
    declared = presets.read_declarations(str(path))
    # dicts merge key by key, a list is replaced whole, the base is left as it was
    assert presets.resolve_build("x_mnist", declared["x_mnist"], builds, path) == \
        {"g": {"a": 1, "b": [3]}, "n": 1, "m": 2}
    assert builds["base"] == {"g": {"a": 1, "b": [1, 2]}, "n": 1}
    with pytest.raises(InvalidInputError, match="base_build 'nope'.*declares \\['base'\\]"):
        presets.resolve_build("y_mnist", declared["y_mnist"], builds, path)
    chained = {"base": {"g": {"a": 1}}, "next": {"base_build": "base", "g": {"c": 2}}}
    assert presets.resolve_build("x", {"base_build": "next", "build": {"n": 3}}, chained,
                                 path) == {"g": {"a": 1, "c": 2}, "n": 3}
    looped = {"a": {"base_build": "b"}, "b": {"base_build": "a"}}
    with pytest.raises(InvalidInputError, match="form a cycle"):
        presets.resolve_build("x", {"base_build": "a"}, looped, path)
    assert presets.read_declarations(str(tmp_path / "x_presets.py"), "NONE", default={}) == {}


def test_every_shared_build_serves_a_preset():
    from keras_gans.zoo import presets

    used = {presets.get(n).base_build for n in presets.names()}
    for relative in presets.DECLARATIONS:
        path = os.path.join(ROOT, "keras_gans", relative)
        for name in presets.read_declarations(path, "BUILDS", default={}):
            assert name in used, f"{relative}: BUILDS[{name!r}] is no preset's base_build"


def test_a_preset_is_its_shared_build_with_its_changes():
    from keras_gans.errors import UnknownNameError
    from keras_gans.zoo import presets

    for name in presets.names():
        p = presets.get(name)
        if p.base_build:
            base = presets.shared_build(p.base_build)
            assert presets.merged(base, p.build_changes) == p.build, name
        else:
            assert p.build_changes == {}, name
    base = {"g": {"a": 1, "b": 2}, "lr": 1e-3, "keep": True}
    assert presets.changes(base, {"g": {"a": 1, "b": 3}, "lr": 1e-3, "keep": True,
                                  "new": [1]}) == {"g": {"b": 3}, "new": [1]}
    assert presets.changes(base, base) == {}
    with pytest.raises(UnknownNameError, match="unknown shared build"):
        presets.shared_build("nope")


def test_every_shared_build_says_why_once():
    from keras_gans.errors import InvalidInputError
    from keras_gans.zoo import presets

    for relative in presets.DECLARATIONS:
        path = os.path.join(ROOT, "keras_gans", relative)
        builds = presets.read_declarations(path, "BUILDS", default={})
        notes = presets.read_declarations(path, "BUILD_NOTES", default={})
        assert set(notes) == set(builds), f"{relative}: BUILD_NOTES must cover BUILDS"
    chain = presets.build_chain("grid25_pacgan_cosine_ema")
    assert [b for b, _ in chain] == ["grid25_pacgan_cosine_ema", "ring8_pacgan_cosine_ema"]
    assert all(why for _, why in chain)
    with pytest.raises(InvalidInputError, match="BUILD_NOTES names \\['typo'\\]"):
        presets._checked_build_notes("x.py", {"typo": "why"}, {"base": {}})


def test_declared_licenses_and_papers_agree_with_their_sources():
    from keras_gans.variants import variant_reference
    from keras_gans.zoo import presets

    for name in presets.names():
        p = presets.get(name)
        assert p.declared_license == {"weights": presets.WEIGHTS_LICENSE,
                                      "data": presets.DATASETS[p.dataset].license}, name
        assert p.declared_paper == variant_reference(p.variant), name


def test_a_declaration_with_code_is_refused(tmp_path):
    from keras_gans.errors import InvalidInputError
    from keras_gans.zoo import presets

    path = tmp_path / "evil_presets.py"
    path.write_text('PRESETS = {"x_mnist": {"variant": __import__("os").getcwd()}}\n')
    with pytest.raises(InvalidInputError, match="PRESETS must be a literal"):
        presets.read_declarations(str(path))


def test_shipping_weights_rewrites_only_that_declaration(tmp_path, monkeypatch):
    import shutil

    from keras_gans.zoo import presets

    for relative in presets.DECLARATIONS:
        os.makedirs(tmp_path / os.path.dirname(relative), exist_ok=True)
        shutil.copyfile(os.path.join(ROOT, "keras_gans", relative), tmp_path / relative)
    monkeypatch.setattr(presets, "_PACKAGE", str(tmp_path))
    before = {r: presets.read_declarations(str(tmp_path / r)) for r in presets.DECLARATIONS}
    new = {"file": "sngan_grid25.weights.h5", "sha256": "ab" * 32, "version": 3,
           "bytes": 123, "nets": ["generator"]}
    for name in ("sngan_grid25", "wgan_gp_celeba"):  # declared with weights / with None
        written = presets.declare_weights(name, dict(new, file=f"{name}.weights.h5"))
        after = presets.read_declarations(written)
        relative = os.path.relpath(written, tmp_path)
        assert after[name]["weights"] == {"file": f"{name}.weights.h5", "sha256": "ab" * 32,
                                          "version": 3, "bytes": 123}
        assert after[name]["record"] == f"{name}.json"
        assert {k: v for k, v in after[name].items() if k not in ("weights", "record")} == \
            {k: v for k, v in before[relative][name].items() if k not in ("weights", "record")}
        assert {n: d for n, d in after.items() if n != name} == \
            {n: d for n, d in before[relative].items() if n != name}
        before[relative] = after


def test_naming_and_describing_presets_import_no_tensorflow():
    code = ("import sys\n"
            "from keras_gans import zoo\n"
            "assert len(zoo.list(with_weights=True, dataset='mnist')) > 10\n"
            "assert zoo.describe('dcgan_mnist')['paper'].startswith('Radford')\n"
            "assert zoo.list(variant='wgan_gp')\n"
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules\n")
    env = {**os.environ, "PYTHONPATH": ROOT}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]


def _script(relative):
    """Imports one of the repository's scripts (zoo/, zoo/recipes/, benchmarks/) as a module."""
    folder, name = os.path.split(os.path.join(ROOT, relative))
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name[:-len(".py")])
    finally:
        sys.path.pop(0)


def test_cards_are_generated_from_the_registry():
    make_cards = _script("zoo/make_cards.py")
    for path, text in make_cards.outputs().items():
        assert os.path.exists(path), f"missing {path}: run python zoo/make_cards.py"
        with open(path) as f:
            assert f.read() == text, f"{path} is stale: run python zoo/make_cards.py"


# ------------------------------------------------------------------------ loading
def test_load_pretrained_is_deterministic_and_like_a_built_model():
    zoo = _zoo()
    a = zoo.load("dcgan_mnist")
    b = zoo.load("dcgan_mnist")
    x = a.generate(4, seed=3)
    np.testing.assert_array_equal(x, b.generate(4, seed=3))
    assert x.shape == (4, 28, 28, 1) and x.min() >= -1 and x.max() <= 1
    assert not np.allclose(x, a.generate(4, seed=4))
    random = zoo.load("dcgan_mnist", weights=None)
    assert not np.allclose(x, random.generate(4, seed=3))
    assert type(a).__name__ == "GAN" and a.preset == "dcgan_mnist"


def test_pretrained_weights_are_actually_good():
    """A pretrained MNIST preset draws digits of every class to the shipped classifier;
    the same net with random weights draws one blob class (the loader really loads)."""
    from keras_gans.metrics import MNISTExtractor

    zoo = _zoo()
    clf = MNISTExtractor()

    def class_shares(model):
        labels = clf.predict_labels(model.generate(300, seed=0))
        return np.bincount(labels, minlength=10) / len(labels)

    for name in ("dcgan_mnist", "wgan_gp_mnist"):
        shares = class_shares(zoo.load(name))
        assert np.sum(shares >= 0.02) >= 9 and shares.max() < 0.3, (name, shares)
        assert class_shares(zoo.load(name, weights=None)).max() > 0.5


def test_loading_a_preset_never_unpickles(monkeypatch):
    """Weights are HDF5 arrays read by h5py; no pickle (or allow_pickle) on the way."""
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("the zoo unpickled something")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    original_np_load = np.load

    def np_load(*args, **kwargs):
        assert not kwargs.get("allow_pickle"), "np.load with allow_pickle"
        return original_np_load(*args, **kwargs)

    monkeypatch.setattr(np, "load", np_load)
    assert _zoo().load("dcgan_mnist").generate(2, seed=0).shape == (2, 28, 28, 1)


def test_user_weights_file_round_trip_and_hash(tmp_path):
    zoo = _zoo()
    model = zoo.load("nsgan_ring8", weights=None)
    path = str(tmp_path / "mine.weights.h5")
    zoo.save_inference_weights(model, path, storage_dtype=None)  # exact: float32
    from keras_gans.zoo import files

    loaded = zoo.load("nsgan_ring8", weights=path, sha256=files.sha256_of(path))
    np.testing.assert_array_equal(loaded.generate(5, seed=1), model.generate(5, seed=1))
    from keras_gans.errors import ChecksumError, InvalidInputError

    with pytest.raises(ChecksumError, match="not used"):
        zoo.load("nsgan_ring8", weights=path, sha256="0" * 64)
    with pytest.raises(InvalidInputError, match=r"\.weights\.h5"):
        zoo.load("nsgan_ring8", weights=str(tmp_path / "model.pkl"))
    with pytest.raises(InvalidInputError, match="does not exist"):
        zoo.load("nsgan_ring8", weights=str(tmp_path / "none.weights.h5"))
    other = str(tmp_path / "other.weights.h5")
    zoo.save_inference_weights(zoo.load("dcgan_mnist", weights=None), other)
    with pytest.raises(InvalidInputError, match="does not hold weights"):
        zoo.load("nsgan_ring8", weights=other)


@pytest.mark.parametrize("damage", [None, "generator/layers/dense_1/vars/0",
                                    "generator/layers/batch_normalization/vars/1",
                                    "generator/layers/dense_2", "another model's file"])
def test_no_load_leaves_a_layer_at_its_initial_weights(tmp_path, damage):
    """A weights file loads whole, or is refused with one error and no Keras warning
    ("… will retain their freshly-initialized weights") beside it."""
    import warnings

    import h5py

    zoo = _zoo()
    saved = zoo.load("nsgan_ring8", weights=None)
    path = str(tmp_path / "w.weights.h5")
    if damage == "another model's file":
        zoo.save_inference_weights(zoo.load("dcgan_mnist", weights=None), path)
    else:
        zoo.save_inference_weights(saved, path, storage_dtype=None)
        if damage:
            with h5py.File(path, "a") as f:
                del f[damage]
    from keras_gans.errors import InvalidInputError

    fresh = zoo.load("nsgan_ring8", weights=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if damage is None:
            zoo.load_inference_weights(fresh, path)
        else:
            with pytest.raises(InvalidInputError, match="does not hold weights"):
                zoo.load_inference_weights(fresh, path)
    if damage is None:
        nets = saved.inference_nets()["generator"], fresh.inference_nets()["generator"]
        for a, b in zip(nets[0].weights, nets[1].weights):
            np.testing.assert_array_equal(np.array(a), np.array(b), err_msg=a.path)


def test_shipped_format_is_float16_and_loads_back_as_float32(tmp_path):
    import h5py

    from keras_gans import saving
    from keras_gans.errors import InvalidInputError

    zoo = _zoo()
    model = zoo.load("dcgan_mnist", weights=None)
    half, full = str(tmp_path / "half.weights.h5"), str(tmp_path / "full.weights.h5")
    zoo.save_inference_weights(model, half)
    zoo.save_inference_weights(model, full, storage_dtype=None)
    dtypes = {str(a.dtype) for a in saving.weights_file_arrays(half).values()}
    assert dtypes == {"float16"}
    with h5py.File(half, "r") as f:  # large arrays losslessly compressed
        kinds = []
        f.visititems(lambda _, item: kinds.append(item.compression) if isinstance(
            item, h5py.Dataset) and item.size >= 256 else None)
    assert kinds and set(kinds) == {"gzip"}
    assert os.path.getsize(half) < 0.6 * os.path.getsize(full)
    assert sorted(os.listdir(tmp_path)) == ["full.weights.h5", "half.weights.h5"]  # no temps
    loaded = zoo.load("dcgan_mnist", weights=half)
    assert {v.dtype for v in loaded.generator.weights} == {"float32"}
    a, b = model.generate(8, seed=3), loaded.generate(8, seed=3)
    assert 0 < np.abs(a - b).max() < 0.02  # rounded, not lost
    with pytest.raises(InvalidInputError, match="storage_dtype.*bfloat16"):
        zoo.save_inference_weights(model, half, storage_dtype="bfloat16")


def test_tampered_or_truncated_packaged_file_is_refused(tmp_path, monkeypatch):
    from keras_gans.errors import ChecksumError
    from keras_gans.zoo import files

    zoo = _zoo()
    w = zoo.get("dcgan_mnist").weights
    src = os.path.join(files.PACKAGE_WEIGHTS, w["file"])
    monkeypatch.setattr(files, "PACKAGE_WEIGHTS", str(tmp_path))
    data = open(src, "rb").read()
    (tmp_path / w["file"]).write_bytes(data[: len(data) // 2])
    with pytest.raises(ChecksumError, match="reinstall"):
        zoo.load("dcgan_mnist")
    flipped = bytearray(data)
    flipped[-100] ^= 1
    (tmp_path / w["file"]).write_bytes(bytes(flipped))
    with pytest.raises(ChecksumError, match=w["sha256"]):
        zoo.load("dcgan_mnist")


def test_bad_names_and_missing_weights_are_clear():
    from keras_gans.errors import InvalidInputError, UnknownNameError

    zoo = _zoo()
    with pytest.raises(UnknownNameError, match=r"Did you mean \['dcgan_mnist'"):
        zoo.load("dcgan_mnst")
    with pytest.raises(InvalidInputError, match=r"no pretrained weights yet.*weights=None") \
            as missing:
        zoo.load("dcgan_celeba")
    # what to do, in a few lines: no list of every preset, no path an install lacks
    message = str(missing.value)
    assert len(message) < 400 and "zoo/recipes" not in message and "_mnist" not in message
    assert "keras-gans train --preset dcgan_celeba" in message  # runs from the package
    with pytest.raises(InvalidInputError, match="unknown dataset"):
        zoo.list(dataset="imagenet")


# ------------------------------------------------------------------------ URL + cache
def _url_preset(monkeypatch, url, sha):
    from keras_gans.zoo import presets

    declared = presets._PRESETS["nsgan_ring8"]
    monkeypatch.setitem(presets._PRESETS, "nsgan_ring8", dataclasses.replace(
        declared, weights={"url": url, "sha256": sha, "version": 1, "bytes": 0}))


def _published_file(tmp_path):
    from keras_gans.zoo import files

    zoo = _zoo()
    model = zoo.load("nsgan_ring8", weights=None)
    path = tmp_path / "published" / "nsgan_ring8.weights.h5"
    path.parent.mkdir()
    zoo.save_inference_weights(model, str(path))  # the shipped (float16) format
    # the reference is what the file holds: the model's weights rounded to float16
    return zoo.load("nsgan_ring8", weights=str(path)), path, files.sha256_of(str(path))


def _published_url_preset(tmp_path, monkeypatch, sha=None):
    """nsgan_ring8 published at a file:// URL (with ``sha`` or the true hash) and an empty
    cache; returns ``(model, path, cache)``."""
    model, path, true_sha = _published_file(tmp_path)
    cache = str(tmp_path / "cache")
    monkeypatch.setenv("KERAS_GANS_CACHE", cache)
    _url_preset(monkeypatch, path.as_uri(), sha or true_sha)
    return model, path, cache


def _cache_files(cache):
    folder = os.path.join(cache, "weights")
    return sorted(f for f in os.listdir(folder) if not f.endswith(".lock"))


def test_url_preset_downloads_verifies_and_caches(tmp_path, monkeypatch):
    zoo = _zoo()
    model, _, cache = _published_url_preset(tmp_path, monkeypatch)
    loaded = zoo.load("nsgan_ring8")
    np.testing.assert_array_equal(loaded.generate(5, seed=2), model.generate(5, seed=2))
    assert _cache_files(cache) == ["nsgan_ring8-v1.weights.h5"]
    # A tampered cached copy is not used: it is replaced by a verified download.
    cached = os.path.join(cache, "weights", "nsgan_ring8-v1.weights.h5")
    with open(cached, "r+b") as f:
        f.seek(-50, 2)
        f.write(b"\0" * 50)
    np.testing.assert_array_equal(zoo.load("nsgan_ring8").generate(5, seed=2),
                                  model.generate(5, seed=2))


def test_url_with_wrong_hash_is_refused_and_caches_nothing(tmp_path, monkeypatch):
    from keras_gans.errors import ChecksumError

    zoo = _zoo()
    _, _, cache = _published_url_preset(tmp_path, monkeypatch, sha="f" * 64)
    with pytest.raises(ChecksumError, match="downloaded from"):
        zoo.load("nsgan_ring8")
    assert _cache_files(cache) == []


def test_interrupted_download_leaves_no_cached_file(tmp_path, monkeypatch):
    from keras_gans.zoo import files

    zoo = _zoo()
    _, path, cache = _published_url_preset(tmp_path, monkeypatch)

    def half_then_die(url, filename, folder, what):
        with open(os.path.join(folder, filename), "wb") as f:
            f.write(path.read_bytes()[:1000])
        raise KeyboardInterrupt  # the user pressed ^C half-way

    monkeypatch.setattr(files, "_download", half_then_die)
    with pytest.raises(KeyboardInterrupt):
        zoo.load("nsgan_ring8")
    assert _cache_files(cache) == []


def test_unreachable_url_is_a_clear_error(tmp_path, monkeypatch):
    from keras_gans.errors import DatasetUnavailableError

    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path / "cache"))
    _url_preset(monkeypatch, (tmp_path / "gone.weights.h5").as_uri(), "0" * 64)
    with pytest.raises(DatasetUnavailableError, match="weights='path/to/file.weights.h5'"):
        _zoo().load("nsgan_ring8")


def test_cache_that_is_a_file_names_the_variable(tmp_path, monkeypatch):
    """Runs as root too: a cache path that cannot be a folder."""
    from keras_gans.errors import InvalidInputError
    from keras_gans.zoo import files

    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    monkeypatch.setenv("KERAS_GANS_CACHE", str(blocker / "cache"))
    with pytest.raises(InvalidInputError, match="Set KERAS_GANS_CACHE"):
        files.cache_dir()


_CHILD = """
import dataclasses, json, sys
from keras_gans import zoo
from keras_gans.zoo import presets
presets._PRESETS["nsgan_ring8"] = dataclasses.replace(presets._PRESETS["nsgan_ring8"],
                                                      weights=json.loads(sys.argv[1]))
print(json.dumps(zoo.load("nsgan_ring8").generate(3, seed=0).tolist()))
"""


def test_two_processes_filling_the_cache_at_once(tmp_path):
    model, path, sha = _published_file(tmp_path)
    cache = str(tmp_path / "cache")
    env = {**os.environ, "KERAS_GANS_CACHE": cache, "PYTHONPATH": ROOT,
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    record = json.dumps({"url": path.as_uri(), "sha256": sha, "version": 1})
    procs = [subprocess.Popen([sys.executable, "-c", _CHILD, record], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-2000:]
        np.testing.assert_allclose(json.loads(out.strip().splitlines()[-1]),
                                   model.generate(3, seed=0), rtol=1e-6)
    assert _cache_files(cache) == ["nsgan_ring8-v1.weights.h5"]
    from keras_gans.zoo import files

    assert files.sha256_of(os.path.join(cache, "weights", "nsgan_ring8-v1.weights.h5")) == sha


# ------------------------------------------------------------------------ CLI
def test_cli_zoo_commands(tmp_path, capsys):
    from keras_gans import cli

    assert cli.main(["list", "--presets", "--with-weights"]) == 0
    assert "dcgan_mnist" in capsys.readouterr().out.split()
    assert cli.main(["describe", "dcgan_mnist"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["weights"]["sha256"] and described["metrics"]["fid"] > 0
    grid = tmp_path / "grid.png"
    assert cli.main(["sample", "dcgan_mnist", "--n", "9", "--out", str(grid)]) == 0
    assert grid.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert cli.main(["export", "dcgan_mnist", str(tmp_path / "served"), "--output",
                     "uint8"]) == 0
    assert (tmp_path / "served" / "saved_model.pb").exists()
    capsys.readouterr()
    assert cli.main(["evaluate", "nsgan_ring8", "--weights", "none", "--num_samples",
                     "100"]) == 0
    assert json.loads(capsys.readouterr().out)["num_modes"] == 8
    assert cli.main(["sample", "dcgan_celeba", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "no pretrained weights yet" in err and "Traceback" not in err
    assert "--weights none" in err and "zoo.load" not in err  # the CLI's own advice
    assert cli.main(["sample", "cogan_mnist2domain", "--weights", "none", "--n", "4",
                     "--out", str(tmp_path / "pairs.png")]) == 0
    assert cli.main(["sample", "cyclegan_mnist2domain", "--weights", "none"]) == 2
    assert "translate(images, 'a2b')" in capsys.readouterr().err


def test_cli_evaluate_mnist_preset_from_idx(tmp_path, capsys):
    """`keras-gans evaluate` on an IDX folder (written here from the embedded sample)."""
    import gzip
    import struct

    from keras_gans import cli, data

    x, y = data.load_default()
    x, y = x[:300], y[:300]
    folder = tmp_path / "mnist"
    folder.mkdir()
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz", "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(x), 28, 28) + x.astype(np.uint8).tobytes())
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz", "wb") as f:
        f.write(struct.pack(">II", 2049, len(y)) + y.astype(np.uint8).tobytes())
    assert cli.main(["evaluate", "dcgan_mnist", "--data", f"idx:{folder}", "--metrics",
                     "fid,is", "--num_samples", "300"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["extractor_id"] == "mnist_cnn_v1" and result["num_reference"] == 300
    assert 0 < result["fid"] < 100 and result["is"] > 3
    # a preset folder as the main job writes it (trained on the embedded digits)
    zoo = _zoo()
    zoo.save_preset(zoo.load("dcgan_mnist"), str(tmp_path / "run"), dataset="default")
    assert cli.main(["evaluate", str(tmp_path / "run"), "--data", f"idx:{folder}",
                     "--metrics", "fid,is", "--num_samples", "300"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["preset"] == str(tmp_path / "run")
    assert np.isclose(again["fid"], result["fid"], rtol=1e-3)  # the same weights


def test_recipe_imports_a_saved_model_or_a_generator_file(tmp_path):
    train_preset = _script("zoo/recipes/train_preset.py")
    import keras_gans
    from keras_gans import zoo

    trained = zoo.build_preset("cogan_mnist2domain")
    z = np.random.default_rng(0).normal(size=(2, trained.latent_dim)).astype(np.float32)
    for w in trained.generators.weights[:2]:
        w.assign(w + 0.5)  # differ from a fresh build of the same preset
    trained.save(tmp_path / "trained.keras")
    fresh = train_preset.import_weights(zoo.build_preset("cogan_mnist2domain"),
                                        str(tmp_path / "trained.keras"))
    for mine, theirs in zip(fresh.generate(z), trained.generate(z)):
        np.testing.assert_allclose(mine, theirs, atol=1e-6)
    # A model of another architecture stops with what it expected.
    other = keras_gans.build("cogan", image_shape=(8, 8, 1), latent_dim=4, base_filters=4)
    other.save(tmp_path / "other.keras")
    with pytest.raises(SystemExit, match=r"does not fit the preset's model \(CoGAN, nets "
                                         r"\['generators'\]\)"):
        train_preset.import_weights(zoo.build_preset("cogan_mnist2domain"),
                                    str(tmp_path / "other.keras"))
    with pytest.raises(SystemExit, match="holds one generator; pass a saved .keras model"):
        train_preset.import_weights(zoo.build_preset("cogan_mnist2domain"),
                                    str(tmp_path / "missing.weights.h5"))
    with pytest.raises(SystemExit, match="does not fit"):
        train_preset.import_weights(zoo.build_preset("dcgan_mnist"),
                                    str(tmp_path / "missing.weights.h5"))
    gan = zoo.build_preset("dcgan_mnist")
    shipped = gan.sampling_net()  # the EMA copy where the preset keeps one
    shipped.weights[0].assign(shipped.weights[0] + 0.5)
    shipped.save_weights(tmp_path / "g.weights.h5")
    loaded = train_preset.import_weights(zoo.build_preset("dcgan_mnist"),
                                         str(tmp_path / "g.weights.h5"))
    np.testing.assert_array_equal(loaded.generate(2, seed=0), gan.generate(2, seed=0))


# The mode benchmark runs that beat PacGAN's bars (benchmarks/README.md) whose recipe a
# shipped 2-D preset trains: (variant, mixture) → the run's knobs.
_PASSING_MODE_RUNS = {
    **{(v, "ring8"): {"pack": 2, "steps": 200_000} for v in ("nsgan", "dragan", "sngan")},
    ("lsgan", "ring8"): {"pack": 4, "steps": 200_000},
    ("wgan_gp", "ring8"): {"pack": 2, "steps": 200_000, "penalty_weight": 0.1, "n_critic": 1},
    ("nsgan", "grid25"): {"pack": 4, "steps": 400_000},
    ("lsgan", "grid25"): {"pack": 4, "steps": 400_000},
    ("dragan", "grid25"): {"pack": 4, "steps": 400_000},
    ("wgan_gp", "grid25"): {"pack": 4, "steps": 800_000, "penalty_weight": 0.1, "n_critic": 1},
}


@pytest.mark.parametrize("variant, mixture", sorted(_PASSING_MODE_RUNS))
def test_2d_presets_are_the_mode_benchmarks_passing_recipe(variant, mixture):
    """These 2-D presets train the model of a mode benchmark run that beat PacGAN's bar,
    down to the optimizers' schedules."""
    mixture_modes = _script("benchmarks/mixture_modes.py")
    from keras_gans import zoo

    knobs = dict(_PASSING_MODE_RUNS[variant, mixture])
    pack, steps = knobs.pop("pack"), knobs.pop("steps")
    preset = zoo.get(f"{variant}_{mixture}")
    mine = zoo.build_preset(preset)
    mine.compile(jit_compile=True, steps_per_execution=50)  # as train_preset.py does
    theirs = mixture_modes.make_model(
        variant, steps, preset.recipe["seed"], preset.latent_dim, lr=2e-4, pack=pack,
        maxout_pieces=5, betas=(0.8, 0.999), ema_decay=0.999, cosine=True, **knobs)

    def described(model):
        config = {k: v for k, v in model.get_config().items()
                  if k not in ("d_optimizer", "g_optimizer")}  # the defaults, replaced below
        compiled = model.get_compile_config()
        for key in ("d_optimizer", "g_optimizer"):
            compiled[key] = compiled[key]["config"]
            compiled[key].pop("name")
        return json.loads(json.dumps({**config, **compiled}, default=str))

    assert described(mine) == described(theirs)
    assert preset.recipe["steps"] == steps
    if variant == "wgan_gp":
        assert mine.n_critic == 1 and mine.d_regularizers[0].weight == 0.1


def test_recipe_compares_weights_files_by_value(tmp_path):
    train_preset = _script("zoo/recipes/train_preset.py")
    from keras_gans import zoo

    model = zoo.build_preset("dcgan_mnist")
    zoo.save_inference_weights(model, tmp_path / "a.weights.h5")
    zoo.save_inference_weights(model, tmp_path / "b.weights.h5")
    assert train_preset.same_arrays(tmp_path / "a.weights.h5", tmp_path / "b.weights.h5")
    shipped = model.sampling_net()  # the EMA copy where the preset keeps one
    shipped.weights[0].assign(shipped.weights[0] + 1.0)
    zoo.save_inference_weights(model, tmp_path / "c.weights.h5")
    assert not train_preset.same_arrays(tmp_path / "a.weights.h5", tmp_path / "c.weights.h5")


def test_recipe_ablation_reports_without_touching_the_package(tmp_path, monkeypatch, capsys):
    train_preset = _script("zoo/recipes/train_preset.py")
    from keras_gans import zoo
    from keras_gans.zoo import files, presets

    name = "nsgan_ring8"
    record = os.path.join(presets.RECORDS, f"{name}.json")
    before = {p: files.sha256_of(p) for p in (
        record, os.path.join(files.PACKAGE_WEIGHTS, zoo.get(name).weights["file"]))}
    out = tmp_path / "ablation.json"
    monkeypatch.setattr(sys, "argv", [
        "train_preset.py", name, "--overrides", '{"ema_decay": 0.9}',
        "--recipe", '{"steps": 3}', "--report", str(out),
        "--save_weights", str(tmp_path / "g.weights.h5")])
    train_preset.main()
    rep = json.loads(out.read_text())
    assert rep["overrides"] == {"ema_decay": 0.9} and rep["build"]["ema_decay"] == 0.9
    assert rep["recipe_run"]["steps"] == 3 and "--overrides" in rep["recipe_run"]["command"]
    assert rep["baseline"]["version"] == zoo.get(name).weights["version"]
    assert rep["metrics"]["num_samples"] == 2500
    assert (tmp_path / "g.weights.h5").exists()
    assert {p: files.sha256_of(p) for p in before} == before
    make_tables = _script("benchmarks/make_tables.py")
    (tmp_path / "preset_ablations").mkdir()
    out.rename(tmp_path / "preset_ablations" / "ring8_ema.json")
    monkeypatch.setattr(make_tables, "RESULTS", str(tmp_path))
    table = "\n".join(make_tables.preset_ablation_section())
    assert '| nsgan_ring8 | `{"ema_decay": 0.9, "steps": 3}` | 3 steps |' in table
    assert f"v{rep['baseline']['version']}: " in table and "ring8_ema.json" in table
    make_cards = _script("zoo/make_cards.py")
    monkeypatch.setattr(make_cards, "ABLATIONS", str(tmp_path / "preset_ablations"))
    card = make_cards.card(name)
    version = rep["baseline"]["version"]
    assert f'| ablation | v{version}\'s recipe with `{{"ema_decay": 0.9, "steps": 3}}` | 3 steps' \
        in card
    assert "| not shipped |" in card and "ring8_ema.json" in card


@pytest.mark.parametrize("argv, message", [
    (["--overrides", '{"ema_decay": 0.9}'], "name its --report"),
    (["--overrides", "[1]", "--report", "r.json"], "must be a JSON object"),
    (["--overrides", "{oops", "--report", "r.json"], "must be a JSON object"),
    (["nsgan_grid25", "--report", "r.json", "--recipe", '{"steps": 1}'], "one preset"),
])
def test_recipe_ablation_refuses_unclear_requests(argv, message, monkeypatch, capsys):
    train_preset = _script("zoo/recipes/train_preset.py")
    monkeypatch.setattr(sys, "argv", ["train_preset.py", "nsgan_ring8", *argv])
    with pytest.raises(SystemExit):
        train_preset.main()
    assert message in capsys.readouterr().err


def test_shipping_a_new_version_keeps_the_replaced_one_in_the_runs_table(tmp_path,
                                                                          monkeypatch):
    train_preset = _script("zoo/recipes/train_preset.py")
    from keras_gans import zoo

    runs = tmp_path / "runs.json"
    runs.write_text('{"lsgan_mnist": [{"run": "x"}]}\n')
    monkeypatch.setattr(train_preset, "RUNS", str(runs))
    old = zoo.get("dcgan_mnist")
    train_preset.note_replaced(old, old.weights["version"] + 1)
    rows = json.loads(runs.read_text())
    assert rows["lsgan_mnist"] == [{"run": "x"}]
    (row,) = rows["dcgan_mnist"]
    assert row["run"] == f"v{old.weights['version']}"
    assert f"IS {old.metrics['is']:.2f}" in row["figures"]
    assert row["outcome"] == f"shipped; replaced by v{old.weights['version'] + 1}"
    assert old.base_build in row["what"]
