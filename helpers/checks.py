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


def _number_answer(answer, what):
    """Return the answer as a number, or None after saying why it is not one yet (unanswered or wrong type)."""
    if _unanswered(answer, what):
        return None
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if not _is_number(answer):
        _say(FAIL, f"{what} should be a single number, but you gave {type(answer).__name__} {answer!r}.")
        return None
    return answer


def check_number(answer, expected, *, what, tol=1e-6, hint=""):
    """Compare a numeric answer with the expected value, to a relative-or-absolute tolerance."""
    answer = _number_answer(answer, what)
    if answer is None:
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
from helpers import optimizers, regression  # noqa: E402  (imported here so each section merges on its own)

ARTICLE_POINTS = [[3, 6], [6, 9], [12, 18]]  # the article's example for compute_error_for_line_given_points
WHEAT_AND_BREAD = [[0.5, 5], [0.6, 5.5], [0.8, 6], [1.1, 6.8], [1.4, 7]]  # the article's regression data


def check_one_squared_error(answer):
    """01: the squared error of the point (6, 9) under the line y = 2x + 1."""
    expected = (9 - (2 * 6 + 1)) ** 2
    check_number(answer, expected, what="The squared error of (6, 9)",
                 hint="The line predicts 2*6 + 1 at x = 6; subtract that from 9, then square it.")


def check_best_intercept(answer):
    """01: the b that makes the error smallest on the article's points when m = 2."""
    points = np.array(ARTICLE_POINTS, dtype=float)
    expected = float(np.mean(points[:, 1] - 2 * points[:, 0]))
    what = "The best b for m = 2"
    answer = _number_answer(answer, what)
    if answer is None:
        return
    yours = regression.mean_squared_error(answer, 2, points)
    if np.isclose(answer, expected, atol=1e-6):
        _say(PASS, f"{what}: {answer:.6g} is right; its error, {yours:.4g}, is the smallest any b can give.")
        return
    smallest = regression.mean_squared_error(expected, 2, points)
    direction = "larger" if expected > answer else "smaller"
    _say(FAIL, f"{what}: with b = {answer:.6g} the error is {yours:.4g}, but it can go down to {smallest:.4g}: "
               f"try a {direction} b. Hint: the best b is the mean of y - 2*x.")


def check_why_squares(answer):
    """01: why Legendre squared the errors instead of taking their absolute values."""
    check_choice(answer, "c", what="Why squares", explanations={
        "a": "Not quite: absolute values also stop positive and negative errors from cancelling.",
        "b": "No: squares make big misses count more, not less. One error of 4 costs as much as sixteen errors of 1.",
        "c": "Yes: the sum of squares is a smooth bowl in m and b, so setting its slopes to zero gives two linear "
             "equations that can be solved by hand. Absolute values have corners and no such formula.",
        "d": "No: it is a choice, not the only sensible one. Boscovich had minimised the sum of absolute errors in "
             "the 1750s (it is less swayed by one bad point, but has no simple formula); Gauss later justified "
             "squares for errors that follow the bell curve.",
    })


def check_mean_squared_error_function(func):
    """01: a learner's numpy mean_squared_error(b, m, points), tested on a few lines and points."""
    cases = []
    for b, m, points in [(1, 2, ARTICLE_POINTS), (0, 0, ARTICLE_POINTS), (-3, 2, ARTICLE_POINTS),
                         (4.1, 2.2, WHEAT_AND_BREAD)]:
        cases.append(((b, m, np.array(points, dtype=float)), regression.mean_squared_error(b, m, points)))
    check_function(func, cases, what="mean_squared_error")


def _article_slope(x):
    """02: the derivative of the article's error x**5 - 2*x**3 - 2."""
    return 5 * x**4 - 6 * x**2


def check_first_step(answer):
    """02: where the article's loop puts x after its first step from 0.5 at learning rate 0.01."""
    expected = 0.5 - 0.01 * _article_slope(0.5)
    check_number(answer, expected, what="x after one step", tol=1e-9,
                 hint="The slope at 0.5 is 5*0.5**4 - 6*0.5**2 (negative), and x moves by -0.01 times it.")


def check_true_minimum(answer):
    """02: the exact x > 0 where the slope 5x**4 - 6x**2 is zero."""
    expected = float(np.sqrt(6 / 5))
    hint = ("Factor the slope: x**2 * (5*x**2 - 6) = 0, so x = 0 or x**2 = 6/5.")
    if _is_number(answer) and np.isclose(answer, 0.0):
        hint = "x = 0 makes the slope zero too, but it is a flat step, not a minimum: look for the other root."
    check_number(answer, expected, what="The true minimum", tol=1e-6, hint=hint)


