"""Interactive controls: sliders and menus wired to the same plotting functions the static cells call."""

import inspect
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
from ipywidgets import fixed

from helpers import validate
from helpers.plots import backprop, descent, digits, fitting, learning
from helpers.plots.figure import error_output, png_output

__all__ = ["dropdown", "fixed", "float_slider", "int_slider", "log_slider", "play"]


MAX_POSITIONS = 10_000  # a slider is a few hundred pixels long: more positions than this cannot be told apart
LOG_EXPONENTS = 300  # 10 ** 309 is more than a float holds
LOG_STEP = 0.1  # a log slider moves by a tenth of a power of ten: 1, 1.26, 1.58, 2, ...

# The plot functions that have a live form (helpers/plots/figure.py says what that is): play() draws their
# figure once and then updates it when a control moves. Any other function, a learner's own among them, is
# called afresh on every move.
LIVE_FORMS = {
    fitting.plot_squares_and_surface: fitting.SquaresAndSurface,
    descent.plot_descent: descent.Descent,
    descent.plot_optimizer_paths: descent.OptimizerPaths,
    fitting.plot_regression_fit: fitting.RegressionFit,
    backprop.plot_backward_step: backprop.BackwardStep,
    learning.plot_network_training: learning.NetworkTraining,
    digits.plot_prediction: digits.Prediction,
}


def _check_description(description):
    """Check that a control's label is text."""
    if not isinstance(description, str):
        raise TypeError(f"description must be text (a str) such as 'slope m', got {description!r}.")


def _check_range(value, low, high, step, *, integer=False):
    """Check a slider's numbers: low < high, 0 < step <= high - low, few enough positions, low <= value <= high."""
    low, high = _check_span(low, high, step, integer=integer)
    validate.number(value, "value", integer=integer, minimum=low, maximum=high)


def _check_span(low, high, step, *, integer=False):
    """Check that a slider's range low < high is cut by step into between 1 and MAX_POSITIONS moves."""
    low = validate.number(low, "low", integer=integer)
    high = validate.number(high, "high", integer=integer)
    if high <= low:
        raise ValueError(f"high must be greater than low, got low={low!r} and high={high!r}: the slider needs a "
                         "range to move in. Put the smaller number first.")
    if integer and isinstance(step, float) and not step.is_integer():
        raise TypeError(f"step must be a whole number for int_slider, got step={step!r}. Use float_slider for "
                        "a slider that moves between whole numbers.")
    step = validate.number(step, "step", integer=integer)
    if step <= 0:
        raise ValueError(f"step must be greater than 0, got step={step!r}: it is how far one move of the slider "
                         f"goes. Try step={_round_step(high - low, integer)}.")
    if step > high - low:
        raise ValueError(f"step must be at most high - low = {high - low:g}, got step={step!r}: the slider could "
                         f"not move. Try step={_round_step(high - low, integer)}.")
    if (high - low) / step > MAX_POSITIONS:
        raise ValueError(f"step={step!r} from low={low!r} to high={high!r} makes {(high - low) / step:,.0f} "
                         f"positions; a slider can show at most {MAX_POSITIONS:,}. Try step="
                         f"{_round_step(high - low, integer)}, or log_slider for a range over many powers of ten.")
    return low, high


def _round_step(span, integer):
    """Return a step that cuts span into about a hundred moves, rounded to one significant digit."""
    step = float(f"{span / 100:.0g}")
    return max(1, round(step)) if integer else step


def float_slider(value, low, high, step, description):
    """Return a float slider that redraws when released (not on every pixel of a drag)."""
    _check_range(value, low, high, step)
    _check_description(description)
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=False, readout_format=".3g", style={"description_width": "initial"},
    )


def log_slider(value, low, high, description):
    """Return a slider over powers of ten, for learning rates (low and high are exponents: -4 means 0.0001)."""
    for name, exponent in (("low", low), ("high", high)):
        validate.number(exponent, name, minimum=-LOG_EXPONENTS, maximum=LOG_EXPONENTS)
    low, high = _check_span(low, high, LOG_STEP)
    value = validate.number(value, "value", positive=True)
    if not low - 1e-9 <= math.log10(value) <= high + 1e-9:
        raise ValueError(f"value must be between 10**low = {10.0 ** low:g} and 10**high = {10.0 ** high:g}, got "
                         f"{value!r} (low and high are powers of ten: log_slider(0.01, -4, 0, ...) goes from "
                         "0.0001 to 1).")
    _check_description(description)
    return widgets.FloatLogSlider(
        value=value, base=10, min=low, max=high, step=LOG_STEP, description=description,
        continuous_update=False, readout_format=".3g", style={"description_width": "initial"},
    )


