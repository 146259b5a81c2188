"""Live figures (helpers/plots/figure.py): each figure that widgets.play updates instead of drawing afresh draws,
after update(values), the same pixels as the static plot function at those values, whatever values it showed
before; and the playground of notebook 05 trains on from where it stopped to the same numbers, bit for bit."""

import base64
import inspect
import io
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from course_notebooks import ROOT
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from helpers import checks, data, neural, optimizers, plots, validate, widgets
from helpers.plots import figure

sys.path.insert(0, str(ROOT / "benchmarks"))
import redraw  # noqa: E402  (reads the notebooks' widget cells)

RNG = np.random.default_rng(0)
IMAGES = RNG.random((12, 28, 28))
LABELS = np.arange(12) % 10
PROBABILITIES = RNG.dirichlet(np.ones(10), 12)


def error(x):
    return x**5 - 2 * x**3 - 2  # notebook 02's curve


def slope(x):
    return 5 * x**4 - 6 * x**2


# plot function: (its fixed arguments, the values a learner moves through, one after the other). Each list holds
# the edge cases: a diverging rate, no steps at all, a guess off the map, fewer hidden units, a wrong prediction.
CASES = {
    "plot_squares_and_surface": (
        plots.plot_squares_and_surface,
        {"points": checks.ARTICLE_POINTS, "m_range": (-1.2, 2.8), "b_range": (-6.3, 5.7)},
        [{"m": 0.5, "b": 1.0}, {"m": 2.6, "b": -6.0}, {"m": 4.0, "b": 9.0}, {"m": 0.5, "b": 1.0}],
    ),
    "plot_squares_and_surface, its own map": (
        plots.plot_squares_and_surface, {"points": checks.ARTICLE_POINTS, "m_range": None, "b_range": None},
        [{"m": 2.0, "b": 1.0}, {"m": -1.0, "b": 0.0}],
    ),
    "plot_descent": (
        plots.plot_descent, {"error": error, "slope": slope, "target": np.sqrt(6 / 5), "window": (-1.6, 1.9)},
        [{"start": 0.5, "learning_rate": 0.01, "num_steps": 60}, {"start": 1.8, "learning_rate": 0.6, "num_steps": 200},
         {"start": -1.5, "learning_rate": 0.3, "num_steps": 0}, {"start": 0.5, "learning_rate": 0.01, "num_steps": 60}],
    ),
    "plot_descent, no target": (
        plots.plot_descent, {"error": error, "slope": slope, "target": None, "window": (-1.6, 1.9)},
        [{"start": 1.0, "learning_rate": 0.05, "num_steps": 5}, {"start": -1.2, "learning_rate": 0.2, "num_steps": 30}],
    ),
    "plot_optimizer_paths": (
        plots.plot_optimizer_paths,
        {"surface": optimizers.saddle, "gradient": optimizers.saddle_gradient, "start": (-1.8, 0.001),
         "xlim": (-2, 2), "ylim": (-1.5, 1.5), "marks": {"saddle": (0, 0), "valley": (0, 1)}},
        [{"learning_rate": 0.05, "num_steps": 100}, {"learning_rate": 0.5, "num_steps": 300},
         {"learning_rate": 0.005, "num_steps": 0}, {"learning_rate": 0.05, "num_steps": 100}],
    ),
    "plot_regression_fit": (
        plots.plot_regression_fit,
        {"points": data.load_points("wheat_and_bread"), "starting_b": 1.0, "starting_m": 1.0, "num_snapshots": 5},
        [{"learning_rate": 0.01, "num_iterations": 100}, {"learning_rate": 0.6, "num_iterations": 100},
         {"learning_rate": 0.001, "num_iterations": 2000}, {"learning_rate": 0.01, "num_iterations": 2}],
    ),
    "plot_backward_step": (
        plots.plot_backward_step, {"weights": neural.init_network(seed=1)},
        [{"step": 0, "example": 2}, {"step": 3, "example": 2}, {"step": 6, "example": 0}, {"step": 1, "example": 3}],
    ),
    "plot_network_training": (
        plots.plot_network_training, {},
        [{"n_hidden": 4, "learning_rate": 1.0, "iterations": 500, "activation": "sigmoid", "seed": 1},
         {"n_hidden": 4, "learning_rate": 1.0, "iterations": 800, "activation": "sigmoid", "seed": 1},
         {"n_hidden": 2, "learning_rate": 10.0, "iterations": 300, "activation": "tanh", "seed": 2},
         {"n_hidden": 7, "learning_rate": 100.0, "iterations": 1000, "activation": "relu", "seed": 3},
         {"n_hidden": 4, "learning_rate": 1.0, "iterations": 200, "activation": "sigmoid", "seed": 1}],
    ),
    "plot_prediction": (
        plots.plot_prediction, {"images": IMAGES, "probabilities": PROBABILITIES, "labels": LABELS},
        [{"index": 0}, {"index": 5}, {"index": int(np.argmax(PROBABILITIES.argmax(axis=1) == LABELS))}],
    ),
}


