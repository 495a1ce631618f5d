"""Streaming feature statistics (mean/covariance) and FID between them.

:class:`FeatureStats` accumulates the mean and covariance of features batch by
batch in float64 with the parallel update of Chan et al., which is exact up
to rounding even when the data has a large offset (a naive
``Σx xᵀ / n - μ μᵀ`` loses every digit there). Statistics are saved as
``.npz`` files tagged with the id of the feature extractor so that
incompatible statistics are never compared.
"""

import os

import numpy as np

from keras_gans.errors import InvalidInputError, SingularCovarianceError
from keras_gans._checks import check_positive_int
from keras_gans.metrics._validation import as_feature_matrix
from keras_gans.metrics.distances import frechet_distance

__all__ = ["FeatureStats", "load_stats", "frechet_distance_from_stats"]

_NPZ_KEYS = ("mean", "cov", "count", "extractor_id", "image_size")


class FeatureStats:
    """Running mean and covariance of feature vectors (float64).

    Keeps ``count``, the mean and ``M2 = Σ (x - mean)(x - mean)ᵀ``; each batch
    is reduced to its own (count, mean, M2) and combined with the running one
    (Chan et al.), which is also how two accumulators are merged.

    Attributes:
        extractor_id: Id of the feature extractor the features came from
            (set by :meth:`load`, or by the caller); ``None`` if unknown.
        image_size: Image size fed to the extractor (int or tuple), or
            ``None``.

    Example:
        >>> stats = FeatureStats()
        >>> for batch in batches:  # each (batch_size, dim)
        ...     stats.update(batch)
        >>> stats.save("cifar10_inception.npz", "inception_v3_pool3", 299)
        >>> fid = frechet_distance_from_stats(stats, load_stats("other.npz"))

    Reference:
        Chan, Golub, LeVeque, "Updating Formulae and a Pairwise Algorithm for
        Computing Sample Variances", Stanford tech. report STAN-CS-79-773, 1979.
    """

    def __init__(self, dim=None, extractor_id=None, image_size=None):
        """Creates an empty accumulator.

        Args:
            dim: Feature dimension; inferred from the first batch if ``None``.
            extractor_id: Optional id of the feature extractor.
            image_size: Optional image size fed to the extractor.
        """
        self._dim = None if dim is None else check_positive_int("dim", dim)
        self._count = 0
        self._mean = None if dim is None else np.zeros(self._dim)
        self._m2 = None if dim is None else np.zeros((self._dim, self._dim))
        self.extractor_id = extractor_id
        self.image_size = image_size

    # -- accumulation -------------------------------------------------------

    def _combine(self, count, mean, m2):
        """Folds a (count, mean, M2) summary into this accumulator."""
        if count == 0:
            return
        if self._count == 0:
            self._count, self._mean, self._m2 = count, mean.copy(), m2.copy()
            return
        total = self._count + count
        delta = mean - self._mean
        self._mean = self._mean + delta * (count / total)
        self._m2 = self._m2 + m2 + np.outer(delta, delta) * (self._count * count / total)
        self._count = total

    def _check_dim(self, dim, what):
        if self._dim is None:
            self._dim = dim
        elif dim != self._dim:
            raise InvalidInputError(
                f"{what} has feature dimension {dim}; expected {self._dim} "
                f"(the dimension of the features accumulated so far)"
            )

    def update(self, features_batch):
        """Adds a batch of features.

        Args:
            features_batch: Array of shape ``(batch_size, dim)``; an empty
                batch is a no-op.

        Returns:
            ``self``, so calls can be chained.

        Raises:
            InvalidInputError: On wrong rank, dimension change or NaN/Inf.
        """
        batch = as_feature_matrix(features_batch, "features_batch", min_samples=0)
        self._check_dim(batch.shape[1], "features_batch")
        if batch.shape[0] == 0:
            return self
        mean = batch.mean(axis=0)
        centred = batch - mean
        self._combine(batch.shape[0], mean, centred.T @ centred)
        return self

    def merge(self, other):
        """Adds the samples summarised by another :class:`FeatureStats`.

        Args:
            other: Accumulator over more samples of the same features.

        Returns:
            ``self``.

        Raises:
            InvalidInputError: On dimension or extractor-id mismatch.
        """
        if not isinstance(other, FeatureStats):
            raise InvalidInputError(
                f"merge expects a FeatureStats; got {type(other).__name__}"
            )
        _check_same_extractor(self, other)
        if other._count == 0:
            return self
        self._check_dim(other._dim, "the merged FeatureStats")
        self._combine(other._count, other._mean, other._m2)
        if self.extractor_id is None:
            self.extractor_id = other.extractor_id
        return self

    # -- results ------------------------------------------------------------

    @property
    def count(self):
        """Number of samples accumulated."""
        return self._count

    @property
    def dim(self):
        """Feature dimension (``None`` before the first batch)."""
        return self._dim

    @property
    def mean(self):
        """Mean feature vector, shape ``(dim,)`` (a copy)."""
        if self._count == 0:
            raise InvalidInputError("FeatureStats.mean needs at least 1 sample; got 0")
        return self._mean.copy()

    @property
    def covariance(self):
        """Unbiased (ddof=1) covariance, shape ``(dim, dim)``."""
        if self._count < 2:
            raise SingularCovarianceError(
                f"FeatureStats.covariance needs at least 2 samples (ddof=1); "
                f"got {self._count}"
            )
        return self._m2 / (self._count - 1)

    cov = covariance  # short alias, matching the .npz key

    # -- persistence ----------------------------------------------------------

    def save(self, path, extractor_id, image_size):
        """Writes ``mean``, ``cov``, ``count``, ``extractor_id``, ``image_size``.

        The ``.npz`` file is written atomically
        (:func:`keras_gans.saving.atomic_path`), so a crash never leaves a
        truncated file. ``path`` is used as given (no
        ``.npz`` suffix is appended).

        Args:
            path: Destination file.
            extractor_id: Id of the feature extractor (e.g.
                ``"inception_v3_pool3"``); stored and checked before comparing.
            image_size: Image size fed to the extractor (int or tuple of
                ints).

        Raises:
            SingularCovarianceError: With fewer than 2 samples.
            InvalidInputError: If ``extractor_id`` is not a non-empty string
                or differs from the one this accumulator is already tagged
                with, or ``image_size`` is not positive integer(s).
        """
        if not isinstance(extractor_id, str) or not extractor_id:
            raise InvalidInputError(
                f"extractor_id must be a non-empty string; got {extractor_id!r}"
            )
        if self.extractor_id is not None and self.extractor_id != extractor_id:
            raise InvalidInputError(
                f"these statistics are tagged extractor_id={self.extractor_id!r}; "
                f"refusing to save them as {extractor_id!r}"
            )
        _check_image_size(image_size)
        arrays = {
            "mean": self.mean,
            "cov": self.covariance,
            "count": np.int64(self._count),
            "extractor_id": np.str_(extractor_id),
            "image_size": np.asarray(image_size, dtype=np.int64),
        }
        from keras_gans.saving import atomic_path

        with atomic_path(path) as tmp, open(tmp, "wb") as handle:
            np.savez(handle, **arrays)
        self.extractor_id = extractor_id
        self.image_size = image_size

    @classmethod
    def load(cls, path):
        """Reads statistics written by :meth:`save`.

        Args:
            path: ``.npz`` file.

        Returns:
            A :class:`FeatureStats` with ``count``, ``mean``, ``covariance``
            (alias ``cov``), ``extractor_id`` and ``image_size``; it can keep
            accumulating or be merged.

        Raises:
            InvalidInputError: If the file lacks one of the expected keys.
        """
        with np.load(os.fspath(path), allow_pickle=False) as data:
            missing = [key for key in _NPZ_KEYS if key not in data.files]
            if missing:
                raise InvalidInputError(
                    f"{os.fspath(path)} is not a FeatureStats file: missing keys "
                    f"{missing}; expected {list(_NPZ_KEYS)}, got {sorted(data.files)}"
                )
            mean = np.asarray(data["mean"], dtype=np.float64)
            cov = np.asarray(data["cov"], dtype=np.float64)
            count = int(data["count"])
            extractor_id = str(data["extractor_id"])
            size = data["image_size"]
        stats = cls(dim=mean.shape[0], extractor_id=extractor_id)
        stats.image_size = int(size) if size.ndim == 0 else tuple(int(s) for s in size)
        stats._combine(count, mean, cov * (count - 1))
        return stats

    def __repr__(self):
        return (
            f"FeatureStats(count={self._count}, dim={self._dim}, "
            f"extractor_id={self.extractor_id!r}, image_size={self.image_size!r})"
        )


