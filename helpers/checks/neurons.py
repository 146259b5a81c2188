"""Exercises on perceptrons (notebook 04): predictions, updates, gates, the extra input for XOR. Notebook 05's are in
backprop.py."""

import numpy as np

from helpers import neural
from helpers.checks.feedback import (
    FAIL,
    PASS,
    as_numbers,
    check_array,
    check_choice,
    check_count,
    check_function,
    say,
    unanswered,
)


def check_predict_function(func):
    """Check a learner's predict(weights, x1, x2) against the perceptron's rule on a few weights and inputs."""
    weight_sets = [[0.4, 0.3, -0.5], [1.0, 1.0, -1.5], [-0.2, 0.7, 0.1], [0.5, 0.5, 0.0], [1.0, -1.0, 0.0]]
    cases = [
        ((w, x1, x2), int(neural.step(np.dot(w, [x1, x2, 1]))))
        for w in weight_sets for x1, x2 in neural.INPUTS.astype(int).tolist()
    ]
    check_function(func, cases, what="predict", slips=[
        (lambda w, x1, x2: int(w[0] * x1 + w[1] * x2 + w[2] > 0), "A sum of exactly 0 answers 1: use >= 0, not > 0."),
        (lambda w, x1, x2: int(w[0] * x1 + w[1] * x2 >= 0), "The bias is missing: add weights[2] to the sum."),
        (lambda w, x1, x2: int(w[1] * x1 + w[2] * x2 + w[0] >= 0), "The bias is the last weight: weights = [w1, w2, "
                                                                    "bias]."),
        (lambda w, x1, x2: int(w[0] * x1 + w[1] * x2 + w[2] < 0), "The answers are the wrong way round: 1 when the "
                                                                   "sum is at least 0."),
    ])


def check_one_update(answer, weights, x, truth, learning_rate):
    """Check the weights after one perceptron update done by hand."""
    expected = neural.perceptron_update(weights, x, truth, learning_rate)
    weights, x = np.asarray(weights, dtype=float), np.asarray(x, dtype=float)
    guess = int(neural.step(weights @ x))
    error = truth - guess
    check_array(answer, expected, what="the new weights", hint=(
        "Predict first (step of weights·x), then error = truth − prediction, then add rate·error·x."), slips=[
        (weights, f"Nothing moved, but the sum weights·x = {weights @ x:.3g} gives {guess}, not {truth}: a "
                  "mistake, so the weights change."),
        (weights - learning_rate * error * x, "The sign is flipped: error = truth − prediction, and the weights "
                                              "move by + rate·error·x."),
        (weights + error * x, f"Multiply the correction by the learning rate, {learning_rate:g}."),
        (weights + learning_rate * error, "Each weight moves by rate·error times its own input: where the input "
                                          "is 0, the weight stays."),
        (weights + learning_rate * guess * x, "Use the error (truth − prediction), not the prediction."),
        (expected[:2], "Three numbers: the bias is updated too (its input is the constant 1)."),
    ])


def check_gate_weights(answer, gate):
    """Check that weights [w1, w2, bias] make a perceptron compute the gate on all four rows."""
    what = f"weights for {gate}"
    if unanswered(answer, what):
        return
    weights = as_numbers(answer)
    if weights is None:
        say(FAIL, f"{what} should be three numbers [w1, w2, bias], but you gave {type(answer).__name__}.")
        return
    if weights.shape != (3,):
        say(FAIL, f"{what} should be three numbers [w1, w2, bias]; yours has shape {weights.shape}.")
        return
    inputs, targets = neural.gate_data(gate)
    predictions = neural.predict(weights, inputs)
    wrong = [f"({int(row[0])}, {int(row[1])}) gives {p}, not {int(t)}"
             for row, p, t in zip(inputs, predictions, targets, strict=True) if p != t]
    other = next((name for name in neural.GATES if name != gate
                  and np.array_equal(predictions, neural.gate_data(name)[1])), None)
    if other and np.array_equal(predictions, 1 - targets):
        say(FAIL, f"{what}: these weights compute {other}, the exact opposite of {gate}: flip every sign.")
    elif wrong:
        say(FAIL, f"{what}: {'; '.join(wrong)}." + (f" These weights compute {other}." if other else ""))
    else:
        say(PASS, f"{what}: all four rows right.")


def corrections_in_order(gate, learning_rate=1.0):
    """Return the corrections (updates that change the weights) the perceptron makes from zero weights, fed the
    gate's rows in order, pass after pass, until all four are right; also the update that made the last one, and
    the updates and passes until then."""
    inputs, targets = neural.gate_data(gate)
    weights, corrections, updates, passes, last = np.zeros(3), 0, 0, 0, 0
    while passes == 0 or neural.mistakes(weights, gate):
        passes += 1
        for x, truth in zip(inputs, targets, strict=True):
            updates += 1
            new = neural.perceptron_update(weights, x, truth, learning_rate)
            if not np.array_equal(new, weights):
                corrections, last = corrections + 1, updates
            weights = new
    return corrections, last, updates, passes


def check_corrections(answer, gate, learning_rate):
    """04: how many corrections the perceptron makes on the gate's rows in order, from zero weights."""
    corrections, last, updates, passes = corrections_in_order(gate, learning_rate)
    check_count(answer, corrections, what=f"Corrections for {gate}", hint=(
        "Go through the rows in order, and count only the updates where the answer was wrong (the weights moved); "
        "stop after a whole pass with no correction."), slips=[
        (last, "That is the number of the update that made the last correction: count only the updates that "
               "changed the weights."),
        (updates, "That counts every update, the right answers too: count only the corrections."),
        (updates + len(neural.INPUTS), "That counts every update, the right answers and the clean pass too: count "
                                       "only the corrections."),
        (passes, "That is the number of passes with a correction; count the corrections in them."),
        (passes + 1, "That is the number of passes; count the corrections in them."),
        (corrections - 1, "Off by one: the last correction counts too."),
        (corrections + 1, "Off by one: the last, clean pass makes no correction."),
    ])


def check_xor_feature(answer):
    """Check which extra input lets a single perceptron separate XOR."""
    check_choice(answer, "b", what="The extra input", explanations={
        "a": "No: x1 + x2 is already a straight-line combination of the inputs, so the line cannot bend.",
        "b": "Yes: with x1·x2 as an extra input, x1 + x2 − 2·x1·x2 − 0.5 ≥ 0 is exactly XOR. "
             "A hidden unit can learn such a feature by itself: that is notebook 05.",
        "c": "No: a constant input is the bias, which the perceptron already has.",
    })

