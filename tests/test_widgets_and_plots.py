"""helpers.widgets: controls redraw the figure they drive."""

import ipywidgets
import pytest

from helpers import widgets


def test_play_calls_the_plot_function_again_when_a_control_moves():
    calls = []
    panel = widgets.play(lambda m: calls.append(m), m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    assert isinstance(panel, ipywidgets.Box)
    panel.children[0].value = 2.5
    assert calls == [1.0, 2.5], f"play should draw once at m=1.0, then again at m=2.5; calls were {calls}"


def test_play_rejects_a_non_function_and_no_controls():
    with pytest.raises(TypeError, match="plot_function"):
        widgets.play("plot", m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    with pytest.raises(ValueError, match="at least one control"):
        widgets.play(lambda: None)


def test_sliders_redraw_on_release_not_while_dragging():
    for slider in (widgets.float_slider(1, 0, 2, 0.1, "x"), widgets.int_slider(1, 0, 2, 1, "n"),
                   widgets.log_slider(0.01, -4, 0, "rate")):
        assert slider.continuous_update is False
