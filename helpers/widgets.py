"""Interactive controls: sliders and menus wired to the same plotting functions the static cells call."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
from ipywidgets import fixed

from helpers import validate

__all__ = ["dropdown", "fixed", "float_slider", "int_slider", "log_slider", "play"]


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


def play(plot_function, **controls):
    """Show controls above a figure that plot_function redraws whenever a control changes.

    Pass every argument of plot_function: controls for what the learner changes, fixed(value) for the rest.
    """
    validate.function(plot_function, "plot_function")
    if not controls:
        raise ValueError("play() needs at least one control, e.g. m=float_slider(2, -5, 5, 0.1, 'm').")

    def redraw(**values):
        plot_function(**values)
        plt.show()

    panel = widgets.interactive(redraw, **controls)
    panel.children[-1].layout.min_height = "320px"  # keep the page from jumping while it redraws
    return panel
