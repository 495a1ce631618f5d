"""The adversarial engine: one ``keras.Model`` whose ``train_step`` trains every GAN.

``train_step`` runs a declared sequence of updates (:meth:`AdversarialModel.
update_sequence`): for a GAN ``n_critic`` discriminator updates, then one generator
update, each through the same :meth:`AdversarialModel._update` (one ``tf.GradientTape``,
loss scaling for mixed precision and for ``tf.distribute`` replicas, one optimizer
apply). A variant is configuration: a loss pair, regularizers, constraints, nets and
default optimizers. Models whose data flow differs (labels, an encoder, a Q head)
subclass :class:`GAN` and override the hooks — :meth:`unpack`, :meth:`sample_latent`,
:meth:`generator_forward`, :meth:`discriminator_forward`, :meth:`extra_terms`,
:meth:`trainable_variables_of`, and :meth:`update_sequence` for a role of their own
(VAE-GAN's encoder) — not the step.

Randomness. Every draw in the step is *stateless*: the stream
``seeds.stream(seed, step, role, repeat)`` of its update (see :meth:`GAN.update_seed`),
and named streams below it for penalties and extra terms, where ``step`` is the generator
optimizer's iteration count. Per-sample noise is drawn
for the global batch and each replica takes its slice, so training on N replicas draws
exactly the noise a single device would (``keras.random.SeedGenerator`` would draw the
same noise on every replica and fails under XLA + ``MirroredStrategy``). Outside the
step (``generate``) a ``keras.random.SeedGenerator`` seeded with ``seed`` is used when
no explicit seed is given.

Real batches. Each of the ``n_critic`` discriminator updates of one ``train_step`` sees
the same real batch with fresh latents (and fresh penalty noise); WGAN's Algorithm 1
samples a new real batch per critic update. Feed batches of ``n_critic × batch`` and
set ``split_real_batch=True`` to get the paper's behaviour exactly.
"""

import dataclasses

import keras
import numpy as np
import tensorflow as tf

from keras_gans import augment as augment_lib
from keras_gans import losses as losses_lib
from keras_gans import regularizers as reg_lib
from keras_gans import saving as saving_lib
from keras_gans._checks import check_latents, check_seed
from keras_gans.batching import run_batched
from keras_gans.errors import InvalidInputError, first_line
from keras_gans.seeds import stream
from keras_gans.step import StepContext, draw_per_sample, logits_of


def as_batch(data):
    """What ``train_step`` receives, as ``fit``'s dataset yields it.

    ``train_on_batch(x, y)`` hands a step ``(x, y, sample_weight)`` with ``None`` for what
    was not given, and, when eager, NumPy arrays unconverted; ``fit`` hands the element
    itself. This drops the trailing ``None``s and converts arrays to tensors, so both
    reach the models' ``unpack`` alike.
    """
    if isinstance(data, tuple):
        while len(data) > 1 and data[-1] is None:
            data = data[:-1]
        if len(data) == 1:
            data = data[0]
    return tf.nest.map_structure(tf.convert_to_tensor, data)


def _num_replicas():
    ctx = tf.distribute.get_replica_context()
    return 1 if ctx is None else ctx.num_replicas_in_sync


def _step_logs(logs):
    """The step's logs, shaped so that ``fit`` can reduce them under every strategy.

    Keras 3 reduces the logs of a multi-worker ``fit`` with ``strategy.reduce("MEAN", v,
    axis=0)``, which fails on scalars ("Invalid reduction dimension 0 for input with 0
    dimensions", tensorflow/tensorflow#72388): give them a batch axis of 1 there, which
    the reduction removes again.
    """
    strategy = tf.distribute.get_strategy()
    multi_worker = getattr(strategy.extended, "_in_multi_worker_mode", lambda: False)()
    if not multi_worker:
        return logs
    return {name: tf.reshape(value, [1]) for name, value in logs.items()}


# The optimizer argument of each role an update sequence may name.
OPTIMIZER_ARGS = {"discriminator": "d_optimizer", "generator": "g_optimizer",
                  "encoder": "e_optimizer"}
# The tracked name of a role's adversarial loss.
_LOSS_NAMES = {"discriminator": "d_loss", "generator": "g_loss"}


