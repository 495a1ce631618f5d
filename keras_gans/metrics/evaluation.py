"""Evaluate a generator: stream samples through a feature extractor, compute metrics.

The third layer of the metrics stack (tensorflow/gan ``eval/classifier_metrics.py``):
the pure functions of :mod:`keras_gans.metrics.distances` / ``manifold`` and the
streaming :class:`~keras_gans.metrics.stats.FeatureStats`, fed by an injectable
feature extractor.

Samples go through a feature extractor (:mod:`keras_gans.metrics.extractors`: the
protocol and :func:`get_extractor`).

Every result records the extractor id, the sample counts, the reference and the seed
(StudioGAN's lesson: a number without them cannot be compared with anything).
"""

import dataclasses
import os

import numpy as np

from keras_gans.errors import InvalidInputError, SingularCovarianceError, UnknownNameError
from keras_gans._checks import check_positive_int, check_seed
from keras_gans.metrics.distances import inception_score, kernel_distance
from keras_gans.metrics.extractors import get_extractor
from keras_gans.metrics.manifold import density_coverage, precision_recall
from keras_gans.metrics.stats import FeatureStats, frechet_distance_from_stats

__all__ = [
    "METRICS",
    "PreparedReference",
    "evaluate",
    "get_extractor",
    "metric_keys",
    "prepare_reference",
    "reference_stats",
]

# Metric name → keys it adds to the result.
METRICS = {
    "fid": ("fid",),
    "kid": ("kid", "kid_std"),
    "is": ("is", "is_std"),
    "pr": ("precision", "recall"),
    "dc": ("density", "coverage"),
    "classes": ("class_kl", "classes_covered"),
}
_NEED_REFERENCE_FEATURES = ("kid", "pr", "dc")
_NEED_PROBS = ("is", "classes")
def metric_keys(metrics):
    """The result keys the metric names produce, e.g. ``("kid",)`` → ``["kid", "kid_std"]``."""
    return [key for m in _check_metrics(metrics) for key in METRICS[m]]


def _check_metrics(metrics):
    if isinstance(metrics, str):
        metrics = (metrics,)
    metrics = tuple(metrics)
    unknown = [m for m in metrics if m not in METRICS]
    if unknown or not metrics:
        raise UnknownNameError(
            f"Unknown metric(s) {unknown or metrics!r}; known: {sorted(METRICS)} "
            "(fid: Fréchet distance, kid: kernel distance, is: Inception Score, "
            "pr: precision/recall, dc: density/coverage, classes: class histogram KL and "
            "coverage)."
        )
    return tuple(dict.fromkeys(metrics))


# ----------------------------------------------------------------------- streaming

class _Reservoir:
    """A uniform random subset of at most ``capacity`` rows of a stream (Algorithm R)."""

    def __init__(self, capacity, seed):
        self.capacity = capacity
        self.rng = np.random.default_rng(seed)
        self.rows = None
        self.seen = 0

    def add(self, batch):
        batch = np.asarray(batch, np.float32)
        if self.rows is None:
            self.rows = np.empty((self.capacity, *batch.shape[1:]), np.float32)
        take = max(0, min(len(batch), self.capacity - self.seen))
        self.rows[self.seen:self.seen + take] = batch[:take]
        rest = batch[take:]
        if len(rest):
            # Row i of the stream replaces a random slot with probability capacity/(i+1);
            # duplicate slots resolve to the later row, as a sequential loop would.
            index = self.seen + take + np.arange(len(rest))
            slots = self.rng.integers(0, index + 1)
            keep = slots < self.capacity
            self.rows[slots[keep]] = rest[keep]
        self.seen += len(batch)

    def result(self):
        if self.rows is None:
            return None
        return self.rows[:min(self.seen, self.capacity)]


