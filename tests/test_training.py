"""keras_gans.training's provenance helpers: records carry commands a user can type."""

import os
import subprocess

from keras_gans import training

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def test_recorded_command_writes_paths_as_a_user_types_them(tmp_path):
    outside = tmp_path / "mnist"
    outside.mkdir()
    inside = os.path.join(ROOT, "benchmarks", "results")
    command = training.recorded_command([
        os.path.join(ROOT, "benchmarks", "run.py"), f"--data=idx:{outside}",
        "--out", inside, "--steps", "5", f"folder:{outside}", "--note", "a b"])
    assert command == ("python benchmarks/run.py --data=idx:path/to/mnist --out "
                       "benchmarks/results --steps 5 folder:path/to/mnist --note 'a b'")


def test_environment_names_the_cpu():
    env = training.environment()
    assert env["cpu_model"] is None or isinstance(env["cpu_model"], str)
    if os.path.exists("/proc/cpuinfo"):
        assert env["cpu_model"]


def test_no_tracked_file_names_this_machines_folders():
    """Records, cards, tables and code speak of the repository, not of the machine they
    were made on (absolute work folders, the data folder beside the clone)."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode:  # not a git checkout (an sdist): nothing to scan
        return
    found = []
    for name in listed.stdout.split():
        if name.endswith((".h5", ".png", ".npz", ".gz")) or name.startswith("tests/"):
            continue
        with open(os.path.join(ROOT, name), errors="replace") as f:
            text = f.read()
        for marker in ("/work/", "../shared", '"..", "..", "shared"', '"..", "shared"'):
            if marker in text:
                found.append(f"{name}: {marker}")
    assert not found, found
