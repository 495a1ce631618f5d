"""Promises about saving and loading (see tests/test_promises.py for the full list).

* ``GAN.save`` (``.keras``), ``GAN.save_weights`` (``.weights.h5``) and
  ``keras_gans.saving.export`` (SavedModel) are atomic: a process killed with SIGKILL in
  the middle of a save, or a save that raises half-way, leaves the previous file as it
  was (or no file) — never a half-written one. The temporary a killed writer leaves
  behind is removed by the next save to the same path.
* ``keras_gans.saving.load_model`` loads with Keras ``safe_mode=True``: a ``.keras`` file
  holding a ``Lambda`` layer (Python bytecode) is refused with ``UnsafeModelError``;
  truncated or foreign files give ``InvalidInputError`` naming the file.
"""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import keras
import numpy as np
import pytest
import tensorflow as tf
from conftest import build_tiny, compile_mode

from keras_gans import saving
from keras_gans.errors import InvalidInputError, UnsafeModelError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LATENT = np.random.default_rng(0).normal(size=(3, 4)).astype(np.float32)


def _digest(path):
    """sha256 of a file, or of every file (with its relative name) of a directory."""
    h = hashlib.sha256()
    if os.path.isdir(path):
        for root, dirs, files in sorted(os.walk(path)):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                h.update(os.path.relpath(full, path).encode())
                with open(full, "rb") as f:
                    h.update(f.read())
    else:
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def _temporaries(directory):
    return [n for n in os.listdir(directory) if n.startswith(".tmp-")]


def _bump(gan):
    """Changes every generator weight, so a new save differs from the old file."""
    gan.generator.set_weights([w + 1.0 for w in gan.generator.get_weights()])


def _tiny_gan():
    gan = build_tiny("dcgan")
    compile_mode(gan, "eager")
    return gan


# --------------------------------------------------------------------- one save each
WRITERS = {
    "keras": ("gan.keras", lambda gan, path: gan.save(path)),
    "weights": ("gan.weights.h5", lambda gan, path: gan.save_weights(path)),
    "savedmodel": ("gan_savedmodel",
                   lambda gan, path: saving.export(gan.generator, path, verbose=False)),
}
UNPROTECTED = {  # the same writes straight through Keras: the control group
    "keras": lambda gan, path: keras.saving.save_model(gan, path),
    "weights": lambda gan, path: keras.saving.save_weights(gan, path),
    "savedmodel": lambda gan, path: keras.Model.export(gan.generator, path, verbose=False),
}


def _fail_half_way(monkeypatch, gan, kind):
    """Makes the next write of ``kind`` raise after part of it is on disk."""
    if kind == "savedmodel":
        def partial_then_fail(obj, export_dir, *args, **kwargs):
            os.makedirs(os.path.join(export_dir, "variables"), exist_ok=True)
            with open(os.path.join(export_dir, "saved_model.pb"), "wb") as f:
                f.write(b"\x08half")
            raise OSError("disk full (simulated)")

        monkeypatch.setattr(tf.saved_model, "save", partial_then_fail)
        return
    from keras.src.saving import saving_lib

    original = saving_lib._save_state

    def save_state(saveable, *args, **kwargs):
        if saveable is gan.discriminator:  # the generator is written, D is not
            raise OSError("disk full (simulated)")
        return original(saveable, *args, **kwargs)

    monkeypatch.setattr(saving_lib, "_save_state", save_state)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_save_that_fails_half_way_leaves_the_old_file(tmp_path, monkeypatch, kind):
    name, write = WRITERS[kind]
    gan = _tiny_gan()
    path = str(tmp_path / name)
    write(gan, path)
    old = _digest(path)
    _bump(gan)
    with monkeypatch.context() as patch:
        _fail_half_way(patch, gan, kind)
        with pytest.raises(OSError, match="simulated"):
            write(gan, path)
    assert _digest(path) == old
    assert _temporaries(tmp_path) == []
    # Control: the same failure through Keras directly does damage the file, so the
    # check above can fail.
    with monkeypatch.context() as patch:
        _fail_half_way(patch, gan, kind)
        with pytest.raises(OSError, match="simulated"):
            UNPROTECTED[kind](gan, path)
    assert not os.path.exists(path) or _digest(path) != old


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_failed_first_save_leaves_no_file(tmp_path, monkeypatch, kind):
    name, write = WRITERS[kind]
    gan = _tiny_gan()
    _fail_half_way(monkeypatch, gan, kind)
    with pytest.raises(OSError, match="simulated"):
        write(gan, str(tmp_path / name))
    assert os.listdir(tmp_path) == []


