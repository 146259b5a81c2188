"""Notebook 06's two harder exercises: the learner's conv2d_same for one channel, checked against the trained network.

The check runs the learner's function with the first layer's real weights on real test digits and compares the
result (after ReLU) with what TensorFlow's first layer gave for the same digits; when they differ it tries the
usual slips (a 'valid' convolution, a flipped or transposed filter, a missing bias, padding fixed at 1) and says
which one it is. The second, the backward pass of that convolution w.r.t. its input image, is compared with finite
differences by notebook 05's relative-error rule, and its usual slips (the filter not turned round, or transposed,
the border lost, the forward pass returned) are named. Like every exercise check it prints its feedback and never
raises on a wrong answer.
"""

import numpy as np

from helpers import validate
from helpers.checks import backprop
from helpers.checks.feedback import FAIL, PASS, TODO, say
from helpers.convnet import feature_map, finite_differences, input_gradient
from helpers.neural import relative_error

WHAT = "conv2d_same"
TOLERANCE = 1e-4  # TensorFlow computes in float32; a right answer in float64 agrees to about 1e-6


def _say(mark, message):
    """Print one line of feedback behind its mark, naming the function checked."""
    say(mark, f"{WHAT}: {message}")


def _call(func, image, kernel, bias):
    """Return (map, None) from the learner's function, or (None, what went wrong) without raising."""
    try:
        result = func(image, kernel, bias)
    except Exception as error:  # the learner's code: report it, never crash the notebook
        return None, f"conv2d_same(image, kernel, bias) raised {type(error).__name__}: {error}"
    if result is None:
        return None, "your function returned None: did you forget `return`?"
    try:
        result = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return None, f"return a 2-d numpy array of numbers; yours returned {type(result).__name__}."
    return result, None


def _shape_problem(result, image, kernel):
    """Return what is wrong with the result's shape, or None when it has the image's shape."""
    (h, w), k = image.shape, kernel.shape[0]
    if result.shape == (h, w):
        return None
    if result.shape == (h + k - 1, w + k - 1):
        return (f"you returned {result.shape[0]} x {result.shape[1]}, larger than the {h} x {w} image: slide the "
                f"window's centre over the image's {h} x {w} pixels only, not over the padding.")
    padding = (result.shape[0] - h + k - 1) / 2 if result.ndim == 2 else -1
    if result.ndim == 2 and padding == 0 and result.shape[1] == w - k + 1:
        return (f"for a {k} x {k} kernel on a {h} x {w} image you returned {result.shape[0]} x {result.shape[1]}: "
                f"a 'valid' convolution, which only visits pixels whose whole window is inside the image. 'Same' "
                f"pads a ring of zeros {k // 2} wide first (np.pad(image, {k // 2})), so the map stays {h} x {w}.")
    if result.ndim == 2 and padding > 0 and padding.is_integer() and result.shape[1] == w + 2 * int(padding) - k + 1:
        return (f"for a {k} x {k} kernel you returned {result.shape[0]} x {result.shape[1]}, as if you padded "
                f"{int(padding)} pixel(s) on each side: a {k} x {k} window needs k // 2 = {k // 2}, so that every "
                f"pixel has a window centred on it and the map stays {h} x {w}.")
    return f"the map should have the image's shape {(h, w)}, but yours has shape {result.shape}."


def _which_slip(result, image, kernel, bias):
    """Return a sentence naming a usual slip that explains the learner's map, or None."""
    slips = [
        (feature_map(image, kernel[::-1, ::-1], bias),
         "you flipped the kernel. Mathematicians' convolution flips it; TensorFlow, TFLearn and every deep-learning "
         "library slide it unflipped (strictly, a cross-correlation): multiply kernel[a, b] with the pixel at the "
         "same place in the window."),
        (feature_map(image, kernel.T, bias),
         "rows and columns are swapped: kernel[a, b] belongs to row a and column b of the window."),
        (feature_map(image, kernel, 0.0),
         "every value is off by the same amount: add the bias once to each output pixel."),
        (feature_map(image, kernel, 0.0) + bias * kernel.size,
         f"the bias is added {kernel.size} times: add it once per output pixel, after the {kernel.size} "
         "multiply-adds."),
    ]
    for expected, message in slips:
        if np.allclose(result, expected, atol=TOLERANCE):
            return message
    return None


