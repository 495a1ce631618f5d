"""Preset folders (keras_gans.zoo.folders): save_preset → zoo.load round trips, and every
way a folder can be wrong refused by name before anything is built."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import keras_gans
from keras_gans import zoo
from keras_gans.errors import ChecksumError, InvalidInputError, UnknownNameError
from keras_gans.zoo import folders

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _tiny(**overrides):
    return keras_gans.build("nsgan", image_shape=(2,), latent_dim=2, hidden_units=[8],
                            seed=3, **overrides)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("presets") / "tiny"
    extra = path.parent / "notes.txt"
    extra.write_text("trained for two steps\n")
    model = _tiny()
    zoo.save_preset(model, str(path), dataset="ring8", recipe={"steps": 2},
                    record={"metrics": {"modes_captured": 1}}, files={"notes.txt": str(extra)})
    np.save(path.parent / "samples.npy", model.generate(5, seed=1))
    return path


def _copy(folder, tmp_path):
    import shutil

    dest = tmp_path / "copy"
    shutil.copytree(folder, dest)
    return dest


def _edit_config(path, edit):
    config = json.loads((path / "config.json").read_text())
    edit(config)
    (path / "config.json").write_text(json.dumps(config))


def test_round_trip_gives_the_same_model(folder):
    # same seed, same shapes, same machine -> the same samples, exactly
    model = zoo.load(str(folder))
    np.testing.assert_array_equal(model.generate(5, seed=1),
                                  np.load(folder.parent / "samples.npy"))
    assert model.preset == "tiny"
    config = json.loads((folder / "config.json").read_text())
    assert config["variant"] == "nsgan" and config["dataset"] == "ring8"
    assert config["build"] == {"image_shape": [2], "latent_dim": 2, "hidden_units": [8],
                               "seed": 3}
    assert set(config["files"]) == {"model.weights.h5", "record.json", "notes.txt"}
    assert set(config["versions"]) == {"keras_gans", "keras", "tensorflow"}
    described = zoo.describe(str(folder))
    assert described["metrics"] == {"modes_captured": 1}
    assert described["recipe"] == {"steps": 2} and described["folder"] == str(folder)


def test_a_zoo_preset_saved_as_a_folder_keeps_its_name_dataset_and_recipe(tmp_path):
    preset = zoo.load("nsgan_ring8")
    zoo.save_preset(preset, str(tmp_path / "mine"))
    again = zoo.get(str(tmp_path / "mine"))
    assert (again.name, again.dataset) == ("nsgan_ring8", "ring8")
    assert again.recipe == zoo.get("nsgan_ring8").recipe
    np.testing.assert_array_equal(zoo.load(str(tmp_path / "mine")).generate(4, seed=0),
                                  preset.generate(4, seed=0))


def test_loading_a_folder_hashes_each_file_once_yet_sees_a_later_rewrite(folder, tmp_path,
                                                                          monkeypatch):
    from keras_gans import saving
    from keras_gans.errors import ChecksumError
    from keras_gans.zoo import files

    hashed = []
    real = saving.file_sha256

    def counted(path):
        hashed.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(saving, "file_sha256", counted)
    monkeypatch.setattr(files, "sha256_of", counted)
    copy = _copy(folder, tmp_path)
    zoo.load(str(copy))
    assert sorted(hashed) == sorted(json.loads((copy / "config.json").read_text())["files"])
    # a weights file rewritten between reading the folder and loading it is hashed again
    preset = zoo.get(str(copy))
    weights = copy / "model.weights.h5"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    with pytest.raises(ChecksumError, match="model.weights.h5"):
        zoo.resolve_weights(preset)


@pytest.mark.parametrize("edit, error, match", [
    (lambda c: c["files"]["model.weights.h5"].update(sha256="0" * 64), ChecksumError,
     "was changed after the folder was saved"),
    (lambda c: c["build"].update(latent_dim=3), InvalidInputError,
     "config.json and model.weights.h5 do not make a model"),
    (lambda c: c["build"].update(hidden_units=[9]), InvalidInputError,
     "do not make a model"),
    (lambda c: c.update(variant="nsgan2"), UnknownNameError, "Unknown variant 'nsgan2'"),
    (lambda c: c["build"].update(image_shape="2"), InvalidInputError,
     "build.image_shape must be a list"),
    (lambda c: c.update(format="keras_hub"), InvalidInputError, "'format' must be"),
    (lambda c: c.update(format_version=99), InvalidInputError, "a newer keras_gans"),
    (lambda c: c["files"].update({"../x": {"sha256": "0" * 64}}), InvalidInputError,
     "plain file name"),
])
def test_a_tampered_or_mismatched_config_is_refused(folder, tmp_path, edit, error, match):
    path = _copy(folder, tmp_path)
    _edit_config(path, edit)
    with pytest.raises(error, match=match):
        zoo.load(str(path))


def test_damaged_missing_or_unreadable_files_are_refused(folder, tmp_path):
    path = _copy(folder, tmp_path)
    with open(path / "model.weights.h5", "r+b") as f:
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
        f.seek(-1, os.SEEK_END)
        f.write(bytes([last[0] ^ 1]))
    with pytest.raises(ChecksumError, match="model.weights.h5 has sha256"):
        zoo.load(str(path))
    os.remove(path / "model.weights.h5")
    with pytest.raises(InvalidInputError, match="lists model.weights.h5, which is missing"):
        zoo.load(str(path))
    (path / "config.json").write_text("{not json")
    with pytest.raises(InvalidInputError, match="config.json is not valid JSON"):
        zoo.load(str(path))
    os.remove(path / "config.json")
    with pytest.raises(InvalidInputError, match="is not a preset folder: it has no config"):
        zoo.load(str(path))
    with pytest.raises(InvalidInputError, match="is not a preset folder"):
        zoo.load(str(tmp_path / "no" / "such"))


def test_save_refuses_what_it_cannot_write_whole(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "data.csv").write_text("1,2\n")
    with pytest.raises(InvalidInputError, match="exists and is not a preset folder"):
        zoo.save_preset(_tiny(), str(busy))
    assert os.listdir(busy) == ["data.csv"]  # untouched
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInputError, match="a file of that name exists"):
        zoo.save_preset(_tiny(), str(tmp_path / "file"))
    with pytest.raises(InvalidInputError, match="has no JSON form"):
        zoo.save_preset(_unsaveable(), str(tmp_path / "x"))
    import keras

    gan = _tiny()
    gan.save(str(tmp_path / "gan.keras"))
    loaded = keras.saving.load_model(str(tmp_path / "gan.keras"))
    with pytest.raises(InvalidInputError, match="was not made by keras_gans.build"):
        zoo.save_preset(loaded, str(tmp_path / "y"))
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def _unsaveable():
    """A model whose build took an argument JSON cannot hold (the checks of build() refuse
    the ones a user could pass, so the record is made directly)."""
    from keras_gans.variants import _build_record

    gan = _tiny()
    gan._keras_gans_build = _build_record("nsgan", (2,), 2, {"activation": object()})
    return gan


def test_saving_over_a_preset_folder_replaces_it_whole(folder, tmp_path):
    path = _copy(folder, tmp_path)
    zoo.save_preset(_tiny(), str(path))  # no record, no extra file this time
    assert sorted(os.listdir(path)) == ["config.json", "model.weights.h5"]
    with pytest.raises(InvalidInputError, match="overwrite=False"):
        zoo.save_preset(_tiny(), str(path), overwrite=False)


_SAVER = """
import sys, keras_gans
gan = keras_gans.build("nsgan", image_shape=(2,), latent_dim=2, hidden_units=[8],
                       seed=int(sys.argv[2]))
