"""What every exercise check shares: the marks, the reminder for an unanswered `...`, one rule for comparing an
answer with the expected one, and checks of a number, a count, an array, a shape, a multiple-choice letter and a
learner's function. Each prints one line and never raises.

The rule (the same answer gets the same verdict in every notebook): an answer is read as numbers whatever its
container (a Python number, a numpy scalar, a list, a tuple or a numpy array; a single-valued list or array is a
number), and it is right when it has the expected shape and every value is within `tol` of the expected one,
relatively or absolutely (numpy's `allclose`). A learner's function is called with numpy arrays where the check has
a list of numbers (what the notebooks give such functions), on fresh copies, and its result is read by the same
rule, except that True and False from a function count as 1 and 0 (as they do in Python's and numpy's arithmetic:
`return total >= 0` is an idiomatic perceptron). A check may list *slips*: wrong answers a learner is likely to
give, each with the sentence that names the slip; a wrong answer equal to a slip (by the same rule) gets that
sentence instead of the general hint.
"""

import copy

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


def as_numbers(answer):
    """Return an answer as a float array (from a number, numpy scalar, list, tuple or array), or None if it is not
    made of numbers (text, None, a function, ragged lists, True/False)."""
    if answer is None or isinstance(answer, (str, bytes, dict, set, bool, np.bool_)) or callable(answer):
        return None
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    if isinstance(answer, np.ndarray) and answer.dtype == bool:
        return None
    return array


def same_value(given, expected, tol=1e-6):
    """Return True when two answers hold the same numbers in the same shape, to within tol (the one rule)."""
    given, expected = as_numbers(given), as_numbers(expected)
    if given is None or expected is None:
        return False
    if given.size == 1 and expected.size == 1:  # a single-valued list or array is that number
        given, expected = given.ravel(), expected.ravel()
    if given.shape != expected.shape:
        return False
    return bool(np.allclose(given, expected, rtol=tol, atol=tol, equal_nan=False))


def shown(value, width=80):
    """Return repr(value) on one line, cut to width characters (an array's repr spans several lines)."""
    text = " ".join(repr(value).split())
    return text if len(text) <= width else text[:width - 3] + "..."


def matching_slip(answer, slips, tol=1e-6):
    """Return the message of the first (value, message) slip the answer equals by the one rule, else None."""
    for value, message in slips:
        if same_value(answer, value, tol):
            return message
    return None


def _fail(what, given, hint, slip):
    """Print the verdict on a wrong answer: the slip it matches, else the general hint."""
    say(FAIL, f"{what}: {given} is not it yet. {slip or hint}".rstrip())


def number_answer(answer, what):
    """Return the answer as a float, or None after saying why it is not one yet (unanswered or wrong type)."""
    if unanswered(answer, what):
        return None
    array = as_numbers(answer)
    if array is None or array.size != 1:
        kind = type(answer).__name__ + (f" of {array.size} numbers" if array is not None else "")
        say(FAIL, f"{what} should be a single number, but you gave {kind}: {shown(answer)}.")
        return None
    return float(array.ravel()[0])


def check_number(answer, expected, *, what, tol=1e-6, hint="", slips=()):
    """Compare a numeric answer with the expected value by the one rule; name the slip a wrong answer matches."""
    value = number_answer(answer, what)
    if value is None:
        return
    if same_value(value, expected, tol):
        say(PASS, f"{what}: {value:.6g} is right.")
    else:
        _fail(what, f"{value:.6g}", hint, matching_slip(value, slips, tol))


def count_answer(answer, what):
    """Return the answer as a whole number, or None after saying why it is not one (unanswered, text, 66.5, ...)."""
    value = number_answer(answer, what)
    if value is None:
        return None
    if not np.isfinite(value) or not value.is_integer():
        say(FAIL, f"{what} should be a whole number, but you gave {value:g}.")
        return None
    return int(value)


def check_count(answer, expected, *, what, hint="", slips=()):
    """Compare a whole-number answer (an int, a numpy integer, 66.0, ...) with the expected count, exactly."""
    value = count_answer(answer, what)
    if value is None:
        return
    if value == int(expected):
        say(PASS, f"{what}: {value:,} is right.")
    else:
        _fail(what, f"{value:,}", hint, matching_slip(value, slips, 0))