class AdversarialModel(keras.Model):
    """Training machinery shared by every adversarial model: roles, optimizers, one update.

    A training step is a declared sequence of updates, :meth:`update_sequence` —
    ``(role, repeats)`` pairs run in order (a GAN's is ``(("discriminator", n_critic),
    ("generator", 1))``) — each running through the one :meth:`_update` (one tape, loss
    scaling, division by the replica count, one optimizer apply). Each role has its own
    optimizer (``compile``, with a ``get_compile_config``/``compile_from_config`` round
    trip and slots built in ``compile``). Also held here, once: the metric trackers and
    the input check of ``fit``.

    A subclass sets ``self._trackers`` (name → ``keras.metrics.Mean``) and
    ``self._default_optimizers`` (``{"d_optimizer": config, ...}``, one per role) in
    ``__init__``, and implements :meth:`update_sequence`, :meth:`begin_step`,
    :meth:`run_update` and ``trainable_variables_of(role)``.

    Example:
        >>> class MyModel(AdversarialModel):
        ...     def update_sequence(self): return (("discriminator", 1), ("generator", 1))
        ...     def begin_step(self, data, step): return {"real": data}
        ...     def run_update(self, role, state, step, repeat): ...
        ...     def trainable_variables_of(self, role): ...

    Reference:
        Keras guide "Customizing what happens in fit() with TensorFlow" (trackers,
        ``metrics``); optimizer slots are built in ``compile`` and losses divided by the
        replica count, so a distributed step matches a single-replica one.
    """

    @property
    def metrics(self):
        return list(self._trackers.values())

    def _track(self, values):
        for name, value in values.items():
            self._trackers[name].update_state(value)

    def step_logs(self):
        """What ``train_step`` returns: every tracker's value, shaped so that ``fit`` can
        reduce it under any strategy (see :func:`_step_logs`)."""
        return _step_logs({name: tracker.result() for name, tracker in self._trackers.items()})

    # ----------------------------------------------------------------- the step
    def update_sequence(self):
        """Hook: the training step's updates, in order, as ``((role, repeats), ...)``."""
        raise NotImplementedError

    def roles(self):
        """The roles of :meth:`update_sequence`, each once, in order of first update."""
        return tuple(dict.fromkeys(role for role, _ in self.update_sequence()))

    def begin_step(self, data, step):
        """Hook: a batch → the dict of what the step's updates share (an update may add
        to it what a later one needs, e.g. CycleGAN's fakes for its discriminators)."""
        raise NotImplementedError

    def run_update(self, role, state, step, repeat):
        """Hook: update number ``repeat`` of ``role`` in training step ``step``, through
        :meth:`_update`."""
        raise NotImplementedError

    def step_counter(self):
        """The training step: the generator optimizer's iteration count."""
        return tf.cast(self.g_optimizer.iterations, tf.int64)

    def train_step(self, data):
        step = self.step_counter()
        state = self.begin_step(as_batch(data), step)
        for role, repeats in self.update_sequence():
            for repeat in range(repeats):
                self.run_update(role, state, step, repeat)
        return self.step_logs()

    def optimizer_for(self, role):
        """The optimizer of ``role``'s updates (after ``compile``)."""
        return getattr(self, OPTIMIZER_ARGS[role])

    def _optimizer_args(self):
        return [OPTIMIZER_ARGS[role] for role in self.roles()]

    # ----------------------------------------------------------------- compile
    def compile(self, d_optimizer=None, g_optimizer=None, **kwargs):
        """Configures training.

        Args:
            d_optimizer: discriminator optimizer (instance, name or config); default:
                the variant's (e.g. Adam(2e-4, β1=0.5) for dcgan).
            g_optimizer: generator optimizer; default: the variant's.
            **kwargs: the optimizers of further roles (VAE-GAN's ``e_optimizer``) and
                ``keras.Model.compile`` options: ``jit_compile``,
                ``steps_per_execution``, ``run_eagerly``.
        """
        args = self._optimizer_args()
        given = {"d_optimizer": d_optimizer, "g_optimizer": g_optimizer}
        given.update({arg: kwargs.pop(arg) for arg in args if arg in kwargs})
        accepted = {"jit_compile", "steps_per_execution", "run_eagerly", "auto_scale_loss"}
        unsupported = set(kwargs) - accepted
        if unsupported:
            raise InvalidInputError(
                f"{type(self).__name__}.compile got unsupported arguments "
                f"{sorted(unsupported)}; losses and metrics are part of the model. "
                f"Accepted: {', '.join(args)}, jit_compile, steps_per_execution, "
                "run_eagerly."
            )
        made = {arg: _make_optimizer(given.get(arg), self._default_optimizers[arg])
                for arg in args}
        if len({id(opt) for opt in made.values()}) < len(made):
            raise InvalidInputError(
                f"{' and '.join(args)} must be {len(args)} optimizer instances (each keeps "
                "its own slots); got the same object more than once."
            )
        auto_scale = kwargs.pop("auto_scale_loss", True)
        if auto_scale and keras.config.dtype_policy().name == "mixed_float16":
            made = {arg: keras.optimizers.LossScaleOptimizer(opt) for arg, opt in made.items()}
        super().compile(optimizer=None, **kwargs)
        for role in self.roles():
            optimizer = made[OPTIMIZER_ARGS[role]]
            setattr(self, OPTIMIZER_ARGS[role], optimizer)
            # Build slot variables now (inside any strategy scope): creating them lazily
            # inside an XLA-compiled or replicated train function fails.
            optimizer.build(self.trainable_variables_of(role))
        self._compile_kwargs = dict(kwargs)

    def get_compile_config(self):
        if self.d_optimizer is None:
            return None
        return {
            **{arg: keras.saving.serialize_keras_object(_unwrap(getattr(self, arg)))
               for arg in self._optimizer_args()},
            **self._compile_kwargs,
        }

    def compile_from_config(self, config):
        config = dict(config)
        for key in self._optimizer_args():
            if key in config:  # files saved before a role existed take its default
                config[key] = keras.saving.deserialize_keras_object(config[key])
        self.compile(**config)

    def fit(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.fit``, after refusing inputs it would train on silently.

        Arrays get the one check of :func:`keras_gans.data.check_fit_arrays` (dtype,
        NaN/Inf, per-sample shape, the data range) before the first step; a
        ``tf.data.Dataset`` is checked batch by batch (:func:`keras_gans.data.
        check_batches`), so a NaN or out-of-range batch stops ``fit`` with an error
        naming it instead of being trained on.
        """
        from keras_gans import data as data_lib

        _check_fit_input(x)
        data_shape, value_range = self.fit_data_spec()
        owner = f"{type(self).__name__}.fit"
        if isinstance(x, tf.data.Dataset):
            x = data_lib.check_batches(x, value_range)
            kwargs.setdefault("shuffle", False)  # a dataset shuffles itself; Keras warns
        elif data_shape is not None and isinstance(x, (np.ndarray, list, tf.Tensor)):
            x, y = data_lib.check_fit_arrays(x, y, data_shape, value_range, owner)
        try:
            history = super().fit(x, y, *args, **kwargs)
        except tf.errors.InvalidArgumentError as e:
            data_lib.raise_bad_batch(e)
            raise
        self.after_fit()
        return history

    def after_fit(self):
        """Hook: runs when ``fit`` returns (GAN: the EMA copy's own BatchNorm statistics)."""

    def fit_data_spec(self):
        """Hook: ``(per-sample shape or None, value range or None)`` that ``fit`` checks
        its data against; ``None`` checks only that values are finite."""
        return None, None

    # ----------------------------------------------------------------- serving
    def inference_nets(self):
        """Hook: ``{name: net}`` needed to sample/translate and serve (what a pretrained
        preset ships); discriminators are training-time nets."""
        raise NotImplementedError

    def serving_endpoints(self):
        """Hook: ``{signature name: (function, input specs)}`` for :meth:`export`;
        ``"serving_default"`` must be among them."""
        raise NotImplementedError

    def export(self, filepath, output="float32", overwrite=False):
        """Writes a SavedModel for serving (see :func:`keras_gans.export.export_saved_model`).

        Its signatures come from :meth:`serving_endpoints` (``serving_default`` always);
        only the nets of :meth:`inference_nets` are saved.

        Args:
            filepath: the SavedModel folder to create.
            output: ``"float32"`` (samples in the data range, images in [-1, 1]) or
                ``"uint8"`` (images in [0, 255]).
            overwrite: replace an existing folder.

        Example:
            >>> gan.export("served/")
            >>> served = tf.saved_model.load("served/")
            >>> images = served.signatures["serving_default"](latent=z)["images"]
        """
        from keras_gans.export import export_saved_model

        return export_saved_model(self, filepath, output=output, overwrite=overwrite)

    # ----------------------------------------------------------------- saving
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """``keras.Model.save``, atomic: see :func:`keras_gans.saving.save_model`."""
        return saving_lib.save_model(self, filepath, overwrite=overwrite, zipped=zipped,
                                     **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        """``keras.Model.save_weights``, atomic: see :func:`keras_gans.saving.save_weights`."""
        return saving_lib.save_weights(self, filepath, overwrite=overwrite,
                                       max_shard_size=max_shard_size)

    def _update(self, role, compute, tape=None):
        """One gradient update of ``role``'s variables by ``role``'s optimizer.

        ``compute()`` returns ``(loss, terms, logs)``: the adversarial loss (``None`` for
        a role without one, e.g. an encoder), a dict of named terms added to it, and
        extra values to log. All of them are tracked. ``tape``: a tape that already
        recorded part of the forward pass (a shared G forward); it records ``compute()``
        too.
        """
        variables = self.trainable_variables_of(role)
        optimizer = self.optimizer_for(role)
        tape = tf.GradientTape() if tape is None else tape
        with tape:
            loss, terms, logs = compute()
            parts = ([] if loss is None else [loss]) + list(terms.values())
            total = tf.add_n(parts) if len(parts) > 1 else parts[0]
            # Optimizers SUM gradients across replicas: average the global batch here.
            scaled = optimizer.scale_loss(total / _num_replicas())
        grads = tape.gradient(scaled, variables)
        optimizer.apply(grads, variables)
        if loss is not None:
            terms = {_LOSS_NAMES[role]: loss, **terms}
        self._track({**terms, **logs})


class LatentSampler:
    """Sampling from a latent prior, shared by :class:`GAN` and CoGAN: latents from a
    count or an array (:meth:`latent_for`), the EMA copy of the sampling net
    (:meth:`keep_ema`, :meth:`step_ema`, :meth:`sampling_net`).

    The model sets ``latent_dim``, ``seed_generator`` and ``SAMPLING_NET``, the attribute
    of the net it samples with (its EMA copy is ``<SAMPLING_NET>_ema``).
    """

    SAMPLING_NET = "generator"
    LATENT_UNIT = "sample"  # what one latent makes, for messages ("pair": CoGAN)

    def sample_latent(self, batch_size, seed):
        """Hook: latents for ``batch_size`` samples. ``seed`` is a stateless seed."""
        return draw_per_sample("normal", [batch_size, self.latent_dim], seed)

    def latent_for(self, n_or_latent, seed=None):
        """Latents from a count (drawn with ``seed``) or an explicit array (validated)."""
        check_seed(seed)
        checked = check_latents(n_or_latent, self.latent_dim, unit=self.LATENT_UNIT)
        if isinstance(checked, int):
            if seed is None:
                return keras.random.normal((checked, self.latent_dim), seed=self.seed_generator)
            return self.sample_latent(checked, stream(int(seed)))
        return tf.convert_to_tensor(checked)

    def keep_ema(self, ema_decay, ema_warmup=False):
        """Checks and sets ``ema_decay``/``ema_warmup``; starts the EMA copy if one is kept."""
        check_ema_decay(ema_decay)
        if not isinstance(ema_warmup, (bool, np.bool_)):
            raise InvalidInputError(f"ema_warmup must be True or False; got {ema_warmup!r}.")
        if ema_warmup and ema_decay is None:
            raise InvalidInputError("ema_warmup=True ramps up an EMA of G: set ema_decay too "
                                    "(e.g. ema_decay=0.999).")
        self.ema_decay = None if ema_decay is None else float(ema_decay)
        self.ema_warmup = bool(ema_warmup)
        net = getattr(self, self.SAMPLING_NET)
        setattr(self, f"{self.SAMPLING_NET}_ema",
                None if self.ema_decay is None else ema_copy(net))

    def step_ema(self):
        """One EMA step after a generator update (nothing when no EMA is kept)."""
        ema = getattr(self, f"{self.SAMPLING_NET}_ema")
        if ema is not None:
            update_ema(ema, getattr(self, self.SAMPLING_NET), self.ema_decay,
                       self.g_optimizer.iterations if self.ema_warmup else None)

    def sampling_net(self, use_ema=True):
        """The net used for sampling: the EMA copy when kept and ``use_ema``."""
        ema = getattr(self, f"{self.SAMPLING_NET}_ema")
        return ema if use_ema and ema is not None else getattr(self, self.SAMPLING_NET)

    def after_fit(self):
        self.refresh_ema_statistics()

    def refresh_ema_statistics(self, batches=50, batch_size=256):
        """Gives the EMA copy BatchNorm statistics of its own weights.

        The EMA averages weights, but :func:`update_ema` copies the live net's moving
        statistics, which were measured on other weights' activations. This runs the
        EMA net in training mode on ``batches`` batches of prior latents (seeded by the
        model's seed, so the result is the same on every run) and sets each BatchNorm
        layer's statistics to their average over the batches (BigGAN's "standing
        statistics"). ``fit`` calls it when it returns; it does nothing without an EMA,
        without BatchNorm, or for nets that take more than the latent (labels).
        """
        ema = getattr(self, f"{self.SAMPLING_NET}_ema")
        if ema is None or len(getattr(ema, "inputs", None) or [None]) != 1:
            return
        norms = [layer for layer in ema._flatten_layers()
                 if isinstance(layer, keras.layers.BatchNormalization)]
        if not norms:
            return
        saved = [(layer.trainable, layer.momentum) for layer in norms]
        try:
            for layer in norms:
                layer.trainable = True  # a frozen BatchNorm layer runs in inference mode
            for k in range(batches):
                for layer in norms:
                    layer.momentum = k / (k + 1.0)  # the running mean of the batches' values
                latent = self.sample_latent(batch_size, stream(self.seed, "ema_statistics", k))
                ema(latent, training=True)
        finally:
            for layer, (trainable, momentum) in zip(norms, saved):
                layer.trainable, layer.momentum = trainable, momentum


@keras.saving.register_keras_serializable(package="keras_gans")
class GAN(LatentSampler, AdversarialModel):
    """A generator and a discriminator trained by one adversarial ``train_step``.

    Args:
        generator: a ``keras.Model`` mapping latents ``(batch, latent_dim)`` to samples.
        discriminator: a ``keras.Model`` mapping samples to logits (or to a dict with
            a ``"logits"`` entry, e.g. EBGAN's energies and embeddings).
        loss: a loss name from :func:`keras_gans.losses.names` (``"non_saturating"``,
            ``"wasserstein"``, ``"hinge"``, ``"f_js"``...).
        loss_kwargs: parameters of a parametric loss (``{"margin": 10.0}`` for energy).
        d_regularizers: regularizers added to the discriminator objective.
        g_regularizers: regularizers added to the generator objective.
        d_constraints: constraints applied to D's weights after each D update
            (:class:`keras_gans.regularizers.WeightClip`).
        n_critic: discriminator updates per generator update (≥ 1).
        split_real_batch: split each real batch into ``n_critic`` equal parts, one per
            D update (the batch size must be divisible by ``n_critic``).
        reuse_fake: with ``n_critic == 1``, the generator update reuses the fakes (and
            their latents) of the step's discriminator update instead of running G
            again: one G forward fewer per step, the convention of the PyTorch DCGAN
            example. D scores them after its update, as in the two-forward step.
        augment: DiffAugment policy (Zhao et al. 2020) for image data, e.g.
            ``"translation,cutout"`` (:mod:`keras_gans.augment`): D sees reals and fakes
            through the same random differentiable transforms in both updates, and its
            penalties see what it saw; ``None`` for none.
        pack: PacGAN packing degree m (Lin et al. 2018): D scores m samples at once,
            concatenated along the last axis (its input has ``m ×`` the channels or
            features); batches must be divisible by m. 1 = no packing. Gradient
            penalties take one norm per pack (see ``StepContext.pack``).
        ema_decay: if set (e.g. 0.999), keep an exponential moving average of G's
            weights in ``generator_ema``; ``generate`` uses it by default.
        ema_warmup: ramp the EMA's decay up as ``min(ema_decay, (1 + t) / (10 + t))`` over
            the G updates t, so that short runs average recent weights rather than the
            initial ones (it reaches 0.999 after ~9,000 steps).
        d_optimizer, g_optimizer: default optimizers (instances or serialized configs)
            used by ``compile()`` when none are passed.
        seed: integer seed of every random draw; ``None`` picks one (stored in config).
        variant: the registry name this model was built from (informational).

    Example:
        >>> import keras_gans
        >>> gan = keras_gans.build("wgan_gp", image_shape=(28, 28, 1))
        >>> gan.compile()
        >>> gan.fit(keras_gans.data.default_dataset(batch_size=64), epochs=1)
        >>> images = gan.generate(16)  # (16, 28, 28, 1) in [-1, 1]

    Reference:
        Goodfellow et al. 2014, "Generative Adversarial Nets" (Algorithm 1).
    """

    def __init__(
        self,
        generator,
        discriminator,
        loss="non_saturating",
        loss_kwargs=None,
        d_regularizers=(),
        g_regularizers=(),
        d_constraints=(),
        n_critic=1,
        split_real_batch=False,
        reuse_fake=False,
        pack=1,
        ema_decay=None,
        ema_warmup=False,
        d_optimizer=None,
        g_optimizer=None,
        seed=None,
        variant=None,
        augment=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if isinstance(n_critic, bool) or not isinstance(n_critic, int) or n_critic < 1:
            raise InvalidInputError(f"n_critic must be an int ≥ 1; got {n_critic!r}.")
        for role, net in (("generator", generator), ("discriminator", discriminator)):
            if not isinstance(net, keras.Model):
                raise InvalidInputError(
                    f"{role} must be a keras.Model; got {type(net).__name__}."
                )
        if isinstance(pack, bool) or not isinstance(pack, int) or pack < 1:
            raise InvalidInputError(f"pack must be an int ≥ 1; got {pack!r}.")
        self.pack = pack
        self.generator = generator
        self.discriminator = discriminator
        self._validate_nets()
        self.augment = augment_lib.parse_policy(augment)
        if self.augment and len(self.data_shape) != 3:
            raise InvalidInputError(
                f"augment={augment!r} transforms images (height, width, channels); this "
                f"model's samples have shape {self.data_shape}."
            )
        self.loss_name = loss
        self.loss_kwargs = dict(loss_kwargs or {})
        self.d_loss_fn, self.g_loss_fn = losses_lib.get(loss, **self.loss_kwargs)
        self.d_regularizers = tuple(reg_lib.get(r) for r in d_regularizers)
        self.g_regularizers = tuple(reg_lib.get(r) for r in g_regularizers)
        self.d_constraints = tuple(reg_lib.get(c) for c in d_constraints)
        self.n_critic = n_critic
        self.split_real_batch = bool(split_real_batch)
        if not isinstance(reuse_fake, (bool, np.bool_)):
            raise InvalidInputError(f"reuse_fake must be True or False; got {reuse_fake!r}.")
        if reuse_fake and n_critic != 1:
            raise InvalidInputError(
                f"reuse_fake=True needs n_critic=1 (one D update whose fakes the G update "
                f"reuses); got n_critic={n_critic}."
            )
        self.reuse_fake = bool(reuse_fake)
        self.keep_ema(ema_decay, ema_warmup)
        self._default_optimizers = {
            "d_optimizer": _optimizer_config(d_optimizer),
            "g_optimizer": _optimizer_config(g_optimizer),
        }
        self.seed = int(np.random.randint(0, 2**31 - 1) if seed is None else seed)
        self.variant = variant
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        names = ["d_loss", "g_loss", "d_real", "d_fake"]
        self._term_fns = {}
        for role in self.roles():
            regs = {"discriminator": self.d_regularizers,
                    "generator": self.g_regularizers}.get(role, ())
            fns = {}
            for reg in regs:
                name = _unique_name(reg.name, names)
                fns[name] = _seeded(reg, name)
                names.append(name)
            for name, fn in self.extra_terms(role).items():
                if name in names:
                    raise InvalidInputError(
                        f"{type(self).__name__}: the term {name!r} of the {role} update "
                        "is tracked twice; give it another name."
                    )
                fns[name] = fn
                names.append(name)
            self._term_fns[role] = fns
        self._trackers = {name: keras.metrics.Mean(name=name) for name in names}
        for arg in self._optimizer_args():
            setattr(self, arg, None)
        # The nets are built; mark the wrapper built too, so fit (and fit under a
        # strategy) does not try a symbolic call of the whole GAN.
        self.built = True

    def _validate_nets(self):
        """Sets ``data_shape``/``latent_dim`` and checks that G's output fits D's input.

        Structured subclasses whose nets take extra inputs override this.
        """
        self.data_shape = tuple(self.generator.output_shape[1:])
        self.latent_dim = int(self.generator.input_shape[-1])
        d_in = tuple(self.discriminator.input_shape[1:])
        expected = packed_shape(self.data_shape, self.pack)
        if d_in != expected:
            packing = f" packed {self.pack} at a time, i.e. {expected}," if self.pack > 1 else ""
            raise InvalidInputError(
                f"The generator outputs samples of shape {self.data_shape}{packing} but the "
                f"discriminator expects {d_in}."
            )

    # ----------------------------------------------------------------- hooks
    def unpack(self, data):
        """Hook: a dataset element → ``(real, condition)``. Labels are ignored here."""
        if isinstance(data, (tuple, list)):
            data = data[0]
        if isinstance(data, dict):
            raise InvalidInputError(
                f"{type(self).__name__} expects batches of samples (or (samples, labels)); "
                f"got a dict with keys {sorted(data)}."
            )
        return data, None

    def generator_forward(self, latent, condition=None, training=False):
        """Hook: G(latent[, condition])."""
        return self.generator(latent, training=training)

    def discriminator_forward(self, x, condition=None, training=False):
        """Hook: D(x[, condition]); a tensor of logits or a dict with ``"logits"``.

        With ``pack > 1`` D sees the samples packed ``pack`` at a time (PacGAN).
        """
        return self.discriminator(pack_samples(x, self.pack), training=training)

    def discriminator_input(self, real, condition=None, training=False):
        """Hook: what D scores as "real" (BiGAN: the pair ``(x, E(x))``); default ``real``."""
        return real

    def extra_terms(self, role):
        """Hook: ``{name: fn}`` of terms added to ``role``'s objective, each
        ``fn(ctx: StepContext) -> scalar``; the names are what ``fit`` logs. Terms that
        need the same intermediate compute it once through ``ctx.once``."""
        return {}

    def trainable_variables_of(self, role):
        """Hook: variables updated by the ``"discriminator"``/``"generator"`` update."""
        net = self.discriminator if role == "discriminator" else self.generator
        return net.trainable_variables

    # ----------------------------------------------------------------- the step
    def update_sequence(self):
        """``n_critic`` discriminator updates, then one generator update."""
        return (("discriminator", self.n_critic), ("generator", 1))

    def update_seed(self, step, role, repeat=0):
        """The stateless seed of update ``repeat`` of ``role`` in training step ``step``.

        The update draws its latents from it; its penalties and extra terms take named
        streams below it (``seeds.stream(ctx.seed, name)``), so no two draws share a seed.
        """
        return stream(self.seed, step, role, repeat)

    def fit_data_spec(self):
        """Samples of ``data_shape``; images in the generator's range [-1, 1]."""
        return self.data_shape, ((-1.0, 1.0) if len(self.data_shape) == 3 else None)

    def check_batch(self, real):
        """Trace-time check that a real batch matches the model's data shape."""
        from keras_gans.data import shape_hint

        shape = tuple(real.shape[1:])
        if shape != self.data_shape:
            raise InvalidInputError(
                f"{self.variant or type(self).__name__} was built for samples of shape "
                f"{self.data_shape} but got a batch of shape {tuple(real.shape)}: "
                f"{shape_hint(shape, self.data_shape)}."
            )
        if self.pack > 1 and real.shape[0] is not None and real.shape[0] % self.pack:
            raise InvalidInputError(
                f"pack={self.pack} needs batches divisible by {self.pack}; got batches of "
                f"{real.shape[0]}."
            )
        if not real.dtype.is_floating:
            raise InvalidInputError(
                f"Real batches must be floating point in the generator's range; got "
                f"{real.dtype.name}. Use keras_gans.data (e.g. data.from_arrays) to scale "
                "images to [-1, 1]."
            )

    def begin_step(self, data, step):
        """The real batch and condition, the real chunks of the D updates, and with
        ``reuse_fake`` the step's one G forward (its latents, fakes and tape)."""
        real, condition = self.unpack(data)
        self.check_batch(real)
        state = {"real": real, "condition": condition, "chunks": self._real_chunks(real)}
        if self.reuse_fake:
            tape = tf.GradientTape()
            with tape:
                latent = self.sample_latent(tf.shape(real)[0],
                                            self.update_seed(step, "discriminator"))
                fake = self.generator_forward(latent, condition, training=True)
            state.update(drawn=(latent, fake), tape=tape)
        return state

    def run_update(self, role, state, step, repeat):
        seed = self.update_seed(step, role, repeat)
        real, condition = state["real"], state["condition"]
        if role == "discriminator":
            chunks = state["chunks"]
            self._discriminator_update(chunks[repeat], _slice_like(condition, chunks, repeat),
                                       seed, state.get("drawn"))
        elif role == "generator":
            self._generator_update(real, condition, seed, state.get("drawn"),
                                   state.get("tape"))
        else:
            self._terms_update(role, real, condition, seed)

    def _real_chunks(self, real):
        if not self.split_real_batch or self.n_critic == 1:
            return [real] * self.n_critic
        batch = real.shape[0]
        if batch is not None and batch % self.n_critic:
            raise InvalidInputError(
                f"split_real_batch needs a batch size divisible by n_critic={self.n_critic}; "
                f"got batches of {batch} (use drop_remainder=True and batch n_critic × B)."
            )
        return tf.split(real, self.n_critic, axis=0)

    def _context(self, condition, real, fake, real_output, fake_output, seed, latent):
        def discriminate(x):
            return self.discriminator_forward(x, condition, training=True)

        return StepContext(discriminate, real, fake, real_output, fake_output, seed,
                           condition=condition, latent=latent, pack=self.pack)

    def terms(self, role, ctx):
        """``role``'s terms on ``ctx`` — its regularizers, then :meth:`extra_terms` — by
        tracked name."""
        return {name: fn(ctx) for name, fn in self._term_fns[role].items()}

    def _drawn(self, real, condition, seed, drawn):
        """``(latent, fake)``: the given pair of a shared forward, or a fresh draw."""
        if drawn is not None:
            return drawn
        latent = self.sample_latent(tf.shape(real)[0], seed)
        return latent, self.generator_forward(latent, condition, training=True)

    def _discriminator_update(self, real, condition, seed, drawn=None):
        latent, fake = self._drawn(real, condition, seed, drawn)
        fake = tf.nest.map_structure(tf.stop_gradient, fake)

        def compute():
            d_real = self.augmented(self.discriminator_input(real, condition, training=True),
                                    seed, "augment_real")
            d_fake = self.augmented(fake, seed, "augment_fake")
            real_out = self.discriminator_forward(d_real, condition, training=True)
            fake_out = self.discriminator_forward(d_fake, condition, training=True)
            real_logits, fake_logits = logits_of(real_out), logits_of(fake_out)
            loss = self.d_loss_fn(real_logits, fake_logits)
            ctx = self._context(condition, d_real, d_fake, real_out, fake_out, seed, latent)
            logs = {"d_real": tf.reduce_mean(real_logits), "d_fake": tf.reduce_mean(fake_logits)}
            return loss, self.terms("discriminator", ctx), logs

        self._update("discriminator", compute)
        for constraint in self.d_constraints:
            constraint.apply(self.trainable_variables_of("discriminator"))

    def _generator_update(self, real, condition, seed, drawn=None, tape=None):
        def compute():
            latent, fake = self._drawn(real, condition, seed, drawn)
            fake = self.augmented(fake, seed, "augment_fake")
            fake_out = self.discriminator_forward(fake, condition, training=True)
            loss = self.g_loss_fn(logits_of(fake_out))
            ctx = self._context(condition, real, fake, None, fake_out, seed, latent)
            return loss, self.terms("generator", ctx), {}

        self._update("generator", compute, tape=tape)
        self.step_ema()

    def augmented(self, x, seed, name):
        """``x`` as D sees it: through the ``augment`` policy (the stream ``name`` below
        the update's seed), else unchanged. Of a pair (BiGAN's ``(x, E(x))``) only the
        image is transformed."""
        if not self.augment:
            return x
        if isinstance(x, (tuple, list)):
            return type(x)([self.augmented(x[0], seed, name), *x[1:]])
        return augment_lib.diff_augment(x, self.augment, stream(seed, name))

    def _terms_update(self, role, real, condition, seed):
        """An update of a role with no adversarial loss (VAE-GAN's encoder): its
        objective is its terms."""
        def compute():
            ctx = self._context(condition, real, None, None, None, seed, None)
            return None, self.terms(role, ctx), {}

        self._update(role, compute)

    # ----------------------------------------------------------------- inference
    def call(self, latent, training=False):
        return self.generator(latent, training=training)

    def generate(self, n_or_latent, seed=None, batch_size=256, use_ema=True):
        """Generates samples as a NumPy array (images in [-1, 1]).

        Args:
            n_or_latent: a number of samples, or latents of shape ``(n, latent_dim)``.
            seed: integer seed for the latents (same seed → same samples); ``None``
                draws from the model's seed generator.
            batch_size: samples per generator call.
            use_ema: use the EMA generator when the model keeps one.
        """
        latent = self.latent_for(n_or_latent, seed)
        net = self.sampling_net(use_ema)
        return run_batched(lambda part: net(latent[part], training=False),
                           int(latent.shape[0]), batch_size)

    # ----------------------------------------------------------------- serving
    def inference_nets(self):
        """Hook: the nets needed to sample (and serve): what a pretrained preset ships.

        Encoder models add their encoder; the discriminator is a training-time net.
        """
        return {"generator": self.sampling_net()}

    def serving_endpoints(self):
        """``serving_default``: a latent batch ``(n, latent_dim)`` float32 → samples.
        Conditional models add the labels."""
        net = self.sampling_net()

        def serve(latent):
            return net(latent, training=False)

        return {"serving_default": (
            serve, [tf.TensorSpec((None, self.latent_dim), tf.float32, name="latent")])}

    # ----------------------------------------------------------------- config
    def get_config(self):
        ser = keras.saving.serialize_keras_object
        return {
            "name": self.name,
            "generator": ser(self.generator),
            "discriminator": ser(self.discriminator),
            "loss": self.loss_name,
            "loss_kwargs": self.loss_kwargs,
            "d_regularizers": [ser(r) for r in self.d_regularizers],
            "g_regularizers": [ser(r) for r in self.g_regularizers],
            "d_constraints": [ser(c) for c in self.d_constraints],
            "n_critic": self.n_critic,
            "split_real_batch": self.split_real_batch,
            "reuse_fake": self.reuse_fake,
            "pack": self.pack,
            "ema_decay": self.ema_decay,
            "ema_warmup": self.ema_warmup,
            "d_optimizer": self._default_optimizers["d_optimizer"],
            "g_optimizer": self._default_optimizers["g_optimizer"],
            "seed": self.seed,
            "variant": self.variant,
            "augment": self.augment or None,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        de = keras.saving.deserialize_keras_object
        for key in ("generator", "discriminator"):
            config[key] = de(config[key])
        for key in ("d_regularizers", "g_regularizers", "d_constraints"):
            config[key] = [de(r) for r in config.get(key, [])]
        return cls(**config)


def check_ema_decay(ema_decay):
    """``ema_decay`` must be ``None`` (no EMA) or a number in (0, 1)."""
    if ema_decay is not None and (isinstance(ema_decay, bool) or not isinstance(
            ema_decay, (int, float, np.floating)) or not 0.0 < float(ema_decay) < 1.0):
        raise InvalidInputError(f"ema_decay must be in (0, 1) or None; got {ema_decay!r}.")


def ema_copy(net):
    """A frozen copy of ``net`` (same class, config and weights): where an EMA starts."""
    copy = net.__class__.from_config(net.get_config())
    copy.trainable = False
    copy.set_weights(net.get_weights())
    return copy


def update_ema(ema_net, net, decay, updates=None):
    """One EMA step of ``ema_net`` towards ``net``'s trainable weights (Polyak
    averaging); BatchNorm moving statistics follow the live net as they are, until
    :meth:`LatentSampler.refresh_ema_statistics` measures the EMA net's own.

    ``updates``: the number of updates so far, for a warm-up decay of
    ``min(decay, (1 + updates) / (10 + updates))`` (``tf.train.ExponentialMovingAverage``'s
    ``num_updates``): without it, a 0.999 average is still mostly the initial weights
    for the first few thousand steps.
    """
    if updates is not None:
        updates = tf.cast(updates, tf.float32)
        decay = tf.minimum(tf.constant(decay, tf.float32), (1.0 + updates) / (10.0 + updates))
    for ema_var, var in zip(ema_net.weights, net.weights):
        if var.trainable:
            ema_var.assign(decay * ema_var + (1.0 - decay) * var)
        else:
            ema_var.assign(var)


def packed_shape(data_shape, pack):
    """The discriminator's input shape for samples of ``data_shape`` packed ``pack`` at a
    time: the last axis grows ``pack`` times."""
    return (*data_shape[:-1], data_shape[-1] * pack)


def pack_samples(x, pack):
    """PacGAN packing: ``(B, *S)`` → ``(B / pack, *S[:-1], pack · S[-1])``.

    Consecutive samples form a pack; the pack's samples are concatenated along the last
    axis (channels of images, features of vectors).
    """
    if pack == 1:
        return x
    rank = len(x.shape)
    shape = tf.shape(x)
    grouped = tf.reshape(x, tf.concat([[shape[0] // pack, pack], shape[1:]], 0))
    # (B/m, m, *S) → (B/m, *S[:-1], m, S[-1]) → merge the last two axes.
    perm = [0, *range(2, rank), 1, rank]
    moved = tf.transpose(grouped, perm)
    return tf.reshape(moved, tf.concat([[shape[0] // pack], shape[1:-1],
                                        [pack * shape[-1]]], 0))


def _check_fit_input(x):
    if isinstance(x, tf.data.Dataset):
        if int(x.cardinality()) == 0:
            raise InvalidInputError(
                "fit got an empty dataset (0 batches). With drop_remainder=True a dataset "
                "smaller than one batch is empty: use a smaller batch_size."
            )
    elif isinstance(x, np.ndarray) and len(x) == 0:
        raise InvalidInputError(f"fit got an empty array of shape {x.shape}.")


def _seeded(regularizer, name):
    """A regularizer as a term: it draws from the named stream ``name`` below the update's
    seed, so no two terms share noise."""
    def term(ctx):
        return regularizer(dataclasses.replace(ctx, seed=stream(ctx.seed, name)))
    return term


def _unique_name(name, taken):
    candidate, i = name, 2
    while candidate in taken:
        candidate, i = f"{name}_{i}", i + 1
    return candidate


def _slice_like(condition, chunks, i):
    if condition is None or len(chunks) == 1 or chunks[0] is chunks[-1]:
        return condition
    return tf.split(condition, len(chunks), axis=0)[i]


def _optimizer_config(optimizer):
    """The serialized config of an optimizer given as ``_make_optimizer`` takes it
    (``None``: Adam(2e-4, β1=0.5)); checked here, when the model is built."""
    if optimizer is None:
        optimizer = keras.optimizers.Adam(2e-4, beta_1=0.5)
    made = _make_optimizer(optimizer, None)
    if isinstance(optimizer, dict):  # kept as given, so get_config round-trips it
        return _plain_copy(optimizer)
    return keras.saving.serialize_keras_object(made)


def _plain_copy(value):
    """A copy of nested dicts/lists/tuples (Keras' tracked containers included)."""
    if isinstance(value, dict):
        return {k: _plain_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return (tuple if isinstance(value, tuple) else list)(_plain_copy(v) for v in value)
    return value


def _make_optimizer(given, default_config):
    """An optimizer from an instance, a name (``"adam"``) or a config dict — Keras'
    full serialized form or the short ``{"class_name": "Adam", "config": {...}}``."""
    if given is None:
        given = default_config
    if isinstance(given, dict):  # keras.optimizers.get lower-cases class_name in place
        given = _plain_copy(given)
    try:
        return keras.optimizers.get(given)
    except (ValueError, TypeError) as e:
        raise InvalidInputError(
            f"Could not make an optimizer from {given!r}: {type(e).__name__}: "
            f"{first_line(e)}. "
            "Pass a keras.optimizers instance, a name like 'adam', or a config such as "
            "{'class_name': 'Adam', 'config': {'learning_rate': 1e-3}}."
        ) from None


def _unwrap(optimizer):
    if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
        return optimizer.inner_optimizer
    return optimizer
