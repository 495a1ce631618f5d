"""Class-conditional GANs: ``cgan`` (Mirza & Osindero 2014) and ``acgan`` (Odena et al. 2017).

Both models train on labelled batches ``(images, labels)`` — e.g.
``keras_gans.data.from_arrays(x, y)`` — through the engine's one ``train_step``; they
only override its hooks:

* :class:`CGAN`: G(z, c) and D(x, c). The discriminator is *matching-aware*
  (as in GAN-CLS, Reed et al. 2016): besides real pairs (x, c) → high and generated pairs
  (G(z, c), c) → low, real images paired with a wrong label (x, ĉ), ĉ ≠ c, → low. The
  third term is the ``d_mismatch`` term of :meth:`CGAN.extra_terms`.
* :class:`ACGAN`: G(z, c) and a label-free D(x) with two heads, real/fake and class.
  D minimises the adversarial loss plus the class cross-entropy on real and generated
  images; G minimises its adversarial loss plus the class cross-entropy on its images.

Labels. Batches must be ``(images, labels)`` with integer labels of shape ``(B,)`` or
``(B, 1)``; unlabelled batches, float labels and other shapes raise
:class:`~keras_gans.errors.InvalidInputError` when the step is traced (before any
update). Label *values* are only known at run time: ``fit(x, y)`` with NumPy labels checks
them up front (``InvalidInputError``); inside the step, in eager and graph mode, a label
outside ``[0, num_classes)`` stops training with ``tf.errors.InvalidArgumentError``
("class labels must be in [0, num_classes=…)"). XLA compiles assertions away, so under
``jit_compile=True`` out-of-range labels are *clamped* to ``[0, num_classes − 1]`` —
the step always clamps after asserting, so this is the documented behaviour there.
``generate(..., labels=...)`` checks its labels eagerly (``InvalidInputError``).

Nets. :class:`ConditionalGenerator` wraps the unconditional nets of
:mod:`keras_gans.nets` (``DCGANGenerator`` for images — any square side that is a
multiple of 4, any channel count — or ``MLPGenerator`` for vectors): the label is
one-hot encoded (Mirza 2014; Odena 2017's ImageNet G also takes z ⊕ one-hot c) or
embedded, and concatenated to z. :class:`ConditionalDiscriminator` conditions D(x, c)
either by projection (Miyato & Koyama 2018, the default) or by concatenating a learned
image-sized label map as an extra channel. :class:`AuxiliaryClassifierDiscriminator` is
ACGAN's two-headed D. The discriminator bodies reuse ``nets._conv_encoder`` /
``nets._dense_stack``.

Files: ``nets.py`` the nets, ``model.py`` the model classes, ``builder.py`` the builders
(registered with :func:`keras_gans.build` on import).
"""

from keras_gans.structured.conditional.nets import (  # noqa: F401
    CONDITIONINGS, NETS, AuxiliaryClassifierDiscriminator, ConditionalDiscriminator,
    ConditionalGenerator,
)
from keras_gans.structured.conditional.model import (  # noqa: F401
    ACGAN, CGAN,
)
from keras_gans.structured.conditional.builder import (  # noqa: F401
    build_acgan, build_cgan,
)
