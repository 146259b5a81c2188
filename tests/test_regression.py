"""helpers.regression: the vectorised line fit agrees with the article's loops and with least squares."""

import numpy as np
import pytest

from helpers import data, regression, validate

WHEAT_AND_BREAD = data.load_points("wheat_and_bread")


def compute_error_for_line_given_points(b, m, coordinates):  # the article's code, verbatim
    totalError = 0
    for i in range(0, len(coordinates)):
        x = coordinates[i][0]
        y = coordinates[i][1]
        totalError += (y - (m * x + b)) ** 2
    return totalError / float(len(coordinates))


def step_gradient(b_current, m_current, points, learningRate):  # the article's code, verbatim
    b_gradient = 0
    m_gradient = 0
    N = float(len(points))
    for i in range(0, len(points)):
        x = points[i][0]
        y = points[i][1]
        b_gradient += -(2 / N) * (y - ((m_current * x) + b_current))
        m_gradient += -(2 / N) * x * (y - ((m_current * x) + b_current))
    new_b = b_current - (learningRate * b_gradient)
    new_m = m_current - (learningRate * m_gradient)
    return [new_b, new_m]


def test_mean_squared_error_is_the_articles_error():
    assert regression.mean_squared_error(1, 2, [[3, 6], [6, 9], [12, 18]]) == 22.0
    assert regression.mean_squared_error(3.3, 2.9, WHEAT_AND_BREAD) == pytest.approx(
        compute_error_for_line_given_points(3.3, 2.9, WHEAT_AND_BREAD), abs=1e-12)


def test_vectorised_descent_equals_the_loop_to_1e_12():
    b, m = 1.0, 1.0
    loop = [(b, m)]
    for _ in range(1000):
        b, m = step_gradient(b, m, WHEAT_AND_BREAD, 0.01)
        loop.append((b, m))
    history = regression.descend(WHEAT_AND_BREAD, 1, 1, 0.01, 1000)
    assert history.shape == (1001, 2)
    assert np.max(np.abs(history - np.array(loop))) < 1e-12


def test_the_articles_numbers():
    b, m = regression.descend(WHEAT_AND_BREAD, 1, 1, 0.01, 100)[-1]
    assert (round(b, 2), round(m, 2)) == (3.30, 2.97)
    b, m = regression.least_squares(WHEAT_AND_BREAD)
    assert (round(b, 4), round(m, 4)) == (4.1073, 2.2190)
    steps = regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.01)
    assert 7000 < steps < 11000, f"about 10,000 steps at rate 0.01, got {steps}"


def test_least_squares_agrees_with_polyfit_and_has_zero_gradient():
    points = regression.noisy_line(50, 1.5, -0.7, 0.3, seed=3)
    b, m = regression.least_squares(points)
    assert np.allclose(np.polyfit(points[:, 0], points[:, 1], 1), [m, b])
    assert np.allclose(regression.gradient(b, m, points), 0, atol=1e-12)


def test_gradient_matches_finite_differences():
    h = 1e-6
    b, m = 2.0, 1.5
    def error(b, m):
        return regression.mean_squared_error(b, m, WHEAT_AND_BREAD)

    numeric = [(error(b + h, m) - error(b - h, m)) / (2 * h), (error(b, m + h) - error(b, m - h)) / (2 * h)]
    assert np.allclose(regression.gradient(b, m, WHEAT_AND_BREAD), numeric, atol=1e-6)


def test_costs_follow_the_history():
    history = regression.descend(WHEAT_AND_BREAD, 1, 1, 0.01, 50)
    cost = regression.costs(history, WHEAT_AND_BREAD)
    assert cost.shape == (51,) and np.all(np.diff(cost) < 0), "at 0.01 the cost falls at every step"
    assert cost[-1] == pytest.approx(regression.mean_squared_error(*history[-1], WHEAT_AND_BREAD))


def test_a_too_large_rate_stops_early_with_a_warning_that_names_the_largest_stable_rate():
    diverged = "learning_rate=0.6 diverged after.*smaller learning_rate .below 0.548"
    with pytest.warns(validate.DivergenceWarning, match=diverged):
        history = regression.descend(WHEAT_AND_BREAD, 1, 1, 0.6, 10_000)
    assert len(history) < 10_001 and np.all(np.isfinite(history))
    assert np.abs(history[-1]).max() >= validate.DIVERGENCE_LIMIT > np.abs(history[-2]).max()


