"""Write data/handwritten_digit.json: a "2" drawn by this program, not by a hand, as a mouse would record it.

Notebook 06's static stand-in for the learner's drawing (GitHub, exported HTML and nbval cannot draw). One
stroke, the way most people write a 2: over the top, down the diagonal, along the base. The shape is jittered
with a seeded random generator so that it wobbles like a hand, and it sits small in the canvas's upper-left
corner, as a hurried learner's digit often does. Points are spaced as mouse-move events are (a few pixels
apart). Run `python tools/draw_digit.py` to write it again; tests/test_handwriting.py checks the file is
exactly what this program writes.
"""

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import handwriting  # noqa: E402

PATH = ROOT / "data" / "handwritten_digit.json"
SEED = 2
CORNER = (24.0, 18.0)  # where the digit's box starts on the 280 x 280 canvas (x, y)
SIZE = (92.0, 118.0)  # the digit's box, width and height, in canvas pixels
SPACING = 6.0  # canvas pixels between recorded points


def outline():
    """Return the 2's path as (x, y) points in a unit box (y down): arc over the top, diagonal, base."""
    angles = np.linspace(np.pi + 0.25, 2 * np.pi + 0.3, 40)  # from the left, over the top, to the right
    arc = np.column_stack([0.5 + 0.42 * np.cos(angles), 0.32 + 0.30 * np.sin(angles)])
    diagonal = np.linspace(arc[-1], [0.04, 0.97], 20)
    base = np.linspace([0.04, 0.97], [0.98, 0.95], 16)
    return np.concatenate([arc, diagonal[1:], base[1:]])


def resample(path, spacing):
    """Return points every `spacing` along path, as a mouse reports a steady hand."""
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    distance = np.concatenate([[0.0], np.cumsum(steps)])
    at = np.arange(0.0, distance[-1], spacing)
    return np.column_stack([np.interp(at, distance, path[:, 0]), np.interp(at, distance, path[:, 1])])


def draw(seed=SEED):
    """Return the stroke list: the outline placed on the canvas, wobbled by a seeded hand."""
    rng = np.random.default_rng(seed)
    path = outline() * SIZE + CORNER
    wobble = np.cumsum(rng.normal(0.0, 0.6, path.shape), axis=0)  # a slow drift, as a hand drifts
    wobble -= np.linspace(wobble[0], wobble[-1], len(wobble))  # ... that ends where the stroke should
    points = resample(path + wobble, SPACING)
    points += rng.normal(0.0, 0.4, points.shape)  # and a little tremor
    return [np.round(points, 1).tolist()]


def main():
    """Write the stroke file."""
    handwriting.save_strokes(
        PATH, draw(), label=2, canvas=handwriting.CANVAS, pen=handwriting.PEN,
        about="A 2 drawn by tools/draw_digit.py (seed 2), not by a person: one stroke of (x, y) canvas pixels.",
    )
    print(f"wrote {PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
