"""What every figure shares: its size, the course's colours in order, the warning box, and how a live figure is shown.

A live figure is a small class: __init__ draws the parts that stay (axes, curves, contour maps) and
update(**values) moves the parts that change (set_data, set_text, ...). The plot function shows it once;
helpers.widgets.play keeps it and calls update when a slider moves, instead of drawing a new figure.
"""

import base64
import io
import traceback

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers import validate
from helpers.palette import BLACK, BLUE, BLUISH_GREEN, ORANGE, PALETTE, REDDISH_PURPLE, SKY_BLUE, VERMILLION, WHITE

SERIES_COLORS = (BLUE, ORANGE, REDDISH_PURPLE, BLUISH_GREEN, SKY_BLUE, VERMILLION, BLACK)  # in the order used
SERIES_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 3)), (0, (8, 2)))  # told apart without colour


MAX_PANEL_INCHES = 20  # a panel 20 inches wide is already wider than a screen; 1,000 would be 100,000 pixels


def new_figure(ncols=1, width=5.0, height=3.6):
    """Return (figure, axes) for a row of ncols panels of the course's usual size, drawing in the course's colours."""
    validate.count(ncols, "ncols", minimum=1, maximum=12, why="more panels in one row are too small to read")
    for size, name, usual in ((width, "width", 5.0), (height, "height", 3.6)):
        if validate.number(size, name, positive=True) > MAX_PANEL_INCHES:
            raise ValueError(f"{name} must be at most {MAX_PANEL_INCHES} (inches per panel), got {size!r}: a bigger "
                             "figure is wider than any screen and its picture can fill the memory. "
                             f"Try {name}={usual}.")
    # Titles sit just above their panel (titley 1): matplotlib would otherwise work out, on every draw, whether
    # tick labels on top push them up, and the course's panels have none there.
    with plt.rc_context({"axes.titley": 1.0}):
        fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), squeeze=False, layout="constrained")
    for ax in axes[0]:
        ax.set_prop_cycle(color=SERIES_COLORS)  # this figure only: matplotlib's own defaults are left alone
    return fig, axes[0] if ncols > 1 else axes[0][0]


MAX_DRAWN_STEPS = 2_000  # each step is a marker or an arrow: more take minutes to draw and crowd into a smear
TOO_MANY_TO_DRAW = "a figure draws every step, and more take minutes to draw and crowd into a smear; try 100"


def note(ax, text, color=PALETTE["bad"]):
    """Write a short warning in the top-left corner of ax, on a white box above the lines; return the text."""
    return ax.text(0.03, 0.96, text, transform=ax.transAxes, va="top", ha="left", color=color, fontsize=9, zorder=4,
                   bbox={"facecolor": WHITE, "edgecolor": color, "alpha": 0.9, "boxstyle": "round"})


def show(live, **values):
    """Draw a live figure at values and show it; if values are refused, close it so no empty figure is shown."""
    try:
        live.update(**values)
    except Exception:
        plt.close(live.figure)
        raise
    plt.show()


def png_output(figure):
    """Return figure as a notebook output holding a PNG, drawn once at the figure's own size (nothing cropped)."""
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure (such as the first of plt.subplots()), got {figure!r}.")
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    canvas.print_png(buffer, pil_kwargs={"compress_level": 1})  # a third of level 6's time, 7% larger
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii")}}


def error_output(error):
    """Return an error raised while drawing as a notebook output: the learner sees what to fix."""
    if not isinstance(error, BaseException):
        raise TypeError(f"error must be an exception (what an except clause catches), got {error!r}.")
    return {"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
            "traceback": traceback.format_exception_only(type(error), error)}
