"""Building and checking a ``tf.distribute`` strategy for training a GAN.

The engine's ``train_step`` is strategy-aware by itself (per-sample noise drawn for the
global batch and sliced per replica; losses divided by the replica count because the
optimizers sum gradients across replicas). This module only makes the strategy from a
name and refuses configurations that cannot work, *before* any training starts:

* ``"default"`` — no strategy (one device).
* ``"mirrored"`` — ``tf.distribute.MirroredStrategy`` over the local GPUs, or over
  ``logical_cpus`` logical CPU devices (for testing multi-device code on a CPU).
* ``"multi_worker"`` — ``tf.distribute.MultiWorkerMirroredStrategy``; needs
  ``TF_CONFIG`` (the cluster and this process's task).

Example:
    >>> from keras_gans import distribute
    >>> strategy = distribute.make_strategy("mirrored")
    >>> distribute.check_global_batch(64, strategy)
    >>> with strategy.scope():
    ...     gan = keras_gans.build("wgan_gp"); gan.compile()

Reference:
    TensorFlow guide "Distributed training with Keras" (custom training loops and
    ``num_replicas_in_sync`` loss scaling).
"""

import json
import os

from keras_gans._checks import check_positive_int
from keras_gans.errors import InvalidInputError, UnknownNameError

STRATEGIES = ("default", "mirrored", "multi_worker")


def parse_tf_config(environ=None):
    """The parsed ``TF_CONFIG`` of this process, validated for multi-worker training.

    Returns:
        ``(cluster, task)``: ``{"worker": [addresses]}`` and ``{"type", "index"}``.

    Raises:
        InvalidInputError: ``TF_CONFIG`` is missing, not JSON, or lacks a worker list
            or a task within it.
    """
    raw = (os.environ if environ is None else environ).get("TF_CONFIG")
    example = ('e.g. TF_CONFIG=\'{"cluster": {"worker": ["host1:port", "host2:port"]}, '
               '"task": {"type": "worker", "index": 0}}\'')
    if not raw:
        raise InvalidInputError(
            "strategy 'multi_worker' needs the TF_CONFIG environment variable (the cluster "
            f"and this process's task); it is not set. Set it on every worker, {example}.")
    try:
        config = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InvalidInputError(f"TF_CONFIG is not valid JSON ({e}); got {raw!r}.") from None
    cluster = config.get("cluster") if isinstance(config, dict) else None
    task = config.get("task") if isinstance(config, dict) else None
    workers = cluster.get("worker") if isinstance(cluster, dict) else None
    if not isinstance(workers, list) or not workers or not isinstance(task, dict):
        raise InvalidInputError(
            f"TF_CONFIG must hold a cluster with a non-empty 'worker' list and a task; got "
            f"{raw!r} ({example}).")
    index = task.get("index")
    kind = task.get("type")
    if kind not in ("worker", "chief") or not isinstance(index, int) \
            or not 0 <= index < len(cluster.get(kind, [])):
        raise InvalidInputError(
            f"TF_CONFIG task {task!r} does not name one of the cluster's "
            f"{kind!r} entries {cluster.get(kind)!r}.")
    return cluster, task


def configure_logical_cpus(count):
    """Splits the CPU into ``count`` logical devices (before TensorFlow initialises).

    Raises:
        InvalidInputError: ``count`` < 1, or TensorFlow was already initialised with a
            different device layout (the split must come first in the process).
    """
    import tensorflow as tf

    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise InvalidInputError(f"logical CPU count must be an int ≥ 1; got {count!r}.")
    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * count)
    except RuntimeError:
        have = len(tf.config.list_logical_devices("CPU"))
        if have != count:
            raise InvalidInputError(
                f"cannot split the CPU into {count} logical devices: TensorFlow is already "
                f"initialised with {have}. Configure devices first in the process.") from None


def make_strategy(name="default", logical_cpus=None):
    """Returns the ``tf.distribute`` strategy called ``name``.

    Args:
        name: ``"default"``, ``"mirrored"`` or ``"multi_worker"``.
        logical_cpus: for ``"mirrored"`` on a machine without GPUs, mirror over this many
            logical CPU devices (configured here, so call this first in the process).

    Raises:
        UnknownNameError: unknown strategy name.
        InvalidInputError: ``multi_worker`` without a usable ``TF_CONFIG``;
            ``logical_cpus`` with another strategy.
    """
    if name not in STRATEGIES:
        raise UnknownNameError(f"Unknown strategy {name!r}; expected one of {list(STRATEGIES)}.")
    if logical_cpus is not None and name != "mirrored":
        raise InvalidInputError(
            f"logical_cpus applies to the 'mirrored' strategy only; got strategy {name!r}.")
    if name == "multi_worker":
        parse_tf_config()
    import tensorflow as tf

    if name == "default":
        return tf.distribute.get_strategy()
    if name == "multi_worker":
        return tf.distribute.MultiWorkerMirroredStrategy()
    if logical_cpus is not None:
        configure_logical_cpus(logical_cpus)
        devices = [d.name for d in tf.config.list_logical_devices("CPU")]
        return tf.distribute.MirroredStrategy(devices)
    return tf.distribute.MirroredStrategy()


def check_global_batch(batch_size, strategy):
    """Refuses a global batch that the strategy's replicas cannot split evenly."""
    replicas = strategy.num_replicas_in_sync
    batch_size = check_positive_int("batch_size", batch_size)
    if batch_size % replicas:
        raise InvalidInputError(
            f"the global batch size {batch_size} is not divisible by the {replicas} replicas "
            f"of the strategy; use a multiple of {replicas} (e.g. "
            f"{replicas * max(1, batch_size // replicas)}).")
    return batch_size // replicas
