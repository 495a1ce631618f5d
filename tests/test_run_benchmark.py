"""benchmarks/run.py: bad flags fail before training; a tiny --compare run reports
throughput, graph-counted FLOPs, the matmul-peak fraction, memory and metrics."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "benchmarks", "run.py")
TINY = ["--batch_size", "8", "--latent_dim", "4", "--overrides", '{"base_filters": 4}']


@pytest.fixture(scope="module")
def bench():
    """benchmarks/run.py imported once (absl flags are process-global)."""
    if "kg_bench_run" not in sys.modules:
        spec = importlib.util.spec_from_file_location("kg_bench_run", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["kg_bench_run"] = module
        spec.loader.exec_module(module)
    return sys.modules["kg_bench_run"]


def _run_main(bench, argv, monkeypatch):
    """``main`` with ``argv``; training is forbidden (errors must come first)."""
    def no_training(*args, **kwargs):
        raise AssertionError("training started before the flags were checked")

    monkeypatch.setattr(bench, "measure", no_training)
    bench.FLAGS.unparse_flags()
    bench.FLAGS(["run.py", *argv])
    return bench.main(["run.py"])


@pytest.mark.parametrize("argv, message", [
    (["--variant", "wgan-gp"], "Unknown variant 'wgan-gp'. Did you mean"),
    (["--variant", "dcgan", "--dataset", "cifar"], "Unknown dataset spec 'cifar'"),
    (["--variant", "dcgan", "--metrics", "fid,fidd"], "Unknown metric(s) ['fidd']"),
    (["--variant", "dcgan", "--metrics", "modes"], "metric 'modes' needs --dataset ring8"),
    (["--variant", "dcgan", "--strategy", "multi_worker"], "needs the TF_CONFIG environment"),
    (["--variant", "dcgan", "--strategy", "tpu"], "Unknown strategy 'tpu'"),
    (["--variant", "dcgan", "--compare", "engine,engine+xla"], "unknown option 'xla'"),
    (["--variant", "dcgan", "--compare", "engine+spe3", "--steps", "4", "--rounds", "2"],
     "multiple of every steps_per_execution [3]"),
    (["--variant", "dcgan", "--compare", "reference+reuse"], "'reuse' is an option of the engine"),
    (["--variant", "wgan_gp", "--compare", "engine+reuse"], "needs n_critic=1; wgan_gp runs n_critic=5"),
    (["--variant", "dcgan", "--batch_size", "0"], "--batch_size must be ≥ 1"),
    (["--variant", "dcgan", "--overrides", "{bad"], "--overrides must be a JSON object"),
])
def test_bad_flags_fail_before_training(bench, monkeypatch, capsys, tmp_path, argv, message):
    monkeypatch.delenv("TF_CONFIG", raising=False)
    out = tmp_path / "r.json"
    assert _run_main(bench, [*argv, "--output", str(out)], monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.startswith("run.py: error: ") and message in err, err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.distributed
def test_batch_not_divisible_by_replicas_fails_before_training(tmp_path):
    """2 logical CPU devices must be set before TensorFlow starts: a subprocess."""
    out = tmp_path / "r.json"
    proc = subprocess.run(
        [sys.executable, SCRIPT, "--variant", "dcgan", "--strategy", "mirrored",
         "--logical_devices", "2", "--batch_size", "63", "--output", str(out)],
        env=dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3"),
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert "batch size 63 is not divisible by the 2 replicas" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_tiny_compare_run_reports_everything(bench, tmp_path, capsys):
    out = tmp_path / "report.json"
    bench.FLAGS.unparse_flags()
    bench.FLAGS(["run.py", "--variant", "wgan_gp", "--compare", "reference,engine,engine+spe2",
                 "--steps", "4", "--rounds", "2", "--metrics", "fid", "--num_samples", "129",
                 "--noprogress", "--output", str(out), *TINY])
    assert bench.main(["run.py"]) == 0
    report = json.loads(out.read_text())
    rows = {r["name"]: r for r in report["results"]}
    assert list(rows) == ["reference", "engine", "engine+spe2"]
    assert report["baseline"] == "reference" and rows["reference"]["ratio_vs_reference"] == 1
    for row in rows.values():
        assert len(row["segments"]) == 2 and row["images_per_second"] == max(row["segments"])
        assert row["images_per_second"] > 0 and row["warmup_seconds"] > 0
        assert row["generator_updates"] == row["warmup_steps"] + 4
        assert 0 < row["fraction_of_matmul_peak"] < 1
    # Counted from each step's graph: the same nets and math, so nearly the same count,
    # and the spe setting does not change the per-step graph.
    ref, eng = rows["reference"]["train_flops_per_image"], rows["engine"]["train_flops_per_image"]
    assert eng > 0 and abs(ref - eng) / eng < 0.1
    assert rows["engine+spe2"]["train_flops_per_image"] == eng
    assert report["matmul_2048_fp32_flops_per_second"] == max(
        report["matmul_samples_flops_per_second"]) > 1e9
    assert len(report["matmul_samples_flops_per_second"]) == 3  # before each round, after
    assert report["metrics"]["num_samples"] == 129 and report["metrics"]["fid"] > 0
    assert report["metrics"]["extractor_id"].startswith("mnist")
    assert report["memory"]["host_peak_rss_mb"] > 100
    assert report["environment"]["tensorflow"] and report["seed"] == 0
    assert report["command"].startswith("python benchmarks/run.py ")
    assert "--variant=wgan_gp" in report["command"] and "--steps=4" in report["command"]
    assert "×1.00 vs reference" in capsys.readouterr().out


def test_reuse_configuration_counts_one_generator_forward_fewer(bench, tmp_path):
    out = tmp_path / "report.json"
    bench.FLAGS.unparse_flags()
    bench.FLAGS(["run.py", "--variant", "dcgan", "--compare", "engine,engine+reuse",
                 "--steps", "2", "--rounds", "1", "--noprogress", "--nomatmul_peak",
                 "--output", str(out), *TINY])
    assert bench.main(["run.py"]) == 0
    rows = {r["name"]: r for r in json.loads(out.read_text())["results"]}
    both, reuse = (rows[n]["train_flops_per_image"] for n in ("engine", "engine+reuse"))
    assert 0 < reuse < both  # the same step minus one generator forward pass


def test_benchmarks_readme_is_generated_from_the_results():
    """The committed tables are make_tables.py's output for the committed JSON results: a
    result landed without regenerating (or a table edited by hand) fails here."""
    spec = importlib.util.spec_from_file_location(
        "kg_make_tables", os.path.join(ROOT, "benchmarks", "make_tables.py"))
    make_tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_tables)
    with open(os.path.join(ROOT, "benchmarks", "README.md")) as f:
        assert f.read() == make_tables.readme(), \
            "benchmarks/README.md is stale: run python benchmarks/make_tables.py"


def test_one_configuration_run_logs_plainly_and_writes_a_default_report(bench, tmp_path,
                                                                       monkeypatch, capsys):
    """Redirected output (not a terminal) gets one plain line per round, no carriage
    returns or ANSI codes; one configuration prints no ratio to itself; without
    --output the report goes to runs/benchmarks/ and its path is printed."""
    monkeypatch.chdir(tmp_path)
    bench.FLAGS.unparse_flags()
    bench.FLAGS(["run.py", "--variant", "dcgan", "--steps", "2", "--rounds", "2",
                 "--warmup_steps", "1", "--nomatmul_peak", *TINY])
    assert bench.main(["run.py"]) == 0
    out = capsys.readouterr().out
    assert "round 1/2: engine " in out and "round 2/2: engine " in out
    assert "\r" not in out and "\x1b" not in out and " vs engine" not in out
    written = os.listdir(tmp_path / "runs" / "benchmarks")
    assert len(written) == 1 and written[0].startswith("dcgan-") and written[0].endswith(".json")
    assert f"wrote {os.path.join('runs', 'benchmarks', written[0])}" in out
    report = json.loads((tmp_path / "runs" / "benchmarks" / written[0]).read_text())
    assert report["results"][0]["name"] == "engine"


def test_help_exits_with_status_zero():
    done = subprocess.run([sys.executable, SCRIPT, "--help"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": ROOT})
    assert done.returncode == 0, done.stderr[-1000:]
    assert "--variant" in done.stdout and "--compare" in done.stdout
