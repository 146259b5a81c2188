"""helpers.plots, section 01-03: each figure draws what the notebooks say it draws, and survives divergence."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch, Rectangle

from helpers import checks, data, optimizers, plots, regression

ARTICLE_POINTS = checks.ARTICLE_POINTS
WHEAT_AND_BREAD = data.load_points("wheat_and_bread")


def error(x):
    return x**5 - 2 * x**3 - 2


def slope(x):
    return 5 * x**4 - 6 * x**2


def titles():
    return [ax.get_title() for ax in plt.gcf().axes]


def test_squares_have_the_squared_residuals_as_areas_and_the_error_in_the_title():
    plots.plot_squares_and_surface(ARTICLE_POINTS, m=2, b=1)
    left, right = plt.gcf().axes[:2]
    squares = [p for p in left.patches if isinstance(p, Rectangle)]
    assert sorted(round(p.get_width() * p.get_height(), 9) for p in squares) == [1.0, 16.0, 49.0]
    assert all(np.isclose(p.get_width(), p.get_height()) for p in squares), "residuals are drawn as squares"
    assert "22.000" in left.get_title(), "the title shows the article's error, 22.0"
    assert left.get_aspect() == 1.0, "equal axes, or the squares would not look square"
    marker = [line for line in right.lines if line.get_marker() == "o"][0]
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (2, 1), "the guess is marked on the surface"
    assert right.get_xlabel().startswith("m") and right.get_ylabel().startswith("b")


def test_a_guess_off_the_map_is_clipped_and_said():
    plots.plot_squares_and_surface(ARTICLE_POINTS, m=50, b=1, m_range=(0, 3), b_range=(-5, 5))
    right = plt.gcf().axes[1]
    marker = [line for line in right.lines if line.get_marker() == "o"][0]
    assert marker.get_xdata()[0] == 3
    assert any("off this map" in text.get_text() for text in right.texts)


def test_squares_and_surface_draws_points_on_one_straight_line_whose_best_error_is_zero():
    plots.plot_squares_and_surface(np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]]), m=1, b=1)
    plt.gcf().canvas.draw()  # the error map's log scale used to fail on the error of 0 at the best line
    assert "mean squared error = 0.000" in plt.gcf().axes[0].get_title()


def test_descent_plot_draws_every_step_and_the_final_x():
    plots.plot_descent(error, slope, start=0.5, learning_rate=0.01, num_steps=60, target=np.sqrt(1.2))
    curve, xs_ax, slope_ax = plt.gcf().axes[:3]
    assert "1.0928" in curve.get_title()
    assert len(xs_ax.lines[0].get_xdata()) == 61, "x at every step, the start included"
    assert xs_ax.lines[0].get_ydata()[-1] == pytest.approx(1.0928, abs=1e-4)
    arrows = [patch for patch in curve.patches if isinstance(patch, FancyArrowPatch) and patch.get_visible()]
    assert len(arrows) == 60, "one arrow per step"
    labels = [text.get_text() for text in xs_ax.get_legend().get_texts()]
    assert labels == ["local minimum 1.0954"], f"the curve has no lowest point: a local minimum, not {labels}"


@pytest.mark.parametrize(("start", "rate"), [(0.5, 0.4), (-1.2, 0.01), (0.5, 5.0)])
def test_descent_plot_survives_divergence_and_says_so(start, rate):
    with np.errstate(all="raise"):
        plots.plot_descent(error, slope, start=start, learning_rate=rate, num_steps=200)
    curve, xs_ax, _ = plt.gcf().axes[:3]
    assert "diverged" in curve.get_title()
    assert any("diverged" in text.get_text() for text in curve.texts)
    low, high = xs_ax.get_ylim()
    assert low > -2 and high < 2.5, "runaway values are clipped to the window, not plotted at 1e24"


def test_optimizer_paths_draw_five_paths_from_the_start():
    plots.plot_optimizer_paths(optimizers.saddle, optimizers.saddle_gradient, (-1.8, 0.001), 0.05, 50,
                               marks={"saddle": (0, 0)})
    paths_ax, height_ax = plt.gcf().axes[:2]
    labels = [text.get_text() for text in paths_ax.get_legend().get_texts()]
    assert labels == list(optimizers.OPTIMIZERS)
    paths = [line for line in paths_ax.lines if line.get_label() in labels]
    assert all(len(line.get_xdata()) == 51 and line.get_xdata()[0] == -1.8 for line in paths)
    assert any(text.get_text() == "saddle" for text in paths_ax.texts)
    assert len(height_ax.lines) == 5


def test_optimizer_paths_survive_a_huge_learning_rate():
    plots.plot_optimizer_paths(optimizers.saddle, optimizers.saddle_gradient, (-1.8, 0.5), 5.0, 100)
    assert any("diverged" in text.get_text() for text in plt.gcf().axes[1].texts)


def test_regression_fit_shows_snapshots_least_squares_and_a_log_cost():
    plots.plot_regression_fit(WHEAT_AND_BREAD, learning_rate=0.01, num_iterations=100, num_snapshots=5)
    fit_ax, cost_ax = plt.gcf().axes[:2]
    labels = [line.get_label() for line in fit_ax.lines]
    assert labels == ["step 0", "step 25", "step 50", "step 75", "step 100", "least squares"]
    assert "b = 3.30, m = 2.97" in fit_ax.get_title()
    assert cost_ax.get_yscale() == "log" and len(cost_ax.lines[0].get_ydata()) == 101


@pytest.mark.parametrize(("rate", "steps"), [(0.9, 5000), (0.55, 100)])
def test_regression_fit_survives_divergence_and_says_so(rate, steps):
    with np.errstate(all="raise"):
        plots.plot_regression_fit(WHEAT_AND_BREAD, learning_rate=rate, num_iterations=steps)
    assert "diverged" in plt.gcf().axes[0].get_title(), "a run whose error grows (slowly at 0.55) has diverged"


def test_batch_vs_stochastic_draws_one_curve_per_batch_size():
    points = regression.noisy_line(40, 4, 2, 0.5)
    plots.plot_batch_vs_stochastic(points, learning_rate=0.05, num_epochs=2, batch_sizes=(None, 10, 1))
    ax = plt.gcf().axes[0]
    curves = ax.lines[:3]
    assert [len(line.get_xdata()) for line in curves] == [3, 9, 81], "steps: 1, 4 and 40 per pass, plus the start"
    assert all(line.get_xdata()[-1] == pytest.approx(2) for line in curves), "every curve ends after 2 passes"
    assert ax.get_yscale() == "log"


def test_a_mini_batch_curve_ends_at_its_last_pass_when_the_batches_do_not_divide_the_points():
    points = regression.noisy_line(100, 4, 2, 0.5)
    plots.plot_batch_vs_stochastic(points, learning_rate=0.05, num_epochs=3, batch_sizes=(32,))
    passes = plt.gcf().axes[0].lines[0].get_xdata()
    assert len(passes) == 13 and passes[-1] == pytest.approx(3), (
        f"4 steps a pass (32, 32, 32 and 4 points) for 3 passes should end at 3 passes, not {passes[-1]:.2f}"
    )


def test_the_regression_figure_says_error_and_step_as_the_notebook_does():
    plots.plot_regression_fit(WHEAT_AND_BREAD, learning_rate=0.01, num_iterations=100)
    fit_ax, cost_ax = plt.gcf().axes[:2]
    assert cost_ax.get_title() == "error after each step (last 0.1171)" and cost_ax.get_xlabel() == "step"
    assert "100 steps" in fit_ax.get_title()


def test_the_meridian_figure_reads_its_axes_in_degrees_and_toises():
    arcs = data.load_points("meridian_arcs")
    points = np.column_stack([arcs[:, 0] / 10, (arcs[:, 1] - 56_700) / 100])
    units = {"x": ("latitude (degrees)", 10, 0), "y": ("one degree of the meridian (toises)", 100, 56_700)}
    plots.plot_squares_and_surface(points, m=0.8, b=0.0, units=units)
    left = plt.gcf().axes[0]
    plt.gcf().canvas.draw()
    assert (left.get_xlabel(), left.get_ylabel()) == (units["x"][0], units["y"][0])
    x_ticks = {tick.get_position()[0]: tick.get_text() for tick in left.get_xticklabels()}
    y_ticks = {tick.get_position()[1]: tick.get_text() for tick in left.get_yticklabels()}
    assert x_ticks.get(2.0) == "20" and y_ticks.get(3.0) == "57,000", (x_ticks, y_ticks)


def test_the_meridian_line_says_in_its_legend_which_units_its_slope_and_intercept_are_in():
    arcs = data.load_points("meridian_arcs")
    points = np.column_stack([arcs[:, 0] / 10, (arcs[:, 1] - 56_700) / 100])
    units = {"x": ("latitude (degrees)", 10, 0), "y": ("one degree of the meridian (toises)", 100, 56_700)}
    plots.plot_squares_and_surface(points, m=0.8, b=0.0, units=units)
    line_label = plt.gcf().axes[0].get_legend().get_texts()[0].get_text()
    assert line_label == "y = 0.80x + 0.00, where\nx = degrees / 10\ny = (toises \u2212 56,700) / 100", line_label
    plots.plot_squares_and_surface(ARTICLE_POINTS, m=2, b=1)
    assert plt.gcf().axes[0].get_legend().get_texts()[0].get_text() == "y = 2.00x + 1.00", "plain units need no note"


@pytest.mark.parametrize(
    ("call", "error_type", "words"),
    [
        (lambda: plots.plot_squares_and_surface([1, 2, 3], 1, 1), ValueError, "points"),
        (lambda: plots.plot_squares_and_surface(ARTICLE_POINTS, "2", 1), TypeError, "m must be a number"),
        (lambda: plots.plot_descent(error, slope, learning_rate="big"), TypeError, "learning_rate"),
        (lambda: plots.plot_descent(error, 3), TypeError, "slope"),
        (lambda: plots.plot_descent(error, slope, num_steps=-1), ValueError, "num_steps"),
        (lambda: plots.plot_optimizer_paths(optimizers.saddle, optimizers.saddle_gradient, (1, 2, 3)), ValueError,
         "start"),
        (lambda: plots.plot_regression_fit(WHEAT_AND_BREAD, num_iterations=0), ValueError, "num_iterations"),
        (lambda: plots.plot_batch_vs_stochastic(WHEAT_AND_BREAD, batch_sizes=(0,)), ValueError, "batch_sizes"),
        (lambda: plots.plot_squares_and_surface(ARTICLE_POINTS, 2, 1, m_range=(3, 1)), ValueError,
         r"m_range must be \(low, high\) with low < high.*put the smaller number first"),
        (lambda: plots.plot_squares_and_surface(ARTICLE_POINTS, 2, 1, units={"x": ("x", 1, 0)}), TypeError,
         "units must be None or a dict with the keys 'x' and 'y'"),
        (lambda: plots.plot_squares_and_surface(ARTICLE_POINTS, 2, 1, units={"x": ("x", 0, 0), "y": ("y", 1, 0)}),
         ValueError, r"units\['x'\] scale must be greater than 0"),
        (lambda: plots.plot_descent(error, slope, window=(2, 1)), ValueError, "window must be .low, high."),
        (lambda: plots.plot_descent(error, slope, target="1.09"), TypeError, "target must be a number"),
        (lambda: plots.plot_optimizer_paths(optimizers.saddle, optimizers.saddle_gradient, (1, 2), xlim=(1, 1)),
         ValueError, "xlim must be .low, high. with low < high"),
        (lambda: plots.plot_optimizer_paths(optimizers.saddle, "gradient", (1, 2)), TypeError,
         "gradient must be a function"),
        (lambda: plots.plot_regression_fit(WHEAT_AND_BREAD, starting_b="1"), TypeError, "starting_b must be a number"),
    ],
)
def test_bad_inputs_name_the_argument(call, error_type, words):
    with pytest.raises(error_type, match=words):
        call()
