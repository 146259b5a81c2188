"""Lines through points (notebooks 01 and 03): squared errors as squares, the error surface, a line learned step
by step, and batch against stochastic gradient descent."""

import re

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter

from helpers import regression, validate
from helpers.palette import BLACK, ORANGE, PALETTE, WHITE
from helpers.plots.figure import SERIES_STYLES, new_figure, note, show


def _mse_grid(points, ms, bs):
    """Return the mean squared error of every line y = m*x + b on a grid, rows b, columns m."""
    x, y = points.T
    M, B = np.meshgrid(ms, bs)
    return np.mean((y - (M[..., None] * x + B[..., None])) ** 2, axis=-1)


def _units(units):
    """Check units: None, or {"x": (label, scale, offset), "y": (...)} saying how a plotted number is read."""
    if units is None:
        return {"x": ("x", 1.0, 0.0), "y": ("y", 1.0, 0.0)}
    if not isinstance(units, dict) or set(units) != {"x", "y"}:
        raise TypeError(f"units must be None or a dict with the keys 'x' and 'y', got {units!r}. Example: "
                        "{'x': ('latitude (degrees)', 10, 0), 'y': ('one degree (toises)', 100, 56_700)}.")
    checked = {}
    for axis, entry in units.items():
        if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], str)):
            raise TypeError(f"units[{axis!r}] must be (label, scale, offset), such as ('latitude (degrees)', 10, 0): "
                            f"a plotted {axis} is shown as offset + scale * {axis}; got {entry!r}.")
        checked[axis] = (entry[0], validate.number(entry[1], f"units[{axis!r}] scale", positive=True),
                         validate.number(entry[2], f"units[{axis!r}] offset"))
    return checked


def _scaled_name(label, scale, offset):
    """Say how a plotted number is made from the data's unit: 'degrees / 10', '(toises - 56,700) / 100'."""
    unit = re.search(r"\(([^()]+)\)\s*$", label)
    name = unit.group(1) if unit else label
    if offset:
        name = f"{name} \u2212 {offset:,.6g}"
        name = f"({name})" if scale != 1 else name
    return f"{name} / {scale:,.6g}" if scale != 1 else name


def _read_in(ax_axis, scale, offset):
    """Label an axis's ticks in the data's own units: offset + scale * the plotted number."""
    ax_axis.set_major_formatter(FuncFormatter(lambda value, _: f"{offset + scale * value:,.6g}"))


