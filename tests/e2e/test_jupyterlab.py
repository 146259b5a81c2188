"""Every notebook, in JupyterLab in a real browser, the way a learner meets it.

For each notebook: open it, clear its outputs, Run > Run All Cells, and wait for the kernel to finish;
then no cell may show an error, every widget must be drawn as controls (not "Error displaying widget",
not raw `IntSlider(...)` text), and in notebooks 01-05 moving a slider must redraw the figure it drives.
A picture of each notebook is saved in build/e2e/. `make e2e` runs this; `make test` runs it when a
Chromium is found.
"""

import contextlib
import os
from pathlib import Path

import pytest
from lab_page import NotebookPage, code_cells, find_problems

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "e2e"
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("0*.ipynb"))
SLIDER_NOTEBOOKS = ("01", "02", "03", "04", "05")  # each has a step "5. Play with it" with a slider over a plot
NOTEBOOK_TIMEOUT = int(os.environ.get("E2E_NOTEBOOK_TIMEOUT", "1200"))  # seconds for one notebook's run


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
    notebook.screenshot(picture)


def run_and_check(notebook, name):
    """Run all of the notebook's cells in the page, then check what it shows, and its slider in 01-05."""
    notebook.open()
    notebook.run_all(timeout=NOTEBOOK_TIMEOUT)
    cells = notebook.cells()
    problems = find_problems(cells, code_cells(ROOT / "notebooks" / name))
    if problems:
        pytest.fail(f"{name} in JupyterLab:\n  " + "\n  ".join(problems), pytrace=False)
    if name.startswith(SLIDER_NOTEBOOKS):
        widgets = [output for cell in cells for output in cell["outputs"] if output["widget"]]
        if not any(output["sliders"] and output["figures"] for output in widgets):
            pytest.fail(f"{name}: no widget with a slider over a figure is shown (step 5, Play with it, has one)",
                        pytrace=False)
        old_value, new_value, before, after = notebook.move_first_slider()
        moved = f"{name}: after moving a slider from {old_value} to {new_value}"
        problems = find_problems(notebook.cells(), code_cells(ROOT / "notebooks" / name))
        if problems:
            pytest.fail(f"{moved}:\n  " + "\n  ".join(problems), pytrace=False)
        if after is None:
            pytest.fail(f"{moved}, its figure is gone", pytrace=False)
        if after == before:
            pytest.fail(f"{moved}, its figure is as it was", pytrace=False)
