"""What every exercise check shares: the marks, the reminder for an unanswered `...`, and checks of a number,
an array, a multiple-choice letter and a learner's function. Each prints one line and never raises."""

import numbers

import numpy as np

PASS, FAIL, TODO = "✅", "❌", "✏️"


def say(mark, message):
    """Print one line of feedback behind its mark."""
    print(f"{mark} {message}")


def unanswered(answer, what):
    """Print a reminder and return True when the learner has not replaced the `...` yet."""
    if answer is Ellipsis:
        say(TODO, f"{what}: replace the ... with your answer, then run the cell again.")
        return True
    return False


def is_number(value):
    """Return True for real numbers (including numpy scalars), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def number_answer(answer, what):
    """Return the answer as a number, or None after saying why it is not one yet (unanswered or wrong type)."""
    if unanswered(answer, what):
        return None
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if not is_number(answer):
        say(FAIL, f"{what} should be a single number, but you gave {type(answer).__name__} {answer!r}.")
        return None
    return answer


def check_number(answer, expected, *, what, tol=1e-6, hint=""):
    """Compare a numeric answer with the expected value, to a relative-or-absolute tolerance."""
    answer = number_answer(answer, what)
    if answer is None:
        return
    if np.isclose(float(answer), expected, rtol=tol, atol=tol):
        say(PASS, f"{what}: {answer:.6g} is right.")
    else:
        say(FAIL, f"{what}: {answer!r} is not it yet. {hint}".rstrip())


def check_array(answer, expected, *, what, tol=1e-6, hint=""):
    """Compare an array answer with the expected array: type, then shape, then values."""
    if unanswered(answer, what):
        return
    expected = np.asarray(expected, dtype=float)
    try:
        given = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        say(FAIL, f"{what} should be numbers (a list or numpy array), but you gave {type(answer).__name__}.")
        return
    if given.shape != expected.shape:
        say(FAIL, f"{what} should have shape {expected.shape}, but yours has shape {given.shape}.")
        return
    if np.allclose(given, expected, rtol=tol, atol=tol):
        say(PASS, f"{what}: right.")
    else:
        worst = int(np.argmax(np.abs(given - expected).ravel()))
        say(FAIL, f"{what}: not yet; entry {worst} is off by the most. {hint}".rstrip())


def check_choice(answer, correct, *, what, explanations):
    """Check a multiple-choice answer (a letter) and explain the chosen option either way."""
    if unanswered(answer, what):
        return
    options = sorted(explanations)
    key = answer.strip().lower() if isinstance(answer, str) else answer
    if key not in explanations:
        say(FAIL, f"{what}: answer with one of {', '.join(repr(o) for o in options)}; you gave {answer!r}.")
        return
    mark = PASS if key == correct else FAIL
    say(mark, f"{what}: {explanations[key]}")


def check_function(func, cases, *, what, tol=1e-6):
    """Call a learner's function on (args, expected) cases and report the first one that disagrees."""
    if unanswered(func, what):
        return
    if not callable(func):
        say(FAIL, f"{what} should be a function (def ...), but you gave {type(func).__name__}.")
        return
    for args, expected in cases:
        shown = ", ".join(repr(a) for a in args)
        try:
            got = func(*args)
        except Exception as error:  # the learner's code: report, never crash the notebook
            say(FAIL, f"{what}({shown}) raised {type(error).__name__}: {error}")
            return
        try:
            same = np.allclose(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), rtol=tol, atol=tol)
        except (TypeError, ValueError):
            same = False
        if not same:
            say(FAIL, f"{what}({shown}) returned {got!r}; expected {expected!r}.")
            return
    say(PASS, f"{what}: all {len(cases)} test cases pass.")
