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
from helpers import optimizers, regression  # noqa: E402  (imported here so each section merges on its own)


def _note(ax, text, color=COLORS["bad"]):
    """Write a short warning in the top-left corner of ax, on a white box so it stays readable."""
    ax.text(0.03, 0.96, text, transform=ax.transAxes, va="top", ha="left", color=color, fontsize=9,
            bbox={"facecolor": "white", "edgecolor": color, "alpha": 0.9, "boxstyle": "round"})


def _mse_grid(points, ms, bs):
    """Return the mean squared error of every line y = m*x + b on a grid, rows b, columns m."""
    x, y = points.T
    M, B = np.meshgrid(ms, bs)
    return np.mean((y - (M[..., None] * x + B[..., None])) ** 2, axis=-1)


def plot_squares_and_surface(points, m, b, m_range=None, b_range=None):
    """Draw the points, the line y = m*x + b with each squared residual as a square, and the error surface."""
    points = validate.points(points)
    m, b = validate.number(m, "m"), validate.number(b, "b")
    x, y = points.T
    design = np.column_stack([np.ones_like(x), x])
    (b_best, m_best), *_ = np.linalg.lstsq(design, y, rcond=None)
    m_range = validate.array(m_range if m_range is not None else (m_best - 2, m_best + 2), "m_range", shape=(2,))
    b_range = validate.array(b_range if b_range is not None else (b_best - 6, b_best + 6), "b_range", shape=(2,))
    residuals = y - (m * x + b)
    error = float(np.mean(residuals**2))

    fig, (left, right) = new_figure(ncols=2, width=5.2, height=4.4)
    shown_y = np.concatenate([y, y - residuals])  # the points and where the line passes them: every square fits
    half = 0.5 * max(np.ptp(x), np.ptp(shown_y), 1.0) * 1.2  # the same span on both axes, so squares look square
    cx, cy = (x.min() + x.max()) / 2, (shown_y.min() + shown_y.max()) / 2
    for r, xi, yi in zip(residuals, x, y, strict=True):
        side = abs(r)
        corner_x = xi if xi <= cx else xi - side  # grow each square towards the middle of the picture
        left.add_patch(plt.Rectangle((corner_x, min(yi, yi - r)), side, side, facecolor=COLORS["model"],
                                     alpha=0.18, edgecolor=COLORS["model"], linewidth=0.8))
        left.plot([xi, xi], [yi, yi - r], color=COLORS["model"], linewidth=1)
    xs = np.array([cx - half, cx + half])
    left.plot(xs, m * xs + b, color=COLORS["model"], linewidth=2, label=f"y = {m:.2f}x + {b:.2f}")
    left.scatter(x, y, color=COLORS["data"], zorder=3, label="data")
    left.set_xlim(cx - half, cx + half)
    left.set_ylim(cy - half, cy + half)
    left.set_aspect("equal", adjustable="box")
    left.set_xlabel("x")
    left.set_ylabel("y")
    left.set_title(f"each square's area is one squared error\nmean squared error = {error:.3f}")
    left.legend(loc="lower right", fontsize=8)

    ms = np.linspace(*m_range, 121)
    bs = np.linspace(*b_range, 121)
    grid = _mse_grid(points, ms, bs)
    levels = np.geomspace(grid.min() * 1.02, grid.max(), 14)
    right.contourf(ms, bs, grid, levels=np.concatenate([[grid.min()], levels]), cmap="viridis", alpha=0.55,
                   norm="log")
    right.contour(ms, bs, grid, levels=levels, colors="k", linewidths=0.4, alpha=0.5)
    shown_m, shown_b = np.clip(m, *m_range), np.clip(b, *b_range)
    right.plot(shown_m, shown_b, "o", color=COLORS["model"], markersize=9, markeredgecolor="white",
               label=f"your guess (m={m:.2f}, b={b:.2f})")
    if (shown_m, shown_b) != (m, b):
        _note(right, "your guess is off this map")
    right.set_xlim(*m_range)
    right.set_ylim(*b_range)
    right.set_xlabel("m (slope)")
    right.set_ylabel("b (intercept)")
    right.set_title("mean squared error for every (m, b)\n(darker is lower)")
    right.legend(loc="lower left", fontsize=8)
    plt.show()


