"""SavedModel export (keras_gans.export, ``model.export``): the served function equals
the in-memory model, checks its inputs, and shows its signature to TensorFlow's tools."""

import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import build_tiny


def _serve(path, **inputs):
    import tensorflow as tf

    served = tf.saved_model.load(path)
    fn = served.signatures["serving_default"]
    return fn(**{k: tf.constant(v) for k, v in inputs.items()})["images"].numpy()


def test_export_matches_the_in_memory_generator(tmp_path):
    model = build_tiny("dcgan")
    z = np.random.default_rng(0).normal(size=(3, model.latent_dim)).astype(np.float32)
    path = model.export(str(tmp_path / "served"))
    np.testing.assert_allclose(_serve(path, latent=z), model.generate(z), atol=1e-6)
    as_uint8 = _serve(model.export(str(tmp_path / "u8"), output="uint8"), latent=z)
    from keras_gans.images import to_uint8

    assert as_uint8.dtype == np.uint8
    assert np.abs(as_uint8.astype(int) - to_uint8(model.generate(z)).astype(int)).max() <= 1
    from keras_gans.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="already exists"):
        model.export(path)
    with pytest.raises(InvalidInputError, match="output must be one of"):
        model.export(str(tmp_path / "x"), output="int8")
    assert sorted(os.listdir(tmp_path)) == ["served", "u8"]  # no temporary folders left


def test_export_conditional_with_labels_and_bad_labels(tmp_path):
    import tensorflow as tf

    import keras_gans

    model = keras_gans.build("cgan", image_shape=(8, 8, 1), latent_dim=4, seed=1,
                             base_filters=4)
    z = np.random.default_rng(1).normal(size=(4, 4)).astype(np.float32)
    labels = np.array([0, 3, 7, 9], np.int32)
    path = model.export(str(tmp_path / "served"))
    np.testing.assert_allclose(_serve(path, latent=z, labels=labels),
                               model.generate(z, labels=labels), atol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match="one entry per latent row"):
        _serve(path, latent=z, labels=labels[:3])
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"labels must be in \[0, 10\)"):
        _serve(path, latent=z, labels=np.array([0, 1, 2, 10], np.int32))


def test_saved_model_cli_shows_the_signature(tmp_path):
    model = build_tiny("dcgan")
    path = model.export(str(tmp_path / "served"), output="uint8")
    cli = os.path.join(os.path.dirname(sys.executable), "saved_model_cli")
    out = subprocess.run([cli, "show", "--dir", path, "--tag_set", "serve",
                          "--signature_def", "serving_default"],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "inputs['latent']" in out.stdout and "(-1, 4)" in out.stdout
    assert "outputs['images']" in out.stdout and "DT_UINT8" in out.stdout


def test_export_translators_and_pairs(tmp_path):
    """Translators serve image → image (a2b as serving_default, b2a beside it); CoGAN
    serves a latent → a pair."""
    import keras_gans

    x = np.random.default_rng(2).uniform(-1, 1, size=(3, 8, 8, 1)).astype(np.float32)
    for name, kwargs in (("cyclegan", {"filters": 4, "n_blocks": 1}),
                         ("unit", {"filters": 4})):
        model = keras_gans.build(name, image_shape=(8, 8, 1), seed=1, **kwargs)
        path = model.export(str(tmp_path / name))
        np.testing.assert_allclose(_serve(path, images=x), model.translate(x, "a2b"),
                                   atol=1e-5)
        import tensorflow as tf

        b2a = tf.saved_model.load(path).signatures["b2a"]
        np.testing.assert_allclose(b2a(images=tf.constant(x))["images"].numpy(),
                                   model.translate(x, "b2a"), atol=1e-5)
    cogan = keras_gans.build("cogan", image_shape=(8, 8, 1), latent_dim=4, seed=1,
                             base_filters=4)
    z = np.random.default_rng(3).normal(size=(2, 4)).astype(np.float32)
    import tensorflow as tf

    served = tf.saved_model.load(cogan.export(str(tmp_path / "cogan"), output="uint8"))
    pair = served.signatures["serving_default"](latent=tf.constant(z))
    a, b = cogan.generate(z)
    from keras_gans.images import to_uint8

    assert np.abs(pair["images_a"].numpy().astype(int) - to_uint8(a).astype(int)).max() <= 1
    assert np.abs(pair["images_b"].numpy().astype(int) - to_uint8(b).astype(int)).max() <= 1
