"""Train a variant and measure it: speed, distance to the machine's limit, quality.

    python benchmarks/run.py --variant bigan
    python benchmarks/run.py --variant dcgan --steps 500 --metrics fid,kid --num_samples 10000
    python benchmarks/run.py --variant wgan_gp --compare reference,engine,engine+jit,engine+spe10
    python benchmarks/run.py --variant dcgan --strategy mirrored --logical_devices 2

Every figure comes from one mechanism (:func:`measure`): each configuration is built, warmed
up (tracing, XLA compilation: timed and reported separately), then trained in ``--rounds``
timed segments of ``--steps / --rounds`` steps, the configurations interleaved segment by
segment. The machines these figures come from are shared and switch between speed states,
so the figure used is the BEST segment of each configuration (the least disturbed one);
the median and every segment are recorded too, and ``--compare`` prints ratios from one
process run rather than absolute figures across runs.

The report (``--output`` JSON) also holds: training FLOPs per image counted from the
train step's graph (``tf.compat.v1.profiler`` float-op count of one traced
``train_step``, forward + backward + optimizer), the achieved FLOP/s as a fraction of a
2048² fp32 matmul's FLOP/s measured in the same run (sampled before every round, best
sample), peak host memory (and GPU memory),
devices and versions (``keras_gans.training.environment()``), the seed, and the chosen
quality metrics of the trained model (``keras_gans.metrics.evaluate``, or the PacGAN mode
metrics for ``ring8``/``grid25``). Bad flags fail before any training, with one line.

Configurations (``--compare``): ``STEP[+jit][+speN][+mixed][+reuse]`` where STEP is
``engine`` (``keras_gans.GAN``) or ``reference`` (``benchmarks/reference_step.py``: the
Keras guide's plain ``train_step``), e.g. ``engine+jit+spe10``; ``reuse`` builds the engine
with ``reuse_fake=True`` (one G forward per step instead of two; n_critic 1).
"""

import datetime
import json
import os
import resource
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
from absl import app, flags  # noqa: E402

from keras_gans import distribute  # noqa: E402
from keras_gans.errors import InvalidInputError, KerasGANsError, UnknownNameError  # noqa: E402

FLAGS = flags.FLAGS
flags.DEFINE_string("variant", None, "a registered variant (keras-gans list) or a zoo preset")
flags.DEFINE_string("dataset", "default",
                    "default (embedded MNIST sample) | mnist (IDX at --mnist_dir, else tfds) | "
                    "ring8 | grid25 | idx:DIR | folder:DIR (with --image_size) | tfds:NAME")
flags.DEFINE_string("mnist_dir", None,
                    "IDX folder used for --dataset mnist (without it: tfds:mnist)")
flags.DEFINE_integer("image_size", None, "image size for folder:DIR datasets")
flags.DEFINE_integer("steps", 60, "timed training steps per configuration")
flags.DEFINE_integer("epochs", None, "instead of --steps: epochs of the dataset")
flags.DEFINE_integer("rounds", 3, "timed segments the steps are split into (interleaved)")
flags.DEFINE_integer("warmup_steps", None, "untimed warm-up steps (default 2 executions)")
flags.DEFINE_integer("batch_size", 64, "global batch size")
flags.DEFINE_integer("latent_dim", 64, "size of z")
flags.DEFINE_string("overrides", None, 'JSON of build() overrides, e.g. \'{"base_filters": 32}\'')
flags.DEFINE_integer("seed", 0, "seed of the model, the data order and the metrics")
flags.DEFINE_bool("jit_compile", False, "XLA-compile the train step")
flags.DEFINE_integer("steps_per_execution", 1, "train steps per tf.function call")
flags.DEFINE_bool("mixed_precision", False, "mixed_float16 policy (loss scaling in the engine)")
flags.DEFINE_string("strategy", "default", "tf.distribute strategy: default | mirrored | "
                    "multi_worker (needs TF_CONFIG)")
flags.DEFINE_integer("logical_devices", None,
                     "mirrored on a CPU-only machine: split the CPU into this many devices")
flags.DEFINE_list("compare", None,
                  "configurations side by side, e.g. reference,engine,engine+jit,engine+spe10")