def int_slider(value, low, high, step, description):
    """Return an integer slider that redraws when released."""
    _check_range(value, low, high, step, integer=True)
    _check_description(description)
    return widgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=False, style={"description_width": "initial"},
    )


def dropdown(options, value, description):
    """Return a drop-down menu over options: values, or (label, value) pairs such as [("(0, 1) -> 1", 1)]."""
    if isinstance(options, (str, bytes)) or not isinstance(options, (list, tuple, range)):
        raise TypeError(f"options must be a list such as ['AND', 'OR'], got {options!r}.")
    if not options:
        raise ValueError("options is empty: a menu needs at least one choice, e.g. options=['AND', 'OR'].")
    labelled = all(isinstance(option, tuple) and len(option) == 2 and isinstance(option[0], str) for option in options)
    validate.choice(value, "value", [option[1] for option in options] if labelled else options)
    _check_description(description)
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


def _tick_labels(axis):
    """Return the tick labels axis will show (those inside its view) and its offset text, without drawing."""
    low, high = sorted(axis.get_view_interval())
    slack = 1e-6 * (high - low)
    labels = []
    for locs, formatter in ((axis.get_majorticklocs(), axis.get_major_formatter()),
                            (axis.get_minorticklocs(), axis.get_minor_formatter())):
        shown = [loc for loc in locs if low - slack <= loc <= high + slack]
        labels += formatter.format_ticks(shown) + [formatter.get_offset()]
    return labels


def _text_sizes(figure):
    """Return the sizes of the texts a layout makes room for: the length of each axis's longest tick label
    and of its offset (the "1e3" at its end), and the lines of each axis label and title."""
    sizes = []
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            sizes += [max(map(len, _tick_labels(axis)), default=0), axis.label.get_text().count("\n")]
        sizes.append(axes.get_title().count("\n"))
    return sizes


def _layout_of(figure):
    """Return what a laid-out figure's layout is: its size, where each of its axes sits, and the texts it fits."""
    return {"size": figure.get_size_inches().tolist(), "texts": _text_sizes(figure),
            "boxes": [axes.get_position(original=True) for axes in figure.axes]}


def _reuse_layout(figure, layout):
    """Place figure's axes as in layout, instead of running its layout engine again; say whether it fitted.

    It fits a figure of the same size with as many axes, and texts as long: the same plot function at other
    slider values, whose tick labels did not grow (a label of 100 where 40 was needs a new layout).
    """
    if figure.get_size_inches().tolist() != layout["size"] or len(figure.axes) != len(layout["boxes"]):
        return False
    if _text_sizes(figure) != layout["texts"]:
        return False
    figure.set_layout_engine("none")
    for axes, box in zip(figure.axes, layout["boxes"], strict=True):
        axes.set_position(box)
    return True


def _check_arguments(plot_function, controls):
    """Check that plot_function takes exactly the arguments controls names (those without a default, at least)."""
    try:
        parameters = inspect.signature(plot_function)
    except ValueError:  # a built-in whose signature Python cannot read: its first call will say
        return
    try:
        parameters.bind(**controls)
    except TypeError as error:
        names = ", ".join(parameters.parameters)
        raise TypeError(f"controls do not fit plot_function {getattr(plot_function, '__name__', plot_function)}"
                        f"({names}): {error}. Give each of its arguments a control or fixed(value).") from None


def _parameters(function):
    """Return the names of function's parameters (for a class: its __init__'s, without self)."""
    return [name for name in inspect.signature(function).parameters if name != "self"]


def _same(old, new):
    """Say whether an argument is what it was: the same object (a fixed value), or an equal number or text."""
    return old is new or (isinstance(old, (int, float, str)) and type(old) is type(new) and old == new)


