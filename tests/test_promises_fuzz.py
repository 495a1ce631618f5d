"""Promise: random shapes, dtypes and values thrown at the public entry points produce a
result or one of our documented exceptions (``keras_gans.errors.KerasGANsError``
subclasses) — never a bare NumPy/TensorFlow error or a crash.

Entry points: ``keras_gans.data.from_arrays``, ``GAN.generate``, and the
``keras_gans.metrics`` functions (FID, KID, IS, precision/recall, density/coverage,
streaming ``FeatureStats``, mode metrics, class metrics, ``evaluate``). Hypothesis runs
derandomized (the same examples on every run, so CI is reproducible) with no example
database.
"""

import warnings

import numpy as np
import pytest
from conftest import ProjectionExtractor, build_tiny
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from keras_gans import data, metrics
from keras_gans.errors import KerasGANsError

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DTYPES = ["uint8", "int8", "int32", "int64", "float16", "float32", "float64", "bool",
          "complex64", "object", "U3"]
SPECIAL = [0.0, 1.0, -1.0, 255.0, 1e30, -1e30, np.nan, np.inf, -np.inf]


@st.composite
def arrays(draw, max_rank=5, max_side=5):
    """An array of a random rank, shape, dtype and values (NaN/Inf/huge included)."""
    shape = tuple(draw(st.lists(st.integers(0, max_side), max_size=max_rank)))
    dtype = draw(st.sampled_from(DTYPES))
    size = int(np.prod(shape)) if shape else 1
    values = draw(st.lists(st.one_of(st.sampled_from(SPECIAL),
                                     st.floats(-300, 300, allow_nan=False)),
                           min_size=size, max_size=size))
    raw = np.array(values, np.float64).reshape(shape)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if dtype == "object":
            return raw.astype(object)
        if dtype == "U3":
            return raw.astype(str).astype("U3")
        if np.issubdtype(np.dtype(dtype), np.integer) or dtype == "bool":
            raw = np.nan_to_num(raw, posinf=0, neginf=0)
        return raw.astype(dtype)


def scalars():
    """Arguments where a count, a size or a seed is expected."""
    return st.one_of(st.integers(-3, 12), st.just(2**70), st.just(-(2**70)),
                     st.floats(allow_nan=True), st.booleans(), st.none(), st.text(max_size=2))


def only_our_errors(fn, *args, **kwargs):
    """Calls ``fn``; any exception other than ours fails the test."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except KerasGANsError:
        return None
    except Exception as e:  # noqa: BLE001 - that is the point of the test
        pytest.fail(f"{fn.__name__}{args!r:.300} {kwargs!r:.200} raised "
                    f"{type(e).__module__}.{type(e).__name__}: {e}")


# ----------------------------------------------------------------------------- data
@FUZZ
@example(x=np.zeros((4, 2, 2), np.uint8), labels=None, batch_size=2, input_range="auto")
@example(x=np.ones((4, 3), np.float32), labels=np.arange(4), batch_size=4, input_range=None)
@given(x=arrays(), labels=st.one_of(st.none(), arrays(max_rank=2, max_side=6)),
       batch_size=scalars(),
       input_range=st.sampled_from(["auto", None, (0, 255), (0, 1), (1, 0), "x", (0,)]))
def test_from_arrays_fuzz(x, labels, batch_size, input_range):
    ds = only_our_errors(data.from_arrays, x, labels, batch_size=batch_size,
                         input_range=input_range)
    if ds is not None:
        first = next(iter(ds))
        images = first[0] if isinstance(first, tuple) else first
        assert np.all(np.isfinite(images.numpy()))
        if images.shape.rank == 4:  # images land in the generator's range
            assert np.abs(images.numpy()).max() <= 1.0 + 1e-6


# ----------------------------------------------------------------------------- generate
@pytest.fixture(scope="module")
def tiny_gan():
    return build_tiny("dcgan")


@FUZZ
@example(n_or_latent=3, seed=0, batch_size=2, use_ema=True)
@example(n_or_latent=np.zeros((2, 4), np.float16), seed=None, batch_size=1, use_ema=False)
@given(n_or_latent=st.one_of(st.integers(-2, 9), arrays(max_rank=3, max_side=6), scalars()),
       seed=scalars(), batch_size=scalars(), use_ema=st.booleans())
def test_generate_fuzz(tiny_gan, n_or_latent, seed, batch_size, use_ema):
    out = only_our_errors(tiny_gan.generate, n_or_latent, seed=seed, batch_size=batch_size,
                          use_ema=use_ema)
    if out is not None:
        assert out.shape[1:] == (8, 8, 1) and np.all(np.abs(out) <= 1.0)


# ----------------------------------------------------------------------------- metrics
@FUZZ
@given(a=arrays(max_rank=3), b=arrays(max_rank=3), c=arrays(max_rank=3),
       d=arrays(max_rank=3), k=scalars())
def test_feature_metrics_fuzz(a, b, c, d, k):
    only_our_errors(metrics.frechet_distance, a, b, c, d)
    only_our_errors(metrics.kernel_distance, a, b, num_subsets=k, subset_size=3)
    only_our_errors(metrics.inception_score, a, splits=k)
    only_our_errors(metrics.precision_recall, a, b, k=k)
    only_our_errors(metrics.density_coverage, a, b, k=k)
    only_our_errors(metrics.mode_metrics, a, b, k)
    only_our_errors(metrics.class_histogram_kl, a, num_classes=k)
    only_our_errors(metrics.class_coverage, a, num_classes=k)
    stats = metrics.FeatureStats()
    only_our_errors(stats.update, a)
    only_our_errors(stats.update, b)
    if stats.count > 1:
        other = metrics.FeatureStats()
        only_our_errors(other.update, c)
        only_our_errors(metrics.frechet_distance_from_stats, stats, other)


@FUZZ
@given(generated=arrays(max_rank=4, max_side=9), reference=arrays(max_rank=4, max_side=9),
       metric_names=st.lists(st.sampled_from(["fid", "kid", "is", "pr", "dc", "classes",
                                              "nope"]), max_size=3),
       num_samples=scalars(), batch_size=scalars())
def test_evaluate_fuzz(generated, reference, metric_names, num_samples, batch_size):
    def generate_fn(n, seed=None):  # a careless generator: whatever it was given
        return generated[:n] if generated.ndim else generated

    only_our_errors(metrics.evaluate, generate_fn, reference, metrics=metric_names,
                    num_samples=num_samples, extractor=ProjectionExtractor(),
                    batch_size=batch_size, progress=False, kid_subset_size=2)
