"""Exercises on gradient descent (notebook 02): a step by hand, the local minimum, where a start leads, momentum."""

import numpy as np

from helpers import optimizers, validate
from helpers.checks.feedback import check_choice, check_count, check_function, check_number
from helpers.checks.slips import rounded

LOCAL_MINIMUM = float(np.sqrt(6 / 5))  # where the article's slope 5x**4 - 6x**2 is zero and the curve bends up
CUBIC = np.polynomial.Polynomial([0, -3, 0, 1])  # exercise 2's error, x**3 - 3x: a hump at -1, a valley at 1


def _article_error(x):
    """02: the article's error x**5 - 2*x**3 - 2."""
    return x**5 - 2 * x**3 - 2


def _article_slope(x):
    """02: the derivative of the article's error x**5 - 2*x**3 - 2."""
    return 5 * x**4 - 6 * x**2


def _article_curvature(x):
    """02: the second derivative of the article's error, the slope of its slope."""
    return 20 * x**3 - 12 * x


def check_first_step(answer, start, learning_rate):
    """02: where the article's loop puts x after its first step from start at learning_rate."""
    start = validate.number(start, "start")
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    slope = _article_slope(start)
    expected = start - learning_rate * slope
    check_number(answer, expected, what=f"x after one step from {start:g}", hint=(
        f"The slope at {start:g} is 5*{start:g}**4 - 6*{start:g}**2, and x moves by -{learning_rate:g} times it."),
        slips=[(start + learning_rate * slope, "x moved uphill: the step goes against the slope, x - rate * slope."),
               (start - slope, f"The step is the slope times the learning rate, {learning_rate:g}."),
               (start - learning_rate * _article_error(start), "That used the error f(x) itself; the step uses its "
                                                               "slope, 5x**4 - 6x**2."),
               (-learning_rate * slope, f"That is the step; add it to the start, {start:g}."),
               (slope, "That is the slope; the answer is where x lands."),
               *rounded(expected)])


def check_rate_limit(answer):
    """02: the learning rate above which a walk cannot settle in the valley of f(x) = x**3 - 3x: 2 / f''(valley)."""
    slope = CUBIC.deriv()
    curvature = slope.deriv()
    roots = slope.roots().real
    valley, hump = max(roots, key=curvature), min(roots, key=curvature)
    expected = 2 / curvature(valley)
    check_number(answer, expected, what="The rate limit for x**3 - 3x", hint=(
        "Find the valley, where the slope 3x**2 - 3 is zero and the curve bends up; its curvature is the slope of "
        "the slope, 6x; the walk cannot settle above 2 / curvature."), slips=[
        (2 / curvature(hump), f"That uses the hump at x = {hump:g}, where the curve bends down; the walk settles "
                              f"in the valley, at x = {valley:g}."),
        (1 / curvature(valley), "Above 1 / curvature the steps overshoot but still settle; they cannot settle above "
                                "2 / curvature."),
        (curvature(valley), "That is the curvature itself; the rate limit is 2 divided by it."),
        (curvature(valley) / 2, "Upside down: the limit is 2 / curvature, not curvature / 2."),
        (4 / curvature(valley), "The derivative of 3x**2 is 6x, not 3x."),
        (100 * expected, "That is a percentage; give the rate as a plain number."),
        *rounded(expected)])


def _steps_below(shrink, gap, tol, most=100_000):
    """Return the first n with gap * |shrink|**n < tol, or None when it takes more than most steps (or never)."""
    for n in range(most + 1):
        if gap < tol:
            return n
        gap *= abs(shrink)
    return None


def check_steps_to_close(answer, learning_rate, gap, tol):
    """02: steps until the gap to the local minimum is below tol, when each step multiplies it by 1 - rate * f''."""
    curvature = _article_curvature(LOCAL_MINIMUM)
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True, maximum=1.9 / curvature)
    gap = validate.number(gap, "gap", positive=True)
    tol = validate.number(tol, "tol", positive=True, maximum=gap)
    factor = 1 - learning_rate * curvature
    expected = _steps_below(factor, gap, tol)
    start = LOCAL_MINIMUM - gap
    slips = [
        (expected - 1, f"Off by one: after that many steps the gap is still above {tol:g}; round n up."),
        (expected + 1, "Off by one: that is one step more than needed."),
        (_steps_below(factor, 1, tol), f"That counts from a gap of 1; the walk starts {gap:g} away."),
        (_steps_below(learning_rate * curvature, gap, tol), "The factor is 1 - rate * f''(x*), not rate * f''(x*)."),
        (_steps_below(1 - 0.01 * curvature, gap, tol), "That is the article's rate, 0.01; this walk is at "
                                                       f"{learning_rate:g}."),
        (_steps_below(1 - learning_rate * _article_curvature(start), gap, tol),
         f"The curvature is taken at the minimum, x* = sqrt(6/5), not at the start, {start:.4f}."),
    ]
    check_count(answer, expected, what="Steps to close the gap", hint=(
        f"Each step multiplies the gap by 1 - {learning_rate:g} * f''(x*); find the first n with "
        f"{gap:g} * |factor|**n below {tol:g}."), slips=[(n, message) for n, message in slips if n is not None])


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
    check_function(func, cases, what="momentum_step", slips=[
        (lambda x, v, g, rate, beta: (x - rate * v, beta * v + g), "x stepped with the old velocity: update the "
                                                                   "velocity first, then step with the new one."),
        (lambda x, v, g, rate, beta: (beta * v + g, x - rate * (beta * v + g)), "The two are swapped: return the "
                                                                               "new x first, then the velocity."),
        (lambda x, v, g, rate, beta: (x + rate * (beta * v + g), beta * v + g), "x moved uphill: step against the "
                                                                               "velocity, x - rate * velocity."),
        (lambda x, v, g, rate, beta: (x - rate * (v + g), v + g), "The old velocity must fade: multiply it by beta."),
        (lambda x, v, g, rate, beta: (x - rate * (beta * v - g), beta * v - g), "Add the slope to the velocity; "
                                                                               "the minus comes in the x step."),
    ])
