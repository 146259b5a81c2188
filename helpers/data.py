"""The course's small data sets: CSV files in data/, each described in data/README.md."""

import csv
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_points(name):
    """Return data/<name>.csv (columns x, y, with a header row) as an (n, 2) float array."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a data set's name such as 'wheat_and_bread', got {name!r}.")
    path = DATA_DIR / f"{name}.csv"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in DATA_DIR.glob("*.csv"))) or "none"
        raise FileNotFoundError(f"No data set named {name!r} in {DATA_DIR} (known: {known}).")
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [row for row in rows[1:] if row]
    if len(header) != 2 or not body:
        raise ValueError(f"{path} must have a header row and two columns of numbers (x, y).")
    try:
        return np.array([[float(x), float(y)] for x, y in body])
    except ValueError as error:
        raise ValueError(f"{path} holds a value that is not a number: {error}") from None
