"""A TensorFlow-free index of the variant registry, so ``keras-gans list``, ``describe``
and ``--help`` answer in well under a second instead of importing TensorFlow (~5 s).

``keras_gans/index.json`` holds every variant's description and paper (the presets need
no index: their declarations are read without TensorFlow). It is generated from the live
registry by ``python zoo/make_cards.py`` with the cards; a test checks that it matches
it, so it cannot go stale unnoticed. The presets' measured records are read here too.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
INDEX = os.path.join(HERE, "index.json")
RECORDS = os.path.join(HERE, "zoo", "records")  # the presets' measured records


def build_index():
    """The index from the live registry (imports TensorFlow)."""
    from keras_gans.variants import describe_variant, list_variants, variant_reference

    return {"variants": {name: describe_variant(name) for name in list_variants()},
            "papers": {name: variant_reference(name) for name in list_variants()}}


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


def paper(variant):
    """The paper a variant comes from: from the index, or the live registry without one."""
    index = read_index()
    if index is not None and variant in index.get("papers", {}):
        return index["papers"][variant]
    from keras_gans.variants import variant_reference

    return variant_reference(variant)
