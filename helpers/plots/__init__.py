"""Every figure in the course: each public function draws one figure in the course's colours and shows it.

Notebooks call these as plots.X in a plain cell (a static figure for GitHub, HTML and nbval) and through
helpers.widgets.play (the same function, redrawn by sliders). Tests call them under Agg. The modules, by what
they draw: figure (size, colours, warnings), fitting (lines through points), descent (optimisers' paths),
square (the unit square of two binary inputs), learning (learning curves), training (notebook 06's training curves),
backprop (the backward pass, one step at a time), digits (images and predictions), handwriting (a drawing prepared as
MNIST's digits were), filters (a filter slid over a digit, the explorer that redraws it, a filter learned step
by step).
The figures that widgets.play redraws have a live form too, a class beside their function that draws the figure once
and updates it (figure.py says what that is; widgets.LIVE_FORMS lists them); the filter explorer updates its own,
filters.FilterOnDigit.
"""

from helpers.plots.backprop import LAST_BACKWARD_STEP, plot_backward_step, plot_engine_training
from helpers.plots.descent import plot_descent, plot_optimizer_paths
from helpers.plots.digits import plot_confusion, plot_digits, plot_filters, plot_guesses, plot_prediction
from helpers.plots.figure import new_figure
from helpers.plots.filters import filter_explorer, plot_filter_on_digit, plot_learned_filter
from helpers.plots.fitting import plot_batch_vs_stochastic, plot_regression_fit, plot_squares_and_surface
from helpers.plots.handwriting import plot_preparation
from helpers.plots.learning import draw_loss, plot_loss, plot_mistakes_per_epoch, plot_network_training
from helpers.plots.square import (
    draw_network,
    draw_perceptron,
    draw_points,
    draw_surface,
    plot_hidden_units,
    plot_line_history,
    plot_perceptron,
    plot_snapshots,
)
from helpers.plots.training import plot_recipes

__all__ = [
    "LAST_BACKWARD_STEP", "draw_loss", "draw_network", "draw_perceptron", "draw_points", "draw_surface",
    "filter_explorer", "new_figure", "plot_backward_step", "plot_batch_vs_stochastic", "plot_confusion", "plot_descent",
    "plot_digits", "plot_engine_training", "plot_filter_on_digit", "plot_filters", "plot_guesses", "plot_hidden_units",
    "plot_learned_filter", "plot_line_history", "plot_loss", "plot_mistakes_per_epoch", "plot_network_training",
    "plot_optimizer_paths",
    "plot_perceptron", "plot_prediction", "plot_preparation", "plot_recipes", "plot_regression_fit", "plot_snapshots",
    "plot_squares_and_surface",
]