def load_stats(path):
    """Reads a statistics file written by :meth:`FeatureStats.save`.

    Args:
        path: ``.npz`` file.

    Returns:
        A :class:`FeatureStats` (fields ``mean``, ``cov``, ``count``,
        ``extractor_id``, ``image_size``).
    """
    return FeatureStats.load(path)


def _check_image_size(image_size):
    sizes = np.atleast_1d(np.asarray(image_size, dtype=object))
    if sizes.ndim != 1 or sizes.size == 0 or not all(
        isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s > 0
        for s in sizes
    ):
        raise InvalidInputError(
            f"image_size must be a positive int or a tuple of positive ints; "
            f"got {image_size!r}"
        )


def _check_same_extractor(a, b):
    if a.extractor_id is not None and b.extractor_id is not None and (
        a.extractor_id != b.extractor_id
    ):
        raise InvalidInputError(
            f"cannot combine feature statistics from different extractors: "
            f"{a.extractor_id!r} vs {b.extractor_id!r}"
        )


def _check_nonsingular(stats, name):
    if stats.count <= stats.dim:
        raise SingularCovarianceError(
            f"{name}: covariance of {stats.dim}-dim features from {stats.count} "
            f"samples is singular; need at least {stats.dim + 1} samples, ideally "
            f"many more"
        )