class SquaresAndSurface:
    """Notebook 01's figure, live: the points and the error map stay; the line, its squares and your guess move."""

    def __init__(self, points, m_range, b_range, units=None):
        self.points = validate.points(points)
        units = _units(units)
        scaled = {axis: units[axis] for axis in units if units[axis][1:] != (1.0, 0.0)}
        # The line's m and b are in the plotted numbers: when the axes read in other units, the legend says how.
        self.line_units = ", where" * bool(scaled) + "".join(f"\n{axis} = {_scaled_name(*scaled[axis])}"
                                                              for axis in scaled)
        x, y = self.points.T
        b_best, m_best = regression.least_squares(self.points)
        self.m_range = validate.interval(m_range if m_range is not None else (m_best - 2, m_best + 2), "m_range")
        self.b_range = validate.interval(b_range if b_range is not None else (b_best - 6, b_best + 6), "b_range")
        self.figure, (self.left, self.right) = new_figure(ncols=2, width=5.2, height=4.4)
        left, right = self.left, self.right
        self.squares, self.residuals = [], []
        for _ in x:  # one square and one vertical line per point, placed by update
            self.squares.append(left.add_patch(plt.Rectangle((0, 0), 0, 0, facecolor=PALETTE["model"], alpha=0.18,
                                                             edgecolor=PALETTE["model"], linewidth=0.8)))
            self.residuals.append(left.plot([], [], color=PALETTE["model"], linewidth=1)[0])
        (self.line,) = left.plot([], [], color=PALETTE["model"], linewidth=2)
        left.scatter(x, y, color=PALETTE["data"], zorder=3, label="data")
        left.set_aspect("equal", adjustable="box")
        for axis, ax_axis, set_label in (("x", left.xaxis, left.set_xlabel), ("y", left.yaxis, left.set_ylabel)):
            label, scale, offset = units[axis]
            set_label(label)
            if (scale, offset) != (1.0, 0.0):
                _read_in(ax_axis, scale, offset)

        ms = np.linspace(*self.m_range, 121)
        bs = np.linspace(*self.b_range, 121)
        grid = _mse_grid(self.points, ms, bs)
        # Log-spaced levels from the lowest error up; points on one straight line have an error of 0 at the best
        # line, which a log scale cannot place: the map then starts a millionth of the highest error up.
        lowest = max(grid.min(), 1e-6 * grid.max())
        levels = np.geomspace(lowest * 1.02, grid.max(), 14)
        right.contourf(ms, bs, np.maximum(grid, lowest), levels=np.concatenate([[lowest], levels]), cmap="viridis",
                       alpha=0.55, norm="log")
        right.contour(ms, bs, grid, levels=levels, colors=BLACK, linewidths=0.4, alpha=0.5)
        (self.guess,) = right.plot([], [], "o", color=PALETTE["model"], markersize=9, markeredgecolor=WHITE)
        self.off_map = note(right, "your guess is off this map")
        right.set_xlim(*self.m_range)
        right.set_ylim(*self.b_range)
        right.set_xlabel("m (slope)")
        right.set_ylabel("b (intercept)")
        right.set_title("mean squared error for every (m, b)\n(darker is lower)")

    def update(self, m, b):
        """Move the line y = m*x + b, its squared residuals, the mean squared error and your guess on the map."""
        m, b = validate.number(m, "m"), validate.number(b, "b")
        x, y = self.points.T
        residuals = y - (m * x + b)
        error = float(np.mean(residuals**2))
        shown_y = np.concatenate([y, y - residuals])  # the points and where the line passes them: every square fits
        half = 0.5 * max(np.ptp(x), np.ptp(shown_y), 1.0) * 1.2  # the same span on both axes: squares look square
        cx, cy = (x.min() + x.max()) / 2, (shown_y.min() + shown_y.max()) / 2
        for square, residual, r, xi, yi in zip(self.squares, self.residuals, residuals, x, y, strict=True):
            side = abs(r)
            square.set_xy((xi if xi <= cx else xi - side, min(yi, yi - r)))  # grow towards the middle
            square.set_width(side)
            square.set_height(side)
            residual.set_data([xi, xi], [yi, yi - r])
        xs = np.array([cx - half, cx + half])
        self.line.set_data(xs, m * xs + b)
        self.line.set_label(f"y = {m:.2f}x + {b:.2f}{self.line_units}")
        self.left.set_xlim(cx - half, cx + half)
        self.left.set_ylim(cy - half, cy + half)
        self.left.set_title(f"each square's area is one squared error\nmean squared error = {error:.3f}")
        self.left.legend(loc="lower right", fontsize=8)

        shown_m, shown_b = np.clip(m, *self.m_range), np.clip(b, *self.b_range)
        self.guess.set_data([shown_m], [shown_b])
        self.guess.set_label(f"your guess (m={m:.2f}, b={b:.2f})")
        self.off_map.set_visible((shown_m, shown_b) != (m, b))
        self.right.legend(loc="lower left", fontsize=8)


def plot_squares_and_surface(points, m, b, m_range=None, b_range=None, units=None):
    """Draw the points, the line y = m*x + b with each squared residual as a square, and the error surface.

    units = {"x": (label, scale, offset), "y": (...)} labels the left panel's axes in the data's own units, for
    points that were scaled to draw square squares (a plotted x is offset + scale * x there).
    """
    m, b = validate.number(m, "m"), validate.number(b, "b")  # at the door, before the error map is worked out
    show(SquaresAndSurface(points, m_range, b_range, units), m=m, b=b)