def check_start_at_minus_half(answer):
    """02: what the article's loop does from x = -0.5 (it creeps towards the flat point at 0, never past it)."""
    check_choice(answer, "b", what="Starting at -0.5", explanations={
        "a": "No: runs away only from left of the hump at -1.0954, where the slope is positive. At -0.5 it is "
             "negative, so x moves right.",
        "b": "Yes: the slope is negative, so x moves right; but near 0 the slope is about -6x**2, so the steps "
             "shrink as x gets closer. It creeps towards the flat point at 0, slower and slower, and never gets past "
             "it to the minimum at 1.0954.",
        "c": "No: to get to 1.0954 it would have to cross x = 0, where the slope is zero and the steps vanish.",
        "d": "No: at 0.01 every step is tiny (the slope there is about -1.2), so there is nothing to overshoot.",
    })


def check_momentum_step(func):
    """02: a learner's momentum_step(x, velocity, slope, learning_rate, beta) returning (new_x, new_velocity)."""
    cases = []
    for x, velocity, slope, rate, beta in [(0.5, 0.0, -1.1875, 0.01, 0.9), (1.0, 0.5, 2.0, 0.1, 0.9),
                                           (-2.0, -1.0, 3.0, 0.05, 0.5)]:
        state = {"velocity": velocity}
        new_x = optimizers.momentum_step(x, lambda _x, g=slope: g, state, rate, beta=beta)
        cases.append(((x, velocity, slope, rate, beta), (new_x, state["velocity"])))
    check_function(func, cases, what="momentum_step")


def check_b_gradient(answer):
    """03: the article's b_gradient for wheat_and_bread at b = 1, m = 1 (before the first step)."""
    expected = float(regression.gradient(1, 1, WHEAT_AND_BREAD)[0])
    hint = "Add up -(2/N) * (y - (m*x + b)) over the five points, with N = 5, b = 1 and m = 1."
    if _is_number(answer) and np.isclose(answer, -expected):
        hint = "Close: check the sign. The line is below every point, so the gradient for b is negative."
    check_number(answer, expected, what="b_gradient at (1, 1)", tol=1e-9, hint=hint)


def check_normal_equations(answer):
    """03: the least-squares [b, m] for wheat_and_bread, solved from the normal equations."""
    expected = regression.least_squares(WHEAT_AND_BREAD)
    what = "[b, m] from the normal equations"
    try:
        reversed_order = np.allclose(np.asarray(answer, dtype=float), expected[::-1], atol=1e-6)
    except (TypeError, ValueError):
        reversed_order = False
    if reversed_order and not np.allclose(expected, expected[::-1]):
        _say(FAIL, f"{what}: you have the right numbers in the wrong order. With A = [1, x], the solution is [b, m].")
        return
    check_array(answer, expected, what=what, tol=1e-6,
                hint="Build A = np.column_stack([np.ones(5), x]) and solve (A.T @ A) @ [b, m] = A.T @ y.")


def check_steps_at_rate(answer):
    """03: how many steps gradient descent needs at learning rate 0.1 to match least squares to 4 decimals."""
    expected = regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.1)
    if _unanswered(answer, "Steps at rate 0.1"):
        return
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    if not isinstance(answer, (int, np.integer)) or isinstance(answer, bool):
        _say(FAIL, f"Steps at rate 0.1 should be a whole number of steps, but you gave {type(answer).__name__} "
                   f"{answer!r}.")
        return
    if answer == expected:
        _say(PASS, f"Steps at rate 0.1: {answer} is right, about ten times fewer than at 0.01.")
    else:
        _say(FAIL, f"Steps at rate 0.1: {answer} is not it. Call regression.steps_to_reach(wheat_and_bread, 1, 1, 0.1)"
                   " or count the steps yourself until b and m are within 0.00005 of least squares.")


def check_why_slow(answer):
    """03: why gradient descent needs thousands of steps on five points."""
    check_choice(answer, "b", what="Why so slow", explanations={
        "a": "No: five points make each step cheap; the number of steps is the problem, not the cost of one.",
        "b": "Yes: every x is positive (0.5 to 1.4), so raising m and lowering b change the line in almost the same "
             "way. The error surface is a long, narrow valley: the gradient points mostly across it, and a rate small "
             "enough not to overshoot across it crawls along it.",
        "c": "No: the mean squared error of a line is a bowl with a single minimum; there is no local trap.",
        "d": "No: the 0.01 only sets the step size. Rounding errors in float64 are around 1e-16.",
    })


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
from helpers import convnet  # noqa: E402  (imported here so each section merges on its own)


def check_feature_map_shape(answer):
    """Exercise 06.1: the shape of one image's feature maps after the first conv_2d and max_pool_2d."""
    expected = convnet.layer_shapes()[0].output_shape
    check_array(answer, expected, what="shape after conv_2d(32, 3) and max_pool_2d(2)",
                hint="'same' padding keeps 28 x 28; pooling 2 x 2 halves each side; each filter gives one map.")


def check_dense_parameters(answer):
    """Exercise 06.2: weights plus biases of fully_connected(network, 128) after the second pooling."""
    check_number(answer, convnet.layer_shapes()[2].parameters, what="parameters of fully_connected(network, 128)",
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
