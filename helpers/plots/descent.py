"""Gradient descent and its descendants on a curve and on a surface (notebook 02): where each step lands."""

import numpy as np
from matplotlib.patches import FancyArrowPatch

from helpers import optimizers, validate
from helpers.palette import BLACK, BLUISH_GREEN, ORANGE, PALETTE, REDDISH_PURPLE, SKY_BLUE, VERMILLION, WHITE
from helpers.plots.figure import MAX_DRAWN_STEPS, TOO_MANY_TO_DRAW, new_figure, note, show

# Each optimiser's path: a colour, and a marker and line style so the paths are told apart without colour too.
PATH_STYLES = {
    "gradient descent": (VERMILLION, "o", "-"),
    "momentum": (ORANGE, "s", "--"),
    "Nesterov": (REDDISH_PURPLE, "^", "-."),
    "RMSprop": (SKY_BLUE, "D", ":"),
    "Adam": (BLUISH_GREEN, "v", (0, (5, 1, 1, 1))),
}


class Descent:
    """Notebook 02's curve, live: the curve stays; the steps, their arrows and the two panels below them move."""

    def __init__(self, error, slope, target, window):
        self.error, self.slope = validate.function(error, "error"), validate.function(slope, "slope")
        self.window = low, high = validate.interval(window, "window")
        if target is not None:
            target = validate.number(target, "target")
        self.figure, (curve, xs_ax, slope_ax) = new_figure(ncols=3, width=4.3, height=3.6)
        self.curve, self.xs_ax, self.slope_ax = curve, xs_ax, slope_ax
        grid = np.linspace(low, high, 300)
        heights = np.array([error(v) for v in grid])
        curve.plot(grid, heights, color=BLACK, alpha=0.7, linewidth=1.5)
        self.arrows = []  # one per step, placed by update: their number changes
        (self.points,) = curve.plot([], [], "o", color=PALETTE["path"], markersize=3.5)
        (self.start,) = curve.plot([], [], "o", color=PALETTE["good"], markersize=8)
        if target is not None:
            curve.axvline(target, color=BLACK, alpha=0.5, linestyle=":", linewidth=1)
        curve.set_xlim(low, high)
        margin = 0.1 * np.ptp(heights)
        curve.set_ylim(heights.min() - margin, heights.max() + margin)
        curve.set_xlabel("x")
        curve.set_ylabel("error")
        self.curve_note = note(curve, "")

        slopes_on_grid = np.array([slope(v) for v in grid])
        slope_pad = 0.1 * np.ptp(slopes_on_grid)
        self.slope_window = (slopes_on_grid.min() - slope_pad, slopes_on_grid.max() + slope_pad)
        # Each panel: its line, and triangles for values that ran off the window (clipped to its edge).
        self.panels = []
        for ax, color in ((xs_ax, PALETTE["path"]), (slope_ax, PALETTE["data"])):
            (line,) = ax.plot([], [], ".-", color=color, markersize=3)
            (below,) = ax.plot([], [], "v", color=PALETTE["bad"], markersize=7)
            (above,) = ax.plot([], [], "^", color=PALETTE["bad"], markersize=7)
            self.panels.append((ax, line, below, above))
        slope_ax.axhline(0, color=BLACK, alpha=0.5, linewidth=0.8)
        if target is not None:
            xs_ax.axhline(target, color=BLACK, alpha=0.5, linestyle=":", linewidth=1,
                          label=f"local minimum {target:.4f}")
            xs_ax.legend(loc="center right", fontsize=8)
        self.panel_notes = []
        for ax, label in ((xs_ax, "x"), (slope_ax, "slope at x")):
            ax.set_xlabel("step")
            ax.set_ylabel(label)
            self.panel_notes.append(note(ax, "diverged (triangles: off the chart)"))
        xs_ax.set_title("x at each step")
        slope_ax.set_title("slope at each step")

    def update(self, start, learning_rate, num_steps):
        """Run gradient descent from start and move the steps, the arrows, x and the slope per step."""
        start = validate.number(start, "start")
        num_steps = validate.count(num_steps, "num_steps", maximum=MAX_DRAWN_STEPS, why=TOO_MANY_TO_DRAW)
        with validate.divergence_shown_elsewhere():  # the figure's note says so
            path = optimizers.run(optimizers.gradient_descent_step, self.slope, start, learning_rate, num_steps)
        ran_off = optimizers.diverged(path, num_steps)
        error, (low, high) = self.error, self.window
        with np.errstate(over="ignore", invalid="ignore"):
            inside = [v for v in path if low <= v <= high]
            moves = [((a, error(a)), (c, error(c))) for a, c in zip(path[:-1], path[1:], strict=True)
                     if low <= a <= high and low <= c <= high]
            while len(self.arrows) < len(moves):  # one arrow per step, kept for the next update
                # An arrow as annotate("", ...) draws one: 2 points short of each end, its head sized for 10-point
                # text; without the text that annotate would also place and check on every draw.
                self.arrows.append(self.curve.add_patch(FancyArrowPatch((0, 0), (0, 0), arrowstyle="->",
                                                                        mutation_scale=10, shrinkA=2, shrinkB=2,
                                                                        zorder=3, color=PALETTE["path"],
                                                                        linewidth=1)))
            for number, arrow in enumerate(self.arrows):
                arrow.set_visible(number < len(moves))
                if number < len(moves):
                    arrow.set_positions(*moves[number])
            self.points.set_data(inside, [error(v) for v in inside])
            slopes = np.array([self.slope(v) for v in path])
        self.start.set_data([start], [error(start)])
        self.start.set_label(f"start x = {start:.2f}")
        self.curve.legend(loc="lower right", fontsize=8)

        steps = np.arange(len(path))
        for (ax, line, below, above), values, (lo, hi) in zip(self.panels, (path, slopes),
                                                               ((low, high), self.slope_window), strict=True):
            shown = np.clip(np.nan_to_num(values, nan=hi, posinf=hi, neginf=lo), lo, hi)
            clipped = np.any(shown != values)
            line.set_data(steps, shown)
            below.set_data(steps[shown == lo] if clipped else [], shown[shown == lo] if clipped else [])
            above.set_data(steps[shown == hi] if clipped else [], shown[shown == hi] if clipped else [])
            ax.relim()
            ax.set_autoscale_on(True)
            ax.autoscale_view()
            if clipped:
                ax.set_ylim(lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo))
        if ran_off:
            self.curve.set_title(f"rate {learning_rate:.3g}: diverged after {len(path) - 1} steps")
            self.curve_note.set_text(f"diverged: x ran off towards {'-∞' if path[-1] < 0 else '+∞'}")
        else:
            self.curve.set_title(f"rate {learning_rate:.3g}: x = {path[-1]:.4f} after {num_steps} steps")
        for shown_note in (self.curve_note, *self.panel_notes):
            shown_note.set_visible(ran_off)


