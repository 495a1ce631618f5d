"""keras_gans: a TensorFlow/Keras 3 model zoo of generative adversarial networks.

Example:
    >>> import keras_gans
    >>> gan = keras_gans.build("wgan_gp", image_shape=(28, 28, 1))
    >>> gan.compile()
    >>> gan.fit(keras_gans.data.default_dataset(batch_size=64), epochs=1)
    >>> images = gan.generate(16)

Submodules are imported lazily, so ``import keras_gans.metrics`` does not pay for
TensorFlow.
"""

import importlib

__version__ = "0.1.0"

_LAZY = {
    "build": ("keras_gans.variants", "build"),
    "list_variants": ("keras_gans.variants", "list_variants"),
    "describe_variant": ("keras_gans.variants", "describe_variant"),
    "GAN": ("keras_gans.engine", "GAN"),
}
_SUBMODULES = ("data", "engine", "errors", "losses", "metrics", "nets", "regularizers",
               "variants", "callbacks", "images", "zoo", "export")

__all__ = sorted(list(_LAZY) + list(_SUBMODULES) + ["__version__"])


from keras_gans import _keras_classes  # noqa: E402

_keras_classes.register_when_keras_loads()


def __getattr__(name):
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    if name in _SUBMODULES:
        return importlib.import_module(f"keras_gans.{name}")
    raise AttributeError(f"module 'keras_gans' has no attribute {name!r}")


def __dir__():
    return __all__
