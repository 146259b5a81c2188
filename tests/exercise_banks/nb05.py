"""Notebook 05's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks, neural


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def slope(out):
    return out * (1 - out)


def forward_two(weights, inputs):
    syn_0, syn_1, syn_2 = weights
    layer_1 = sigmoid(inputs.dot(syn_0))
    layer_2 = sigmoid(layer_1.dot(syn_1))
    return layer_1, layer_2, sigmoid(layer_2.dot(syn_2))


def backward_two(weights, inputs, targets, slip=None):
    """The exercise's solution, written here independently of the helpers, with one optional slip."""
    syn_0, syn_1, syn_2 = weights
    layer_1, layer_2, layer_3 = forward_two(weights, inputs)
    at = (lambda a: slope(sigmoid(a))) if slip == "wrong point" else slope
    layer_3_delta = (layer_3 - targets) * at(layer_3)
    if slip == "sign":
        layer_3_delta = -layer_3_delta
    if slip == "mean":
        layer_3_delta = layer_3_delta / len(inputs)
    layer_2_delta = layer_3_delta.dot(syn_2.T) * at(layer_2)
    layer_1_delta = layer_2_delta.dot(syn_1 if slip == "no transpose" else syn_1.T) * at(layer_1)
    grads = (inputs.T.dot(layer_1_delta), layer_1.T.dot(layer_2_delta), layer_2.T.dot(layer_3_delta))
    if slip == "order":
        return grads[::-1]
    if slip == "no return":
        return None
    if slip == "sizes typed in":
        assert syn_1.shape == (4, 4)
    return grads


def backward_two_with_at(weights, inputs, targets):
    """Right, written with @ and returning a list."""
    syn_0, syn_1, syn_2 = weights
    a1, a2, a3 = forward_two(weights, inputs)
    d3 = (a3 - targets) * a3 * (1 - a3)
    d2 = d3 @ syn_2.T * a2 * (1 - a2)
    d1 = d2 @ syn_1.T * a1 * (1 - a1)
    return [inputs.T @ d1, a1.T @ d2, a2.T @ d3]


def backward_two_with_a_loop(weights, inputs, targets):
    """Right, one layer at a time in a loop, as neural's one backward pass does."""
    layers = [inputs, *forward_two(weights, inputs)]
    delta = (layers[-1] - targets) * slope(layers[-1])
    grads = []
    for k in (2, 1, 0):
        grads.insert(0, layers[k].T @ delta)
        delta = delta @ weights[k].T * slope(layers[k])
    return tuple(grads)


def finite_difference_answers():
    """The exercise's setting (the random start, XOR, eps = 1e-4) and the slope the learner computes there."""
    start = neural.init_network(seed=1)
    inputs, targets = neural.gate_data("XOR")
    targets = targets.reshape(-1, 1)
    eps = 1e-4

    def loss_with(matrix, row, delta):
        weights = [w.copy() for w in start]
        weights[matrix][row, 0 if matrix == 1 else 0] += delta
        return neural.loss(weights, inputs, targets)

    central = (loss_with(1, 0, eps) - loss_with(1, 0, -eps)) / (2 * eps)
    one_sided = (loss_with(1, 0, eps) - loss_with(1, 0, 0)) / eps
    not_copied = (loss_with(1, 0, eps) - loss_with(1, 0, 0)) / (2 * eps)
    row_1 = (loss_with(1, 1, eps) - loss_with(1, 1, -eps)) / (2 * eps)
    syn_0 = (loss_with(0, 0, eps) - loss_with(0, 0, -eps)) / (2 * eps)
    mean_loss = central / 2  # np.mean((output - target)**2) is ½ Σ (...)² times 2/4

    def call(answer):
        checks.check_finite_difference(answer, start, inputs, targets, row=0, column=0)

    backprop = float(neural.gradients(start, inputs, targets)[1][0, 0])
    right = [central, np.float64(central), np.array([central]), backprop]
    wrong = [(central * 2, "2·eps"), (-central, "sign is wrong"), (mean_loss, "np.mean"),
             (not_copied, "copy the weights"), (one_sided, "one-sided"), (syn_0, "syn_0[0, 0]"),
             (row_1, "off by one row"), ("0.0045", "single number")]
    return call, right, wrong


FD_CALL, FD_RIGHT, FD_WRONG = finite_difference_answers()

EXERCISES = [
    Exercise(
        "check_tanh_slope", checks.check_tanh_slope,
        right=[lambda output: 1 - output**2, lambda output: 1 - output * output, lambda output: 1 - np.square(output),
               lambda output: (1 - output) * (1 + output), lambda output: np.subtract(1.0, np.power(output, 2))],
        wrong=[(slope, "sigmoid's slope"), (lambda output: 1 - np.tanh(output) ** 2, "wrong point"),
               (lambda output: 1 - output, "squared"), (lambda output: 1 + output**2, "sign"),
               (lambda output: None, "forget `return`"), ("1 - output**2", "should be a function")],
    ),
    Exercise(
        "check_used_twice", checks.check_used_twice,
        right=[8, 8.0, np.float64(8.0), np.array(8.0), np.array([8.0]), [8]],
        wrong=[(5, "= for +="), (6, "third one"), (2, "only the path"), (15, "r itself"), (3, "one input"),
               ("8", "single number"), ((8, 8), "2 numbers")],
    ),
    Exercise(
        "check_gradient_shape", checks.check_gradient_shape,
        right=[(5, 3), [5, 3], np.array([5, 3]), np.zeros((5, 3)).shape, (np.int64(5), np.int64(3))],
        wrong=[((3, 5), "Transposed"), ((4, 3), "one row per example"), ((4, 5), "layer_1's shape"),
               ((5, 4), "own shape"), ("5 x 3", "whole numbers")],
    ),
    Exercise("check_finite_difference", FD_CALL, right=FD_RIGHT, wrong=FD_WRONG),
    Exercise(
        "check_forward_passes", checks.check_forward_passes,
        right=[66, 66.0, np.int64(66), np.array(66), np.float32(66)],
        wrong=[(33, "once nudged up, once nudged down"), (67, "un-nudged"), (84, "no bias units"),
               (90, "multiplied the layer sizes"), (18, "counted units"), (264, "all four examples at once"),
               (66.5, "whole number"), ("66", "single number")],
    ),
    Exercise(
        "check_symmetry", checks.check_symmetry,
        right=["a", "A", " a ", "(a)", "a)"],
        wrong=[("b", "nothing grows"), ("c", "perfectly defined"), ("d", "answer with one of"),
               (1, "answer with one of")],
    ),
    Exercise(
        "check_two_hidden_layers", checks.check_two_hidden_layers,
        right=[backward_two, backward_two_with_at, backward_two_with_a_loop],
        wrong=[(lambda w, x, t: backward_two(w, x, t, "no transpose"), "A missing .T can hide here"),
               (lambda w, x, t: backward_two(w, x, t, "order"), "wrong order"),
               (lambda w, x, t: backward_two(w, x, t, "mean"), "averaging"),
               (lambda w, x, t: backward_two(w, x, t, "wrong point"), "wrong point"),
               (lambda w, x, t: backward_two(w, x, t, "sign"), "wrong sign"),
               (lambda w, x, t: backward_two(w, x, t, "no return"), "forget the return"),
               (lambda w, x, t: backward_two(w, x, t, "sizes typed in"), "does your code assume them"),
               (backward_two(*[neural.init_network(3, (4, 4))], *neural.gate_data("XOR")[:1],
                             neural.gate_data("XOR")[1][:, None]), "should be your function")],
    ),
]
