"""Exercise checks: each prints friendly feedback on a learner's answer and never raises on a wrong one.

An unanswered exercise holds `...` (Ellipsis); the checks say so instead of failing, so a notebook
with blank exercises still runs top to bottom. Expected answers are computed here, not typed in.
Each notebook's checks live in its own section below the generic ones.
"""

import numbers

import numpy as np

PASS, FAIL, TODO = "✅", "❌", "✏️"


def _say(mark, message):
    """Print one line of feedback behind its mark."""
    print(f"{mark} {message}")


def _unanswered(answer, what):
    """Print a reminder and return True when the learner has not replaced the `...` yet."""
    if answer is Ellipsis:
        _say(TODO, f"{what}: replace the ... with your answer, then run the cell again.")
        return True
    return False


def _is_number(value):
    """Return True for real numbers (including numpy scalars), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_number(answer, expected, *, what, tol=1e-6, hint=""):
    """Compare a numeric answer with the expected value, to a relative-or-absolute tolerance."""
    if _unanswered(answer, what):
        return
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if not _is_number(answer):
        _say(FAIL, f"{what} should be a single number, but you gave {type(answer).__name__} {answer!r}.")
        return
    if np.isclose(float(answer), expected, rtol=tol, atol=tol):
        _say(PASS, f"{what}: {answer:.6g} is right.")
    else:
        _say(FAIL, f"{what}: {answer!r} is not it yet. {hint}".rstrip())


def check_array(answer, expected, *, what, tol=1e-6, hint=""):
    """Compare an array answer with the expected array: type, then shape, then values."""
    if _unanswered(answer, what):
        return
    expected = np.asarray(expected, dtype=float)
    try:
        given = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        _say(FAIL, f"{what} should be numbers (a list or numpy array), but you gave {type(answer).__name__}.")
        return
    if given.shape != expected.shape:
        _say(FAIL, f"{what} should have shape {expected.shape}, but yours has shape {given.shape}.")
        return
    if np.allclose(given, expected, rtol=tol, atol=tol):
        _say(PASS, f"{what}: right.")
    else:
        worst = int(np.argmax(np.abs(given - expected).ravel()))
        _say(FAIL, f"{what}: not yet; entry {worst} is off by the most. {hint}".rstrip())


def check_choice(answer, correct, *, what, explanations):
    """Check a multiple-choice answer (a letter) and explain the chosen option either way."""
    if _unanswered(answer, what):
        return
    options = sorted(explanations)
    key = answer.strip().lower() if isinstance(answer, str) else answer
    if key not in explanations:
        _say(FAIL, f"{what}: answer with one of {', '.join(repr(o) for o in options)}; you gave {answer!r}.")
        return
    mark = PASS if key == correct else FAIL
    _say(mark, f"{what}: {explanations[key]}")


def check_function(func, cases, *, what, tol=1e-6):
    """Call a learner's function on (args, expected) cases and report the first one that disagrees."""
    if _unanswered(func, what):
        return
    if not callable(func):
        _say(FAIL, f"{what} should be a function (def ...), but you gave {type(func).__name__}.")
        return
    for args, expected in cases:
        shown = ", ".join(repr(a) for a in args)
        try:
            got = func(*args)
        except Exception as error:  # the learner's code: report, never crash the notebook
            _say(FAIL, f"{what}({shown}) raised {type(error).__name__}: {error}")
            return
        try:
            same = np.allclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), rtol=tol, atol=tol)
        except (TypeError, ValueError):
            same = False
        if not same:
            _say(FAIL, f"{what}({shown}) returned {got!r}; expected {expected!r}.")
            return
    _say(PASS, f"{what}: all {len(cases)} test cases pass.")


# ---- 01-03: least squares, gradient descent, linear regression ----
# (end of section 01-03)


# ---- 04-05: the perceptron, backpropagation ----
# (end of section 04-05)


# ---- 06: a convolutional network on MNIST ----
# (end of section 06)