def pixels(figure):
    """Return figure drawn to an RGBA array (laid out by its layout engine, if it has one)."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return np.asarray(Image.open(buffer))


def static_figure(plot_function, values):
    """Return the static figure the plot function draws at values, not drawn yet, still open."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", validate.DivergenceWarning)
        plot_function(**values)
    return plt.gcf()


def boxes_in_pixels(figure):
    """Return where each of figure's panels sits, in pixels (left, bottom, width, height)."""
    return np.array([axes.get_position(original=True).bounds for axes in figure.axes]) * np.tile(figure.bbox.size, 2)


def test_every_plot_function_that_notebooks_pass_to_play_has_a_live_form():
    assert {function.__name__ for function in widgets.LIVE_FORMS} == {
        "plot_squares_and_surface", "plot_descent", "plot_optimizer_paths", "plot_regression_fit",
        "plot_backward_step", "plot_network_training", "plot_prediction"}


@pytest.mark.parametrize("plot_function", list(widgets.LIVE_FORMS), ids=lambda function: function.__name__)
def test_a_live_form_takes_its_plot_functions_arguments_split_between_init_and_update(plot_function):
    live_form = widgets.LIVE_FORMS[plot_function]
    made_by = list(inspect.signature(live_form).parameters)
    updated_by = [name for name in inspect.signature(live_form.update).parameters if name != "self"]
    twice = set(made_by) & set(updated_by)
    assert not twice, f"{live_form.__name__} takes these both in __init__ and in update: {twice}"
    assert sorted(made_by + updated_by) == sorted(inspect.signature(plot_function).parameters), (
        f"{live_form.__name__}'s __init__{made_by} and update{updated_by} should take exactly the arguments of "
        f"{plot_function.__name__}")


@pytest.mark.parametrize("case", list(CASES))
def test_a_live_figure_after_each_update_draws_the_same_pixels_as_the_static_figure(case):
    """After each update, the live figure (laid out again by its engine) and the static figure at the same values,
    its panels put in the same places, are the same pixels. After the last, the static figure laid out on its own
    has its panels where the live one has them, give or take 1% of its size (a layout engine works from where the
    panels were: up to 12 pixels for the backward pass, whose texts reach out of their panel)."""
    plot_function, fixed, moves = CASES[case]
    live = widgets.LIVE_FORMS[plot_function](**fixed)
    try:
        for values in moves:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", validate.DivergenceWarning)
                live.update(**values)
            updated = pixels(live.figure)
            static = static_figure(plot_function, {**fixed, **values})
            static.set_layout_engine("none")
            for static_axes, live_axes in zip(static.axes, live.figure.axes, strict=True):
                static_axes.set_position(live_axes.get_position(original=True))
            fresh = pixels(static)
            plt.close(static)
            assert updated.shape == fresh.shape, f"{case} at {values}: sizes {updated.shape} and {fresh.shape} differ"
            differ = np.any(updated != fresh, axis=-1)
            assert not differ.any(), (f"{case} at {values}: {differ.sum()} pixels differ from the static figure, "
                                      f"rows {np.flatnonzero(differ.any(axis=1))[[0, -1]]}")
        static = static_figure(plot_function, {**fixed, **moves[-1]})
        FigureCanvasAgg(static).draw()
        moved = np.abs(boxes_in_pixels(live.figure) - boxes_in_pixels(static)).max()
        assert moved <= 0.01 * max(static.bbox.size), (
            f"{case} at {moves[-1]}: a panel of the live figure is {moved:.1f} pixels from the static figure's")
    finally:
        plt.close(live.figure)


