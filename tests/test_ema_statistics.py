"""benchmarks/ema_statistics.py: a tiny run scores the three samplers and records how."""

import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def script(monkeypatch):
    monkeypatch.syspath_prepend(os.path.join(ROOT, "benchmarks"))
    import ema_statistics

    return ema_statistics


def test_tiny_run_scores_live_and_both_ema_statistics(script, tmp_path, capsys):
    out = tmp_path / "ema.json"
    assert script.main(["--data", "default", "--steps", "2", "--num_samples", "200",
                        "--ours", '{"ema_decay": 0.9}', "--output", str(out)]) == 0
    report = json.loads(out.read_text())
    assert set(report["results"]) == {"live", "ema_live_statistics", "ema_own_statistics"}
    for scores in report["results"].values():
        assert scores["is"] >= 1.0 and scores["fid"] >= 0.0
    # The two EMA rows differ only in their BatchNorm statistics, and they do differ.
    assert report["results"]["ema_live_statistics"] != report["results"]["ema_own_statistics"]
    assert report["steps"] == 2 and report["preset"] == "dcgan_mnist"
    assert report["command"].startswith("python benchmarks/ema_statistics.py --data default")


def test_a_preset_without_an_ema_is_refused(script, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        script.main(["--data", "default", "--steps", "1", "--num_samples", "8", "--ours",
                     '{"ema_decay": null, "ema_warmup": false}',
                     "--output", str(tmp_path / "x.json")])
    assert stop.value.code == 2
    assert "keeps no EMA" in capsys.readouterr().err
