"""Re-execute notebooks in place from a fresh kernel, keeping their outputs: `make execute` (NB=... for one).

    python tools/execute.py notebooks/01_least_squares.ipynb [...]

What `jupyter nbconvert --execute --inplace` does, through tools/kernel_client.py (the one way the repository
executes a notebook), so a missed wake-up in nbclient costs a second instead of the cell's whole time limit, and
the kernel's messages are encrypted (no "running over TCP without encryption" warning).
"""

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kernel_client  # noqa: E402

CELL_TIMEOUT = 1800  # seconds: notebook 06 trains for minutes on a CPU, far longer on a slow laptop


def execute(path):
    """Run the notebook at path from a fresh kernel in its own folder and write it back with its outputs."""
    path = Path(path)
    if path.suffix != ".ipynb" or not path.is_file():
        raise SystemExit(f"execute: {path} is not a notebook file; give paths such as notebooks/01_least_squares.ipynb")
    notebook = nbformat.read(path, as_version=4)
    nbformat.write(kernel_client.execute(notebook, path.parent, CELL_TIMEOUT), path)


def main(paths):
    """Execute each notebook in turn, saying which."""
    if not paths:
        raise SystemExit("execute: give one or more notebooks, e.g. notebooks/01_least_squares.ipynb")
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
