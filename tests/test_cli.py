"""The command line; its main job (README): `keras-gans train` writes a preset folder."""

import json
import os
import re
import struct
import subprocess
import sys

import numpy as np

import pytest

from keras_gans import cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_train_main_job_writes_grid_and_report(tmp_path, capsys):
    out = tmp_path / "run"
    code = cli.main(["train", "dcgan", "--steps_per_epoch", "2", "--batch_size", "8",
                     "--out", str(out), "--overrides", '{"base_filters": 4}'])
    assert code == 0
    report = json.loads((out / "record.json").read_text())
    assert report["variant"] == "dcgan" and report["generator_updates"] == 2
    assert report["data_shape"] == [28, 28, 1]
    assert all(np.isfinite(v).all() for v in report["history"].values())
    assert report["environment"]["tensorflow"]
    # how readable the digits are, measured at the end of the main job and printed
    quality = report["quality"]
    assert 1.0 <= quality["inception_score"] <= 10.0 and quality["num_samples"] == 2000
    assert 1 <= quality["classes_covered"] <= 10
    png = (out / "samples.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    printed = capsys.readouterr().out
    assert "samples.png" in printed and '"inception_score"' in printed
    # the output is a preset folder: the zoo, sample and describe take it as a name
    from keras_gans import zoo

    preset = zoo.get(str(out))
    assert preset.recipe["batch_size"] == 8 and preset.build["base_filters"] == 4
    assert set(os.listdir(out)) == {"config.json", "model.weights.h5", "record.json",
                                    "samples.png", "train_state.weights.h5"}
    assert zoo.load(str(out)).generate(2, seed=0).shape == (2, 28, 28, 1)
    assert cli.main(["sample", str(out), "--n", "8", "--out", str(tmp_path / "g.png")]) == 0
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_train_conditional_variant_trains_on_labels_and_draws_a_column_per_class(tmp_path):
    """The embedded digits carry labels: a class-conditional variant trains on them (it
    was refused as unlabelled), and its grid has one column per digit."""
    out = tmp_path / "run"
    assert cli.main(["train", "cgan", "--steps_per_epoch", "2", "--batch_size", "8",
                     "--out", str(out), "--overrides", '{"base_filters": 4}']) == 0
    report = json.loads((out / "record.json").read_text())
    assert report["generator_updates"] == 2 and "d_mismatch" in report["history"]
    assert report["quality"]["num_samples"] == 2000
    png = (out / "samples.png").read_bytes()
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert width == height == 10 * (28 + 2) + 2  # 10 × 10 tiles, 2 px apart


def test_train_on_mixture_reports_mode_metrics(tmp_path, capsys):
    out = tmp_path / "ring"
    assert cli.main(["train", "nsgan", "--dataset", "ring8", "--steps_per_epoch", "3",
                     "--batch_size", "16", "--out", str(out)]) == 0
    report = json.loads((out / "record.json").read_text())
    assert report["mode_metrics"]["num_modes"] == 8
    assert report["mode_metrics"]["num_samples"] == 2500
    capsys.readouterr()
    assert cli.main(["evaluate", str(out), "--num_samples", "300"]) == 0  # the folder
    measured = json.loads(capsys.readouterr().out)
    assert measured["num_modes"] == 8 and measured["num_samples"] == 300


def test_train_jit_auto_probes_this_machine_and_records_the_figures(tmp_path, capsys):
    out = tmp_path / "ring"
    assert cli.main(["train", "nsgan", "--dataset", "ring8", "--steps_per_epoch", "2",
                     "--batch_size", "16", "--jit_compile", "auto", "--out", str(out)]) == 0
    report = json.loads((out / "record.json").read_text())
    probe = report["xla_probe"]
    assert probe["graph_images_per_second"] > 0 and probe["xla_images_per_second"] > 0
    chosen = probe["xla_images_per_second"] >= 1.05 * probe["graph_images_per_second"]
    assert probe["jit_compile"] is chosen and report["jit_compile"] is chosen
    assert '"xla_probe"' in capsys.readouterr().out  # shown to the user, not only stored
    assert cli.parser().parse_args(["train", "dcgan", "--jit_compile"]).jit_compile == "on"


def test_cli_errors_are_one_clear_line(tmp_path, capsys):
    assert cli.main(["train", "wgan-gp", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("keras-gans: error: Unknown variant 'wgan-gp'")
    assert "Traceback" not in err
    assert not os.path.exists(tmp_path / "record.json")


def test_list(capsys):
    assert cli.main(["list"]) == 0
    assert "wgan_gp" in capsys.readouterr().out.split()


def test_flags_take_either_spelling():
    for spelling in ("--with_weights", "--with-weights"):
        assert cli.parser().parse_args(["list", spelling]).with_weights
    for spelling in ("--batch_size", "--batch-size"):
        assert cli.parser().parse_args(["train", "dcgan", spelling, "8"]).batch_size == 8


def test_help_shows_each_flag_once_with_its_default(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["train", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--batch_size BATCH_SIZE" in text and "--batch-size" not in text
    assert re.search(r"--epochs EPOCHS\s+\S.*\(default: 1\)", text)
    assert "(default: 64)" in text and "-h, --help" in text


def test_describe_prints_utf8(capsys):
    assert cli.main(["describe", "dcgan_mnist"]) == 0
    out = capsys.readouterr().out
    assert "CC BY-SA 3.0 — Yann LeCun" in out and "\\u2014" not in out


def test_list_describe_and_help_do_not_import_tensorflow():
    """They answer from the preset declarations and the generated variant index (kept
    current by test_zoo's card check)."""
    code = ("import sys, contextlib, io\n"
            "from keras_gans import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    assert cli.main(['list']) == 0\n"
            "    assert cli.main(['list', '--presets', '-v']) == 0\n"
            "    assert cli.main(['list', '--with-weights']) == 0\n"
            "    assert cli.main(['describe', 'dcgan_mnist']) == 0\n"
            "    assert cli.main(['describe', 'wgan_gp']) == 0\n"
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules\n"
            "print(len(out.getvalue().splitlines()))")
    env = {**os.environ, "PYTHONPATH": ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 50


def test_a_reader_closing_the_pipe_early_gets_no_traceback():
    """``keras-gans list | head -1``: the command stops quietly when its reader does."""
    env = {**os.environ, "PYTHONPATH": ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = "import sys; sys.argv[1:] = ['list', '--presets', '-v']; " \
           "from keras_gans.cli import command; command()"
    reader = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, bufsize=0)
    first = reader.stdout.read(64)
    reader.stdout.close()  # as head does after its line
    _, err = reader.communicate(timeout=60)
    assert first and reader.returncode in (0, 1)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()[-2000:]


def test_index_answers_as_the_registry_does(capsys):
    """list and describe from the index print what the live registry gives."""
    from keras_gans import _index, zoo
    from keras_gans.variants import describe_variant, list_variants, variant_reference

    index = _index.read_index()
    assert list(index["variants"]) == list_variants()
    for name in list_variants():
        assert index["variants"][name] == describe_variant(name)
        assert index["papers"][name] == variant_reference(name)
    assert cli.main(["list", "--with-weights"]) == 0
    assert capsys.readouterr().out.split() == zoo.list(with_weights=True)


NOISE = (b"WARNING: All log messages before absl::InitializeLog() is called are written to "
         b"STDERR\n"
         b"I0000 00:00:1796288194.893582    4456 port.cc:153] oneDNN custom operations are "
         b"on.\n"
         b"E0000 00:00:1796287605.888295    3033 cuda_platform.cc:52] failed call to cuInit\n"
         b"To enable the following instructions: AVX2 AVX512F FMA, in other operations\n")


@pytest.mark.parametrize("user_level", [None, "0"])
def test_command_quiets_tensorflow_native_log_lines(user_level):
    """The console command drops TF's start-up lines from stderr (they are written before
    TF_CPP_MIN_LOG_LEVEL is read) and keeps everything else; a level the user set wins."""
    code = ("import os\n"
            "from keras_gans._native_logs import quiet_native_logs\n"
            "quiet_native_logs()\n"
            f"os.write(2, {NOISE!r})\n"
            "os.write(2, b'E0000 00:00:1.0  1 saver.cc:9] a real error\\n')\n"
            "import sys; print('python line', file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    env["PYTHONPATH"] = ROOT
    if user_level is not None:
        env["TF_CPP_MIN_LOG_LEVEL"] = user_level
    err = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         timeout=60).stderr
    assert b"a real error" in err and b"python line" in err
    assert (b"oneDNN" in err and b"cuInit" in err) == (user_level is not None)


def test_errors_give_the_commands_own_advice(capsys):
    """The command words its errors with its flags, not with Python arguments."""
    assert cli.main(["describe", "dcgan_mnst"]) == 2
    err = capsys.readouterr().err
    assert "`keras-gans list --presets`" in err and "zoo.list()" not in err
    from keras_gans import data
    from keras_gans.errors import DatasetUnavailableError

    with pytest.raises(DatasetUnavailableError) as missing:
        data.from_tfds("mnist", data_dir=os.path.join(ROOT, "no_such_tfds_dir"),
                       download=False)
    assert "keras_gans.data.from_idx_dir" in str(missing.value)
    assert "--data idx:DIR" in missing.value.cli_message
    assert "from_idx_dir" not in missing.value.cli_message


def test_train_preset_runs_its_recipe_on_an_image_folder(tmp_path, capsys):
    """`keras-gans train --preset` from the installed package: a 64×64×3 preset on a tiny
    made-up image folder, two steps, written as a preset folder the zoo loads."""
    from keras_gans import images, zoo

    faces = tmp_path / "faces"
    faces.mkdir()
    rng = np.random.default_rng(0)
    for i in range(64):  # one batch of the recipe's 64
        images.save_png(rng.integers(0, 256, (12, 16, 3), dtype=np.uint8),
                        str(faces / f"{i}.png"))
    out = tmp_path / "run"
    assert cli.main(["train", "--preset", "dcgan_celeba", "--data", f"folder:{faces}",
                     "--steps", "2", "--out", str(out),
                     "--backup_dir", str(tmp_path / "backup")]) == 0
    assert f"wrote the preset folder {out}" in capsys.readouterr().out
    preset = zoo.get(str(out))
    assert preset.name == "dcgan_celeba" and preset.image_shape == (64, 64, 3)
    assert preset.recipe == zoo.get("dcgan_celeba").recipe  # the declared recipe
    run = preset.record["recipe_run"]
    assert run["generator_updates"] == 2 and run["steps_run"] == 2
    assert run["data"] == "folder:path/to/faces"  # as a user types it, not this machine's path
    assert "Inception" in preset.metrics["not_measured"]
    assert zoo.load(str(out)).generate(2, seed=0).shape == (2, 64, 64, 3)
    assert (out / "samples.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("argv, message", [
    (["train", "dcgan", "--preset", "dcgan_mnist"], "a variant or --preset, not both"),
    (["train", "--preset", "dcgan_mnist", "--epochs", "3"], "--epochs would change it"),
    (["train", "--preset", "dcgan_mnist", "--data", "folder:x"],
     "data must be idx:DIR or tfds:NAME; got 'folder:x'"),
    (["train", "--preset", "nsgan_ring8", "--data", "idx:x"], "it takes no data"),
    (["train", "dcgan", "--data", "idx:x"], "--data and --steps go with --preset"),
    (["train"], "train needs a variant"),
])
def test_train_preset_refuses_what_would_change_the_recipe(argv, message, tmp_path, capsys):
    assert cli.main(argv + ["--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
