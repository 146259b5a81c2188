"""How long each "Play with it" widget takes to redraw in Python: a figure to read, not a test.

Builds each notebook's widget with helpers.widgets.play and the notebook's controls, then moves every slider
three times the way the browser test (tests/e2e) presses its keys, one step each, and prints the median CPU
time of a redraw (time.process_time, which another busy process on the machine disturbs less than wall time)
per widget and per notebook. The browser adds about 65 ms to these (tests/e2e/latency.py measures it there).

    python benchmarks/redraw.py          # every notebook
    python benchmarks/redraw.py 02 05    # some of them

The controls are copied from the notebooks' step 5; keep them in step when a notebook changes its sliders.
"""

import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402

from helpers import checks, data, neural, optimizers, plots, widgets  # noqa: E402

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


def widgets_of(notebook):
    """Return [(plot function, its controls)] for a notebook's "Play with it" widgets."""
    fixed, w = widgets.fixed, widgets
    if notebook == "01":
        return [(plots.plot_squares_and_surface, dict(
            points=fixed(checks.ARTICLE_POINTS), m=w.float_slider(0.5, -1.0, 2.6, 0.02, "slope m"),
            b=w.float_slider(1.0, -6.0, 5.5, 0.05, "intercept b"), m_range=fixed((-1.2, 2.8)),
            b_range=fixed((-6.3, 5.7))))]
    if notebook == "02":
        return [(plots.plot_descent, dict(
            error=fixed(error), slope=fixed(slope), start=w.float_slider(0.5, -1.5, 1.8, 0.05, "start x"),
            learning_rate=w.float_slider(0.01, 0.001, 0.6, 0.001, "learning rate"),
            num_steps=w.int_slider(60, 1, 200, 1, "steps"), target=fixed(np.sqrt(6 / 5)))),
            (plots.plot_optimizer_paths, dict(
                surface=fixed(optimizers.saddle), gradient=fixed(optimizers.saddle_gradient),
                start=fixed((-1.8, 0.001)), learning_rate=w.float_slider(0.05, 0.005, 0.5, 0.005, "learning rate"),
                num_steps=w.int_slider(100, 0, 300, 5, "steps"), marks=fixed({"saddle": (0, 0), "valley": (0, 1)})))]
    if notebook == "03":
        return [(plots.plot_regression_fit, dict(
            points=fixed(data.load_points("wheat_and_bread")),
            learning_rate=w.float_slider(0.01, 0.001, 0.6, 0.001, "learning rate"),
            num_iterations=w.int_slider(100, 10, 20_000, 10, "steps")))]
    if notebook == "04":
        return [(plots.plot_perceptron, dict(
            gate=w.dropdown(["AND", "OR", "NAND", "XOR"], "OR", "gate"),
            learning_rate=w.log_slider(0.2, -2, 1, "learning rate"),
            num_updates=w.int_slider(100, 0, 400, 4, "updates"),
            seed=w.int_slider(1, 0, 20, 1, "seed")))]
    if notebook == "05":
        return [(plots.plot_backward_step, dict(
            step=w.int_slider(0, 0, plots.LAST_BACKWARD_STEP, 1, "step"), weights=fixed(neural.init_network(seed=1)),
            example=w.dropdown([("(0, 0) → 0", 0), ("(0, 1) → 1", 1), ("(1, 0) → 1", 2), ("(1, 1) → 0", 3)], 2,
                               "example"))),
            (plots.plot_network_training, dict(
                n_hidden=w.int_slider(4, 1, 10, 1, "hidden units"),
                learning_rate=w.log_slider(1.0, -2, 2, "learning rate"),
                iterations=w.int_slider(3000, 100, 20000, 100, "updates"),
                activation=w.dropdown(list(neural.ACTIVATIONS), "sigmoid", "activation"),
                seed=w.int_slider(1, 0, 20, 1, "seed")))]
    if notebook == "06":
        images, probabilities, labels = random_test_set()
        return [(plots.plot_prediction, dict(
            index=w.int_slider(0, 0, len(images) - 1, 1, "test image"), images=fixed(images),
            probabilities=fixed(probabilities), labels=fixed(labels)))]
    raise ValueError(f"notebook must be one of 01-06, got {notebook!r}")


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