def plot_descent(error, slope, start=0.5, learning_rate=0.01, num_steps=60, target=None, window=(-1.6, 1.9)):
    """Draw gradient descent on a curve (each step a point and an arrow), then x and the slope per step."""
    validate.function(error, "error")
    validate.function(slope, "slope")
    start = validate.number(start, "start")
    num_steps = validate.number(num_steps, "num_steps", integer=True, minimum=0)
    low, high = validate.array(window, "window", shape=(2,))
    path = optimizers.run(optimizers.gradient_descent_step, slope, start, learning_rate, num_steps)
    ran_off = optimizers.diverged(path, num_steps)

    fig, (curve, xs_ax, slope_ax) = new_figure(ncols=3, width=4.3, height=3.6)
    grid = np.linspace(low, high, 300)
    heights = np.array([error(v) for v in grid])
    curve.plot(grid, heights, color="0.3", linewidth=1.5)
    with np.errstate(over="ignore", invalid="ignore"):
        inside = [v for v in path if low <= v <= high]
        for a, c in zip(path[:-1], path[1:], strict=True):
            if low <= a <= high and low <= c <= high:
                curve.annotate("", xy=(c, error(c)), xytext=(a, error(a)),
                               arrowprops={"arrowstyle": "->", "color": COLORS["path"], "lw": 1})
        curve.plot(inside, [error(v) for v in inside], "o", color=COLORS["path"], markersize=3.5)
        slopes = np.array([slope(v) for v in path])
    curve.plot(start, error(start), "o", color=COLORS["good"], markersize=8, label=f"start x = {start:.2f}")
    if target is not None:
        curve.axvline(target, color="0.5", linestyle=":", linewidth=1)
    curve.set_xlim(low, high)
    margin = 0.1 * np.ptp(heights)
    curve.set_ylim(heights.min() - margin, heights.max() + margin)
    curve.set_xlabel("x")
    curve.set_ylabel("error")
    curve.legend(loc="lower right", fontsize=8)

    steps = np.arange(len(path))
    slopes_on_grid = np.array([slope(v) for v in grid])
    slope_pad = 0.1 * np.ptp(slopes_on_grid)
    slope_low, slope_high = slopes_on_grid.min() - slope_pad, slopes_on_grid.max() + slope_pad
    # Values that ran off the window are clipped to its edge and drawn as triangles: nothing overflows the axes.
    for ax, values, (lo, hi), color in ((xs_ax, path, (low, high), COLORS["path"]),
                                        (slope_ax, slopes, (slope_low, slope_high), COLORS["data"])):
        shown = np.clip(np.nan_to_num(values, nan=hi, posinf=hi, neginf=lo), lo, hi)
        ax.plot(steps, shown, ".-", color=color, markersize=3)
        if np.any(shown != values):
            ax.plot(steps[shown == lo], shown[shown == lo], "v", color=COLORS["bad"], markersize=7)
            ax.plot(steps[shown == hi], shown[shown == hi], "^", color=COLORS["bad"], markersize=7)
            ax.set_ylim(lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo))
    slope_ax.axhline(0, color="0.5", linewidth=0.8)
    if target is not None:
        xs_ax.axhline(target, color="0.5", linestyle=":", linewidth=1, label=f"true minimum {target:.4f}")
        xs_ax.legend(loc="center right", fontsize=8)
    for ax, label in ((xs_ax, "x"), (slope_ax, "slope at x")):
        ax.set_xlabel("step")
        ax.set_ylabel(label)
    if ran_off:
        where = "-∞" if path[-1] < 0 else "+∞"
        curve.set_title(f"rate {learning_rate:.3g}: diverged after {len(path) - 1} steps")
        _note(curve, f"diverged: x ran off towards {where}")
        for ax in (xs_ax, slope_ax):
            _note(ax, "diverged (red triangles: off the chart)")
    else:
        curve.set_title(f"rate {learning_rate:.3g}: x = {path[-1]:.4f} after {num_steps} steps")
    xs_ax.set_title("x at each step")
    slope_ax.set_title("slope at each step")
    plt.show()