def check_array(answer, expected, *, what, tol=1e-6, hint="", slips=()):
    """Compare an array answer (a list, tuple or numpy array) with the expected array: type, then shape, then values."""
    if unanswered(answer, what):
        return
    given, expected = as_numbers(answer), np.asarray(expected, dtype=float)
    if given is None:
        say(FAIL, f"{what} should be numbers (a list or numpy array), but you gave {type(answer).__name__}.")
        return
    slip = matching_slip(given, slips, tol)
    if given.shape != expected.shape:
        say(FAIL, f"{what} should have shape {expected.shape}, but yours has shape {given.shape}. {slip or ''}"
                  .rstrip())
        return
    if same_value(given, expected, tol):
        say(PASS, f"{what}: right.")
    else:
        worst = int(np.argmax(np.abs(given - expected).ravel()))
        say(FAIL, f"{what}: not yet; entry {worst} is off by the most. {slip or hint}".rstrip())


def check_shape(answer, expected, *, what, hint="", slips=()):
    """Compare a shape (a tuple, list or array of whole numbers, like numpy's .shape) with the expected shape."""
    if unanswered(answer, what):
        return
    given = as_numbers(answer)
    if given is None or given.ndim != 1 or not all(float(n).is_integer() and n >= 0 for n in given):
        say(FAIL, f"{what} should be whole numbers such as (2, 5), like numpy's .shape; you gave {shown(answer)}.")
        return
    shape, expected = tuple(int(n) for n in given), tuple(int(n) for n in expected)
    if shape == expected:
        say(PASS, f"{what}: {shape} is right.")
    else:
        _fail(what, str(shape), hint, matching_slip(shape, slips, 0))


def check_choice(answer, correct, *, what, explanations):
    """Check a multiple-choice answer (a letter, any case, with or without brackets) and explain the option chosen."""
    if unanswered(answer, what):
        return
    options = sorted(explanations)
    key = answer.strip().strip("().").strip().lower() if isinstance(answer, str) else answer
    if key not in explanations:
        say(FAIL, f"{what}: answer with one of {', '.join(repr(o) for o in options)}; you gave {shown(answer)}.")
        return
    mark = PASS if key == correct else FAIL
    say(mark, f"{what}: {explanations[key]}")


def _as_given(argument):
    """Return an argument as a learner's function gets it: a list or tuple of numbers as a numpy array."""
    if isinstance(argument, (list, tuple)) and as_numbers(argument) is not None:
        return np.array(argument)
    return copy.deepcopy(argument)


def _call(func, args):
    """Return (result, None) from the learner's function, True/False read as 1/0, or (None, the exception)."""
    try:
        result = func(*args)
    except Exception as error:  # the learner's code: report, never crash the notebook
        return None, error
    if isinstance(result, (bool, np.bool_)) or (isinstance(result, np.ndarray) and result.dtype == bool):
        result = np.asarray(result, dtype=int)
    return result, None


def check_function(func, cases, *, what, tol=1e-6, slips=()):
    """Call a learner's function on (args, expected) cases and report the first one that disagrees.

    Lists of numbers among the args arrive as numpy arrays; slips is a list of (function, message): a wrong
    function that agrees with one of them on every case gets its message.
    """
    if unanswered(func, what):
        return
    if not callable(func):
        say(FAIL, f"{what} should be a function (def ...), but you gave {type(func).__name__}.")
        return
    for args, expected in cases:
        arguments = ", ".join(shown(a) for a in args)
        got, error = _call(func, [_as_given(a) for a in args])
        if error is not None:
            plain, _ = _call(func, copy.deepcopy(list(args)))
            if same_value(plain, expected, tol):
                say(FAIL, f"{what}({arguments}) works on plain lists but raised {type(error).__name__}: {error} on "
                          "numpy arrays, which is what the notebook gives it: use numpy's operations (np.argmax, "
                          "np.mean, ...) rather than a list's.")
            else:
                say(FAIL, f"{what}({arguments}) raised {type(error).__name__}: {error}")
            return
        if got is None:
            say(FAIL, f"{what}({arguments}) returned None; expected {expected!r}. Did you forget `return`?")
            return
        if not same_value(got, expected, tol):
            slip = next((message for wrong, message in slips
                         if all(same_value(_call(func, [_as_given(a) for a in case])[0], wrong(*case), tol)
                                for case, _ in cases)), None)
            say(FAIL, f"{what}({arguments}) returned {shown(got)}; expected {shown(expected)}. {slip or ''}".rstrip())
            return
    say(PASS, f"{what}: all {len(cases)} test cases pass.")