class _Accumulator:
    """Streams extractor outputs into FeatureStats, a feature reservoir and probs."""

    def __init__(self, extractor, keep_features, keep_probs, max_features, seed):
        self.extractor = extractor
        self.stats = FeatureStats(extractor_id=extractor.extractor_id)
        self.features = _Reservoir(max_features, seed) if keep_features else None
        self.probs = [] if keep_probs else None
        self.count = 0
        self.image_shape = None

    def add(self, images, batch_size):
        if self.image_shape is None:
            self.image_shape = tuple(int(d) for d in np.shape(images)[1:])
        out = self.extractor(images, batch_size=batch_size)
        if not isinstance(out, dict) or "features" not in out:
            raise InvalidInputError(
                f"extractor {self.extractor.extractor_id!r} must return a dict with "
                f"'features'; got {type(out).__name__}"
                + (f" with keys {sorted(out)}" if isinstance(out, dict) else "") + "."
            )
        features = np.asarray(out["features"])
        self.stats.update(features)
        if self.features is not None:
            self.features.add(features)
        if self.probs is not None:
            if out.get("probs") is None:
                raise InvalidInputError(
                    f"metrics {list(_NEED_PROBS)} need class probabilities, but extractor "
                    f"{self.extractor.extractor_id!r} returns only {sorted(out)}. Use a "
                    "classifier extractor (extractor='mnist' for digits) or drop them from "
                    "metrics."
                )
            self.probs.append(np.asarray(out["probs"]))
        self.count += len(features)


@dataclasses.dataclass
class PreparedReference:
    """Reference statistics (and, when needed, features) computed once and reused.

    Attributes:
        stats: :class:`FeatureStats` of all reference images (tagged with the
            extractor id).
        features: a uniform random subset of at most ``max_feature_samples`` reference
            features for KID / precision-recall / density-coverage, or ``None``.
        num_reference: number of reference images (``stats.count``).
        description: what the reference is (array, dataset, stats file, split).
        split: the ``reference_split`` label given by the caller, or ``None``.
    """

    stats: FeatureStats
    features: np.ndarray = None
    num_reference: int = 0
    description: str = ""
    split: str = None

    @property
    def extractor_id(self):
        return self.stats.extractor_id


def _image_source(reference, num_reference):
    """``(array or tf.data.Dataset, description)`` of reference images."""
    if _is_dataset(reference):
        import tensorflow as tf

        if int(reference.cardinality()) == tf.data.INFINITE_CARDINALITY and \
                num_reference is None:
            raise InvalidInputError(
                "reference is an infinite tf.data.Dataset (repeat()?); pass num_reference "
                "to say how many images to use, or a finite dataset."
            )
        return reference, "tf.data.Dataset"
    try:
        array = np.asarray(reference)
    except Exception:  # ragged lists and the like
        array = np.asarray(None)
    if array.dtype == object or array.ndim < 2 or len(array) == 0:
        raise InvalidInputError(
            f"reference must be images (N, H, W, C) in [-1, 1] with N ≥ 1, a "
            f"tf.data.Dataset of such batches (or (images, labels) batches), a saved stats "
            f".npz path, a FeatureStats or a PreparedReference; got "
            f"{type(reference).__name__}"
            + (f" of shape {array.shape}." if array.dtype != object else ".")
        )
    if num_reference is not None:
        array = array[:num_reference]
    return array, f"array of {len(array)} images {tuple(array.shape[1:])}"


def _is_dataset(x):
    return hasattr(x, "element_spec") and hasattr(x, "cardinality")


def _dataset_batches(dataset, num_reference):
    seen = 0
    for element in dataset:
        if isinstance(element, (tuple, list)):
            element = element[0]
        if isinstance(element, dict):
            raise InvalidInputError(
                f"reference dataset elements must be image batches or (images, labels); "
                f"got a dict with keys {sorted(element)}."
            )
        batch = np.asarray(element)
        if batch.ndim != 4:
            raise InvalidInputError(
                f"reference dataset must yield batches of shape (B, H, W, C); got an element "
                f"of shape {batch.shape} (call .batch(...) on the dataset)."
            )
        if num_reference is not None:
            batch = batch[:num_reference - seen]
        if len(batch):
            yield batch
        seen += len(batch)
        if num_reference is not None and seen >= num_reference:
            return