def _live_redraw(plot_function, live_form):
    """Return redraw(values) for a plot function with a live form: it makes the live figure once (again only when
    an argument of its __init__ changes), updates it, and returns it as PNG outputs."""
    signature = inspect.signature(plot_function)
    made_by = _parameters(live_form)
    state = {}  # the live figure, the arguments it was made with, and its layout

    def redraw(values):
        arguments = signature.bind(**values)
        arguments.apply_defaults()
        arguments = arguments.arguments
        made_with = {name: arguments[name] for name in made_by}
        if not state or not all(_same(state["made_with"][name], made_with[name]) for name in made_by):
            state.clear()
            live = live_form(**made_with)
            plt.close(live.figure)  # kept here, out of pyplot's list, so that no plt.show() shows or closes it
            state.update(live=live, made_with=made_with, layout=None)
        figure = state["live"].figure
        try:
            state["live"].update(**{name: arguments[name] for name in _parameters(state["live"].update)})
        except Exception:
            state.clear()  # half updated: the next move makes it afresh
            raise
        if state["layout"] is not None and _text_sizes(figure) != state["layout"]["texts"]:
            figure.set_layout_engine(state["layout"]["engine"])  # longer texts: lay it out again
            state["layout"] = None
        outputs = (png_output(figure),)
        if state["layout"] is None:  # keep this layout (where each panel sits) while the texts are as long
            state["layout"] = {"engine": figure.get_layout_engine(), "texts": _text_sizes(figure)}
            figure.set_layout_engine("none")
        return outputs

    return redraw


def _fresh_redraw(plot_function):
    """Return redraw(values) for any plot function: it calls it afresh and returns the figures it drew as PNGs."""
    layouts = []  # the first drawing's layout of each figure, reused while the controls move

    def redraw(values):
        drawn = []
        try:
            drawn = _figures_drawn_by(plot_function, values)
            reused = [_reuse_layout(one, layout) for one, layout in zip(drawn, layouts, strict=False)]
            outputs = tuple(png_output(one) for one in drawn)
            if not all(reused) or len(reused) != len(drawn):
                layouts[:] = [_layout_of(one) for one in drawn]
            return outputs
        finally:
            for one in drawn:
                plt.close(one)

    return redraw


def play(plot_function, **controls):
    """Show controls above a figure that plot_function redraws whenever a control changes.

    Pass every argument of plot_function: controls for what the learner changes, fixed(value) for the rest.
    Each redraw is rendered here to a PNG and swapped into the output below the controls in one update.
    A course figure with a live form (LIVE_FORMS) is drawn once and then updated; any other function is called
    afresh. Redraws keep the layout of the first drawing (where each panel sits) while their tick labels are as
    long, instead of working it out again, which takes half the time of a redraw; the browser test prints the
    time (tests/e2e/latency.py).
    """
    validate.function(plot_function, "plot_function")
    if not controls:
        raise ValueError("play() needs at least one control, e.g. m=float_slider(2, -5, 5, 0.1, 'm').")
    for name, control in controls.items():
        if not isinstance(control, (widgets.ValueWidget, fixed)):
            raise TypeError(f"{name} must be a control (float_slider, int_slider, log_slider, dropdown) or "
                            f"fixed(value) for a value that stays put, got {control!r}. "
                            f"Try {name}=widgets.fixed({control!r}).")
    _check_arguments(plot_function, controls)
    shown = {name: control for name, control in controls.items() if not isinstance(control, fixed)}
    if not shown:
        raise ValueError(f"play() has nothing to move: every argument ({', '.join(controls)}) is fixed(...). Give "
                         "one a slider or a menu, e.g. m=float_slider(2, -5, 5, 0.1, 'm'), or call the plot "
                         "function itself for a figure that stays put.")
    area = widgets.Output(layout={"min_height": "320px"})  # keeps the page from jumping while it redraws
    live_form = LIVE_FORMS.get(plot_function)
    draw = _live_redraw(plot_function, live_form) if live_form else _fresh_redraw(plot_function)

    def redraw(change=None):
        try:
            area.outputs = draw({name: control.value for name, control in controls.items()})
        except Exception as error:  # shown under the controls, as the static cell would show it
            area.outputs = (error_output(error),)

    for control in shown.values():
        control.observe(redraw, names="value")
    redraw()
    panel = widgets.VBox([*shown.values(), area])
    panel.add_class("widget-interact")  # laid out and styled like ipywidgets' interact
    return panel
