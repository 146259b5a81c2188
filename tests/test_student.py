"""make student: the hand-out copy keeps exercises and checks, loses every solution and output, still
runs, and leaves the originals untouched.

That every notebook's copy runs is shown by its structure (no cell uses a name only a solution defines; each blank
exercise says what to do, in the original's outputs that nbval re-runs) and by executing one copy (notebook 01)."""

import ast
import hashlib
import sys

import nbformat
import pytest
from course_notebooks import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import kernel_client  # noqa: E402
import student  # noqa: E402

REMINDER = "replace the ... with your"  # what a check prints for an exercise left blank (helpers/checks)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Build the student course once, recording the originals' hashes before and after."""
    originals = sorted((ROOT / "notebooks").glob("*.ipynb"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in originals}
    out = tmp_path_factory.mktemp("student")
    student.write_course(out)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in originals}
    return out, originals, before, after


def solution_lines(notebook):
    """Return the distinctive lines of the solution cells (those no other cell contains)."""
    solutions, others = set(), set()
    for cell in notebook.cells:
        lines = {line.strip() for line in cell.source.splitlines() if len(line.strip()) > 12}
        (solutions if student.is_solution(cell) else others).update(lines)
    return solutions - others


def test_originals_are_untouched(course):
    _, _, before, after = course
    assert before == after, "make student changed a notebook in notebooks/"


def test_no_solution_text_survives(course):
    out, originals, _, _ = course
    for path in originals:
        copy = nbformat.read(out / "notebooks" / path.name, as_version=4)
        text = "\n".join(cell.source for cell in copy.cells)
        lines = {line.strip() for line in text.splitlines()}
        assert not any(student.is_solution(cell) for cell in copy.cells), f"{path.name}: a solution cell survived"
        assert "# Solution" not in text, f"{path.name}: solution text survived"
        leaked = sorted(solution_lines(nbformat.read(path, as_version=4)) & lines)
        assert not leaked, f"{path.name}: solution lines survived: {leaked[:3]}"


def test_exercises_and_their_checks_stay_and_outputs_are_cleared(course):
    out, originals, _, _ = course
    for path in originals:
        original = nbformat.read(path, as_version=4)
        copy = nbformat.read(out / "notebooks" / path.name, as_version=4)
        exercises = [c.source for c in original.cells if "exercise" in c.metadata.get("tags", [])]
        assert exercises, f"{path.name}: the original has no exercise cells"
        assert exercises == [c.source for c in copy.cells if "exercise" in c.metadata.get("tags", [])]
        code = [c for c in copy.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name}: outputs remain"
        assert "widgets" not in copy.metadata, f"{path.name}: widget state remains"


def test_no_cell_depends_on_a_name_only_a_solution_defines(course):
    _, originals, _, _ = course
    for path in originals:
        notebook = nbformat.read(path, as_version=4)
        defined_by = {True: set(), False: set()}
        used = set()
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Name):
                    target = defined_by[student.is_solution(cell)] if isinstance(node.ctx, ast.Store) else None
                    if target is not None:
                        target.add(node.id)
                    elif not student.is_solution(cell):
                        used.add(node.id)
                elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    defined_by[student.is_solution(cell)].add(node.name)
        only_in_solutions = defined_by[True] - defined_by[False]
        assert not (only_in_solutions & used), (
            f"{path.name}: cells use {sorted(only_in_solutions & used)}, which only solution cells define"
        )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_blank_exercise_tells_the_learner_what_to_do(name):
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if "exercise" in cell.metadata.get("tags", []):
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert REMINDER in printed, f"{name}, cell {index}: a blank exercise should say {REMINDER!r}: {printed!r}"


def test_a_student_notebook_runs_top_to_bottom_with_its_exercises_blank(course):
    path = course[0] / "notebooks" / NOTEBOOKS[0]
    notebook = kernel_client.execute(nbformat.read(path, as_version=4), path.parent, timeout=600)
    printed = "\n".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    exercises = sum("exercise" in cell.metadata.get("tags", []) for cell in notebook.cells)
    assert printed.count(REMINDER) == exercises > 0, f"{path.name}: each blank exercise should print a reminder"


def test_the_copy_holds_what_a_student_sets_up_with_and_none_of_the_maintainers_tests(course):
    out = course[0]
    for needed in ("Makefile", "requirements.txt", "requirements-mnist.txt", "pyproject.toml",
                   "helpers/checks/__init__.py", "data/wheat_and_bread.csv", "README.md"):
        assert (out / needed).exists(), f"the student copy lacks {needed}, which `make lab` needs"
    assert not (out / "tests").exists(), "the maintainers' tests (which expect solutions) must not be handed out"
    assert not (out / "data" / "mnist").exists(), "the MNIST cache is fetched by make lab, not copied"
