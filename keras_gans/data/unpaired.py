"""Unpaired two-domain pipelines for image-to-image translation (CycleGAN, UNIT, CoGAN).

An *unpaired* dataset yields dicts ``{"domain_a": a_batch, "domain_b": b_batch}``: two
independently shuffled single-domain pipelines (each through the shared
:func:`keras_gans.sources.pipeline`, so each is validated and scaled to [-1, 1]) zipped
together. The shorter domain is repeated, so an epoch covers the longer one.

Why a dict and not a 2-tuple: a 2-tuple is what every *paired* or *labelled* source
produces (``(images, labels)``, pix2pix-style ``(input, target)``), so a tuple cannot say
whether its two halves belong together. The two named keys are the marker: the
translators (:mod:`keras_gans.translation`) accept only this structure and refuse a
tuple ("paired or labelled") or a single tensor ("one domain") with a message naming
:func:`zip_unpaired`; and a one-domain model (:class:`keras_gans.GAN`) refuses the dict.
:func:`zip_unpaired` itself refuses inputs whose elements are tuples or dicts (labelled or
already paired data). :func:`is_unpaired` tells whether a dataset has the structure.

Sources:
    * :func:`zip_unpaired` — two batched single-domain ``tf.data`` pipelines.
    * :func:`unpaired_from_arrays` — two NumPy image arrays (different sizes allowed).
    * :func:`unpaired_from_folders` — two folders of images.
    * :func:`unpaired_from_tfds` — a tfds dataset with one split per domain, e.g. the
      real ``cycle_gan/horse2zebra`` (``trainA``/``trainB``); offline it fails fast
      with :class:`~keras_gans.errors.DatasetUnavailableError`.
    * :func:`mnist_two_domains` — a real two-domain task built from MNIST: domain a =
      plain digits, domain b = a disjoint set of digits rendered with dilated strokes
      and inverted (:func:`render_inverted_dilated`, mapped back for a digit classifier
      by :func:`undo_rendering`); labels are kept for evaluation only.
"""

import numpy as np
import tensorflow as tf

from keras_gans.errors import InvalidInputError

DOMAIN_KEYS = ("domain_a", "domain_b")

__all__ = [
    "DOMAIN_KEYS", "is_unpaired", "mnist_two_domains", "render_inverted_dilated",
    "undo_rendering", "unpaired_from_arrays", "zip_unpaired", "unpaired_from_folders",
    "unpaired_from_tfds",
]


def is_unpaired(dataset):
    """Whether ``dataset``'s elements are ``{"domain_a": images, "domain_b": images}``."""
    spec = getattr(dataset, "element_spec", None)
    return (isinstance(spec, dict) and set(spec) == set(DOMAIN_KEYS)
            and all(isinstance(spec[k], tf.TensorSpec) for k in DOMAIN_KEYS))


def describe_structure(spec):
    """A short human description of a dataset element structure (for error messages)."""
    if isinstance(spec, (tuple, list)):
        inner = ", ".join(describe_structure(s) for s in spec)
        return f"a {len(spec)}-tuple ({inner})"
    if isinstance(spec, dict):
        return f"a dict with keys {sorted(spec)}"
    if isinstance(spec, tf.TensorSpec):
        return f"{spec.dtype.name} tensors of shape {tuple(spec.shape)}"
    return type(spec).__name__


def _check_single_domain(ds, which):
    if not isinstance(ds, tf.data.Dataset):
        raise InvalidInputError(
            f"unpaired: domain {which} must be a tf.data.Dataset of image batches; got "
            f"{type(ds).__name__}. Use unpaired_from_arrays for NumPy arrays."
        )
    spec = ds.element_spec
    if not isinstance(spec, tf.TensorSpec):
        raise InvalidInputError(
            f"unpaired: domain {which} must yield batches of images only, but its elements "
            f"are {describe_structure(spec)} — a labelled or paired dataset. Translation "
            "learns from two unpaired image sets: pass one image-only pipeline per domain "
            "(e.g. data.from_arrays(x_a) and data.from_arrays(x_b), without labels)."
        )
    if spec.shape.rank != 4:
        raise InvalidInputError(
            f"unpaired: domain {which} must yield batched images (batch, H, W, C); got "
            f"elements of shape {tuple(spec.shape)} (use a batched pipeline from "
            "keras_gans.data)."
        )
    return spec


