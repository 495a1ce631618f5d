"""The sources and the one pipeline behind :mod:`keras_gans.data` (its face re-exports
them): one :func:`pipeline` ending, the sources that feed it, the checks ``fit`` applies,
and :func:`resolve` for the CLI's dataset specs."""


import os

import numpy as np
import tensorflow as tf

from keras_gans._checks import check_positive_int
from keras_gans._network import host_reachable
from keras_gans.data.idx import load_idx, load_mnist_idx
from keras_gans.data.mixtures import MIXTURES, get_mixture, sample_mixture
from keras_gans.errors import (DatasetUnavailableError, InvalidInputError, UnknownNameError,
                               first_line)


_EMBEDDED = os.path.join(os.path.dirname(__file__), "_embedded", "mnist_sample.npz")


def pipeline(ds, batch_size, scale=None, shuffle=True, seed=0, buffer_size=10_000,
             drop_remainder=True, repeat=False):
    """Shuffle → batch → scale → prefetch, shared by every source.

    Args:
        ds: an unbatched ``tf.data.Dataset`` of samples or ``(sample, label)`` pairs.
        batch_size: examples per batch.
        scale: ``sample_batch -> sample_batch`` applied after batching (vectorised).
        shuffle: shuffle with a buffer of ``buffer_size`` (reshuffled every epoch).
        seed: shuffle seed.
        drop_remainder: drop the last partial batch (static batch shapes).
        repeat: repeat forever (use ``steps_per_epoch`` in ``fit``).
    """
    check_positive_int("batch_size", batch_size)
    if shuffle:
        ds = ds.shuffle(buffer_size, seed=seed, reshuffle_each_iteration=True)
    if repeat:
        ds = ds.repeat()
    ds = ds.batch(batch_size, drop_remainder=drop_remainder)
    if scale is not None:
        def apply(*batch):
            if len(batch) == 1:
                return scale(batch[0])
            return (scale(batch[0]),) + tuple(batch[1:])

        ds = ds.map(apply, num_parallel_calls=tf.data.AUTOTUNE)
    return ds.prefetch(tf.data.AUTOTUNE)


def _linear_to_unit(low, high):
    """Maps [low, high] linearly onto [-1, 1], as float32."""
    low, high = float(low), float(high)

    def scale(x):
        return (tf.cast(x, tf.float32) - low) * (2.0 / (high - low)) - 1.0

    return scale


def _as_images(x):
    """(N, H, W) → (N, H, W, 1); (N, H, W, C) unchanged; else None (vectors)."""
    if x.ndim == 3:
        return x[..., None]
    return x if x.ndim == 4 else None


def _values_outside(x, low, high):
    """``(min, max)`` of ``x`` when it leaves [low, high] (beyond float rounding), else
    ``None``: the one range check of :func:`from_arrays` and ``fit``."""
    seen_low, seen_high = float(x.min()), float(x.max())
    if seen_low < low - 1e-6 or seen_high > high + 1e-6:
        return seen_low, seen_high
    return None


def _infer_range(x, input_range):
    """The value range the images are given in (to be mapped onto [-1, 1])."""
    if input_range not in (None, "auto"):
        if not (isinstance(input_range, (tuple, list)) and len(input_range) == 2
                and input_range[1] > input_range[0]):
            raise InvalidInputError(
                f"input_range must be (low, high) with high > low, or 'auto'; got "
                f"{input_range!r}."
            )
        low, high = input_range
    elif x.dtype == np.uint8:
        low, high = 0, 255
    else:
        low, high = -1.0, 1.0
    seen = _values_outside(x, low, high)
    if seen:
        raise InvalidInputError(
            f"Images have values in [{seen[0]:g}, {seen[1]:g}] but the expected input "
            f"range is [{low:g}, {high:g}]. Pass input_range=(0, 255) or (0, 1) to say how "
            "the images are scaled (they are mapped to the generator's [-1, 1])."
        )
    return low, high


# What ``fit`` accepts of a batch beyond the data range: images in [-1, 1] may overshoot
# a little after resizing or augmentation, but [0, 1] or [0, 255] data is "far outside".
RANGE_SLACK = 0.05
_BAD_BATCH, _BAD_BATCH_END = "keras_gans bad batch: ", " <end>"


