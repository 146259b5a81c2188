"""Exercises on the convnet that reads digits (notebook 06): a new layer's shape, a receptive field, a new layer's
parameters, cross-entropy, accuracy."""

import numpy as np

from helpers import convnet
from helpers.checks.feedback import check_count, check_function, check_shape

# The new layers the predict-first exercises ask about (the article's network has 3 x 3 'same' filters only).
VALID_KERNEL, VALID_FILTERS = 5, 32  # exercise 1: conv_2d(network, 32, 5, padding='valid') on one image
NEW_KERNEL, NEW_FILTERS = 5, 64  # exercise 3: conv_2d(network, 64, 5) on the first pooling's maps


def check_valid_conv_shape(answer):
    """Exercise 06.1: the shape of one image's maps after conv_2d(network, 32, 5, padding='valid')."""
    h, w, c = convnet.IMAGE_SHAPE
    k, f = VALID_KERNEL, VALID_FILTERS
    check_shape(answer, (h - k + 1, w - k + 1, f), what=f"shape after conv_2d(network, {f}, {k}, padding='valid')",
                hint=f"A {k} x {k} window fits at {h} - {k} + 1 places down and across; each filter gives one map.",
                slips=[((h, w, f), "That is 'same' padding: 'valid' adds no zeros, so the window only visits places "
                                   "where it fits inside the image, and the map shrinks."),
                       ((f, h - k + 1, w - k + 1), "Channels first: TensorFlow stores maps (height, width, channels), "
                                                   "channels last."),
                       ((h - k, w - k, f), f"Off by one: a {k}-wide window fits at positions 0 to {h - k}, which is "
                                           f"{h - k + 1} places."),
                       ((h - k + 2, w - k + 2, f), f"Off by one: a {k}-wide window fits at positions 0 to {h - k}, "
                                                   f"which is {h - k + 1} places."),
                       ((h - k + 1, w - k + 1, c), f"One map per filter: {f} filters give {f} channels."),
                       ((h - 2, w - 2, f), f"That is a 3 x 3 filter's shrink; this one is {k} x {k}."),
                       (((h - k + 1) // 2, (w - k + 1) // 2, f), "You pooled as well: the question stops after "
                                                                 "the convolution.")])


def receptive_field():
    """Return how many input pixels wide the patch is that one value of the second conv_2d sees (before its pool)."""
    field, jump = 1, 1  # one pixel; neighbours in the layer are `jump` input pixels apart
    for size, stride in ((convnet.KERNEL, 1), (convnet.POOL, convnet.POOL), (convnet.KERNEL, 1)):
        field += (size - 1) * jump
        jump *= stride
    return field


def check_receptive_field(answer):
    """Exercise 06.2: the receptive field of one value after conv_2d, max_pool_2d and the second conv_2d."""
    k, p = convnet.KERNEL, convnet.POOL
    check_count(answer, receptive_field(), what="the receptive field's width, in input pixels",
                hint=f"The first conv sees {k}; each pool value covers {p} neighbouring conv values; the second conv "
                     f"spans {k} pool values, which are {p} input pixels apart.",
                slips=[(2 * k - 1, "You stacked two convolutions but forgot the pooling between them: after it, "
                                   f"neighbouring values are {p} input pixels apart, so the second conv's window "
                                   "spans more pixels."),
                       (k * p, f"{k} pool values times {p} pixels counts each pool value's own {p} pixels but not "
                               "the first conv's window around them: add its overlap."),
                       (receptive_field() - 1, "Off by one: count the pixels from the first to the last, both "
                                               "included."),
                       (receptive_field() + 1, "Off by one: count the pixels from the first to the last, both "
                                               "included."),
                       (receptive_field() ** 2, "That is the number of pixels in the square patch; the question "
                                                "asks for its width.")])


def check_conv_parameters(answer):
    """Exercise 06.3: weights plus biases of conv_2d(network, 64, 5) on the first pooling's 14 x 14 x 32 maps."""
    channels = convnet.layer_shapes()[0].output_shape[2]
    k, f = NEW_KERNEL, NEW_FILTERS
    expected = k * k * channels * f + f
    check_count(answer, expected, what=f"parameters of conv_2d(network, {f}, {k}) on {channels} channels",
                hint=f"Each filter has a {k} x {k} grid of weights for every one of the {channels} channels coming in, "
                     "and one bias; the position in the map does not matter (the weights are shared).",
                slips=[(k * k * f + f, f"Each filter needs a {k} x {k} grid for every one of the {channels} "
                                       "channels coming in, not just one."),
                       (k * k * channels * f, f"Add one bias per filter: {f} more."),
                       (k * k * channels * f + channels, f"One bias per filter ({f}), not per channel coming in."),
                       (3 * 3 * channels * f + f, f"That is the article's 3 x 3 layer; this one is {k} x {k}."),
                       (14 * 14 * (k * k * channels * f + f), "The same weights slide over every position: they "
                                                              "are counted once, not once per pixel.")])


def check_cross_entropy(func):
    """Exercise 06.4: cross_entropy(probabilities, label) = -log(probability given to the true label)."""
    cases = [(([0.1, 0.7, 0.2], 1), float(-np.log(0.7))), (([0.25, 0.25, 0.25, 0.25], 3), float(np.log(4))),
             (([0.001, 0.999], 0), float(-np.log(0.001)))]
    check_function(func, cases, what="cross_entropy", tol=1e-6, slips=[
        (lambda p, label: float(np.log(p[label])), "The sign: log of a probability is negative; the loss is minus it."),
        (lambda p, label: float(-np.log10(p[label])), "That is log base 10: use the natural log, np.log."),
        (lambda p, label: float(-np.log(p[label - 1])), "Off by one: labels count from 0, so p[label] is the true "
                                                         "digit's probability.")])


def check_accuracy_function(func):
    """Exercise 06.5: accuracy_of(probabilities, labels) = share of rows whose largest probability is the label."""
    probabilities = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
    cases = [((probabilities, [1, 0, 0, 0]), 0.75), ((probabilities, [1, 0, 1, 0]), 1.0),
             (([[0.2, 0.5, 0.3]], [2]), 0.0)]
    check_function(func, cases, what="accuracy_of", tol=1e-9, slips=[
        (lambda p, labels: 100 * np.mean(np.argmax(p, axis=1) == labels), "A percentage: return the fraction, "
                                                                           "between 0 and 1."),
        (lambda p, labels: np.mean(np.argmax(p, axis=1) != labels), "That is the share of mistakes: count the rows "
                                                                      "that are right.")])
