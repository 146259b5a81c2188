"""Write build/student/: the course with every notebook's outputs cleared and the solutions removed.

Run with `make student`. Exercise cells and their checks stay; cells tagged `solution` go. The copy is
what learners need (notebooks, helpers, data, Makefile, requirements) and set up with `make lab`;
the maintainers' tests and tools stay behind. The originals are only read.
"""

import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "student"
COPIED = ["helpers", "data", "Makefile", "README.md", "requirements.txt", "requirements-mnist.txt",
          "requirements-e2e.txt", "environment.yml", "postBuild", "pyproject.toml", ".gitignore"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "mnist", ".ipynb_checkpoints")


def is_solution(cell):
    """Return True for a solution cell (tagged `solution`)."""
    return "solution" in cell.get("metadata", {}).get("tags", [])


def student_copy(notebook):
    """Return a copy of notebook without solution cells, outputs, execution counts or widget state."""
    copy = nbformat.from_dict(notebook)
    copy.cells = [cell for cell in copy.cells if not is_solution(cell)]
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    copy.metadata.pop("widgets", None)
    return copy


def write_course(out=OUT):
    """Write the student course to out (replacing an earlier build) and return the notebook paths."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=IGNORED)
        elif source.exists():
            shutil.copy2(source, out / name)
    written = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        target = out / "notebooks" / path.name
        nbformat.write(student_copy(notebook), target)
        written.append(target)
    return written


def main():
    """Build the student copy and say where it is."""
    written = write_course()
    if not written:
        sys.exit("No notebooks found in notebooks/: nothing to hand out.")
    print(f"Wrote {len(written)} student notebooks (outputs cleared, solutions removed) to "
          f"{OUT.relative_to(ROOT)}/notebooks/; the rest of the course is beside them.")


if __name__ == "__main__":
    main()
