"""Exercises on lines through points (notebooks 01 and 03): squared errors, the best line, its gradient."""

import numpy as np

from helpers import data, regression, validate
from helpers.checks.feedback import (
    FAIL,
    PASS,
    check_array,
    check_count,
    check_function,
    check_number,
    matching_slip,
    number_answer,
    same_value,
    say,
)
from helpers.checks.slips import rounded

ARTICLE_POINTS = [[3, 6], [6, 9], [12, 18]]  # the article's example for compute_error_for_line_given_points


def wheat_and_bread():
    """Return the article's regression data, as data/wheat_and_bread.csv holds it."""
    return data.load_points("wheat_and_bread")


def check_new_line_error(answer):
    """01: the article's error (mean squared error) of the line y = x + 4 on the article's points, worked by hand."""
    b, m, points = 4, 1, np.array(ARTICLE_POINTS, dtype=float)
    x, y = points.T
    misses = y - (m * x + b)
    n = len(points)
    check_number(answer, regression.mean_squared_error(b, m, points), what="The error of y = x + 4", hint=(
        f"For each point, the miss is y - (x + 4); square the {n} misses, add them up and divide by {n}."), slips=[
        (np.sum(misses**2), f"That is the sum of the squares; the article's error is their mean: divide by {n}."),
        (np.mean(misses), "The misses cancelled: square each one before you average."),
        (np.mean(np.abs(misses)), "That is the mean of the misses' sizes: square them instead."),
        (np.sqrt(np.mean(misses**2)), "You took the square root at the end; the article's error stops before it."),
        (np.sum(misses**2) / (n - 1), f"Divide by the number of points, {n}, not {n - 1}."),
        (regression.mean_squared_error(m, b, points), "m and b are swapped: the slope is 1 and the intercept 4."),
        *rounded(regression.mean_squared_error(b, m, points))])


def check_best_intercept(answer):
    """01: the b that makes the error smallest on the article's points when m = 2."""
    points = np.array(ARTICLE_POINTS, dtype=float)
    x, y = points.T
    expected = float(np.mean(y - 2 * x))
    what = "The best b for m = 2"
    answer = number_answer(answer, what)
    if answer is None:
        return
    yours = regression.mean_squared_error(answer, 2, points)
    if same_value(answer, expected):
        say(PASS, f"{what}: {answer:.6g} is right; its error, {yours:.4g}, is the smallest any b can give.")
        return
    slips = [(np.mean(y - (2 * x + 1)), "That is how far y = 2x + 1 misses on average; the best b is 1 plus it."),
             (-expected, "The sign is flipped: the line 2x + b misses each point by (y - 2x) - b."),
             (np.sum(y - 2 * x), f"That is the sum of y - 2x; the best b is its mean (divide by {len(x)})."),
             *rounded(expected)]
    slip = matching_slip(answer, slips)
    smallest = regression.mean_squared_error(expected, 2, points)
    direction = "larger" if expected > answer else "smaller"
    say(FAIL, f"{what}: with b = {answer:.6g} the error is {yours:.4g}, but it can go down to {smallest:.4g}. " + (
        slip or f"Try a {direction} b. Hint: the best b is the mean of y - 2*x."))


def check_worst_share(answer):
    """01: the fraction of the squared error of y = 2x + 1 on the article's points that its worst point makes."""
    points = np.array(ARTICLE_POINTS, dtype=float)
    misses = np.abs(points[:, 1] - (2 * points[:, 0] + 1))
    worst = int(np.argmax(misses))
    squares = misses**2
    expected = squares[worst] / squares.sum()
    where = f"({points[worst, 0]:g}, {points[worst, 1]:g})"
    check_number(answer, expected, what=f"The share of {where}", hint=(
        f"Square each miss, then divide the square of {where}'s miss by the sum of all {len(points)} squares."),
        slips=[
        *[(np.round(100 * expected, d), "That is a percentage; give a fraction between 0 and 1.") for d in (0, 1, 16)],
        (misses[worst] / misses.sum(), "That is its share of the misses' sizes; its share of the squares is larger."),
        (squares[worst] / squares.mean(), f"You divided by the mean squared error, {squares.mean():g}; divide by "
                                          f"the sum of the squares, {squares.sum():g}."),
        (squares[worst] / (squares.sum() - squares[worst]), "Divide by the sum of all the squares, its own "
                                                            "included."),
        (1 / len(points), "That would be its share if every miss were the same size."),
        *rounded(expected)])


