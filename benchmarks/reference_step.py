"""A plain reference GAN step, written the way the Keras 3 guide writes one.

`keras-io/guides/custom_train_step_in_tensorflow.py` and the keras-io DCGAN / WGAN-GP
examples: one ``tf.function``, one tape per update, ``tf.random`` latents, the loss
written inline, no XLA, one step per execution. It trains the same nets as the engine
(including BiGAN's encoder and joint discriminator) and exists only to be timed against
it (``benchmarks/run.py --compare``): the engine must be at least as fast.
"""

import keras
import tensorflow as tf

from keras_gans.errors import InvalidInputError

# (D loss on real/fake logits, G loss on fake logits), as the guide would write them.
LOSSES = {
    "non_saturating": (lambda r, f: tf.reduce_mean(tf.nn.softplus(-r) + tf.nn.softplus(f)),
                       lambda f: tf.reduce_mean(tf.nn.softplus(-f))),
    "least_squares": (lambda r, f: tf.reduce_mean(0.5 * tf.square(r - 1) + 0.5 * tf.square(f)),
                      lambda f: tf.reduce_mean(0.5 * tf.square(f - 1))),
    "hinge": (lambda r, f: tf.reduce_mean(tf.nn.relu(1 - r) + tf.nn.relu(1 + f)),
              lambda f: -tf.reduce_mean(f)),
    "wasserstein": (lambda r, f: tf.reduce_mean(f) - tf.reduce_mean(r),
                    lambda f: -tf.reduce_mean(f)),
}


class ReferenceGAN(keras.Model):
    """The guide's GAN: ``n_critic`` D steps then one G step, optional gradient penalty.

    Args:
        generator, discriminator: the nets (D takes ``[x, z]`` when ``encoder`` is set).
        latent_dim: size of z.
        loss: a key of :data:`LOSSES`.
        n_critic: D steps per G step.
        gp_weight: WGAN-GP penalty weight (0: none).
        encoder: BiGAN's E: x → z; G and E are then updated together.

    Reference:
        keras-io ``dcgan_overriding_train_step.py``, ``wgan_gp.py``; Donahue et al. 2017.
    """

    def __init__(self, generator, discriminator, latent_dim, loss="non_saturating",
                 n_critic=1, gp_weight=0.0, encoder=None):
        super().__init__()
        if loss not in LOSSES:
            raise InvalidInputError(f"reference step has no loss {loss!r}; has {sorted(LOSSES)}.")
        self.generator, self.discriminator, self.encoder = generator, discriminator, encoder
        self.latent_dim, self.n_critic, self.gp_weight = latent_dim, n_critic, gp_weight
        self.d_loss_fn, self.g_loss_fn = LOSSES[loss]
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def _g_variables(self):
        extra = self.encoder.trainable_variables if self.encoder is not None else []
        return self.generator.trainable_variables + extra

    def compile(self, d_optimizer, g_optimizer, **kwargs):
        super().compile(**kwargs)
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer
        d_optimizer.build(self.discriminator.trainable_variables)
        g_optimizer.build(self._g_variables())

    def _score(self, x, z):
        if self.encoder is None:
            return self.discriminator(x, training=True)
        return self.discriminator([x, z], training=True)

    def _gradient_penalty(self, real, fake):
        alpha = tf.random.uniform([tf.shape(real)[0], 1, 1, 1])
        mixed = alpha * real + (1 - alpha) * fake
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(mixed)
            out = tf.reduce_sum(self.discriminator(mixed, training=True))
        grads = gp_tape.gradient(out, mixed)
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]) + 1e-12)
        return tf.reduce_mean(tf.square(norm - 1.0))

    def train_step(self, real):
        batch = tf.shape(real)[0]
        for _ in range(self.n_critic):
            z = tf.random.normal([batch, self.latent_dim])
            fake = self.generator(z, training=True)
            with tf.GradientTape() as tape:
                real_z = self.encoder(real, training=True) if self.encoder is not None else None
                d_loss = self.d_loss_fn(self._score(real, real_z), self._score(fake, z))
                if self.gp_weight:
                    d_loss += self.gp_weight * self._gradient_penalty(real, fake)
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply(grads, self.discriminator.trainable_variables)
        with tf.GradientTape() as tape:
            z = tf.random.normal([batch, self.latent_dim])
            g_loss = self.g_loss_fn(self._score(self.generator(z, training=True), z))
            if self.encoder is not None:  # E fools D on the real pair (labels swapped)
                g_loss += self.g_loss_fn(-self._score(real, self.encoder(real, training=True)))
        variables = self._g_variables()
        self.g_optimizer.apply(tape.gradient(g_loss, variables), variables)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


