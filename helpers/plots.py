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
from helpers import neural  # noqa: E402  (imported here so each section merges on its own)

VIEW = (-0.25, 1.25)  # the unit square with a margin, so points on its corners are not cut in half


def _square(ax, title=""):
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
    """Draw the four inputs coloured by target (blue 1, red 0), ring the ones predicted wrong, label each point."""
    targets = validate.array(targets, "targets", shape=(4,))
    labels = [f"{t:g}" for t in targets] if labels is None else list(labels)
    if len(labels) != 4:
        raise ValueError(f"labels must hold one text per point (4), got {len(labels)}.")
    colors = [COLORS["data"] if t >= 0.5 else COLORS["bad"] for t in targets]
    ax.scatter(*neural.INPUTS.T, s=140, c=colors, edgecolor="black", linewidth=1.2, zorder=3)
    for (x, y), label in zip(neural.INPUTS, labels, strict=True):
        ax.annotate(label, (x, y), xytext=(9, 7), textcoords="offset points", fontsize=10, weight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
    if predictions is not None:
        predictions = validate.array(predictions, "predictions", shape=(4,))
        wrong = np.abs(predictions - targets) >= 0.5
        if wrong.any():
            ax.scatter(*neural.INPUTS[wrong].T, s=480, facecolor="none", edgecolor="black", linewidth=2.2, zorder=4)


PALE = ("#f6d3cf", "#d3e3f3")  # pale red and pale blue: the two sides of a perceptron's line


def draw_surface(ax, predict, *, low=0.0, high=1.0, boundary=0.5, resolution=121, two_colors=False):
    """Shade ax by predict(points) over the square (low red, high blue); draw the boundary level as a black line.

    With two_colors=True, only the two sides of the boundary are shaded (pale red below it, pale blue above).
    """
    validate.function(predict, "predict")
    low = validate.number(low, "low")
    high = validate.number(high, "high", minimum=low)
    grid = np.linspace(*VIEW, resolution)
    gx, gy = np.meshgrid(grid, grid)
    values = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])), dtype=float).reshape(gx.shape)
    if two_colors:
        ax.contourf(gx, gy, values, levels=[-np.inf, boundary, np.inf], colors=PALE)
        return
    pad = 0.35 * (high - low)  # keep the ends of the colour map pale, so points and lines stand out
    ax.contourf(gx, gy, values, levels=np.linspace(low, high, 11), cmap="RdBu", vmin=low - pad, vmax=high + pad,
                alpha=0.6, extend="both")
    if boundary is not None and values.min() < boundary < values.max():
        ax.contour(gx, gy, values, levels=[boundary], colors="black", linewidths=1.8)


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
        ax.plot(*ends, color="black", linewidth=2)
    wrong = int(np.sum(predictions != targets))
    verdict = "all 4 right" if wrong == 0 else f"{wrong} of 4 wrong (ringed)"
    _square(ax, f"{gate} {title}: {verdict}".replace("  ", " "))
    draw_points(ax, targets, predictions)


