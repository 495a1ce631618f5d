"""Image-to-image translation between two unpaired domains: CycleGAN, UNIT, CoGAN.

Their own model classes on a common base (:class:`TranslationGAN`, built on the engine's
:class:`~keras_gans.engine.AdversarialModel`: per-role optimizers, trackers, one update,
serialization), trained on unpaired datasets from :mod:`keras_gans.data.unpaired`.
Importing this package registers ``cyclegan``, ``unit`` and ``cogan`` with
:func:`keras_gans.build`.
"""

from keras_gans import variants as _variants
from keras_gans.translation import nets  # noqa: F401
from keras_gans.translation.base import ImagePool, TranslationGAN  # noqa: F401
from keras_gans.translation.cyclegan import CycleGAN, build_cyclegan  # noqa: F401

_variants.register_builder(
    "cyclegan", build_cyclegan,
    "CycleGAN: G: a→b, F: b→a, PatchGAN D_a/D_b, least-squares GAN loss, cycle L1 "
    "(λ=10) and identity L1 (0.5λ), D trained on a history pool of 50 generated images; "
    "ResNet generators with instance norm. Data: data.unpaired_from_arrays(x_a, x_b).",
    "Zhu, Park, Isola & Efros 2017, 'Unpaired Image-to-Image Translation using "
    "Cycle-Consistent Adversarial Networks' (ICCV); notes 002 §4")