def shape_hint(shape, data_shape):
    """What to do when samples of ``shape`` reach a model built for ``data_shape``."""
    shape, data_shape = tuple(shape), tuple(data_shape)
    if len(data_shape) == 3 and data_shape[-1] == 1 and shape == data_shape[:-1]:
        return "add a channel axis (x[..., None], or np.expand_dims(x, -1))"
    return f"build the model with image_shape={shape} or resize the data"


def check_fit_arrays(x, y, data_shape, value_range, owner):
    """The one array check of ``fit``: what :func:`from_arrays` refuses, ``fit`` refuses.

    ``x`` must be numeric, finite, of per-sample shape ``data_shape`` and, for images,
    already in ``value_range`` (the generator's range); ``y`` (labels) as in
    :func:`validate_arrays`. A list of equal-shape arrays is taken as one array (Keras
    would read it as several model inputs). Returns ``(x, y)``.
    """
    if isinstance(x, list) and x and all(isinstance(v, np.ndarray) for v in x):
        shapes = {v.shape for v in x}
        if len(shapes) != 1:
            raise InvalidInputError(
                f"{owner} got a list of {len(x)} arrays of different shapes "
                f"{sorted(shapes)[:3]}...; pass one array (N, {', '.join(map(str, data_shape))}).")
        x = np.stack(x)
    x, y = validate_arrays(x, y, batch_size=1, drop_remainder=False)
    if tuple(x.shape[1:]) != tuple(data_shape):
        raise InvalidInputError(
            f"{owner} got an array of shape {x.shape} (samples of shape {x.shape[1:]}) but "
            f"the model was built for samples of shape {tuple(data_shape)}: "
            f"{shape_hint(x.shape[1:], data_shape)}.")
    if value_range is not None:
        if not np.issubdtype(x.dtype, np.floating):
            raise InvalidInputError(
                f"{owner} got {x.dtype} images; it trains on floating point values in "
                f"[{value_range[0]:g}, {value_range[1]:g}]. Use "
                "keras_gans.data.from_arrays(x) (maps uint8 [0, 255] to [-1, 1]) or "
                "x.astype('float32') / 127.5 - 1.")
        seen = _values_outside(x, *value_range)
        if seen:
            raise InvalidInputError(
                f"{owner} got images with values in [{seen[0]:g}, {seen[1]:g}]; the model "
                f"trains on [{value_range[0]:g}, {value_range[1]:g}]. Use keras_gans.data."
                "from_arrays(x, input_range=(0, 255)) (or (0, 1)) to map them, or scale "
                "them yourself (x / 127.5 - 1 for [0, 255]).")
    return x, y


def check_batches(ds, value_range):
    """``ds`` with every batch checked on the host before a step sees it.

    A batch holding NaN/Inf, or (with ``value_range``) image values farther than
    :data:`RANGE_SLACK` outside it, stops iteration with an error naming the batch
    (0-based, counted from the start of the epoch); :func:`raise_bad_batch` turns that
    error into an :class:`InvalidInputError`. The check runs in the input pipeline, so
    it holds under ``jit_compile`` and ``steps_per_execution`` alike.
    """
    limit = None if value_range is None else (value_range[0] - RANGE_SLACK,
                                              value_range[1] + RANGE_SLACK)

    def check(index, *element):
        asserts = []
        for leaf in tf.nest.flatten(element):
            if not leaf.dtype.is_floating:
                continue
            values = tf.cast(leaf, tf.float32)
            bad = tf.size(values) - tf.math.count_nonzero(tf.math.is_finite(values),
                                                          dtype=tf.int32)
            asserts.append(tf.debugging.Assert(bad == 0, [tf.strings.format(
                _BAD_BATCH + "batch {} of the dataset holds {} non-finite values (NaN/Inf) "
                "in a tensor of shape {}." + _BAD_BATCH_END, (index, bad, tf.shape(values)))]))
            if limit is not None and values.shape.rank == 4:
                low, high = tf.reduce_min(values), tf.reduce_max(values)
                asserts.append(tf.debugging.Assert(
                    tf.logical_and(low >= limit[0], high <= limit[1]), [tf.strings.format(
                        _BAD_BATCH + "batch {} of the dataset holds image values in "
                        "[{}, {}]; the model trains on [%g, %g]. Map the images into "
                        "that range (keras_gans.data.from_arrays / from_image_folder "
                        "do)." % value_range + _BAD_BATCH_END, (index, low, high))]))
        with tf.control_dependencies(asserts):
            return tf.nest.map_structure(tf.identity, element[0] if len(element) == 1
                                         else element)

    return ds.enumerate().map(check, num_parallel_calls=tf.data.AUTOTUNE).prefetch(
        tf.data.AUTOTUNE)


