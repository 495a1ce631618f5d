"""A TensorFlow-free index of the registries, so ``keras-gans list``, ``describe`` and
``--help`` answer in well under a second instead of importing TensorFlow (~5 s).

``keras_gans/index.json`` holds every variant's description and every preset's static
part (what ``zoo.describe`` returns apart from ``weights`` and ``metrics``, which come
from the preset's record as they do in :mod:`keras_gans.zoo`). It is generated from the
live registries by ``python zoo/make_cards.py`` with the cards; a test checks that it
matches them, so it cannot go stale unnoticed.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
INDEX = os.path.join(HERE, "index.json")
RECORDS = os.path.join(HERE, "zoo", "records")  # the presets' measured records
_MEASURED = ("weights", "metrics")


def build_index():
    """The index from the live registries (imports TensorFlow)."""
    from keras_gans import zoo
    from keras_gans.variants import describe_variant, list_variants

    presets = {}
    for name in zoo.names():
        described = zoo.describe(name)
        presets[name] = {k: (None if k in _MEASURED else v) for k, v in described.items()}
    return {"variants": {name: describe_variant(name) for name in list_variants()},
            "datasets": sorted(zoo.DATASETS),
            "presets": presets}


def index_text():
    return json.dumps(build_index(), indent=1, ensure_ascii=False, default=str,
                      sort_keys=False) + "\n"


def read_index():
    """The shipped index, or ``None`` when the package has none."""
    if not os.path.exists(INDEX):
        return None
    with open(INDEX, encoding="utf-8") as f:
        return json.load(f)


def record(name):
    """A preset's measured record (``{}`` when it has none); the zoo reads it here too."""
    path = os.path.join(RECORDS, f"{name}.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def describe_preset(index, name):
    """``zoo.describe(name)`` from the index and the preset's record."""
    measured = record(name)
    out = dict(index["presets"][name])
    out["weights"] = measured.get("weights")
    out["metrics"] = measured.get("metrics", {})
    return out
