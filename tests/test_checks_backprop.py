"""helpers.checks.backprop: notebook 05's harder exercise passes a right backward pass for two hidden layers, names
the wrong weight matrix for each kind of mistake, and never raises."""

import numpy as np
import pytest

from helpers import checks, neural
from helpers.checks import backprop


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def backward(weights, inputs, targets, bug=None):
    """A backward pass for two hidden layers written independently of the helper, with one optional mistake."""
    syn_0, syn_1, syn_2 = weights
    layer_1 = sigmoid(inputs @ syn_0)
    layer_2 = sigmoid(layer_1 @ syn_1)
    layer_3 = sigmoid(layer_2 @ syn_2)
    delta_3 = (layer_3 - targets) * layer_3 * (1 - layer_3)
    delta_2 = (delta_3 @ syn_2.T) * (1 if bug == "no sigmoid slope in layer 2" else layer_2 * (1 - layer_2))
    back_1 = delta_2 @ (syn_1 if bug == "no transpose of syn_1" else syn_1.T)
    delta_1 = back_1 * layer_1 * (1 - layer_1)
    grads = [inputs.T @ delta_1, layer_1.T @ delta_2, layer_2.T @ delta_3]
    if bug == "wrong sign for syn_2":
        grads[2] = -grads[2]
    if bug == "syn_1 transposed":
        grads[1] = grads[1].T
    if bug == "sizes typed in":
        assert syn_1.shape == (4, 4), "this backward pass only works for 4 x 4"
    return tuple(grads)


def said(capsys):
    return capsys.readouterr().out.strip()


def test_a_right_backward_pass_passes(capsys):
    checks.check_two_hidden_layers(backward)
    out = said(capsys)
    assert out.startswith(checks.PASS), out
    assert "3-4-4-1 and 3-5-3-1" in out


def test_an_unanswered_exercise_gets_a_reminder(capsys):
    checks.check_two_hidden_layers(...)
    assert said(capsys).startswith(checks.TODO)


@pytest.mark.parametrize("answer", [3, "backward", None, [1, 2, 3]])
def test_an_answer_that_is_not_a_function_is_named(capsys, answer):
    checks.check_two_hidden_layers(answer)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "should be your function" in out, out


@pytest.mark.parametrize("bug, wrong, right", [
    ("no transpose of syn_1", ["syn_0"], ["syn_1", "syn_2"]),
    ("no sigmoid slope in layer 2", ["syn_0", "syn_1"], ["syn_2"]),
    ("wrong sign for syn_2", ["syn_2"], ["syn_0", "syn_1"]),
    ("syn_1 transposed", ["syn_1"], ["syn_0", "syn_2"]),
])
def test_the_check_names_the_wrong_matrix(capsys, bug, wrong, right):
    checks.check_two_hidden_layers(lambda w, x, y: backward(w, x, y, bug))
    out = said(capsys)
    assert out.startswith(checks.FAIL), out
    verdict = out.split("disagree")[0]
    for name in wrong:
        assert name in verdict, f"{bug}: {name} should be named wrong in {out!r}"
    for name in right:
        assert name not in verdict, f"{bug}: {name} should not be named wrong in {out!r}"
    assert "right." in out


def test_a_wrong_sign_is_said_to_be_a_wrong_sign(capsys):
    checks.check_two_hidden_layers(lambda w, x, y: backward(w, x, y, "wrong sign for syn_2"))
    assert "wrong sign" in said(capsys)


def test_several_wrong_matrices_say_where_to_start(capsys):
    checks.check_two_hidden_layers(lambda w, x, y: backward(w, x, y, "no sigmoid slope in layer 2"))
    assert "Start with syn_1" in said(capsys)


def test_sizes_typed_into_the_code_show_up_on_the_second_network(capsys):
    checks.check_two_hidden_layers(lambda w, x, y: backward(w, x, y, "sizes typed in"))
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "3-5-3-1" in out and "assume" in out, out


def test_a_function_that_raises_is_reported_not_raised(capsys):
    def broken(weights, inputs, targets):
        raise ValueError("shapes (4,3) and (4,4) not aligned")

    checks.check_two_hidden_layers(broken)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "ValueError" in out and "not aligned" in out, out


@pytest.mark.parametrize("returned, words", [
    (None, "forget the return"),
    ("grads", "three arrays"),
    ((np.zeros((3, 4)), np.zeros((4, 4))), "three arrays"),
])
def test_a_wrong_return_value_is_explained(capsys, returned, words):
    checks.check_two_hidden_layers(lambda w, x, y: returned)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and words in out, out


def test_a_gradient_of_the_wrong_shape_is_named_with_both_shapes(capsys):
    def wrong_shape(weights, inputs, targets):
        grads = backward(weights, inputs, targets)
        return grads[0].T, grads[1], grads[2]

    checks.check_two_hidden_layers(wrong_shape)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "syn_0" in out and "(3, 4)" in out and "(4, 3)" in out, out
    assert "transpose" in out


def test_a_gradient_with_nan_is_caught(capsys):
    def with_nan(weights, inputs, targets):
        grads = backward(weights, inputs, targets)
        return grads[0] * np.nan, grads[1], grads[2]

    checks.check_two_hidden_layers(with_nan)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "NaN" in out, out


def test_the_learners_weights_are_copies(capsys):
    def changes_its_input(weights, inputs, targets):
        grads = backward(weights, inputs, targets)
        for w in weights:
            w[...] = 0
        return grads

    checks.check_two_hidden_layers(changes_its_input)
    assert said(capsys).startswith(checks.PASS)


def test_the_finite_differences_the_check_uses_match_the_independent_backward_pass():
    weights = neural.init_network(3, (5, 3), seed=3)
    inputs = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    targets = np.array([[0], [1], [1], [0]], dtype=float)
    numeric = neural.numerical_gradients(weights, inputs, targets)
    for got, expected in zip(numeric, backward(weights, inputs, targets), strict=True):
        assert np.allclose(got, expected, rtol=1e-6, atol=1e-10)


def test_the_cases_are_seeded_and_shaped_as_named():
    for sizes, seed in backprop.CASES:
        weights = neural.init_network(sizes[0], sizes[1:-1], seed)
        assert [w.shape for w in weights] == list(zip(sizes[:-1], sizes[1:], strict=True))
        again = neural.init_network(sizes[0], sizes[1:-1], seed)
        assert all(np.array_equal(a, b) for a, b in zip(weights, again, strict=True))


@pytest.mark.parametrize("call, error, words", [
    (lambda: checks.check_finite_difference(0.0, neural.init_network(), *neural.gate_data("XOR")[:1],
                                            neural.gate_data("XOR")[1][:, None], row=4, column=0),
     ValueError, "row must be at most 3"),
    (lambda: checks.check_finite_difference(0.0, neural.init_network(), *neural.gate_data("XOR")[:1],
                                            neural.gate_data("XOR")[1][:, None], row=0, column=1.5),
     TypeError, "column must be a whole number"),
    (lambda: checks.check_finite_difference(0.0, neural.init_network(), *neural.gate_data("XOR"), row=0, column=0),
     ValueError, r"targets must have shape \(4, 1\)"),
    (lambda: checks.check_finite_difference(0.0, neural.init_network(), *neural.gate_data("XOR")[:1],
                                            neural.gate_data("XOR")[1][:, None], row=0, column=0, eps=0),
     ValueError, "eps must be greater than 0"),
    (lambda: checks.check_used_twice(8, w="three"), TypeError, "w must be a number"),
])
def test_notebook_05s_checks_name_a_wrong_setting_of_the_notebook(call, error, words):
    with pytest.raises(error, match=words):
        call()
