"""Notebook 06's drawing pad in JupyterLab in a real browser: draw a digit with the mouse, get a prediction.

test_jupyterlab.py calls draw_on_pad_and_read_answer once notebook 06 has run (one training run serves both):
it draws the course's stored 2 (data/handwritten_digit.json) on the pad's canvas with the mouse, stroke for
stroke, scaled to fill the canvas. When the button is let go the page must show "The network says N" and the
prepared digit's figure; Clear must wipe the answer. Which digit the network names depends on its training, so
that is reported, not compared.
"""

import contextlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/06_cnn_mnist.ipynb"
ANSWER = re.compile(r"The network says (\d)\b")


def stored_strokes():
    """Return the stored 2's strokes, in canvas pixels of the notebook's 280 x 280 pad."""
    record = json.loads((ROOT / "data" / "handwritten_digit.json").read_text())
    return record["strokes"], record["canvas"]


def draw_on_pad_and_read_answer(page, timeout=120, picture=None):
    """Draw the stored 2 on the pad with the mouse, check the answer and figure appear and Clear works.

    Return the digit the page says the network read; save a picture of the pad with its answer to picture.
    Usable from any test that has run notebook 06 in page (test_jupyterlab.py's, for one).
    """
    pad = page.locator(".jp-Cell").filter(has_text="handwriting.drawing_pad(").first
    if not pad.count():
        pytest.fail(f"{NOTEBOOK}: no cell calls handwriting.drawing_pad(...)", pytrace=False)
    canvas = pad.locator(".jp-Cell-outputArea canvas").first
    answer = pad.locator(".jp-Cell-outputArea .widget-html").first
    if not canvas.count():
        pytest.fail(f"{NOTEBOOK}: the drawing pad shows no canvas (is ipycanvas's JupyterLab extension there?)",
                    pytrace=False)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    before = answer.text_content()
    assert "Draw a digit" in before, f"before drawing, the pad says {before!r}"

    strokes, side = stored_strokes()
    xs = [x for stroke in strokes for x, _ in stroke]
    ys = [y for stroke in strokes for _, y in stroke]
    # Scale the small 2 up to fill most of the canvas, as a learner would draw it: the path must still work.
    scale = 0.8 * side / max(max(xs) - min(xs), max(ys) - min(ys))

    def on_page(x, y):
        cx = side * 0.1 + (x - min(xs)) * scale
        cy = side * 0.1 + (y - min(ys)) * scale
        return box["x"] + cx * box["width"] / side, box["y"] + cy * box["height"] / side

    for stroke in strokes:
        page.mouse.move(*on_page(*stroke[0]))
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(*on_page(x, y), steps=2)
        page.mouse.up()

    figure = pad.locator('.widget-output .jp-OutputArea-output[data-mime-type^="image/"]')
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "([element, pattern]) => new RegExp(pattern).test(element.textContent)",
            arg=[answer.element_handle(), ANSWER.pattern], timeout=timeout * 1000)
    said = answer.text_content()
    match = ANSWER.search(said)
    if not match:
        pytest.fail(f"after drawing a digit with the mouse, the pad says {said!r}, not 'The network says N'",
                    pytrace=False)
    figure.first.wait_for(state="attached", timeout=timeout * 1000)
    if picture is not None:
        page.screenshot(path=str(picture))
    errors = pad.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert not errors.count(), f"after drawing, the pad's cell shows an error: {errors.first.text_content()[:300]!r}"

    pad.get_by_role("button", name="Clear").click()
    page.wait_for_function("element => element.textContent.includes('Draw a digit')",
                           arg=answer.element_handle(), timeout=30_000)
    assert not figure.count(), "Clear left the prepared digit's figure on the page"
    return int(match.group(1))

