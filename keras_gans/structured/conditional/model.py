"""CGAN and ACGAN: labelled batches through the engine's one step, by its hooks."""

import numbers
from typing import NamedTuple

import keras
import numpy as np
import tensorflow as tf

from keras_gans import losses as losses_lib
from keras_gans.batching import run_batched
from keras_gans.engine import GAN
from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_number, check_positive_int
from keras_gans.seeds import stream
from keras_gans.step import draw_per_sample, logits_of


class LabelledLatent(NamedTuple):
    """ACGAN's training draw: the latents ``z`` and the class ``labels`` G is asked for
    (sampled uniformly, independent of the real batch's)."""

    z: tf.Tensor
    labels: tf.Tensor


def _input_shapes(net):
    shapes = net.input_shape
    return shapes if isinstance(shapes, list) else [shapes]


class _ConditionalGAN(GAN):
    """Shared by :class:`CGAN` and :class:`ACGAN`: labelled batches, G(z, c), generate."""

    def __init__(self, generator, discriminator, num_classes=10, **kwargs):
        owner = type(self).__name__
        num_classes = check_positive_int("num_classes", num_classes, owner, minimum=2)
        super().__init__(generator, discriminator, **kwargs)
        self.num_classes = num_classes
        for role, net in (("generator", generator), ("discriminator", discriminator)):
            theirs = getattr(net, "num_classes", None)
            if theirs is not None and theirs != num_classes:
                raise InvalidInputError(
                    f"{owner}(num_classes={num_classes}) got a {role} built for "
                    f"num_classes={theirs}."
                )
        self._check_discriminator()

    def _validate_nets(self):
        g_in = _input_shapes(self.generator)
        if len(g_in) != 2:
            raise InvalidInputError(
                f"{type(self).__name__} needs a generator taking [latent, labels]; got one "
                f"with inputs {g_in}."
            )
        self.latent_dim = int(g_in[0][-1])
        self.data_shape = tuple(self.generator.output_shape[1:])
        d_in = tuple(_input_shapes(self.discriminator)[0][1:])
        if d_in != self.data_shape:
            raise InvalidInputError(
                f"The generator outputs samples of shape {self.data_shape} but the "
                f"discriminator expects {d_in}."
            )

    def _check_discriminator(self):
        """Subclass hook: checks the discriminator's inputs/outputs."""

    # --------------------------------------------------------------- labels
    def unpack(self, data):
        """``(samples, labels)`` → ``(real, labels (B,) int32)``; refuses unlabelled data."""
        name = self.variant or type(self).__name__
        if isinstance(data, dict):
            raise InvalidInputError(
                f"{name} expects batches (samples, labels); got a dict with keys {sorted(data)}."
            )
        if not isinstance(data, (tuple, list)) or len(data) < 2 or data[1] is None:
            got = data[0] if isinstance(data, (tuple, list)) and data else data
            shape = tuple(getattr(got, "shape", ()))
            raise InvalidInputError(
                f"{name} is class-conditional and needs labelled batches (samples, labels), "
                f"e.g. keras_gans.data.from_arrays(x, y) or fit(x, y); got unlabelled "
                f"batches of shape {shape}."
            )
        real = data[0]
        return real, self._labels_in_step(data[1], real)

    def _labels_in_step(self, labels, real):
        name = self.variant or type(self).__name__
        labels = tf.convert_to_tensor(labels)
        if not labels.dtype.is_integer:
            raise InvalidInputError(
                f"{name} needs integer class labels in [0, {self.num_classes}); got labels "
                f"of dtype {labels.dtype.name} and shape {tuple(labels.shape)}."
            )
        shape = tuple(labels.shape)
        if len(shape) == 2 and shape[1] == 1:
            labels = tf.reshape(labels, [-1])
        elif len(shape) != 1:
            raise InvalidInputError(
                f"{name} needs labels of shape (batch,) or (batch, 1); got labels of shape "
                f"{shape} (one-hot labels: pass their argmax)."
            )
        batch, n = real.shape[0], labels.shape[0]
        if batch is not None and n is not None and batch != n:
            raise InvalidInputError(
                f"{name} got {n} labels for a batch of {batch} samples."
            )
        k = self.num_classes
        message = f"{name}: class labels must be in [0, num_classes={k})"
        # Eager/graph: stop with InvalidArgumentError. XLA drops assertions: the clamp
        # below is then the documented behaviour.
        checks = [
            tf.debugging.assert_greater_equal(labels, tf.cast(0, labels.dtype), message=message),
            tf.debugging.assert_less(labels, tf.cast(k, labels.dtype), message=message),
        ]
        with tf.control_dependencies([c for c in checks if c is not None]):
            labels = tf.identity(labels)
        return tf.clip_by_value(tf.cast(labels, tf.int32), 0, k - 1)

    def labels_for(self, labels, n):
        """Validated labels for ``generate``: an int array of shape ``(n,)``.

        ``None`` → ``0, 1, …, K−1, 0, 1, …`` (cycling, so every class appears as evenly
        as ``n`` allows); an int → ``n`` copies; a sequence → must have length ``n``.
        """
        k = self.num_classes
        if labels is None:
            return np.arange(n, dtype=np.int32) % k
        if isinstance(labels, (numbers.Integral, np.integer)) and not isinstance(labels, bool):
            arr = np.full((n,), int(labels))
        else:
            arr = np.asarray(labels)
            if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
                raise InvalidInputError(
                    f"generate: labels must be an int or a sequence of ints in [0, {k}); got "
                    f"{type(labels).__name__} of dtype {arr.dtype}."
                )
            if arr.ndim == 2 and arr.shape[1] == 1:
                arr = arr[:, 0]
            if arr.shape != (n,):
                raise InvalidInputError(
                    f"generate: got labels of shape {arr.shape} for {n} samples; pass one "
                    f"label per sample (shape ({n},)), a single int, or None."
                )
        bad = arr[(arr < 0) | (arr >= k)]
        if bad.size:
            raise InvalidInputError(
                f"generate: labels must be in [0, num_classes={k}); got "
                f"{sorted(set(bad.tolist()))[:5]}."
            )
        return arr.astype(np.int32)

    def fit(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.fit``; NumPy labels ``y`` are range-checked up front."""
        if y is not None and not isinstance(y, tf.data.Dataset):
            arr = np.asarray(y)
            if np.issubdtype(arr.dtype, np.integer) and arr.size:
                bad = arr[(arr < 0) | (arr >= self.num_classes)]
                if bad.size:
                    raise InvalidInputError(
                        f"{self.variant or type(self).__name__}: labels must be in "
                        f"[0, num_classes={self.num_classes}); got {sorted(set(bad.tolist()))[:5]}."
                    )
        return super().fit(x, y, *args, **kwargs)

    # --------------------------------------------------------------- hooks
    def generator_forward(self, latent, condition=None, training=False):
        """G(z, c) with c the batch's labels (CGAN); ACGAN overrides."""
        return self.generator([latent, condition], training=training)

    # --------------------------------------------------------------- inference
    def call(self, inputs, training=False):
        """``model([latent, labels])`` → samples."""
        latent, labels = inputs
        return self.generator([latent, labels], training=training)

    def serving_endpoints(self):
        """``serving_default(latent, labels)``: latents ``(n, latent_dim)`` and int32
        labels ``(n,)`` in ``[0, num_classes)``; a wrong label count or range fails with a
        message saying what was received and expected."""
        net, k = self.sampling_net(), self.num_classes

        def serve(latent, labels):
            checks = [
                tf.debugging.assert_equal(
                    tf.shape(labels)[0], tf.shape(latent)[0],
                    message="serving_default: labels must have one entry per latent row "
                            "(got a different count)"),
                tf.debugging.assert_greater_equal(
                    labels, 0, message=f"serving_default: labels must be in [0, {k})"),
                tf.debugging.assert_less(
                    labels, k, message=f"serving_default: labels must be in [0, {k})"),
            ]
            with tf.control_dependencies(checks):
                return net([latent, labels], training=False)

        return {"serving_default": (
            serve, [tf.TensorSpec((None, self.latent_dim), tf.float32, name="latent"),
                    tf.TensorSpec((None,), tf.int32, name="labels")])}

    def generate(self, n_or_latent, labels=None, seed=None, batch_size=256, use_ema=True):
        """Generates class-conditional samples as a NumPy array.

        Args:
            n_or_latent: a number of samples, or latents ``(n, latent_dim)``.
            labels: an int (every sample of that class), a sequence of ``n`` ints, or
                ``None``: classes cycle ``0, 1, …, K−1, 0, …``.
            seed: integer seed for the latents (same seed → same samples).
            batch_size: samples per generator call.
            use_ema: use the EMA generator when the model keeps one.

        Raises:
            InvalidInputError: labels of the wrong size or outside ``[0, num_classes)``.

        Example:
            >>> digits = model.generate(10, labels=7, seed=0)   # ten 7s
            >>> grid = model.generate(100, seed=0)              # ten of each class
        """
        latent = self.latent_for(n_or_latent, seed)
        n = int(latent.shape[0])
        labels = tf.constant(self.labels_for(labels, n))
        net = self.sampling_net(use_ema)
        return run_batched(lambda part: net([latent[part], labels[part]], training=False), n,
                           batch_size)

    def get_config(self):
        config = super().get_config()
        config["num_classes"] = self.num_classes
        return config


@keras.saving.register_keras_serializable(package="keras_gans")
class CGAN(_ConditionalGAN):
    """Conditional GAN with a matching-aware discriminator.

    D maximises log σ(D(x, c)) + log(1 − σ(D(G(z, c), c))) + w · log(1 − σ(D(x, ĉ))),
    where (x, c) is a real labelled pair and ĉ = (c + u) mod K, u ~ U{1, …, K−1}, is a
    wrong label for x (drawn statelessly from the update's seed). G maximises
    log σ(D(G(z, c), c)) (non-saturating). G is conditioned on the real batch's labels
    (conditions sampled from the data), so p(c) follows the data.

    Mirza & Osindero 2014 has only the first two terms; the mismatched-pair term comes
    from Reed et al. 2016's GAN-CLS. The default weights all three terms equally
    (``mismatch_weight=1``); GAN-CLS weights the fake and
    mismatched terms ½ each — with the engine's fixed weight 1 on the fake term,
    ``mismatch_weight`` scales only the third term. With another loss the third term is
    that loss's fake-side term (hinge: relu(1 + D(x, ĉ)); least squares: ½D(x, ĉ)²;
    Wasserstein: D(x, ĉ)).

    Args:
        generator: G(z, c), e.g. :class:`ConditionalGenerator`.
        discriminator: D(x, c), e.g. :class:`ConditionalDiscriminator`.
        num_classes: K (≥ 2).
        mismatch_weight: weight w of the mismatched-pair term (logged as ``d_mismatch``).
        loss: ``non_saturating`` (default), ``minimax``, ``hinge``, ``least_squares`` or
            ``wasserstein``.
        **kwargs: any other :class:`keras_gans.GAN` argument.

    Example:
        >>> import keras_gans, keras_gans.structured.conditional
        >>> x, y = keras_gans.data.load_default()
        >>> gan = keras_gans.build("cgan", image_shape=(28, 28, 1), num_classes=10)
        >>> gan.compile()
        >>> gan.fit(keras_gans.data.from_arrays(x, y, batch_size=64), epochs=1)
        >>> sevens = gan.generate(16, labels=7)

    Reference:
        Mirza & Osindero 2014, "Conditional Generative Adversarial Nets"; Reed et al.
        2016 (matching-aware D), "Generative Adversarial Text to Image
        Synthesis" (GAN-CLS).
    """

    def __init__(self, generator, discriminator, num_classes=10, mismatch_weight=1.0,
                 loss="non_saturating", **kwargs):
        # the loss's own fake half, with its parameters (a hinge margin reaches it too)
        fake_term = losses_lib.fake_term(loss, "CGAN's mismatched-pair term",
                                         **(kwargs.get("loss_kwargs") or {}))
        mismatch_weight = check_number("CGAN", "mismatch_weight", mismatch_weight)
        super().__init__(generator, discriminator, num_classes=num_classes, loss=loss,
                         **kwargs)
        self._fake_term = fake_term
        self.mismatch_weight = mismatch_weight

    def _check_discriminator(self):
        d_in = _input_shapes(self.discriminator)
        if len(d_in) != 2:
            raise InvalidInputError(
                f"CGAN needs a discriminator taking [samples, labels]; got one with inputs "
                f"{d_in}."
            )

    def discriminator_forward(self, x, condition=None, training=False):
        """D(x, c)."""
        return self.discriminator([x, condition], training=training)

    def mismatched_labels(self, labels, seed):
        """ĉ = (c + u) mod K with u ~ U{1, …, K−1} per sample: always ĉ ≠ c."""
        k = self.num_classes
        u = draw_per_sample("uniform", tf.shape(labels)[:1], seed)
        shift = tf.minimum(tf.cast(u * (k - 1), tf.int32), k - 2) + 1
        return tf.math.floormod(tf.cast(labels, tf.int32) + shift, k)

    def extra_terms(self, role):
        """D: ``d_mismatch`` = w · mean fake-side loss of D(x, ĉ) on real images."""
        return {"d_mismatch": self._mismatch} if role == "discriminator" else {}

    def _mismatch(self, ctx):
        wrong = self.mismatched_labels(ctx.condition, stream(ctx.seed, "mismatched_labels"))
        logits = tf.cast(logits_of(self.discriminator_forward(ctx.real, wrong, training=True)),
                         tf.float32)
        return self.mismatch_weight * self._fake_term(logits)

    def get_config(self):
        config = super().get_config()
        config["mismatch_weight"] = self.mismatch_weight
        return config


@keras.saving.register_keras_serializable(package="keras_gans")
class ACGAN(_ConditionalGAN):
    """Auxiliary-classifier GAN: D has a real/fake head and a class head.

    D minimises its adversarial loss + λ·[CE(c, C(x)) + CE(c_fake, C(G(z, c_fake)))];
    G minimises its adversarial loss (non-saturating by default) + λ·CE(c_fake,
    C(G(z, c_fake))). As in Odena et al. 2017 the generated images' labels c_fake are
    *sampled* uniformly from the K classes (statelessly from the step's seed), not
    copied from the real batch; they travel with z as the latent ``(z, c_fake)``.
    The paper maximises L_S + L_C for D and L_C − L_S for G; the non-saturating form of
    −L_S for G is the usual practice (and what the engine's default loss does).

    Args:
        generator: G(z, c), e.g. :class:`ConditionalGenerator`.
        discriminator: D(x) → ``{"logits", "class_logits"}``, e.g.
            :class:`AuxiliaryClassifierDiscriminator`.
        num_classes: K (≥ 2).
        class_loss_weight: λ (1 in the paper). Terms logged as ``d_class_real``,
            ``d_class_fake`` and ``g_class`` (already multiplied by λ).
        **kwargs: any other :class:`keras_gans.GAN` argument (``loss``…).

    Example:
        >>> import keras_gans, keras_gans.structured.conditional
        >>> gan = keras_gans.build("acgan", image_shape=(28, 28, 1), num_classes=10)
        >>> gan.compile()
        >>> x, y = keras_gans.data.load_default()
        >>> gan.fit(keras_gans.data.from_arrays(x, y, batch_size=64), epochs=1)
        >>> grid = gan.generate(100, seed=0)  # ten samples of each class

    Reference:
        Odena, Olah & Shlens 2017, "Conditional Image Synthesis with Auxiliary
        Classifier GANs".
    """

    def __init__(self, generator, discriminator, num_classes=10, class_loss_weight=1.0,
                 **kwargs):
        class_loss_weight = check_number("ACGAN", "class_loss_weight", class_loss_weight)
        super().__init__(generator, discriminator, num_classes=num_classes, **kwargs)
        self.class_loss_weight = class_loss_weight

    def _check_discriminator(self):
        d_in = _input_shapes(self.discriminator)
        out = self.discriminator.output
        out = ({k: tuple(v.shape) for k, v in out.items()} if isinstance(out, dict)
               else self.discriminator.output_shape)
        ok = (len(d_in) == 1 and isinstance(out, dict) and "logits" in out
              and "class_logits" in out and out["class_logits"][1:] == (self.num_classes,))
        if not ok:
            raise InvalidInputError(
                "ACGAN needs a discriminator taking samples only and returning "
                f"{{'logits': (B, 1), 'class_logits': (B, {self.num_classes})}}; got inputs "
                f"{d_in} and outputs {out}."
            )

    def sample_latent(self, batch_size, seed):
        """A :class:`LabelledLatent`: z as in :class:`GAN`, labels ~ U{0, …, K−1} per
        sample."""
        z = super().sample_latent(batch_size, seed)
        u = draw_per_sample("uniform", [batch_size], stream(seed, "fake_labels"))
        k = self.num_classes
        return LabelledLatent(z, tf.minimum(tf.cast(u * k, tf.int32), k - 1))

    def latent_for(self, n_or_latent, seed=None):
        """Latents for :meth:`generate`, which takes its labels from the caller: the
        drawn labels of a count's :meth:`sample_latent` are dropped."""
        latent = super().latent_for(n_or_latent, seed)
        return latent.z if isinstance(latent, LabelledLatent) else latent

    def generator_forward(self, latent, condition=None, training=False):
        """G(z, c_fake), with the sampled labels carried by the latent."""
        return self.generator([latent.z, latent.labels], training=training)

    def discriminator_forward(self, x, condition=None, training=False):
        """D(x): no label input; the class head predicts it."""
        return self.discriminator(x, training=training)

    def _class_loss(self, output, labels):
        logits = tf.cast(output["class_logits"], tf.float32)
        ce = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        return self.class_loss_weight * tf.reduce_mean(ce)

    def extra_terms(self, role):
        """D: CE on real (true labels) and fake (sampled labels); G: CE on fake."""
        def on_fake(ctx):
            return self._class_loss(ctx.fake_output, ctx.latent.labels)

        if role == "discriminator":
            return {"d_class_real": lambda ctx: self._class_loss(ctx.real_output,
                                                                 ctx.condition),
                    "d_class_fake": on_fake}
        return {"g_class": on_fake}

    def get_config(self):
        config = super().get_config()
        config["class_loss_weight"] = self.class_loss_weight
        return config
