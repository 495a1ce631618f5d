"""InfoGAN: the information losses and the model whose latent carries codes Q recovers."""

import math

import keras
import numpy as np
import tensorflow as tf

from keras_gans._checks import check_sample_batch
from keras_gans.batching import run_batched
from keras_gans.engine import GAN
from keras_gans.errors import InvalidInputError
from keras_gans._checks import check_number
from keras_gans.seeds import stream
from keras_gans.step import draw_per_sample
from keras_gans.structured.infogan.nets import _check_code_sizes

_LOG_2PI = math.log(2.0 * math.pi)


def categorical_code_loss(onehot, logits):
    """Mean cross-entropy −Σ c·log softmax(q) of the categorical code (float32 scalar).

    Args:
        onehot: ``(batch, K)`` one-hot (or probability) codes the samples were made from.
        logits: ``(batch, K)`` Q's unnormalised log-probabilities.
    """
    onehot = tf.cast(onehot, tf.float32)
    logits = tf.cast(logits, tf.float32)
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(onehot, logits))


def gaussian_code_nll(codes, mean, log_var):
    """Mean over the batch of Σ_dims −log N(c | μ, exp(log_var)) (float32 scalar).

    The full negative log-density, ½(log 2π + log σ² + (c − μ)²/σ²), so the value may be
    negative once Q is confident.
    """
    codes, mean, log_var = (tf.cast(t, tf.float32) for t in (codes, mean, log_var))
    per_dim = 0.5 * (_LOG_2PI + log_var + tf.square(codes - mean) * tf.exp(-log_var))
    return tf.reduce_mean(tf.reduce_sum(per_dim, axis=-1))


