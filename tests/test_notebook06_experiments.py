"""Notebook 06 used the way it invites: set a knob from outside with papermill and run it to the exam; then, in the
same kernel, change a knob in the parameters cell and re-run from there. It must run, and the accuracy assertion
(which guards the course's own settings) must not stop it. One kernel does all of this (one papermill run), on the
notebook's cells up to the exam only: nbval and the browser test run the whole notebook already, so this test keeps
to what only it checks (papermill's parameters, a re-run in the same kernel), with CI=true and a few thousand
images; the training is still real."""

import copy
import os
import sys

import nbformat
import pytest
from course_notebooks import ROOT, cell_index

sys.path.insert(0, str(ROOT / "tools"))
from kernel_client import PatientKernelManager  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "06_cnn_mnist.ipynb"
PARAMETERS_TAG = "parameters"
PAPERMILL_TRAIN_SIZE = 2000  # the notebook to its exam, as a learner would run it with papermill
RERUN_TRAIN_SIZES = (1000,)  # then the parameters cell to the exam again, with its own knob
CELL_TIMEOUT = 600  # seconds: far more than any cell takes with CI=true, so a stuck kernel fails the test, not CI


def environment():
    """Return the environment the kernel runs in: CI's short setting, helpers from this checkout."""
    return {"CI": "true", "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}


def parameters_index(notebook):
    """Return the index of the cell tagged `parameters`, which papermill fills in."""
    tagged = [i for i, cell in enumerate(notebook.cells) if PARAMETERS_TAG in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, f"notebook 06 should have exactly one cell tagged {PARAMETERS_TAG!r}, found {len(tagged)}"
    return tagged[0]


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


def with_reruns(notebook):
    """Return notebook 06 up to its exam followed by its cells from the parameters cell to the exam, once per
    RERUN_TRAIN_SIZES, each copy's parameters cell setting that train_size (a learner who scrolls back up, edits and
    re-runs); each copied cell carries metadata "rerun": its number, from 1."""
    start, exam = parameters_index(notebook), cell_index(notebook, "setting.judge(accuracy)")
    run = copy.deepcopy(notebook)
    run.cells = run.cells[:exam + 1]
    for number, train_size in enumerate(RERUN_TRAIN_SIZES, start=1):
        again = copy.deepcopy(notebook.cells[start:exam + 1])
        again[0].source = again[0].source.replace("train_size = None", f"train_size = {train_size}")
        assert f"train_size = {train_size}" in again[0].source, "the parameters cell should offer train_size = None"
        again[0].metadata["tags"] = []  # papermill fills in the first parameters cell only
        for cell in again:
            cell.metadata["rerun"] = number
            cell.id = f"{cell.id}-rerun-{number}"  # cell ids are unique in a notebook
        run.cells += again
    return run


def part(run, rerun=None):
    """Return the cells of the executed run as a notebook: the whole notebook (rerun None) or one re-run."""
    notebook = copy.copy(run)
    notebook.cells = [cell for cell in run.cells if cell.metadata.get("rerun") == rerun]
    return notebook


@pytest.fixture(scope="module")
def experiments(tmp_path_factory):
    """Run notebook 06 with papermill (train_size=PAPERMILL_TRAIN_SIZE), then the re-runs, in one kernel; return
    the executed notebook."""
    papermill = pytest.importorskip("papermill")
    folder = tmp_path_factory.mktemp("papermill")
    source, out = folder / "06_with_reruns.ipynb", folder / "06_executed.ipynb"
    nbformat.write(with_reruns(nbformat.read(NOTEBOOK, as_version=4)), source)
    saved = {key: os.environ.get(key) for key in environment()}
    os.environ.update(environment())
    try:
        papermill.execute_notebook(str(source), str(out), parameters={"train_size": PAPERMILL_TRAIN_SIZE},
                                   kernel_name="python3", cwd=str(ROOT / "notebooks"), progress_bar=False,
                                   execution_timeout=CELL_TIMEOUT, kernel_manager_class=PatientKernelManager)
    except papermill.PapermillExecutionError:
        pass  # the executed notebook keeps the error, and the tests below name its cell
    finally:  # put the environment back as it was
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nbformat.read(out, as_version=4)


def test_the_parameters_cell_is_tagged_for_papermill_and_offers_the_knobs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    source = notebook.cells[parameters_index(notebook)].source
    for knob in ("epochs", "train_size", "batch_size", "validate_every"):
        assert f"{knob} = None" in source, f"the parameters cell should offer {knob} = None"


def test_papermill_with_a_small_train_size_runs_to_the_exam(experiments):
    whole = part(experiments)
    assert not errors(whole), f"the notebook stopped (cell index, error): {errors(whole)}"
    last = [cell for cell in whole.cells if cell.cell_type == "code"][-1]
    assert last.get("execution_count") is not None, "papermill should have run the notebook to its exam"


def test_papermill_with_a_small_train_size_says_how_the_result_compares_and_asserts_nothing(experiments):
    whole = part(experiments)
    exam = outputs_text(whole.cells[cell_index(whole, "setting.judge(accuracy)")])
    assert f"You set train_size={PAPERMILL_TRAIN_SIZE}" in exam and "that the CI setting promises" in exam, exam


def test_rerunning_from_the_parameters_cell_in_the_same_kernel_builds_one_fresh_network(experiments):
    runs = [part(experiments)] + [part(experiments, number) for number in range(1, len(RERUN_TRAIN_SIZES) + 1)]
    for number, run in enumerate(runs[1:], start=1):
        assert not errors(run), f"re-run {number} from the parameters cell failed (cell index, error): {errors(run)}"
    tables = [outputs_text(run.cells[cell_index(run, "convnet.parameter_table(")]) for run in runs]
    assert "Conv2D/W" in tables[0] and all(table == tables[0] for table in tables), (
        "each re-run should build one fresh network with the same layer names, not a second one beside the first:\n"
        + "\n----\n".join(tables))
    for run, train_size in zip(runs[1:], RERUN_TRAIN_SIZES, strict=True):
        text = outputs_text(run.cells[cell_index(run, "setting.judge(accuracy)")])
        assert "test accuracy:" in text and f"You set train_size={train_size}" in text, (
            f"the re-run with train_size={train_size} should judge its own result:\n{text}")