def test_the_playground_trains_on_from_where_it_stopped_to_the_numbers_of_training_from_the_start():
    playground = widgets.LIVE_FORMS[plots.plot_network_training]()
    try:
        for iterations in (300, 1000, 1001):  # on from 300 to 1000, then one more
            run = playground.train(4, 1.0, iterations, "sigmoid", 1)
            fresh = neural.train_network("XOR", 4, 1.0, iterations, "sigmoid", 1)
            for name in ("losses", "worst_errors"):
                assert np.array_equal(getattr(run, name), getattr(fresh, name)), f"{name} after {iterations} differ"
            for went_on, from_start in zip(run.weights, fresh.weights, strict=True):
                assert np.array_equal(went_on, from_start), f"the weights after {iterations} updates differ"
    finally:
        plt.close(playground.figure)


@pytest.mark.parametrize(("activation", "learning_rate"), [("sigmoid", 1.0), ("tanh", 3.0), ("relu", 100.0)])
def test_train_more_gives_what_training_for_all_the_updates_at_once_gives(activation, learning_rate):
    went_on = neural.train_more(neural.train_network("XOR", 3, learning_rate, 40, activation, 2), 60)
    at_once = neural.train_network("XOR", 3, learning_rate, 100, activation, 2)
    assert np.array_equal(went_on.losses, at_once.losses)
    assert np.array_equal(went_on.worst_errors, at_once.worst_errors)
    assert all(np.array_equal(a, b) for a, b in zip(went_on.weights, at_once.weights, strict=True))
    assert went_on.learned_at() == at_once.learned_at() and went_on.diverged_at is at_once.diverged_at is None


def test_train_more_refuses_a_run_that_diverged():
    with pytest.warns(validate.DivergenceWarning):
        run = neural.train_network(activation="relu", learning_rate=1e300, iterations=50)
    with pytest.raises(ValueError, match="run diverged after .* smaller learning_rate"):
        neural.train_more(run, 10)


def test_play_with_notebook_02s_own_sliders_redraws_and_going_back_draws_the_first_picture_again():
    (plot_function, controls), _ = redraw.widgets_of("02")  # the controls as the notebook's cell makes them
    assert plot_function is plots.plot_descent
    panel = widgets.play(plot_function, **controls)
    first = panel.children[-1].outputs
    assert "image/png" in first[0]["data"], f"play should show the figure, got {first}"
    start, rate = controls["start"], controls["learning_rate"]
    values = start.value, rate.value
    rate.value, start.value = rate.max, start.max  # diverges: notes, triangles, other limits
    assert panel.children[-1].outputs != first, "moving the sliders should redraw the figure"
    rate.value, start.value = values[1], values[0]
    assert panel.children[-1].outputs == first, "the first values again should draw the first picture again"
    assert plt.get_fignums() == [], "the live figure should stay out of pyplot's list of figures"


