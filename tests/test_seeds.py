"""The named random streams every stateless draw of a run comes from."""

import pathlib
import re

import numpy as np
import tensorflow as tf

import keras_gans
from keras_gans.seeds import name_key, stream

PACKAGE = pathlib.Path(keras_gans.__file__).parent


def test_an_integer_seed_alone_is_the_generate_seed():
    np.testing.assert_array_equal(stream(7).numpy(), [7, 0])
    assert stream(7).dtype == tf.int64


def test_paths_are_deterministic_and_distinct():
    """Same path → same seed (same machine); any change of seed, step, role, repeat or
    name gives another one."""
    paths = [(7, 0, "discriminator", 0), (7, 0, "discriminator", 1), (7, 1, "discriminator", 0),
             (7, 0, "generator", 0), (8, 0, "discriminator", 0)]
    seeds = [tuple(stream(s, *p).numpy()) for s, *p in paths]
    assert len(set(seeds)) == len(seeds)
    assert tuple(stream(7, 0, "discriminator", 0).numpy()) == seeds[0]
    below = stream(stream(7, 0, "discriminator", 0), "gp")
    np.testing.assert_array_equal(below.numpy(), stream(7, 0, "discriminator", 0, "gp").numpy())
    assert name_key("gp") != name_key("r1") and 0 <= name_key("gp") < 2**31


def test_tensor_steps_and_xla_derive_the_same_seeds_as_python_ints():
    """Philox is named, so a compiled step folds in exactly what eager code does."""
    expected = stream(3, 5, "generator", 0).numpy()
    for jit in (False, True):
        fn = tf.function(lambda step: stream(3, step, "generator", 0), jit_compile=jit)
        np.testing.assert_array_equal(fn(tf.constant(5, tf.int64)).numpy(), expected)


def test_no_module_derives_seeds_by_hand():
    """One mechanism: seed arithmetic and fold-ins live in ``seeds.py`` only."""
    pattern = re.compile(r"stateless_fold_in|seed \+ \[|_SALT")
    offenders = [f"{path.relative_to(PACKAGE)}:{n}"
                 for path in PACKAGE.rglob("*.py") if path.name != "seeds.py"
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert not offenders, offenders
