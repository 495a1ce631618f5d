"""Image-to-image translation between two unpaired domains: CycleGAN, UNIT, CoGAN.

Their own model classes on a common base (:class:`TranslationGAN`, built on the engine's
:class:`~keras_gans.engine.AdversarialModel`: per-role optimizers, trackers, one update,
serialization), trained on unpaired datasets from :mod:`keras_gans.data.unpaired`.
Importing this package registers ``cyclegan``, ``unit`` and ``cogan`` with
:func:`keras_gans.build`.
"""

from keras_gans import registry
from keras_gans.translation import nets  # noqa: F401
from keras_gans.translation.base import ImagePool, TranslationGAN  # noqa: F401
from keras_gans.translation.cyclegan import CycleGAN, build_cyclegan  # noqa: F401

registry.register_builder(
    "cyclegan", build_cyclegan,
    "CycleGAN: G: a→b, F: b→a, PatchGAN D_a/D_b, least-squares GAN loss, cycle L1 "
    "(λ=10) and identity L1 (0.5λ), D trained on a history pool of 50 generated images; "
    "ResNet generators with instance norm. Data: data.unpaired_from_arrays(x_a, x_b).",
    "Zhu, Park, Isola & Efros 2017, 'Unpaired Image-to-Image Translation using "
    "Cycle-Consistent Adversarial Networks' (ICCV)")
from keras_gans.translation.cogan import CoGAN, build_cogan  # noqa: E402,F401
from keras_gans.translation.unit import UNIT, build_unit  # noqa: E402,F401

registry.register_builder(
    "unit", build_unit,
    "UNIT: coupled VAE-GANs sharing a latent space (shared last encoder / first decoder "
    "layers); recon + KL + least-squares GAN + cycle terms; options: semantic consistency "
    "‖E_b(G_b(z_a)) − E_a(a)‖ (XGAN, semantic_weight), a latent domain discriminator "
    "(latent_weight), cycle_weight=0 for no cycle (ComboGAN's cycle on by default).",
    "Liu, Breuel & Kautz 2017, 'Unsupervised Image-to-Image Translation Networks' "
    "(NeurIPS); Anoosheh et al. 2018 (ComboGAN); Royer et al. 2017 (XGAN)")
registry.register_builder(
    "cogan", build_cogan,
    "CoGAN: two generators sharing their first layers and two discriminators sharing "
    "their last layers learn the joint distribution of two domains from unpaired data; "
    "generate(n) returns pairs (a, b) from shared latents.",
    "Liu & Tuzel 2016, 'Coupled Generative Adversarial Networks' (NeurIPS)")
