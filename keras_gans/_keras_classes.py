"""Makes ``keras.saving.load_model`` find our classes after a plain ``import keras_gans``.

Keras resolves a ``.keras`` file's ``"keras_gans>GAN"`` only through its registry, filled
when our model modules are imported. ``import keras_gans`` stays cheap (no TensorFlow),
so the registration waits for Keras: it runs at once if Keras is loaded, else when the
import that loads it finishes — ``import keras`` by the user, or the outermost import of
one of our modules (registering in the middle of that one would re-enter it). It costs
about 0.1 s on top of Keras' own seconds.
"""

import importlib.machinery
import sys
import warnings

_state = {"depth": 0, "done": False}


def register_classes():
    """Imports every module that registers a Keras-serializable class of ours."""
    _state["done"] = True
    import keras_gans.engine  # noqa: F401
    import keras_gans.nets  # noqa: F401
    import keras_gans.regularizers  # noqa: F401
    from keras_gans import variants

    variants.register_all()


def _register_if_ready():
    if _state["done"] or _state["depth"] or "keras" not in sys.modules:
        return
    try:
        register_classes()
    except Exception as e:  # never break the user's import
        warnings.warn(f"keras_gans could not register its classes with Keras ({e}); "
                      "call keras_gans.variants.register_all() before loading a .keras "
                      "file.", stacklevel=3)


class _AfterImport:  # a meta path finder (the protocol needs only find_spec)
    """Locates ``keras`` and our submodules as the path finder does, and counts their
    module runs so the registration happens once the outermost one has finished."""

    def find_spec(self, name, path=None, target=None):
        if _state["done"] or not (name == "keras" or name.startswith("keras_gans.")):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run_module = spec.loader.exec_module

        def exec_module(module):
            _state["depth"] += 1
            try:
                run_module(module)
            finally:
                _state["depth"] -= 1
            _register_if_ready()

        spec.loader.exec_module = exec_module
        return spec


def register_when_keras_loads():
    if "keras" in sys.modules:
        _register_if_ready()
    elif not any(isinstance(f, _AfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport())
