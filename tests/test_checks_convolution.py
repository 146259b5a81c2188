"""helpers.checks.convolution: the conv2d_same and input_gradient checks pass a right answer, name each usual slip,
never raise on a wrong answer, and reject a notebook that passes them the wrong data."""

import numpy as np
import pytest
from convolution_by_definition import loop_convolution

from helpers import checks, convnet

RNG = np.random.default_rng(1)
DIGITS = RNG.random((2, 28, 28, 1))
WEIGHTS = RNG.normal(0, 0.5, (3, 3, 1, 4))
BIAS = RNG.normal(0, 0.2, 4)
# What the trained network's first layer gives: the convolution, then ReLU (TFLearn's activation='relu').
FIRST_LAYER = np.stack([np.stack([np.maximum(convnet.feature_map(d[..., 0], WEIGHTS[:, :, 0, f], BIAS[f]), 0)
                                  for f in range(4)], axis=-1) for d in DIGITS])


def right(image, kernel, bias):
    return loop_convolution(image, kernel, bias)


def valid(image, kernel, bias):
    k = kernel.shape[0]
    h, w = image.shape[0] - k + 1, image.shape[1] - k + 1
    return np.array([[np.sum(image[i:i + k, j:j + k] * kernel) + bias for j in range(w)] for i in range(h)])


def flipped(image, kernel, bias):
    return right(image, kernel[::-1, ::-1], bias)


def transposed(image, kernel, bias):
    return right(image, kernel.T, bias)


def no_bias(image, kernel, bias):
    return right(image, kernel, 0.0)


def bias_nine_times(image, kernel, bias):
    return right(image, kernel, 0.0) + bias * kernel.size


def padding_fixed_at_one(image, kernel, bias):
    padded = np.pad(image, 1)
    k = kernel.shape[0]
    out = np.zeros((padded.shape[0] - k + 1, padded.shape[1] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(padded[i:i + k, j:j + k] * kernel) + bias
    return out


def check(func, capsys):
    checks.check_conv2d_same(func, DIGITS, WEIGHTS, BIAS, FIRST_LAYER)
    return capsys.readouterr().out


def test_a_right_answer_passes_and_says_what_it_was_compared_with(capsys):
    out = check(right, capsys)
    assert out.startswith("✅ conv2d_same: right.")
    assert "2 test digits x 4 filters = 8 feature maps" in out and "5 x 5 kernel" in out


def test_an_answer_that_applies_relu_itself_also_passes(capsys):
    assert check(lambda i, k, b: np.maximum(right(i, k, b), 0), capsys).startswith("✅")


@pytest.mark.parametrize("func, says", [
    (valid, "you returned 26 x 26: a 'valid' convolution"),
    (flipped, "you flipped the kernel"),
    (transposed, "rows and columns are swapped"),
    (no_bias, "add the bias once to each output pixel"),
    (bias_nine_times, "the bias is added 9 times: add it once per output pixel, after the 9 multiply-adds"),
    (lambda i, k, b: right(i, k, b) * 2, "Work that pixel out by hand"),
])
def test_each_usual_slip_is_named(func, says, capsys):
    out = check(func, capsys)
    assert out.startswith("❌ conv2d_same: on test digit 0 with filter 0"), out
    assert says in out, out


def test_padding_fixed_at_one_passes_3x3_but_is_caught_at_5x5(capsys):
    out = check(padding_fixed_at_one, capsys)
    assert out.startswith("❌ conv2d_same: with a 5 x 5 kernel:"), out
    assert "as if you padded 1 pixel(s) on each side" in out and "needs k // 2 = 2" in out


@pytest.mark.parametrize("answer, says", [
    (..., "✏️ conv2d_same: replace the ..."),
    (42, "should be a function"),
    (lambda i, k, b: None, "did you forget `return`?"),
    (lambda i, k, b: 1 / 0, "raised ZeroDivisionError"),
    (lambda i, k, b: "map", "return a 2-d numpy array"),
    (lambda i, k, b: np.zeros((30, 30)), "larger than the 28 x 28 image"),
    (lambda i, k, b: np.zeros((3,)), "should have the image's shape (28, 28)"),
])
def test_unanswered_and_wrong_kinds_of_answer_get_feedback_and_never_raise(answer, says, capsys):
    assert says in check(answer, capsys)


def test_the_notebook_passing_the_wrong_data_is_told_which_argument():
    with pytest.raises(ValueError, match="digits must have shape"):
        checks.check_conv2d_same(right, DIGITS[0], WEIGHTS, BIAS, FIRST_LAYER)
    with pytest.raises(ValueError, match="weights must be the first layer's"):
        checks.check_conv2d_same(right, DIGITS, WEIGHTS[:, :, :, 0], BIAS, FIRST_LAYER)
    with pytest.raises(ValueError, match="first_layer must have shape"):
        checks.check_conv2d_same(right, DIGITS, WEIGHTS, BIAS, FIRST_LAYER[:1])


@pytest.mark.parametrize("answer", [lambda x, k, g: "a map", lambda x, k, g: np.full(x.shape, np.nan),
                                    lambda x, k, g: 1 / 0, lambda x, k, g: [[1, 2], [3, 4]],
                                    lambda x, k, g: np.zeros((*x.shape, 1))])
def test_the_input_gradient_check_reports_odd_answers_without_raising(capsys, answer):
    checks.check_input_gradient(answer)
    said = capsys.readouterr().out.strip()
    assert said.startswith(checks.FAIL) and "input_gradient" in said, said


def test_the_input_gradient_check_passes_the_turned_filter_and_names_the_unturned_one(capsys):
    checks.check_input_gradient(lambda x, k, g: convnet.feature_map(g, np.flip(k)))
    checks.check_input_gradient(lambda x, k, g: convnet.feature_map(g, k))
    passed, unturned = capsys.readouterr().out.strip().splitlines()
    assert passed.startswith(checks.PASS), passed
    assert unturned.startswith(checks.FAIL) and "kernel[::-1, ::-1]" in unturned, unturned


def test_the_input_gradient_check_is_notebook_05s_relative_error_rule():
    from helpers.checks import backprop, convolution

    assert convolution.GRADIENT_TOLERANCE is backprop.TOLERANCE, "one threshold for every backward-pass check"