class RegressionFit:
    """Notebook 03's figure, live: the points and the least-squares line stay; the lines of descent and the error
    after each step move."""

    def __init__(self, points, starting_b, starting_m, num_snapshots):
        self.points = validate.points(points)
        self.num_snapshots = validate.number(num_snapshots, "num_snapshots", integer=True, minimum=2)
        self.starting_b = starting_b = validate.number(starting_b, "starting_b")
        self.starting_m = starting_m = validate.number(starting_m, "starting_m")
        b_best, m_best = regression.least_squares(self.points)
        self.best_cost = regression.mean_squared_error(b_best, m_best, self.points)
        x, y = self.points.T
        self.figure, (self.fit_ax, self.cost_ax) = new_figure(ncols=2, width=5.2, height=4.0)
        fit_ax, cost_ax = self.fit_ax, self.cost_ax
        pad = 0.1 * np.ptp(x)
        self.xs = xs = np.array([x.min() - pad, x.max() + pad])
        # The line at a few moments of the descent (later darker, in one colour), placed by update.
        self.snapshots = [fit_ax.plot([], [], color=ORANGE, linewidth=1.8)[0] for _ in range(self.num_snapshots)]
        (self.best_line,) = fit_ax.plot(xs, m_best * xs + b_best, color=BLACK, linestyle="--", linewidth=1.2,
                                        label="least squares")
        fit_ax.scatter(x, y, color=PALETTE["data"], zorder=3)
        span = np.ptp(y)
        fit_ax.set_ylim(min(y.min(), (m_best * xs + b_best).min(), starting_m * xs.min() + starting_b) - 0.1 * span,
                        y.max() + 0.15 * span)
        fit_ax.set_xlim(*xs)
        fit_ax.set_xlabel("x")
        fit_ax.set_ylabel("y")

        (self.cost_line,) = cost_ax.plot([], [], color=PALETTE["path"], label="error of gradient descent")
        cost_ax.axhline(self.best_cost, color=BLACK, linestyle="--", linewidth=1,
                        label=f"least squares {self.best_cost:.4f}")
        (self.excess_line,) = cost_ax.plot([], [], color=PALETTE["data"], linestyle=":",
                                           label="error above least squares")
        cost_ax.set_yscale("log")
        cost_ax.set_xlabel("step")
        cost_ax.set_ylabel("mean squared error (log scale)")
        self.diverged_note = note(cost_ax, "diverged: each step overshoots further")

    def update(self, learning_rate, num_iterations):
        """Run gradient descent at learning_rate for num_iterations; move the lines, the cost and the titles."""
        num_iterations = validate.number(num_iterations, "num_iterations", integer=True, minimum=1)
        with validate.divergence_shown_elsewhere():  # the figure's note says so
            history = regression.descend(self.points, self.starting_b, self.starting_m, learning_rate, num_iterations)
        cost = regression.costs(history, self.points)
        ran_off = len(history) < num_iterations + 1 or not cost[-1] <= cost[0]  # cut short, or the error grew
        xs = self.xs
        moments = np.unique(np.linspace(0, len(history) - 1, self.num_snapshots).round().astype(int))
        shades = np.linspace(0.3, 1.0, len(moments))  # later steps darker, in one colour
        shown = []
        for i, line in enumerate(self.snapshots):
            b, m = history[moments[i]] if i < len(moments) else (np.nan, np.nan)
            if np.isfinite(b) and np.isfinite(m) and max(abs(b), abs(m)) < validate.DIVERGENCE_LIMIT:
                line.set_data(xs, m * xs + b)
                line.set_alpha(shades[i])
                line.set_label(f"step {moments[i]}")
                shown.append(line)
            else:  # an unused moment, or a line off the chart
                line.set_data([], [])
        self.fit_ax.legend(handles=[*shown, self.best_line], fontsize=8, loc="lower right")

        excess = cost - self.best_cost
        self.cost_line.set_data(np.arange(len(cost)), cost)
        self.excess_line.set_data(np.arange(len(cost)), np.where(excess > 0, excess, np.nan))
        self.cost_ax.relim()
        self.cost_ax.autoscale_view()
        self.cost_ax.legend(fontsize=8, loc="lower right" if ran_off else "upper right")
        self.diverged_note.set_visible(ran_off)
        if ran_off:
            self.fit_ax.set_title(f"rate {learning_rate:.3g}: diverged (later lines are off the chart)")
            self.cost_ax.set_title(f"diverged after {len(history) - 1} steps")
        else:
            b, m = history[-1]
            self.fit_ax.set_title(f"rate {learning_rate:.3g}, {num_iterations} steps: b = {b:.2f}, m = {m:.2f}")
            self.cost_ax.set_title(f"error after each step (last {cost[-1]:.4f})")


def plot_regression_fit(points, learning_rate=0.01, num_iterations=100, starting_b=1.0, starting_m=1.0,
                        num_snapshots=5):
    """Draw the line at a few moments of gradient descent over the points, and the error after each step."""
    show(RegressionFit(points, starting_b, starting_m, num_snapshots), learning_rate=learning_rate,
         num_iterations=num_iterations)


def plot_batch_vs_stochastic(points, learning_rate=0.05, num_epochs=3, batch_sizes=(None, 32, 1), seed=0):
    """Draw the error against passes over the data for batch, mini-batch and stochastic gradient descent."""
    points = validate.points(points)
    n = len(points)
    fig, ax = new_figure(width=6.4, height=4.0)
    b_best, m_best = regression.least_squares(points)
    for i, size in enumerate(batch_sizes):
        style = SERIES_STYLES[i % len(SERIES_STYLES)]
        size = n if size is None else validate.number(size, "batch_sizes entry", integer=True, minimum=1)
        history = regression.minibatch_descend(points, 0.0, 0.0, learning_rate, num_epochs, size, seed=seed)
        epochs = np.arange(len(history)) / -(-n // size)  # a pass is ceil(n / size) steps, the last batch smaller
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
