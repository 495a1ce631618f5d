"""Fault tolerance: a training run killed with SIGKILL resumes from its last backup.

``keras-gans train --backup_dir`` runs in a subprocess; once a backup exists the process
is killed (SIGKILL: no cleanup runs), the same command is started again, and the resumed
run must continue from the backup's step with its optimizer state — doing only the steps
that were left — and end with the same weights and optimizer slots as an uninterrupted
run (the engine's randomness is keyed by the step and the data is replayed from it).
"""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from keras_gans import training
from keras_gans.saving import weights_file_arrays
from keras_gans.errors import InvalidInputError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCHS, STEPS = 40, 3  # 120 steps: far more than the time it takes to kill after a backup


def _command(out, backup):
    return [sys.executable, "-m", "keras_gans.cli", "train", "dcgan", "--batch_size", "4",
            "--epochs", str(EPOCHS), "--steps_per_epoch", str(STEPS), "--latent_dim", "4",
            "--seed", "5", "--overrides", '{"base_filters": 4}', "--out", str(out),
            "--backup_dir", str(backup)]


def _env():
    return dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3")


def _run(out, backup):
    proc = subprocess.run(_command(out, backup), env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    with open(os.path.join(out, "record.json")) as f:
        return json.load(f)


@pytest.mark.distributed
def test_sigkill_then_resume_matches_uninterrupted_run(tmp_path):
    backup = tmp_path / "backup"
    meta = backup / "training_metadata.json"
    proc = subprocess.Popen(_command(tmp_path / "killed", backup), env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Uninterrupted reference run, concurrently (own backup folder).
    reference = subprocess.Popen(_command(tmp_path / "reference", tmp_path / "ref_backup"),
                                 env=_env(), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not meta.exists():
        assert proc.poll() is None, f"training ended before a backup: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "no backup within 240 s"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reference.communicate(timeout=300)
    assert reference.returncode == 0
    assert not (tmp_path / "killed" / "record.json").exists()  # it really died mid-run
    backed_up = json.loads(meta.read_text())["step"]
    assert 0 < backed_up < EPOCHS * STEPS and backed_up % STEPS == 0

    report = _run(tmp_path / "killed", backup)
    assert report["resumed_from_step"] == backed_up
    assert report["generator_updates"] == EPOCHS * STEPS
    # Only the steps that were left ran: one history entry per remaining epoch.
    assert len(report["history"]["d_loss"]) == EPOCHS - backed_up // STEPS
    assert not backup.exists()  # deleted once training completed

    ref = json.loads((tmp_path / "reference" / "record.json").read_text())
    assert ref["resumed_from_step"] == 0
    np.testing.assert_allclose(report["history"]["d_loss"],
                               ref["history"]["d_loss"][backed_up // STEPS:], rtol=1e-5)
    resumed = weights_file_arrays(tmp_path / "killed" / "train_state.weights.h5")
    uninterrupted = weights_file_arrays(tmp_path / "reference" / "train_state.weights.h5")
    assert resumed.keys() == uninterrupted.keys()
    assert any("optimizer" in k for k in resumed)  # both optimizers' slots compared too
    for name, value in uninterrupted.items():
        np.testing.assert_allclose(resumed[name], value, rtol=1e-5, atol=1e-7, err_msg=name)


def test_backup_interval_must_divide_the_epoch(tmp_path):
    with pytest.raises(InvalidInputError, match="must be a positive int dividing"):
        training.train("dcgan", out_dir=str(tmp_path / "out"), steps_per_epoch=4,
                       batch_size=4, backup_dir=str(tmp_path / "b"), backup_every=3,
                       base_filters=4)
    with pytest.raises(InvalidInputError, match="backup_every needs backup_dir"):
        training.train("dcgan", out_dir=str(tmp_path / "out"), steps_per_epoch=4,
                       batch_size=4, backup_every=2, base_filters=4)


def test_backup_run_completes_cleans_up_and_leaves_fit_usable(tmp_path):
    report, model = training.train("dcgan", out_dir=str(tmp_path / "out"), epochs=2,
                                   steps_per_epoch=2, batch_size=4, latent_dim=4, verbose=0,
                                   backup_dir=str(tmp_path / "b"), backup_every=1,
                                   base_filters=4)
    assert report["generator_updates"] == 4 and report["resumed_from_step"] == 0
    assert len(report["history"]["d_loss"]) == 4  # one entry per backup interval
    assert not (tmp_path / "b").exists()
    assert model._initial_epoch is None  # a later plain fit starts at epoch 0
    assert (tmp_path / "out" / "model.weights.h5").exists()
