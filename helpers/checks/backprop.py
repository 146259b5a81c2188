"""Notebook 05's exercises: a tanh slope, a node used twice, a gradient's shape, a finite difference, the cost of
finite differences, equal starts, and (the hard one) a gradient check on the learner's backward pass for two hidden
layers.

For the hard one the learner writes backward(weights, inputs, targets) for a sigmoid network inputs -> syn_0 ->
layer_1 -> syn_1 -> layer_2 -> syn_2 -> layer_3, and returns the gradients of the loss ½ Σ (layer_3 − targets)²
with respect to syn_0, syn_1 and syn_2. The check compares each one with central finite differences of that loss
(neural.numerical_gradients, computed here, never typed in), says which weight matrix is wrong when one is, and
names the usual slips (gradients in the wrong order, averaged instead of summed, a slope taken at the wrong
point). Every check here computes its expected answer and lists the slips a learner most likely made, each with
the sentence that names it (helpers.checks.feedback's rule). None raises on a wrong answer.
"""

import numpy as np

from helpers import neural, validate
from helpers.checks.feedback import (
    FAIL,
    PASS,
    TODO,
    check_choice,
    check_count,
    check_function,
    check_number,
    check_shape,
    say,
    shown,
)

# The network of exercises 3, 5 and 7: three inputs (x1, x2 and the bias), hidden layers of 5 and 3, one output.
EXERCISE_NETWORK = (3, 5, 3, 1)


def _sigmoid(x):
    """The logistic function, for the slips the checks name."""
    return 1 / (1 + np.exp(-x))


def check_tanh_slope(func):
    """Exercise 05.1: tanh_output_to_derivative(output), tanh's slope written in terms of its output (1 − output²)."""
    outputs = [-0.9, -0.5, 0.0, 0.3, 0.99]
    cases = [((o,), float(neural.derivative_from_output(o, "tanh"))) for o in outputs]
    check_function(func, cases, what="tanh_output_to_derivative", slips=[
        (lambda o: o * (1 - o), "That is the sigmoid's slope, output·(1 − output): tanh's is another function. "
                                "Differentiate (e^z − e^−z)/(e^z + e^−z) with the quotient rule and write the result "
                                "with tanh(z) itself."),
        (lambda o: 1 - np.tanh(o) ** 2, "That is the slope taken at the wrong point: `output` is already tanh(z), so "
                                        "1 − tanh(output)² is the slope at z = output. Write it with the output "
                                        "alone, as the article's sigmoid_output_to_derivative does."),
        (lambda o: 1 - o, "Close: the output appears squared (tanh'(z) = 1 − tanh(z)²)."),
        (lambda o: 1 + o**2, "Check the sign: tanh is steepest at 0 (slope 1) and flattens towards ±1."),
        (lambda o: -(o**2), "Almost: the derivative of e^z ± e^−z gives back the other one, and the quotient rule "
                            "leaves a 1 in front: 1 − tanh(z)²."),
    ])


def check_used_twice(answer, w=3.0):
    """Exercise 05.2: w.grad after backward(r) for r = add(mul(w, w), mul(Value(2.0), w)), i.e. r = w² + 2w."""
    w = validate.number(w, "w")
    eps = 1e-4
    expected = (((w + eps) ** 2 + 2 * (w + eps)) - ((w - eps) ** 2 + 2 * (w - eps))) / (2 * eps)  # a finite difference
    check_number(answer, expected, what=f"w.grad at w = {w:g}", tol=1e-6, slips=[
        (w + 2, f"You counted w once in the product. mul(w, w) has w as both of its inputs, so the engine sends "
                f"w.grad a share along each: {w:g} + {w:g}. That is the slip of writing = for += in backward()."),
        (2 * w, "You followed the product's two paths but not the third one: w also reaches r through mul(Value(2.0), "
                "w), which adds 2."),
        (2.0, "You followed only the path through mul(Value(2.0), w); the product w·w sends back w along each of "
              "its two inputs too."),
        (w * w + 2 * w, "That is r itself, w² + 2w. The question is its slope with respect to w."),
        (w, "That is the slope along one input of the product only; w is used three times in all."),
    ], hint="Add up what each use of w sends back: one share for each input of mul(w, w), and one from 2·w.")


