"""Notebook 05's harder exercise: a gradient check on the learner's backward pass for two hidden layers.

The learner writes backward(weights, inputs, targets) for a sigmoid network inputs -> syn_0 -> layer_1 -> syn_1
-> layer_2 -> syn_2 -> layer_3, and returns the gradients of the loss ½ Σ (layer_3 − targets)² with respect to
syn_0, syn_1 and syn_2. The check compares each one with central finite differences of that loss
(neural.numerical_gradients, computed here, never typed in), says which weight matrix is wrong when one is, and
never raises.
"""

import numpy as np

from helpers import neural
from helpers.checks.feedback import FAIL, PASS, TODO, say

WHAT = "backward pass with two hidden layers"
NAMES = ("syn_0", "syn_1", "syn_2")
ROLES = {"syn_0": "inputs → hidden layer 1", "syn_1": "hidden layer 1 → hidden layer 2",
         "syn_2": "hidden layer 2 → output"}
# (layer sizes, seed): the notebook's 3-4-4-1 network first, then one whose sizes all differ, so that a missing
# transpose cannot hide behind a square matrix and sizes typed into the code show up.
CASES = (((3, 4, 4, 1), 1), ((3, 5, 3, 1), 7))
TOLERANCE = 1e-6  # relative error; a right backward pass gives about 1e-10 here, a wrong one 1e-2 or more


def _listed(names):
    """Return names joined for a sentence: 'syn_0', 'syn_0 and syn_1', 'syn_0, syn_1 and syn_2'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _three_arrays(result, weights):
    """Return the learner's result as three float arrays shaped like the weights, or a message saying what is wrong."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        kind = type(result).__name__ if not isinstance(result, (tuple, list)) else f"{len(result)} things"
        return None, (f"should return three arrays (the gradients for syn_0, syn_1 and syn_2, in that order), "
                      f"but it returned {kind}." + (" Did you forget the return line?" if result is None else ""))
    arrays = []
    for name, given, matrix in zip(NAMES, result, weights, strict=True):
        try:
            array = np.asarray(given, dtype=float)
        except (TypeError, ValueError):
            return None, f"its gradient for {name} should be numbers (a numpy array), but it is {type(given).__name__}."
        if array.shape != matrix.shape:
            hint = ""
            if array.shape == matrix.shape[::-1]:
                hint = (" It is the transpose of what is needed: a weight matrix's gradient is its layer's input, "
                        "transposed, times the delta of the layer it feeds (input.T.dot(delta)).")
            return None, (f"its gradient for {name} should have the shape of {name}, {matrix.shape}, but it has "
                          f"shape {array.shape}.{hint}")
        if not np.all(np.isfinite(array)):
            return None, f"its gradient for {name} contains NaN or infinite values."
        arrays.append(array)
    return arrays, None


HINTS = {  # where to look when a matrix's gradient is wrong (names as in the notebook's forward pass)
    "syn_2": "syn_2's gradient is layer_2.T.dot(layer_3_delta), where layer_3_delta = (layer_3 − targets) * "
             "sigmoid_output_to_derivative(layer_3).",
    "syn_1": "syn_1's gradient is layer_1.T.dot(layer_2_delta); check layer_2_delta = layer_3_delta.dot(syn_2.T) * "
             "sigmoid_output_to_derivative(layer_2).",
    "syn_0": "syn_0's gradient is inputs.T.dot(layer_1_delta); check layer_1_delta = layer_2_delta.dot(syn_1.T) * "
             "sigmoid_output_to_derivative(layer_1). A missing .T can hide here, because syn_1 is square.",
}


def _verdict(errors, grads, numeric, sizes):
    """Return the feedback for the matrices whose gradient disagrees with finite differences (None when all agree)."""
    wrong = [name for name, error in zip(NAMES, errors, strict=True) if error > TOLERANCE]
    if not wrong:
        return None
    right = [name for name in NAMES if name not in wrong]
    network = "-".join(str(s) for s in sizes)
    several = len(wrong) > 1
    parts = [f"for the {network} network, the gradient{'s' if several else ''} for {_listed(wrong)} "
             f"{'disagree' if several else 'disagrees'} with finite differences ("
             + "; ".join(f"{name}, {ROLES[name]}: relative error {errors[NAMES.index(name)]:.1e}" for name in wrong)
             + ")" + (f"; {_listed(right)} {'is' if len(right) == 1 else 'are'} right." if right else ".")]
    nearest = max(wrong, key=NAMES.index)
    k = NAMES.index(nearest)
    if np.allclose(grads[k], -numeric[k], rtol=1e-4, atol=1e-9):
        parts.append(f"Your {nearest} gradient has the wrong sign: the loss is ½ Σ (layer_3 − targets)², so the "
                     "error is layer_3 − targets.")
    elif several:
        parts.append(f"Start with {nearest}, the wrong one nearest the output: a mistake in a layer's delta spoils "
                     f"the gradient of every matrix below it too. {HINTS[nearest]}")
    else:
        parts.append(HINTS[nearest])
    return " ".join(parts)


def check_two_hidden_layers(answer):
    """Run a gradient check on the learner's backward(weights, inputs, targets); say which matrix is wrong, if any."""
    if answer is Ellipsis:
        say(TODO, f"{WHAT}: replace the ... with your function's name, then run the cell again.")
        return
    if not callable(answer):
        say(FAIL, f"{WHAT}: answer should be your function (its name, no brackets), but it is "
                   f"{type(answer).__name__} {answer!r:.60}.")
        return
    inputs, targets = neural.gate_data("XOR")
    targets = targets.reshape(-1, 1)
    for sizes, seed in CASES:
        weights = neural.init_network(sizes[0], sizes[1:-1], seed)
        network = "-".join(str(s) for s in sizes)
        try:
            result = answer(tuple(w.copy() for w in weights), inputs.copy(), targets.copy())
        except Exception as error:  # the learner's code: report it, never raise
            say(FAIL, f"{WHAT}: on the {network} network your function stopped with "
                       f"{type(error).__name__}: {error}" + ("" if (sizes, seed) == CASES[0] else
                       " (the check also tries a network with other layer sizes: does your code assume them?)"))
            return
        grads, problem = _three_arrays(result, weights)
        if problem:
            say(FAIL, f"{WHAT}: on the {network} network, your function {problem}")
            return
        numeric = neural.numerical_gradients(weights, inputs, targets)
        errors = [neural.relative_error([g], [n]) for g, n in zip(grads, numeric, strict=True)]
        feedback = _verdict(errors, grads, numeric, sizes)
        if feedback:
            if (sizes, seed) != CASES[0]:
                feedback += (f" (It works for the {'-'.join(str(s) for s in CASES[0][0])} network: does your code "
                             "assume the layers' sizes somewhere?)")
            say(FAIL, f"{WHAT}: {feedback}")
            return
    shapes = " and ".join("-".join(str(s) for s in sizes) for sizes, _ in CASES)
    say(PASS, f"{WHAT}: all three gradients agree with finite differences on the {shapes} networks "
               f"(every relative error below {TOLERANCE:.0e}).")
