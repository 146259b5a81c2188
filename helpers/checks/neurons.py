"""Exercises on perceptrons and small networks (notebooks 04 and 05): predictions, updates, gates, gradients."""

import numpy as np

from helpers import neural, validate
from helpers.checks.feedback import FAIL, PASS, check_array, check_choice, check_function, check_number, say, unanswered


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
    if unanswered(answer, what):
        return
    try:
        weights = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        say(FAIL, f"{what} should be three numbers [w1, w2, bias], but you gave {type(answer).__name__}.")
        return
    if weights.shape != (3,):
        say(FAIL, f"{what} should be three numbers [w1, w2, bias]; yours has shape {weights.shape}.")
        return
    inputs, targets = neural.gate_data(gate)
    predictions = neural.predict(weights, inputs)
    wrong = [f"{tuple(row[:2].astype(int))} gives {p}, not {int(t)}"
             for row, p, t in zip(inputs, predictions, targets, strict=True) if p != t]
    if wrong:
        say(FAIL, f"{what}: {'; '.join(wrong)}.")
    else:
        say(PASS, f"{what}: all four rows right.")


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
    expected = validate.array(weights, "weights", shape=(None, None)).shape
    what = "The shape of the gradient"
    if unanswered(answer, what):
        return
    if not isinstance(answer, tuple):
        say(FAIL, f"{what} should be a tuple such as (2, 5), like numpy's .shape; you gave {type(answer).__name__}.")
        return
    if answer == expected:
        say(PASS, f"{what}: {answer} is right; every weight gets one number saying which way to move it.")
    else:
        say(FAIL, f"{what}: {answer} is not it. The gradient says how to change each weight of syn_0.")


def check_finite_difference(answer, weights, inputs, targets, row, column):
    """Check a finite-difference estimate of the loss's slope along syn_1[row, column]."""
    slopes = neural.gradients(weights, inputs, targets)[1]  # checks weights, inputs and targets
    row = validate.number(row, "row", integer=True, minimum=0, maximum=slopes.shape[0] - 1)
    column = validate.number(column, "column", integer=True, minimum=0, maximum=slopes.shape[1] - 1)
    expected = slopes[row, column]
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
