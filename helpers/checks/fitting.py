"""Exercises on lines through points (notebooks 01 and 03): squared errors, the best line, its gradient."""

import numpy as np

from helpers import data, regression
from helpers.checks.feedback import (
    FAIL,
    PASS,
    check_array,
    check_choice,
    check_function,
    check_number,
    is_number,
    number_answer,
    say,
    unanswered,
)

ARTICLE_POINTS = [[3, 6], [6, 9], [12, 18]]  # the article's example for compute_error_for_line_given_points


def wheat_and_bread():
    """Return the article's regression data, as data/wheat_and_bread.csv holds it."""
    return data.load_points("wheat_and_bread")


def check_one_squared_error(answer):
    """01: the squared error of the point (6, 9) under the line y = 2x + 1."""
    expected = (9 - (2 * 6 + 1)) ** 2
    check_number(answer, expected, what="The squared error of (6, 9)",
                 hint="The line predicts 2*6 + 1 at x = 6; subtract that from 9, then square it.")


def check_best_intercept(answer):
    """01: the b that makes the error smallest on the article's points when m = 2."""
    points = np.array(ARTICLE_POINTS, dtype=float)
    expected = float(np.mean(points[:, 1] - 2 * points[:, 0]))
    what = "The best b for m = 2"
    answer = number_answer(answer, what)
    if answer is None:
        return
    yours = regression.mean_squared_error(answer, 2, points)
    if np.isclose(answer, expected, atol=1e-6):
        say(PASS, f"{what}: {answer:.6g} is right; its error, {yours:.4g}, is the smallest any b can give.")
        return
    smallest = regression.mean_squared_error(expected, 2, points)
    direction = "larger" if expected > answer else "smaller"
    say(FAIL, f"{what}: with b = {answer:.6g} the error is {yours:.4g}, but it can go down to {smallest:.4g}: "
               f"try a {direction} b. Hint: the best b is the mean of y - 2*x.")


def check_why_squares(answer):
    """01: why Legendre squared the errors instead of taking their absolute values."""
    check_choice(answer, "c", what="Why squares", explanations={
        "a": "Not quite: absolute values also stop positive and negative errors from cancelling.",
        "b": "No: squares make big misses count more, not less. One error of 4 costs as much as sixteen errors of 1.",
        "c": "Yes: the sum of squares is a smooth bowl in m and b, so setting its slopes to zero gives two linear "
             "equations that can be solved by hand. Absolute values have corners and no such formula.",
        "d": "No: it is a choice, not the only sensible one. Boscovich had minimised the sum of absolute errors in "
             "the 1750s (it is less swayed by one bad point, but has no simple formula); Gauss later justified "
             "squares for errors that follow the bell curve.",
    })


def check_mean_squared_error_function(func):
    """01: a learner's numpy mean_squared_error(b, m, points), tested on a few lines and points."""
    cases = []
    for b, m, points in [(1, 2, ARTICLE_POINTS), (0, 0, ARTICLE_POINTS), (-3, 2, ARTICLE_POINTS),
                         (4.1, 2.2, wheat_and_bread())]:
        cases.append(((b, m, np.array(points, dtype=float)), regression.mean_squared_error(b, m, points)))
    check_function(func, cases, what="mean_squared_error")


def check_b_gradient(answer):
    """03: the article's b_gradient for wheat_and_bread at b = 1, m = 1 (before the first step)."""
    expected = float(regression.gradient(1, 1, wheat_and_bread())[0])
    hint = "Add up -(2/N) * (y - (m*x + b)) over the five points, with N = 5, b = 1 and m = 1."
    if is_number(answer) and np.isclose(answer, -expected):
        hint = "Close: check the sign. The line is below every point, so the gradient for b is negative."
    check_number(answer, expected, what="b_gradient at (1, 1)", tol=1e-9, hint=hint)


def check_normal_equations(answer):
    """03: the least-squares [b, m] for wheat_and_bread, solved from the normal equations."""
    expected = regression.least_squares(wheat_and_bread())
    what = "[b, m] from the normal equations"
    try:
        reversed_order = np.allclose(np.asarray(answer, dtype=float), expected[::-1], atol=1e-6)
    except (TypeError, ValueError):
        reversed_order = False
    if reversed_order and not np.allclose(expected, expected[::-1]):
        say(FAIL, f"{what}: you have the right numbers in the wrong order. With A = [1, x], the solution is [b, m].")
        return
    check_array(answer, expected, what=what, tol=1e-6,
                hint="Build A = np.column_stack([np.ones(5), x]) and solve (A.T @ A) @ [b, m] = A.T @ y.")


def check_steps_at_rate(answer):
    """03: how many steps gradient descent needs at learning rate 0.1 to match least squares to 4 decimals."""
    expected = regression.steps_to_reach(wheat_and_bread(), 1, 1, 0.1)
    if unanswered(answer, "Steps at rate 0.1"):
        return
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    if not isinstance(answer, (int, np.integer)) or isinstance(answer, bool):
        say(FAIL, f"Steps at rate 0.1 should be a whole number of steps, but you gave {type(answer).__name__} "
                   f"{answer!r}.")
        return
    if answer == expected:
        say(PASS, f"Steps at rate 0.1: {answer} is right, about ten times fewer than at 0.01.")
    else:
        say(FAIL, f"Steps at rate 0.1: {answer} is not it. Call regression.steps_to_reach(wheat_and_bread, 1, 1, 0.1)"
                   " or count the steps yourself until b and m are within 0.00005 of least squares.")


def check_why_slow(answer):
    """03: why gradient descent needs thousands of steps on five points."""
    check_choice(answer, "b", what="Why so slow", explanations={
        "a": "No: five points make each step cheap; the number of steps is the problem, not the cost of one.",
        "b": "Yes: every x is positive (0.5 to 1.4), so raising m and lowering b change the line in almost the same "
             "way. The error surface is a long, narrow valley: the gradient points mostly across it, and a rate small "
             "enough not to overshoot across it crawls along it.",
        "c": "No: the mean squared error of a line is a bowl with a single minimum; there is no local trap.",
        "d": "No: the 0.01 only sets the step size. Rounding errors in float64 are around 1e-16.",
    })
