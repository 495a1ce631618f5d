"""GANs with an encoder: BiGAN / ALI and VAE-GAN (plus a VAE-GAN with a regularised D).

Both models add an encoder E to the generator G and discriminator D, and both train
through the engine's one ``train_step`` (``GAN._discriminator_update`` then
``GAN._generator_update``) by overriding hooks only:

* :class:`BiGAN` (Donahue et al. 2017; ALI, Dumoulin et al. 2017). E: x → z is
  deterministic; D scores *pairs*: real ``(x, E(x))`` (``discriminator_input``) against
  fake ``(G(z), z)`` (``generator_forward`` returns the tuple). E and G are updated
  together (``trainable_variables_of("generator")`` is G + E) to fool D.
* :class:`VAEGAN` (Larsen et al. 2016). E: x → (μ, log σ²); G decodes; D scores x
  against G(E(x)) and G(z_p); E minimises KL + a reconstruction error measured on a
  named intermediate layer of D; G minimises γ·reconstruction + GAN; D minimises GAN.
  The mapping of the paper's three objectives onto the engine's two updates is in the
  class docstring.
* ``vaegan_l2_clipnorm``: VAE-GAN with an L2 penalty on D's kernels and D's gradients
  norm-clipped, Adam for both nets (see :func:`build_vaegan_l2_clipnorm`).

Nets (``_Net`` config pattern of :mod:`keras_gans.nets`; conv for images, MLP for 1-D
data): :class:`LatentEncoder`, :class:`JointDiscriminator` (BiGAN's D(x, z)) and
:class:`FeatureDiscriminator` (a DCGAN/MLP D that also returns its last hidden layer as
``"features"``).

Registered builders: ``bigan``, ``vaegan``, ``vaegan_l2_clipnorm``.

Example:
    >>> import keras_gans, keras_gans.structured.encoders
    >>> gan = keras_gans.build("vaegan", image_shape=(28, 28, 1), latent_dim=64)
    >>> gan.compile()
    >>> gan.fit(keras_gans.data.default_dataset(batch_size=64), epochs=1)
    >>> z = gan.encode(images)          # (n, 64) posterior means
    >>> recon = gan.reconstruct(images)  # G(E(x)) in [-1, 1]

Files: ``nets.py`` the nets, ``model.py`` the model classes, ``builder.py`` the builders
(registered with :func:`keras_gans.build` on import).
"""

from keras_gans.structured.encoders.nets import (  # noqa: F401
    FeatureDiscriminator, JointDiscriminator, LatentEncoder,
)
from keras_gans.structured.encoders.model import (  # noqa: F401
    BiGAN, VAEGAN,
)
from keras_gans.structured.encoders.builder import (  # noqa: F401
    build_bigan, build_vaegan, build_vaegan_l2_clipnorm,
)
