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

def _after_conv_and_pool(height, width, filters, pool=2):
    """Return the shape after a 'same' convolution with `filters` filters and a max_pool_2d(pool)."""
    return (-(-height // pool), -(-width // pool), filters)


def check_feature_map_shape(answer):
    """Exercise 06.1: the shape of one image's feature maps after the first conv_2d and max_pool_2d."""
    expected = _after_conv_and_pool(28, 28, 32)
    check_array(answer, expected, what="shape after conv_2d(32, 3) and max_pool_2d(2)",
                hint="'same' padding keeps 28 x 28; pooling 2 x 2 halves each side; each filter gives one map.")


def check_dense_parameters(answer):
    """Exercise 06.2: weights plus biases of fully_connected(network, 128) after the second pooling."""
    h, w, c = _after_conv_and_pool(*_after_conv_and_pool(28, 28, 32)[:2], 64)
    check_number(answer, h * w * c * 128 + 128, what="parameters of fully_connected(network, 128)",
                 hint="Flatten the 7 x 7 x 64 maps: every one of those numbers meets each of the 128 units "
                      "through its own weight; then each unit has a bias.")


def check_cross_entropy(func):
    """Exercise 06.3: cross_entropy(probabilities, label) = -log(probability given to the true label)."""
    cases = [(([0.1, 0.7, 0.2], 1), float(-np.log(0.7))), (([0.25, 0.25, 0.25, 0.25], 3), float(np.log(4))),
             (([0.001, 0.999], 0), float(-np.log(0.001)))]
    check_function(func, cases, what="cross_entropy", tol=1e-6)


def check_accuracy_function(func):
    """Exercise 06.4: accuracy(probabilities, labels) = share of rows whose largest probability is the label."""
    probabilities = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
    cases = [((probabilities, [1, 0, 0, 0]), 0.75), ((probabilities, [1, 0, 1, 0]), 1.0),
             (([[0.2, 0.5, 0.3]], [2]), 0.0)]
    check_function(func, cases, what="accuracy", tol=1e-9)


# (end of section 06)
