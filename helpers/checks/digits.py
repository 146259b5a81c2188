"""Exercises on the convnet that reads digits (notebook 06): shapes, parameters, cross-entropy, accuracy."""

import numpy as np

from helpers import convnet
from helpers.checks.feedback import check_array, check_function, check_number


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
    """Exercise 06.4: accuracy_of(probabilities, labels) = share of rows whose largest probability is the label."""
    probabilities = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
    cases = [((probabilities, [1, 0, 0, 0]), 0.75), ((probabilities, [1, 0, 1, 0]), 1.0),
             (([[0.2, 0.5, 0.3]], [2]), 0.0)]
    check_function(func, cases, what="accuracy_of", tol=1e-9)