def prepare_reference(reference, extractor="mnist", metrics=("fid",), batch_size=500,
                      num_reference=None, max_feature_samples=10_000, seed=0,
                      reference_split=None, progress=False):
    """Extracts reference statistics (and features when the metrics need them) once.

    :class:`keras_gans.callbacks.MetricsCallback` prepares its reference once and reuses
    it at every evaluation; :func:`evaluate` accepts the result as ``reference``.

    Args:
        reference: images ``(N, H, W, C)`` in [-1, 1], a ``tf.data.Dataset`` of such
            batches (or ``(images, labels)`` batches), a stats ``.npz`` path written by
            :func:`reference_stats` / :meth:`FeatureStats.save`, a
            :class:`FeatureStats`, or a :class:`PreparedReference` (returned as is).
        extractor: extractor name or object (see :func:`get_extractor`).
        metrics: the metrics it will serve; KID, PR and DC need features, not only
            statistics.
        batch_size: images per extractor call.
        num_reference: use at most this many reference images (``None``: all; required
            for an infinite dataset).
        max_feature_samples: at most this many reference features are kept (a uniform
            random subset, drawn with ``seed``) for KID / PR / DC.
        seed: seed of that subset.
        reference_split: a label recorded with the results, e.g. ``"mnist/test"``.
        progress: show a ``keras.utils.Progbar``.

    Returns:
        A :class:`PreparedReference`.

    Raises:
        InvalidInputError: unusable reference; a stats file with another extractor's
            id; KID / PR / DC asked of a stats file.
    """
    if isinstance(reference, PreparedReference):
        return reference
    extractor = get_extractor(extractor)
    metrics = _check_metrics(metrics)
    batch_size = check_positive_int("batch_size", batch_size)
    max_feature_samples = check_positive_int("max_feature_samples", max_feature_samples, minimum=2)
    if num_reference is not None:
        num_reference = check_positive_int("num_reference", num_reference)
    need_features = [m for m in metrics if m in _NEED_REFERENCE_FEATURES]

    if isinstance(reference, (str, os.PathLike, FeatureStats)):
        if isinstance(reference, FeatureStats):
            stats, description = reference, "FeatureStats"
        else:
            path = os.fspath(reference)
            if not os.path.isfile(path):
                raise InvalidInputError(f"reference stats file {path!r} does not exist.")
            stats, description = FeatureStats.load(path), f"stats file {path}"
        if need_features:
            raise InvalidInputError(
                f"metrics {need_features} compare individual features, but the reference "
                f"is {description} (mean and covariance only), which serves FID (and IS, "
                "which needs no reference). Pass the reference images or dataset instead, "
                "or metrics=('fid',)."
            )
        if stats.extractor_id != extractor.extractor_id:
            raise InvalidInputError(
                f"reference statistics ({description}) were computed with extractor "
                f"{stats.extractor_id!r}, but the extractor in use is "
                f"{extractor.extractor_id!r}; features of different extractors are not "
                "comparable. Recompute the statistics with reference_stats(..., extractor)."
            )
        return PreparedReference(stats, None, stats.count, _describe(description,
                                 reference_split), reference_split)

    source, description = _image_source(reference, num_reference)
    accumulator = _Accumulator(extractor, bool(need_features), False, max_feature_samples,
                               seed)
    if isinstance(source, np.ndarray):
        bar = _progbar(len(source), progress, "reference")
        for start in range(0, len(source), batch_size):
            accumulator.add(source[start:start + batch_size], batch_size)
            _advance(bar, accumulator.count)
    else:
        bar = _progbar(num_reference, progress, "reference")
        for batch in _dataset_batches(source, num_reference):
            for start in range(0, len(batch), batch_size):
                accumulator.add(batch[start:start + batch_size], batch_size)
            _advance(bar, accumulator.count)
        if accumulator.count == 0:
            raise InvalidInputError("reference dataset yielded no images.")
        description = f"tf.data.Dataset ({accumulator.count} images)"
    features = None if accumulator.features is None else accumulator.features.result()
    accumulator.stats.image_size = accumulator.image_shape
    return PreparedReference(accumulator.stats, features, accumulator.count,
                             _describe(description, reference_split), reference_split)