class ReferenceConditionalGAN(ReferenceGAN):
    """The keras-io Conditional GAN step (``conditional_gan.py``): one D step on real
    ``(x, y)`` against ``(G(z, y), y)`` with the batch's own labels, then one G step; no
    matching-aware term, no EMA.

    Args:
        generator: takes ``[z, labels]`` (int labels).
        discriminator: takes ``[x, labels]``.
        latent_dim, loss: as :class:`ReferenceGAN`.

    Reference:
        keras-io ``generative/conditional_gan.py``; Mirza & Osindero 2014.
    """

    def train_step(self, data):
        real, labels = data
        batch = tf.shape(real)[0]
        z = tf.random.normal([batch, self.latent_dim])
        fake = self.generator([z, labels], training=True)
        with tf.GradientTape() as tape:
            d_loss = self.d_loss_fn(self.discriminator([real, labels], training=True),
                                    self.discriminator([fake, labels], training=True))
        grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
        self.d_optimizer.apply(grads, self.discriminator.trainable_variables)
        with tf.GradientTape() as tape:
            z = tf.random.normal([batch, self.latent_dim])
            fake = self.generator([z, labels], training=True)
            g_loss = self.g_loss_fn(self.discriminator([fake, labels], training=True))
        variables = self.generator.trainable_variables
        self.g_optimizer.apply(tape.gradient(g_loss, variables), variables)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


def reference_for(gan):
    """A :class:`ReferenceGAN` on ``gan``'s nets and default optimizers (fresh instances).

    Raises:
        InvalidInputError: the variant's objective has no plain reference here (only
            the unregularised losses above, WGAN-GP's penalty, BiGAN's encoder and an
            unregularised CGAN).
    """
    from keras_gans.regularizers import GradientPenalty

    regs = list(gan.d_regularizers) + list(gan.g_regularizers)
    gp = [r for r in regs if isinstance(r, GradientPenalty) and not r.one_sided]
    if type(gan).__name__ == "CGAN" and not regs and not gan.d_constraints \
            and gan.loss_name in LOSSES:
        ref = ReferenceConditionalGAN(gan.generator, gan.discriminator, gan.latent_dim,
                                      loss=gan.loss_name)
    elif len(gp) != len(regs) or gan.d_constraints or gan.loss_name not in LOSSES \
            or type(gan).__name__ not in ("GAN", "BiGAN"):
        raise InvalidInputError(
            f"no plain reference step for {gan.variant!r} (loss {gan.loss_name!r}, "
            f"regularizers {[type(r).__name__ for r in regs]}); the reference covers "
            f"losses {sorted(LOSSES)}, WGAN-GP's penalty, BiGAN and CGAN.")
    else:
        ref = ReferenceGAN(gan.generator, gan.discriminator, gan.latent_dim,
                           loss=gan.loss_name, n_critic=gan.n_critic,
                           gp_weight=gp[0].weight if gp else 0.0,
                           encoder=getattr(gan, "encoder", None))
    config = gan.get_config()
    ref.d_opt = keras.saving.deserialize_keras_object(config["d_optimizer"])
    ref.g_opt = keras.saving.deserialize_keras_object(config["g_optimizer"])
    return ref