def check_gradient_shape(answer):
    """Exercise 05.3: the shape of syn_1's gradient, layer_1.T.dot(layer_2_delta), in the 3-5-3-1 network on XOR."""
    weights = neural.init_network(EXERCISE_NETWORK[0], EXERCISE_NETWORK[1:-1])
    inputs, targets = neural.gate_data("XOR")
    record = neural.backpropagate(weights, inputs, targets.reshape(-1, 1))
    expected = record.gradients[1].shape
    layer_1, delta_2 = record.layers[0].shape, record.deltas[1].shape
    check_shape(answer, expected, what="The shape of syn_1's gradient", slips=[
        (expected[::-1], f"Transposed: layer_1.T is {layer_1[::-1]} and layer_2_delta is {delta_2}, so the product "
                         "is rows of the first by columns of the second. It must fit syn_1 itself, one slope per "
                         "weight."),
        (delta_2, "That is layer_2_delta's shape, one row per example. The .T.dot adds up the four examples' "
                  "contributions, so the gradient has no row per example."),
        (layer_1, "That is layer_1's shape, one row per example and one column per hidden unit of the first layer."),
        (weights[0].shape, "That is syn_0's shape; syn_1 joins the first hidden layer to the second."),
    ], hint="A weight matrix's gradient has the matrix's own shape: one slope for every weight.")


def check_finite_difference(answer, weights, inputs, targets, row, column, eps=1e-4):
    """Exercise 05.4: a finite-difference estimate of the loss's slope along syn_1[row, column]."""
    slopes = neural.gradients(weights, inputs, targets)  # checks weights, inputs and targets
    row = validate.number(row, "row", integer=True, minimum=0, maximum=slopes[1].shape[0] - 1)
    column = validate.number(column, "column", integer=True, minimum=0, maximum=slopes[1].shape[1] - 1)
    eps = validate.number(eps, "eps", positive=True)
    expected = slopes[1][row, column]
    matrices = [np.array(w, dtype=float) for w in weights]
    base = neural.loss(matrices, inputs, targets)
    matrices[1][row, column] += eps
    up = neural.loss(matrices, inputs, targets)
    slips = [
        (2 * expected, "Twice the slope: divide the change in loss by 2·eps (the two nudges are 2·eps apart), and "
                       "use neural.loss, which is half the sum of squares."),
        (-expected, "The sign is wrong: take (loss with + eps) − (loss with − eps), in that order."),
        (expected / 2, "Half the slope. Either the second loss was computed with the weight back at its start, not "
                       "at − eps (copy the weights before each change, so the minus nudge does not start from the "
                       "plus one), or you averaged the squared errors (np.mean) instead of using neural.loss, "
                       "½ Σ (output − target)²."),
        ((up - base) / eps, "A one-sided difference, (loss(w + eps) − loss(w)) / eps, is off by about eps times the "
                            "curvature: nudge both ways and divide by 2·eps."),
        (slopes[0][row, column], f"That is the slope along syn_0[{row}, {column}]: nudge syn_1, the second matrix "
                                 "(start[1])."),
    ]
    for r in range(slopes[1].shape[0]):
        if r != row:
            slips.append((slopes[1][r, column], f"That is the slope along syn_1[{r}, {column}]: off by one row; "
                                                f"nudge syn_1[{row}, {column}]."))
    check_number(answer, expected, what=f"the slope along syn_1[{row}, {column}]", tol=1e-6, slips=slips,
                 hint="Nudge that one weight up and down by eps, and divide the change in loss by 2·eps.")


def check_forward_passes(answer):
    """Exercise 05.5: forward passes that central finite differences need for one gradient of the 3-5-3-1 network."""
    matrices = neural.init_network(EXERCISE_NETWORK[0], EXERCISE_NETWORK[1:-1])
    weights = sum(m.size for m in matrices)
    sizes = EXERCISE_NETWORK
    with_biases = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))  # a bias unit added to each
    check_count(answer, 2 * weights, what="Forward passes for one gradient by finite differences", slips=[
        (weights, "That is one per weight. A central difference runs the network twice for each weight: once "
                  "nudged up, once nudged down."),
        (2 * weights + 1, "The central difference needs only the two nudged passes per weight; the un-nudged loss "
                          "is not used."),
        (2 * with_biases, "The bias is already one of the three inputs (the column of ones); the hidden layers here "
                          "have no bias units. Count the weights of each matrix: rows × columns."),
        (2 * int(np.prod(sizes)), "You multiplied the layer sizes together: count each matrix's weights "
                                  "(rows × columns) and add them up."),
        (2 * sum(sizes[1:]), "You counted units, not weights: every arrow between two layers is a weight."),
        (8 * weights, "A forward pass runs all four examples at once (one matrix product per layer), so do not "
                      "multiply by four."),
    ], hint="Count the weights (3 × 5 + 5 × 3 + 3 × 1), then the passes each one needs.")


def check_symmetry(answer):
    """Exercise 05.6: why the hidden weights must not all start equal."""
    check_choice(answer, "a", what="Starting all equal", explanations={
        "a": "Yes: equal start, equal gradients, so every hidden unit stays a copy of the others: "
             "four units that act like one, and one line cannot do XOR.",
        "b": "No: nothing grows; with zeros the gradients of the hidden weights are equal, not large.",
        "c": "No: sigmoid(0) is 0.5, perfectly defined.",
    })


