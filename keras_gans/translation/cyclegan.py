"""CycleGAN: two generators, two PatchGAN discriminators, cycle and identity losses."""

import keras
import tensorflow as tf

from keras_gans import losses as losses_lib
from keras_gans.errors import InvalidInputError
from keras_gans.translation.base import ImagePool, TranslationGAN
from keras_gans.translation.nets import check_domain_shapes


def l1(x, y):
    """Mean absolute error, float32."""
    return tf.reduce_mean(tf.abs(tf.cast(x, tf.float32) - tf.cast(y, tf.float32)))


def _check_weight(owner, name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise InvalidInputError(f"{owner}: {name} must be a number ≥ 0; got {value!r}.")
    return float(value)


@keras.saving.register_keras_serializable(package="keras_gans")
class CycleGAN(TranslationGAN):
    """CycleGAN: G: a→b, F: b→a, PatchGAN D_a, D_b, trained on unpaired domains.

    One ``train_step`` = one update of both generators, then one of both discriminators
    (the reference implementation's order):

    - generators: ``L_GAN(G, D_b) + L_GAN(F, D_a) + λ·(‖F(G(a)) − a‖₁ + ‖G(F(b)) − b‖₁)
      + λ_id·(‖G(b) − b‖₁ + ‖F(a) − a‖₁)`` with the least-squares GAN loss;
    - discriminators: ``L_D(D_b; b, pool_b(G(a))) + L_D(D_a; a, pool_a(F(b)))``, each the
      least-squares loss ``½(D(real) − 1)² + ½D(fake)²`` on the PatchGAN map, the fakes
      drawn from a history of 50 generated images (:class:`ImagePool`).

    Logged: ``g_loss`` (the two adversarial terms), ``cycle``, ``identity`` (weighted,
    added to ``g_loss`` for the update), ``d_loss`` (sum of both Ds), ``d_a``, ``d_b``.

    Caveat: nothing in the objective ties the *content* of G(a) to a; the cycle only
    asks that F can undo G, which F can do from detail hidden in G(a) (Chu et al. 2017,
    "CycleGAN, a Master of Steganography"). Generators whose units see the whole image
    can translate into *another* digit; keep the generator's receptive field and D's
    patches small relative to the content to preserve (the MNIST two-domain runs in
    ``benchmarks/README.md`` measure both choices).

    Args:
        generator_ab, generator_ba: ``keras.Model`` a→b and b→a
            (:class:`~keras_gans.translation.nets.ResnetGenerator`).
        discriminator_a, discriminator_b: ``keras.Model`` scoring each domain
            (:class:`~keras_gans.translation.nets.PatchDiscriminator`).
        cycle_weight: λ (10).
        identity_weight: λ_id (0.5·λ = 5); needs equal channel counts when > 0.
        pool_size: generated images kept per domain (50; 0 disables the history).
        loss: an adversarial loss name of :mod:`keras_gans.losses` (``least_squares``).
        d_optimizer, g_optimizer, seed, variant: see :class:`TranslationGAN`.

    Example:
        >>> model = keras_gans.build("cyclegan", image_shape=(28, 28, 1), filters=32,
        ...                          n_blocks=3)
        >>> model.compile()
        >>> model.fit(data.unpaired_from_arrays(x_a, x_b, batch_size=16), epochs=1)
        >>> y = model.translate(x_a[:8] / 127.5 - 1, direction="a2b")

    Reference:
        Zhu, Park, Isola & Efros 2017, "Unpaired Image-to-Image Translation using
        Cycle-Consistent Adversarial Networks" (eq. 3, §4, appendix 7.1).
    """

    def __init__(self, generator_ab, generator_ba, discriminator_a, discriminator_b,
                 cycle_weight=10.0, identity_weight=5.0, pool_size=50,
                 loss="least_squares", **kwargs):
        owner = type(self).__name__
        for role, net in (("generator_ab", generator_ab), ("generator_ba", generator_ba),
                          ("discriminator_a", discriminator_a),
                          ("discriminator_b", discriminator_b)):
            if not isinstance(net, keras.Model):
                raise InvalidInputError(f"{owner}: {role} must be a keras.Model; got "
                                        f"{type(net).__name__}.")
        shape_a = tuple(generator_ab.input_shape[1:])
        shape_b = tuple(generator_ab.output_shape[1:])
        identity_weight = _check_weight(owner, "identity_weight", identity_weight)
        check_domain_shapes(owner, shape_a, shape_b, same_channels=identity_weight > 0)
        for name, net, want_in, want_out in (
                ("generator_ba", generator_ba, shape_b, shape_a),
                ("discriminator_a", discriminator_a, shape_a, None),
                ("discriminator_b", discriminator_b, shape_b, None)):
            got_in = tuple(net.input_shape[1:])
            got_out = tuple(net.output_shape[1:])
            if got_in != want_in or (want_out is not None and got_out != want_out):
                raise InvalidInputError(
                    f"{owner}: {name} maps {got_in} → {got_out}, but domain a is {shape_a} "
                    f"and domain b is {shape_b} (generator_ab maps a → b)."
                )
        super().__init__(shape_a, shape_b, tracked=("cycle", "identity", "d_a", "d_b"),
                         **kwargs)
        self.generator_ab = generator_ab
        self.generator_ba = generator_ba
        self.discriminator_a = discriminator_a
        self.discriminator_b = discriminator_b
        self.cycle_weight = _check_weight(owner, "cycle_weight", cycle_weight)
        self.identity_weight = identity_weight
        self.loss_name = loss
        self.d_loss_fn, self.g_loss_fn = losses_lib.get(loss)
        self.pool_a = ImagePool(pool_size, shape_a, name="pool_a")
        self.pool_b = ImagePool(pool_size, shape_b, name="pool_b")
        self.pool_size = pool_size

    def trainable_variables_of(self, role):
        if role == "discriminator":
            return (self.discriminator_a.trainable_variables
                    + self.discriminator_b.trainable_variables)
        return self.generator_ab.trainable_variables + self.generator_ba.trainable_variables

    # ----------------------------------------------------------------- the step
    def update_sequence(self):
        """The generators first: the discriminators learn from the fakes they just made
        (through the image pools), as in the paper's code."""
        return (("generator", 1), ("discriminator", 1))

    def objective(self, role, state, step):
        a, b = state["a"], state["b"]

        def generators():
            fake_b = self.generator_ab(a, training=True)
            fake_a = self.generator_ba(b, training=True)
            state["fake_a"], state["fake_b"] = fake_a, fake_b
            adversarial = (
                self.g_loss_fn(self.discriminator_b(fake_b, training=True))
                + self.g_loss_fn(self.discriminator_a(fake_a, training=True)))
            cycle = (l1(self.generator_ba(fake_b, training=True), a)
                     + l1(self.generator_ab(fake_a, training=True), b))
            terms = {"cycle": self.cycle_weight * cycle}
            if self.identity_weight > 0:
                identity = (l1(self.generator_ab(b, training=True), b)
                            + l1(self.generator_ba(a, training=True), a))
                terms["identity"] = self.identity_weight * identity
            return adversarial, terms, {}

        def discriminators():
            pooled_a = self.pool_a(tf.stop_gradient(state["fake_a"]),
                                   seed=self.draw_seed(step, "pool_a"))
            pooled_b = self.pool_b(tf.stop_gradient(state["fake_b"]),
                                   seed=self.draw_seed(step, "pool_b"))
            d_a = self.d_loss_fn(self.discriminator_a(a, training=True),
                                 self.discriminator_a(pooled_a, training=True))
            d_b = self.d_loss_fn(self.discriminator_b(b, training=True),
                                 self.discriminator_b(pooled_b, training=True))
            return d_a + d_b, {}, {"d_a": d_a, "d_b": d_b}

        return generators if role == "generator" else discriminators

    # ----------------------------------------------------------------- inference
    def call(self, inputs, training=False):
        return self.generator_ab(inputs, training=training)

    def inference_nets(self):
        return {"generator_ab": self.generator_ab, "generator_ba": self.generator_ba}

    def translation_fn(self, source, target):
        net = self.generator_ab if source == "a" else self.generator_ba
        return lambda t: net(t, training=False)

    # ----------------------------------------------------------------- config
    NET_KEYS = ("generator_ab", "generator_ba", "discriminator_a", "discriminator_b")

    def get_config(self):
        return {**self.base_config(), "cycle_weight": self.cycle_weight,
                "identity_weight": self.identity_weight, "pool_size": self.pool_size}


def patch_layers(size):
    """PatchGAN stride-2 layers for images of side ``size``: 3 from 128 px, 2 from 64 px,
    1 below — patches of 70, 34 and 16 px, about half the image or less (the paper's
    70-px patches on 256 px are 27 %).

    A patch that sees the whole image lets D judge the content (which digit), and
    nothing then stops the generators from changing it as long as the cycle can undo it
    (the patch sizes are compared on MNIST in ``benchmarks/README.md``).
    """
    return 3 if size >= 128 else 2 if size >= 64 else 1


def build_cyclegan(image_shape=(28, 28, 1), latent_dim=64, **overrides):
    """CycleGAN with ResNet generators and PatchGAN discriminators.

    Defaults as the paper: least-squares loss, λ=10, λ_id=5, a pool of 50, Adam(2e-4,
    β1=0.5) for both roles, 64 filters; the depth scales with the image size: 9 residual
    blocks from 256 px, 6 from 128 px, 3 below; 2 downsamplings from 64 px, none below
    (a full-resolution generator: on 28-px MNIST the downsampling ones rewrote the
    digits, see :class:`CycleGAN`); the PatchGAN depth from :func:`patch_layers`. ``latent_dim`` is not used (a translator
    has no latent).

    Overrides: ``image_shape_b`` (default: ``image_shape``), ``filters``, ``n_blocks``,
    ``n_downsampling``, ``normalization``, ``d_filters``, ``d_layers``, ``generator={...}``
    / ``discriminator={...}`` (net keyword arguments), ``cycle_weight``,
    ``identity_weight``, ``pool_size``, ``loss``, ``d_optimizer``, ``g_optimizer``,
    ``seed``.

    Example:
        >>> model = build_cyclegan((28, 28, 1), filters=32, n_blocks=3)
    """
    from keras_gans import registry
    from keras_gans.translation.nets import PatchDiscriminator, ResnetGenerator

    accepted = ("image_shape_b", "filters", "n_blocks", "n_downsampling", "normalization",
                "d_filters", "d_layers", "generator", "discriminator", "cycle_weight",
                "identity_weight", "pool_size", "loss", "d_optimizer", "g_optimizer", "seed")
    registry.check_build_args("cyclegan", overrides, accepted, latent_dim)
    shape_a, shape_b = check_domain_shapes(
        "cyclegan", image_shape, overrides.get("image_shape_b"),
        same_channels=overrides.get("identity_weight", 5.0) > 0)
    size = min(shape_a[:2])
    norm = overrides.get("normalization", "instance")
    g_kwargs = {"filters": overrides.get("filters", 64), "normalization": norm,
                "n_blocks": overrides.get("n_blocks", 9 if size >= 256 else 6 if size >= 128
                                          else 3),
                "n_downsampling": overrides.get("n_downsampling", 2 if size >= 64 else 0),
                **overrides.get("generator", {})}
    d_kwargs = {"filters": overrides.get("d_filters", overrides.get("filters", 64)),
                "n_layers": overrides.get("d_layers", patch_layers(size)),
                "normalization": norm, **overrides.get("discriminator", {})}
    model_kwargs = {k: overrides[k] for k in ("cycle_weight", "identity_weight", "pool_size",
                                               "loss", "d_optimizer", "g_optimizer", "seed")
                    if k in overrides}
    return CycleGAN(
        ResnetGenerator(shape_a, output_channels=shape_b[2], name="generator_ab", **g_kwargs),
        ResnetGenerator(shape_b, output_channels=shape_a[2], name="generator_ba", **g_kwargs),
        PatchDiscriminator(shape_a, name="discriminator_a", **d_kwargs),
        PatchDiscriminator(shape_b, name="discriminator_b", **d_kwargs),
        variant="cyclegan", name="cyclegan", **model_kwargs)