PATH_COLORS = {"gradient descent": "#d62728", "momentum": "#ff7f0e", "Nesterov": "#8c564b",
               "RMSprop": "#1f77b4", "Adam": "#2ca02c"}


def plot_optimizer_paths(surface, gradient, start, learning_rate=0.05, num_steps=100, xlim=(-2, 2), ylim=(-1.5, 1.5),
                         marks=None):
    """Draw the paths of gradient descent, momentum, Nesterov, RMSprop and Adam on a contour plot."""
    validate.function(surface, "surface")
    start = validate.array(start, "start", shape=(2,))
    num_steps = validate.number(num_steps, "num_steps", integer=True, minimum=0)
    xlim, ylim = validate.array(xlim, "xlim", shape=(2,)), validate.array(ylim, "ylim", shape=(2,))

    fig, (paths_ax, height_ax) = new_figure(ncols=2, width=5.4, height=4.2)
    X, Y = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    Z = surface(X, Y)
    low = Z.min() + 1e-3 * np.ptp(Z)  # contours close together near the bottom, where the paths go
    levels = np.unique(np.concatenate([np.linspace(low, low + 0.12 * np.ptp(Z), 9), np.linspace(low, Z.max(), 10)]))
    paths_ax.contourf(X, Y, Z, levels=np.concatenate([[Z.min()], levels]), cmap="viridis", alpha=0.6)
    paths_ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.3, alpha=0.5)
    for label, where in (marks or {}).items():
        where = validate.array(where, f"marks[{label!r}]", shape=(2,))
        paths_ax.plot(*where, "x", color="k", markersize=8, markeredgewidth=2)
        paths_ax.annotate(label, where, textcoords="offset points", xytext=(6, -12), fontsize=9)
    ran_off = []
    for name, step in optimizers.OPTIMIZERS.items():
        path = optimizers.run(step, gradient, start, learning_rate, num_steps)
        color = PATH_COLORS[name]
        paths_ax.plot(path[:, 0], path[:, 1], ".-", color=color, markersize=2.5, linewidth=1.2, label=name)
        paths_ax.plot(*path[-1], "o", color=color, markersize=6, markeredgecolor="white")
        with np.errstate(over="ignore", invalid="ignore"):
            height_ax.plot(np.arange(len(path)), surface(path[:, 0], path[:, 1]), color=color, label=name)
        if optimizers.diverged(path, num_steps):
            ran_off.append(name)
    paths_ax.plot(*start, "s", color="white", markeredgecolor="k", markersize=7)
    paths_ax.annotate("start", start, textcoords="offset points", xytext=(6, 6), fontsize=9)
    paths_ax.set_xlim(*xlim)
    paths_ax.set_ylim(*ylim)
    paths_ax.set_xlabel("x")
    paths_ax.set_ylabel("y")
    paths_ax.set_title(f"{num_steps} steps at learning rate {learning_rate:.3g}")
    paths_ax.legend(loc="lower left", fontsize=8)
    height_ax.set_ylim(Z.min() - 0.1 * np.ptp(Z), surface(*start) + 0.1 * np.ptp(Z))
    height_ax.set_xlabel("step")
    height_ax.set_ylabel("height on the surface")
    height_ax.set_title("height at each step")
    if ran_off:
        _note(height_ax, "diverged: " + ", ".join(ran_off))
    plt.show()


