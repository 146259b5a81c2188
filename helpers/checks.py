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
from helpers import neural  # noqa: E402  (imported here so each section merges on its own)


def check_predict_function(func):
    """Check a learner's predict(weights, x1, x2) against the perceptron's rule on a few weights and inputs."""
    weight_sets = [[0.4, 0.3, -0.5], [1.0, 1.0, -1.5], [-0.2, 0.7, 0.1], [0.5, 0.5, 0.0]]
    cases = [
        ((w, x1, x2), int(neural.step(np.dot(w, [x1, x2, 1]))))
        for w in weight_sets for x1, x2 in neural.INPUTS.astype(int).tolist()
    ]
    check_function(func, cases, what="predict")


def check_one_update(answer, weights, x, truth, learning_rate):
    """Check the weights after one perceptron update done by hand."""
    expected = neural.perceptron_update(weights, x, truth, learning_rate)
    check_array(answer, expected, what="the new weights", tol=1e-9,
                hint="Predict first (step of weights·x), then error = truth − prediction, then add rate·error·x.")


def check_gate_weights(answer, gate):
    """Check that weights [w1, w2, bias] make a perceptron compute the gate on all four rows."""
    what = f"weights for {gate}"
    if _unanswered(answer, what):
        return
    try:
        weights = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        _say(FAIL, f"{what} should be three numbers [w1, w2, bias], but you gave {type(answer).__name__}.")
        return
    if weights.shape != (3,):
        _say(FAIL, f"{what} should be three numbers [w1, w2, bias]; yours has shape {weights.shape}.")
        return
    inputs, targets = neural.gate_data(gate)
    predictions = neural.predict(weights, inputs)
    wrong = [f"{tuple(row[:2].astype(int))} gives {p}, not {int(t)}"
             for row, p, t in zip(inputs, predictions, targets, strict=True) if p != t]
    if wrong:
        _say(FAIL, f"{what}: {'; '.join(wrong)}.")
    else:
        _say(PASS, f"{what}: all four rows right.")


def check_xor_feature(answer):
    """Check which extra input lets a single perceptron separate XOR."""
    check_choice(answer, "b", what="The extra input", explanations={
        "a": "No: x1 + x2 is already a straight-line combination of the inputs, so the line cannot bend.",
        "b": "Yes: with x1·x2 as an extra input, x1 + x2 − 2·x1·x2 − 0.5 ≥ 0 is exactly XOR. "
             "A hidden unit can learn such a feature by itself: that is notebook 05.",
        "c": "No: a constant input is the bias, which the perceptron already has.",
    })


def check_tanh_derivative(func):
    """Check a learner's tanh_output_to_derivative(output) against 1 - output**2."""
    outputs = [-0.9, -0.5, 0.0, 0.3, 0.99]
    cases = [((o,), float(neural.derivative_from_output(o, "tanh"))) for o in outputs]
    check_function(func, cases, what="tanh_output_to_derivative")


def check_gradient_shape(answer, weights):
    """Check the shape given for syn_0's gradient: it must match syn_0 itself."""
    expected = np.shape(weights)
    what = "The shape of the gradient"
    if _unanswered(answer, what):
        return
    if not isinstance(answer, tuple):
        _say(FAIL, f"{what} should be a tuple such as (2, 5), like numpy's .shape; you gave {type(answer).__name__}.")
        return
    if answer == expected:
        _say(PASS, f"{what}: {answer} is right; every weight gets one number saying which way to move it.")
    else:
        _say(FAIL, f"{what}: {answer} is not it. The gradient says how to change each weight of syn_0.")


def check_finite_difference(answer, weights, inputs, targets, row, column):
    """Check a finite-difference estimate of the loss's slope along syn_1[row, column]."""
    expected = neural.gradients(weights, inputs, targets)[1][row, column]
    check_number(answer, expected, what=f"the slope along syn_1[{row}, {column}]", tol=1e-6,
                 hint="Nudge that one weight up and down by eps, and divide the change in loss by 2·eps.")


def check_symmetry(answer):
    """Check why the hidden weights must not all start equal."""
    check_choice(answer, "a", what="Starting all equal", explanations={
        "a": "Yes: equal start, equal gradients, so every hidden unit stays a copy of the others: "
             "four units that act like one, and one line cannot do XOR.",
        "b": "No: nothing grows; with zeros the gradients of the hidden weights are equal, not large.",
        "c": "No: sigmoid(0) is 0.5, perfectly defined.",
    })


# (end of section 04-05)


# ---- 06: a convolutional network on MNIST ----
# (end of section 06)
