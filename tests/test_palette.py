"""The course palette: every public figure in helpers.plots (the live training plot's too) draws its
lines, markers, shapes and text in Okabe and Ito's eight colours (or white, the paper); continuous scales (images,
shaded maps) use colour maps."""

import inspect

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PathCollection
from matplotlib.patches import Patch
from matplotlib.text import Text

from helpers import checks, convnet, data, handwriting, history, neural, optimizers, plots, regression
from helpers.palette import OKABE_ITO, PALETTE, WHITE
from helpers.plots import training as training_plots

ALLOWED = {mcolors.to_hex(c) for c in (*OKABE_ITO, WHITE)}
RNG = np.random.default_rng(0)
IMAGES = RNG.random((12, 28, 28))
LABELS = np.arange(12) % 10
PROBABILITIES = np.full((12, 10), 0.02)
PROBABILITIES[np.arange(12), (LABELS + 1) % 10] = 0.82  # every answer wrong: the view shows both kinds of bar
HISTORY = history.new_history()
HISTORY.update(step=[1, 2, 3, 4], loss=[2.0, 1.0, 0.5, 0.4], accuracy=[0.5, 0.8, 0.9, 0.95], val_step=[4],
               val_loss=[0.3], val_accuracy=[0.96], epoch_end=[4])
RUN = neural.train_network("XOR", 4, 1.0, 700, "sigmoid", 1, snapshots=(0, 700))
DRAWING = handwriting.render(handwriting.load_strokes(handwriting.STROKE_FILE)[0])


def error(x):
    return x**5 - 2 * x**3 - 2


def slope(x):
    return 5 * x**4 - 6 * x**2


