"""The unit square of two binary inputs (notebooks 04 and 05): the four points of a truth table, a perceptron's
line and half-planes, and what a small network or each of its hidden units computes over the square."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects

from helpers import neural, validate
from helpers.palette import BLACK, BLUE, VERMILLION, WHITE
from helpers.plots.figure import MAX_DRAWN_STEPS, TOO_MANY_TO_DRAW, new_figure

VIEW = (-0.25, 1.25)  # the unit square with a margin, so points on its corners are not cut in half
# A thin white outline keeps a label readable on any shade or line, and hides less than a box behind it would.
OUTLINED = [patheffects.withStroke(linewidth=3, foreground=WHITE)]


def square(ax, title=""):
    """Set up ax to show the unit square of two binary inputs."""
    ax.set_xlim(*VIEW)
    ax.set_ylim(*VIEW)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("input 1")
    ax.set_ylabel("input 2")
    if title:
        ax.set_title(title, fontsize=10)


def draw_points(ax, targets, predictions=None, *, labels=None):
    """Draw the four inputs by target (1: blue circles, 0: vermillion squares), ring the wrong ones, label each."""
    targets = validate.array(targets, "targets", shape=(4,))
    labels = [f"{t:g}" for t in targets] if labels is None else list(labels)
    if len(labels) != 4:
        raise ValueError(f"labels must hold one text per point (4), got {len(labels)}.")
    for wanted, color, marker in ((1, BLUE, "o"), (0, VERMILLION, "s")):  # 1: blue circles, 0: vermillion squares
        where = (targets >= 0.5) == bool(wanted)
        ax.scatter(*neural.INPUTS[where].T, s=140, color=color, marker=marker, edgecolor=BLACK, linewidth=1.2,
                   zorder=3)
    for (x, y), label in zip(neural.INPUTS, labels, strict=True):
        ax.annotate(label, (x, y), xytext=(9, 7), textcoords="offset points", fontsize=10, weight="bold",
                    path_effects=OUTLINED)
    if predictions is not None:
        predictions = validate.array(predictions, "predictions", shape=(4,))
        wrong = np.abs(predictions - targets) >= 0.5
        if wrong.any():
            ax.scatter(*neural.INPUTS[wrong].T, s=480, facecolor="none", edgecolor=BLACK, linewidth=2.2, zorder=4)


SIDES = (VERMILLION, BLUE)  # the two sides of a perceptron's line (0 and 1), shaded pale


def draw_surface(ax, predict, *, low=0.0, high=1.0, boundary=0.5, resolution=121, two_colors=False):
    """Shade ax by predict(points) over the square (low red, high blue); draw the boundary level as a black line.

    With two_colors=True, only the two sides of the boundary are shaded (pale vermillion below, pale blue above).
    """
    validate.function(predict, "predict")
    low = validate.number(low, "low")
    high = validate.number(high, "high", minimum=low)
    grid = np.linspace(*VIEW, resolution)
    gx, gy = np.meshgrid(grid, grid)
    values = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])), dtype=float).reshape(gx.shape)
    if two_colors:
        ax.contourf(gx, gy, values, levels=[-np.inf, boundary, np.inf], colors=SIDES, alpha=0.2)
        return
    pad = 0.35 * (high - low)  # keep the ends of the colour map pale, so points and lines stand out
    ax.contourf(gx, gy, values, levels=np.linspace(low, high, 11), cmap="RdBu", vmin=low - pad, vmax=high + pad,
                alpha=0.6, extend="both")
    if boundary is not None and values.min() < boundary < values.max():
        ax.contour(gx, gy, values, levels=[boundary], colors=BLACK, linewidths=1.8)


def _under(ax, text):
    """Write text under ax, below its x-axis label, where it covers nothing in the square."""
    ax.annotate(text, (0.5, 0), xycoords="axes fraction", xytext=(0, -38), textcoords="offset points", ha="center",
                va="top", fontsize=9)


def _signed(value):
    """Return a number for the middle of a sum: '+ 0.72' or '− 0.20', with its sign spaced like an operator."""
    return f"{'+' if value >= 0 else '−'} {abs(value):.2f}"


def _in_view(weights):
    """Return the two points where the line w1*x + w2*y + bias = 0 crosses the edge of the view, or None."""
    w1, w2, bias = weights
    low, high = VIEW
    found = []
    for edge in VIEW:
        if w2 != 0 and low <= -(w1 * edge + bias) / w2 <= high:  # crosses a vertical edge, x = edge
            found.append((edge, -(w1 * edge + bias) / w2))
        if w1 != 0 and low <= -(w2 * edge + bias) / w1 <= high:  # crosses a horizontal edge, y = edge
            found.append((-(w2 * edge + bias) / w1, edge))
    return (min(found), max(found)) if len(found) >= 2 else None


def _line_ends(weights):
    """Return the two ends of the line w1*x + w2*y + bias = 0 across the view, or None if there is no line."""
    w1, w2, bias = weights
    ends = np.array(VIEW)
    if abs(w2) >= abs(w1) and w2 != 0:
        return ends, -(w1 * ends + bias) / w2
    if w1 != 0:
        return -(w2 * ends + bias) / w1, ends
    return None


def draw_perceptron(ax, weights, gate, *, title=""):
    """Draw a perceptron's two half-planes, its line, and the gate's points with the wrong ones ringed."""
    inputs, targets = neural.gate_data(gate)
    predictions = neural.predict(weights, inputs)
    draw_surface(ax, lambda xy: neural.predict(weights, neural.with_bias(xy)), resolution=241, two_colors=True)
    ends = _line_ends(weights)
    if ends is not None:
        ax.plot(*ends, color=BLACK, linewidth=2)
    wrong = int(np.sum(predictions != targets))
    verdict = "all 4 right" if wrong == 0 else f"{wrong} of 4 wrong (ringed)"
    square(ax, f"{gate} {title}: {verdict}".replace("  ", " "))
    draw_points(ax, targets, predictions)


def plot_perceptron(gate="OR", learning_rate=0.2, num_updates=100, seed=1):
    """Train a perceptron on a gate and show its line, its two half-planes, and which points it gets right."""
    run = neural.train_perceptron(gate, learning_rate, num_updates, seed)
    fig, ax = new_figure(width=4.4, height=4.6)
    draw_perceptron(ax, run.weights, gate, title=f"after {num_updates} updates")
    w1, w2, bias = run.weights
    _under(ax, f"the line: {w1:.2f}·x1 {_signed(w2)}·x2 {_signed(bias)} = 0")
    plt.show()


def plot_line_history(gate="AND", learning_rate=0.2, num_updates=40, seed=1):
    """Show the perceptron's line at the start and after every update that moved it (dashed, each numbered by its
    update, fainter the earlier), the last one solid black."""
    validate.count(num_updates, "num_updates", maximum=MAX_DRAWN_STEPS, why=TOO_MANY_TO_DRAW)
    run = neural.train_perceptron(gate, learning_rate, num_updates, seed)
    moved = [0] + [i for i in range(1, len(run.history)) if not np.array_equal(run.history[i], run.history[i - 1])]
    fig, ax = new_figure(width=4.8, height=4.8)
    draw_perceptron(ax, run.weights, gate, title=f"after {num_updates} updates")
    earlier = moved[:-1]
    for rank, update in enumerate(earlier):
        ends = _in_view(run.history[update])
        if ends is None:
            continue
        shade = 0.4 + 0.5 * rank / max(len(earlier) - 1, 1)  # fainter the earlier, and never too faint to see
        ax.plot(*np.transpose(ends), color=BLACK, alpha=shade, linewidth=1.4, linestyle="--")
        (x, y) = ends[1]
        ax.annotate(f"{update}", (x, y), xytext=(-4 if x >= VIEW[1] else 4, -4 if y >= VIEW[1] else 4),
                    textcoords="offset points", ha="right" if x >= VIEW[1] else "left",
                    va="top" if y >= VIEW[1] else "bottom", fontsize=8, alpha=shade, path_effects=OUTLINED)
    _under(ax, "dashed: the line at the start (0) and after each update that moved it,\n"
               f"numbered by update (fainter: earlier); black: after the last of its {len(moved) - 1} moves")
    plt.show()


def _network_rule(weights, activation):
    """Return a function that gives the network's output for (n, 2) points."""
    return lambda xy: neural.forward(weights, neural.with_bias(xy), activation)[1].ravel()


