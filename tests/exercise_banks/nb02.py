"""Notebook 02's exercises: right answers written the ways a learner writes them, and the slips each must name."""

import numpy as np

from exercise_banks import Exercise
from helpers import checks


def slope(x):
    return 5 * x**4 - 6 * x**2


def error(x):
    return x**5 - 2 * x**3 - 2


def momentum_step(x, velocity, slope, learning_rate, beta):
    velocity = beta * velocity + slope
    x = x - learning_rate * velocity
    return x, velocity


def momentum_none(x, velocity, slope, learning_rate, beta):
    velocity = beta * velocity + slope
    x = x - learning_rate * velocity


def steps_until(factor, gap, tol=5e-5):
    """Count steps the way a learner's loop does: shrink the gap until it is below tol."""
    steps = 0
    while gap >= tol:
        gap, steps = gap * abs(factor), steps + 1
    return steps


MINIMUM = np.sqrt(6 / 5)
CURVATURE = 20 * MINIMUM**3 - 12 * MINIMUM
STEPS = steps_until(1 - 0.03 * CURVATURE, 0.1)

EXERCISES = [
    Exercise(
        "check_first_step", lambda answer: checks.check_first_step(answer, start=1.5, learning_rate=0.01),
        right=[1.381875, np.float64(1.381875), 1.5 - 0.01 * slope(1.5), [1.381875], np.array([1.381875])],
        wrong=[(1.5 + 0.01 * slope(1.5), "uphill"), (1.5 - slope(1.5), "times the learning rate, 0.01"),
               (1.5 - 0.01 * error(1.5), "error f(x) itself"), (-0.01 * slope(1.5), "add it to the start"),
               (slope(1.5), "That is the slope"), (1.38, "rounded to 2 decimals"), (1.382, "rounded to 3"),
               (1.4, "rounded to 1 decimal"), (1.3, "The slope at 1.5 is"), ("1.381875", "single number")],
    ),
    Exercise(
        "check_rate_limit", checks.check_rate_limit,
        right=[1 / 3, 2 / 6, np.float64(2 / 6), [1 / 3], np.array(1 / 3), 0.3333333333],
        wrong=[(-1 / 3, "the hump at x = -1"), (1 / 6, "overshoot but still settle"), (6, "curvature itself"),
               (3, "Upside down"), (2 / 3, "6x, not 3x"), (100 / 3, "percentage"), (0.33, "rounded to 2 decimals"),
               (0.333, "rounded to 3 decimals"), (0.5, "Find the valley"), ("1/3", "single number")],
    ),
    Exercise(
        "check_start_at_minus_half", checks.check_start_at_minus_half,
        right=["b", "B", "b)", " (b) "],
        wrong=[("a", "runs away only"), ("c", "cross x = 0"), ("d", "nothing to overshoot"),
               ("e", "answer with one of"), (None, "answer with one of")],
    ),
    Exercise(
        "check_momentum_step", checks.check_momentum_step,
        right=[momentum_step, lambda x, v, g, rate, beta: (x - rate * (beta * v + g), beta * v + g),
               lambda x, v, g, rate, beta: [x - rate * (beta * v + g), beta * v + g],
               lambda x, v, g, rate, beta: np.array([x - rate * (beta * v + g), beta * v + g])],
        wrong=[(lambda x, v, g, rate, beta: (x - rate * v, beta * v + g), "the old velocity"),
               (lambda x, v, g, rate, beta: (beta * v + g, x - rate * (beta * v + g)), "swapped"),
               (lambda x, v, g, rate, beta: (x + rate * (beta * v + g), beta * v + g), "uphill"),
               (lambda x, v, g, rate, beta: (x - rate * (v + g), v + g), "multiply it by beta"),
               (lambda x, v, g, rate, beta: (x - rate * (beta * v - g), beta * v - g), "Add the slope"),
               (momentum_none, "forget `return`"), ("momentum_step", "should be a function")],
    ),
    Exercise(
        "check_steps_to_close",
        lambda answer: checks.check_steps_to_close(answer, learning_rate=0.03, gap=0.1, tol=5e-5),
        right=[STEPS, float(STEPS), np.int64(STEPS), steps_until(1 - 0.03 * 13.1, 0.1),
               np.ceil(np.log(5e-5 / 0.1) / np.log(1 - 0.03 * CURVATURE))],
        wrong=[(STEPS - 1, "round n up"), (STEPS + 1, "one step more"), (steps_until(1 - 0.03 * CURVATURE, 1),
                                                                          "from a gap of 1"),
               (steps_until(0.03 * CURVATURE, 0.1), "not rate * f''"),
               (steps_until(1 - 0.01 * CURVATURE, 0.1), "the article's rate"),
               (steps_until(1 - 0.03 * (20 * (MINIMUM - 0.1) ** 3 - 12 * (MINIMUM - 0.1)), 0.1), "not at the start"),
               (np.log(5e-5 / 0.1) / np.log(1 - 0.03 * CURVATURE), "whole number"), ("16", "single number")],
    ),
]