def test_the_largest_stable_rate_is_where_descent_starts_to_diverge():
    limit = regression.largest_stable_rate(WHEAT_AND_BREAD)
    assert limit == pytest.approx(0.5483, abs=1e-4)
    assert len(regression.descend(WHEAT_AND_BREAD, 1, 1, 0.99 * limit, 5_000)) == 5_001
    with pytest.warns(validate.DivergenceWarning):
        assert len(regression.descend(WHEAT_AND_BREAD, 1, 1, 1.01 * limit, 5_000)) < 5_001


@pytest.mark.parametrize(
    ("rate", "words"),
    [
        (0.6, r"learning_rate=0.6 diverged after 76 steps.*must stay below 0.548\. Try a smaller learning_rate"),
        (1e-4, r"after 100,000 steps at learning_rate=0.0001.*Try a larger learning_rate.*or a larger max_iterations"),
    ],
)
def test_steps_to_reach_says_what_to_change_when_it_never_gets_there(rate, words):
    with pytest.raises(ValueError, match=words):
        regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, rate)


def test_minibatch_descent_with_all_points_is_batch_descent_and_is_seeded():
    points = regression.noisy_line(20, 4, 2, 0.5, seed=1)
    batch = regression.minibatch_descend(points, 0, 0, 0.05, 30, batch_size=20)
    assert np.allclose(batch, regression.descend(points, 0, 0, 0.05, 30), atol=1e-12)
    one = regression.minibatch_descend(points, 0, 0, 0.05, 2, batch_size=1, seed=7)
    assert one.shape == (41, 2)
    assert np.array_equal(one, regression.minibatch_descend(points, 0, 0, 0.05, 2, batch_size=1, seed=7))


def test_noisy_line_is_seeded_and_shaped():
    points = regression.noisy_line(100, 4, 2.2, 0.5, seed=0)
    assert points.shape == (100, 2)
    assert np.array_equal(points, regression.noisy_line(100, 4, 2.2, 0.5, seed=0))
    assert np.allclose(regression.least_squares(points), [4, 2.2], atol=0.3)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: regression.mean_squared_error("1", 2, WHEAT_AND_BREAD), TypeError, "b must be a number"),
        (lambda: regression.gradient(1, 2, [1, 2, 3]), ValueError, "points must be a list of"),
        (lambda: regression.descend(WHEAT_AND_BREAD, 1, 2, "fast", 10), TypeError, "learning_rate"),
        (lambda: regression.descend(WHEAT_AND_BREAD, 1, 1, 0.01, 10.5), TypeError, "num_iterations"),
        (lambda: regression.descend(WHEAT_AND_BREAD, None, 1, 0.01, 10), TypeError, "starting_b"),
        (lambda: regression.least_squares([[1, 2], [1, 3]]), ValueError, "two different x values"),
        (lambda: regression.minibatch_descend(WHEAT_AND_BREAD, 0, 0, 0.1, 1, 6), ValueError, "batch_size"),
        (lambda: regression.noisy_line(1, 0, 0, 1), ValueError, "n must be at least 2"),
        (lambda: regression.costs([1, 2, 3], WHEAT_AND_BREAD), ValueError, "history must have shape"),
        (lambda: regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.01, tol=0), ValueError, "tol must be greater"),
        (lambda: regression.steps_to_reach(WHEAT_AND_BREAD, 1, 1, 0.01, max_iterations=10**7), ValueError,
         "max_iterations must be at most 200,000"),
        (lambda: regression.largest_stable_rate([1, 2, 3]), ValueError, "points must be a list of"),
        (lambda: regression.minibatch_descend(WHEAT_AND_BREAD, 0, 0, 0.1, 1, 2, seed=-1), ValueError, "seed"),
        (lambda: regression.noisy_line(10, 0, 0, -1), ValueError, "noise must be at least 0"),
    ],
)
def test_bad_inputs_name_the_argument(call, error, words):
    with pytest.raises(error, match=words):
        call()