def draw_network(ax, weights, activation="sigmoid", *, title=""):
    """Draw the XOR network's output over the square, the 0.5 line, and the four points with the wrong ones ringed."""
    outputs = neural.forward(weights, neural.with_bias(neural.INPUTS), activation)[1].ravel()
    _, targets = neural.gate_data("XOR")
    draw_surface(ax, _network_rule(weights, activation))
    draw_points(ax, targets, outputs, labels=[f"{o:.2f}" for o in outputs])
    square(ax, title)


def plot_snapshots(run):
    """Show the network's output over the square at each snapshot of a run (blue 1, red 0, black line at 0.5)."""
    neural.check_run(run)
    if not run.snapshots:
        raise ValueError("run has no snapshots: train with e.g. neural.train_network(snapshots=(0, 600, 60000)).")
    moments = sorted(run.snapshots)
    fig, axes = new_figure(len(moments), width=3.0, height=3.3)
    for ax, moment in zip(np.atleast_1d(axes), moments, strict=True):
        draw_network(ax, run.snapshots[moment], run.activation, title=f"after {moment:,} updates")
    plt.show()


def plot_hidden_units(weights, activation="sigmoid"):
    """Show what each hidden unit computes over the square, with its weight into the output, then the output."""
    neural.forward(weights, neural.with_bias(neural.INPUTS), activation)  # checks weights and activation
    syn_0, syn_1 = (np.asarray(w, dtype=float) for w in weights)
    n_hidden = syn_0.shape[1]
    low, high, boundary = {"sigmoid": (0, 1, 0.5), "tanh": (-1, 1, 0), "relu": (0, 1, 1e-9)}[activation]
    fig, axes = new_figure(n_hidden + 1, width=2.8, height=3.3)
    for unit, ax in enumerate(axes[:n_hidden]):
        def unit_rule(xy, column=syn_0[:, unit]):
            return neural.activate(neural.with_bias(xy) @ column, activation)

        draw_surface(ax, unit_rule, low=low, high=high, boundary=boundary)
        values = unit_rule(neural.INPUTS)
        ax.scatter(*neural.INPUTS.T, s=90, color=WHITE, edgecolor=BLACK, linewidth=1.2, zorder=3)
        for (x, y), value in zip(neural.INPUTS, values, strict=True):
            ax.annotate(f"{value:.2f}", (x, y), xytext=(8, 6), textcoords="offset points", fontsize=9,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": WHITE, "alpha": 0.7, "edgecolor": "none"})
        square(ax, f"hidden unit {unit + 1}\nweight to output {syn_1[unit, 0]:+.1f}")
    draw_network(axes[-1], (syn_0, syn_1), activation, title="the output\n(all units together)")
    plt.show()
