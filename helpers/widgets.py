"""Interactive controls: sliders and menus wired to the same plotting functions the static cells call."""

import base64
import io
import traceback

import ipywidgets as widgets
import matplotlib.pyplot as plt
from ipywidgets import fixed

from helpers import validate

__all__ = ["dropdown", "fixed", "float_slider", "int_slider", "log_slider", "play"]

FIGURE_DPI = 100  # the inline backend's resolution, so the live figure looks like the static one above it


def _check_range(value, low, high, *, integer=False):
    """Check that a slider's low <= value <= high are numbers (whole numbers for an integer slider)."""
    low = validate.number(low, "low", integer=integer)
    high = validate.number(high, "high", integer=integer, minimum=low)
    validate.number(value, "value", integer=integer, minimum=low, maximum=high)


def float_slider(value, low, high, step, description):
    """Return a float slider that redraws when released (not on every pixel of a drag)."""
    _check_range(value, low, high)
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=False, readout_format=".3g", style={"description_width": "initial"},
    )


def log_slider(value, low, high, description):
    """Return a slider over powers of ten, for learning rates (low and high are exponents)."""
    _check_range(value, 10.0 ** validate.number(low, "low"), 10.0 ** validate.number(high, "high"))
    return widgets.FloatLogSlider(
        value=value, base=10, min=low, max=high, step=0.1, description=description,
        continuous_update=False, readout_format=".3g", style={"description_width": "initial"},
    )


def int_slider(value, low, high, step, description):
    """Return an integer slider that redraws when released."""
    _check_range(value, low, high, integer=True)
    return widgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=False, style={"description_width": "initial"},
    )


def dropdown(options, value, description):
    """Return a drop-down menu over options."""
    return widgets.Dropdown(options=options, value=value, description=description)


def _figures_drawn_by(plot_function, values):
    """Call plot_function(**values) with plt.show held back; return the figures it drew, still open."""
    before = set(plt.get_fignums())
    show = plt.show
    plt.show = _keep_open  # the plot functions end with plt.show(), which would print the figure in the cell
    try:
        plot_function(**values)
    except Exception:
        for number in set(plt.get_fignums()) - before:
            plt.close(number)
        raise
    finally:
        plt.show = show
    return [plt.figure(number) for number in plt.get_fignums() if number not in before]


def _keep_open(*args, **kwargs):
    """Stand in for plt.show while play() draws: leave the figure open for play() to render."""


def _png_output(figure):
    """Return figure as a notebook output holding a PNG (one drawing at the figure's size, nothing cropped)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=FIGURE_DPI, facecolor="white")
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii")}}


def _error_output(error):
    """Return an error raised while drawing as a notebook output: the learner sees what to fix."""
    return {"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
            "traceback": traceback.format_exception_only(type(error), error)}


def play(plot_function, **controls):
    """Show controls above a figure that plot_function redraws whenever a control changes.

    Pass every argument of plot_function: controls for what the learner changes, fixed(value) for the rest.
    The figure is rendered here to a PNG and swapped into the output below the controls in one update,
    which the browser shows much sooner than a cleared and refilled output (see tests/e2e/latency.py).
    """
    validate.function(plot_function, "plot_function")
    if not controls:
        raise ValueError("play() needs at least one control, e.g. m=float_slider(2, -5, 5, 0.1, 'm').")
    for name, control in controls.items():
        if not isinstance(control, (widgets.ValueWidget, fixed)):
            raise TypeError(f"{name} must be a control (float_slider, int_slider, log_slider, dropdown) or "
                            f"fixed(value) for a value that stays put, got {control!r}. "
                            f"Try {name}=widgets.fixed({control!r}).")
    shown = {name: control for name, control in controls.items() if not isinstance(control, fixed)}
    figure = widgets.Output(layout={"min_height": "320px"})  # keeps the page from jumping while it redraws

    def redraw(change=None):
        values = {name: control.value for name, control in controls.items()}
        drawn = []
        try:
            drawn = _figures_drawn_by(plot_function, values)
            figure.outputs = tuple(_png_output(one) for one in drawn)
        except Exception as error:  # shown under the controls, as the static cell would show it
            figure.outputs = (_error_output(error),)
        finally:
            for one in drawn:
                plt.close(one)

    for control in shown.values():
        control.observe(redraw, names="value")
    redraw()
    panel = widgets.VBox([*shown.values(), figure])
    panel.add_class("widget-interact")  # laid out and styled like ipywidgets' interact
    return panel