def test_saves_round_trip_and_replace_the_old_file(tmp_path):
    gan = _tiny_gan()
    for kind, (name, write) in WRITERS.items():
        write(gan, str(tmp_path / name))
    _bump(gan)
    for kind, (name, write) in WRITERS.items():
        write(gan, str(tmp_path / name))  # over the old file / directory
    expected = gan.generator(LATENT, training=False).numpy()
    loaded = saving.load_model(tmp_path / "gan.keras")
    np.testing.assert_array_equal(loaded.generator(LATENT, training=False), expected)
    fresh = build_tiny("dcgan")
    fresh.load_weights(str(tmp_path / "gan.weights.h5"))
    np.testing.assert_array_equal(fresh.generator(LATENT, training=False), expected)
    served = tf.saved_model.load(str(tmp_path / "gan_savedmodel"))
    np.testing.assert_allclose(served.serve(LATENT), expected, atol=1e-6)
    assert _temporaries(tmp_path) == []


def test_write_json_reports_are_whole_or_the_old_one(tmp_path):
    """Benchmark and training reports: numbers from NumPy/TF come out as numbers, and a
    report that fails half-way (a value json cannot take) leaves the previous one."""
    import json

    from keras_gans.saving import write_json

    path = tmp_path / "runs" / "report.json"  # the directory is made
    write_json({"fid": np.float32(1.5), "counts": np.arange(3), "loss": tf.constant(0.25),
                "name": "σ‖∇D‖"}, str(path))
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "fid": 1.5, "counts": [0, 1, 2], "loss": 0.25, "name": "σ‖∇D‖"}
    old = path.read_bytes()
    loop = []
    loop.append(loop)  # json.dump raises ValueError (circular reference) mid-write
    with pytest.raises(ValueError, match="[Cc]ircular"):
        write_json({"fid": 2.0, "loop": loop}, str(path))
    assert path.read_bytes() == old
    assert os.listdir(path.parent) == ["report.json"]


def test_save_argument_errors_write_nothing(tmp_path):
    gan = _tiny_gan()
    with pytest.raises(InvalidInputError, match=r"ending in \.weights\.h5.*gan\.h5"):
        gan.save_weights(str(tmp_path / "gan.h5"))
    with pytest.raises(InvalidInputError, match=r"ending in \.keras.*gan\.zip"):
        gan.save(str(tmp_path / "gan.zip"))
    with pytest.raises(InvalidInputError, match="max_shard_size"):
        gan.save_weights(str(tmp_path / "gan.weights.json"), max_shard_size="1MB")
    gan.save(str(tmp_path / "gan.keras"))
    before = _digest(tmp_path / "gan.keras")
    with pytest.raises(InvalidInputError, match="exists and overwrite=False"):
        gan.save(str(tmp_path / "gan.keras"), overwrite=False)
    assert _digest(tmp_path / "gan.keras") == before
    (tmp_path / "taken.keras").mkdir()
    with pytest.raises(InvalidInputError, match="a directory of that name exists"):
        gan.save(str(tmp_path / "taken.keras"))
    assert sorted(os.listdir(tmp_path)) == ["gan.keras", "taken.keras"]


# --------------------------------------------------------------------- SIGKILL mid-save
CHILD = textwrap.dedent("""
    import os, shutil, sys, time
    sys.path.insert(0, os.path.join({root!r}, "tests"))
    from conftest import build_tiny
    from keras.src.saving import saving_lib

    directory, kind = sys.argv[1], sys.argv[2]
    gan = build_tiny("dcgan")
    gan.compile()
    save = gan.save if kind == "keras" else gan.save_weights
    path = os.path.join(directory, "gan.keras" if kind == "keras" else "gan.weights.h5")
    save(path)                                   # the old, good file
    shutil.copyfile(path, os.path.join(directory, "old-copy"))
    gan.generator.set_weights([w + 1.0 for w in gan.generator.get_weights()])
    original = saving_lib._save_state

    def save_state(saveable, *args, **kwargs):
        if saveable is gan.discriminator:        # half-way: G written, D not yet
            open(os.path.join(directory, "half-way"), "w").close()
            time.sleep(300)                      # the parent kills us here
        return original(saveable, *args, **kwargs)

    saving_lib._save_state = save_state
    save(path)
""")