def check_mean_squared_error_function(func):
    """01: a learner's numpy mean_squared_error(b, m, points), tested on a few lines and points."""
    cases = []
    for b, m, points in [(1, 2, ARTICLE_POINTS), (0, 0, ARTICLE_POINTS), (-3, 2, ARTICLE_POINTS),
                         (4.1, 2.2, wheat_and_bread())]:
        cases.append(((b, m, np.array(points, dtype=float)), regression.mean_squared_error(b, m, points)))

    def misses(b, m, points):
        x, y = np.asarray(points, dtype=float).T
        return y - (m * x + b)

    check_function(func, cases, what="mean_squared_error", slips=[
        (lambda b, m, p: np.sum(misses(b, m, p) ** 2), "It adds the squares up: take their mean instead."),
        (lambda b, m, p: np.mean(misses(b, m, p)), "The misses cancel: square them before the mean."),
        (lambda b, m, p: np.mean(np.abs(misses(b, m, p))), "It averages the misses' sizes: square them instead."),
        (lambda b, m, p: np.sqrt(np.mean(misses(b, m, p) ** 2)), "Leave out the square root."),
        (lambda b, m, p: np.mean(misses(m, b, p) ** 2), "m and b are swapped: the line is m * x + b."),
    ])


def check_least_squares_line(answer, points):
    """01: the least-squares [b, m] for points the notebook has not fitted (its exercise gives them)."""
    x, y = validate.points(points).T
    expected = regression.least_squares(points)
    check_array(answer, expected, what="[b, m] for the new points", hint=(
        "Build A = np.column_stack([np.ones_like(x), x]) and solve A.T @ A @ [b, m] = A.T @ y (or use "
        "np.linalg.lstsq)."),
        slips=[(expected[::-1], "m and b are swapped: with A = [1, x] the solution comes as [b, m]; np.polyfit "
                                "gives [m, b]."),
               ([np.sum(x * y) / np.sum(x * x)], "That is the best line through the origin: A needs its column "
                                                 "of ones, so that b can move."),
               ([0, np.sum(x * y) / np.sum(x * x)], "That is the best line through the origin: A needs its column "
                                                    "of ones, so that b can move."),
               ([y[0] - x[0] * (y[-1] - y[0]) / (x[-1] - x[0]), (y[-1] - y[0]) / (x[-1] - x[0])],
                "That line goes through the first and the last point; least squares listens to all three."),
               *rounded(expected)])


def check_b_gradient(answer):
    """03: the article's b_gradient for wheat_and_bread at b = 1, m = 1 (before the first step)."""
    points = wheat_and_bread()
    x, y = points.T
    misses, n = y - (x + 1), len(points)
    expected, m_gradient = regression.gradient(1, 1, points)
    check_number(answer, expected, what="b_gradient at (1, 1)", hint=(
        f"Add up -(2/N) * (y - (m*x + b)) over the {n} points, with N = {n}, b = 1 and m = 1."), slips=[
        (-expected, "Close: check the sign. The line is below every point, so the gradient for b is negative."),
        (-np.sum(misses) / n, "The 2 is missing: the slope of a square, (y - ...)**2, brings down a factor 2."),
        (-2 * np.sum(misses), f"Divide by N = {n}: the error is a mean, so its gradient is too."),
        (m_gradient, "That is m_gradient: b_gradient has no x in it."),
        (-2 * np.mean(y), "That is the gradient at b = m = 0; the article starts from b = 1, m = 1."),
        (regression.gradient(*regression.least_squares(points), points)[0], "That is the gradient at the bottom of "
                                                                             "the bowl; this one is at the start."),
        *rounded(expected)])


