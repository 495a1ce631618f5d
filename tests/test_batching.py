"""The one batched-inference loop."""

import numpy as np
import pytest

from keras_gans.batching import run_batched
from keras_gans.errors import InvalidInputError


def test_slices_cover_the_range_once_and_keep_the_output_structure():
    x = np.arange(10, dtype=np.float32)[:, None]
    seen = []

    def fn(part):
        seen.append((part.start, part.stop))
        return {"double": x[part] * 2, "pair": (x[part], -x[part])}

    out = run_batched(fn, 10, 4)
    assert seen == [(0, 4), (4, 8), (8, 12)]
    np.testing.assert_array_equal(out["double"], x * 2)
    np.testing.assert_array_equal(out["pair"][1], -x)
    assert isinstance(out["pair"], tuple)
    np.testing.assert_array_equal(run_batched(lambda part: x[part], 10, 10**6), x)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "8"])
def test_a_bad_batch_size_is_named(bad):
    with pytest.raises(InvalidInputError, match="batch_size"):
        run_batched(lambda part: np.zeros(1), 3, bad)
