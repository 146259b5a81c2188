"""Notebook 03's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks, data, regression

POINTS = data.load_points("wheat_and_bread")
SIX = np.vstack([POINTS, [2.0, 7.5]])  # exercise 4's six points, as its cell builds them
X, Y = POINTS[:, 0], POINTS[:, 1]


def steps_to_match(points, rate, tol=5e-5):
    """Count the article's steps from b = m = 1 until both are within tol of least squares, as a learner would."""
    x, y = points[:, 0], points[:, 1]
    best = np.linalg.lstsq(np.column_stack([np.ones_like(x), x]), y, rcond=None)[0]
    b, m, steps = 1.0, 1.0, 0
    while abs(b - best[0]) >= tol or abs(m - best[1]) >= tol:
        residual = y - (m * x + b)
        b, m, steps = b + rate * 2 * np.mean(residual), m + rate * 2 * np.mean(x * residual), steps + 1
    return steps


def solve(points):
    A = np.column_stack([np.ones(len(points)), points[:, 0]])
    return np.linalg.solve(A.T @ A, A.T @ points[:, 1])


def curvatures(points, factor=2.0, mean=True):
    A = np.column_stack([np.ones(len(points)), points[:, 0]])
    return np.linalg.eigvalsh(factor * A.T @ A / (len(points) if mean else 1))


B_GRADIENT = sum(-(2 / 5) * (y - (1 * x + 1)) for x, y in POINTS)
AT_01, AT_1 = steps_to_match(POINTS, 0.1), steps_to_match(POINTS, 0.01)
LIMIT = 2 / curvatures(SIX).max()
SCALED = np.column_stack([(X - X.mean()) / X.std(), Y])  # exercise 2's points, as its cell scales them
ROUND = steps_to_match(SCALED, 0.5)

EXERCISES = [
    Exercise(
        "check_b_gradient", checks.check_b_gradient,
        right=[B_GRADIENT, np.float64(B_GRADIENT), -2 * np.mean(Y - (X + 1)), [B_GRADIENT], -8.36],
        wrong=[(-B_GRADIENT, "check the sign"), (-np.mean(Y - (X + 1)), "The 2 is missing"),
               (-2 * np.sum(Y - (X + 1)), "Divide by N = 5"), (-2 * np.mean(X * (Y - (X + 1))), "m_gradient"),
               (-2 * np.mean(Y), "at b = m = 0"), (0.0, "bottom of the bowl"), (-8.4, "rounded to 1 decimal"),
               (-8, "Add up"), ("-8.36", "single number")],
    ),
    Exercise(
        "check_steps_when_round", lambda answer: checks.check_steps_when_round(answer, SCALED),
        right=[ROUND, float(ROUND), np.int64(ROUND), [ROUND], regression.steps_to_reach(SCALED, 1, 1, 0.5)],
        wrong=[(steps_to_match(POINTS, 0.5), "in the narrow valley"), (AT_01, "exercise 3's count"),
               (ROUND - 1, "Off by one"), (ROUND + 1, "Off by one"), (7, "1 - 0.5 * 2"), (0.5, "whole number"),
               ("one", "single number")],
    ),
    Exercise(
        "check_steps_at_rate", checks.check_steps_at_rate,
        right=[AT_01, float(AT_01), np.int64(AT_01), regression.steps_to_reach(POINTS, 1, 1, 0.1)],
        wrong=[(AT_1, "the count at 0.01"), (round(AT_1 / 10), "A good prediction"), (AT_01 - 1, "Off by one"),
               (AT_01 + 1, "Off by one"), (AT_01 + 0.5, "whole number"), (str(AT_01), "single number"),
               (700, "count the steps yourself")],
    ),
    Exercise(
        "check_normal_equations", lambda answer: checks.check_normal_equations(answer, SIX),
        right=[solve(SIX), list(solve(SIX)), tuple(solve(SIX)), np.polyfit(SIX[:, 0], SIX[:, 1], 1)[::-1],
               np.linalg.lstsq(np.column_stack([np.ones(6), SIX[:, 0]]), SIX[:, 1], rcond=None)[0]],
        wrong=[(solve(SIX)[::-1], "wrong order"), (solve(POINTS), "five points"), ([4.107, 2.219], "five points"),
               ([np.sum(SIX[:, 0] * SIX[:, 1]) / np.sum(SIX[:, 0] ** 2)], "through the origin"),
               (solve(SIX).round(2), "rounded to 2 decimals"), ([4.0, 2.0], "Build A"),
               ("4.59, 1.61", "should be numbers")],
    ),
    Exercise(
        "check_rate_limit_for_points", lambda answer: checks.check_rate_limit_for_points(answer, SIX),
        right=[LIMIT, np.float64(LIMIT), [LIMIT], regression.largest_stable_rate(SIX)],
        wrong=[(2 / curvatures(SIX).min(), "flattest"), (1 / curvatures(SIX).max(), "overshoot but still settle"),
               (2 / curvatures(POINTS).max(), "five points' limit"), (2 / curvatures(SIX, 1).max(), "factor 2"),
               (2 / curvatures(SIX, mean=False).max(), "not a sum"), (100 * LIMIT, "percentage"), (43.72, "percentage"),
               (round(LIMIT, 2), "rounded to 2 decimals"), (0.3, "the rate must stay below 2"),
               ("0.437", "single number")],
    ),
]
