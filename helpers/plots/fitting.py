"""Lines through points (notebooks 01 and 03): squared errors as squares, the error surface, a line learned step
by step, and batch against stochastic gradient descent."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import regression, validate
from helpers.palette import BLACK, ORANGE, PALETTE, WHITE
from helpers.plots.figure import SERIES_STYLES, new_figure, note


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
        left.add_patch(plt.Rectangle((corner_x, min(yi, yi - r)), side, side, facecolor=PALETTE["model"],
                                     alpha=0.18, edgecolor=PALETTE["model"], linewidth=0.8))
        left.plot([xi, xi], [yi, yi - r], color=PALETTE["model"], linewidth=1)
    xs = np.array([cx - half, cx + half])
    left.plot(xs, m * xs + b, color=PALETTE["model"], linewidth=2, label=f"y = {m:.2f}x + {b:.2f}")
    left.scatter(x, y, color=PALETTE["data"], zorder=3, label="data")
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
    right.contour(ms, bs, grid, levels=levels, colors=BLACK, linewidths=0.4, alpha=0.5)
    shown_m, shown_b = np.clip(m, *m_range), np.clip(b, *b_range)
    right.plot(shown_m, shown_b, "o", color=PALETTE["model"], markersize=9, markeredgecolor=WHITE,
               label=f"your guess (m={m:.2f}, b={b:.2f})")
    if (shown_m, shown_b) != (m, b):
        note(right, "your guess is off this map")
    right.set_xlim(*m_range)
    right.set_ylim(*b_range)
    right.set_xlabel("m (slope)")
    right.set_ylabel("b (intercept)")
    right.set_title("mean squared error for every (m, b)\n(darker is lower)")
    right.legend(loc="lower left", fontsize=8)
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
    shades = np.linspace(0.3, 1.0, len(moments))  # later steps darker, in one colour
    for k, shade in zip(moments, shades, strict=True):
        b, m = history[k]
        if np.isfinite(b) and np.isfinite(m) and abs(b) < 1e6 and abs(m) < 1e6:
            fit_ax.plot(xs, m * xs + b, color=ORANGE, alpha=shade, linewidth=1.8, label=f"step {k}")
    fit_ax.plot(xs, m_best * xs + b_best, color=BLACK, linestyle="--", linewidth=1.2, label="least squares")
    fit_ax.scatter(x, y, color=PALETTE["data"], zorder=3)
    span = np.ptp(y)
    fit_ax.set_ylim(min(y.min(), (m_best * xs + b_best).min(), starting_m * xs.min() + starting_b) - 0.1 * span,
                    y.max() + 0.15 * span)
    fit_ax.set_xlim(*xs)
    fit_ax.set_xlabel("x")
    fit_ax.set_ylabel("y")
    fit_ax.legend(fontsize=8, loc="lower right")

    cost_ax.plot(np.arange(len(cost)), cost, color=PALETTE["path"], label="error of gradient descent")
    cost_ax.axhline(best_cost, color=BLACK, linestyle="--", linewidth=1, label=f"least squares {best_cost:.4f}")
    excess = cost - best_cost
    cost_ax.plot(np.arange(len(cost)), np.where(excess > 0, excess, np.nan), color=PALETTE["data"], linestyle=":",
                 label="error above least squares")
    cost_ax.set_yscale("log")
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("mean squared error (log scale)")
    cost_ax.legend(fontsize=8, loc="lower right" if ran_off else "upper right")
    if ran_off:
        fit_ax.set_title(f"rate {learning_rate:.3g}: diverged (later lines are off the chart)")
        cost_ax.set_title(f"diverged after {len(history) - 1} iterations")
        note(cost_ax, "diverged: each step overshoots further")
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
    for i, size in enumerate(batch_sizes):
        style = SERIES_STYLES[i % len(SERIES_STYLES)]
        size = n if size is None else validate.number(size, "batch_sizes entry", integer=True, minimum=1)
        history = regression.minibatch_descend(points, 0.0, 0.0, learning_rate, num_epochs, size, seed=seed)
        epochs = np.arange(len(history)) * size / n
        name = "batch (all points)" if size == n else ("stochastic (1 point)" if size == 1 else f"mini-batch ({size})")
        ax.plot(epochs, regression.costs(history, points), label=f"{name}: {len(history) - 1} steps", linewidth=1.2,
                linestyle=style)
    ax.axhline(regression.mean_squared_error(b_best, m_best, points), color=BLACK, linestyle="--", linewidth=1,
               label="least squares")
    ax.set_yscale("log")
    ax.set_xlabel("passes over the data (epochs)")
    ax.set_ylabel("mean squared error (log scale)")
    ax.set_title(f"{n} points, learning rate {learning_rate:.3g}")
    ax.legend(fontsize=8)
    plt.show()
