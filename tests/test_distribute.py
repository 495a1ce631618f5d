"""Multi-device training: 1 replica vs 2 (MirroredStrategy, MultiWorkerMirroredStrategy).

The same seed and global batch must give the same first-step D and G updates on one
device, on 2 logical CPU devices (``MirroredStrategy``) and on two worker processes on
127.0.0.1 (``MultiWorkerMirroredStrategy``): it checks the loss division by the replica
count (optimizers sum replica gradients), the per-replica slices of the global-batch
noise (latents and the gradient penalty's ε) and the logged losses. Devices must be
configured before TensorFlow starts, so every strategy runs in its own subprocess
(``tests/distributed_helper.py``), concurrently; marked ``distributed`` (≈ 25 s on 2
cores), which the default run includes.
"""

import json
import os
import socket
import subprocess
import sys

import numpy as np
import pytest

from keras_gans import distribute
from keras_gans.errors import InvalidInputError, UnknownNameError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HELPER = os.path.join(ROOT, "tests", "distributed_helper.py")
VARIANTS = ("wgan_gp", "sngan")  # gradient penalty; spectral norm's power iteration


def _start(strategy, out, variants, tf_config=None):
    env = dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("TF_CONFIG", None)
    if tf_config is not None:
        env["TF_CONFIG"] = json.dumps(tf_config)
    return subprocess.Popen(
        [sys.executable, HELPER, "--strategy", strategy, "--variants", ",".join(variants),
         "--out", str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)


def _finish(proc, timeout=300):
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
    assert proc.returncode == 0, output[-4000:]


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _load(folder, variant):
    arrays = np.load(folder / f"{variant}.npz")
    arrays = [arrays[f"arr_{i}"] for i in range(len(arrays.files))]
    half = len(arrays) // 2
    with open(folder / f"{variant}.json") as f:
        return arrays[:half], arrays[half:], json.load(f)


def _assert_same_step(single, multi, replicas, rtol=1e-5):
    init_1, delta_1, log_1 = single
    init_n, delta_n, log_n = multi
    assert log_1["replicas"] == 1 and log_n["replicas"] == replicas
    assert log_1["g_steps"] == log_n["g_steps"] == 1
    for a, b in zip(init_1, init_n):  # same starting point
        np.testing.assert_array_equal(a, b)
    moved = [float(np.abs(d).max()) for d in delta_1]
    assert max(moved) > 1e-3  # the step really trained
    for i, (a, b) in enumerate(zip(delta_1, delta_n)):
        # Relative to the variable's update size: a 2x loss-scaling error or a noise
        # draw repeated on every replica is O(1) here.
        np.testing.assert_allclose(b, a, rtol=0, atol=rtol * max(moved[i], 1e-6) + 1e-9,
                                   err_msg=f"variable {i}")
    for name, values in log_1["history"].items():
        np.testing.assert_allclose(log_n["history"][name], values, rtol=1e-4, atol=1e-6,
                                   err_msg=name)


@pytest.mark.distributed
def test_one_vs_two_replicas_same_first_step(tmp_path):
    workers = [f"127.0.0.1:{p}" for p in _free_ports(2)]
    procs = {
        "default": [_start("default", tmp_path / "default", VARIANTS)],
        "mirrored": [_start("mirrored", tmp_path / "mirrored", VARIANTS)],
        "multi_worker": [
            _start("multi_worker", tmp_path / f"worker{i}", VARIANTS[:1],
                   {"cluster": {"worker": workers}, "task": {"type": "worker", "index": i}})
            for i in range(2)],
    }
    for group in procs.values():
        for proc in group:
            _finish(proc)
    for variant in VARIANTS:
        single = _load(tmp_path / "default", variant)
        _assert_same_step(single, _load(tmp_path / "mirrored", variant), replicas=2)
    for i in range(2):  # every worker holds the same (synchronised) weights
        _assert_same_step(_load(tmp_path / "default", "wgan_gp"),
                          _load(tmp_path / f"worker{i}", "wgan_gp"), replicas=2)


def test_unknown_strategy():
    with pytest.raises(UnknownNameError, match="Unknown strategy 'tpu'"):
        distribute.make_strategy("tpu")


@pytest.mark.parametrize("tf_config, match", [
    (None, "needs the TF_CONFIG environment variable"),
    ("{not json", "not valid JSON"),
    ('{"cluster": {}}', "non-empty 'worker' list"),
    ('{"cluster": {"worker": ["127.0.0.1:1"]}, "task": {"type": "worker", "index": 3}}',
     "does not name one of the cluster"),
])
def test_multi_worker_needs_a_usable_tf_config(monkeypatch, tf_config, match):
    monkeypatch.delenv("TF_CONFIG", raising=False)
    if tf_config is not None:
        monkeypatch.setenv("TF_CONFIG", tf_config)
    with pytest.raises(InvalidInputError, match=match):
        distribute.make_strategy("multi_worker")


def test_logical_cpus_only_for_mirrored():
    with pytest.raises(InvalidInputError, match="'mirrored' strategy only"):
        distribute.make_strategy("default", logical_cpus=2)


def test_global_batch_must_split_across_replicas():
    class TwoReplicas:
        num_replicas_in_sync = 2

    assert distribute.check_global_batch(64, TwoReplicas()) == 32
    with pytest.raises(InvalidInputError, match="63 is not divisible by the 2 replicas"):
        distribute.check_global_batch(63, TwoReplicas())
