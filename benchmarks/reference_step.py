"""A plain reference GAN step, written the way the Keras 3 guide writes one.

`keras-io/guides/custom_train_step_in_tensorflow.py` and the keras-io DCGAN / WGAN-GP
examples: one ``tf.function``, two tapes, ``tf.random.normal`` latents, no XLA, one step per
execution. It trains the same nets as the engine and exists only to be timed against it
(``benchmarks/throughput.py``): the engine must be at least as fast.
"""

import keras
import tensorflow as tf


class ReferenceGAN(keras.Model):
    """Non-saturating (dcgan) or WGAN-GP (``gp_weight`` > 0, ``n_critic`` D steps)."""

    def __init__(self, generator, discriminator, latent_dim, n_critic=1, gp_weight=0.0):
        super().__init__()
        self.generator, self.discriminator = generator, discriminator
        self.latent_dim, self.n_critic, self.gp_weight = latent_dim, n_critic, gp_weight
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, **kwargs):
        super().compile(**kwargs)
        self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer
        d_optimizer.build(self.discriminator.trainable_variables)
        g_optimizer.build(self.generator.trainable_variables)

    def _d_loss(self, real, fake):
        real_logits = self.discriminator(real, training=True)
        fake_logits = self.discriminator(fake, training=True)
        if not self.gp_weight:
            return tf.reduce_mean(tf.nn.softplus(-real_logits) + tf.nn.softplus(fake_logits))
        alpha = tf.random.uniform([tf.shape(real)[0], 1, 1, 1])
        mixed = alpha * real + (1 - alpha) * fake
        with tf.GradientTape() as gp_tape:
            gp_tape.watch(mixed)
            out = tf.reduce_sum(self.discriminator(mixed, training=True))
        grads = gp_tape.gradient(out, mixed)
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]) + 1e-12)
        gp = tf.reduce_mean(tf.square(norm - 1.0))
        return tf.reduce_mean(fake_logits) - tf.reduce_mean(real_logits) + self.gp_weight * gp

    def train_step(self, real):
        batch = tf.shape(real)[0]
        for _ in range(self.n_critic):
            fake = self.generator(tf.random.normal([batch, self.latent_dim]), training=True)
            with tf.GradientTape() as tape:
                d_loss = self._d_loss(real, fake)
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply(grads, self.discriminator.trainable_variables)
        with tf.GradientTape() as tape:
            fake = self.generator(tf.random.normal([batch, self.latent_dim]), training=True)
            logits = self.discriminator(fake, training=True)
            if self.gp_weight:
                g_loss = -tf.reduce_mean(logits)
            else:
                g_loss = tf.reduce_mean(tf.nn.softplus(-logits))
        grads = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply(grads, self.generator.trainable_variables)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}
