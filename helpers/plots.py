"""Every figure in the course: each public function draws one figure and shows it.

Notebooks call these in a plain cell (a static figure for GitHub, HTML and nbval) and through
helpers.widgets.play (the same function, redrawn by sliders). Tests call them under Agg.
Each notebook's plots live in its own section below the shared ones.
"""

import matplotlib.pyplot as plt
import numpy as np

from helpers import validate

COLORS = {"data": "#1f77b4", "model": "#d62728", "path": "#ff7f0e", "good": "#2ca02c", "bad": "#d62728"}


def new_figure(ncols=1, width=5.0, height=3.6):
    """Return (figure, axes) for a row of ncols panels of the course's usual size."""
    validate.number(ncols, "ncols", integer=True, minimum=1)
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), squeeze=False, layout="constrained")
    return fig, axes[0] if ncols > 1 else axes[0][0]


def draw_curve(ax, values, *, label=None, ylabel="", xlabel="iteration", log=False, title=""):
    """Draw one series per iteration on ax (log scale for costs that fall by orders of magnitude)."""
    values = validate.array(values, "values", shape=(None,), finite=False)
    ax.plot(np.arange(len(values)), values, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()


def plot_curve(values, *, ylabel, xlabel="iteration", log=False, title=""):
    """Plot a cost, error count or accuracy against the iteration, and show it."""
    fig, ax = new_figure()
    draw_curve(ax, values, ylabel=ylabel, xlabel=xlabel, log=log, title=title)
    plt.show()


# ---- 01-03: least squares, gradient descent, linear regression ----
# (end of section 01-03)


# ---- 04-05: the perceptron, backpropagation ----
# (end of section 04-05)


# ---- 06: a convolutional network on MNIST ----
# (end of section 06)