def raise_bad_batch(error):
    """Re-raises a :func:`check_batches` failure as :class:`InvalidInputError`; other
    errors are left alone (returns)."""
    text = str(error)
    start, end = text.find(_BAD_BATCH), text.find(_BAD_BATCH_END)
    if start < 0 or end < start:
        return
    raise InvalidInputError(text[start + len(_BAD_BATCH):end]) from None


def validate_arrays(x, y=None, batch_size=64, drop_remainder=True):
    """Checks sample/label arrays; returns ``(x, y)`` with images as (N, H, W, C)."""
    x = np.asarray(x)
    if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise InvalidInputError(f"Samples must be a numeric array; got dtype {x.dtype}.")
    if x.ndim not in (2, 3, 4):
        raise InvalidInputError(
            f"Samples must be (N, d) vectors, (N, H, W) or (N, H, W, C) images; got an "
            f"array of shape {x.shape}."
        )
    if 0 in x.shape[1:]:
        raise InvalidInputError(
            f"Each sample must hold at least one value; got an array of shape {x.shape}."
        )
    n = len(x)
    if n == 0:
        raise InvalidInputError("The dataset is empty (0 examples).")
    if drop_remainder and n < batch_size:
        raise InvalidInputError(
            f"The dataset has {n} examples, fewer than one batch of {batch_size} (batches "
            "drop the remainder, so no batch would be produced). Use a smaller batch_size."
        )
    if np.issubdtype(x.dtype, np.floating) and not np.all(np.isfinite(x)):
        bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
        first = int(np.flatnonzero((~np.isfinite(x.reshape(n, -1))).any(axis=1))[0])
        raise InvalidInputError(
            f"Samples contain {bad} non-finite values (NaN/Inf), first in example {first}."
        )
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.ndim != 1 or len(y) != n:
            raise InvalidInputError(
                f"Labels must have shape ({n},) to match {n} samples; got {y.shape}."
            )
        if not np.issubdtype(y.dtype, np.integer):
            raise InvalidInputError(f"Labels must be integers; got dtype {y.dtype}.")
    return x, y


def from_arrays(x, y=None, batch_size=64, shuffle=True, seed=0, input_range="auto",
                drop_remainder=True, repeat=False):
    """A training pipeline from NumPy arrays.

    Images (``(N, H, W)`` or ``(N, H, W, C)``) are mapped to [-1, 1]: uint8 from
    [0, 255]; floats must already be in [-1, 1] unless ``input_range`` says otherwise.
    Vectors (``(N, d)``) are used as they are.

    Args:
        x: samples.
        y: optional integer labels ``(N,)``; batches are then ``(samples, labels)``.
        batch_size, shuffle, seed, drop_remainder, repeat: see :func:`pipeline`.
        input_range: ``"auto"`` or ``(low, high)`` of the given images.

    Raises:
        InvalidInputError: wrong rank/dtype, NaN/Inf, empty or smaller than one batch,
            values outside the input range, labels of the wrong shape.
    """
    check_positive_int("batch_size", batch_size)
    x, y = validate_arrays(x, y, batch_size, drop_remainder)
    images = _as_images(x)
    if images is not None:
        scale = _linear_to_unit(*_infer_range(images, input_range))
        x = images
    else:
        x = x.astype(np.float32)
        scale = None
    elements = x if y is None else (x, y.astype(np.int64))
    ds = tf.data.Dataset.from_tensor_slices(elements)
    return pipeline(ds, batch_size, scale, shuffle, seed, buffer_size=len(x),
                    drop_remainder=drop_remainder, repeat=repeat)


def from_idx_dir(directory, split="train", batch_size=64, with_labels=False, **kwargs):
    """A pipeline over an MNIST-format IDX directory (the four MNIST files, e.g. ``path/to/mnist``)."""
    images, labels = load_mnist_idx(directory, split)
    return from_arrays(images, labels if with_labels else None, batch_size=batch_size,
                       **kwargs)


