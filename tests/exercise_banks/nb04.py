"""Notebook 04's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks, neural


def predict(weights, x1, x2):
    total = weights[0] * x1 + weights[1] * x2 + weights[2]
    return 0 if total < 0 else 1


def predict_none(weights, x1, x2):
    _answer = int(weights[0] * x1 + weights[1] * x2 + weights[2] >= 0)  # computed, never returned


def corrections(gate, rate):
    """Run the rows in order from zero weights, as the exercise's loop does, and count the weights' moves."""
    inputs, truths = neural.gate_data(gate)
    w, count, update, last, passes = np.zeros(3), 0, 0, 0, 0
    while neural.mistakes(w, gate):
        passes += 1
        for x, truth in zip(inputs, truths, strict=True):
            update += 1
            error = truth - (1 if w @ x >= 0 else 0)
            if error:
                count, last = count + 1, update
            w = w + rate * error * x
    return count, last, update, passes


COUNT, LAST, UPDATES, PASSES = corrections("AND", 1.0)
START, X = np.array([0.1, 0.2, 0.3]), np.array([1, 0, 1])

EXERCISES = [
    Exercise(
        "check_predict_function", checks.check_predict_function,
        right=[predict, lambda w, x1, x2: int(np.dot(w, [x1, x2, 1]) >= 0),
               lambda w, x1, x2: np.dot(w, [x1, x2, 1]) >= 0,
               lambda w, x1, x2: w[0] * x1 + w[1] * x2 + w[2] >= 0,
               lambda w, x1, x2: np.heaviside(np.dot(w, [x1, x2, 1]), 1),
               lambda w, x1, x2: 1 if w[0] * x1 + w[1] * x2 + w[2] >= 0 else 0],
        wrong=[(lambda w, x1, x2: int(np.dot(w, [x1, x2, 1]) > 0), "use >= 0"),
               (lambda w, x1, x2: int(w[0] * x1 + w[1] * x2 >= 0), "The bias is missing"),
               (lambda w, x1, x2: int(w[0] + w[1] * x1 + w[2] * x2 >= 0), "The bias is the last weight"),
               (lambda w, x1, x2: int(np.dot(w, [x1, x2, 1]) < 0), "wrong way round"),
               (predict_none, "forget `return`"), ("predict", "should be a function")],
    ),
    Exercise(
        "check_one_update",
        lambda answer: checks.check_one_update(answer, weights=[0.1, 0.2, 0.3], x=[1, 0, 1], truth=0,
                                               learning_rate=0.2),
        right=[[0.1 - 0.2, 0.2, 0.3 - 0.2], START + 0.2 * (0 - 1) * X, tuple(START - 0.2 * X), [-0.1, 0.2, 0.1],
               np.array([-0.1, 0.2, 0.1], dtype=np.float32)],
        wrong=[(START, "Nothing moved"), (START + 0.2 * X, "sign is flipped"), (START - X, "learning rate, 0.2"),
               (START - 0.2, "its own input"), ([-0.1, 0.2], "the bias is updated too"),
               ([0.0, 0.2, 0.2], "Predict first"), ("-0.1, 0.2, 0.1", "should be numbers")],
    ),
    Exercise(
        "check_gate_weights", lambda answer: checks.check_gate_weights(answer, "NAND"),
        right=[[-1, -1, 1.5], (-1, -1, 1.5), np.array([-2.0, -2.0, 3.0]), [-0.5, -0.5, 0.7]],
        wrong=[([1, 1, -1.5], "flip every sign"), ([1, 1, -0.5], "compute OR"), ([-1, -1, 0.5], "(0, 1) gives 0"),
               ([-1, -1, 1.5, 0], "three numbers"), ("NAND", "three numbers")],
    ),
    Exercise(
        "check_xor_feature", checks.check_xor_feature,
        right=["b", "B", "b)"],
        wrong=[("a", "straight-line combination"), ("c", "the bias"), ("d", "answer with one of")],
    ),
    Exercise(
        "check_corrections", lambda answer: checks.check_corrections(answer, "AND", learning_rate=1.0),
        right=[COUNT, float(COUNT), np.int64(COUNT), np.array(COUNT), [COUNT]],
        wrong=[(LAST, "the update that made the last correction"), (UPDATES, "the right answers too"),
               (UPDATES + 4, "the clean pass too"), (PASSES, "passes with a correction"),
               (PASSES + 1, "the number of passes"), (COUNT - 1, "the last correction counts"),
               (COUNT + 1, "the last, clean pass"), (COUNT + 0.5, "whole number"), ("eleven", "single number")],
    ),
]
