"""helpers.plots, section 04-05: the perceptron and network figures draw what they say, and reject bad input."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import neural, plots


def titles():
    return [ax.get_title() for ax in plt.gcf().axes]


def test_plot_perceptron_shows_or_all_right_with_its_line_and_four_points():
    plots.plot_perceptron("OR")
    ax = plt.gcf().axes[0]
    assert ax.get_title() == "OR after 100 updates: all 4 right"
    assert len(ax.lines) == 1  # the decision line
    ones, zeros = ax.collections[-2:]  # no ring: the last collections are the points (1: circles, 0: squares)
    assert (len(ones.get_offsets()), len(zeros.get_offsets())) == (3, 1), "OR: three rows give 1, one gives 0"
    assert any("the line: 0.42·x1 + 0.72·x2 − 0.20 = 0" in text.get_text() for text in ax.texts)


def test_plot_perceptron_rings_the_points_it_gets_wrong_on_xor():
    plots.plot_perceptron("XOR")
    ax = plt.gcf().axes[0]
    assert "of 4 wrong (ringed)" in ax.get_title()
    rings = ax.collections[-1]
    assert len(rings.get_offsets()) >= 1 and len(rings.get_facecolor()) == 0  # hollow rings


def test_plot_perceptron_rejects_an_unknown_gate():
    with pytest.raises(ValueError, match="gate must be one of"):
        plots.plot_perceptron("NOR")


def test_plot_line_history_draws_one_dashed_line_per_move_and_the_last_line_solid():
    run = neural.train_perceptron("AND", 0.2, 40, 1)
    moves = int(np.sum(np.any(np.diff(run.history, axis=0) != 0, axis=1)))
    plots.plot_line_history("AND", 0.2, 40, 1)
    ax = plt.gcf().axes[0]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == moves and len(ax.lines) == moves + 1
    notes = [text.get_text() for text in ax.texts]
    assert any(f"the last of its {moves} moves" in note for note in notes), "the figure says what is dashed"
    assert min(line.get_alpha() for line in dashed) >= 0.4, "the earliest dashed line should still be easy to see"
    alphas = [line.get_alpha() for line in dashed]
    assert alphas == sorted(alphas) and alphas[0] < alphas[-1], "the later a line, the less faint"
    moved_at = ["0"] + [str(i + 1) for i in np.flatnonzero(np.any(np.diff(run.history, axis=0) != 0, axis=1))][:-1]
    numbers = [text.get_text() for text in ax.texts if text.get_text().isdigit() and text.get_fontweight() != "bold"]
    assert numbers == moved_at, (
        "each dashed line should carry the number of the update after which it stood"
    )


def test_the_perceptron_figures_notes_sit_under_the_square_and_no_label_box_hides_a_line():
    for draw in (lambda: plots.plot_perceptron("OR"), lambda: plots.plot_line_history("AND", 0.2, 40, 1)):
        draw()
        figure = plt.gcf()
        ax = figure.axes[0]
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        square_bottom = ax.get_window_extent(renderer).y0
        notes = [text for text in ax.texts if "line" in text.get_text()]
        assert notes and all(text.get_window_extent(renderer).y1 < square_bottom for text in notes), (
            "the figure's note should be printed under the square, not over it"
        )
        assert all(text.get_bbox_patch() is None for text in ax.texts), "a label should not sit on a box over lines"
        plt.close(figure)


def test_plot_mistakes_per_epoch_has_a_panel_per_gate_and_xor_never_reaches_zero():
    plots.plot_mistakes_per_epoch(epochs=40)
    assert len(plt.gcf().axes) == 4
    xor = plt.gcf().axes[3]
    assert xor.get_title().startswith("XOR: never all right")
    assert min(xor.lines[0].get_ydata()) >= 1
    assert plt.gcf().axes[1].get_title().startswith("OR: all right from epoch")


def test_plot_mistakes_per_epoch_accepts_one_gate_by_name_and_rejects_others():
    plots.plot_mistakes_per_epoch("XOR", epochs=200)
    assert len(plt.gcf().axes) == 1 and len(plt.gcf().axes[0].lines[0].get_ydata()) == 200
    with pytest.raises(ValueError, match="gates must be one of"):
        plots.plot_mistakes_per_epoch(("OR", "XNOR"))
    with pytest.raises(ValueError, match="gates must name at least one gate"):
        plots.plot_mistakes_per_epoch(())


def test_plot_loss_uses_log_scales_and_marks_when_xor_was_learned():
    run = neural.train_network(iterations=2000)
    plots.plot_loss(run)
    ax = plt.gcf().axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert len(ax.lines[0].get_ydata()) == 2000
    assert ax.lines[1].get_xdata()[0] == run.learned_at()
    assert f"after {run.learned_at():,} updates" in ax.get_title()


def test_plot_loss_says_when_a_run_did_not_learn():
    plots.plot_loss(neural.train_network(n_hidden=2, iterations=500))
    assert "not learned in 500 updates" in plt.gcf().axes[0].get_title()
    with pytest.raises(TypeError, match="run must be what neural.train_network"):
        plots.plot_loss([0.5, 0.4])


def test_plot_snapshots_draws_one_panel_per_snapshot():
    run = neural.train_network(iterations=600, snapshots=(0, 100, 600))
    plots.plot_snapshots(run)
    assert titles() == ["after 0 updates", "after 100 updates", "after 600 updates"]
    with pytest.raises(ValueError, match="run has no snapshots"):
        plots.plot_snapshots(neural.train_network(iterations=5))


def test_plot_hidden_units_draws_each_unit_and_then_the_output():
    weights = neural.train_network(iterations=600).weights
    plots.plot_hidden_units(weights)
    names = titles()
    assert len(names) == 5 and names[0].startswith("hidden unit 1\nweight to output")
    assert names[-1].startswith("the output")
    labels = [text.get_text() for text in plt.gcf().axes[0].texts]
    assert len(labels) == 4 and all(label.replace(".", "").isdigit() for label in labels)


def test_plot_hidden_units_rejects_weights_that_do_not_fit_together():
    syn_0, syn_1 = neural.init_network()
    with pytest.raises(ValueError, match=r"weights\[1\] \(syn_1\)"):
        plots.plot_hidden_units((syn_0, syn_1[:2]))


def test_plot_network_training_shows_the_loss_and_the_output_surface():
    plots.plot_network_training(iterations=1000, activation="tanh")
    left, right = plt.gcf().axes[:2]
    assert left.get_title().startswith("tanh, rate 1:") and right.get_title().startswith("after 1,000 updates")
    plt.close("all")
    plots.plot_network_training(n_hidden=4, iterations=1000, activation="relu")
    assert "not learned" in plt.gcf().axes[0].get_title()


def test_draw_points_and_draw_surface_check_their_arguments():
    fig, ax = plots.new_figure()
    with pytest.raises(ValueError, match=r"targets must have shape \(4\)"):
        plots.draw_points(ax, [0, 1, 1])
    with pytest.raises(ValueError, match="labels must hold one text per point"):
        plots.draw_points(ax, [0, 1, 1, 0], labels=["a"])
    with pytest.raises(TypeError, match="predict must be a function"):
        plots.draw_surface(ax, [0, 1])
