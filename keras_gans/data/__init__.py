"""tf.data input pipelines for GAN training.

Every pipeline ends the same way (:func:`pipeline`): shuffle → batch (drop_remainder, so
every batch has the static size the train step expects) → scale into the generator's
range ([-1, 1] for images; 2-D/vector data is left as it is) → prefetch.

Sources:
    * :func:`from_arrays` — NumPy arrays (images uint8/float, or vectors).
    * :func:`from_idx_dir` — a directory of MNIST-format IDX files (raw or ``.gz``).
    * :func:`from_image_folder` — a folder of image files (optionally class subfolders).
    * :func:`from_tfds` — a TensorFlow Datasets name (real ``tfds`` download; fails fast
      offline with the alternatives).
    * :func:`mixture_dataset` — the ``ring8`` / ``grid25`` 2-D mixtures.
    * :func:`default_dataset` — 10,000 real MNIST digits shipped inside the package.
"""

from keras_gans.data.idx import load_idx, load_mnist_idx
from keras_gans.data.mixtures import MIXTURES, get_mixture, sample_mixture
from keras_gans.data.sources import (RANGE_SLACK, check_batches, check_fit_arrays,
                                     default_dataset, from_arrays, from_idx_dir,
                                     from_image_folder, from_tfds, is_mnist_spec, load_default,
                                     mnist_test_split,
                                     mixture_dataset, pipeline, raise_bad_batch, resolve,
                                     shape_hint, validate_arrays)
from keras_gans.data.unpaired import (is_unpaired, mnist_two_domains, unpaired_from_arrays,
                                      unpaired_from_folders, unpaired_from_tfds,
                                      zip_unpaired)

__all__ = [
    "MIXTURES", "default_dataset", "from_arrays", "from_idx_dir", "from_image_folder",
    "from_tfds", "get_mixture", "load_default", "load_idx", "load_mnist_idx",
    "mixture_dataset", "pipeline", "sample_mixture",
    "is_unpaired", "mnist_two_domains", "unpaired_from_arrays", "zip_unpaired",
    "unpaired_from_folders", "unpaired_from_tfds", "check_batches", "check_fit_arrays",
    "raise_bad_batch", "resolve", "shape_hint", "validate_arrays", "RANGE_SLACK",
    "is_mnist_spec", "mnist_test_split",
]
