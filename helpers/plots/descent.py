"""Gradient descent and its descendants on a curve and on a surface (notebook 02): where each step lands."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import optimizers, validate
from helpers.palette import BLACK, BLUISH_GREEN, ORANGE, PALETTE, REDDISH_PURPLE, SKY_BLUE, VERMILLION, WHITE
from helpers.plots.figure import MAX_DRAWN_STEPS, TOO_MANY_TO_DRAW, new_figure, note

# Each optimiser's path: a colour, and a marker and line style so the paths are told apart without colour too.
PATH_STYLES = {
    "gradient descent": (VERMILLION, "o", "-"),
    "momentum": (ORANGE, "s", "--"),
    "Nesterov": (REDDISH_PURPLE, "^", "-."),
    "RMSprop": (SKY_BLUE, "D", ":"),
    "Adam": (BLUISH_GREEN, "v", (0, (5, 1, 1, 1))),
}


def plot_descent(error, slope, start=0.5, learning_rate=0.01, num_steps=60, target=None, window=(-1.6, 1.9)):
    """Draw gradient descent on a curve (each step a point and an arrow), then x and the slope per step."""
    validate.function(error, "error")
    validate.function(slope, "slope")
    start = validate.number(start, "start")
    num_steps = validate.count(num_steps, "num_steps", maximum=MAX_DRAWN_STEPS, why=TOO_MANY_TO_DRAW)
    low, high = validate.array(window, "window", shape=(2,))
    path = optimizers.run(optimizers.gradient_descent_step, slope, start, learning_rate, num_steps)
    ran_off = optimizers.diverged(path, num_steps)

    fig, (curve, xs_ax, slope_ax) = new_figure(ncols=3, width=4.3, height=3.6)
    grid = np.linspace(low, high, 300)
    heights = np.array([error(v) for v in grid])
    curve.plot(grid, heights, color=BLACK, alpha=0.7, linewidth=1.5)
    with np.errstate(over="ignore", invalid="ignore"):
        inside = [v for v in path if low <= v <= high]
        for a, c in zip(path[:-1], path[1:], strict=True):
            if low <= a <= high and low <= c <= high:
                curve.annotate("", xy=(c, error(c)), xytext=(a, error(a)),
                               arrowprops={"arrowstyle": "->", "color": PALETTE["path"], "lw": 1})
        curve.plot(inside, [error(v) for v in inside], "o", color=PALETTE["path"], markersize=3.5)
        slopes = np.array([slope(v) for v in path])
    curve.plot(start, error(start), "o", color=PALETTE["good"], markersize=8, label=f"start x = {start:.2f}")
    if target is not None:
        curve.axvline(target, color=BLACK, alpha=0.5, linestyle=":", linewidth=1)
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
    for ax, values, (lo, hi), color in ((xs_ax, path, (low, high), PALETTE["path"]),
                                        (slope_ax, slopes, (slope_low, slope_high), PALETTE["data"])):
        shown = np.clip(np.nan_to_num(values, nan=hi, posinf=hi, neginf=lo), lo, hi)
        ax.plot(steps, shown, ".-", color=color, markersize=3)
        if np.any(shown != values):
            ax.plot(steps[shown == lo], shown[shown == lo], "v", color=PALETTE["bad"], markersize=7)
            ax.plot(steps[shown == hi], shown[shown == hi], "^", color=PALETTE["bad"], markersize=7)
            ax.set_ylim(lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo))
    slope_ax.axhline(0, color=BLACK, alpha=0.5, linewidth=0.8)
    if target is not None:
        xs_ax.axhline(target, color=BLACK, alpha=0.5, linestyle=":", linewidth=1, label=f"local minimum {target:.4f}")
        xs_ax.legend(loc="center right", fontsize=8)
    for ax, label in ((xs_ax, "x"), (slope_ax, "slope at x")):
        ax.set_xlabel("step")
        ax.set_ylabel(label)
    if ran_off:
        where = "-∞" if path[-1] < 0 else "+∞"
        curve.set_title(f"rate {learning_rate:.3g}: diverged after {len(path) - 1} steps")
        note(curve, f"diverged: x ran off towards {where}")
        for ax in (xs_ax, slope_ax):
            note(ax, "diverged (triangles: off the chart)")
    else:
        curve.set_title(f"rate {learning_rate:.3g}: x = {path[-1]:.4f} after {num_steps} steps")
    xs_ax.set_title("x at each step")
    slope_ax.set_title("slope at each step")
    plt.show()


def plot_optimizer_paths(surface, gradient, start, learning_rate=0.05, num_steps=100, xlim=(-2, 2), ylim=(-1.5, 1.5),
                         marks=None):
    """Draw the paths of gradient descent, momentum, Nesterov, RMSprop and Adam on a contour plot."""
    validate.function(surface, "surface")
    start = validate.array(start, "start", shape=(2,))
    num_steps = validate.count(num_steps, "num_steps", maximum=MAX_DRAWN_STEPS, why=TOO_MANY_TO_DRAW)
    xlim, ylim = validate.array(xlim, "xlim", shape=(2,)), validate.array(ylim, "ylim", shape=(2,))

    fig, (paths_ax, height_ax) = new_figure(ncols=2, width=5.4, height=4.2)
    X, Y = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    Z = surface(X, Y)
    low = Z.min() + 1e-3 * np.ptp(Z)  # contours close together near the bottom, where the paths go
    levels = np.unique(np.concatenate([np.linspace(low, low + 0.12 * np.ptp(Z), 9), np.linspace(low, Z.max(), 10)]))
    paths_ax.contourf(X, Y, Z, levels=np.concatenate([[Z.min()], levels]), cmap="viridis", alpha=0.6)
    paths_ax.contour(X, Y, Z, levels=levels, colors=BLACK, linewidths=0.3, alpha=0.5)
    for label, where in (marks or {}).items():
        where = validate.array(where, f"marks[{label!r}]", shape=(2,))
        paths_ax.plot(*where, "x", color=BLACK, markersize=8, markeredgewidth=2)
        paths_ax.annotate(label, where, textcoords="offset points", xytext=(6, -12), fontsize=9)
    ran_off = []
    for name, step in optimizers.OPTIMIZERS.items():
        path = optimizers.run(step, gradient, start, learning_rate, num_steps)
        color, marker, style = PATH_STYLES[name]
        every = max(1, len(path) // 8)  # a few markers along each path: enough to tell the paths apart
        paths_ax.plot(path[:, 0], path[:, 1], color=color, linestyle=style, marker=marker, markevery=every,
                      markersize=4, linewidth=1.4, label=name)
        paths_ax.plot(*path[-1], marker, color=color, markersize=8, markeredgecolor=WHITE)
        with np.errstate(over="ignore", invalid="ignore"):
            height_ax.plot(np.arange(len(path)), surface(path[:, 0], path[:, 1]), color=color, linestyle=style,
                           marker=marker, markevery=every, markersize=4, label=name)
        if optimizers.diverged(path, num_steps):
            ran_off.append(name)
    paths_ax.plot(*start, "s", color=WHITE, markeredgecolor=BLACK, markersize=7)
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
        note(height_ax, "diverged: " + ", ".join(ran_off))
    plt.show()