def plot_regression_fit(points, learning_rate=0.01, num_iterations=100, starting_b=1.0, starting_m=1.0,
                        num_snapshots=5):
    """Draw the line at a few moments of gradient descent over the points, and the cost per iteration."""
    points = validate.points(points)
    num_iterations = validate.number(num_iterations, "num_iterations", integer=True, minimum=1)
    num_snapshots = validate.number(num_snapshots, "num_snapshots", integer=True, minimum=2)
    history = regression.descend(points, starting_b, starting_m, learning_rate, num_iterations)
    cost = regression.costs(history, points)
    b_best, m_best = regression.least_squares(points)
    best_cost = regression.mean_squared_error(b_best, m_best, points)
    ran_off = len(history) < num_iterations + 1 or not cost[-1] <= cost[0]  # cut short, or the error grew
    x, y = points.T

    fig, (fit_ax, cost_ax) = new_figure(ncols=2, width=5.2, height=4.0)
    pad = 0.1 * np.ptp(x)
    xs = np.array([x.min() - pad, x.max() + pad])
    moments = np.unique(np.linspace(0, len(history) - 1, num_snapshots).round().astype(int))
    shades = plt.cm.Oranges(np.linspace(0.35, 1.0, len(moments)))
    for k, shade in zip(moments, shades, strict=True):
        b, m = history[k]
        if np.isfinite(b) and np.isfinite(m) and abs(b) < 1e6 and abs(m) < 1e6:
            fit_ax.plot(xs, m * xs + b, color=shade, linewidth=1.8, label=f"step {k}")
    fit_ax.plot(xs, m_best * xs + b_best, "k--", linewidth=1.2, label="least squares")
    fit_ax.scatter(x, y, color=COLORS["data"], zorder=3)
    span = np.ptp(y)
    fit_ax.set_ylim(min(y.min(), (m_best * xs + b_best).min(), starting_m * xs.min() + starting_b) - 0.1 * span,
                    y.max() + 0.15 * span)
    fit_ax.set_xlim(*xs)
    fit_ax.set_xlabel("x")
    fit_ax.set_ylabel("y")
    fit_ax.legend(fontsize=8, loc="lower right")

    cost_ax.plot(np.arange(len(cost)), cost, color=COLORS["path"], label="error of gradient descent")
    cost_ax.axhline(best_cost, color="k", linestyle="--", linewidth=1, label=f"least squares {best_cost:.4f}")
    excess = cost - best_cost
    cost_ax.plot(np.arange(len(cost)), np.where(excess > 0, excess, np.nan), color=COLORS["data"], linestyle=":",
                 label="error above least squares")
    cost_ax.set_yscale("log")
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("mean squared error (log scale)")
    cost_ax.legend(fontsize=8, loc="lower right" if ran_off else "upper right")
    if ran_off:
        fit_ax.set_title(f"rate {learning_rate:.3g}: diverged (later lines are off the chart)")
        cost_ax.set_title(f"diverged after {len(history) - 1} iterations")
        _note(cost_ax, "diverged: each step overshoots further")
    else:
        b, m = history[-1]
        fit_ax.set_title(f"rate {learning_rate:.3g}, {num_iterations} iterations: b = {b:.2f}, m = {m:.2f}")
        cost_ax.set_title(f"cost per iteration (final {cost[-1]:.4f})")
    plt.show()


def plot_batch_vs_stochastic(points, learning_rate=0.05, num_epochs=3, batch_sizes=(None, 32, 1), seed=0):
    """Draw the cost against passes over the data for batch, mini-batch and stochastic gradient descent."""
    points = validate.points(points)
    n = len(points)
    fig, ax = new_figure(width=6.4, height=4.0)
    b_best, m_best = regression.least_squares(points)
    for size in batch_sizes:
        size = n if size is None else validate.number(size, "batch_sizes entry", integer=True, minimum=1)
        history = regression.minibatch_descend(points, 0.0, 0.0, learning_rate, num_epochs, size, seed=seed)
        epochs = np.arange(len(history)) * size / n
        name = "batch (all points)" if size == n else ("stochastic (1 point)" if size == 1 else f"mini-batch ({size})")
        ax.plot(epochs, regression.costs(history, points), label=f"{name}: {len(history) - 1} steps", linewidth=1.2)
    ax.axhline(regression.mean_squared_error(b_best, m_best, points), color="k", linestyle="--", linewidth=1,
               label="least squares")
    ax.set_yscale("log")
    ax.set_xlabel("passes over the data (epochs)")
    ax.set_ylabel("mean squared error (log scale)")
    ax.set_title(f"{n} points, learning rate {learning_rate:.3g}")
    ax.legend(fontsize=8)
    plt.show()


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
from helpers import training  # noqa: E402  (imported here so each section merges on its own)


def _images(images, name="images"):
    """Return images as an (n, 28, 28)-like float array, accepting (n, h, w) or (n, h, w, 1)."""
    images = validate.array(images, name)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3:
        raise ValueError(f"{name} must have shape (n, 28, 28) or (n, 28, 28, 1), got shape {images.shape}.")
    return images