record = {"seed": int(sys.argv[2]), "samples": gan.generate(3, seed=0).tolist()}
for _ in range(3):
    keras_gans.zoo.save_preset(gan, sys.argv[1], record=record)
"""


def test_two_processes_saving_to_one_folder_leave_one_whole_folder(tmp_path):
    path = str(tmp_path / "shared")
    env = dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3")
    procs = [subprocess.Popen([sys.executable, "-c", _SAVER, path, str(seed)], env=env,
                              stderr=subprocess.PIPE, text=True) for seed in (1, 2)]
    for proc in procs:
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-3000:]
    preset = zoo.get(path)  # every file verifies against its config
    model = zoo.load(path)
    # config, weights and record all come from one writer
    assert preset.build["seed"] == preset.record["seed"]
    np.testing.assert_allclose(model.generate(3, seed=0), preset.record["samples"],
                               rtol=1e-6, atol=1e-7)
    assert os.listdir(tmp_path) == ["shared"]  # no temporaries, no lock files


# ------------------------------------------------------------------ Hugging Face Hub
# These machines cannot reach the Hub: a loopback server answers as the Hub's resolve
# endpoint does (HEAD for metadata, GET for bytes), and the real huggingface_hub client
# talks to it through HF_ENDPOINT. What is not tested: auth tokens, private repos, the
# Hub's redirects to its CDN.
@pytest.fixture
def hub(tmp_path, monkeypatch):
    import hashlib
    import http.server
    import threading

    served = {}  # "owner/repo/file" -> bytes
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, body):
            requests.append((self.command, self.path))
            repo_path = self.path.split("?")[0].lstrip("/").replace("/resolve/main/", "/")
            data = served.get(repo_path)
            if data is None:
                self.send_response(404)
                self.send_header("X-Error-Code", "EntryNotFound")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", f'"{hashlib.sha256(data).hexdigest()}"')
            self.send_header("X-Repo-Commit", "c" * 40)
            self.end_headers()
            if body:
                self.wfile.write(data)

        def do_HEAD(self):  # noqa: N802 - the http.server API
            self._answer(False)

        def do_GET(self):  # noqa: N802
            self._answer(True)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    yield served, requests
    server.shutdown()


def _publish(served, folder, repo):
    for name in os.listdir(folder):
        served[f"{repo}/{name}"] = (folder / name).read_bytes()


def test_a_preset_folder_loads_from_the_hub_verified_and_cached(folder, hub):
    served, requests = hub
    _publish(served, folder, "someone/tiny-gan")
    model = zoo.load("hf://someone/tiny-gan")
    np.testing.assert_array_equal(model.generate(5, seed=1),
                                  np.load(folder.parent / "samples.npy"))
    assert zoo.describe("hf://someone/tiny-gan")["metrics"] == {"modes_captured": 1}
    fetched = len(requests)
    served.clear()  # the cached, verified copy serves without the network
    zoo.load("hf://someone/tiny-gan")
    assert len(requests) == fetched
    cache = os.path.join(os.environ["KERAS_GANS_CACHE"], "hf")
    assert sorted(e for e in os.listdir(cache) if not e.endswith(".lock")) == \
        ["someone--tiny-gan--main"]  # no staging folder left


def test_a_tampered_hub_folder_is_refused_and_not_cached(folder, hub):
    served, _ = hub
    _publish(served, folder, "someone/tampered")
    served["someone/tampered/model.weights.h5"] += b"\0"
    with pytest.raises(ChecksumError, match="model.weights.h5 has sha256"):
        zoo.load("hf://someone/tampered")
    cache = os.path.join(os.environ["KERAS_GANS_CACHE"], "hf")
    assert [e for e in os.listdir(cache) if not e.endswith(".lock")] == []
    from keras_gans.errors import DatasetUnavailableError

    with pytest.raises(DatasetUnavailableError, match="could not download the preset folder "
                       "hf://someone/absent"):
        zoo.load("hf://someone/absent")
    with pytest.raises(InvalidInputError, match="hf://owner/repo"):
        zoo.load("hf://just-a-name")


def test_hub_weights_of_a_declared_preset_go_through_the_verified_cache(hub, tmp_path,
                                                                       monkeypatch):
    import dataclasses

    from keras_gans.zoo import files, presets

    served, _ = hub
    model = _tiny()
    path = tmp_path / "w.weights.h5"
    zoo.save_inference_weights(model, str(path), storage_dtype=None)
    served["someone/weights/tiny.weights.h5"] = path.read_bytes()
    declared = presets._PRESETS["nsgan_ring8"]
    tiny = dataclasses.replace(declared, build={"hidden_units": [8]}, latent_dim=2,
                               weights={"hf": "hf://someone/weights/tiny.weights.h5",
                                        "sha256": files.sha256_of(str(path)), "version": 1})
    monkeypatch.setitem(presets._PRESETS, "nsgan_ring8", tiny)
    loaded = zoo.load("nsgan_ring8")
    np.testing.assert_array_equal(loaded.generate(4, seed=0), model.generate(4, seed=0))
    monkeypatch.setitem(presets._PRESETS, "nsgan_ring8", dataclasses.replace(
        tiny, weights={**tiny.weights, "sha256": "0" * 64, "version": 2}))
    with pytest.raises(ChecksumError, match="expected 0000"):
        zoo.load("nsgan_ring8")


def test_hub_sources_without_the_client_say_how_to_install_it(monkeypatch, tmp_path):
    from keras_gans.errors import DatasetUnavailableError

    monkeypatch.setitem(sys.modules, "huggingface_hub", None)  # import fails
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path))
    with pytest.raises(DatasetUnavailableError, match=r"pip install 'keras_gans\[hub\]'"):
        zoo.load("hf://someone/anything")


@pytest.mark.parametrize("variant", ["cgan", "vaegan", "cyclegan", "cogan"])
def test_structured_and_translation_models_round_trip_as_folders(variant, tmp_path):
    from conftest import build_tiny, tiny_data

    model = build_tiny(variant)
    zoo.save_preset(model, str(tmp_path / variant))
    loaded = zoo.load(str(tmp_path / variant))
    assert type(loaded) is type(model)
    # same seed, same shapes, same machine -> the same outputs, exactly
    if hasattr(model, "generate"):  # CoGAN samples pairs
        np.testing.assert_array_equal(np.asarray(loaded.generate(3, seed=0)),
                                      np.asarray(model.generate(3, seed=0)))
    else:
        x = tiny_data(n=2)
        np.testing.assert_array_equal(loaded.translate(x, "a2b"), model.translate(x, "a2b"))
