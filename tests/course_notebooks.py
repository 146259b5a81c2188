"""The course's notebooks as the tests see them: their names, how to load them, which cells nbval checks."""

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [
    "01_least_squares.ipynb",
    "02_gradient_descent.ipynb",
    "03_linear_regression.ipynb",
    "04_perceptron.ipynb",
    "05_backpropagation.ipynb",
    "06_cnn_mnist.ipynb",
]
# nbval compares a cell's output with the stored one when the cell carries this tag (in its metadata, out of
# the learner's sight); every other cell must only run without an error (--nbval-lax).
CHECK_TAG = "nbval-check-output"


def load(name):
    """Return the committed notebook called name (a file name in notebooks/)."""
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


def code_cells(notebook):
    """Return the notebook's code cells that hold code."""
    return [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]


def is_checked(cell):
    """Return True when nbval compares this cell's output with the stored one."""
    return CHECK_TAG in cell.get("metadata", {}).get("tags", [])


def cell_index(notebook, text, cell_type="code"):
    """Return the index of the first cell of cell_type whose source contains text; fail, naming text, if none does."""
    found = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == cell_type and text in cell.source]
    assert found, f"the notebook should have a {cell_type} cell containing {text!r}; none does"
    return found[0]