def plot_perceptron(gate="OR", learning_rate=0.2, num_updates=100, seed=1):
    """Train a perceptron on a gate and show its line, its two half-planes, and which points it gets right."""
    run = neural.train_perceptron(gate, learning_rate, num_updates, seed)
    fig, ax = new_figure(width=4.4, height=4.6)
    draw_perceptron(ax, run.weights, gate, title=f"after {num_updates} updates")
    w1, w2, bias = run.weights
    ax.text(0.5, -0.19, f"line: {w1:.2f}·x1 {w2:+.2f}·x2 {bias:+.2f} = 0", ha="center", fontsize=9,
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    plt.show()


def plot_line_history(gate="AND", learning_rate=0.2, num_updates=40, seed=1):
    """Show the perceptron's line after every update that moved it (coloured by update number), the last one black."""
    run = neural.train_perceptron(gate, learning_rate, num_updates, seed)
    moved = [0] + [i for i in range(1, len(run.history)) if not np.array_equal(run.history[i], run.history[i - 1])]
    fig, ax = new_figure(width=5.4, height=4.4)
    draw_perceptron(ax, run.weights, gate, title=f"after {num_updates} updates")
    scale = plt.Normalize(0, max(num_updates, 1))
    for update in moved[:-1]:
        ends = _line_ends(run.history[update])
        if ends is not None:
            ax.plot(*ends, color=plt.cm.viridis(scale(update)), linewidth=1.5, linestyle="--")
    colorbar = fig.colorbar(plt.cm.ScalarMappable(norm=scale, cmap="viridis"), ax=ax, shrink=0.8)
    colorbar.set_label(f"dashed lines: after update number ... ({len(moved) - 1} moves)")
    plt.show()


def plot_mistakes_per_epoch(gates=("AND", "OR", "NAND", "XOR"), learning_rate=0.2, epochs=30, seed=1):
    """Plot, one panel per gate, how many of the four rows the perceptron gets wrong after each epoch (4 updates)."""
    gates = (gates,) if isinstance(gates, str) else tuple(gates)
    if not gates:
        raise ValueError("gates must name at least one gate, e.g. gates=('OR', 'XOR').")
    for gate in gates:
        validate.choice(gate, "gates", tuple(neural.GATES))
    epochs = validate.number(epochs, "epochs", integer=True, minimum=1)
    fig, axes = new_figure(len(gates), width=3.2 if len(gates) > 1 else 7.0, height=3.0)
    for ax, gate in zip(np.atleast_1d(axes), gates, strict=True):
        counts = neural.train_perceptron(gate, learning_rate, 4 * epochs, seed).mistakes_per_epoch()
        ax.axhspan(-0.3, 0.3, color=COLORS["good"], alpha=0.15)
        ax.text(0.98, 0.0, "all four right", transform=ax.get_yaxis_transform(), ha="right", va="center",
                fontsize=8, color=COLORS["good"])
        ax.step(np.arange(1, epochs + 1), counts, where="mid", linewidth=1.2 if epochs > 100 else 1.8,
                color=COLORS["bad"] if counts.min() > 0 else COLORS["data"])
        ax.set_ylim(-0.3, 4.3)
        ax.set_yticks(range(5))
        ax.set_xlabel("epoch (4 updates each)")
        ax.set_ylabel("rows wrong after the epoch")
        zero = np.flatnonzero(counts == 0)
        story = f"all right from epoch {zero[0] + 1}" if zero.size else f"never all right (fewest: {counts.min()})"
        ax.set_title(f"{gate}: {story}", fontsize=10)
    plt.show()


def _check_run(run):
    """Return run if it is a NetworkRun from helpers.neural.train_network, else raise a TypeError."""
    if not isinstance(run, neural.NetworkRun):
        raise TypeError(f"run must be what neural.train_network(...) returns, got {type(run).__name__}.")
    return run


def _network_rule(weights, activation):
    """Return a function that gives the network's output for (n, 2) points."""
    return lambda xy: neural.forward(weights, neural.with_bias(xy), activation)[1].ravel()


def _run_story(run):
    """Return a short verdict on a training run: when it learned, or that it did not."""
    if run.diverged_at is not None:
        return f"blew up after {run.diverged_at:,} updates"
    learned = run.learned_at()
    if learned is None:
        return f"not learned in {len(run.losses) - 1:,} updates"
    return f"all outputs within 0.1 after {learned:,} updates"


def draw_loss(ax, run):
    """Draw a run's loss after each update on log-log axes, with a dashed line where it learned XOR."""
    _check_run(run)
    updates = np.arange(1, len(run.losses))
    ax.plot(updates, run.losses[1:], color=COLORS["data"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("updates (log scale)")
    ax.set_ylabel("loss: ½ Σ (output − target)²")
    learned = run.learned_at()
    if learned and run.diverged_at is None:
        ax.axvline(learned, color=COLORS["good"], linestyle="--", linewidth=1.4, label=f"learned at {learned:,}")
        ax.legend(fontsize=8, loc="lower left")
    ax.set_title(f"{run.activation}, rate {run.learning_rate:g}: {_run_story(run)}", fontsize=10)


def plot_loss(run):
    """Plot a network's loss after each update (log scales), marking when all four outputs got within 0.1."""
    fig, ax = new_figure(width=6.4, height=3.6)
    draw_loss(ax, run)
    plt.show()


def draw_network(ax, weights, activation="sigmoid", *, title=""):
    """Draw the XOR network's output over the square, the 0.5 line, and the four points with the wrong ones ringed."""
    outputs = neural.forward(weights, neural.with_bias(neural.INPUTS), activation)[1].ravel()
    _, targets = neural.gate_data("XOR")
    draw_surface(ax, _network_rule(weights, activation))
    draw_points(ax, targets, outputs, labels=[f"{o:.2f}" for o in outputs])
    _square(ax, title)


def plot_snapshots(run):
    """Show the network's output over the square at each snapshot of a run (blue 1, red 0, black line at 0.5)."""
    _check_run(run)
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
        ax.scatter(*neural.INPUTS.T, s=90, color="white", edgecolor="black", linewidth=1.2, zorder=3)
        for (x, y), value in zip(neural.INPUTS, values, strict=True):
            ax.annotate(f"{value:.2f}", (x, y), xytext=(8, 6), textcoords="offset points", fontsize=9,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
        _square(ax, f"hidden unit {unit + 1}\nweight to output {syn_1[unit, 0]:+.1f}")
    draw_network(axes[-1], (syn_0, syn_1), activation, title="the output\n(all units together)")
    plt.show()


def plot_network_training(n_hidden=4, learning_rate=1.0, iterations=5000, activation="sigmoid", seed=1):
    """Train the XOR network with these settings; show its loss per update and its output over the square."""
    run = neural.train_network("XOR", n_hidden, learning_rate, iterations, activation, seed)
    fig, (left, right) = new_figure(2, width=4.6, height=3.9)
    draw_loss(left, run)
    if run.diverged_at is None:
        draw_network(right, run.weights, activation, title=f"after {iterations:,} updates (labels: outputs)")
    else:
        _square(right, "no surface: the weights overflowed")
    plt.show()


# (end of section 04-05)


# ---- 06: a convolutional network on MNIST ----
# (end of section 06)