def plot_descent(error, slope, start=0.5, learning_rate=0.01, num_steps=60, target=None, window=(-1.6, 1.9)):
    """Draw gradient descent on a curve (each step a point and an arrow), then x and the slope per step."""
    show(Descent(error, slope, target, window), start=start, learning_rate=learning_rate, num_steps=num_steps)


class OptimizerPaths:
    """Notebook 02's surface, live: the contour map stays; the five optimisers' paths and heights move."""

    def __init__(self, surface, gradient, start, xlim, ylim, marks):
        self.surface, self.gradient = validate.function(surface, "surface"), validate.function(gradient, "gradient")
        self.start = start = validate.array(start, "start", shape=(2,))
        xlim, ylim = validate.interval(xlim, "xlim"), validate.interval(ylim, "ylim")
        self.figure, (paths_ax, height_ax) = new_figure(ncols=2, width=5.4, height=4.2)
        self.paths_ax, self.height_ax = paths_ax, height_ax
        X, Y = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
        Z = surface(X, Y)
        low = Z.min() + 1e-3 * np.ptp(Z)  # contours close together near the bottom, where the paths go
        levels = np.unique(np.concatenate([np.linspace(low, low + 0.12 * np.ptp(Z), 9),
                                           np.linspace(low, Z.max(), 10)]))
        paths_ax.contourf(X, Y, Z, levels=np.concatenate([[Z.min()], levels]), cmap="viridis", alpha=0.6)
        paths_ax.contour(X, Y, Z, levels=levels, colors=BLACK, linewidths=0.3, alpha=0.5)
        for label, where in (marks or {}).items():
            where = validate.array(where, f"marks[{label!r}]", shape=(2,))
            paths_ax.plot(*where, "x", color=BLACK, markersize=8, markeredgewidth=2)
            paths_ax.annotate(label, where, textcoords="offset points", xytext=(6, -12), fontsize=9)
        self.lines = {}  # each optimiser's path, its end and its height per step
        for name in optimizers.OPTIMIZERS:
            color, marker, style = PATH_STYLES[name]
            (path,) = paths_ax.plot([], [], color=color, linestyle=style, marker=marker, markersize=4, linewidth=1.4,
                                    label=name)
            (end,) = paths_ax.plot([], [], marker, color=color, markersize=8, markeredgecolor=WHITE)
            (height,) = height_ax.plot([], [], color=color, linestyle=style, marker=marker, markersize=4, label=name)
            self.lines[name] = (path, end, height)
        paths_ax.plot(*start, "s", color=WHITE, markeredgecolor=BLACK, markersize=7)
        paths_ax.annotate("start", start, textcoords="offset points", xytext=(6, 6), fontsize=9)
        paths_ax.set_xlim(*xlim)
        paths_ax.set_ylim(*ylim)
        paths_ax.set_xlabel("x")
        paths_ax.set_ylabel("y")
        height_ax.set_ylim(Z.min() - 0.1 * np.ptp(Z), surface(*start) + 0.1 * np.ptp(Z))
        height_ax.set_xlabel("step")
        height_ax.set_ylabel("height on the surface")
        height_ax.set_title("height at each step")
        self.diverged_note = note(height_ax, "")

    def update(self, learning_rate, num_steps):
        """Run every optimiser for num_steps at learning_rate and move its path and its height per step."""
        num_steps = validate.count(num_steps, "num_steps", maximum=MAX_DRAWN_STEPS, why=TOO_MANY_TO_DRAW)
        ran_off = []
        for name, step in optimizers.OPTIMIZERS.items():
            with validate.divergence_shown_elsewhere():  # the figure's note names the optimisers that diverged
                path = optimizers.run(step, self.gradient, self.start, learning_rate, num_steps)
            line, end, height = self.lines[name]
            every = max(1, len(path) // 8)  # a few markers along each path: enough to tell the paths apart
            line.set_data(path[:, 0], path[:, 1])
            line.set_markevery(every)
            end.set_data(path[-1:, 0], path[-1:, 1])
            with np.errstate(over="ignore", invalid="ignore"):
                height.set_data(np.arange(len(path)), self.surface(path[:, 0], path[:, 1]))
            height.set_markevery(every)
            if optimizers.diverged(path, num_steps):
                ran_off.append(name)
        self.paths_ax.set_title(f"{num_steps} steps at learning rate {learning_rate:.3g}")
        self.paths_ax.legend(loc="lower left", fontsize=8)  # made again: its markers copy each path's markevery
        self.height_ax.relim()
        self.height_ax.autoscale_view(scaley=False)
        self.diverged_note.set_text("diverged: " + ", ".join(ran_off))
        self.diverged_note.set_visible(bool(ran_off))


def plot_optimizer_paths(surface, gradient, start, learning_rate=0.05, num_steps=100, xlim=(-2, 2), ylim=(-1.5, 1.5),
                         marks=None):
    """Draw the paths of gradient descent, momentum, Nesterov, RMSprop and Adam on a contour plot."""
    show(OptimizerPaths(surface, gradient, start, xlim, ylim, marks), learning_rate=learning_rate, num_steps=num_steps)
