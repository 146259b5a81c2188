"""Every public helper rejects malformed input with an error that names the argument and says what it
expected: one row per case, the way a learner gets it wrong (wrong shape, wrong type, NaN, empty,
a negative learning rate, a number in quotes)."""

import math
import warnings

import numpy as np
import pytest

from helpers import (
    convnet,
    data,
    handwriting,
    mnist,
    neural,
    optimizers,
    plots,
    regression,
    settings,
    validate,
    widgets,
)
from helpers.plots import figure

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
    ("zero epochs", lambda: settings.choose_setting(epochs=0, gpus=[], ci=False), ValueError,
     ["epochs", "at least 1"]),
    ("a batch size in quotes", lambda: settings.choose_setting(batch_size="64", gpus=[], ci=False), TypeError,
     ["batch_size", "whole number", "batch_size=64"]),
    ("more training images than exist", lambda: settings.choose_setting(train_size=10**6, gpus=[], ci=False),
     ValueError, ["train_size", "at most 55000"]),
    ("labels of different lengths", lambda: convnet.confusion_matrix([1, 2, 3], [1, 2]), ValueError,
     ["true_labels", "same length"]),
    ("a data set that does not exist", lambda: data.load_points("../etc/passwd"), FileNotFoundError,
     ["No data set named", "known: "]),
    # Sizes that would keep the kernel busy for minutes without a word, and data transformed twice (issue 11).
    ("a billion optimiser steps, as 1e9", lambda: optimizers.run(optimizers.adam_step, optimizers.saddle_gradient,
                                                                 (1, 1), 0.1, 1e9), ValueError,
     ["num_steps", "at most 100,000", "busy for minutes"]),
    ("a million steps for the descent plot", lambda: plots.plot_descent(lambda x: x**2, lambda x: 2 * x,
                                                                        num_steps=10**6), ValueError,
     ["num_steps", "at most 2,000", "minutes to draw"]),
    ("a million steps on the optimiser map", lambda: plots.plot_optimizer_paths(
        optimizers.saddle, optimizers.saddle_gradient, (1, 1), num_steps=1e6), ValueError,
     ["num_steps", "at most 2,000"]),
    ("ten million iterations of line fitting", lambda: regression.descend([[1, 2], [2, 3]], 1, 1, 0.1, 10**7),
     ValueError, ["num_iterations", "at most 200,000", "busy for minutes"]),
    ("a million epochs of mini-batches", lambda: regression.minibatch_descend([[1, 2], [2, 3]], 1, 1, 0.1, 10**6, 1),
     ValueError, ["num_epochs", "at most 100,000"]),
    ("a billion made-up points", lambda: regression.noisy_line(10**9, 1, 2, 0.1), ValueError,
     ["n must be at most 1,000,000"]),
    ("ten million XOR updates", lambda: neural.train_network(iterations=10**7), ValueError,
     ["iterations", "at most 1,000,000", "60,000"]),
    ("a million hidden units", lambda: neural.train_network(n_hidden=10**6), ValueError,
     ["n_hidden", "at most 1,000"]),
    ("a million perceptron updates", lambda: neural.train_perceptron(num_updates=10**6), ValueError,
     ["num_updates", "at most 100,000"]),
    ("a million epochs of perceptron mistakes", lambda: plots.plot_mistakes_per_epoch(("OR",), epochs=10**6),
     ValueError, ["epochs", "at most 25,000"]),
    ("a convnet trained for a million epochs", lambda: settings.choose_setting(epochs=10**6, gpus=[], ci=False),
     ValueError, ["epochs", "at most 1000"]),
    ("all 60,000 digits in one grid", lambda: plots.plot_digits(np.zeros((1000, 28, 28)), np.zeros(1000, int)),
     ValueError, ["len(images)", "at most 200", "images[:40]"]),
    ("MNIST images already scaled to 0-1", lambda: mnist.as_network_input(np.full((3, 28, 28), 0.5, np.float32),
                                                                           np.zeros(3, int)), ValueError,
     ["images", "already scaled to 0-1", "uint8"]),
    ("MNIST images prepared twice", lambda: mnist.as_network_input(np.zeros((3, 28, 28, 1), np.float32),
                                                                    np.zeros(3, int)), ValueError,
     ["images", "(n, 28, 28, 1)", "once"]),
    ("MNIST pixels past 255", lambda: mnist.as_network_input(np.full((3, 28, 28), 300.0), np.zeros(3, int)),
     ValueError, ["images", "0 to 255"]),
    # ---- notebook 06's helpers, found by trying them as a learner would (issue 22) ----
    ("NaN pixels through the MNIST preparation", lambda: mnist.as_network_input(
        np.where(np.eye(28, dtype=bool), np.nan, 3.0)[None].repeat(2, axis=0), np.zeros(2, int)), ValueError,
     ["images hold 56 NaN or infinite pixels", "0 to 255"]),
    ("filters for 3 channels on a 1-channel image", lambda: convnet.conv2d_same(
        np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 3, 4)), np.zeros(4)), ValueError,
     ["weights have 3 channel(s) but x has 1", "(k, k, 1, filters)"]),
    ("a pooling size of 0", lambda: convnet.max_pool(np.zeros((1, 4, 4, 1)), 0), ValueError,
     ["size must be at least 1"]),
    ("a drawing pad a million pixels wide", lambda: handwriting.render([[[1, 1]]], size=10**6), ValueError,
     ["size must be at most 2,000", "280 x 280"]),
    ("raw MNIST images to the trained network", lambda: convnet.predict_probabilities(None, IMAGES), ValueError,
     ["images", "(n, 28, 28, 1)", "mnist.as_network_input"]),
    ("unscaled pixels to the trained network", lambda: convnet.predict_probabilities(
        None, np.full((2, 28, 28, 1), 255.0)), ValueError, ["images", "pixels up to 255", "0-1"]),
    ("a slider starting outside its range", lambda: widgets.float_slider(7, 0, 5, 0.1, "m"), ValueError,
     ["value", "at most 5"]),
    ("a slider value in quotes", lambda: widgets.int_slider("3", 0, 5, 1, "n"), TypeError,
     ["value must be a whole number", "without quotes"]),
    # ---- widgets: degenerate slider ranges and menus (issue 11, branch live) ----
    ("a slider step of 0", lambda: widgets.float_slider(1, 0, 5, 0, "m"), ValueError,
     ["step must be greater than 0", "Try step="]),
    ("a negative slider step", lambda: widgets.int_slider(2, 0, 10, -1, "n"), ValueError,
     ["step must be greater than 0"]),
    ("a slider step of NaN", lambda: widgets.float_slider(1, 0, 5, math.nan, "m"), ValueError, ["step", "finite"]),
    ("a slider whose low equals its high", lambda: widgets.float_slider(5, 5, 5, 0.1, "m"), ValueError,
     ["high must be greater than low", "low=5", "high=5"]),
    ("a slider with low and high swapped", lambda: widgets.int_slider(3, 10, 0, 1, "n"), ValueError,
     ["high must be greater than low", "smaller number first"]),
    ("a whole-number slider starting below its range", lambda: widgets.int_slider(-2, 0, 10, 1, "n"), ValueError,
     ["value must be at least 0", "got -2"]),
    ("a slider with ten million positions", lambda: widgets.float_slider(0.5, 0, 1, 1e-7, "x"), ValueError,
     ["10,000,000 positions", "at most 10,000", "Try step=0.01"]),
    ("a whole-number slider with ten million steps", lambda: widgets.int_slider(0, 0, 10**7, 1, "n"), ValueError,
     ["positions", "at most 10,000"]),
    ("a slider step wider than its range", lambda: widgets.float_slider(1, 0, 2, 5, "m"), ValueError,
     ["step must be at most high - low = 2", "could not move"]),
    ("a fractional step on a whole-number slider", lambda: widgets.int_slider(0, 0, 10, 0.5, "n"), TypeError,
     ["step must be a whole number", "float_slider"]),
    ("a slider bound in quotes", lambda: widgets.float_slider(1, 0, "5", 0.1, "m"), TypeError,
     ["high must be a number", "without quotes: high=5"]),
    ("no slider step at all", lambda: widgets.float_slider(1, 0, 5, None, "m"), TypeError,
     ["step must be a number", "None"]),
    ("a log slider with its exponents swapped", lambda: widgets.log_slider(0.1, 0, -4, "rate"), ValueError,
     ["high must be greater than low"]),
    ("a log slider starting at 0", lambda: widgets.log_slider(0, -4, 0, "rate"), ValueError,
     ["value must be greater than 0"]),
    ("a log slider given 10**low rather than low", lambda: widgets.log_slider(0.01, 0.0001, 1, "rate"), ValueError,
     ["value must be between 10**low", "powers of ten"]),
    ("a log slider past what a float holds", lambda: widgets.log_slider(1, -400, 0, "rate"), ValueError,
     ["low must be at least -300"]),
    ("a slider label that is not text", lambda: widgets.float_slider(1, 0, 5, 0.1, 3), TypeError,
     ["description must be text"]),
    ("a menu value that is not an option", lambda: widgets.dropdown(["AND", "OR"], "XOR", "gate"), ValueError,
     ["value must be one of 'AND', 'OR'", "'XOR'"]),
    ("a menu with no options", lambda: widgets.dropdown([], None, "gate"), ValueError, ["options is empty"]),
    ("a labelled menu's value that is not one of its values",
     lambda: widgets.dropdown([("(0, 1) -> 1", 1), ("(1, 0) -> 1", 2)], 3, "example"), ValueError, ["value"]),
    ("a menu over the letters of one word", lambda: widgets.dropdown("AND", "A", "gate"), TypeError,
     ["options must be a list"]),
    ("a plain value where play needs fixed()", lambda: widgets.play(plots.plot_perceptron, gate="OR"), TypeError,
     ["gate must be a control", "gate=widgets.fixed('OR')"]),
    ("a control for an argument the plot does not take",
     lambda: widgets.play(plots.plot_perceptron, stepz=widgets.int_slider(1, 0, 5, 1, "steps")), TypeError,
     ["plot_perceptron(gate", "unexpected keyword argument 'stepz'"]),
    ("a play whose every argument is fixed", lambda: widgets.play(plots.plot_perceptron, gate=widgets.fixed("OR")),
     ValueError, ["nothing to move", "(gate) is fixed", "call the plot function itself"]),
    ("a figure a hundred thousand inches wide", lambda: figure.new_figure(width=1e5), ValueError,
     ["width must be at most 20", "fill the memory", "width=5.0"]),
    ("a figure of negative height", lambda: figure.new_figure(height=-1), ValueError,
     ["height must be greater than 0"]),
    ("a picture asked of something that is not a figure", lambda: figure.png_output("fig"), TypeError,
     ["figure must be a matplotlib Figure", "'fig'"]),
    ("an error output of something that is not an exception", lambda: figure.error_output("oops"), TypeError,
     ["error must be an exception", "'oops'"]),
]


