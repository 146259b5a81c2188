"""helpers.checks, section 01-03: what the exercise banks (tests/exercise_banks/nb01.py to nb03.py) do not show: the
numbers the checks expect are the ones the walks really give, a learner's function that raises is reported, and
settings the notebook passes are checked at the door."""

import numpy as np
import pytest

from helpers import checks, data, optimizers, regression

WHEAT_AND_BREAD = data.load_points("wheat_and_bread")


def said(capsys):
    return capsys.readouterr().out.strip()


def verdict(capsys, check, answer):
    """Return ✅ or ❌: the mark the check gives the answer."""
    check(answer)
    return said(capsys)[0]


def test_expected_values_are_the_ones_the_notebooks_teach():
    assert regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.1) == 811
    assert regression.gradient(1, 1, WHEAT_AND_BREAD)[0] == pytest.approx(-8.36)


def test_the_rate_limit_check_expects_the_rate_where_the_walk_stops_settling(capsys):
    limit = 1 / 3
    assert verdict(capsys, checks.check_rate_limit, limit) == checks.PASS
    for rate, settles in [(0.97 * limit, True), (1.03 * limit, False)]:
        walk = optimizers.run(optimizers.gradient_descent_step, lambda x: 3 * x**2 - 3, 1.2, rate, 400)
        assert (abs(walk[-1] - 1) < 1e-6) == settles, f"x**3 - 3x at rate {rate:.3f} ended at {walk[-2:]}"


def test_the_step_count_check_expects_what_the_real_walk_takes(capsys):
    minimum = np.sqrt(6 / 5)
    walk = optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, minimum - 0.1, 0.03, 100)
    steps = int(np.argmax(np.abs(walk - minimum) < 5e-5))
    checks.check_steps_to_close(steps, learning_rate=0.03, gap=0.1, tol=5e-5)
    assert said(capsys).startswith(checks.PASS), f"the real walk takes {steps} steps"


def test_the_rate_limit_for_six_points_is_where_their_walk_diverges(capsys):
    six = np.vstack([WHEAT_AND_BREAD, [2.0, 7.5]])
    limit = regression.largest_stable_rate(six)
    assert verdict(capsys, lambda answer: checks.check_rate_limit_for_points(answer, six), limit) == checks.PASS
    assert regression.steps_to_reach(six, 1, 1, 0.97 * limit) > 0
    with pytest.raises(ValueError, match="diverged"):
        regression.steps_to_reach(six, 1, 1, 1.03 * limit)


@pytest.mark.parametrize("check", [checks.check_mean_squared_error_function, checks.check_momentum_step])
def test_a_function_that_raises_is_reported_not_raised(capsys, check):
    check(lambda *args: 1 / 0)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "ZeroDivisionError" in out, out


@pytest.mark.parametrize(("call", "words"), [
    (lambda: checks.check_first_step(1.0, start="1.5", learning_rate=0.01), "start"),
    (lambda: checks.check_first_step(1.0, start=1.5, learning_rate=-0.01), "learning_rate"),
    (lambda: checks.check_steps_to_close(16, learning_rate=0, gap=0.1, tol=5e-5), "learning_rate"),
    (lambda: checks.check_least_squares_line([1, 1], [1, 2, 3]), "points"),
    (lambda: checks.check_normal_equations([1, 1], "six points"), "points"),
    (lambda: checks.check_rate_limit_for_points(0.4, [[1, 2, 3]]), "points"),
])
def test_the_settings_a_notebook_passes_are_checked_at_the_door(call, words):
    with pytest.raises((TypeError, ValueError), match=words):
        call()


def test_the_answer_to_the_start_at_minus_half_is_what_the_walk_does(capsys):
    walk = optimizers.run(optimizers.gradient_descent_step, lambda x: 5 * x**4 - 6 * x**2, -0.5, 0.01, 60)
    assert len(walk) == 61 and np.all(np.diff(walk) > 0) and -0.5 < walk[-1] < 0, walk[-3:]
    assert verdict(capsys, checks.check_start_at_minus_half, "b") == checks.PASS