def check_normal_equations(answer, points):
    """03: the least-squares [b, m] for wheat_and_bread with a sixth point, solved from the normal equations."""
    x, y = validate.points(points).T
    expected, five = regression.least_squares(points), regression.least_squares(wheat_and_bread())
    check_array(answer, expected, what="[b, m] from the normal equations", tol=1e-6, hint=(
        "Build A = np.column_stack([np.ones_like(x), x]) and solve (A.T @ A) @ [b, m] = A.T @ y."), slips=[
        (expected[::-1], "You have the right numbers in the wrong order: with A = [1, x], the solution is [b, m]."),
        *[(np.round(five, d), "That is the line for the article's five points; solve with all six.")
          for d in (2, 3, 4, 16)],
        ([np.sum(x * y) / np.sum(x * x)], "That is the best line through the origin: A needs its column of ones."),
        *rounded(expected)])


def check_steps_at_rate(answer):
    """03: how many steps gradient descent needs at learning rate 0.1 to match least squares to 4 decimals."""
    points = wheat_and_bread()
    expected = regression.steps_to_reach(points, 1, 1, 0.1)
    slow = regression.steps_to_reach(points, 1, 1, 0.01)
    check_count(answer, expected, what="Steps at rate 0.1", hint=(
        "Call regression.steps_to_reach(points, 1, 1, 0.1), or count the steps yourself until b and m are within "
        "0.00005 of least squares."), slips=[
        (slow, "That is the count at 0.01, printed in step 3; this one is at 0.1."),
        (round(slow / 10), "A good prediction: ten times the rate, about ten times fewer steps. Now count exactly "
                           "with regression.steps_to_reach."),
        (expected - 1, "Off by one: steps_to_reach counts the step that first gets within 0.00005."),
        (expected + 1, "Off by one: count the steps until b and m are first within 0.00005, not one more.")])


def check_rate_limit_for_points(answer, points):
    """03: the largest safe learning rate for the points: 2 / the steepest curvature of their error bowl."""
    x, _ = validate.points(points).T
    design = np.column_stack([np.ones_like(x), x])
    flattest, steepest = np.linalg.eigvalsh(2 * design.T @ design / len(x))
    expected = regression.largest_stable_rate(points)
    check_number(answer, expected, what="The largest safe rate", hint=(
        "Take the curvatures np.linalg.eigvalsh(2 * A.T @ A / N) of the error bowl; the rate must stay below 2 "
        "over the largest."), slips=[
        (2 / flattest, "That is 2 over the flattest curvature; the steepest direction is the one that overshoots "
                       "first."),
        (1 / steepest, "Above 1 / curvature the steps overshoot but still settle; they diverge above 2 / curvature."),
        (regression.largest_stable_rate(wheat_and_bread()), "That is the five points' limit, printed above; the "
                                                            "sixth point changes it."),
        (2 / np.linalg.eigvalsh(design.T @ design / len(x)).max(), "The curvature of a square brings a factor 2: "
                                                                     "use 2 * A.T @ A / N."),
        (2 / np.linalg.eigvalsh(2 * design.T @ design).max(), "Divide by N: the error is a mean over the points, "
                                                                "not a sum."),
        *[(np.round(100 * expected, d), "That is a percentage; give the rate as a plain number.") for d in (1, 2, 16)],
        *rounded(expected)])


def check_steps_when_round(answer, points, learning_rate=0.5):
    """03: steps from b = m = 1 to least squares (4 decimals) on points whose x has mean 0 and standard deviation 1,
    where the error bowl is round: both curvatures are 2."""
    expected = regression.steps_to_reach(points, 1, 1, learning_rate)  # checks the points and the rate
    as_given = regression.steps_to_reach(wheat_and_bread(), 1, 1, learning_rate)
    check_count(answer, expected, what=f"Steps at rate {learning_rate:g} in a round bowl", hint=(
        f"Each step multiplies the gap by 1 - rate * curvature, here 1 - {learning_rate:g} * 2, in every "
        "direction at once."), slips=[
        (as_given, "That is the count on the prices as they are, in the narrow valley; scaled, the bowl is round."),
        (regression.steps_to_reach(wheat_and_bread(), 1, 1, 0.1), "That is exercise 3's count, at 0.1 in the "
                                                                   "narrow valley; here the bowl is round."),
        (expected - 1, "Off by one: the walk starts away from the bottom; count the steps that take it there."),
        (expected + 1, f"Off by one: 1 - {learning_rate:g} * 2 leaves no gap at all after the step that closes it."),
    ])