@pytest.mark.parametrize(("what", "call", "error", "words"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_gets_an_error_naming_the_argument_and_what_was_expected(what, call, error, words):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"{what}: the message lacks {missing}: {message!r}"


DIVERGING = [
    # (what the learner did, call, words the warning must contain)
    ("a network trained at a rate that blows up", lambda: neural.train_network(learning_rate=1e300, iterations=50,
                                                                                activation="relu"),
     ["train_network", "learning_rate=1e+300", "diverged after", "NaN", "smaller learning_rate"]),
    ("stochastic descent at a rate that blows up", lambda: regression.minibatch_descend([[1, 2], [2, 3], [3, 5]], 0,
                                                                                         0, 5.0, 50, 1),
     ["mini-batch descent", "learning_rate=5", "diverged after", "smaller learning_rate"]),
    ("an optimiser run at a rate that blows up (notebook 02's rate 0.4)", lambda: optimizers.run(
        optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, 0.5, 0.4, 60),
     ["learning_rate=0.4", "diverged after", "path stops", "smaller learning_rate"]),
    ("line fitting at a rate that blows up (notebook 03's rate 0.6)", lambda: regression.descend(
        [[1, 2], [2, 3], [3, 5]], 1, 1, 0.6, 2_000),
     ["gradient descent", "learning_rate=0.6", "diverged after", "smaller learning_rate"]),
]


def test_figures_that_show_a_divergence_in_a_note_do_not_warn_as_well():
    with warnings.catch_warnings():
        warnings.simplefilter("error", validate.DivergenceWarning)
        plots.plot_descent(lambda x: x**5 - 2 * x**3 - 2, lambda x: 5 * x**4 - 6 * x**2, 0.5, 0.4, 60)
        plots.plot_regression_fit([[1, 2], [2, 3], [3, 5]], 0.6, 100)


@pytest.mark.parametrize(("what", "call", "words"), DIVERGING, ids=[case[0] for case in DIVERGING])
def test_divergence_is_said_not_returned_as_numbers_without_a_word(what, call, words):
    with pytest.warns(validate.DivergenceWarning) as caught:
        call()
    message = str(caught[0].message)
    missing = [word for word in words if word not in message]
    assert not missing, f"{what}: the warning lacks {missing}: {message!r}"


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20, "issue 8 asks for at least 20 bad-input cases"
