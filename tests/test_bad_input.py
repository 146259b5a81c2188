"""Every public helper rejects malformed input with an error that names the argument and says what it
expected: one row per case, the way a learner gets it wrong (wrong shape, wrong type, NaN, empty,
a negative learning rate, a number in quotes)."""

import math

import numpy as np
import pytest

from helpers import convnet, data, mnist, neural, optimizers, plots, regression, training, widgets

XOR_INPUTS, XOR_TARGETS = neural.gate_data("XOR")
IMAGES = np.zeros((5, 28, 28), dtype=np.uint8)

CASES = [
    # (what the learner did, call, error type, words the message must contain)
    ("ragged points", lambda: regression.mean_squared_error(1, 2, [[3, 6], [6]]), ValueError,
     ["points", "rows of different lengths"]),
    ("points as a flat list", lambda: regression.mean_squared_error(1, 2, [3, 6, 9]), ValueError,
     ["points", "[x, y] pairs"]),
    ("a NaN among the points", lambda: regression.descend([[1, math.nan], [2, 3]], 1, 1, 0.1, 10), ValueError,
     ["points", "NaN"]),
    ("no points at all", lambda: regression.least_squares([]), ValueError, ["points", "empty"]),
    ("one point cannot fix a line", lambda: regression.least_squares([[1, 2]]), ValueError,
     ["points", "two different x values"]),
    ("intercept in quotes", lambda: regression.mean_squared_error("1", 2, [[3, 6]]), TypeError,
     ["b must be a number", "without quotes: b=1"]),
    ("negative learning rate", lambda: regression.descend([[1, 2], [2, 3]], 1, 1, -0.1, 10), ValueError,
     ["learning_rate", "greater than 0"]),
    ("fractional iteration count", lambda: regression.descend([[1, 2], [2, 3]], 1, 1, 0.1, 10.5), TypeError,
     ["num_iterations", "whole number"]),
    ("empty mini-batches", lambda: regression.minibatch_descend([[1, 2], [2, 3]], 1, 1, 0.1, 2, 0), ValueError,
     ["batch_size", "at least 1"]),
    ("learning rate as a string", lambda: optimizers.run(optimizers.momentum_step, optimizers.saddle_gradient,
                                                         (1, 1), "0.1", 10), TypeError,
     ["learning_rate must be a number", "without quotes"]),
    ("a 3-D start on a 2-D surface", lambda: optimizers.run(optimizers.adam_step, optimizers.saddle_gradient,
                                                            (1, 1, 1), 0.1, 10), ValueError, ["shape (2)"]),
    ("a number where the optimizer step goes", lambda: optimizers.run(3, optimizers.saddle_gradient, (1, 1), 0.1,
                                                                      10), TypeError, ["step must be a function"]),
    ("an unknown gate", lambda: neural.train_network(gate="XNOR"), ValueError, ["gate", "'XOR'"]),
    ("no hidden units", lambda: neural.train_network(n_hidden=0), ValueError, ["n_hidden", "at least 1"]),
    ("an unknown activation", lambda: neural.train_network(activation="softplus"), ValueError,
     ["activation", "'relu'"]),
    ("a negative perceptron rate", lambda: neural.train_perceptron(learning_rate=-1), ValueError,
     ["learning_rate", "greater than 0"]),
    ("a target that is not 0 or 1", lambda: neural.perceptron_update(np.zeros(3), [0, 0, 1], 2, 0.1), ValueError,
     ["truth", "0, 1"]),
    ("weights of the wrong shape", lambda: neural.forward(([[1, 2]], [[1]]), [[0, 0, 1]]), ValueError,
     ["syn_1", "shape"]),
    ("targets as a flat list", lambda: neural.loss(neural.init_network(), XOR_INPUTS, [0, 1, 1, 0]), ValueError,
     ["targets", "shape (4, 1)"]),
    ("a slope in quotes for the plot", lambda: plots.plot_squares_and_surface([[1, 2], [2, 3]], "2", 1),
     TypeError, ["m must be a number"]),
    ("a NaN learning rate for the plot", lambda: plots.plot_descent(lambda x: x**2, lambda x: 2 * x,
                                                                    learning_rate=math.nan), ValueError,
     ["learning_rate", "finite"]),
    ("a number where the slope function goes", lambda: plots.plot_descent(lambda x: x**2, 3), TypeError,
     ["slope must be a function"]),
    ("images of the wrong shape", lambda: plots.plot_digits(np.zeros((3, 28)), [1, 2, 3]), ValueError,
     ["images", "(n, 28, 28)"]),
    ("a test-image index past the end", lambda: plots.plot_prediction(20, IMAGES, np.full((5, 10), 0.1),
                                                                      np.zeros(5, int)), ValueError,
     ["index", "at most 4"]),
    ("a non-square confusion matrix", lambda: plots.plot_confusion(np.zeros((3, 4))), ValueError,
     ["matrix", "square"]),
    ("MNIST images cropped", lambda: mnist.as_network_input(np.zeros((3, 28, 27)), np.zeros(3, int)), ValueError,
     ["images", "(n, 28, 28)"]),
    ("a digit label of 11", lambda: mnist.as_network_input(np.zeros((3, 28, 28)), np.array([1, 2, 11])),
     ValueError, ["labels", "0 to 9"]),
    ("zero epochs", lambda: training.choose_setting(epochs=0, gpus=[], ci=False), ValueError,
     ["epochs", "at least 1"]),
    ("a batch size in quotes", lambda: training.choose_setting(batch_size="64", gpus=[], ci=False), TypeError,
     ["batch_size", "whole number", "batch_size=64"]),
    ("more training images than exist", lambda: training.choose_setting(train_size=10**6, gpus=[], ci=False),
     ValueError, ["train_size", "at most 55000"]),
    ("labels of different lengths", lambda: convnet.confusion_matrix([1, 2, 3], [1, 2]), ValueError,
     ["true_labels", "same length"]),
    ("a data set that does not exist", lambda: data.load_points("../etc/passwd"), FileNotFoundError,
     ["No data set named", "known: "]),
    ("a slider starting outside its range", lambda: widgets.float_slider(7, 0, 5, 0.1, "m"), ValueError,
     ["value", "at most 5"]),
    ("a slider value in quotes", lambda: widgets.int_slider("3", 0, 5, 1, "n"), TypeError,
     ["value must be a whole number", "without quotes"]),
]


@pytest.mark.parametrize(("what", "call", "error", "words"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_gets_an_error_naming_the_argument_and_what_was_expected(what, call, error, words):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"{what}: the message lacks {missing}: {message!r}"


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20, "issue 8 asks for at least 20 bad-input cases"
