"""The main job (README): `keras-gans train` writes samples.png and report.json."""

import json
import os

import numpy as np

from keras_gans import cli


def test_train_main_job_writes_grid_and_report(tmp_path, capsys):
    out = tmp_path / "run"
    code = cli.main(["train", "dcgan", "--steps_per_epoch", "2", "--batch_size", "8",
                     "--out", str(out), "--overrides", '{"base_filters": 4}'])
    assert code == 0
    report = json.loads((out / "report.json").read_text())
    assert report["variant"] == "dcgan" and report["generator_updates"] == 2
    assert report["data_shape"] == [28, 28, 1]
    assert all(np.isfinite(v).all() for v in report["history"].values())
    assert report["environment"]["tensorflow"]
    png = (out / "samples.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1000
    assert "samples.png" in capsys.readouterr().out


def test_train_on_mixture_reports_mode_metrics(tmp_path):
    out = tmp_path / "ring"
    assert cli.main(["train", "nsgan", "--dataset", "ring8", "--steps_per_epoch", "3",
                     "--batch_size", "16", "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["mode_metrics"]["num_modes"] == 8
    assert report["mode_metrics"]["num_samples"] == 2500


def test_cli_errors_are_one_clear_line(tmp_path, capsys):
    assert cli.main(["train", "wgan-gp", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("keras-gans: error: Unknown variant 'wgan-gp'")
    assert "Traceback" not in err
    assert not os.path.exists(tmp_path / "report.json")


def test_list(capsys):
    assert cli.main(["list"]) == 0
    assert "wgan_gp" in capsys.readouterr().out.split()
