"""helpers.checks, section 01-03: ✅ for right answers, ❌ with a useful hint for wrong ones or wrong types,
✏️ for unanswered ones, and never an exception."""

import numpy as np
import pytest

from helpers import checks, data, regression

WHEAT_AND_BREAD = data.load_points("wheat_and_bread")


def said(capsys):
    return capsys.readouterr().out.strip()


def mean_squared_error(b, m, points):
    x, y = np.asarray(points, dtype=float).T
    return np.mean((y - (m * x + b)) ** 2)


def momentum_step(x, velocity, slope, learning_rate, beta):
    velocity = beta * velocity + slope
    return x - learning_rate * velocity, velocity


# (check, right answer, wrong answer, words the wrong answer's feedback must contain, an answer of the wrong type)
CASES = [
    (checks.check_one_squared_error, 16, -4, "then square", "16"),
    (checks.check_best_intercept, -3.0, -2.0, "smaller b", "-3"),  # [-3] is -3: one rule for every check
    (checks.check_first_step, 0.511875, 0.488125, "negative", "0.51"),
    (checks.check_local_minimum, float(np.sqrt(1.2)), 0.0, "flat step", "1.0954"),
    (checks.check_b_gradient, float(regression.gradient(1, 1, WHEAT_AND_BREAD)[0]), 8.36, "check the sign",
     [1, 2]),
    (checks.check_steps_at_rate, regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.1), 8144,
     "steps_to_reach", "807"),
]


@pytest.mark.parametrize(("check", "right", "wrong", "hint", "wrong_type"), CASES)
def test_number_checks(capsys, check, right, wrong, hint, wrong_type):
    check(right)
    assert said(capsys).startswith(checks.PASS)
    check(wrong)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and hint in out, out
    check(...)
    assert said(capsys).startswith(checks.TODO)
    check(wrong_type)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and type(wrong_type).__name__ in out, out


def test_the_minimum_check_calls_it_a_local_minimum(capsys):
    checks.check_local_minimum(float(np.sqrt(1.2)))
    out = said(capsys)
    assert "local minimum" in out and "true minimum" not in out, "x**5 - 2x**3 - 2 has no lowest point: " + out


def test_expected_values_are_the_ones_the_notebooks_teach():
    assert regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.1) == 811
    assert regression.gradient(1, 1, WHEAT_AND_BREAD)[0] == pytest.approx(-8.36)


def test_normal_equations_check_reports_shape_order_and_values(capsys):
    b, m = regression.least_squares(WHEAT_AND_BREAD)
    checks.check_normal_equations(np.array([b, m]))
    assert said(capsys).startswith(checks.PASS)
    checks.check_normal_equations([m, b])
    assert "wrong order" in said(capsys)
    checks.check_normal_equations([b, m, 0])
    assert "shape (2,)" in said(capsys)
    checks.check_normal_equations([3.30, 2.97])
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "A.T @ A" in out
    checks.check_normal_equations("4.1, 2.2")
    assert "should be numbers" in said(capsys)
    checks.check_normal_equations(...)
    assert said(capsys).startswith(checks.TODO)


def test_best_intercept_accepts_numpy_numbers(capsys):
    checks.check_best_intercept(np.float64(-3))
    checks.check_best_intercept(np.array([-3.0]))
    assert said(capsys).count(checks.PASS) == 2


@pytest.mark.parametrize(
    ("check", "right", "wrong"),
    [(checks.check_why_squares, "c", "b"), (checks.check_start_at_minus_half, "b", "a"),
     (checks.check_why_slow, "b", "c")],
)
def test_choice_checks(capsys, check, right, wrong):
    check(right)
    assert said(capsys).startswith(checks.PASS)
    check(wrong.upper())
    assert said(capsys).startswith(checks.FAIL)
    check("z")
    assert "answer with one of" in said(capsys)
    check(3)
    assert said(capsys).startswith(checks.FAIL)
    check(...)
    assert said(capsys).startswith(checks.TODO)


@pytest.mark.parametrize(
    ("check", "right", "wrong", "name"),
    [
        (checks.check_mean_squared_error_function, mean_squared_error,
         lambda b, m, points: np.sum((points[:, 1] - (m * points[:, 0] + b)) ** 2), "mean_squared_error"),
        (checks.check_momentum_step, momentum_step,
         lambda x, velocity, slope, learning_rate, beta: (x - learning_rate * slope, velocity), "momentum_step"),
    ],
)
def test_function_checks(capsys, check, right, wrong, name):
    check(right)
    assert said(capsys).startswith(checks.PASS)
    check(wrong)
    out = said(capsys)
    assert out.startswith(checks.FAIL) and f"{name}(" in out and "expected" in out
    check(lambda *args: 1 / 0)
    assert "ZeroDivisionError" in said(capsys)
    check(42)
    assert "should be a function" in said(capsys)
    check(...)
    assert said(capsys).startswith(checks.TODO)