flags.DEFINE_list("metrics", [], "quality metrics at the end: fid,kid,is,pr,dc,classes,modes")
flags.DEFINE_integer("num_samples", 10_000, "generated samples for the metrics")
flags.DEFINE_string("reference", None,
                    "dataset spec of the metrics' real images (default: --dataset; for mnist "
                    "the IDX test split)")
flags.DEFINE_string("extractor", None, "feature extractor: mnist | inception (default: mnist "
                    "for 28x28x1 data, else inception)")
flags.DEFINE_bool("matmul_peak", True, "measure the 2048² fp32 matmul FLOP/s")
flags.DEFINE_string("backup_dir", None, "back up during training; rerun to resume (single "
                    "configuration only)")
flags.DEFINE_string("output", None, "JSON report path (default: "
                    "runs/benchmarks/VARIANT-YYYYmmdd-HHMMSS.json, printed at the end)")
flags.DEFINE_bool("progress", True, "show progress: a bar on a terminal, one plain line per "
                  "round when the output is redirected")

IMAGE_METRICS = ("fid", "kid", "is", "pr", "dc", "classes")
DEFAULT_COMPARE = ("reference", "engine", "engine+jit", "engine+spe10", "engine+jit+spe10")


# ------------------------------------------------------------------ flag checks
def parse_config(text):
    """``"engine+jit+spe10"`` → ``{"step": "engine", "jit": True, "spe": 10, ...}``."""
    parts = text.strip().split("+")
    config = {"name": text.strip(), "step": parts[0], "jit": False, "spe": 1, "mixed": False,
              "mirrored": False, "reuse": False}
    if parts[0] not in ("engine", "reference"):
        raise UnknownNameError(
            f"configuration {text!r} must start with 'engine' or 'reference' (e.g. "
            "'engine+jit+spe10').")
    for part in parts[1:]:
        if part == "jit":
            config["jit"] = True
        elif part in ("mixed", "mirrored", "reuse"):
            config[part] = True
        elif part.startswith("spe") and part[3:].isdigit() and int(part[3:]) >= 1:
            config["spe"] = int(part[3:])
        else:
            raise UnknownNameError(
                f"unknown option {part!r} in configuration {text!r}; options: jit, speN "
                "(steps per execution), mixed, mirrored (MirroredStrategy over every local "
                "device, e.g. --logical_devices 2), reuse (GAN(reuse_fake=True): the G "
                "update reuses the D update's G forward; needs n_critic 1).")
    if config["step"] == "reference" and config["mixed"]:
        raise InvalidInputError("the reference step is plain fp32; 'reference+mixed' is not "
                                "a configuration (compare engine+mixed against engine).")
    if config["step"] == "reference" and config["reuse"]:
        raise InvalidInputError("'reuse' is an option of the engine's step; the reference "
                                "step is the Keras guide's as written (use engine+reuse).")
    return config


def check_reuse(kind, name, overrides):
    """``+reuse`` needs one critic update per step: refused here, before any training."""
    from keras_gans import variants

    if kind == "preset":
        from keras_gans import zoo

        preset = zoo.get(name)
        variant, declared = preset.variant, preset.build
    else:
        variant, declared = name, overrides
    n_critic = declared.get("n_critic")
    if n_critic is None:  # the variant's default; the structured families use 1
        family = variants.loss_family_variants()
        n_critic = variants.get_variant(variant).n_critic if variant in family else 1
    if n_critic != 1:
        raise InvalidInputError(
            f"'+reuse' (reuse_fake=True) needs n_critic=1; {name} runs n_critic={n_critic} "
            '(pass --overrides \'{"n_critic": 1}\' to time that step).')


