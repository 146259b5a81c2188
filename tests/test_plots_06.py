"""helpers.plots section 06 and helpers.checks section 06: figures draw what they say, bad input is named,
and the exercise checks accept the right answers and explain wrong ones."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import checks, convnet, plots

RNG = np.random.default_rng(0)
IMAGES = RNG.random((12, 28, 28))
LABELS = np.arange(12) % 10


def test_plot_digits_titles_mistakes_in_red():
    predicted = LABELS.copy()
    predicted[3] = 9
    plots.plot_digits(IMAGES, LABELS, predicted, ncols=6)
    titles = [ax.get_title() for ax in plt.gcf().axes]
    assert titles[3] == "true 3, said 9" and titles[0] == "0" and len(plt.gcf().axes) == 12


def test_plot_digits_accepts_network_shaped_images_and_rejects_flat_ones():
    plots.plot_digits(IMAGES[..., None], LABELS)
    with pytest.raises(ValueError, match="images must have shape"):
        plots.plot_digits(IMAGES.reshape(12, -1), LABELS)
    with pytest.raises(ValueError, match="labels must have shape"):
        plots.plot_digits(IMAGES, LABELS[:3])


def test_plot_confusion_counts_right_answers_in_the_title():
    matrix = convnet.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], n_classes=3)
    plots.plot_confusion(matrix)
    assert plt.gcf().axes[0].get_title().startswith("3 of 4 right")
    with pytest.raises(ValueError, match="square"):
        plots.plot_confusion(np.zeros((2, 3)))


def test_plot_filters_draws_one_panel_per_filter():
    plots.plot_filters(RNG.normal(size=(3, 3, 1, 32)))
    assert sum(1 for ax in plt.gcf().axes if ax.images) == 32
    with pytest.raises(ValueError, match="weights must have shape"):
        plots.plot_filters(RNG.normal(size=(3, 3, 32)))


def test_plot_prediction_names_the_networks_answer():
    probabilities = np.full((12, 10), 0.01)
    probabilities[np.arange(12), LABELS] = 0.91
    plots.plot_prediction(4, IMAGES, probabilities, LABELS)
    assert plt.gcf().axes[1].get_title() == "the network says 4 (91.0%)"
    with pytest.raises(ValueError, match="index must be at most 11"):
        plots.plot_prediction(12, IMAGES, probabilities, LABELS)


def said(capsys):
    return capsys.readouterr().out.strip()


def test_exercise_checks_accept_right_answers(capsys):
    checks.check_valid_conv_shape((24, 24, 32))
    checks.check_conv_parameters(5 * 5 * 32 * 64 + 64)
    checks.check_cross_entropy(lambda p, label: -np.log(p[label]))
    checks.check_accuracy_function(lambda p, y: np.mean(np.argmax(p, axis=1) == np.asarray(y)))
    lines = said(capsys).splitlines()
    assert len(lines) == 4 and all(line.startswith(checks.PASS) for line in lines), lines


def test_exercise_checks_explain_wrong_and_unanswered_answers(capsys):
    checks.check_valid_conv_shape((28, 28, 32))
    assert "'valid' adds no zeros" in said(capsys)
    checks.check_conv_parameters(51_200)
    assert "bias" in said(capsys)
    checks.check_cross_entropy(lambda p, label: 1 - p[label])
    assert said(capsys).startswith(checks.FAIL)
    checks.check_accuracy_function(...)
    assert said(capsys).startswith(f"{checks.TODO} accuracy_of:"), "the feedback names notebook 06's accuracy_of"