def zip_unpaired(dataset_a, dataset_b):
    """Zips two batched single-domain pipelines into an unpaired two-domain dataset.

    The two pipelines keep their own shuffling (give them different seeds), so image
    ``i`` of a batch of domain a has nothing to do with image ``i`` of domain b. When
    both sizes are known the shorter domain is repeated, so an epoch covers the longer.

    Args:
        dataset_a: batched ``tf.data.Dataset`` of domain-a images (no labels).
        dataset_b: batched ``tf.data.Dataset`` of domain-b images (no labels).

    Returns:
        A dataset of ``{"domain_a": (B, H_a, W_a, C_a), "domain_b": (B, H_b, W_b, C_b)}``.

    Raises:
        InvalidInputError: an input is not a dataset, yields tuples/dicts (labelled or
            paired data) or unbatched samples, or the two batch sizes differ.

    Example:
        >>> ds = zip_unpaired(data.from_arrays(x_a, seed=0), data.from_arrays(x_b, seed=1))
    """
    spec_a = _check_single_domain(dataset_a, "a")
    spec_b = _check_single_domain(dataset_b, "b")
    if spec_a.shape[0] is not None and spec_b.shape[0] is not None \
            and spec_a.shape[0] != spec_b.shape[0]:
        raise InvalidInputError(
            f"unpaired: the two domains must have the same batch size; got "
            f"{spec_a.shape[0]} (a) and {spec_b.shape[0]} (b)."
        )
    n_a, n_b = int(dataset_a.cardinality()), int(dataset_b.cardinality())
    if n_a == 0 or n_b == 0:
        raise InvalidInputError(
            f"unpaired: a domain has no batches (a: {n_a}, b: {n_b}); with drop_remainder "
            "a domain smaller than one batch is empty — use a smaller batch_size."
        )
    if n_a > 0 and n_b > 0 and n_a != n_b:
        if n_a < n_b:
            dataset_a = dataset_a.repeat()
        else:
            dataset_b = dataset_b.repeat()
    ds = tf.data.Dataset.zip((dataset_a, dataset_b))
    return ds.map(lambda a, b: {"domain_a": a, "domain_b": b})


def unpaired_from_arrays(x_a, x_b, batch_size=64, seed=0, input_range="auto",
                         shuffle=True, repeat=False):
    """An unpaired dataset from two image arrays (each validated by ``sources.from_arrays``).

    Args:
        x_a: domain-a images ``(N_a, H, W[, C])`` (uint8, or floats in ``input_range``).
        x_b: domain-b images ``(N_b, H', W'[, C'])``; sizes may differ from ``x_a``
            (whether a model accepts that is the model's check).
        batch_size: images per batch and domain.
        seed: shuffle seed of domain a; domain b uses ``seed + 1``.
        input_range: as in :func:`keras_gans.sources.from_arrays`.
        shuffle, repeat: as in :func:`keras_gans.sources.pipeline`.

    Raises:
        InvalidInputError: a paired array (a tuple ``(images, labels)``) given as a
            domain, non-image arrays, or any check of ``from_arrays``.

    Example:
        >>> ds = unpaired_from_arrays(horses_uint8, zebras_uint8, batch_size=1)
    """
    from keras_gans.data import sources

    arrays = []
    for which, x in (("a", x_a), ("b", x_b)):
        if isinstance(x, (tuple, list)) or isinstance(x, dict):
            raise InvalidInputError(
                f"unpaired_from_arrays: domain {which} must be one image array; got a "
                f"{type(x).__name__} (labelled or paired data?). Labels are not used for "
                "unpaired translation."
            )
        x = np.asarray(x)
        if x.ndim not in (3, 4):
            raise InvalidInputError(
                f"unpaired_from_arrays: domain {which} must be images (N, H, W) or "
                f"(N, H, W, C); got an array of shape {x.shape}."
            )
        arrays.append(x)
    ds_a = sources.from_arrays(arrays[0], batch_size=batch_size, shuffle=shuffle, seed=seed,
                            input_range=input_range, repeat=repeat)
    ds_b = sources.from_arrays(arrays[1], batch_size=batch_size, shuffle=shuffle, seed=seed + 1,
                            input_range=input_range, repeat=repeat)
    return zip_unpaired(ds_a, ds_b)


def unpaired_from_folders(directory_a, directory_b, image_size, channels=3, batch_size=1,
                          seed=0):
    """An unpaired dataset from two folders of images (resized to ``image_size``).

    Example:
        >>> ds = unpaired_from_folders("horses/", "zebras/", image_size=256)
    """
    from keras_gans.data import sources

    ds_a = sources.from_image_folder(directory_a, image_size, channels, batch_size, seed=seed)
    ds_b = sources.from_image_folder(directory_b, image_size, channels, batch_size,
                                  seed=seed + 1)
    return zip_unpaired(ds_a, ds_b)