def plot_digits(images, labels, predicted=None, *, ncols=10, title=""):
    """Show digits in a grid with their labels; with predicted, mistakes say `true 4, said 9` in red."""
    images = _images(images)
    labels = validate.array(labels, "labels", shape=(len(images),)).astype(int)
    if predicted is not None:
        predicted = validate.array(predicted, "predicted", shape=(len(images),)).astype(int)
    ncols = validate.number(ncols, "ncols", integer=True, minimum=1)
    nrows = max(1, -(-len(images) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.35 * nrows), squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= len(images):
            continue
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=max(1.0, float(images.max())))
        if predicted is None:
            ax.set_title(str(labels[i]), fontsize=10)
        else:
            wrong = predicted[i] != labels[i]
            ax.set_title(f"true {labels[i]}, said {predicted[i]}" if wrong else str(labels[i]), fontsize=8,
                         color=COLORS["bad"] if wrong else "black")
    if title:
        fig.suptitle(title)
    plt.show()


def plot_training(history):
    """Plot a training history (see helpers.training.new_history): loss and accuracy per step."""
    fig, axes = new_figure(2, width=5.0, height=3.4)
    training.draw_training(axes, history)
    plt.show()


def plot_confusion(matrix):
    """Show a 10 x 10 confusion matrix (rows: true digit, columns: predicted), mistakes coloured."""
    matrix = validate.array(matrix, "matrix")
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square (true x predicted), got shape {matrix.shape}.")
    n = matrix.shape[0]
    mistakes = matrix * (1 - np.eye(n))
    fig, ax = new_figure(width=6.0, height=5.2)
    image = ax.imshow(mistakes, cmap="Reds")
    fig.colorbar(image, ax=ax, label="mistakes")
    for true in range(n):
        for said in range(n):
            count = int(matrix[true, said])
            if count:
                ax.text(said, true, str(count), ha="center", va="center", fontsize=7,
                        color="black" if true != said else COLORS["good"], weight="bold" if true == said else None)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("the network said")
    ax.set_ylabel("true digit")
    ax.set_title(f"{int(np.trace(matrix)):,} of {int(matrix.sum()):,} right; off the diagonal: mistakes")
    plt.show()


def plot_filters(weights):
    """Show a convolution's filters (k, k, 1, n) as small images: red adds, blue subtracts."""
    weights = validate.array(weights, "weights")
    if weights.ndim != 4 or weights.shape[2] != 1:
        raise ValueError(f"weights must have shape (k, k, 1, filters) like the first conv_2d's, got {weights.shape}.")
    n = weights.shape[3]
    ncols = min(n, 8)
    nrows = -(-n // ncols)
    limit = float(np.abs(weights).max()) or 1.0
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.1 * nrows + 0.4), squeeze=False,
                             layout="constrained")
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < n:
            ax.imshow(weights[:, :, 0, i], cmap="RdBu_r", vmin=-limit, vmax=limit)
    fig.suptitle(f"the {n} filters of the first layer ({weights.shape[0]}x{weights.shape[1]} pixels each)")
    plt.show()


def plot_prediction(index, images, probabilities, labels):
    """Show test image `index` beside the network's probability for each digit."""
    images = _images(images)
    probabilities = validate.array(probabilities, "probabilities", shape=(len(images), None))
    labels = validate.array(labels, "labels", shape=(len(images),)).astype(int)
    index = validate.number(index, "index", integer=True, minimum=0, maximum=len(images) - 1)
    p, true = probabilities[index], labels[index]
    said = int(np.argmax(p))
    fig, (left, right) = new_figure(2, width=3.6, height=3.0)
    left.imshow(images[index], cmap="gray_r")
    left.axis("off")
    left.set_title(f"test image {index}: a {true}")
    colors = [COLORS["good"] if d == true else (COLORS["bad"] if d == said else COLORS["data"]) for d in range(len(p))]
    right.bar(range(len(p)), p, color=colors)
    right.set_xticks(range(len(p)))
    right.set_ylim(0, 1)
    right.set_xlabel("digit")
    right.set_ylabel("probability")
    right.set_title(f"the network says {said} ({p[said]:.1%})", color=COLORS["good"] if said == true else COLORS["bad"])
    plt.show()


# (end of section 06)