@keras.saving.register_keras_serializable(package="keras_gans")
class InfoGAN(GAN):
    """InfoGAN: G(z', c) with a Q head on D's body that recovers the codes c.

    Args:
        generator: a ``keras.Model`` taking ``(batch, noise_dim + num_categories +
            num_continuous)`` latents laid out as ``[z', one-hot c_cat, c_cont]``.
        discriminator: a ``keras.Model`` returning a dict with ``"logits"`` (batch, 1)
            and Q's heads ``"q_cat"`` (batch, K), ``"q_mu"``/``"q_log_var"`` (batch, C),
            e.g. :class:`InfoGANDiscriminator`.
        num_categories: K, size of the one-hot categorical code (0 or ≥ 2; default 10).
        num_continuous: C, number of U[−1, 1] continuous codes (default 2).
        info_weight: λ, weight of the information term in both objectives (1, as in
            the paper for MNIST).
        continuous_weight: extra factor on the continuous codes' Gaussian NLL inside λ
            (1; the paper suggests a smaller λ for continuous codes when their
            differential entropy dominates the GAN loss).
        **kwargs: every :class:`keras_gans.GAN` argument (``loss``, regularizers,
            ``ema_decay``, ``d_optimizer``, ``g_optimizer``, ``seed``...).

    The noise z' is N(0, I) (the authors' MNIST code draws it from U[−1, 1]). Q is
    trained in the discriminator update and G in the generator update, both with
    ``λ·[CE + w·NLL]`` added (see the module docstring). Logged terms: ``d_info_cat``,
    ``d_info_cont``, ``g_info_cat``, ``g_info_cont`` (each already weighted).

    Example:
        >>> import keras_gans, keras_gans.structured.infogan
        >>> gan = keras_gans.build("infogan", image_shape=(28, 28, 1), latent_dim=62)
        >>> gan.compile()  # Adam(2e-4) for D+Q, Adam(1e-3) for G, β1 = 0.5
        >>> gan.fit(keras_gans.data.default_dataset(batch_size=64), epochs=1)
        >>> sevens = gan.generate(8, categories=7, seed=0)
        >>> categories, means = gan.infer_codes(sevens)

    Reference:
        Chen et al. 2016, "InfoGAN: Interpretable Representation Learning by Information
        Maximizing Generative Adversarial Nets".
    """

    def __init__(self, generator, discriminator, num_categories=10, num_continuous=2,
                 info_weight=1.0, continuous_weight=1.0, **kwargs):
        owner = type(self).__name__
        _check_code_sizes(owner, num_categories, num_continuous)
        # Set before GAN.__init__, which calls _validate_nets and extra_terms.
        self.num_categories = int(num_categories)
        self.num_continuous = int(num_continuous)
        self.info_weight = check_number(owner, "info_weight", info_weight)
        self.continuous_weight = check_number(owner, "continuous_weight", continuous_weight)
        super().__init__(generator, discriminator, **kwargs)

    def _validate_nets(self):
        super()._validate_nets()
        owner = type(self).__name__
        codes = self.num_categories + self.num_continuous
        self.noise_dim = self.latent_dim - codes
        if self.noise_dim < 1:
            raise InvalidInputError(
                f"{owner}: the generator takes latents of size {self.latent_dim} but the "
                f"codes alone need {codes} (num_categories={self.num_categories} + "
                f"num_continuous={self.num_continuous}); it must take noise_dim ≥ 1 more."
            )
        try:
            out = self.discriminator.output
        except (AttributeError, ValueError):  # a subclassed (non-functional) net
            out = None
        expected = {"logits": 1}
        if self.num_categories:
            expected["q_cat"] = self.num_categories
        if self.num_continuous:
            expected["q_mu"] = expected["q_log_var"] = self.num_continuous
        got = ({k: (tuple(v.shape[1:]) if hasattr(v, "shape") else None)
                for k, v in out.items()} if isinstance(out, dict) else None)
        if got is None or any(got.get(k) != (n,) for k, n in expected.items()):
            raise InvalidInputError(
                f"{owner}: the discriminator must return a dict with "
                f"{ {k: f'(batch, {n})' for k, n in expected.items()} }; got "
                f"{got if got is not None else type(out).__name__}. Use "
                "InfoGANDiscriminator(num_categories=..., num_continuous=...)."
            )

    # ----------------------------------------------------------------- hooks
    def split_latent(self, latent):
        """``(z', c_cat one-hot, c_cont)`` slices of a latent batch."""
        k, c = self.noise_dim, self.num_categories
        return latent[:, :k], latent[:, k : k + c], latent[:, k + c :]

    def sample_latent(self, batch_size, seed):
        """``[z' ~ N(0, I), one-hot c_cat ~ Cat(1/K), c_cont ~ U[−1, 1]]``.

        The three parts come from their own named streams below ``seed``, so the noise
        of a given seed does not depend on the codes (controlled generation).
        """
        parts = [draw_per_sample("normal", [batch_size, self.noise_dim], stream(seed, "noise"))]
        if self.num_categories:
            u = draw_per_sample("uniform", [batch_size], stream(seed, "categorical"))
            index = tf.minimum(tf.cast(u * self.num_categories, tf.int32),
                               self.num_categories - 1)
            parts.append(tf.one_hot(index, self.num_categories, dtype=tf.float32))
        if self.num_continuous:
            u = draw_per_sample("uniform", [batch_size, self.num_continuous],
                                stream(seed, "continuous"))
            parts.append(2.0 * u - 1.0)
        return tf.concat(parts, axis=-1)

    def information_terms(self, latent, q_output):
        """λ-weighted ``{"cat": CE, "cont": w·NLL}`` of Q's output on G(latent)."""
        _, cat, cont = self.split_latent(latent)
        terms = {}
        if self.num_categories:
            terms["cat"] = self.info_weight * categorical_code_loss(cat, q_output["q_cat"])
        if self.num_continuous:
            nll = gaussian_code_nll(cont, q_output["q_mu"], q_output["q_log_var"])
            terms["cont"] = self.info_weight * self.continuous_weight * nll
        return terms

    def extra_terms(self, role):
        """The information terms on the generated batch, for both D (+Q) and G.

        In the D update the fake batch is a stop-gradient copy, so the terms train the
        shared body and Q's head; in the G update they train G (D is not updated there).
        """
        prefix = "d" if role == "discriminator" else "g"
        parts = (["cat"] if self.num_categories else []) + (
            ["cont"] if self.num_continuous else [])

        def term(part):
            return lambda ctx: ctx.once("information", lambda: self.information_terms(
                ctx.latent, ctx.fake_output))[part]

        return {f"{prefix}_info_{part}": term(part) for part in parts}


    # ----------------------------------------------------------------- inference
    def latent_for(self, n_or_latent, seed=None):
        """As :meth:`GAN.latent_for`, but counts always go through :meth:`sample_latent`
        (codes drawn from their priors); without ``seed`` one is drawn from the model's
        seed generator."""
        if (isinstance(n_or_latent, (int, np.integer)) and not isinstance(n_or_latent, bool)
                and seed is None and n_or_latent >= 1):
            seed = int(keras.random.randint((), 0, 2**31 - 1, seed=self.seed_generator))
        return super().latent_for(n_or_latent, seed)

    def generate(self, n_or_latent, codes=None, categories=None, continuous=None, seed=None,
                 batch_size=256, use_ema=True):
        """Generates samples (images in [-1, 1]), optionally with chosen codes.

        Args:
            n_or_latent: a number of samples, or full latents ``(n, latent_dim)``
                laid out as ``[z', one-hot c_cat, c_cont]``.
            codes: ``(n, num_categories + num_continuous)`` codes replacing the code
                part of every latent: a probability vector over the categories (one-hot,
                or a mixture to interpolate) followed by continuous codes in [−1, 1].
                Not together with ``categories``/``continuous``.
            categories: an int in [0, num_categories) for every sample, or ``n`` ints.
            continuous: ``(n, num_continuous)`` values in [−1, 1] (the prior's support;
                the paper also shows extrapolation to ±2, which is refused here).
            seed: integer seed of the latents (noise and unspecified codes); the same
                seed gives the same noise whatever codes are chosen.
            batch_size: samples per generator call.
            use_ema: use the EMA generator when the model keeps one.

        Example:
            >>> grid = gan.generate(10, categories=np.arange(10), seed=0)  # one per class
            >>> same_z = gan.generate(1, categories=3, continuous=[[0.5, -1.0]], seed=0)
        """
        latent = np.array(self.latent_for(n_or_latent, seed), dtype=np.float32)
        n = latent.shape[0]
        k, c = self.noise_dim, self.num_categories
        if codes is not None:
            if categories is not None or continuous is not None:
                raise InvalidInputError(
                    "generate: pass either codes=, or categories=/continuous=, not both."
                )
            codes = self._check_codes(codes, n)
            latent[:, k:] = codes
        if categories is not None:
            index = self._check_categories(categories, n)
            latent[:, k : k + c] = np.eye(c, dtype=np.float32)[index]
        if continuous is not None:
            latent[:, k + c :] = self._check_continuous(continuous, n)
        return super().generate(latent, batch_size=batch_size, use_ema=use_ema)

    def _check_categories(self, categories, n):
        if not self.num_categories:
            raise InvalidInputError(
                "generate: this InfoGAN has no categorical code (num_categories=0); got "
                f"categories={categories!r}."
            )
        arr = np.asarray(categories)
        if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
            raise InvalidInputError(
                "generate: categories must be an int or a sequence of ints in "
                f"[0, {self.num_categories}); got {categories!r} ({arr.dtype})."
            )
        if arr.ndim == 0:
            arr = np.full((n,), int(arr))
        if arr.shape != (n,):
            raise InvalidInputError(
                f"generate: categories must be one int or {n} ints (one per sample); got "
                f"an array of shape {arr.shape}."
            )
        if arr.min() < 0 or arr.max() >= self.num_categories:
            raise InvalidInputError(
                f"generate: categories must be in [0, {self.num_categories}); got values in "
                f"[{arr.min()}, {arr.max()}]."
            )
        return arr.astype(np.int64)

    def _check_continuous(self, continuous, n):
        if not self.num_continuous:
            raise InvalidInputError(
                "generate: this InfoGAN has no continuous code (num_continuous=0); got "
                "continuous=...."
            )
        arr = _finite_array("continuous", continuous)
        if arr.shape != (n, self.num_continuous):
            raise InvalidInputError(
                f"generate: continuous must have shape (n, num_continuous) = "
                f"({n}, {self.num_continuous}); got an array of shape {arr.shape}."
            )
        _check_unit_box("continuous", arr)
        return arr

    def _check_codes(self, codes, n):
        width = self.num_categories + self.num_continuous
        arr = _finite_array("codes", codes)
        if arr.shape != (n, width):
            raise InvalidInputError(
                f"generate: codes must have shape (n, num_categories + num_continuous) = "
                f"({n}, {width}); got an array of shape {arr.shape}."
            )
        cat, cont = arr[:, : self.num_categories], arr[:, self.num_categories :]
        if self.num_categories and (cat.min() < 0 or
                                    not np.allclose(cat.sum(axis=1), 1.0, atol=1e-4)):
            raise InvalidInputError(
                f"generate: the first {self.num_categories} entries of each code row must be "
                "a probability vector over the categories (≥ 0, summing to 1; one-hot to "
                f"pick a category); got row sums in [{cat.sum(1).min():.4g}, "
                f"{cat.sum(1).max():.4g}] and minimum {cat.min():.4g}."
            )
        if self.num_continuous:
            _check_unit_box("codes (continuous part)", cont)
        return arr

    def infer_codes(self, images, batch_size=256):
        """Q's reading of images: predicted categories and continuous means.

        Args:
            images: ``(n, *data_shape)`` samples in the generator's range.
            batch_size: samples per discriminator call.

        Returns:
            ``(categories, means)``: ``(n,)`` int64 argmax of Q's categorical logits
            (``None`` without a categorical code) and ``(n, num_continuous)`` float32
            means of Q's Gaussians (``None`` without continuous codes).
        """
        x = check_sample_batch(images, self.data_shape, "infogan.infer_codes", what="images")
        keys = [k for k, on in (("q_cat", self.num_categories), ("q_mu", self.num_continuous))
                if on]
        out = run_batched(lambda part: {k: self.discriminator(x[part], training=False)[k]
                                        for k in keys}, x.shape[0], batch_size)
        return (np.argmax(out["q_cat"], axis=-1).astype(np.int64) if "q_cat" in out else None,
                out["q_mu"].astype(np.float32) if "q_mu" in out else None)

    # ----------------------------------------------------------------- config
    def get_config(self):
        config = super().get_config()
        config.update(num_categories=self.num_categories, num_continuous=self.num_continuous,
                      info_weight=self.info_weight, continuous_weight=self.continuous_weight)
        return config


def _finite_array(name, value):
    try:
        arr = np.asarray(value, dtype=np.float32)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be an array of numbers; got {value!r}.") from None
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} must be finite numbers; got NaN or Inf.")
    return arr


def _check_unit_box(name, arr):
    if arr.size and (arr.min() < -1.0 or arr.max() > 1.0):
        raise InvalidInputError(
            f"generate: {name} must lie in [-1, 1] (the prior's support); got values in "
            f"[{arr.min():.4g}, {arr.max():.4g}]."
        )