def unpaired_from_tfds(name="cycle_gan/horse2zebra", splits=("trainA", "trainB"),
                       batch_size=1, seed=0, **kwargs):
    """An unpaired dataset from a tfds dataset with one split per domain.

    The ``cycle_gan/*`` datasets (horse2zebra, apple2orange, summer2winter_yosemite,
    monet2photo, ...) have the splits ``trainA``/``trainB``/``testA``/``testB``. The
    download goes through :func:`keras_gans.sources.from_tfds`, which fails fast offline.

    Raises:
        DatasetUnavailableError: not prepared and cannot be downloaded.
        UnknownNameError: no such tfds dataset.

    Example:
        >>> ds = unpaired_from_tfds("cycle_gan/horse2zebra", batch_size=1)
    """
    from keras_gans.data import sources

    if not (isinstance(splits, (tuple, list)) and len(splits) == 2):
        raise InvalidInputError(
            f"splits must name two splits (domain a, domain b); got {splits!r}."
        )
    ds_a = sources.from_tfds(name, split=splits[0], batch_size=batch_size, seed=seed, **kwargs)
    ds_b = sources.from_tfds(name, split=splits[1], batch_size=batch_size, seed=seed + 1,
                          **kwargs)
    return zip_unpaired(ds_a, ds_b)


# ---------------------------------------------------------------- MNIST two-domain task
def render_inverted_dilated(images, dilation=1):
    """Domain b of the MNIST task: strokes dilated by a (2·dilation+1)² max filter,
    then inverted (white background, black thick digits).

    Args:
        images: uint8 ``(N, H, W, 1)`` digits (white on black).
        dilation: radius of the square max filter (0: inversion only).

    Returns:
        uint8 array of the same shape.
    """
    x = np.asarray(images)
    if x.dtype != np.uint8 or x.ndim != 4:
        raise InvalidInputError(
            f"render_inverted_dilated needs uint8 images (N, H, W, C); got {x.dtype} {x.shape}."
        )
    return 255 - _square_filter(x, dilation, np.maximum, 0)


def undo_rendering(images, dilation=1):
    """Maps domain-b images in [-1, 1] back to plain digits: inversion (``-x``), then
    erosion by the rendering's (2·dilation+1)² square (a min filter).

    Dilation has no exact inverse; erosion after dilation is a morphological *closing*
    of the original strokes (small holes and gaps filled), which a digit classifier
    reads almost as well as the original, and better than after inversion alone.

    Args:
        images: domain-b images in [-1, 1], ``(N, H, W, C)``.
        dilation: the rendering's dilation radius (0: inversion only).

    Returns:
        float32 array of the same shape, white digits on black in [-1, 1].
    """
    x = np.asarray(images, dtype=np.float32)
    if x.ndim != 4:
        raise InvalidInputError(
            f"undo_rendering needs images (N, H, W, C) in [-1, 1]; got shape {x.shape}.")
    return _square_filter(-x, dilation, np.minimum, np.inf)


def _square_filter(x, radius, reduce, neutral):
    """``reduce`` (np.maximum: dilation, np.minimum: erosion) over each pixel's
    (2·radius+1)² square; pixels outside the image are ``reduce``'s ``neutral`` value,
    i.e. ignored (so a closing recovers strokes that touch the border)."""
    out = x.copy()
    if radius:
        pad = ((0, 0), (radius, radius), (radius, radius), (0, 0))
        padded = np.pad(x, pad, constant_values=neutral)
        h, w = x.shape[1:3]
        for dy in range(2 * radius + 1):
            for dx in range(2 * radius + 1):
                reduce(out, padded[:, dy:dy + h, dx:dx + w], out=out)
    return out


def mnist_two_domains(directory, split="train", dilation=1):
    """The MNIST two-domain task: disjoint image sets, nothing paired.

    Domain a = the first half of the split as it is; domain b = the second half
    rendered by :func:`render_inverted_dilated`. Labels are returned for evaluation
    only (training uses :func:`unpaired_from_arrays` on the images).

    Args:
        directory: an MNIST-format IDX directory (the four MNIST files, e.g. ``path/to/mnist``).
        split: ``"train"`` (30k + 30k) or ``"test"`` (5k + 5k).
        dilation: stroke dilation radius of domain b.

    Returns:
        ``{"x_a", "y_a", "x_b", "y_b"}``: uint8 images ``(N, 28, 28, 1)`` and int64 labels.

    Example:
        >>> task = mnist_two_domains("path/to/mnist")
        >>> ds = unpaired_from_arrays(task["x_a"], task["x_b"], batch_size=32)
    """
    from keras_gans.data.idx import load_mnist_idx

    images, labels = load_mnist_idx(directory, split)
    half = len(images) // 2
    return {"x_a": images[:half], "y_a": labels[:half],
            "x_b": render_inverted_dilated(images[half:], dilation), "y_b": labels[half:]}
