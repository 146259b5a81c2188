"""Notebook 01's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks

ARTICLE = np.array([[3, 6], [6, 9], [12, 18]], dtype=float)  # the article's points, as the exercises print them
NEW_POINTS = np.array([[0, 1], [1, 3], [3, 4]])  # exercise 5's points, as its cell defines them


def article_error(b, m, coordinates):
    """The article's loop, as a learner copies it."""
    total = 0
    for x, y in coordinates:
        total += (y - (m * x + b)) ** 2
    return total / float(len(coordinates))


def mse_unpacked(b, m, points):
    x, y = points.T
    return ((y - m * x - b) ** 2).sum() / len(points)


def mse_none(b, m, points):
    np.mean((points[:, 1] - (m * points[:, 0] + b)) ** 2)


def misses(b, m, points):
    return points[:, 1] - (m * points[:, 0] + b)


def design(points):
    return np.column_stack([np.ones(len(points)), points[:, 0]])


NEW_X, NEW_Y = NEW_POINTS[:, 0], NEW_POINTS[:, 1]
SOLVED = np.linalg.solve(design(NEW_POINTS).T @ design(NEW_POINTS), design(NEW_POINTS).T @ NEW_Y)
THROUGH_ORIGIN = np.sum(NEW_X * NEW_Y) / np.sum(NEW_X**2)
NEW_LINE = misses(4, 1, ARTICLE)  # y = x + 4 misses each article point by this much
ARTICLE_SQUARES = misses(1, 2, ARTICLE) ** 2  # the squares of step 3: 1, 16 and 49

EXERCISES = [
    Exercise(
        "check_new_line_error", checks.check_new_line_error,
        right=[2, 2.0, np.float64(2.0), np.mean(NEW_LINE**2), article_error(4, 1, ARTICLE), [2], np.array(2.0),
               (1 + 1 + 4) / 3],
        wrong=[(np.sum(NEW_LINE**2), "their mean: divide by 3"), (np.mean(NEW_LINE), "The misses cancelled"),
               (np.mean(np.abs(NEW_LINE)), "misses' sizes"), (np.sqrt(np.mean(NEW_LINE**2)), "square root"),
               (np.sum(NEW_LINE**2) / 2, "not 2"), (article_error(1, 4, ARTICLE), "m and b are swapped"),
               (2.5, "square the 3 misses"), ("2", "single number"), ((2, 6), "single number")],
    ),
    Exercise(
        "check_best_intercept", checks.check_best_intercept,
        right=[-3, -3.0, np.float64(-3.0), np.mean(ARTICLE[:, 1] - 2 * ARTICLE[:, 0]), [-3], np.array([-3.0])],
        wrong=[(np.mean(misses(1, 2, ARTICLE)), "1 plus it"), (3, "sign is flipped"),
               (np.sum(ARTICLE[:, 1] - 2 * ARTICLE[:, 0]), "its mean (divide by 3)"), (-2, "Try a smaller b"),
               (-3.5, "Try a larger b"), ("-3", "single number")],
    ),
    Exercise(
        "check_worst_share", checks.check_worst_share,
        right=[49 / 66, np.float64(49 / 66), ARTICLE_SQUARES[-1] / ARTICLE_SQUARES.sum(), [49 / 66],
               np.max(ARTICLE_SQUARES) / np.sum(ARTICLE_SQUARES)],
        wrong=[(100 * 49 / 66, "percentage"), (74.2, "percentage"), (74, "percentage"), (7 / 12, "misses' sizes"),
               (49 / 22, "mean squared error, 22"), (49 / 17, "its own included"), (1 / 3, "same size"),
               (0.74, "rounded to 2 decimals"), (0.5, "Square each miss"), ("49/66", "single number")],
    ),
    Exercise(
        "check_mean_squared_error_function", checks.check_mean_squared_error_function,
        right=[lambda b, m, points: np.mean((points[:, 1] - (m * points[:, 0] + b)) ** 2), mse_unpacked,
               article_error, lambda b, m, p: np.average(np.square(misses(b, m, p))),
               lambda b, m, p: float(misses(b, m, p) @ misses(b, m, p) / len(p))],
        wrong=[(lambda b, m, p: np.sum(misses(b, m, p) ** 2), "take their mean"),
               (lambda b, m, p: np.mean(misses(b, m, p)), "The misses cancel"),
               (lambda b, m, p: np.mean(np.abs(misses(b, m, p))), "misses' sizes"),
               (lambda b, m, p: np.sqrt(np.mean(misses(b, m, p) ** 2)), "square root"),
               (lambda b, m, p: np.mean(misses(m, b, p) ** 2), "m and b are swapped"),
               (mse_none, "forget `return`"), ("mean_squared_error", "should be a function")],
    ),
    Exercise(
        "check_least_squares_line", lambda answer: checks.check_least_squares_line(answer, NEW_POINTS),
        right=[SOLVED, np.linalg.lstsq(design(NEW_POINTS), NEW_Y, rcond=None)[0], list(SOLVED), tuple(SOLVED),
               np.polyfit(NEW_X, NEW_Y, 1)[::-1], [10 / 7, 13 / 14]],
        wrong=[(np.polyfit(NEW_X, NEW_Y, 1), "m and b are swapped"), ([THROUGH_ORIGIN], "through the origin"),
               ([0, THROUGH_ORIGIN], "through the origin"), ([1, 1], "first and the last point"),
               (SOLVED.round(2), "rounded to 2 decimals"), (SOLVED.round(1), "rounded to 1 decimal"),
               ("1.43, 0.93", "should be numbers"), ([1.4, 0.9, 0], "shape (2,)")],
    ),
]
