"""CoGAN: coupled generators and discriminators learning a joint two-domain distribution."""

import keras
import tensorflow as tf

from keras_gans import losses as losses_lib
from keras_gans.batching import run_batched
from keras_gans.engine import LatentSampler
from keras_gans.errors import InvalidInputError
from keras_gans.translation.base import TranslationGAN
from keras_gans.translation.nets import CoupledDiscriminators, CoupledGenerators


@keras.saving.register_keras_serializable(package="keras_gans")
class CoGAN(LatentSampler, TranslationGAN):
    """Coupled GAN: two GANs whose generators share their first layers and whose
    discriminators share their last layers, trained on unpaired images of two domains.

    One latent z drives both generators, so ``(G_a(z), G_b(z))`` is a pair drawn from
    the learned *joint* distribution (the same digit in both renderings), although no
    pair was ever seen. One ``train_step`` = one update of both discriminators, then one
    of both generators, with the GAN loss (non-saturating by default):

    - discriminators: ``L_D(D_a; a, G_a(z)) + L_D(D_b; b, G_b(z))``;
    - generators: ``L_G(D_a(G_a(z))) + L_G(D_b(G_b(z)))``.

    Logged: ``d_loss``, ``d_a``, ``d_b``, ``g_loss``, ``g_a``, ``g_b``.

    Args:
        generators: :class:`~keras_gans.translation.nets.CoupledGenerators`.
        discriminators: :class:`~keras_gans.translation.nets.CoupledDiscriminators`.
        loss: an adversarial loss name of :mod:`keras_gans.losses`.
        ema_decay: if set (e.g. 0.999), keep an exponential moving average of the
            generators' weights in ``generators_ema``; ``generate``, serving and the
            zoo's weights use it. Measured on the MNIST two-domain task (benchmarks/
            README.md): the average draws more legible pairs than the live nets.
        d_optimizer, g_optimizer, seed, variant: see :class:`TranslationGAN`.

    Example:
        >>> model = keras_gans.build("cogan", image_shape=(28, 28, 1), latent_dim=64)
        >>> model.compile()
        >>> model.fit(data.unpaired_from_arrays(x_a, x_b, batch_size=64), epochs=1)
        >>> a, b = model.generate(16, seed=0)   # 16 pairs

    Reference:
        Liu & Tuzel 2016, "Coupled Generative Adversarial Networks" (NeurIPS), §3,
        Algorithm 1.
    """

    SAMPLING_NET = "generators"
    LATENT_UNIT = "pair"

    def __init__(self, generators, discriminators, loss="non_saturating", ema_decay=None,
                 **kwargs):
        owner = type(self).__name__
        if not isinstance(generators, CoupledGenerators) or not isinstance(
                discriminators, CoupledDiscriminators):
            raise InvalidInputError(
                f"{owner}: generators/discriminators must be CoupledGenerators/"
                f"CoupledDiscriminators (they hold the shared layers); got "
                f"{type(generators).__name__} and {type(discriminators).__name__}."
            )
        shapes = []
        for domain in ("a", "b"):
            made = tuple(getattr(generators, f"private_{domain}").output_shape[1:])
            scored = tuple(getattr(discriminators, f"private_{domain}").input_shape[1:])
            if made != scored:
                raise InvalidInputError(
                    f"{owner}: domain {domain}'s generator makes images of shape {made} but "
                    f"its discriminator takes {scored}."
                )
            shapes.append(made)
        super().__init__(*shapes, tracked=("d_a", "d_b", "g_a", "g_b"), **kwargs)
        self.generators = generators
        self.discriminators = discriminators
        self.latent_dim = generators.latent_dim
        self.loss_name = loss
        self.d_loss_fn, self.g_loss_fn = losses_lib.get(loss)
        self.seed_generator = keras.random.SeedGenerator(self.seed)
        self.keep_ema(ema_decay)

    def trainable_variables_of(self, role):
        net = self.discriminators if role == "discriminator" else self.generators
        return net.trainable_variables

    def objective(self, role, state, step):
        a, b = state["a"], state["b"]
        batch = tf.shape(a)[0]

        def discriminators():
            fake_a, fake_b = self.generators(
                self.sample_latent(batch, self.draw_seed(step, "d_latent")), training=True)
            fake_a, fake_b = tf.stop_gradient(fake_a), tf.stop_gradient(fake_b)
            real_a, real_b = self.discriminators((a, b), training=True)
            out_a, out_b = self.discriminators((fake_a, fake_b), training=True)
            d_a, d_b = self.d_loss_fn(real_a, out_a), self.d_loss_fn(real_b, out_b)
            return d_a + d_b, {}, {"d_a": d_a, "d_b": d_b}

        def generators():
            gen_a, gen_b = self.generators(
                self.sample_latent(batch, self.draw_seed(step, "g_latent")), training=True)
            out_a, out_b = self.discriminators((gen_a, gen_b), training=True)
            g_a, g_b = self.g_loss_fn(out_a), self.g_loss_fn(out_b)
            return g_a + g_b, {}, {"g_a": g_a, "g_b": g_b}

        return discriminators if role == "discriminator" else generators

    def run_update(self, role, state, step, repeat):
        super().run_update(role, state, step, repeat)
        if role == "generator":
            self.step_ema()

    # ----------------------------------------------------------------- inference
    def call(self, latent, training=False):
        return self.generators(latent, training=training)

    def inference_nets(self):
        return {"generators": self.sampling_net()}

    def serving_endpoints(self):
        """``serving_default``: a latent batch → a pair ``images_a``, ``images_b``."""
        net = self.sampling_net()

        def serve(latent):
            return tuple(net(latent, training=False))

        return {"serving_default": (
            serve, [tf.TensorSpec((None, self.latent_dim), tf.float32, name="latent")])}

    def generate(self, n_or_latent, seed=None, batch_size=256, use_ema=True):
        """Generates pairs ``(a, b)`` of images in [-1, 1] from shared latents.

        Args:
            n_or_latent: a number of pairs, or latents of shape ``(n, latent_dim)``.
            seed: integer seed of the latents (same seed → same pairs).
            batch_size: pairs per generator call.
            use_ema: use the EMA generators when the model keeps them.

        Returns:
            ``(a, b)``: two NumPy arrays of ``n`` images each; ``a[i]`` and ``b[i]``
            come from the same latent.
        """
        latent = self.latent_for(n_or_latent, seed)
        n, net = int(latent.shape[0]), self.sampling_net(use_ema)
        both = run_batched(
            lambda part: tf.concat(net(latent[part], training=False), axis=-1),
            n, batch_size)
        channels_a = self.image_shape_a[-1]
        return both[..., :channels_a], both[..., channels_a:]

    # ----------------------------------------------------------------- config
    NET_KEYS = ("generators", "discriminators")

    def get_config(self):
        return {**self.base_config(), "ema_decay": self.ema_decay}