def load_default():
    """The embedded real MNIST sample: 10,000 train digits (1,000 per class).

    Returns:
        ``(images, labels)``: uint8 ``(10000, 28, 28, 1)``, int64 ``(10000,)``.
        License: CC BY-SA 3.0, Yann LeCun, Corinna Cortes, Christopher J.C. Burges
        (see ``keras_gans/data/_embedded/README.md``).
    """
    with np.load(_EMBEDDED) as f:
        return f["images"][..., None], f["labels"].astype(np.int64)


def default_dataset(batch_size=64, with_labels=False, **kwargs):
    """A pipeline over the embedded MNIST sample (works offline on a fresh install)."""
    images, labels = load_default()
    return from_arrays(images, labels if with_labels else None, batch_size=batch_size,
                       **kwargs)


def mixture_dataset(name, batch_size=256, num_samples=100_000, seed=0, repeat=True):
    """A pipeline over ``num_samples`` points of the ``ring8``/``grid25`` mixture."""
    x = sample_mixture(name, num_samples, seed)
    return from_arrays(x, batch_size=batch_size, seed=seed, repeat=repeat)


_IMAGE_EXTENSIONS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")  # those Keras indexes


def _image_files(directory, labels):
    """``(paths, labels or None)`` of the image files under ``directory``, sorted.

    ``labels=None``: every image file below ``directory`` (recursively);
    ``"inferred"``: one class per subfolder (alphanumeric order); a sequence: one int
    label per file, in the sorted order of the paths (as Keras' loader).
    """
    def walk(root):
        found = []
        for here, dirs, files in os.walk(root):
            dirs.sort()
            found += [os.path.join(here, f) for f in sorted(files)
                      if f.lower().endswith(_IMAGE_EXTENSIONS)]
        return found

    if labels == "inferred":
        classes = sorted(d for d in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, d)))
        if not classes:
            raise InvalidInputError(
                f"labels='inferred' needs one subfolder per class in {directory!r}; it has "
                "none."
            )
        pairs = [(p, i) for i, c in enumerate(classes) for p in walk(os.path.join(directory, c))]
        return [p for p, _ in pairs], [i for _, i in pairs]
    paths = walk(directory)
    if labels is None:
        return paths, None
    if isinstance(labels, str) or not hasattr(labels, "__len__"):
        raise InvalidInputError(
            f"labels must be None, 'inferred' or one int per file; got {labels!r}."
        )
    labels = np.asarray(labels)
    if labels.shape != (len(paths),) or not np.issubdtype(labels.dtype, np.integer):
        raise InvalidInputError(
            f"labels must be {len(paths)} ints (one per image file, in sorted path order); "
            f"got an array of dtype {labels.dtype} and shape {labels.shape}."
        )
    return paths, labels.tolist()


def _image_file_problem(path):
    """Why ``path`` is not a complete PNG/JPEG/GIF/BMP image, or ``None`` if it is one.

    Reads the first and last bytes only: the signature and the format's end marker
    catch empty, truncated and non-image files (an interrupted copy or download, an
    HTML error page saved as ``.jpg``). A file that fails this check is decoded once
    before it is declared unreadable, so an unusual but valid file is kept.
    """
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(32)
            f.seek(max(size - 32, 0))
            tail = f.read()
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    if size == 0:
        return "empty file"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        problem = None if tail.endswith(b"IEND\xaeB`\x82") else "truncated PNG (no IEND chunk)"
    elif head.startswith(b"\xff\xd8\xff"):
        problem = None if b"\xff\xd9" in tail else "truncated JPEG (no end-of-image marker)"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        problem = None if tail.rstrip(b"\x00").endswith(b";") else "truncated GIF"
    elif head.startswith(b"BM") and len(head) >= 6:
        declared = int.from_bytes(head[2:6], "little")
        problem = None if declared <= size else f"truncated BMP ({size} of {declared} bytes)"
    else:
        problem = "not a PNG, JPEG, GIF or BMP image"
    if problem is None:
        return None
    try:  # the quick check failed: does TensorFlow decode it anyway?
        tf.io.decode_image(tf.io.read_file(path), expand_animations=False)
        return None
    except (tf.errors.OpError, ValueError):
        return problem


