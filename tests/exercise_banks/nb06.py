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


def input_gradient_loop(image, kernel, output_gradient, pad=1, turn=True):
    """The exercise's solution, one pixel at a time, with the slips a learner makes as options."""
    h, w = image.shape
    padded = np.pad(output_gradient, pad)
    turned = kernel[::-1, ::-1] if turn else kernel
    gradient = np.zeros((h + 2 * pad - 2, w + 2 * pad - 2))
    for p in range(gradient.shape[0]):
        for q in range(gradient.shape[1]):
            gradient[p, q] = np.sum(turned * padded[p:p + 3, q:q + 3])
    return gradient


def input_gradient_scattered(image, kernel, output_gradient):
    """Right, the other way round: each output sends output_gradient[i, j] * w back to the 3 x 3 pixels it saw."""
    h, w = image.shape
    padded = np.zeros((h + 2, w + 2))
    for i in range(h):
        for j in range(w):
            padded[i:i + 3, j:j + 3] += output_gradient[i, j] * kernel
    return padded[1:-1, 1:-1]


def input_gradient_border_lost(image, kernel, output_gradient):
    """Wrong: the inside right, the border's pixels left at zero."""
    gradient = np.zeros(image.shape)
    gradient[1:-1, 1:-1] = input_gradient_loop(image, kernel, output_gradient, pad=0)
    return gradient


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
        "check_input_gradient", checks.check_input_gradient,
        right=[input_gradient_loop, input_gradient_scattered,
               lambda x, k, g: convnet.feature_map(g, np.flip(k)),
               lambda x, k, g: convnet.feature_map(g, k[::-1, ::-1]),
               lambda x, k, g: convnet.input_gradient(k, g),
               lambda x, k, g: input_gradient_loop(x, k, g).tolist()],
        wrong=[(lambda x, k, g: input_gradient_loop(x, k, g, turn=False), "turn the filter round"),
               (lambda x, k, g: convnet.feature_map(g, k.T), "you transposed the filter"),
               (lambda x, k, g: convnet.feature_map(x, k), "that is the forward pass"),
               (input_gradient_border_lost, "the border is not"),
               (lambda x, k, g: input_gradient_loop(x, k, g, pad=0), "the border is lost"),
               (lambda x, k, g: -input_gradient_loop(x, k, g), "the sign is flipped"),
               (lambda x, k, g: input_gradient_loop(x, k, g) / g.size, "averaged over the outputs"),
               (lambda x, k, g: np.zeros((3, 3)), "the image's shape"),
               (lambda x, k, g: None, "forget `return`")],
    ),
]
