"""Notebook 06's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks, convnet


def accuracy_with_argmax_method(probabilities, labels):
    """Right, the idiomatic numpy way: the array's own argmax along the rows."""
    return (probabilities.argmax(axis=1) == labels).mean()


def accuracy_with_a_loop(probabilities, labels):
    """Right, one row at a time."""
    right = 0
    for row, label in zip(probabilities, labels, strict=True):
        right += int(np.argmax(row) == label)
    return right / len(labels)


def conv2d_same_loop(image, kernel, bias, pad=None, flip=False, with_bias=True):
    """The exercise's solution, with the slips a learner makes as options."""
    k = kernel.shape[0]
    pad = k // 2 if pad is None else pad
    kernel = kernel[::-1, ::-1] if flip else kernel
    padded = np.pad(image, pad)
    h, w = padded.shape[0] - k + 1, padded.shape[1] - k + 1
    out = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            out[i, j] = np.sum(kernel * padded[i:i + k, j:j + k]) + (bias if with_bias else 0.0)
    return out


def filter_gradient_loop(image, output_gradient, pad=1, flip=False, mean=False):
    """The exercise's solution, with the slips a learner makes as options."""
    padded = np.pad(image, pad)
    h, w = padded.shape[0] - 2, padded.shape[1] - 2
    gradient = np.zeros((3, 3))
    for a in range(3):
        for b in range(3):
            inner = output_gradient[1 - pad:1 - pad + h, 1 - pad:1 - pad + w]  # without padding, the border's left out
            gradient[a, b] = np.sum(inner * padded[a:a + h, b:b + w])
    if flip:
        gradient = gradient[::-1, ::-1]
    return gradient / output_gradient.size if mean else gradient


def filter_gradient_windows(image, output_gradient):
    """Right, with numpy's sliding windows: the 3 x 3 places the gradient fits on the padded image."""
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(image, 1), image.shape)
    return np.einsum("abij,ij->ab", windows, output_gradient)


def filter_gradient_shifted_copies(image, output_gradient):
    """Right, as a list of lists: one sum of products per weight."""
    h, w = image.shape
    padded = np.pad(image, 1)
    return [[float((output_gradient * padded[a:a + h, b:b + w]).sum()) for b in range(3)] for a in range(3)]


RNG = np.random.default_rng(0)
DIGITS = RNG.random((2, 28, 28, 1))
WEIGHTS, BIAS = RNG.normal(0, 0.5, (3, 3, 1, 4)), RNG.normal(0, 0.1, 4)
FIRST_LAYER = np.maximum(convnet.conv2d_same(DIGITS, WEIGHTS, BIAS), 0)


def conv_call(func):
    checks.check_conv2d_same(func, DIGITS, WEIGHTS, BIAS, FIRST_LAYER)


EXERCISES = [
    Exercise(
        "check_valid_conv_shape", checks.check_valid_conv_shape,
        right=[(24, 24, 32), [24, 24, 32], np.array([24, 24, 32]), np.zeros((24, 24, 32)).shape],
        wrong=[((28, 28, 32), "That is 'same' padding"), ((32, 24, 24), "Channels first"),
               ((23, 23, 32), "Off by one"), ((25, 25, 32), "Off by one"), ((24, 24, 1), "One map per filter"),
               ((26, 26, 32), "3 x 3 filter's shrink"), ((12, 12, 32), "pooled as well"),
               ("24 x 24 x 32", "whole numbers")],
    ),
    Exercise(
        "check_receptive_field", checks.check_receptive_field,
        right=[8, 8.0, np.int64(8), np.array([8])],
        wrong=[(5, "forgot the pooling"), (6, "first conv's window"), (7, "Off by one"), (9, "Off by one"),
               (64, "asks for its width"), (8.5, "whole number")],
    ),
    Exercise(
        "check_conv_parameters", checks.check_conv_parameters,
        right=[51264, 5 * 5 * 32 * 64 + 64, 51264.0, np.int64(51264)],
        wrong=[(1664, "every one of the 32"), (51200, "one bias per filter"), (51232, "not per channel"),
               (18496, "article's 3 x 3 layer"), (14 * 14 * 51264, "counted once"), ("51,264", "single number")],
    ),
    Exercise(
        "check_cross_entropy", checks.check_cross_entropy,
        right=[lambda p, label: -np.log(p[label]), lambda p, label: -np.log(np.asarray(p)[label]),
               lambda p, label: float(-np.log(p[label]))],
        wrong=[(lambda p, label: np.log(p[label]), "The sign"), (lambda p, label: -np.log10(p[label]), "base 10"),
               (lambda p, label: -np.log(p[label - 1]), "labels count from 0"),
               (lambda p, label: None, "forget `return`")],
    ),
    Exercise(
        "check_accuracy_function", checks.check_accuracy_function,
        right=[accuracy_with_argmax_method, accuracy_with_a_loop,
               lambda probabilities, labels: np.mean(np.argmax(probabilities, axis=1) == labels),
               lambda probabilities, labels: np.sum(probabilities.argmax(axis=1) == labels) / len(labels)],
        wrong=[(lambda probabilities, labels: 100 * np.mean(probabilities.argmax(axis=1) == labels), "percentage"),
               (lambda probabilities, labels: np.mean(probabilities.argmax(axis=1) != labels), "share of mistakes"),
               (lambda probabilities, labels: np.mean(probabilities.argmax(axis=0) == labels[0]), "accuracy_of("),
               (lambda probabilities, labels: sum(row.index(max(row)) == label for row, label
                                                  in zip(probabilities, labels, strict=True)) / len(labels),
                "works on plain lists")],
    ),
    Exercise(
        "check_conv2d_same", conv_call,
        right=[conv2d_same_loop, lambda image, kernel, bias: convnet.feature_map(image, kernel, bias)],
        wrong=[(lambda image, kernel, bias: conv2d_same_loop(image, kernel, bias, pad=0), "'valid' convolution"),
               (lambda image, kernel, bias: conv2d_same_loop(image, kernel, bias, flip=True), "flipped the kernel"),
               (lambda image, kernel, bias: conv2d_same_loop(image, kernel.T, bias), "rows and columns are swapped"),
               (lambda image, kernel, bias: conv2d_same_loop(image, kernel, bias, with_bias=False),
                "add the bias once"),
               (lambda image, kernel, bias: conv2d_same_loop(image, kernel, bias, pad=1), "as if you padded"),
               (lambda image, kernel, bias: None, "forget `return`")],
    ),
    Exercise(
        "check_filter_gradient", checks.check_filter_gradient,
        right=[filter_gradient_loop, filter_gradient_windows, filter_gradient_shifted_copies,
               lambda image, output_gradient: convnet.filter_gradient(image, output_gradient)],
        wrong=[(lambda x, g: filter_gradient_loop(x, g, flip=True), "you convolved (flipped the window)"),
               (lambda x, g: filter_gradient_loop(x, g).T, "rows and columns are swapped"),
               (lambda x, g: -filter_gradient_loop(x, g), "the sign is flipped"),
               (lambda x, g: filter_gradient_loop(x, g, mean=True), "averaged over the pixels"),
               (lambda x, g: filter_gradient_loop(x, g, pad=0), "the border is missing"),
               (lambda x, g: np.zeros((3, 3)), "all zeros"),
               (lambda x, g: g, "the filter's shape"),
               (lambda x, g: filter_gradient_loop(x, g)[0], "the filter's shape"),
               (lambda x, g: None, "forget `return`")],
    ),
]
