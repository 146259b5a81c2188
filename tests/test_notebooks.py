"""The notebooks as committed: all six present, executed, error-free, following the course's walk,
with enough checked cells that nbval can never pass vacuously."""

import re

import pytest
from course_notebooks import CHECK_TAG, NOTEBOOKS, ROOT, code_cells, is_checked, load

WALK = ["The story", "The original snippet", "Run it", "See it", "Play with it", "The modern way",
        "Exercises", "What came next"]
MIN_CHECKED_CELLS = 3
MIN_EXERCISES = 3


def test_the_six_notebooks_are_there_and_nothing_else():
    found = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    assert found == NOTEBOOKS, f"notebooks/ should hold exactly the six course notebooks; found {found}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_executed_in_order(name):
    counts = [cell.execution_count for cell in code_cells(load(name))]
    unexecuted = [i for i, count in enumerate(counts) if count is None]
    assert not unexecuted, f"{name}: code cells {unexecuted} have no stored run; run `make execute NB=notebooks/{name}`"
    assert counts == sorted(counts), f"{name}: cells were run out of order; re-execute from a fresh kernel"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_no_error_outputs(name):
    for index, cell in enumerate(code_cells(load(name))):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{name}: code cell {index} stored an error: {output.get('ename')}"
            if output.output_type == "stream" and output.name == "stderr":
                assert "Traceback" not in output.text, f"{name}: code cell {index} printed a traceback to stderr"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_enough_checked_cells_with_stored_outputs(name):
    checked = [cell for cell in code_cells(load(name)) if is_checked(cell)]
    with_output = [cell for cell in checked if cell.get("outputs")]
    assert len(with_output) >= MIN_CHECKED_CELLS, (
        f"{name}: {len(with_output)} cells tagged {CHECK_TAG!r} have stored outputs; at least "
        f"{MIN_CHECKED_CELLS} are needed so nbval compares something real"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_follows_the_eight_step_walk(name):
    headings = [
        line for cell in load(name).cells if cell.cell_type == "markdown"
        for line in cell.source.splitlines() if line.startswith("## ")
    ]
    steps = []
    for line in headings:
        match = re.match(r"## (\d)\. (.+)", line)
        if match:
            steps.append((int(match.group(1)), match.group(2)))
    numbers = [number for number, _ in steps]
    assert numbers == list(range(1, 9)), (
        f"{name}: the walk's headings should be ## 1. to ## 8. in order; found {numbers}"
    )
    for (number, title), expected in zip(steps, WALK, strict=True):
        assert title.startswith(expected), f"{name}: step {number} should start with {expected!r}, found {title!r}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_exercises_with_hidden_solutions(name):
    solutions = [cell for cell in code_cells(load(name)) if "solution" in cell.metadata.get("tags", [])]
    assert len(solutions) >= MIN_EXERCISES, f"{name}: {len(solutions)} solution cells; at least {MIN_EXERCISES} needed"
    for cell in solutions:
        assert cell.metadata.get("jupyter", {}).get("source_hidden"), (
            f"{name}: a solution cell is not collapsed (metadata.jupyter.source_hidden): {cell.source[:60]!r}"
        )
        assert "checks." in cell.source, (
            f"{name}: a solution cell does not run its exercise check: {cell.source[:60]!r}"
        )


@pytest.mark.parametrize("name", NOTEBOOKS[:5])
def test_numpy_notebooks_never_import_tflearn(name):
    source = "\n".join(cell.source for cell in code_cells(load(name)))
    assert "tflearn" not in source, f"{name} must not import tflearn: it switches the kernel to graph mode"


def test_only_the_setup_module_imports_tflearn():
    importers = [
        path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "helpers").rglob("*.py"))
        if re.search(r"^\s*(import tflearn|from tflearn)", path.read_text(), re.MULTILINE)
    ]
    assert importers == ["helpers/tflearn_setup.py"], (
        f"only helpers/tflearn_setup.py may import tflearn; found {importers}"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_test_marker_is_left_in_the_code_learners_read(name):
    marked = [cell.source[:60] for cell in code_cells(load(name)) if "NBVAL" in cell.source]
    assert not marked, f"{name}: test markers belong in the cell's tags ({CHECK_TAG!r}), not its code: {marked}"
