"""How long each "Play with it" widget takes to redraw in Python: a figure to read, not a test.

Builds each notebook's widget with helpers.widgets.play and the notebook's controls, then moves every slider
three times the way the browser test (tests/e2e) presses its keys, one step each, and prints the median CPU
time of a redraw (time.process_time, which another busy process on the machine disturbs less than wall time)
per widget and per notebook. The browser adds about 65 ms to these (tests/e2e/latency.py measures it there).

    python benchmarks/redraw.py          # every notebook
    python benchmarks/redraw.py 02 05    # some of them

The widgets are read from the notebooks: each cell that calls widgets.play is evaluated with play caught, so the
sliders are the notebook's own; the names those cells take from earlier cells (the data, a curve) come from
EARLIER below, the same values the notebooks compute.
"""

import statistics
import sys
import time
import types
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402

from helpers import data, neural, optimizers, plots, widgets  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

SLIDERS = (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.FloatLogSlider)
PRESSES = 3  # per slider, as the browser test presses


def error(x):
    return x**5 - 2 * x**3 - 2  # notebook 02's curve


def slope(x):
    return 5 * x**4 - 6 * x**2


def random_test_set(n=200):
    """Return (images, probabilities, labels) shaped like notebook 06's test set, random: only the time counts."""
    rng = np.random.default_rng(0)
    return rng.random((n, 28, 28)), rng.dirichlet(np.ones(10), n), np.arange(n) % 10


def earlier_names(notebook):
    """Return the names notebook's widget cells take from its earlier cells, with the values it gives them."""
    if notebook == "01":  # the meridian arcs, scaled as the notebook scales them
        arcs = data.load_points("meridian_arcs")
        return {"points": np.column_stack([arcs[:, 0] / 10, (arcs[:, 1] - 56_700) / 100]),
                "units": {"x": ("latitude (degrees)", 10, 0),
                          "y": ("one degree of the meridian (toises)", 100, 56_700)}}
    if notebook == "03":
        return {"points": data.load_points("wheat_and_bread")}
    if notebook == "02":
        return {"error": error, "slope_at_given_x_value": slope, "local_minimum": np.sqrt(6 / 5)}
    if notebook == "05":
        return {"start": neural.init_network(seed=1)}
    if notebook == "06":
        images, probabilities, labels = random_test_set()
        wrong = np.flatnonzero(probabilities.argmax(axis=1) != labels)
        return {"test_images": images, "probabilities": probabilities, "test_labels": labels, "wrong": wrong}
    return {}


def widgets_of(notebook):
    """Return [(plot function, its controls)] for each widgets.play call in notebook NN's cells, in order."""
    paths = sorted(NOTEBOOKS.glob(f"{notebook}_*.ipynb"))
    if len(paths) != 1:
        raise ValueError(f"notebook must be one of 01-06 (a notebooks/NN_*.ipynb), got {notebook!r}")
    found = []
    caught = types.SimpleNamespace(**{name: getattr(widgets, name) for name in widgets.__all__})
    caught.play = lambda plot_function, **controls: found.append((plot_function, controls))
    names = {"np": np, "plots": plots, "neural": neural, "optimizers": optimizers, "widgets": caught,
             **earlier_names(notebook)}
    for cell in nbformat.read(paths[0], as_version=4).cells:
        if cell.cell_type == "code" and "widgets.play(" in cell.source:
            try:
                exec(cell.source, dict(names))
            except NameError as missing:
                raise NameError(f"{paths[0].name}'s widget cell uses a name redraw.py does not give it ({missing}): "
                                "add it to earlier_names") from None
    return found


def press(slider):
    """Move a slider one step to the right (one step left from the top of its range) and return the CPU ms."""
    if isinstance(slider, ipywidgets.FloatLogSlider):
        value = 10 ** (np.log10(slider.value) + slider.step)
    else:
        value = slider.value + slider.step
    if value > slider.max:
        value = slider.value - slider.step
    started = time.process_time()
    slider.value = type(slider.value)(value)
    return (time.process_time() - started) * 1000


def main(notebooks):
    for notebook in notebooks:
        every = []
        for plot_function, controls in widgets_of(notebook):
            widgets.play(plot_function, **controls)
            times = [press(control) for control in controls.values() if isinstance(control, SLIDERS)
                     for _ in range(PRESSES)]
            every += times
            print(f"  {notebook} {plot_function.__name__:26} median {statistics.median(times):4.0f} ms "
                  f"({min(times):.0f}-{max(times):.0f} over {len(times)} presses)", flush=True)
        print(f"{notebook}: median {statistics.median(every):4.0f} ms over {len(every)} presses", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["01", "02", "03", "04", "05", "06"])
