"""Notebooks 01-05 are deterministic: executed twice, each in a fresh kernel, every checked cell prints the
same thing both times (and the same as the committed notebook, which nbval checks separately)."""

import nbformat
import pytest
from course_notebooks import ROOT, is_checked
from nbclient import NotebookClient

NUMPY_NOTEBOOKS = ["01_least_squares", "02_gradient_descent", "03_linear_regression", "04_perceptron",
                   "05_backpropagation"]


def checked_outputs(name):
    """Execute the notebook in a fresh kernel and return the text each checked cell printed, in order."""
    path = ROOT / "notebooks" / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [
        "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code" and is_checked(cell)
    ]


@pytest.mark.parametrize("name", NUMPY_NOTEBOOKS)
def test_two_fresh_runs_print_identical_checked_outputs(name):
    first, second = checked_outputs(name), checked_outputs(name)
    assert first, f"{name}: no checked cells"
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert not differing, f"{name}: checked cells {differing} printed different things in two fresh runs"