def frechet_distance_from_stats(a, b, eps=1e-6):
    """Fréchet distance (FID) between two :class:`FeatureStats`.

    Args:
        a: Statistics of the first feature set.
        b: Statistics of the second feature set.
        eps: See :func:`frechet_distance`.

    Returns:
        The Fréchet distance as a Python float.

    Raises:
        InvalidInputError: If the extractor ids differ (features from different
            networks or layers are not comparable) or the dims differ.
        SingularCovarianceError: If either set has ``count <= dim``.

    Example:
        >>> fid = frechet_distance_from_stats(load_stats("real.npz"), fake_stats)

    Reference:
        Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge
        to a Local Nash Equilibrium", NeurIPS 2017.
    """
    for stats, name in ((a, "a"), (b, "b")):
        if not isinstance(stats, FeatureStats):
            raise InvalidInputError(
                f"{name} must be a FeatureStats; got {type(stats).__name__}"
            )
        if stats.count == 0:
            raise InvalidInputError(f"{name} holds no samples; got count 0")
    if a.extractor_id != b.extractor_id:
        raise InvalidInputError(
            f"refusing to compare feature statistics from different extractors: "
            f"a.extractor_id={a.extractor_id!r}, b.extractor_id={b.extractor_id!r}; "
            f"expected identical ids"
        )
    if a.dim != b.dim:
        raise InvalidInputError(
            f"feature dimensions differ: a has dim {a.dim}, b has dim {b.dim}"
        )
    _check_nonsingular(a, "a")
    _check_nonsingular(b, "b")
    return frechet_distance(a.mean, a.covariance, b.mean, b.covariance, eps=eps)
