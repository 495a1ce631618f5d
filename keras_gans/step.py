"""The step's contract, below every model: what one update hands the terms it computes.

:class:`StepContext` is what a regularizer (or a model's extra loss) sees during one
update; :func:`logits_of` reads the real/fake logits of a discriminator output; and
:func:`draw_per_sample` is the stateless, replica-invariant draw every in-step random
number comes from. The engine and the regularizers both build on this module and on
nothing of each other's.
"""

import dataclasses
from typing import Any, Callable

import tensorflow as tf


@dataclasses.dataclass
class StepContext:
    """What a regularizer may look at during one update.

    Attributes:
        discriminate: ``x -> logits`` running the discriminator in training mode with
            the batch's condition already bound (conditional models).
        real: the real batch.
        fake: the generated batch.
        real_output: the discriminator's output on ``real`` (``None`` in a G update).
        fake_output: the discriminator's output on ``fake`` (a dict for nets with
            several outputs, e.g. ``{"logits": ..., "embedding": ...}``).
        seed: a ``(2,)`` int64 stateless seed unique to this update or
            regularizer: the update's stream (``GAN.update_seed``) or a named stream below
            it (:func:`keras_gans.seeds.stream`); the same on every replica.
        condition: the batch's condition (labels) for conditional models, else None.
        latent: the latents the fake batch was generated from.
        pack: the PacGAN degree m: D scores m consecutive samples as one point of its
            input space, so gradient penalties take each pack's norm (and WGAN-GP's
            ε per pack): the Lipschitz constraint is on D's packed input.
        memo: values the update's terms share (see :meth:`once`).
    """

    discriminate: Callable
    real: Any
    fake: Any
    real_output: Any
    fake_output: Any
    seed: Any
    condition: Any = None
    latent: Any = None
    pack: int = 1
    memo: dict = dataclasses.field(default_factory=dict)

    def once(self, key, compute):
        """``compute()``, run once per update: terms that need the same intermediate
        (a posterior sample, a decoded batch) share it instead of each running the nets."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


def logits_of(output):
    """The real/fake logits of a discriminator output (a tensor or a dict)."""
    return output["logits"] if isinstance(output, dict) else output


def draw_per_sample(kind, local_shape, seed, dtype=tf.float32):
    """Stateless ``normal``/``uniform`` draw of ``local_shape`` (batch first).

    The draw is made for the global batch (``local batch × replicas``) and each replica
    keeps its own slice, so the result does not depend on how the batch is split.
    """
    fn = {"normal": tf.random.stateless_normal, "uniform": tf.random.stateless_uniform}[kind]
    ctx = tf.distribute.get_replica_context()
    replicas = 1 if ctx is None else ctx.num_replicas_in_sync
    if replicas == 1:
        return fn(local_shape, seed=seed, dtype=dtype)
    local_shape = tf.convert_to_tensor(local_shape, tf.int32)
    local = local_shape[0]
    full = fn(tf.concat([[local * replicas], local_shape[1:]], 0), seed=seed, dtype=dtype)
    start = tf.cast(ctx.replica_id_in_sync_group, tf.int32) * local
    return full[start : start + local]