def resolve_model_name(name):
    """A zoo preset (when ``keras_gans.zoo`` exists and knows it) or a registered variant.

    Returns:
        ``("preset", name)`` or ``("variant", name)``.
    """
    if not name:
        raise InvalidInputError("--variant is required (see `keras-gans list`).")
    try:
        from keras_gans import zoo
    except ImportError:
        zoo = None
    if zoo is not None and hasattr(zoo, "build_preset") and name in zoo.list():
        return "preset", name
    from keras_gans.variants import list_variants

    if name not in list_variants():
        import difflib

        known = list_variants()
        near = difflib.get_close_matches(name, known, n=3)
        raise UnknownNameError(
            f"Unknown variant {name!r}." + (f" Did you mean {near}?" if near else "")
            + f" Known variants: {known}.")
    return "variant", name


def dataset_spec(spec, mnist_dir):
    if spec == "mnist" and mnist_dir and os.path.isdir(mnist_dir):
        return f"idx:{os.path.abspath(mnist_dir)}"
    return spec


def check_metrics(names, dataset):
    from keras_gans.data import MIXTURES

    unknown = [m for m in names if m not in IMAGE_METRICS + ("modes",)]
    if unknown:
        raise UnknownNameError(
            f"Unknown metric(s) {unknown}; known: {list(IMAGE_METRICS) + ['modes']} (modes: "
            "PacGAN mode coverage on ring8/grid25).")
    if "modes" in names and dataset not in MIXTURES:
        raise InvalidInputError(f"metric 'modes' needs --dataset ring8 or grid25; got "
                                f"{dataset!r}.")
    if dataset in MIXTURES and set(names) - {"modes"}:
        raise InvalidInputError(
            f"image metrics {sorted(set(names) - {'modes'})} do not apply to the 2-D mixture "
            f"{dataset!r}; use --metrics modes.")
    return list(dict.fromkeys(names))