def build_cogan(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """CoGAN with DCGAN-style coupled nets (all but the last generator stage shared, all
    but the first discriminator stage shared).

    Defaults: non-saturating GAN loss, Adam(2e-4, β1=0.5) for both roles, 64 filters.

    Overrides: ``image_shape_b`` (same size; channels may differ), ``base_filters``,
    ``private_stages`` (both nets), ``generator={...}`` / ``discriminator={...}``,
    ``loss``, ``ema_decay``, ``d_optimizer``, ``g_optimizer``, ``seed``.

    Example:
        >>> model = build_cogan((28, 28, 1), latent_dim=64, base_filters=32)
    """
    from keras_gans import registry

    accepted = ("image_shape_b", "base_filters", "private_stages", "generator",
                "discriminator", "loss", "ema_decay", "d_optimizer", "g_optimizer", "seed")
    registry.check_build_args("cogan", overrides, accepted, latent_dim)
    shape_b = overrides.get("image_shape_b")
    common = {k: overrides[k] for k in ("base_filters", "private_stages") if k in overrides}
    generators = CoupledGenerators(latent_dim, image_shape, shape_b, name="generators",
                                   **{**common, **overrides.get("generator", {})})
    discriminators = CoupledDiscriminators(image_shape, shape_b, name="discriminators",
                                           **{**common, **overrides.get("discriminator", {})})
    model_kwargs = {k: overrides[k] for k in ("loss", "ema_decay", "d_optimizer",
                                              "g_optimizer", "seed") if k in overrides}
    return CoGAN(generators, discriminators, variant="cogan", name="cogan", **model_kwargs)
