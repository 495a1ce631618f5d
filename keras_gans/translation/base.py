"""The common base of the two-domain models: unpaired input, per-role updates, pools.

:class:`TranslationGAN` builds on :class:`keras_gans.engine.AdversarialModel` (the
engine's per-role optimizers, ``compile`` round trip, trackers and its one
:meth:`~keras_gans.engine.AdversarialModel._update`), and adds what every two-domain
model needs: checking that ``fit`` gets an *unpaired* dataset
(:mod:`keras_gans.data.unpaired`), stateless seeds per step, and input checks for
``translate``. :class:`ImagePool` is CycleGAN's history of generated images.
"""

import keras
import numpy as np
import tensorflow as tf

from keras_gans._checks import check_sample_batch
from keras_gans.data.unpaired import DOMAIN_KEYS, describe_structure
from keras_gans.batching import run_batched
from keras_gans.engine import AdversarialModel, _optimizer_config
from keras_gans.errors import InvalidInputError
from keras_gans.seeds import stream
from keras_gans.step import draw_per_sample


class TranslationGAN(AdversarialModel):
    """Base of :class:`CycleGAN`, :class:`UNIT` and :class:`CoGAN`.

    Roles: ``"generator"`` (every generator / encoder / decoder, one optimizer) and
    ``"discriminator"`` (every discriminator, one optimizer), as in the papers, which
    step all generators together and then all discriminators.

    Args:
        image_shape_a, image_shape_b: the two domains' image shapes.
        tracked: names of the logged terms (``d_loss`` and ``g_loss`` are added).
        d_optimizer, g_optimizer: default optimizers of ``compile()``.
        seed: seed of every stateless draw; ``None`` picks one (stored in the config).
        variant: the registry name (informational).

    Example:
        >>> model = keras_gans.build("cyclegan", image_shape=(28, 28, 1))
        >>> model.compile()
        >>> model.fit(data.unpaired_from_arrays(x_a, x_b, batch_size=16), epochs=1)

    Reference:
        Zhu et al. 2017; Liu & Tuzel 2016; Liu, Breuel & Kautz 2017.
    """

    def __init__(self, image_shape_a, image_shape_b, tracked=(), d_optimizer=None,
                 g_optimizer=None, seed=None, variant=None, **kwargs):
        super().__init__(**kwargs)
        self.image_shape_a = tuple(image_shape_a)
        self.image_shape_b = tuple(image_shape_b)
        self._default_optimizers = {
            "d_optimizer": _optimizer_config(d_optimizer),
            "g_optimizer": _optimizer_config(g_optimizer),
        }
        self.seed = int(np.random.randint(0, 2**31 - 1) if seed is None else seed)
        self.variant = variant
        names = ["d_loss", "g_loss"] + [n for n in tracked if n not in ("d_loss", "g_loss")]
        self._trackers = {name: keras.metrics.Mean(name=name) for name in names}
        self.d_optimizer = None
        self.g_optimizer = None
        self.built = True

    # Constructor arguments that are nets (``None`` allowed): serialized by
    # :meth:`base_config` and rebuilt by :meth:`from_config`. Each subclass lists its own.
    NET_KEYS = ()

    def base_config(self):
        """The constructor arguments every translator stores, its nets included."""
        ser = keras.saving.serialize_keras_object
        return {
            "name": self.name,
            "d_optimizer": self._default_optimizers["d_optimizer"],
            "g_optimizer": self._default_optimizers["g_optimizer"],
            "seed": self.seed,
            "variant": self.variant,
            "loss": self.loss_name,
            **{key: None if getattr(self, key) is None else ser(getattr(self, key))
               for key in self.NET_KEYS},
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in cls.NET_KEYS:
            if config.get(key) is not None:
                config[key] = keras.saving.deserialize_keras_object(config[key])
        return cls(**config)

    # ----------------------------------------------------------------- input
    def fit(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.fit`` on an unpaired dataset (:func:`keras_gans.data.unpaired`).

        Raises:
            InvalidInputError: ``x`` is not an unpaired two-domain ``tf.data.Dataset``
                (a labelled/paired tuple dataset, one domain, or arrays).
        """
        if not isinstance(x, tf.data.Dataset):
            raise InvalidInputError(
                f"{type(self).__name__}.fit needs an unpaired two-domain tf.data.Dataset; "
                f"got {type(x).__name__}. Build one with "
                "keras_gans.data.unpaired_from_arrays(x_a, x_b) (or zip_unpaired(ds_a, ds_b))."
            )
        self._check_structure(x.element_spec)
        return super().fit(x, y, *args, **kwargs)

    def _check_structure(self, spec):
        if isinstance(spec, dict) and set(spec) == set(DOMAIN_KEYS):
            return
        kind = ("a paired or labelled dataset" if isinstance(spec, (tuple, list))
                else "a single-domain dataset" if isinstance(spec, tf.TensorSpec)
                else "an unknown structure")
        raise InvalidInputError(
            f"{type(self).__name__} learns from UNPAIRED data: batches must be "
            f"{{'domain_a': images, 'domain_b': images}}; got {describe_structure(spec)} "
            f"({kind}). Build the dataset with keras_gans.data.unpaired_from_arrays(x_a, "
            "x_b) or data.zip_unpaired(ds_a, ds_b) — two independently shuffled domains."
        )

    def unpack(self, data):
        """A batch → ``(a, b)``, checked against the domains' shapes (at trace time)."""
        spec = tf.nest.map_structure(lambda t: tf.TensorSpec(t.shape, t.dtype), data)
        self._check_structure(spec)
        a, b = data["domain_a"], data["domain_b"]
        for which, x, shape in (("a", a, self.image_shape_a), ("b", b, self.image_shape_b)):
            if tuple(x.shape[1:]) != shape:
                raise InvalidInputError(
                    f"{self.variant or type(self).__name__} was built for domain {which} "
                    f"images of shape {shape} but got a batch of shape {tuple(x.shape)}."
                )
            if not x.dtype.is_floating:
                raise InvalidInputError(
                    f"Domain {which} batches must be floating point in [-1, 1]; got "
                    f"{x.dtype.name}. Use keras_gans.data.unpaired_from_arrays to scale them."
                )
        return a, b

    # ----------------------------------------------------------------- randomness
    def draw_seed(self, step, name):
        """The stateless seed of the draw called ``name`` in training step ``step``."""
        return stream(self.seed, step, name)

    def noise_like(self, x, seed):
        """Standard normal noise of ``x``'s shape (stateless, replica-sliced)."""
        return draw_per_sample("normal", tf.shape(x), seed, x.dtype)

    # ----------------------------------------------------------------- the step
    def update_sequence(self):
        """Every discriminator, then every generator (CycleGAN: the other way round)."""
        return (("discriminator", 1), ("generator", 1))

    def begin_step(self, data, step):
        a, b = self.unpack(data)
        return {"a": a, "b": b}

    def run_update(self, role, state, step, repeat):
        self._update(role, self.objective(role, state, step))

    def objective(self, role, state, step):
        """Hook: ``compute()`` of ``role``'s update (see :meth:`_update`) on the step's
        ``state`` (``"a"``, ``"b"`` and what earlier updates left in it)."""
        raise NotImplementedError

    # ----------------------------------------------------------------- inference
    def translation_fn(self, source, target):
        """Hook: a tensor → tensor map from ``source`` to ``target`` (inference mode)."""
        raise NotImplementedError(f"{type(self).__name__} does not translate images.")

    def serving_endpoints(self):
        """``serving_default``: domain-a images → domain b; ``b2a``: the way back."""
        def spec(shape):
            return [tf.TensorSpec((None, *shape), tf.float32, name="images")]

        return {"serving_default": (self.translation_fn("a", "b"), spec(self.image_shape_a)),
                "b2a": (self.translation_fn("b", "a"), spec(self.image_shape_b))}

    def translate(self, x, direction="a2b", batch_size=256):
        """Translates images (NumPy or tensor, in [-1, 1]) in inference mode.

        Args:
            x: ``(n, H, W, C)`` images of the source domain (or one ``(H, W, C)`` image).
            direction: ``"a2b"`` or ``"b2a"``.
            batch_size: images per network call.

        Returns:
            NumPy images of the target domain in [-1, 1].

        Raises:
            InvalidInputError: an unknown direction, or images of the wrong shape, dtype
                or range.
        """
        source, target = parse_direction(direction)
        x = self.check_images(x, source)
        return translate_batched(self.translation_fn(source, target), x, batch_size)

    def reconstruct(self, x, direction="a2b", batch_size=256):
        """The cycle: translate with ``direction``, then back to the source domain."""
        back = "b2a" if direction == "a2b" else "a2b"
        return self.translate(self.translate(x, direction, batch_size), back, batch_size)

    def check_images(self, x, domain, owner="translate"):
        """Validates images of ``domain`` for inference; returns a float32 array."""
        shape = self.image_shape_a if domain == "a" else self.image_shape_b
        return check_sample_batch(x, shape, f"{self.variant or type(self).__name__}.{owner}",
                                  what=f"domain {domain} images", single=True)


def parse_direction(direction):
    """``"a2b"``/``"b2a"`` → ``(source domain, target domain)``."""
    if direction not in ("a2b", "b2a"):
        raise InvalidInputError(f"direction must be 'a2b' or 'b2a'; got {direction!r}.")
    return direction[0], direction[2]


def translate_batched(fn, x, batch_size):
    """Runs ``fn`` (a tensor → tensor map) over ``x`` in batches; returns NumPy."""
    x = tf.convert_to_tensor(x)
    return run_batched(lambda part: fn(x[part]), int(x.shape[0]), batch_size)


@keras.saving.register_keras_serializable(package="keras_gans")
class ImagePool(keras.layers.Layer):
    """A history of generated images for the discriminator updates.

    The first ``pool_size`` images are stored and returned as they are. Once the pool
    is full, each new image is, with probability ½, swapped for a randomly chosen stored
    one (which is returned and replaced by the new image), otherwise returned as it is.
    The buffer and its fill count are non-trainable variables, so they are saved with
    the model; the draws are stateless (``seed``), so it runs in graph mode and under
    XLA with static shapes. Within one batch, images that go to the pool pick distinct
    slots (a random permutation of the slots) and a batch that straddles the moment
    the pool fills first fills it, then swaps — the sequential semantics of the
    reference implementation. ``pool_size=0`` disables it (a pass-through).

    Not supported under ``tf.distribute`` with several replicas (each replica would
    need its own buffer).

    Args:
        pool_size: stored images (50 in the paper).
        image_shape: shape of one image.

    Example:
        >>> pool = ImagePool(50, (28, 28, 1))
        >>> fakes_for_d = pool(fakes, seed=tf.constant([0, 1], tf.int64))

    Reference:
        Shrivastava et al. 2017, "Learning from Simulated and Unsupervised Images
        through Adversarial Training", §2.3; Zhu et al. 2017, §4 ("image buffer").
    """

    def __init__(self, pool_size=50, image_shape=(28, 28, 1), **kwargs):
        super().__init__(**kwargs)
        if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 0:
            raise InvalidInputError(f"pool_size must be an int ≥ 0; got {pool_size!r}.")
        self.pool_size = pool_size
        self.image_shape = tuple(image_shape)
        self.images = self.add_weight(
            shape=(pool_size, *self.image_shape), initializer="zeros", trainable=False,
            name="images", dtype="float32")
        self.count = self.add_weight(shape=(), initializer="zeros", trainable=False,
                                     name="count", dtype="int32")
        self.built = True

    def call(self, images, seed):
        if self.pool_size == 0:
            return images
        ctx = tf.distribute.get_replica_context()
        if ctx is not None and ctx.num_replicas_in_sync > 1:
            raise InvalidInputError(
                f"ImagePool (pool_size={self.pool_size}) keeps one buffer and cannot run on "
                f"{ctx.num_replicas_in_sync} replicas; build the model with pool_size=0 to "
                "train under a tf.distribute strategy."
            )
        size = self.pool_size
        images = tf.cast(images, tf.float32)
        batch = tf.shape(images)[0]
        pos = tf.range(batch)
        count = tf.convert_to_tensor(self.count)
        pool = tf.convert_to_tensor(self.images)
        fill_slot = count + pos
        is_fill = fill_slot < size
        u = tf.random.stateless_uniform(tf.reshape(batch, [1]), seed=seed)
        perm = tf.argsort(tf.random.stateless_uniform([size], seed=stream(seed, "slots")))
        swap_slot = tf.gather(perm, pos % size)
        is_swap = tf.logical_and(tf.logical_not(is_fill), u < 0.5)
        scratch = size + pos  # rows that write nothing go to scratch rows, sliced off

        def scatter(buffer, slots, write):
            padded = tf.concat([buffer, tf.zeros_like(images)], axis=0)
            target = tf.where(write, slots, scratch)
            return tf.tensor_scatter_nd_update(padded, target[:, None], images)[:size]

        filled = scatter(pool, fill_slot, is_fill)
        stored = tf.gather(filled, swap_slot)
        mask = tf.reshape(is_swap, [-1] + [1] * len(self.image_shape))
        out = tf.where(mask, stored, images)
        self.images.assign(scatter(filled, swap_slot, is_swap))
        self.count.assign(tf.minimum(count + batch, size))
        return out

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size,
                "image_shape": self.image_shape}