def _describe(description, split):
    return description if split is None else f"{split} ({description})"


def _progbar(target, enabled, name):
    if not enabled:
        return None
    import keras

    print(f"{name}:")
    return keras.utils.Progbar(target, unit_name="image")


def _advance(bar, count):
    if bar is not None:
        bar.update(count)


def reference_stats(dataset_or_images, extractor="mnist", path=None, batch_size=500,
                    num_reference=None, progress=True):
    """Computes (and optionally saves) the FID statistics of reference images.

    Args:
        dataset_or_images: images ``(N, H, W, C)`` in [-1, 1] or a ``tf.data.Dataset``
            of such batches (or ``(images, labels)`` batches).
        extractor: extractor name or object (see :func:`get_extractor`).
        path: if given, the statistics are written there (``.npz``, atomically) with
            the extractor id and image size, for :func:`evaluate` ``(reference=path)``.
        batch_size: images per extractor call.
        num_reference: use at most this many images (``None``: all).
        progress: show a progress bar.

    Returns:
        The :class:`FeatureStats` (``extractor_id`` and ``image_size`` set).

    Example:
        >>> test = keras_gans.data.from_idx_dir("mnist", split="test", shuffle=False)
        >>> reference_stats(test, "mnist", path="mnist_test_stats.npz")
        >>> evaluate(gan, "mnist_test_stats.npz", metrics=("fid",))
    """
    prepared = prepare_reference(dataset_or_images, extractor, ("fid",), batch_size,
                                 num_reference, progress=progress)
    stats = prepared.stats
    if path is not None:
        stats.save(path, stats.extractor_id, stats.image_size)
    return stats


# ----------------------------------------------------------------------- evaluate

def _sampler(model_or_generate_fn, use_ema):
    """A ``sample(n, seed) -> images`` function for a GAN or a generate function."""
    generate = getattr(model_or_generate_fn, "generate", None)
    if callable(generate):
        def sample(n, seed):
            return generate(n, seed=seed, batch_size=n, use_ema=use_ema)
        return sample
    if callable(model_or_generate_fn):
        def sample(n, seed):
            return model_or_generate_fn(n, seed=seed)
        return sample
    raise InvalidInputError(
        "evaluate needs a model with generate(n, seed=...) (a keras_gans GAN) or a "
        f"function generate_fn(n, seed=...) -> images; got {type(model_or_generate_fn).__name__}."
    )