# One call per public figure, with data like the notebooks' (and a diverging run where the figure has a warning).
FIGURES = {
    "plot_squares_and_surface": lambda: plots.plot_squares_and_surface(checks.ARTICLE_POINTS, m=2, b=1),
    "plot_descent": lambda: plots.plot_descent(error, slope, start=0.5, learning_rate=0.3, num_steps=20,
                                               target=np.sqrt(6 / 5)),
    "plot_optimizer_paths": lambda: plots.plot_optimizer_paths(optimizers.saddle, optimizers.saddle_gradient,
                                                               (1.5, 0.001), marks={"saddle": (0, 0)}),
    "plot_regression_fit": lambda: plots.plot_regression_fit(data.load_points("wheat_and_bread"), 0.6, 100),
    "plot_batch_vs_stochastic": lambda: plots.plot_batch_vs_stochastic(regression.noisy_line(100, 1.0, 2.0, 0.3)),
    "plot_perceptron": lambda: plots.plot_perceptron("XOR"),
    "plot_line_history": lambda: plots.plot_line_history("AND"),
    "plot_mistakes_per_epoch": lambda: plots.plot_mistakes_per_epoch(("OR", "XOR")),
    "plot_loss": lambda: plots.plot_loss(RUN),
    "plot_snapshots": lambda: plots.plot_snapshots(RUN),
    "plot_hidden_units": lambda: plots.plot_hidden_units(RUN.weights),
    "plot_network_training": lambda: plots.plot_network_training(iterations=700),
    "plot_digits": lambda: plots.plot_digits(IMAGES, LABELS, (LABELS + 1) % 10),
    "plot_recipes": lambda: plots.plot_recipes([("article", HISTORY, 2, (0.3, 0.97)), ("today", HISTORY, 1)]),
    "plot_preparation": lambda: plots.plot_preparation(DRAWING),
    "plot_guesses": lambda: plots.plot_guesses([handwriting.prepare(DRAWING)], [PROBABILITIES[0]], ["mine"], true=2),
    "training.draw_training": lambda: training_plots.draw_training(plots.new_figure(2)[1], HISTORY),  # the live plot
    "plot_confusion": lambda: plots.plot_confusion(convnet.confusion_matrix(LABELS, (LABELS + 1) % 10)),
    "plot_filters": lambda: plots.plot_filters(RNG.normal(size=(3, 3, 1, 8))),
    "plot_prediction": lambda: plots.plot_prediction(3, IMAGES, PROBABILITIES, LABELS),
    "plot_backward_step": lambda: plots.plot_backward_step(3),
    "plot_engine_training": lambda: plots.plot_engine_training(RUN.losses[:60], RUN.losses[:60], RUN.losses[60:120]),
    "plot_filter_on_digit": lambda: plots.plot_filter_on_digit(IMAGES[0], [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
                                                               name="top edge", at=(10, 12)),
    "plot_learned_filter": lambda: plots.plot_learned_filter({0: RNG.normal(size=(3, 3)), 50: RNG.normal(size=(3, 3))},
                                                             [[-1, -1, -1], [0, 0, 0], [1, 1, 1]]),
}


def colours_drawn(figure):
    """Return {hex colour: [what drew it]} for every line, marker, collection, patch and text in the figure, leaving
    out what a colour map paints (images, shaded contour maps, colour bars)."""
    found = {}

    def add(colours, what):
        for colour in np.atleast_2d(mcolors.to_rgba_array(colours)):
            if colour[3] > 0:  # "none" is no colour
                found.setdefault(mcolors.to_hex(colour[:3]), []).append(what)

    for ax in figure.axes:
        for line in ax.lines:
            add([line.get_color(), line.get_markerfacecolor(), line.get_markeredgecolor()], f"line {line.get_label()}")
        for item in ax.collections:
            if isinstance(item, ScalarMappable) and item.get_array() is not None:
                continue  # a colour map's scale: contourf, imshow-like meshes, a colour bar
            add(item.get_facecolor(), f"collection {type(item).__name__}")
            add(item.get_edgecolor(), f"collection {type(item).__name__}")
        for patch in ax.patches:
            add([patch.get_facecolor(), patch.get_edgecolor()], f"patch {type(patch).__name__}")
        for text in ax.findobj(Text):
            if text.get_text():
                add(text.get_color(), f"text {text.get_text()[:30]!r}")
        legend = ax.get_legend()
        for handle in legend.legend_handles if legend else []:
            if isinstance(handle, Patch):
                add([handle.get_facecolor(), handle.get_edgecolor()], "legend patch")
    for text in figure.findobj(Text):
        if text.get_text():
            add(text.get_color(), f"text {text.get_text()[:30]!r}")
    return found


def test_every_public_figure_is_listed_here():
    public = {name for name, item in inspect.getmembers(plots, inspect.isfunction) if name.startswith("plot_")}
    listed = {name for name in FIGURES if "." not in name}
    assert public == listed, f"draw these with the palette test too: {sorted(public - listed)}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_draws_only_with_the_course_palette(name):
    FIGURES[name]()
    found = colours_drawn(plt.gcf())
    assert found, f"{name} drew nothing the test could see"
    stray = {colour: places[:3] for colour, places in found.items() if colour not in ALLOWED}
    assert not stray, f"{name} draws with colours outside the course palette: {stray}"


def test_optimizer_paths_differ_by_marker_and_line_style_not_only_colour():
    FIGURES["plot_optimizer_paths"]()
    paths = [line for line in plt.gcf().axes[0].lines if line.get_label() in optimizers.OPTIMIZERS]
    looks = {(line.get_marker(), str(line.get_linestyle())) for line in paths}
    assert len(paths) == len(optimizers.OPTIMIZERS) and len(looks) == len(paths), looks


def test_the_two_classes_of_a_truth_table_differ_by_marker_not_only_colour():
    FIGURES["plot_perceptron"]()
    points = [c for c in plt.gcf().axes[0].collections
              if isinstance(c, PathCollection) and len(c.get_facecolor()) and len(c.get_offsets())]
    markers = {tuple(np.round(c.get_paths()[0].vertices, 3).ravel()) for c in points}
    assert len(markers) == 2, "targets 1 and 0 should be drawn with two different markers"


def test_the_prediction_view_hatches_the_true_digit_and_the_wrong_answer():
    FIGURES["plot_prediction"]()
    bars = plt.gcf().axes[1].patches[:10]
    hatches = {mcolors.to_hex(bar.get_facecolor()): bar.get_hatch() for bar in bars}
    assert hatches[mcolors.to_hex(PALETTE["good"])] and hatches[mcolors.to_hex(PALETTE["bad"])], hatches
    assert hatches[mcolors.to_hex(PALETTE["good"])] != hatches[mcolors.to_hex(PALETTE["bad"])]
