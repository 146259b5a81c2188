"""Exercises on gradient descent (notebook 02): a step by hand, the local minimum, where a start leads, momentum."""

import numpy as np

from helpers import optimizers
from helpers.checks.feedback import check_choice, check_function, check_number, is_number


def _article_slope(x):
    """02: the derivative of the article's error x**5 - 2*x**3 - 2."""
    return 5 * x**4 - 6 * x**2


def check_first_step(answer):
    """02: where the article's loop puts x after its first step from 0.5 at learning rate 0.01."""
    expected = 0.5 - 0.01 * _article_slope(0.5)
    check_number(answer, expected, what="x after one step", tol=1e-9,
                 hint="The slope at 0.5 is 5*0.5**4 - 6*0.5**2 (negative), and x moves by -0.01 times it.")


def check_local_minimum(answer):
    """02: the local minimum, the exact x > 0 where the slope 5x**4 - 6x**2 is zero (the curve has no lowest point)."""
    expected = float(np.sqrt(6 / 5))
    hint = ("Factor the slope: x**2 * (5*x**2 - 6) = 0, so x = 0 or x**2 = 6/5.")
    if is_number(answer) and np.isclose(answer, 0.0):
        hint = "x = 0 makes the slope zero too, but it is a flat step, not a minimum: look for the other root."
    check_number(answer, expected, what="The local minimum", tol=1e-6, hint=hint)


def check_start_at_minus_half(answer):
    """02: what the article's loop does from x = -0.5 (it creeps towards the flat point at 0, never past it)."""
    check_choice(answer, "b", what="Starting at -0.5", explanations={
        "a": "No: runs away only from left of the hump at -1.0954, where the slope is positive. At -0.5 it is "
             "negative, so x moves right.",
        "b": "Yes: the slope is negative, so x moves right; but near 0 the slope is about -6x**2, so the steps "
             "shrink as x gets closer. It creeps towards the flat point at 0, slower and slower, and never gets past "
             "it to the local minimum at 1.0954.",
        "c": "No: to get to 1.0954 it would have to cross x = 0, where the slope is zero and the steps vanish.",
        "d": "No: at 0.01 every step is tiny (the slope there is about -1.2), so there is nothing to overshoot.",
    })


def check_momentum_step(func):
    """02: a learner's momentum_step(x, velocity, slope, learning_rate, beta) returning (new_x, new_velocity)."""
    cases = []
    for x, velocity, slope, rate, beta in [(0.5, 0.0, -1.1875, 0.01, 0.9), (1.0, 0.5, 2.0, 0.1, 0.9),
                                           (-2.0, -1.0, 3.0, 0.05, 0.5)]:
        state = {"velocity": velocity}
        new_x = optimizers.momentum_step(x, lambda _x, g=slope: g, state, rate, beta=beta)
        cases.append(((x, velocity, slope, rate, beta), (new_x, state["velocity"])))
    check_function(func, cases, what="momentum_step")