WHAT = "backward pass with two hidden layers"
NAMES = ("syn_0", "syn_1", "syn_2")
ROLES = {"syn_0": "inputs → hidden layer 1", "syn_1": "hidden layer 1 → hidden layer 2",
         "syn_2": "hidden layer 2 → output"}
# (layer sizes, seed): the notebook's 3-4-4-1 network first, then one whose sizes all differ, so that a missing
# transpose cannot hide behind a square matrix and sizes typed into the code show up.
CASES = (((3, 4, 4, 1), 1), (EXERCISE_NETWORK, 7))
TOLERANCE = 1e-6  # relative error; a right backward pass gives about 1e-10 here, a wrong one 1e-2 or more


def _listed(names):
    """Return names joined for a sentence: 'syn_0', 'syn_0 and syn_1', 'syn_0, syn_1 and syn_2'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shape_of(value):
    """Return the shape numpy gives a value, or None for one it cannot read (ragged lists)."""
    try:
        return np.shape(value)
    except ValueError:
        return None


def _three_arrays(result, weights):
    """Return the learner's result as three float arrays shaped like the weights, or a message saying what is wrong."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        kind = type(result).__name__ if not isinstance(result, (tuple, list)) else f"{len(result)} things"
        return None, (f"should return three arrays (the gradients for syn_0, syn_1 and syn_2, in that order), "
                      f"but it returned {kind}." + (" Did you forget the return line?" if result is None else ""))
    given_shapes = [_shape_of(given) for given in result]
    if given_shapes != [m.shape for m in weights] and given_shapes[::-1] == [m.shape for m in weights]:
        return None, ("returned the gradients in the wrong order (syn_2's first): the backward pass finds them from "
                      "the output down, but return them as the weights are listed, syn_0's first.")
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


def _slipped(grads, numeric, weights, inputs, targets):
    """Return the sentence naming a slip that all three gradients show at once, or None."""
    if all(np.allclose(g, n / len(inputs), rtol=1e-4, atol=1e-12) for g, n in zip(grads, numeric, strict=True)):
        return (f"Every gradient is 1/{len(inputs)} of the right one: that is averaging over the {len(inputs)} "
                "examples instead of summing. The loss is ½ Σ (layer_3 − targets)² over all of them, and "
                "input.T.dot(delta) already adds up their contributions: divide by nothing.")
    # The slope taken at the wrong point: sigmoid_output_to_derivative(sigmoid(layer)) where the layer's output is
    # already the sigmoid's value. The same backward pass, with that slope at every layer:
    layers = neural.forward(weights, inputs)
    again = [_sigmoid(layer) * (1 - _sigmoid(layer)) for layer in layers]
    output = layers[-1]
    error = (output - targets) * again[-1] / (output * (1 - output))  # _backward multiplies by output·(1 − output)
    wrong_point = neural._backward(list(weights), inputs, list(layers), error,
                                   lambda layer: _sigmoid(layer) * (1 - _sigmoid(layer)))[0]
    if all(np.allclose(g, w, rtol=1e-6, atol=1e-12) for g, w in zip(grads, wrong_point, strict=True)):
        return ("The sigmoid's slope is taken at the wrong point: layer_3, layer_2 and layer_1 are already the "
                "sigmoid's outputs, so their slope is sigmoid_output_to_derivative(layer), not "
                "sigmoid_output_to_derivative(sigmoid(layer)).")
    return None


def _verdict(errors, grads, numeric, sizes, slip=None):
    """Return the feedback for the matrices whose gradient disagrees with finite differences (None when all agree)."""
    wrong = [name for name, error in zip(NAMES, errors, strict=True) if error > TOLERANCE]
    if not wrong:
        return None
    if slip:
        network = "-".join(str(s) for s in sizes)
        return f"for the {network} network, {_listed(wrong)} disagree with finite differences. {slip}"
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
                   f"{type(answer).__name__} {shown(answer, 60)}.")
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
        feedback = _verdict(errors, grads, numeric, sizes, _slipped(grads, numeric, weights, inputs, targets))
        if feedback:
            if (sizes, seed) != CASES[0]:
                feedback += (f" (It works for the {'-'.join(str(s) for s in CASES[0][0])} network: does your code "
                             "assume the layers' sizes somewhere?)")
            say(FAIL, f"{WHAT}: {feedback}")
            return
    shapes = " and ".join("-".join(str(s) for s in sizes) for sizes, _ in CASES)
    say(PASS, f"{WHAT}: all three gradients agree with finite differences on the {shapes} networks "
               f"(every relative error below {TOLERANCE:.0e}).")
