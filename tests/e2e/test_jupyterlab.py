"""Every notebook, in JupyterLab in a real browser, the way a learner meets it.

For each notebook: open it, clear its outputs, Run > Run All Cells, and wait for the kernel to finish;
then no cell may show an error, every widget must be drawn as controls (not "Error displaying widget",
not raw `IntSlider(...)` text), and every slider of every widget over a figure ("Play with it"; every
notebook has one at least) must redraw its figure when moved from the keyboard; on notebook 06's pad a digit
is drawn with the mouse and the network's answer must appear (drawing_pad.py). The time from each key press
to the redrawn figure is printed per notebook and saved (latency.py). A picture of a notebook that fails is
saved in build/e2e/; with E2E_PICTURES=1 (as `make e2e` sets it) one of every notebook is. `make e2e` runs
this; `make test` runs it when a Chromium is found.
"""

import contextlib
import os
import time
from pathlib import Path

import latency
import pytest
from drawing_pad import draw_on_pad_and_read_answer
from lab_page import NotebookPage, code_cells, find_problems

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "e2e"
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("0*.ipynb"))
SLIDER_NOTEBOOKS = ("01", "02", "03", "04", "05", "06")  # each has a step "5. Play with it" with a slider over a plot
DRAWING_PAD_NOTEBOOK = "06"  # its step 5 ends with a pad the learner draws a digit on with the mouse
NOTEBOOK_TIMEOUT = int(os.environ.get("E2E_NOTEBOOK_TIMEOUT", "1200"))  # seconds for one notebook's run
PICTURES = os.environ.get("E2E_PICTURES", "") == "1"  # a full-page picture of every notebook: 4 s each
PRESSES_PER_SLIDER = 3  # the redraw time is a median over every press in the notebook
REDRAW_TIMEOUT = 60  # seconds a key press may take to redraw its figure before the test says it did not


def test_there_are_notebooks_to_open():
    assert NOTEBOOKS, f"no notebooks/0*.ipynb under {ROOT}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_its_widgets_work_in_jupyterlab(name, lab, page):
    notebook = NotebookPage(page, lab, f"notebooks/{name}")
    picture = BUILD / f"{name.removesuffix('.ipynb')}.png"
    try:
        run_and_check(notebook, name)
    except BaseException:
        with contextlib.suppress(Exception):  # the picture shows why it failed; it must not hide the reason
            notebook.screenshot(picture)
        raise
    if PICTURES:
        notebook.screenshot(picture)


def run_and_check(notebook, name):
    """Run all of the notebook's cells in the page, check what it shows, then move every widget's sliders."""
    notebook.open()
    notebook.run_all(timeout=NOTEBOOK_TIMEOUT)
    cells = notebook.cells()
    problems = find_problems(cells, code_cells(ROOT / "notebooks" / name))
    if problems:
        pytest.fail(f"{name} in JupyterLab:\n  " + "\n  ".join(problems), pytrace=False)
    widgets = notebook.play_widgets()
    if name.startswith(SLIDER_NOTEBOOKS) and not widgets:
        pytest.fail(f"{name}: no widget with a slider over a figure is shown (step 5, Play with it, has one)",
                    pytrace=False)
    presses = play_with_every_slider(notebook, widgets)
    if presses:
        print(latency.describe(name, latency.record(name, presses)))
    stuck = [f"widget {press['widget'] + 1}, slider {press['label']!r} from {press['before']} to {press['after']}"
             for press in presses if press["ms"] is None or press["before"] == press["after"]]
    if stuck:
        pytest.fail(f"{name}: after these key presses the slider did not move or its figure was not redrawn "
                    f"within {REDRAW_TIMEOUT} s:\n  " + "\n  ".join(stuck), pytrace=False)
    problems = find_problems(notebook.cells(), code_cells(ROOT / "notebooks" / name))
    if problems:
        pytest.fail(f"{name}, after moving its sliders:\n  " + "\n  ".join(problems), pytrace=False)
    if name.startswith(DRAWING_PAD_NOTEBOOK):
        pad_picture = BUILD / f"{name.removesuffix('.ipynb')}_pad.png" if PICTURES else None
        digit = draw_on_pad_and_read_answer(notebook.page, picture=pad_picture)
        print(f"{name}: the network read the 2 drawn with the mouse as {digit}")


def play_with_every_slider(notebook, widgets):
    """Press keys on every slider of every widget, each press to a value not drawn before (to the right, or
    to the left from the top of the range, then on the same way).

    Return one record per press ({widget, label, before, after, ms}), ms being the time to the redrawn figure.
    """
    presses = []
    for widget, labels in enumerate(widgets):
        for slider in range(len(labels)):
            leftward = False
            for _ in range(PRESSES_PER_SLIDER):
                press = notebook.press_slider(widget, slider, leftward=leftward, timeout=REDRAW_TIMEOUT)
                presses.append({"widget": widget, **press})
                leftward = moved_left(press)
                time.sleep(0.1)  # a pause between key presses, as a learner's
    return presses


def moved_left(press):
    """Say whether a key press moved its slider to a lower value."""
    return press["after"] != press["before"] and float(press["after"]) < float(press["before"])