def test_a_refused_value_shows_its_error_and_the_next_move_draws_again():
    rate = widgets.dropdown(["fast", 0.05], "fast", "learning rate")
    panel = widgets.play(plots.plot_optimizer_paths, surface=widgets.fixed(optimizers.saddle),
                         gradient=widgets.fixed(optimizers.saddle_gradient), start=widgets.fixed((-1.8, 0.001)),
                         learning_rate=rate, num_steps=widgets.int_slider(100, 0, 300, 5, "steps"))
    (output,) = panel.children[-1].outputs
    assert output["output_type"] == "error" and "learning_rate" in output["evalue"], output
    rate.value = 0.05
    (output,) = panel.children[-1].outputs
    assert "image/png" in output.get("data", {}), f"a good value after a refused one should draw, got {output}"
    assert plt.get_fignums() == [], "play should leave no figure open in pyplot's list"


# A value each update refuses at its door, and the argument its error names.
REFUSED = {
    "plot_squares_and_surface": ({"m": "2", "b": 1.0}, "m"),
    "plot_descent": ({"start": 0.5, "learning_rate": 0.01, "num_steps": 10**6}, "num_steps"),
    "plot_optimizer_paths": ({"learning_rate": float("nan"), "num_steps": 100}, "learning_rate"),
    "plot_regression_fit": ({"learning_rate": 0.01, "num_iterations": 0}, "num_iterations"),
    "plot_backward_step": ({"step": 9, "example": 2}, "step"),
    "plot_network_training": ({"n_hidden": 0, "learning_rate": 1.0, "iterations": 100, "activation": "sigmoid",
                               "seed": 1}, "n_hidden"),
    "plot_prediction": ({"index": 99}, "index"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_update_refuses_a_bad_value_at_its_door_and_leaves_the_figure_as_it_was(case):
    plot_function, fixed, moves = CASES[case]
    refused, name = REFUSED[case]
    live = widgets.LIVE_FORMS[plot_function](**fixed)
    try:
        live.update(**moves[0])
        before = pixels(live.figure)
        live.figure.set_layout_engine("none")  # as play keeps it: a second layout would move the panels a pixel
        with pytest.raises((TypeError, ValueError), match=name):
            live.update(**refused)
        assert np.array_equal(pixels(live.figure), before), f"{case}: a refused value should change nothing"
    finally:
        plt.close(live.figure)


class LiveLine:
    """A live form as the course writes them, small: a line from (0, 0) to (1, m) whose y axis follows m."""

    def __init__(self):
        self.figure, self.axes = plt.subplots(figsize=(4, 3), layout="constrained")
        (self.line,) = self.axes.plot([0, 1], [0, 0])

    def update(self, m):
        self.line.set_data([0, 1], [0, m])
        self.axes.relim()
        self.axes.autoscale_view()


def draw_live_line(m):
    figure.show(LiveLine(), m=m)


def ink_columns(panel):
    """Return the first and last columns of the picture a play() panel shows that hold anything but white."""
    outputs = panel.children[-1].outputs
    picture = np.asarray(Image.open(io.BytesIO(base64.b64decode(outputs[0]["data"]["image/png"]))))
    inked = np.flatnonzero(np.any(picture[..., :3] < 250, axis=-1).any(axis=0))
    return inked[0], inked[-1]


def test_play_lays_a_live_figure_out_again_when_its_tick_labels_grow(monkeypatch):
    monkeypatch.setitem(widgets.LIVE_FORMS, draw_live_line, LiveLine)
    slider = widgets.float_slider(1.0, 0, 2000, 0.5, "m")
    moved = widgets.play(draw_live_line, m=slider)
    slider.value = 1500.0  # y tick labels from "1.0" to "1500": the first layout's margin would cut them
    fresh = widgets.play(draw_live_line, m=widgets.float_slider(1500.0, 0, 2000, 0.5, "m"))
    first, _ = ink_columns(moved)
    assert first > 0, "the tick labels should not be cut at the figure's left edge"
    assert abs(first - ink_columns(fresh)[0]) <= 2, "the labels should sit where a first drawing at 1500 puts them"