def test_sigkill_during_a_save_leaves_the_old_file(tmp_path):
    """A real ``kill -9`` while Keras is writing: the old file survives intact."""
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=ROOT))
    env = {**os.environ, "PYTHONPATH": ROOT, "TF_CPP_MIN_LOG_LEVEL": "3"}
    children = {}
    for kind in ("keras", "weights"):  # both at once: the imports dominate the time
        directory = tmp_path / kind
        directory.mkdir()
        children[kind] = (directory, subprocess.Popen(
            [sys.executable, str(script), str(directory), kind], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
    try:
        for kind, (directory, child) in children.items():
            deadline = time.monotonic() + 240
            while not (directory / "half-way").exists():
                assert child.poll() is None, child.stdout.read().decode()[-2000:]
                assert time.monotonic() < deadline, f"{kind}: child never reached the save"
                time.sleep(0.2)
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        for _, child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()

    gan = build_tiny("dcgan")
    for kind, (directory, _) in children.items():
        name = "gan.keras" if kind == "keras" else "gan.weights.h5"
        left = _temporaries(directory)
        assert len(left) == 1 and left[0].endswith(name), left  # the interrupted write
        # Byte for byte the old file, not the bumped weights the killed save was writing,
        # and it loads.
        assert _digest(directory / name) == _digest(directory / "old-copy")
        if kind == "keras":
            assert isinstance(saving.load_model(directory / name), type(gan))
        else:
            build_tiny("dcgan").load_weights(str(directory / name))
        # The next save to the same path removes the dead writer's temporary.
        WRITERS[kind][1](gan, str(directory / name))
        assert _temporaries(directory) == []


# --------------------------------------------------------------------- safe loading
def test_load_model_refuses_a_lambda_layer(tmp_path):
    inputs = keras.Input((3,))
    outputs = keras.layers.Lambda(lambda x: x * 2.0)(inputs)
    path = str(tmp_path / "lambda.keras")
    keras.Model(inputs, outputs).save(path)
    with pytest.raises(UnsafeModelError, match=r"lambda\.keras.*safe mode.*safe_mode=False"):
        saving.load_model(path)
    assert issubclass(UnsafeModelError, InvalidInputError)


def test_load_model_errors_name_the_file(tmp_path):
    gan = _tiny_gan()
    good = str(tmp_path / "gan.keras")
    gan.save(good)
    raw = open(good, "rb").read()
    (tmp_path / "cut.keras").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InvalidInputError, match=r"cut\.keras.*truncated, corrupt"):
        saving.load_model(tmp_path / "cut.keras")
    with pytest.raises(InvalidInputError, match=r"No model file at .*missing\.keras"):
        saving.load_model(tmp_path / "missing.keras")
    with pytest.raises(InvalidInputError, match=r"ending in \.keras"):
        saving.load_model(tmp_path / "gan.pkl")
    assert isinstance(saving.load_model(good), type(gan))


def test_load_model_in_a_fresh_process_finds_structured_and_translation_classes(tmp_path):
    """A new process has imported none of keras_gans' lazily loaded modules; loading
    a CoGAN / InfoGAN file must not depend on the caller having built one first."""
    import keras_gans

    for name, kwargs in (("cogan", {"base_filters": 4}), ("infogan", {"base_filters": 4})):
        model = keras_gans.build(name, image_shape=(8, 8, 1), latent_dim=4, **kwargs)
        model.compile()
        model.save(str(tmp_path / f"{name}.keras"))
    code = ("import sys; from keras_gans import saving\n"
            "for p in sys.argv[1:]: print(type(saving.load_model(p)).__name__)")
    env = {**os.environ, "PYTHONPATH": ROOT, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "cogan.keras"),
                           str(tmp_path / "infogan.keras")], env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["CoGAN", "InfoGAN"]
