"""Fitting a line y = m*x + b to points: the error, its gradient, gradient descent in numpy, and least squares.

The argument order follows the article's code: (b, m, points). Every function takes points as an
(n, 2) array or a list of [x, y] pairs, like the article's `wheat_and_bread`.
"""

import numpy as np

from helpers import validate

MAX_ITERATIONS = 200_000  # a python loop: a million iterations keep the kernel busy for minutes
TOO_MANY = "more keep the kernel busy for minutes without a word (least squares needs a few thousand at most)"


def mean_squared_error(b, m, points):
    """Return the mean of (y - (m*x + b))**2 over the points: the article's error, without the loop."""
    b, m = validate.number(b, "b"), validate.number(m, "m")
    x, y = validate.points(points).T
    return float(np.mean((y - (m * x + b)) ** 2))


def gradient(b, m, points):
    """Return (d error / d b, d error / d m) of the mean squared error at (b, m)."""
    b, m = validate.number(b, "b"), validate.number(m, "m")
    x, y = validate.points(points).T
    residual = y - (m * x + b)
    return np.array([-2 * np.mean(residual), -2 * np.mean(x * residual)])


def _step(b, m, x, y, learning_rate):
    """Return (b, m) after one step of gradient descent on the mean squared error of the points (x, y)."""
    residual = y - (m * x + b)
    return b + learning_rate * 2 * np.mean(residual), m + learning_rate * 2 * np.mean(x * residual)


def _ran_off(b, m):
    """Return True when b or m has passed validate.DIVERGENCE_LIMIT (or overflowed): the descent diverged."""
    return not (abs(b) < validate.DIVERGENCE_LIMIT and abs(m) < validate.DIVERGENCE_LIMIT)


def descend(points, starting_b, starting_m, learning_rate, num_iterations):
    """Return every (b, m) visited by gradient descent, shape (num_iterations + 1, 2); past
    validate.DIVERGENCE_LIMIT, stop early with a DivergenceWarning (fewer rows)."""
    points = validate.points(points)
    b = validate.number(starting_b, "starting_b")
    m = validate.number(starting_m, "starting_m")
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    num_iterations = validate.count(num_iterations, "num_iterations", maximum=MAX_ITERATIONS, why=TOO_MANY)
    x, y = points.T
    history = [(b, m)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(num_iterations):
            b, m = _step(b, m, x, y, learning_rate)
            history.append((b, m))
            if _ran_off(b, m):  # the steps grew instead of shrinking
                validate.warn_diverged(f"gradient descent at learning_rate={learning_rate:g}", len(history) - 1,
                                       f"b and m stop where they passed {validate.DIVERGENCE_LIMIT:g}; try a smaller "
                                       f"learning_rate (below {largest_stable_rate(points):.3g} on these points)")
                break
    return np.array(history)


def costs(history, points):
    """Return the mean squared error at every (b, m) row of a history from descend()."""
    history = validate.array(history, "history", shape=(None, 2), finite=False)
    x, y = validate.points(points).T
    b, m = history[:, :1], history[:, 1:]
    with np.errstate(over="ignore", invalid="ignore"):
        return np.mean((y - (m * x + b)) ** 2, axis=1)


def least_squares(points):
    """Return the [b, m] with the smallest mean squared error, in closed form (np.linalg.lstsq)."""
    x, y = validate.points(points).T
    if len(x) < 2 or np.ptp(x) == 0:
        raise ValueError("points must hold at least two different x values to fit a line through them.")
    design = np.column_stack([np.ones_like(x), x])
    (b, m), *_ = np.linalg.lstsq(design, y, rcond=None)
    return [float(b), float(m)]


def largest_stable_rate(points):
    """Return the learning rate above which gradient descent on these points diverges: 2 / the steepest curvature."""
    x, _ = validate.points(points).T
    design = np.column_stack([np.ones_like(x), x])
    return float(2 / np.linalg.eigvalsh(2 * design.T @ design / len(x)).max())


def steps_to_reach(points, starting_b, starting_m, learning_rate, *, tol=5e-5, max_iterations=100_000):
    """Return how many gradient-descent steps it takes until b and m are both within tol of least squares.

    Raises a ValueError that says what to change when the rate diverges or max_iterations steps are not enough.
    """
    b_best, m_best = least_squares(points)
    x, y = validate.points(points).T
    b = validate.number(starting_b, "starting_b")
    m = validate.number(starting_m, "starting_m")
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    tol = validate.number(tol, "tol", positive=True)
    max_iterations = validate.count(max_iterations, "max_iterations", maximum=MAX_ITERATIONS, why=TOO_MANY)
    with np.errstate(over="ignore", invalid="ignore"):
        for steps in range(max_iterations + 1):
            if abs(b - b_best) < tol and abs(m - m_best) < tol:
                return steps
            b, m = _step(b, m, x, y, learning_rate)
            if _ran_off(b, m):
                raise ValueError(f"gradient descent at learning_rate={learning_rate:g} diverged after {steps + 1:,} "
                                 f"steps, so it never comes within {tol:g} of least squares: on these points the "
                                 f"rate must stay below {largest_stable_rate(points):.3g}. Try a smaller "
                                 "learning_rate.")
    raise ValueError(f"after {max_iterations:,} steps at learning_rate={learning_rate:g}, b and m are still not within "
                     f"{tol:g} of least squares: the steps are too small to get there. Try a larger learning_rate "
                     f"(below {largest_stable_rate(points):.3g} on these points) or a larger max_iterations "
                     f"(up to {MAX_ITERATIONS:,}).")


def noisy_line(n, b, m, noise, seed=0, x_range=(0.0, 2.0)):
    """Return n made-up points scattered around y = m*x + b (seeded, so the same every run)."""
    n = validate.count(n, "n", minimum=2, maximum=1_000_000, why="a million points are plenty to see the idea")
    b, m = validate.number(b, "b"), validate.number(m, "m")
    noise = validate.number(noise, "noise", minimum=0)
    low, high = validate.array(x_range, "x_range", shape=(2,))
    rng = np.random.default_rng(validate.number(seed, "seed", integer=True, minimum=0))
    x = rng.uniform(low, high, n)
    return np.column_stack([x, m * x + b + rng.normal(0, noise, n)])


def minibatch_descend(points, starting_b, starting_m, learning_rate, num_epochs, batch_size, seed=0):
    """Return every (b, m) visited when each step uses only batch_size shuffled points (1: stochastic)."""
    points = validate.points(points)
    b = validate.number(starting_b, "starting_b")
    m = validate.number(starting_m, "starting_m")
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    batch_size = validate.number(batch_size, "batch_size", integer=True, minimum=1, maximum=len(points))
    steps_per_epoch = -(-len(points) // batch_size)
    num_epochs = validate.count(num_epochs, "num_epochs", maximum=max(1, MAX_ITERATIONS // steps_per_epoch),
                                why=f"{steps_per_epoch:,} steps an epoch: {TOO_MANY}")
    rng = np.random.default_rng(validate.number(seed, "seed", integer=True, minimum=0))
    history = [(b, m)]
    for _ in range(num_epochs):
        order = rng.permutation(len(points))
        for start in range(0, len(points), batch_size):
            x, y = points[order[start:start + batch_size]].T
            b, m = _step(b, m, x, y, learning_rate)
            history.append((b, m))
            if _ran_off(b, m):  # the steps grew instead of shrinking
                validate.warn_diverged(f"mini-batch descent at learning_rate={learning_rate:g}", len(history) - 1)
                return np.array(history)
    return np.array(history)