def parse_overrides(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise InvalidInputError(f"--overrides must be a JSON object; got {text!r} ({e}).") \
            from None
    if not isinstance(value, dict):
        raise InvalidInputError(f"--overrides must be a JSON object; got {text!r}.")
    return value


def check_positive(name, value, minimum=1):
    if value is not None and value < minimum:
        raise InvalidInputError(f"--{name} must be ≥ {minimum}; got {value}.")


def check_flags():
    """Every check that needs no training; returns the plan. Raises on bad input."""
    for name in ("steps", "rounds", "batch_size", "latent_dim", "steps_per_execution",
                 "num_samples"):
        check_positive(name, getattr(FLAGS, name))
    for name in ("epochs", "warmup_steps", "logical_devices"):
        check_positive(name, getattr(FLAGS, name), 0 if name == "warmup_steps" else 1)
    if FLAGS.compare:
        conflicting = [f for f in ("jit_compile", "mixed_precision") if getattr(FLAGS, f)]
        if conflicting or FLAGS.steps_per_execution != 1:
            raise InvalidInputError(
                "--compare names each configuration's options (e.g. engine+jit+spe10); do "
                "not also pass --jit_compile/--steps_per_execution/--mixed_precision.")
        configs = [parse_config(c) for c in FLAGS.compare]
        if FLAGS.backup_dir:
            raise InvalidInputError("--backup_dir applies to a single configuration, not "
                                    "--compare.")
    else:
        configs = [{**parse_config("engine"), "jit": FLAGS.jit_compile,
                    "spe": FLAGS.steps_per_execution, "mixed": FLAGS.mixed_precision}]
    any_mirrored = FLAGS.strategy == "mirrored" or any(c["mirrored"] for c in configs)
    if FLAGS.logical_devices and not any_mirrored:
        raise InvalidInputError("--logical_devices applies to --strategy mirrored (or "
                                "+mirrored configurations) only.")
    if FLAGS.strategy != "default" and any(c["mirrored"] for c in configs):
        raise InvalidInputError("+mirrored configurations compare against --strategy "
                                f"default; got --strategy {FLAGS.strategy}.")
    if FLAGS.logical_devices:
        distribute.configure_logical_cpus(FLAGS.logical_devices)
    strategy = distribute.make_strategy(FLAGS.strategy)
    mirrored = distribute.make_strategy("mirrored") if any_mirrored else None
    for s in (strategy, mirrored):
        if s is not None:
            distribute.check_global_batch(FLAGS.batch_size, s)
    # Devices are configured above, before anything below may start TensorFlow
    # (a zoo lookup or a dataset can).
    kind, name = resolve_model_name(FLAGS.variant)
    overrides = parse_overrides(FLAGS.overrides)
    if any(c["reuse"] for c in configs):
        check_reuse(kind, name, overrides)
    dataset = dataset_spec(FLAGS.dataset, FLAGS.mnist_dir)
    metrics = check_metrics(FLAGS.metrics, FLAGS.dataset)
    import tensorflow as tf

    replicas = max(s.num_replicas_in_sync for s in (strategy, mirrored) if s is not None)
    if replicas > 1 and not tf.config.list_physical_devices("GPU") \
            and any(c["jit"] for c in configs):
        raise InvalidInputError(
            f"--jit_compile with {replicas} replicas on CPU devices: TensorFlow cannot "
            "XLA-compile cross-device collectives or variables of other logical CPU "
            "devices (it fails at the first step). Use XLA on one device or on GPUs.")
    if any(c["step"] == "reference" and (c["mirrored"] or strategy.num_replicas_in_sync > 1)
           for c in configs):
        raise InvalidInputError("the reference step is a single-device baseline; compare it "
                                "with --strategy default.")
    return {"kind": kind, "name": name, "dataset": dataset, "metrics": metrics,
            "configs": configs, "strategy": strategy, "mirrored": mirrored,
            "overrides": overrides}


# ------------------------------------------------------------------ building
def build_model(plan, data_shape, config):
    """A compiled engine GAN or reference step for ``config`` in the plan's strategy."""
    import keras

    from keras_gans.variants import build

    policy = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_float16" if config["mixed"] else "float32")
    try:
        strategy = plan["mirrored"] if config.get("mirrored") else plan["strategy"]
        with strategy.scope():
            keras.utils.set_random_seed(FLAGS.seed)
            reuse = {"reuse_fake": True} if config["reuse"] else {}
            if plan["kind"] == "preset":
                from keras_gans import zoo

                gan = zoo.build_preset(plan["name"], **reuse)  # declared config, fresh weights
            else:
                gan = build(plan["name"], image_shape=data_shape, latent_dim=FLAGS.latent_dim,
                            seed=FLAGS.seed, **{**plan["overrides"], **reuse})
            if config["step"] == "reference":
                from reference_step import reference_for

                model = reference_for(gan)
                model.compile(d_optimizer=model.d_opt, g_optimizer=model.g_opt,
                              jit_compile=config["jit"], steps_per_execution=config["spe"])
                return model
            gan.compile(jit_compile=config["jit"], steps_per_execution=config["spe"])
            return gan
    finally:
        keras.config.set_dtype_policy(policy)


def train_step_flops(model, batch_shape):
    """Float ops of one ``train_step``, counted from its traced graph (TF profiler)."""
    import tensorflow as tf

    concrete = tf.function(model.train_step).get_concrete_function(
        tf.TensorSpec(batch_shape, tf.float32))
    options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
    options["output"] = "none"
    return int(tf.compat.v1.profiler.profile(graph=concrete.graph,
                                             options=options).total_float_ops)


class MatmulPeak:
    """Best FLOP/s of an ``n × n`` fp32 matmul, sampled between the timed segments.

    On a shared machine a single measurement can fall in a busy moment; it is sampled
    before every round, like the training segments, and the best sample is the peak
    (every sample is recorded).
    """

    def __init__(self, n=2048):
        import tensorflow as tf

        self.n, self.samples = n, []
        a = tf.random.stateless_normal([n, n], seed=[1, 2])
        b = tf.random.stateless_normal([n, n], seed=[3, 4])
        self._fn = tf.function(lambda: tf.reduce_sum(tf.matmul(a, b)))
        self._fn().numpy()

    def sample(self, repeats=3):
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            self._fn().numpy()
            best = min(best, time.perf_counter() - start)
        self.samples.append(2 * self.n**3 / best)

    @property
    def peak(self):
        return max(self.samples) if self.samples else None


def peak_memory():
    import tensorflow as tf

    out = {"host_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    for gpu in tf.config.list_logical_devices("GPU"):
        info = tf.config.experimental.get_memory_info(gpu.name)
        out[f"{gpu.name}_peak_mb"] = info["peak"] / 2**20
    return out


# ------------------------------------------------------------------ measuring
def measure(plan, dataset, data_shape, steps, rounds, warmup, progress, peak=None):
    """Builds and warms up every configuration, then times interleaved segments.

    Returns:
        ``(models, rows)``: the trained models by configuration name and one result row
        per configuration (images/s best and median, ms/step, every segment, warm-up).
    """
    import keras

    per_round = steps // rounds
    models, rows = {}, {}
    for config in plan["configs"]:
        model = build_model(plan, data_shape, config)
        warm = warmup if warmup is not None else 2 * config["spe"]
        start = time.perf_counter()
        if warm:
            model.fit(dataset, epochs=1, steps_per_epoch=warm, verbose=0, shuffle=False)
        used = plan["mirrored"] if config["mirrored"] else plan["strategy"]
        rows[config["name"]] = {**config, "replicas": used.num_replicas_in_sync,
                                "warmup_steps": warm,
                                "warmup_seconds": time.perf_counter() - start, "segments": []}
        models[config["name"]] = model
        if progress:
            print(f"{config['name']}: warm-up (tracing{' + XLA' if config['jit'] else ''}) "
                  f"{rows[config['name']]['warmup_seconds']:.1f} s", flush=True)
    # a bar on a terminal; a redirected log gets plain lines, not carriage returns
    bar = keras.utils.Progbar(rounds * per_round * len(models), unit_name="step") \
        if progress and sys.stdout.isatty() else None
    done = 0
    for round_index in range(rounds):
        if peak is not None:
            peak.sample()
        for name, model in models.items():
            start = time.perf_counter()
            model.fit(dataset, epochs=1, steps_per_epoch=per_round, verbose=0,
                      shuffle=False)
            seconds = time.perf_counter() - start
            rows[name]["segments"].append(per_round * FLAGS.batch_size / seconds)
            done += per_round
            if bar is not None:
                bar.update(done, [(f"img/s {name}", rows[name]["segments"][-1])])
        if progress and bar is None:
            print(f"round {round_index + 1}/{rounds}: " + ", ".join(
                f"{name} {row['segments'][-1]:.1f} img/s" for name, row in rows.items()),
                flush=True)
    for row in rows.values():
        best = max(row["segments"])
        row.update(images_per_second=best,
                   median_images_per_second=statistics.median(row["segments"]),
                   ms_per_step=1000 * FLAGS.batch_size / best, timed_steps=rounds * per_round,
                   generator_updates=int(models[row["name"]].g_optimizer.iterations.numpy()))
    return models, list(rows.values())


def quality(plan, model, data_shape, dataset_spec_):
    """The chosen metrics of ``model`` (the generator it trained)."""
    from keras_gans import data as data_lib

    metrics = plan["metrics"]
    if not metrics:
        return None
    if "modes" in metrics:
        from keras_gans.metrics import mode_metrics

        mix = data_lib.get_mixture(FLAGS.dataset)
        return mode_metrics(model.generate(2500, seed=FLAGS.seed + 1), mix.means, mix.std)
    from keras_gans.metrics import evaluate

    if FLAGS.reference is None and FLAGS.dataset == "mnist" and dataset_spec_.startswith("idx:"):
        images, _ = data_lib.load_mnist_idx(dataset_spec_[4:], "test")
        reference = data_lib.from_arrays(images, batch_size=500, shuffle=False)
        split = "mnist test split (IDX)"
    else:
        spec = FLAGS.reference or FLAGS.dataset
        reference, _ = data_lib.resolve(dataset_spec(spec, FLAGS.mnist_dir), batch_size=500,
                                        seed=FLAGS.seed + 7, image_size=FLAGS.image_size)
        split = spec if FLAGS.reference else f"{spec} (the training data)"
    extractor = FLAGS.extractor or ("mnist" if tuple(data_shape) == (28, 28, 1)
                                    else "inception")
    sample = model if hasattr(model, "generate") else _reference_sampler(model)
    result = evaluate(sample, reference, metrics=metrics, num_samples=FLAGS.num_samples,
                      extractor=extractor, seed=FLAGS.seed + 1, progress=FLAGS.progress,
                      num_reference=FLAGS.num_samples, reference_split=split)
    return {k: (float(v) if isinstance(v, np.floating) else v) for k, v in result.items()}


def _reference_sampler(model):
    import tensorflow as tf

    def generate(n, seed=0):
        z = tf.random.stateless_normal([n, model.latent_dim], seed=[seed, 0])
        return model.generator(z, training=False).numpy()

    return generate


def run(argv=None):
    plan = check_flags()  # every bad flag fails here, before any training
    from keras_gans import data as data_lib
    from keras_gans.training import environment

    ds, data_shape = data_lib.resolve(plan["dataset"], batch_size=FLAGS.batch_size,
                                      seed=FLAGS.seed, image_size=FLAGS.image_size)
    steps = FLAGS.steps
    if FLAGS.epochs:
        length = int(ds.cardinality())
        if length < 1:
            raise InvalidInputError(f"--epochs needs a dataset of known length; "
                                    f"{FLAGS.dataset!r} has cardinality {length}.")
        steps = FLAGS.epochs * length
    spes = [c["spe"] for c in plan["configs"]]
    rounds = FLAGS.rounds
    per_round = steps // rounds
    bad = [s for s in spes if per_round % s]
    if per_round < 1 or bad:
        raise InvalidInputError(
            f"{steps} steps in {rounds} rounds gives segments of {per_round} steps, which "
            f"must be ≥ 1 and a multiple of every steps_per_execution {sorted(set(spes))} "
            "(a remainder would trace a second train function inside the timing).")
    ds = ds.repeat()
    load_before = _load_average()
    matmul = MatmulPeak() if FLAGS.matmul_peak else None
    start = time.perf_counter()
    if FLAGS.backup_dir:
        models, rows = _measure_resumable(plan, ds, data_shape, steps)
    else:
        models, rows = measure(plan, ds, data_shape, steps, rounds, FLAGS.warmup_steps,
                               FLAGS.progress, matmul)
    if matmul is not None:
        matmul.sample()
    peak = matmul.peak if matmul is not None else None
    wall = time.perf_counter() - start
    batch_shape = [FLAGS.batch_size, *data_shape]
    flops = {}
    for row in rows:
        key = (row["step"], row["mixed"], row["reuse"])  # the ops do not depend on jit/spe
        if key not in flops:
            flops[key] = train_step_flops(
                build_model(_single(plan), data_shape, {**row, "mirrored": False}), batch_shape)
        row["train_flops_per_image"] = flops[key] / FLAGS.batch_size
        row["achieved_flops_per_second"] = row["train_flops_per_image"] * row[
            "images_per_second"]
        row["fraction_of_matmul_peak"] = (row["achieved_flops_per_second"] / peak
                                          if peak else None)
    base = next((r for r in rows if r["step"] == "reference"), rows[0])
    for row in rows:
        row["ratio_vs_" + base["name"]] = row["images_per_second"] / base["images_per_second"]
    first_engine = next((n for n, r in zip(models, rows) if r["step"] == "engine"), None)
    report = {
        "command": command_line(),
        "variant": plan["name"], "model_kind": plan["kind"], "dataset": FLAGS.dataset,
        "data_shape": list(data_shape), "batch_size": FLAGS.batch_size,
        "latent_dim": FLAGS.latent_dim, "overrides": plan["overrides"], "seed": FLAGS.seed,
        "strategy": FLAGS.strategy,
        "replicas": plan["strategy"].num_replicas_in_sync,
        "timed_steps_per_configuration": (steps // rounds) * rounds, "rounds": rounds,
        "baseline": base["name"], "matmul_2048_fp32_flops_per_second": peak,
        "flop_count": "tf.compat.v1.profiler float_ops of one traced train_step (forward, "
                      "backward, optimizer), per image",
        "method": "best of interleaved timed segments (median and all segments recorded); "
                  "warm-up excluded",
        "matmul_samples_flops_per_second": matmul.samples if matmul is not None else None,
        "load_average_before_after": [load_before, _load_average()],
        "results": rows, "wall_seconds": wall, "memory": peak_memory(),
        "environment": environment(),
    }
    if plan["metrics"] and first_engine is not None:
        report["metrics"] = quality(plan, models[first_engine], data_shape, plan["dataset"])
        report["metrics_model"] = first_engine
        report["memory"] = peak_memory()
    _print_summary(report)
    from keras_gans.saving import write_json

    output = FLAGS.output or default_output(FLAGS.variant)
    write_json(report, output)
    print(f"wrote {output}")
    return report


def default_output(variant, now=None):
    """Where a report goes without ``--output``: a new file per run under runs/."""
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return os.path.join("runs", "benchmarks", f"{variant}-{stamp}.json")


def command_line():
    """The command that reproduces this run: the flags that were set, as parsed."""
    given = [f.serialize() for f in FLAGS.get_flags_for_module(__name__) if f.present]
    from keras_gans.training import recorded_command

    return recorded_command(["benchmarks/run.py", *given])


def _load_average():
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def _single(plan):
    from keras_gans.distribute import make_strategy

    return {**plan, "strategy": make_strategy("default"), "mirrored": None}


def _measure_resumable(plan, ds, data_shape, steps):
    """One configuration trained with backups (``--backup_dir``); resumes if one exists."""
    from keras_gans.training import resumable_fit

    config = plan["configs"][0]
    model = build_model(plan, data_shape, config)
    start = time.perf_counter()
    history, resumed, _ = resumable_fit(model, ds, 1, steps, FLAGS.backup_dir,
                                        every_n_steps=steps // FLAGS.rounds,
                                        verbose=1 if FLAGS.progress else 0)
    seconds = time.perf_counter() - start
    done = steps - resumed
    rate = done * FLAGS.batch_size / seconds if done else float("nan")
    row = {**config, "replicas": plan["strategy"].num_replicas_in_sync, "warmup_steps": 0,
           "warmup_seconds": None, "segments": [rate],
           "images_per_second": rate, "median_images_per_second": rate,
           "ms_per_step": 1000 * FLAGS.batch_size / rate if done else None,
           "timed_steps": done, "resumed_from_step": resumed,
           "note": "with --backup_dir the rate includes tracing and backups",
           "generator_updates": int(model.g_optimizer.iterations.numpy())}
    return {config["name"]: model}, [row]


def _print_summary(report):
    base = report["baseline"]
    peak = report["matmul_2048_fp32_flops_per_second"]
    print(f"\n{report['variant']} on {report['dataset']} {tuple(report['data_shape'])}, batch "
          f"{report['batch_size']}, {report['replicas']} replica(s)"
          + (f"; 2048² fp32 matmul: {peak / 1e9:.0f} GFLOP/s" if peak else ""))
    for r in report["results"]:
        frac = r["fraction_of_matmul_peak"]
        print(f"  {r['name']:22s} {r['replicas']} rep. {r['images_per_second']:8.1f} img/s (median "
              f"{r['median_images_per_second']:.0f}) {r['ms_per_step']:7.1f} ms/step  "
              + (f"×{r['ratio_vs_' + base]:.2f} vs {base}  "
                 if len(report["results"]) > 1 else "")
              + f"{r['train_flops_per_image'] / 1e6:.0f} MFLOP/img"
              + (f" = {100 * frac:.0f} % of matmul peak" if frac else "")
              + (f"  warm-up {r['warmup_seconds']:.1f} s" if r["warmup_seconds"] else ""))
    if report.get("metrics"):
        shown = {k: v for k, v in report["metrics"].items() if isinstance(v, float)}
        print("  metrics:", json.dumps(shown))
    print(f"  peak memory: {json.dumps(report['memory'])}")


def main(argv):
    if len(argv) > 1:
        print(f"run.py: error: unexpected arguments {argv[1:]}", file=sys.stderr)
        return 2
    try:
        run()
    except KerasGANsError as e:
        print(f"run.py: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if any(a in ("-h", "--help", "--helpshort", "-?") for a in sys.argv[1:]):
        app.usage(shorthelp=True, writeto_stdout=True, exitcode=0)  # absl's exits 1
    app.run(main)
