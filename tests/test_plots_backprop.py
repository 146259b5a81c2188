"""helpers.plots.backprop: the backward-pass stepper of notebook 05 computes the article's gradients for one example,
reveals them one step at a time, draws with the course palette (telling states apart by line style too), and
rejects bad input with a message that names the argument."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import neural, plots
from helpers.palette import OKABE_ITO, WHITE
from helpers.plots import backprop


@pytest.mark.parametrize("example", range(4))
def test_the_steps_equal_the_article_gradients_for_one_example(example):
    weights = neural.init_network(seed=1)
    inputs, targets = neural.gate_data("XOR")
    story = backprop.backward_pass(weights, example)
    grad_0, grad_1 = neural.gradients(weights, inputs[example:example + 1], targets[example:example + 1, None])
    assert np.allclose(story.gradients["∂L/∂syn_0"], grad_0)
    assert np.allclose(story.gradients["∂L/∂syn_1"], grad_1[:, 0])


def test_every_step_can_be_checked_by_hand_from_the_numbers_on_show():
    story = backprop.backward_pass(example=2)
    g = story.gradients
    weights = neural.init_network(seed=1)
    assert np.array_equal(story.syn_1, weights[1][:, 0])
    assert np.isclose(g["∂L/∂a₂"], story.a2 - story.target)
    assert np.isclose(g["δ₂"], g["∂L/∂a₂"] * story.a2 * (1 - story.a2))
    assert np.allclose(g["∂L/∂syn_1"], story.a1 * g["δ₂"])
    assert np.allclose(g["∂L/∂a₁"], story.syn_1 * g["δ₂"])
    assert np.allclose(g["δ₁"], g["∂L/∂a₁"] * story.a1 * (1 - story.a1))
    assert np.allclose(g["∂L/∂syn_0"], np.outer(story.x, g["δ₁"]))
    plots.plot_backward_step(4, example=2)
    fig = plt.gcf()
    panel = fig.axes[1].texts[0].get_text()
    step_4 = panel.split("4. ")[1].split("5. ")[0] if "5. " in panel else panel.split("4. ")[1]
    for j, w in enumerate(story.syn_1):
        assert f"{w:+.5f}" in step_4, f"step 4 multiplies by syn_1[{j}] = {w:+.5f}, not shown in {step_4!r}"
    edges = " ".join(t.get_text() for t in fig.axes[0].texts)
    for j, w in enumerate(story.syn_1):
        assert f"syn_1[{j}] {w:+.3f}" in edges and f"∂L/∂syn_1[{j}] {g['∂L/∂syn_1'][j]:+.4f}" in edges


def test_the_weights_are_shown_on_their_edges_before_any_gradient_is_known():
    plots.plot_backward_step(0)
    edges = " ".join(t.get_text() for t in plt.gcf().axes[0].texts)
    assert "syn_1[0]" in edges and "∂L/∂syn_1" not in edges


def test_the_deltas_match_finite_differences_at_the_weighted_sums():
    story = backprop.backward_pass(example=2)
    # delta_2 = dL/dz_2: nudge the output's sum directly
    z_2 = np.log(story.a2 / (1 - story.a2))
    eps = 1e-6

    def loss_at(z):
        return 0.5 * (1 / (1 + np.exp(-z)) - story.target) ** 2

    assert np.isclose(story.gradients["δ₂"], (loss_at(z_2 + eps) - loss_at(z_2 - eps)) / (2 * eps), atol=1e-9)


def test_gradients_become_known_one_step_at_a_time():
    story = backprop.backward_pass()
    known = [story.known_after(step) for step in range(plots.LAST_BACKWARD_STEP + 1)]
    assert known[0] == []
    assert known[-1] == [name for name, *_ in backprop.STEPS]
    for before, after in zip(known, known[1:], strict=False):
        assert after[:-1] == before and len(after) == len(before) + 1


def _colours(fig):
    """Return every colour the figure's lines, markers and text draw with, as lower-case hex."""
    found = set()
    for ax in fig.axes:
        for line in ax.get_lines():
            found.add(mcolors.to_hex(line.get_color()))
        for collection in ax.collections:
            for rgba in list(collection.get_facecolors()) + list(collection.get_edgecolors()):
                found.add(mcolors.to_hex(rgba))
        for text in ax.texts:
            found.add(mcolors.to_hex(text.get_color()))
    return found