def _check_inputs(digits, weights, bias, first_layer):
    """Return the check's own inputs as arrays, raising for a notebook that passes the wrong things."""
    digits = validate.array(digits, "digits")
    if digits.ndim != 4 or digits.shape[-1] != 1:
        raise ValueError(f"digits must have shape (n, 28, 28, 1) like testX[:5], got shape {digits.shape}.")
    weights = validate.array(weights, "weights")
    if weights.ndim != 4 or weights.shape[2] != 1 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weights must be the first layer's (k, k, 1, filters), got shape {weights.shape}.")
    bias = validate.array(bias, "bias", shape=(weights.shape[3],))
    first_layer = validate.array(first_layer, "first_layer",
                                 shape=(len(digits), digits.shape[1], digits.shape[2], weights.shape[3]))
    return digits[..., 0], weights[:, :, 0, :], bias, first_layer


def check_conv2d_same(func, digits, weights, bias, first_layer):
    """Exercise 06.6: conv2d_same(image, kernel, bias) against the trained first layer on real digits, then 5 x 5."""
    digits, kernels, bias, first_layer = _check_inputs(digits, weights, bias, first_layer)
    if func is Ellipsis:
        _say(TODO, "replace the ... with your function (def conv2d_same(image, kernel, bias): ...), then run the "
                   "cell again.")
        return
    if not callable(func):
        _say(FAIL, f"should be a function (def conv2d_same(image, kernel, bias): ...), but you gave "
                   f"{type(func).__name__}.")
        return
    for d, image in enumerate(digits):
        for f in range(kernels.shape[2]):
            kernel, b = kernels[:, :, f], float(bias[f])
            result, problem = _call(func, image, kernel, b)
            if problem is None:
                problem = _shape_problem(result, image, kernel)
            if problem is None:
                layer = first_layer[d, :, :, f]
                if np.allclose(np.maximum(result, 0), layer, atol=TOLERANCE):
                    continue
                slip = _which_slip(result, image, kernel, b)
                if slip is None:
                    gap = np.abs(np.maximum(result, 0) - layer)
                    i, j = np.unravel_index(int(np.argmax(gap)), gap.shape)
                    slip = (f"at row {i}, column {j} your map gives {max(result[i, j], 0):.4f} (after ReLU) where the "
                            f"trained layer gives {layer[i, j]:.4f}. Work that pixel out by hand: the "
                            f"{kernel.shape[0]} x {kernel.shape[1]} window centred on it, times the kernel, summed, "
                            "plus the bias.")
                problem = slip
            _say(FAIL, f"on test digit {d} with filter {f} of the trained first layer: {problem}")
            return
    rng = np.random.default_rng(5)
    kernel5, b5 = np.round(rng.normal(0, 0.5, (5, 5)), 2), 0.25
    image = digits[0]
    result, problem = _call(func, image, kernel5, b5)
    if problem is None:
        problem = _shape_problem(result, image, kernel5)
    expected = np.maximum(feature_map(image, kernel5, b5), 0)
    if problem is None and not np.allclose(np.maximum(result, 0), expected, atol=TOLERANCE):
        problem = (_which_slip(result, image, kernel5, b5)
                   or "right for 3 x 3 kernels but not for 5 x 5: is the padding fixed at 1, or the window at 3? "
                      "Use k = kernel.shape[0], pad k // 2 and a k x k window.")
    if problem is not None:
        _say(FAIL, f"with a 5 x 5 kernel: {problem}")
        return
    count = len(digits) * kernels.shape[2]
    _say(PASS, f"right. With ReLU after it, it gives what the trained network's first layer gives on {len(digits)} "
               f"test digits x {kernels.shape[2]} filters = {count} feature maps, and it handles a 5 x 5 kernel too.")


GRADIENT = "input_gradient"
GRADIENT_TOLERANCE = backprop.TOLERANCE  # notebook 05's relative-error rule for a backward pass


