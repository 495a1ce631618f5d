"""Structured variants: their own ``GAN`` subclasses, reusing the engine's one step.

Importing this package registers ``cgan``, ``acgan`` (:mod:`.conditional`), ``infogan``
(:mod:`.infogan`), ``bigan``, ``vaegan`` and ``vaegan_l2_clipnorm`` (:mod:`.encoders`) with
:func:`keras_gans.build`; ``keras_gans.variants`` imports it on first use.
"""

from keras_gans.structured import conditional, encoders, infogan  # noqa: F401
from keras_gans.structured.conditional import ACGAN, CGAN  # noqa: F401
from keras_gans.structured.encoders import BiGAN, VAEGAN  # noqa: F401
from keras_gans.structured.infogan import InfoGAN  # noqa: F401
