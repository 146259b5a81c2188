"""Input checks shared by every helper: each raises an error that names the argument and what it expected."""

import contextlib
import numbers
import warnings

import numpy as np


def _describe(value):
    """Return a short description of a value for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (a {type(value).__name__})"


def _looks_numeric(text):
    """Return True when text is a number written as a string, such as '0.01'."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def number(value, name, *, minimum=None, maximum=None, positive=False, integer=False):
    """Return value as a float (or int when integer=True), checking type, finiteness and range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = "a whole number" if integer else "a number"
        advice = ""
        if isinstance(value, str) and _looks_numeric(value):
            advice = f" Write it without quotes: {name}={value.strip()}."
        raise TypeError(f"{name} must be {kind}, got {_describe(value)}.{advice}")
    if integer and not float(value).is_integer():
        raise TypeError(f"{name} must be a whole number, got {value!r}. Try {name}={round(value)}.")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}.")
    if positive and value <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value!r}.")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value!r}.")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value!r}.")
    return int(value) if integer else float(value)


def array(value, name, *, shape=None, finite=True, non_empty=True):
    """Return value as a float numpy array, checking its shape (None in shape means any length)."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numbers (a list or numpy array), got {_describe(value)}.")
    try:
        result = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        if "inhomogeneous" in str(error):
            raise ValueError(f"{name} has rows of different lengths ({_describe(value)}); every row needs "
                             "the same number of values.") from None
        raise TypeError(
            f"{name} must be numbers (a list or numpy array), got {_describe(value)}."
        ) from None
    if non_empty and result.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one value.")
    if shape is not None:
        wanted = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
        if result.ndim != len(shape) or any(s is not None and s != r for s, r in zip(shape, result.shape, strict=True)):
            raise ValueError(f"{name} must have shape {wanted}, got shape {result.shape}.")
    if finite and not np.all(np.isfinite(result)):
        raise ValueError(f"{name} contains NaN or infinite values; every value must be a finite number.")
    return result


def points(value, name="points"):
    """Return a list of (x, y) pairs as an (n, 2) float array, e.g. [[3, 6], [6, 9]]."""
    result = array(value, name)
    if result.ndim != 2 or result.shape[1] != 2:
        raise ValueError(
            f"{name} must be a list of [x, y] pairs such as [[3, 6], [6, 9]], got shape {result.shape}."
        )
    return result


def _grey(value, name, ndim, expected):
    """Return value as a float array of ndim dimensions, dropping a last axis of size 1; else say it was expected."""
    value = array(value, name)
    if value.ndim == ndim + 1 and value.shape[-1] == 1:
        value = value[..., 0]
    if value.ndim != ndim:
        raise ValueError(f"{name} must {expected}, got shape {value.shape}.")
    return value


def image(value, name="image"):
    """Return one grey image as a (height, width) float array, accepting (height, width, 1) too."""
    return _grey(value, name, 2, "be one image of shape (height, width) or (height, width, 1)")


def images(value, name="images"):
    """Return a stack of grey images as an (n, height, width) float array, accepting (n, height, width, 1) too."""
    return _grey(value, name, 3, "have shape (n, 28, 28) or (n, 28, 28, 1)")


def interval(value, name):
    """Return value as a numpy array (low, high) with low < high, such as an axis's range."""
    low, high = array(value, name, shape=(2,))
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {value!r}: put the smaller number first, "
                         f"e.g. {name}=({min(low, high):g}, {max(low, high) + (low == high):g}).")
    return np.array([low, high])


def choice(value, name, options):
    """Return value if it is one of options, else raise a ValueError listing them."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {_describe(value)}.")
    return value


def function(value, name):
    """Return value if it can be called, else raise a TypeError."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {_describe(value)}.")
    return value


def count(value, name, *, maximum, why, minimum=0):
    """Return value as a whole number from minimum to maximum; past maximum, say why there is a limit."""
    value = number(value, name, integer=True, minimum=minimum)
    if value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {value:,}: {why}")
    return value


DIVERGENCE_LIMIT = 1e6  # a descent whose numbers pass a million has run off: a figure cannot show it, a fit is gone


class DivergenceWarning(RuntimeWarning):
    """A descent ran off towards infinity: its numbers grew instead of settling (the learning rate is too large)."""


def _message_alone(message, category, filename, lineno, line=None):
    """Format a warning as its kind and message, without the file and source line a learner cannot use."""
    return f"{category.__name__}: {message}\n"


def warn_diverged(what, steps, advice="try a smaller learning_rate"):
    """Warn that `what` diverged after `steps` steps, so that numbers gone huge or NaN never pass without a word.

    A learner sees the message alone: in a notebook the usual prefix is a temporary file of the kernel's
    (/tmp/ipykernel_.../NNN.py:6:) followed by the line that called the helper. warnings.formatwarning, the
    documented hook for that format, is swapped only while this one warning is shown.
    """
    usual = warnings.formatwarning
    warnings.formatwarning = _message_alone
    try:
        warnings.warn(f"{what} diverged after {steps:,} steps: its numbers grew towards infinity instead of settling, "
                      f"so what it returns is not an answer; {advice}.", DivergenceWarning, stacklevel=3)
    finally:
        warnings.formatwarning = usual


@contextlib.contextmanager
def divergence_shown_elsewhere():
    """Hide DivergenceWarning inside the block, for a caller that shows the divergence itself (a figure's note)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        yield