def _input_gradient_slips(image, kernel, output_gradient):
    """Return (wrong gradient, sentence) for the usual slips in the backward pass of a 'same' 3 x 3 convolution."""
    right = input_gradient(kernel, output_gradient)
    return [
        (feature_map(output_gradient, kernel),
         "you slid the filter as it is, a correlation like the forward pass. Going back, pixel x[p, q] met w[a, b] at "
         "output (p - a + 1, q - b + 1): the indices run the other way, so turn the filter round, kernel[::-1, ::-1]."),
        (feature_map(output_gradient, kernel.T),
         "you transposed the filter (kernel.T), which swaps rows and columns; turned round (flipped 180 degrees) is "
         "kernel[::-1, ::-1], upside down and mirrored."),
        (feature_map(image, kernel),
         "that is the forward pass, feature_map(image, kernel): the gradient is made of output_gradient, not of the "
         "image's pixels."),
        (-right, "the sign is flipped: each pixel's slope is output_gradient times the weight, with a plus sign."),
        (right / output_gradient.size, "you averaged over the outputs: the loss adds every output's share, so sum."),
    ]


def _input_gradient_problem(result, image, kernel, output_gradient):
    """Return a sentence naming what is wrong with a gradient of the image's shape that fails the check."""
    slip = next((sentence for wrong, sentence in _input_gradient_slips(image, kernel, output_gradient)
                 if np.allclose(result, wrong, rtol=1e-6, atol=1e-9)), None)
    if slip is not None:
        return slip
    right = input_gradient(kernel, output_gradient)
    if np.allclose(result[1:-1, 1:-1], right[1:-1, 1:-1], rtol=1e-6, atol=1e-9):
        return ("the inside is right but the border is not: a border pixel fed the outputs around it that exist, none "
                "past the edge. Pad output_gradient with a ring of zeros (np.pad(output_gradient, 1)), so those count "
                "as zero, and compute the border like the inside.")
    return ("work out one pixel by hand: x[p, q] met w[a, b] at output (p - a + 1, q - b + 1), for every a, b where "
            "that output exists.")


def check_input_gradient(func):
    """Exercise 06.7: the gradient of sum(output_gradient * feature_map(image, kernel)) w.r.t. the image."""
    signature = f"def {GRADIENT}(image, kernel, output_gradient): ..."
    if func is Ellipsis:
        say(TODO, f"{GRADIENT}: replace the ... with your function ({signature}), then run the cell again.")
        return
    if not callable(func):
        say(FAIL, f"{GRADIENT} should be a function ({signature}), but you gave {type(func).__name__}.")
        return
    rng = np.random.default_rng(7)
    for h, w in ((5, 5), (6, 8), (28, 28)):
        image, output_gradient = rng.random((h, w)), rng.normal(size=(h, w))
        kernel = rng.normal(size=(3, 3))
        numeric = finite_differences(lambda x=image, g=output_gradient, k=kernel: np.sum(g * feature_map(x, k)),
                                     image)
        try:
            result = func(image.copy(), kernel.copy(), output_gradient.copy())
        except Exception as error:  # the learner's code: report it, never crash the notebook
            say(FAIL, f"{GRADIENT} on a {h} x {w} image raised {type(error).__name__}: {error}")
            return
        if result is None:
            say(FAIL, f"{GRADIENT} returned None: did you forget `return`?")
            return
        try:
            result = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            say(FAIL, f"{GRADIENT}: return a 2-d numpy array of numbers; yours returned {type(result).__name__}.")
            return
        if not np.all(np.isfinite(result)):
            say(FAIL, f"{GRADIENT} on a {h} x {w} image returned NaN or infinite values: every slope is a finite sum "
                      "of products.")
            return
        if result.shape == (h - 2, w - 2):
            say(FAIL, f"{GRADIENT} on a {h} x {w} image returned {h - 2} x {w - 2}: the border is lost. Every pixel "
                      "fed some outputs, so the gradient has the image's shape; pad output_gradient with a ring of "
                      "zeros (np.pad(output_gradient, 1)) before sliding the filter over it.")
            return
        if result.shape != (h, w):
            say(FAIL, f"{GRADIENT} on a {h} x {w} image returned shape {result.shape}: the gradient has the image's "
                      f"shape, {(h, w)}, one slope per pixel.")
            return
        error = relative_error([result], [numeric])
        if error > GRADIENT_TOLERANCE:
            say(FAIL, f"{GRADIENT} on a {h} x {w} image: relative error {error:.1e} against finite differences "
                      f"(right is below {GRADIENT_TOLERANCE:g}). "
                      f"{_input_gradient_problem(result, image, kernel, output_gradient)}")
            return
    say(PASS, f"{GRADIENT}: right. On three images (5 x 5, 6 x 8, 28 x 28) it agrees with finite differences to a "
              f"relative error below {GRADIENT_TOLERANCE:g}, notebook 05's rule.")
