"""The zoo's targets: the figures a preset's shipped weights are held to.

A zoo is worth its weights, so every preset that ships them has the field's level for its
kind of model as a target, measured on the shipped file by the zoo's protocol
(:func:`keras_gans.zoo.recipes.measure`: 10,000 samples against the MNIST test split with
``mnist_cnn_v1``; PacGAN's protocol on 2-D mixtures). :func:`check` compares a preset's
record with its targets, so each card says the target, the figure and whether it is met;
a target is never lowered to fit a result.

    >>> from keras_gans.zoo import targets
    >>> [(c.target.label, c.value, c.met) for c in targets.check("dcgan_mnist")]
"""

import dataclasses
from typing import Optional

from keras_gans.metrics.modes import PACGAN_BAR

# Structured MNIST variants whose own check is the target (the rest are unconditional).
CONDITIONAL = ("cgan", "acgan")
CATEGORICAL_CODE = ("infogan",)
ENCODER = ("bigan", "vaegan", "vaegan_l2_clipnorm")


@dataclasses.dataclass(frozen=True)
class Target:
    """One bar: ``key`` is a metric of the record (``"structure.label_accuracy"`` for a
    structured model's own check); ``minimum`` or ``maximum`` bounds it; ``stretch`` is a
    further bar shown beside it, not required."""

    key: str
    label: str
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    stretch: Optional[float] = None
    percent: bool = False

    @property
    def bar(self):
        """The required value: ``minimum`` or ``maximum``, whichever is set."""
        return self.minimum if self.minimum is not None else self.maximum

    def value(self, metrics):
        for part in self.key.split("."):
            if not isinstance(metrics, dict) or part not in metrics:
                return None
            metrics = metrics[part]
        return metrics

    def reached(self, value, bar):
        if value is None:
            return False
        return value >= bar if self.minimum is not None else value <= bar

    def text(self, bar=None):
        """``"≥ 9"``: the bar (or ``bar``) as the card shows it."""
        bar = self.bar if bar is None else bar
        sign = "≥" if self.minimum is not None else "≤"
        return f"{sign} {100 * bar:g} %" if self.percent else f"{sign} {bar:g}"

    def format(self, value):
        """A measured value as the card shows it."""
        if value is None:
            return "not measured"
        if self.percent:
            return f"{100 * value:.1f} %"
        if isinstance(value, int):
            return str(value)
        return f"{value:.2f}" if abs(value) >= 1 else f"{value:.2g}"


@dataclasses.dataclass(frozen=True)
class Check:
    """A target beside the preset's figure: ``met`` the bar, ``stretch_met`` the further
    one (``None`` where the target has none)."""

    target: Target
    value: Optional[float]
    met: bool
    stretch_met: Optional[bool]


IMAGE = (Target("is", "IS", minimum=9.0, stretch=9.4),
         Target("fid", "FID", maximum=2.0, stretch=1.0),
         Target("class_kl", "class-histogram KL", maximum=0.02),
         Target("classes_covered", "classes covered", minimum=10))


def _preset(preset):
    """A :class:`~keras_gans.zoo.Preset` from a name or a preset."""
    from keras_gans import zoo

    return zoo.get(preset) if isinstance(preset, str) else preset


def targets(preset):
    """The :class:`Target` s of a preset (a name or :class:`~keras_gans.zoo.Preset`);
    ``()`` for datasets with no offline protocol (CelebA, CIFAR-10, horse2zebra)."""
    p = _preset(preset)
    if p.dataset in PACGAN_BAR:
        row, _, hq = PACGAN_BAR[p.dataset]
        modes = {"grid25": 25, "ring8": 8}[p.dataset]
        return (Target("modes_captured", "modes captured", minimum=modes),
                Target("high_quality_fraction", f"high-quality fraction ({row}'s)",
                       minimum=hq, percent=True))
    if p.dataset == "mnist2domain":
        if p.variant == "cogan":
            return (Target("pair_agreement", "pair agreement", minimum=0.95, percent=True),)
        return (Target("class_preservation_a2b", "class kept a→b", minimum=0.97,
                       percent=True),
                Target("class_preservation_b2a", "class kept b→a", minimum=0.97,
                       percent=True))
    if p.dataset != "mnist":
        return ()
    if p.variant in CONDITIONAL:
        return (Target("structure.label_accuracy", "label accuracy", minimum=0.98,
                       percent=True),
                Target("is", "IS", minimum=9.5))
    if p.variant in CATEGORICAL_CODE:
        return (Target("structure.best_permutation_accuracy",
                       "code → digit accuracy (best permutation)", minimum=0.95,
                       percent=True),)
    if p.variant in ENCODER:
        return IMAGE + (Target("structure.reconstruction_label_accuracy",
                               "label of G(E(x)) = label of x", minimum=0.90, percent=True),)
    return IMAGE


def check(preset):
    """One :class:`Check` per target, against the preset's record (``[]`` without one)."""
    p = _preset(preset)
    if not p.metrics:
        return []
    out = []
    for t in targets(p):
        value = t.value(p.metrics)
        out.append(Check(t, value, t.reached(value, t.bar),
                         None if t.stretch is None else t.reached(value, t.stretch)))
    return out


def missed(preset):
    """The checks a preset's record misses (``[]`` when every target is met)."""
    return [c for c in check(preset) if not c.met]


def record_row(preset):
    """The preset's shipped run as a row of a card's table of runs tried (``run``,
    ``length``, ``figures``, ``measured``); the caller adds ``what`` and ``outcome``."""
    p = _preset(preset)
    run = p.record.get("recipe_run", {})
    length = run_length(run)
    if "generator_updates" in run:
        length += f" ({run['generator_updates']} G updates)"
    return {"run": f"v{p.weights['version']}", "length": length or "—",
            "figures": ", ".join(f"{c.target.label} {c.target.format(c.value)}"
                                 for c in check(p)),
            "measured": "its record (the zoo's protocol)"}


def run_length(run):
    """A recipe run's length as tables show it: ``"8 epochs"``, ``"200000 steps"``."""
    return ", ".join(f"{run[k]} {k}" for k in ("epochs", "steps") if k in run)
