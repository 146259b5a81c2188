"""helpers.widgets.play: the figure is drawn once into its output as a PNG, redrawn when a control moves,
with nothing left behind (no open figure, plt.show as it was), and errors shown where the figure goes."""

import base64
import io
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from course_notebooks import ROOT
from PIL import Image

from helpers import widgets

sys.path.insert(0, str(ROOT / "benchmarks"))
import redraw  # noqa: E402  (reads the notebooks' widget cells)


def draw_line(m):
    """A plot function as the course writes them: one constrained-layout figure, then plt.show()."""
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.plot([0, 1], [0, m])
    ax.set_title(f"slope {m:.2f}")
    plt.show()


def draw_panels(n):
    """A plot function whose figure has n panels: the layout of one drawing does not fit the next."""
    fig, axes = plt.subplots(1, n, figsize=(6, 3), layout="constrained", squeeze=False)
    for i, ax in enumerate(axes[0]):
        ax.plot([0, 1], [0, i + 1])
        ax.set_ylabel(f"panel {i + 1}")
    plt.show()


def picture(panel):
    """Return the PNG that a play() panel shows, as an RGBA array."""
    outputs = panel.children[-1].outputs
    assert len(outputs) == 1 and "image/png" in outputs[0]["data"], f"expected one PNG output, got {outputs}"
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(outputs[0]["data"]["image/png"]))))


def test_play_shows_the_figure_as_a_png_at_the_figures_full_size():
    panel = widgets.play(draw_line, m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    assert picture(panel).shape[:2] == (300, 400), "a 4 x 3 inch figure at 100 dpi should be 400 x 300 pixels"


def test_moving_a_slider_redraws_the_png():
    panel = widgets.play(draw_line, m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    before = picture(panel)
    panel.children[0].value = 3.0
    assert not np.array_equal(picture(panel), before), "the picture should change when the slope does"


def test_a_redraw_keeps_the_first_layout_so_going_back_draws_the_first_picture_again():
    panel = widgets.play(draw_line, m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    first = picture(panel)
    panel.children[0].value = -4.5
    panel.children[0].value = 1.0
    assert np.array_equal(picture(panel), first), "the same values with the kept layout should draw the same picture"


def test_a_figure_whose_tick_labels_grow_gets_a_layout_of_its_own():
    moved = widgets.play(draw_line, m=widgets.float_slider(1.0, 0, 2000, 0.5, "m"))
    moved.children[0].value = 1500.0  # y tick labels from "1.0" to "1500": the old margin would cut them
    fresh = widgets.play(draw_line, m=widgets.float_slider(1500.0, 0, 2000, 0.5, "m"))
    assert np.array_equal(picture(moved), picture(fresh)), "wider tick labels should get a layout of their own"


def test_a_figure_with_more_panels_gets_a_layout_of_its_own():
    moved = widgets.play(draw_panels, n=widgets.int_slider(1, 1, 3, 1, "panels"))
    moved.children[0].value = 3
    fresh = widgets.play(draw_panels, n=widgets.int_slider(3, 1, 3, 1, "panels"))
    assert np.array_equal(picture(moved), picture(fresh)), "three panels should be laid out afresh, not as one"


def test_play_leaves_no_figure_open_and_plt_show_as_it_was():
    show, before = plt.show, plt.get_fignums()
    panel = widgets.play(draw_line, m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    panel.children[0].value = 2.0
    assert plt.get_fignums() == before, "play should close the figures it rendered"
    assert plt.show is show, "plt.show should be restored after each drawing"


def test_an_error_while_drawing_is_shown_in_place_of_the_figure_and_cleans_up():
    def broken(m):
        plt.subplots()
        raise ValueError(f"m must be at most 2, got {m}")

    show, before = plt.show, plt.get_fignums()
    panel = widgets.play(broken, m=widgets.float_slider(1.0, -5, 5, 0.5, "m"))
    (output,) = panel.children[-1].outputs
    assert output["output_type"] == "error" and "m must be at most 2, got 1.0" in output["evalue"]
    assert plt.get_fignums() == before and plt.show is show, "a failed drawing should leave nothing behind"


def test_play_shows_the_controls_then_the_figure_and_not_the_fixed_values():
    slider = widgets.float_slider(1.0, -5, 5, 0.5, "m")
    panel = widgets.play(lambda m, label: draw_line(m), m=slider, label=widgets.fixed("x"))
    assert panel.children[0] is slider and len(panel.children) == 2, "one slider, then the figure's output"


@pytest.mark.parametrize("notebook", ["01", "02", "03", "04", "05", "06"])
def test_every_control_of_the_notebooks_widget_cells_is_accepted_and_shows_a_figure(notebook):
    played = redraw.widgets_of(notebook)  # each widgets.play call of the notebook, its controls made as there
    assert played, f"notebook {notebook} should have a widget to play with"
    for plot_function, controls in played:
        panel = widgets.play(plot_function, **controls)
        (output,) = panel.children[-1].outputs
        assert "image/png" in output.get("data", {}), f"{plot_function.__name__} drew no figure: {output}"
