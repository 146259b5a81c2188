"""helpers.optimizers: every optimizer finds the bottom of a bowl, escapes the saddle, and diverging runs stop."""

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import optimizers, validate

ROOT = Path(__file__).resolve().parent.parent


def bowl_gradient(point):
    """Gradient of (x - 1)**2 + 2 * (y + 2)**2, whose minimum is at (1, -2)."""
    x, y = point
    return np.array([2 * (x - 1), 4 * (y + 2)])


@pytest.mark.parametrize("name", list(optimizers.OPTIMIZERS))
def test_each_optimizer_reaches_the_bottom_of_a_bowl(name):
    path = optimizers.run(optimizers.OPTIMIZERS[name], bowl_gradient, [3.0, 1.0], 0.05, 2000)
    assert path.shape == (2001, 2)
    assert np.allclose(path[0], [3.0, 1.0]), "the path should start at the start"
    assert np.allclose(path[-1], [1.0, -2.0], atol=1e-2), f"{name} ended at {path[-1]}, not near (1, -2)"


def test_gradient_descent_is_the_articles_loop():
    current_x = 0.5
    for _ in range(60):
        current_x += -0.01 * (5 * current_x**4 - 6 * current_x**2)
    path = optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, 0.5, 0.01, 60)
    assert path.shape == (61,), "a number as start should give a 1-D path"
    assert path[-1] == pytest.approx(current_x, abs=1e-15)
    assert path[-1] == pytest.approx(1.0928, abs=1e-4)


def test_momentum_and_nesterov_follow_their_textbook_updates():
    grad = lambda x: 2 * x  # noqa: E731
    path = optimizers.run(optimizers.momentum_step, grad, 1.0, 0.1, 2, beta=0.5)
    v1 = 2.0
    x1 = 1.0 - 0.1 * v1
    v2 = 0.5 * v1 + 2 * x1
    assert path == pytest.approx([1.0, x1, x1 - 0.1 * v2])
    path = optimizers.run(optimizers.nesterov_step, grad, 1.0, 0.1, 2, beta=0.5)
    v1 = 2.0  # no velocity yet, so the look-ahead point is the start
    x1 = 1.0 - 0.1 * v1
    v2 = 0.5 * v1 + 2 * (x1 - 0.1 * 0.5 * v1)
    assert path == pytest.approx([1.0, x1, x1 - 0.1 * v2])


def test_adam_and_rmsprop_first_steps_are_about_the_learning_rate():
    grad = lambda x: 1000 * x  # noqa: E731  (a steep slope: the adaptive step does not care)
    adam = optimizers.run(optimizers.adam_step, grad, 1.0, 0.01, 1)
    assert adam[1] == pytest.approx(0.99, abs=1e-6)
    rmsprop = optimizers.run(optimizers.rmsprop_step, grad, 1.0, 0.01, 1)
    assert rmsprop[1] == pytest.approx(1 - 0.01 / np.sqrt(0.1), abs=1e-6)


def test_a_diverging_run_stops_early_with_a_divergence_warning_and_no_overflow_warnings():
    with np.errstate(all="raise"), pytest.warns(validate.DivergenceWarning, match="diverged after"):
        path = optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, -1.2, 0.01, 60)
    assert len(path) < 61 and path[-1] < -1e6 and np.all(np.isfinite(path))
    assert optimizers.diverged(path, 60)
    assert not optimizers.diverged(np.zeros(61), 60)


def test_a_divergence_warning_is_shown_as_its_message_alone_and_the_usual_format_is_restored():
    program = ("from helpers import optimizers\n"
               "optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, 0.5, 0.4, 60)\n")
    shown = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stderr.startswith("DivergenceWarning: the run at learning_rate=0.4 diverged after 5 steps"), (
        f"a learner should see the warning's kind and message first, without a file name; saw {shown.stderr!r}"
    )
    assert shown.stderr.count("\n") == 1 and "optimizers.run(" not in shown.stderr, (
        f"the warning should be one line, without the source line that called the helper; saw {shown.stderr!r}"
    )
    usual = warnings.formatwarning
    with pytest.warns(validate.DivergenceWarning):
        optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, 0.5, 0.4, 60)
    assert warnings.formatwarning is usual, "warn_diverged should leave warnings.formatwarning as it found it"


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: optimizers.run(optimizers.adam_step, lambda x: "steep", 1.0, 0.1, 5), ValueError,
         "gradient must return one number; at start it returned 'steep'"),
        (lambda: optimizers.run(optimizers.adam_step, lambda x: [1, 2, 3], [1.0, 2.0], 0.1, 5), ValueError,
         "gradient must return 2 numbers, one per coordinate of start"),
        (lambda: optimizers.run(optimizers.adam_step, lambda x: 2 * x, 1.0, 0.1, 5, beta=0.9), TypeError,
         "adam_step takes beta1, beta2, eps; got beta"),
        (lambda: optimizers.run(optimizers.momentum_step, "2x", 1.0, 0.1, 5), TypeError, "gradient must be a function"),
        (lambda: optimizers.diverged("path", 60), TypeError, "path must be numbers"),
        (lambda: optimizers.saddle("0", 1), TypeError, "x must be numbers"),
        (lambda: optimizers.saddle_gradient([1, 2, 3]), ValueError, r"point must have shape \(2\)"),
    ],
)
def test_bad_inputs_say_what_was_wrong(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_the_saddle_surface_and_its_gradient():
    assert optimizers.saddle(0, 0) == 0 and optimizers.saddle(0, 1) == pytest.approx(-0.25)
    assert np.allclose(optimizers.saddle_gradient([0, 0]), 0) and np.allclose(optimizers.saddle_gradient([0, 1]), 0)
    step = 1e-6
    for point in ([0.3, -0.7], [-1.2, 0.4]):
        numeric = [(optimizers.saddle(point[0] + step, point[1]) - optimizers.saddle(point[0] - step, point[1])) / 2e-6,
                   (optimizers.saddle(point[0], point[1] + step) - optimizers.saddle(point[0], point[1] - step)) / 2e-6]
        assert np.allclose(optimizers.saddle_gradient(point), numeric, atol=1e-6)


def test_adaptive_methods_leave_the_saddle_before_plain_gradient_descent():
    def steps_to_valley(name):
        path = optimizers.run(optimizers.OPTIMIZERS[name], optimizers.saddle_gradient, [-1.8, 0.001], 0.05, 300)
        return int(np.argmax(np.abs(path[:, 1]) > 0.9))

    plain = steps_to_valley("gradient descent")
    for name in ("momentum", "Nesterov", "RMSprop", "Adam"):
        assert 0 < steps_to_valley(name) < plain, f"{name} should reach a valley before plain gradient descent"


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate"),
        ({"num_steps": 2.5}, TypeError, "num_steps"),
        ({"start": "1"}, TypeError, "start"),
        ({"start": [[1, 2]]}, ValueError, "start"),
        ({"gradient": 3}, TypeError, "gradient"),
        ({"step": None}, TypeError, "step"),
    ],
)
def test_run_names_the_bad_argument(kwargs, error, words):
    arguments = {"step": optimizers.gradient_descent_step, "gradient": bowl_gradient, "start": [0.0, 0.0],
                 "learning_rate": 0.1, "num_steps": 3} | kwargs
    with pytest.raises(error, match=words):
        optimizers.run(**arguments)


def test_saddle_gradient_checks_its_point():
    with pytest.raises(ValueError, match="point must have shape"):
        optimizers.saddle_gradient([1, 2, 3])
