"""Notebook 06 used the way it invites: change a knob in the parameters cell and re-run from there, in the same
kernel, as often as you like; or set a knob from outside with papermill. Both must run to the end, and the
accuracy assertion (which guards the course's own settings) must not stop them. CI=true and small train_size
keep these runs short; the training is still real."""

import copy
import os

import nbformat
import pytest
from course_notebooks import ROOT

NOTEBOOK = ROOT / "notebooks" / "06_cnn_mnist.ipynb"
PARAMETERS_TAG = "parameters"


def environment():
    """Return the environment the kernels run in: CI's short setting, helpers from this checkout."""
    return {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}


def parameters_index(notebook):
    """Return the index of the cell tagged `parameters`, which papermill fills in."""
    tagged = [i for i, cell in enumerate(notebook.cells) if PARAMETERS_TAG in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, f"notebook 06 should have exactly one cell tagged {PARAMETERS_TAG!r}, found {len(tagged)}"
    return tagged[0]


def cell_index(notebook, text):
    """Return the index of the one code cell whose source contains text."""
    found = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and text in cell.source]
    assert len(found) == 1, f"notebook 06 should have one code cell with {text!r}, found {len(found)}"
    return found[0]


def outputs_text(cell):
    """Return what a cell printed (stdout, stderr, results and errors) as one string."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
        elif "text/plain" in output.get("data", {}):
            parts.append(output.data["text/plain"])
    return "".join(parts)


def errors(notebook):
    """Return (cell index, error) for every cell that stored an error."""
    return [(i, f"{o.ename}: {o.evalue}") for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for o in cell.get("outputs", []) if o.output_type == "error"]


def test_the_parameters_cell_is_tagged_for_papermill_and_offers_the_knobs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    source = notebook.cells[parameters_index(notebook)].source
    for knob in ("epochs", "train_size", "batch_size", "validate_every"):
        assert f"{knob} = None" in source, f"the parameters cell should offer {knob} = None"


def test_rerunning_from_the_parameters_cell_in_the_same_kernel_works_again_and_again():
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    start = parameters_index(notebook)
    table = cell_index(notebook, "convnet.parameter_table(")
    exam = cell_index(notebook, "setting.judge(accuracy)")
    # Run everything up to the exam once, then the parameters cell to the exam twice more, each time with other
    # knobs, all in one kernel: as a learner who edits the parameters cell and re-runs from there.
    first = notebook.cells[:exam + 1]
    again = [copy.deepcopy(notebook.cells[start:exam + 1]) for _ in range(2)]
    for cell, train_size in ((first[start], 2000), (again[0][0], 3000), (again[1][0], 2000)):
        cell.source = cell.source.replace("train_size = None", f"train_size = {train_size}")
        assert f"train_size = {train_size}" in cell.source
    run = copy.deepcopy(notebook)
    run.cells = first + again[0] + again[1]
    client = NotebookClient(run, timeout=900, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute(env=environment())  # one kernel for all the cells
    assert not errors(run), f"re-running from the parameters cell failed: {errors(run)}"
    length = exam + 1 - start
    tables = [outputs_text(run.cells[table + k * length]) for k in range(3)]
    assert "Conv2D/W" in tables[0] and tables[0] == tables[1] == tables[2], (
        "each re-run should build one fresh network with the same layer names, not a second one beside the first:\n"
        + "\n----\n".join(tables))
    exams = [outputs_text(run.cells[exam]), outputs_text(run.cells[exam + length]),
             outputs_text(run.cells[exam + 2 * length])]
    for text in exams:
        assert "test accuracy:" in text and "You set train_size=" in text, text
    assert "train_size=3000" in exams[1], exams[1]


@pytest.fixture(scope="module")
def papermill_run(tmp_path_factory):
    """Run the whole notebook with papermill as a learner would with train_size=5000 (CI=true: 1 epoch)."""
    papermill = pytest.importorskip("papermill")
    out = tmp_path_factory.mktemp("papermill") / "06_train_size_5000.ipynb"
    saved = {key: os.environ.get(key) for key in ("CI", "PYTHONPATH", "TF_CPP_MIN_LOG_LEVEL")}
    os.environ.update({key: environment()[key] for key in saved})
    try:
        papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"train_size": 5000}, kernel_name="python3",
                                   cwd=str(ROOT / "notebooks"), progress_bar=False)
    finally:  # put the environment back as it was
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nbformat.read(out, as_version=4)


def test_papermill_with_a_small_train_size_runs_the_whole_notebook(papermill_run):
    assert not errors(papermill_run), f"the notebook stopped: {errors(papermill_run)}"
    last = [cell for cell in papermill_run.cells if cell.cell_type == "code"][-1]
    assert last.get("execution_count") is not None, "papermill should have run the notebook to its last cell"


def test_papermill_with_a_small_train_size_says_how_the_result_compares_and_asserts_nothing(papermill_run):
    exam = outputs_text(papermill_run.cells[cell_index(papermill_run, "setting.judge(accuracy)")])
    assert "You set train_size=5000" in exam and "that the CI setting promises" in exam, exam
    today = outputs_text(papermill_run.cells[cell_index(papermill_run, "setting.judge(today[")])
    assert "today's recipe:" in today and "You set train_size=5000" in today, today
