"""Exception types raised by keras_gans.

Every error we raise on bad input says what was received and what was expected.
They subclass the built-in types a caller would naturally catch (``ValueError``,
``KeyError``...) so ``except ValueError`` keeps working.
"""


class KerasGANsError(Exception):
    """Base class of every exception keras_gans raises on purpose.

    ``cli_message``: the same error worded for the ``keras-gans`` command, where the way
    forward is a flag (``--weights none``) rather than a Python argument; the command
    prints it instead of ``str(error)`` when given.
    """

    def __init__(self, *args, cli_message=None):
        super().__init__(*args)
        self.cli_message = cli_message


class InvalidInputError(KerasGANsError, ValueError):
    """An argument, array or dataset does not have the shape/range/type expected."""


class UnsafeModelError(InvalidInputError):
    """A model file holds code (e.g. a Lambda layer's bytecode) that safe mode refuses."""


class UnknownNameError(KerasGANsError, KeyError):
    """A registry lookup (variant, loss, regularizer, preset, metric...) failed."""

    def __str__(self):  # KeyError quotes its message; show it plainly.
        return str(self.args[0]) if self.args else ""


class SingularCovarianceError(InvalidInputError):
    """A covariance estimate is singular / too few samples for its dimension."""


class DatasetUnavailableError(KerasGANsError, RuntimeError):
    """A dataset could not be loaded or downloaded (e.g. offline)."""


class TrainingDivergedError(KerasGANsError, RuntimeError):
    """A loss became NaN/Inf during training."""


class ChecksumError(KerasGANsError, ValueError):
    """A file's sha256 does not match the expected value."""


def first_line(error, limit=300):
    """An exception's first line, at most ``limit`` characters (Keras appends whole object
    configs to some messages); its type's name when it has no text."""
    text = str(error).strip()
    line = text.splitlines()[0] if text else type(error).__name__
    return line if len(line) <= limit else line[:limit] + " …"