@pytest.mark.parametrize("step", range(plots.LAST_BACKWARD_STEP + 1))
def test_every_step_draws_with_the_palette_only(step):
    plots.plot_backward_step(step)
    allowed = {c.lower() for c in (*OKABE_ITO, WHITE)}
    used = _colours(plt.gcf())
    assert used <= allowed, f"step {step} draws with colours outside the palette: {sorted(used - allowed)}"


def test_known_and_unknown_connections_differ_in_line_style_not_only_colour():
    plots.plot_backward_step(3)
    network = plt.gcf().axes[0]
    styles = {(mcolors.to_hex(line.get_color()), line.get_linestyle()) for line in network.get_lines()}
    assert (backprop.UNKNOWN.lower(), ":") in styles  # syn_0: not known yet, dotted
    assert (backprop.NEW.lower(), "-") in styles      # syn_1: found in step 3, solid
    widths = {line.get_linewidth() for line in network.get_lines()}
    assert len(widths) >= 2


def test_the_text_panel_lists_each_step_with_the_article_name():
    plots.plot_backward_step(plots.LAST_BACKWARD_STEP)
    text = plt.gcf().axes[1].texts[0].get_text()
    for name in ("layer_2_delta", "layer_1_error", "layer_1_delta", "layer_1.T.dot(layer_2_delta)"):
        assert name in text
    assert "▶ 6." in text


def test_the_last_step_prints_the_syn_0_gradient_without_negative_zeros():
    plots.plot_backward_step(plots.LAST_BACKWARD_STEP, example=2)
    text = plt.gcf().axes[1].texts[0].get_text()
    x2_row = next(line for line in text.splitlines() if "x₂ row" in line)
    assert "-0.00000" not in x2_row and "+0.00000" in x2_row


@pytest.mark.parametrize("kwargs, words", [
    ({"step": 7}, "step must be at most 6"),
    ({"step": -1}, "step must be at least 0"),
    ({"step": 1.5}, "step must be a whole number"),
    ({"example": 4}, "example must be at most 3"),
    ({"weights": (np.zeros((2, 4)), np.zeros((4, 1)))}, "3-4-1"),
    ({"weights": (np.zeros((3, 5)), np.zeros((5, 1)))}, "3-4-1"),
    ({"weights": neural.init_network(3, (4, 4))}, "3-4-1"),
    ({"weights": "weights"}, "weights must be a tuple"),
    ({"weights": (np.full((3, 4), np.nan), np.zeros((4, 1)))}, "NaN"),
    ({"example": "2"}, "example must be a whole number"),
])
def test_bad_input_is_named(kwargs, words):
    with pytest.raises((TypeError, ValueError), match=words.replace("(", r"\(")):
        plots.plot_backward_step(**kwargs)


def test_the_engine_figure_tells_its_three_runs_apart_by_marker_and_line_style():
    run = neural.train_network(iterations=40)
    plots.plot_engine_training(run.losses[:40], run.losses[:40], run.losses[:40] * 2)
    ax = plt.gcf().axes[0]
    styles = {(line.get_linestyle(), line.get_marker()) for line in ax.lines}
    assert styles == {("-", "None"), ("None", "o"), ("--", "None")}, styles
    assert ax.get_yscale() == "log" and len(ax.get_legend().get_texts()) == 3
    plt.close("all")


@pytest.mark.parametrize(("args", "words"), [
    (([0.5, 0.4], [0.5]), r"article_losses must have shape \(2\)"),
    (("losses", [0.5]), "engine_losses must be numbers"),
    (([0.5, 0.4], [0.5, 0.4], [0.5]), r"without_reset must have shape \(2\)"),
])
def test_the_engine_figure_names_bad_input(args, words):
    with pytest.raises((TypeError, ValueError), match=words):
        plots.plot_engine_training(*args)
    plt.close("all")