def _generated_batches(sample, num_samples, batch_size, seed):
    """Yields ``num_samples`` generated images in batches; batch ``i`` uses a seed
    derived from ``(seed, i)``."""
    batch_seeds = np.random.SeedSequence(seed).generate_state(
        -(-num_samples // batch_size), dtype=np.uint32)
    for i, start in enumerate(range(0, num_samples, batch_size)):
        n = min(batch_size, num_samples - start)
        images = np.asarray(sample(n, int(batch_seeds[i] >> 1)))
        if images.ndim == 0 or len(images) != n:
            raise InvalidInputError(
                f"the generator returned an array of shape {images.shape} when asked for "
                f"{n} samples."
            )
        yield images


def _check_sample_counts(metrics, num_samples, feature_dim, extractor_id):
    if "fid" in metrics and feature_dim is not None and num_samples <= feature_dim:
        raise SingularCovarianceError(
            f"FID needs more generated samples than feature dimensions: extractor "
            f"{extractor_id!r} gives {feature_dim}-d features, so num_samples must be at "
            f"least {feature_dim + 1} (got {num_samples}); use ≥ 10,000 for numbers worth "
            "reporting (FID is biased upward at small sample counts)."
        )


def evaluate(model_or_generate_fn, reference, metrics=("fid", "kid", "is", "pr", "dc"),
             num_samples=10_000, extractor="mnist", batch_size=500, seed=0, progress=True,
             use_ema=True, max_feature_samples=10_000, num_reference=None,
             reference_split=None, kid_subsets=100, kid_subset_size=1000, is_splits=10):
    """Generates samples, extracts features, computes metrics against a reference.

    Generated images are produced and extracted batch by batch: FID uses streaming
    statistics (memory bounded by ``feature_dim²``, whatever ``num_samples``), and
    features are kept only when KID / precision-recall / density-coverage need them
    (at most ``max_feature_samples`` per side). Batch ``i`` is generated with a seed
    derived from ``(seed, i)``, so a result is reproducible for a fixed ``seed`` and
    ``batch_size``; evaluation never draws from the model's own seed generator.

    Args:
        model_or_generate_fn: a :class:`keras_gans.GAN` (its ``generate`` is used, with
            the EMA generator when it has one and ``use_ema``), or a function
            ``generate_fn(n, seed=...)`` returning ``n`` images in [-1, 1].
        reference: images ``(N, H, W, C)`` in [-1, 1]; a ``tf.data.Dataset`` of such
            batches (or ``(images, labels)``); a stats ``.npz`` path or
            :class:`FeatureStats` (FID and IS only: the other metrics need features);
            a :class:`PreparedReference`; or ``None`` when only ``"is"`` / ``"classes"``
            are asked (they need no reference).
        metrics: names among ``"fid"``, ``"kid"``, ``"is"`` (needs a classifier
            extractor with ``"probs"``), ``"pr"`` (precision/recall, k=3), ``"dc"``
            (density/coverage, k=5), ``"classes"`` (class-histogram KL to uniform and
            classes covered; needs ``"probs"``).
        num_samples: generated samples.
        extractor: ``"mnist"``, ``"inception"`` or an extractor object.
        batch_size: samples per generator and extractor call.
        seed: seed of the generated samples (and of the feature subsets and KID
            subsets).
        progress: show ``keras.utils.Progbar`` progress bars.
        use_ema: sample with ``model.generator_ema`` when the model keeps one.
        max_feature_samples: cap on the features kept per side for KID / PR / DC.
        num_reference: use at most this many reference images (``None``: all).
        reference_split: label of the reference recorded in the result (e.g.
            ``"mnist/test"``).
        kid_subsets, kid_subset_size: KID subsets (see :func:`kernel_distance`).
        is_splits: Inception Score splits (see :func:`inception_score`).

    Returns:
        A dict with the metric values (``fid``; ``kid``, ``kid_std``; ``is``,
        ``is_std``; ``precision``, ``recall``; ``density``, ``coverage``;
        ``class_kl``, ``classes_covered``) and ``extractor_id``, ``num_samples``,
        ``num_reference``, ``reference`` (a description), ``reference_split``,
        ``seed``, ``use_ema``, ``metrics`` and, with feature metrics,
        ``num_feature_samples`` ``{"generated": m, "reference": r}``.

    Raises:
        InvalidInputError: bad arguments, unusable reference, extractor-id mismatch
            with saved statistics, images the extractor refuses.
        SingularCovarianceError: FID with ``num_samples`` (or reference images) not
            above the feature dimension; the message gives the count needed.
        UnknownNameError: unknown metric or extractor name.

    Example:
        >>> result = evaluate(gan, test_images, metrics=("fid", "kid", "is"),
        ...                   num_samples=10_000, extractor="mnist")
        >>> result["fid"], result["extractor_id"], result["num_samples"]
    """
    metrics = _check_metrics(metrics)
    num_samples = check_positive_int("num_samples", num_samples)
    if num_samples >= 2**31:
        raise InvalidInputError(f"num_samples must be below 2**31; got {num_samples}.")
    batch_size = check_positive_int("batch_size", batch_size)
    max_feature_samples = check_positive_int("max_feature_samples", max_feature_samples, minimum=2)
    check_seed(seed, "seed", minimum=0, optional=False)
    sample = _sampler(model_or_generate_fn, use_ema)
    extractor = get_extractor(extractor)
    _check_sample_counts(metrics, num_samples, getattr(extractor, "feature_dim", None),
                         extractor.extractor_id)
    need_features = any(m in _NEED_REFERENCE_FEATURES for m in metrics)
    need_probs = any(m in _NEED_PROBS for m in metrics)

    # The first generated batch goes through the extractor before the (possibly long)
    # reference pass, so a generator/extractor mismatch or missing "probs" fails fast.
    generated = _Accumulator(extractor, need_features, need_probs, max_feature_samples,
                             seed + 1)
    batches = _generated_batches(sample, num_samples, batch_size, seed)
    generated.add(next(batches), batch_size)

    prepared = None
    if any(m not in _NEED_PROBS for m in metrics):  # IS and class metrics need no reference
        prepared = prepare_reference(
            reference, extractor, metrics, batch_size, num_reference, max_feature_samples,
            seed, reference_split, progress and not isinstance(reference, PreparedReference))
        if prepared.extractor_id != extractor.extractor_id:
            raise InvalidInputError(
                f"the reference was prepared with extractor {prepared.extractor_id!r} but "
                f"the extractor in use is {extractor.extractor_id!r}; features of "
                "different extractors are not comparable."
            )
        if need_features and prepared.features is None:
            raise InvalidInputError(
                f"metrics {[m for m in metrics if m in _NEED_REFERENCE_FEATURES]} need "
                f"reference features, but the prepared reference ({prepared.description}) "
                "holds statistics only; prepare it with these metrics."
            )
        if "fid" in metrics and prepared.num_reference <= prepared.stats.dim:
            raise SingularCovarianceError(
                f"FID needs more reference images than feature dimensions: extractor "
                f"{extractor.extractor_id!r} gives {prepared.stats.dim}-d features, so at "
                f"least {prepared.stats.dim + 1} reference images are needed (got "
                f"{prepared.num_reference} from {prepared.description})."
            )

    bar = _progbar(num_samples, progress, "generated")
    _advance(bar, generated.count)
    for images in batches:
        generated.add(images, batch_size)
        _advance(bar, generated.count)

    result = {}
    if "fid" in metrics:
        try:
            result["fid"] = frechet_distance_from_stats(generated.stats, prepared.stats)
        except SingularCovarianceError as e:
            raise SingularCovarianceError(
                f"FID between {generated.count} generated and {prepared.num_reference} "
                f"reference samples of {generated.stats.dim}-d features failed: {e}. Use "
                "more samples on both sides (≥ 10,000 for numbers worth reporting)."
            ) from None
    fake_features = None if generated.features is None else generated.features.result()
    if "kid" in metrics:
        result["kid"], result["kid_std"] = kernel_distance(
            prepared.features, fake_features, num_subsets=kid_subsets,
            subset_size=kid_subset_size, seed=seed)
    probs = np.concatenate(generated.probs) if need_probs else None
    if "is" in metrics:
        result["is"], result["is_std"] = inception_score(probs, splits=is_splits)
    if "pr" in metrics:
        result["precision"], result["recall"] = precision_recall(
            prepared.features, fake_features, k=3)
    if "dc" in metrics:
        result["density"], result["coverage"] = density_coverage(
            prepared.features, fake_features, k=5)
    if "classes" in metrics:
        from keras_gans.metrics.classes import class_coverage, class_histogram_kl

        result["class_kl"] = class_histogram_kl(probs, num_classes=probs.shape[1])
        result["classes_covered"] = class_coverage(probs, num_classes=probs.shape[1])

    result.update({
        "extractor_id": extractor.extractor_id,
        "num_samples": generated.count,
        "num_reference": None if prepared is None else prepared.num_reference,
        "reference": (_describe("not used (these metrics need no reference)",
                                reference_split)
                      if prepared is None else prepared.description),
        "reference_split": reference_split if prepared is None else prepared.split,
        "seed": seed,
        "use_ema": bool(use_ema and getattr(model_or_generate_fn, "generator_ema", None)
                        is not None),
        "metrics": list(metrics),
    })
    if need_features:
        result["num_feature_samples"] = {"generated": len(fake_features),
                                         "reference": len(prepared.features)}
    return result