def from_image_folder(directory, image_size, channels=3, batch_size=64, labels=None,
                      shuffle=True, seed=0, skip_corrupt=True):
    """A pipeline over a folder of images (``labels="inferred"`` for class subfolders).

    Images (``.png``, ``.jpg``/``.jpeg``, ``.gif``, ``.bmp``; found recursively) are
    decoded to ``channels``, resized to ``image_size`` (centre crop to the aspect ratio)
    and mapped from [0, 255] to [-1, 1]. Batches drop the remainder.

    Corrupt files. Every file is checked when the pipeline is built (its signature and
    end marker — a few bytes per file — and a decode when those look wrong): empty,
    truncated and non-image files are *skipped with one warning* that gives their count
    and names (``skip_corrupt=True``, the default), or refused with an
    :class:`~keras_gans.errors.InvalidInputError` naming them (``skip_corrupt=False``).
    With skipping on, a file that passes the check but still fails to decode while
    training (pixel data corrupt inside an intact file) is dropped as well (``tf.data``
    ``ignore_errors``); with ``skip_corrupt=False`` it stops iteration with
    TensorFlow's decode error.

    Args:
        directory: the folder.
        image_size: an int (square) or ``(height, width)``.
        channels: 1 (grayscale), 3 (RGB) or 4 (RGBA).
        batch_size: examples per batch.
        labels: ``None`` (unlabelled batches), ``"inferred"`` (one class per subfolder,
            alphanumeric order: batches are ``(images, labels)``) or one int per file in
            sorted path order.
        shuffle, seed: shuffle the files every epoch, with this seed.
        skip_corrupt: skip unreadable files with a warning (``True``) or refuse the
            folder naming them (``False``).

    Returns:
        A ``tf.data.Dataset`` of float32 ``(batch, height, width, channels)`` batches in
        [-1, 1] (with int32 labels when ``labels`` is given).

    Raises:
        InvalidInputError: missing folder, bad ``channels``/``image_size``/``labels``, no
            image files, unreadable files with ``skip_corrupt=False``, fewer readable
            images than one batch.

    Example:
        >>> ds = from_image_folder("faces/", image_size=64, batch_size=64)
        >>> ds = from_image_folder("digits/", 28, channels=1, labels="inferred")
    """
    import warnings

    import keras

    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise InvalidInputError(f"Image folder {directory!r} does not exist.")
    if channels not in (1, 3, 4):
        raise InvalidInputError(f"channels must be 1, 3 or 4; got {channels!r}.")
    check_positive_int("batch_size", batch_size)
    size = (image_size,) * 2 if isinstance(image_size, (int, np.integer)) else image_size
    if isinstance(image_size, bool) or not (
            isinstance(size, (tuple, list)) and len(size) == 2
            and all(isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d > 0
                    for d in size)):
        raise InvalidInputError(
            f"image_size must be a positive int or (height, width); got {image_size!r}."
        )
    size = tuple(int(d) for d in size)
    paths, file_labels = _image_files(directory, labels)
    if not paths:
        raise InvalidInputError(
            f"No image files ({', '.join(_IMAGE_EXTENSIONS)}) found in {directory!r}."
        )
    problems = {p: why for p in paths if (why := _image_file_problem(p)) is not None}
    if problems:
        listed = "; ".join(f"{os.path.relpath(p, directory)}: {why}"
                           for p, why in list(problems.items())[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        if not skip_corrupt:
            raise InvalidInputError(
                f"{len(problems)} of {len(paths)} files in {directory!r} are not readable "
                f"images: {listed}{more}. Remove them, or pass skip_corrupt=True to skip them."
            )
        warnings.warn(
            f"from_image_folder: skipped {len(problems)} of {len(paths)} files in "
            f"{directory!r} that are not readable images: {listed}{more}.", stacklevel=2)
        keep = [i for i, p in enumerate(paths) if p not in problems]
        paths = [paths[i] for i in keep]
        file_labels = None if file_labels is None else [file_labels[i] for i in keep]
    if len(paths) < batch_size:
        raise InvalidInputError(
            f"{directory!r} has {len(paths)} readable images, fewer than one batch of "
            f"{batch_size} (batches drop the remainder). Use a smaller batch_size."
        )

    def load(path):
        image = tf.io.decode_image(tf.io.read_file(path), channels=channels,
                                   expand_animations=False)
        image = keras.preprocessing.image.smart_resize(image, size)
        image.set_shape((*size, channels))
        return tf.cast(image, tf.float32)

    ds = tf.data.Dataset.from_tensor_slices(
        paths if file_labels is None else (paths, tf.constant(file_labels, tf.int32)))
    if shuffle:  # shuffle file names, not decoded images: the buffer stays small
        ds = ds.shuffle(len(paths), seed=seed, reshuffle_each_iteration=True)
    if file_labels is None:
        ds = ds.map(load, num_parallel_calls=tf.data.AUTOTUNE)
    else:
        ds = ds.map(lambda path, label: (load(path), label),
                    num_parallel_calls=tf.data.AUTOTUNE)
    if skip_corrupt:
        ds = ds.ignore_errors()
    return pipeline(ds, batch_size, _linear_to_unit(0, 255), shuffle=False)


_NETWORK_PROBE = ("storage.googleapis.com", 443)


def _network_reachable(timeout=3.0):
    """Whether tfds' download host answers (a fast check before a download)."""
    return host_reachable(*_NETWORK_PROBE, timeout=timeout)


def from_tfds(name, split="train", batch_size=64, data_dir=None, download=True,
              image_key="image", label_key="label", with_labels=False, shuffle=True, seed=0,
              image_size=None):
    """A pipeline over a TensorFlow Datasets dataset (uint8 images → [-1, 1]).

    The dataset is used as prepared in ``data_dir`` when it is; otherwise it is
    downloaded and prepared with ``tfds`` — after a quick check that the download host
    is reachable, because an offline ``tfds.load`` retries for minutes before failing.
    ``image_size`` (e.g. 64 for CelebA) takes the central square crop of each image and
    resizes it to ``image_size × image_size`` (area interpolation).

    Raises:
        UnknownNameError: ``name`` is not a tfds dataset.
        DatasetUnavailableError: not prepared and cannot be downloaded (offline, or
            ``download=False``); the message names the offline alternatives.
    """
    import tensorflow_datasets as tfds

    check_positive_int("batch_size", batch_size)
    try:
        builder = tfds.builder(name, data_dir=data_dir)
    except Exception as e:  # tfds raises DatasetNotFoundError (a subclass of Exception)
        raise UnknownNameError(f"tfds has no dataset {name!r}: {first_line(e)}") from None
    if not builder.is_prepared():
        alternatives = (
            "Offline alternatives: keras_gans.data.from_idx_dir(<dir of MNIST-format IDX "
            "files>), from_image_folder(<folder>), from_arrays(<numpy arrays>), or "
            "default_dataset() (the embedded MNIST sample)."
        )
        cli_alternatives = (
            "Offline, name local data instead: idx:DIR (a folder of MNIST-format IDX "
            "files, e.g. --data idx:DIR or --dataset idx:DIR), folder:DIR (images, for "
            "train) or default (the embedded MNIST sample, for train).")

        def unavailable(reason, tail=""):
            return DatasetUnavailableError(f"{reason} {alternatives}{tail}",
                                           cli_message=f"{reason} {cli_alternatives}{tail}")

        if not download:
            raise unavailable(f"tfds dataset {name!r} is not prepared in {builder.data_dir} "
                              "and download=False.")
        if not _network_reachable():
            raise unavailable(
                f"tfds dataset {name!r} is not prepared in {builder.data_dir} and its "
                f"download host {_NETWORK_PROBE[0]} is unreachable (offline?).",
                " Set KERAS_GANS_ASSUME_ONLINE=1 to skip this check.")
        builder.download_and_prepare()
    try:
        ds = builder.as_dataset(split=split)
    except (ValueError, KeyError) as e:
        raise InvalidInputError(
            f"tfds dataset {name!r} has no split {split!r} (splits: "
            f"{sorted(builder.info.splits)}): {e}"
        ) from None
    features = builder.info.features
    if image_key not in features:
        raise InvalidInputError(
            f"tfds dataset {name!r} has no feature {image_key!r}; features: {sorted(features)}."
        )
    if image_size is not None:
        check_positive_int("image_size", image_size)
        ds = ds.map(lambda ex: {**ex, image_key: _center_square(ex[image_key], image_size)},
                    num_parallel_calls=tf.data.AUTOTUNE)
    if with_labels:
        ds = ds.map(lambda ex: (ex[image_key], ex[label_key]))
    else:
        ds = ds.map(lambda ex: ex[image_key])
    return pipeline(ds, batch_size, _linear_to_unit(0, 255), shuffle, seed)


def _center_square(image, size):
    """The central square crop of a uint8 image, resized to ``size × size`` (uint8)."""
    shape = tf.shape(image)
    side = tf.minimum(shape[0], shape[1])
    top, left = (shape[0] - side) // 2, (shape[1] - side) // 2
    crop = image[top:top + side, left:left + side]
    resized = tf.image.resize(crop, (size, size), method="area")
    return tf.cast(tf.clip_by_value(tf.round(resized), 0, 255), tf.uint8)


def mnist_test_split(spec="tfds:mnist"):
    """``(x, y)`` of the MNIST test split, x float32 in [-1, 1], from ``idx:DIR`` or
    ``tfds:NAME`` (the reference every MNIST measurement is taken against)."""
    kind, _, argument = (spec or "tfds:mnist").partition(":")
    if kind == "idx" and argument:
        x, y = load_mnist_idx(argument, "test")
        return x.astype(np.float32) / 127.5 - 1.0, y
    if kind == "tfds" and argument:
        ds = from_tfds(argument, split="test", batch_size=1000, with_labels=True,
                       shuffle=False)
        batches = list(ds.as_numpy_iterator())
        return (np.concatenate([b[0] for b in batches]),
                np.concatenate([b[1] for b in batches]))
    raise InvalidInputError(f"MNIST test data must be idx:DIR or tfds:NAME; got {spec!r}.",
                            cli_message=f"--data must be idx:DIR or tfds:NAME; got {spec!r}.")


def is_mnist_spec(spec):
    """Whether a dataset spec (or preset dataset) means MNIST digits: ``mnist``, the
    embedded ``default`` sample, ``idx:DIR`` or ``tfds:mnist``."""
    spec = spec or ""
    return spec in ("mnist", "default", "tfds:mnist") or spec.startswith("idx:")


def resolve(spec, batch_size=64, seed=0, with_labels=False, image_size=None, channels=3):
    """A dataset from a short spec string, as used by the CLI and ``benchmarks/run.py``.

    Specs: ``default`` (embedded MNIST sample), ``ring8``, ``grid25``, ``idx:DIR`` (an
    MNIST-format IDX directory, train split), ``folder:DIR`` (needs ``image_size``),
    ``tfds:NAME`` (e.g. ``tfds:mnist``), and ``mnist`` (= ``tfds:mnist``).

    Returns:
        ``(dataset, data_shape)``.
    """
    if not isinstance(spec, str):
        raise InvalidInputError(f"A dataset spec must be a string; got {spec!r}.")
    kind, _, arg = spec.partition(":")
    if spec == "default":
        ds = default_dataset(batch_size, with_labels=with_labels, seed=seed)
    elif spec in MIXTURES:
        ds = mixture_dataset(spec, batch_size, seed=seed, repeat=False)
    elif kind == "idx" and arg:
        ds = from_idx_dir(arg, "train", batch_size, with_labels=with_labels, seed=seed)
    elif kind == "folder" and arg:
        if not image_size:
            raise InvalidInputError("folder:DIR datasets need image_size (e.g. 64).")
        ds = from_image_folder(arg, image_size, channels, batch_size,
                               labels="inferred" if with_labels else None, seed=seed)
    elif kind == "tfds" and arg or spec == "mnist":
        ds = from_tfds(arg or "mnist", batch_size=batch_size, with_labels=with_labels,
                       seed=seed)
    else:
        raise UnknownNameError(
            f"Unknown dataset spec {spec!r}; expected 'default', 'ring8', 'grid25', "
            "'mnist', 'idx:DIR', 'folder:DIR' or 'tfds:NAME'."
        )
    spec_shape = ds.element_spec[0].shape if with_labels else ds.element_spec.shape
    return ds, tuple(spec_shape[1:])
