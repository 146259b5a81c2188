"""helpers.validate: bad input raises an error that names the argument and what it expected."""

import math

import numpy as np
import pytest

from helpers import validate


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "words"),
    [
        ("0.1", {}, TypeError, "learning_rate must be a number"),
        (None, {}, TypeError, "learning_rate must be a number"),
        (True, {}, TypeError, "learning_rate must be a number"),
        (math.nan, {}, ValueError, "finite"),
        (-0.1, {"positive": True}, ValueError, "greater than 0"),
        (2.5, {"integer": True}, TypeError, "whole number"),
        (5, {"maximum": 3}, ValueError, "at most 3"),
    ],
)
def test_number_rejects_bad_values_naming_the_argument(value, kwargs, error, words):
    with pytest.raises(error, match="learning_rate") as caught:
        validate.number(value, "learning_rate", **kwargs)
    assert words in str(caught.value)


def test_number_accepts_numpy_scalars_and_returns_python_numbers():
    assert validate.number(np.float32(0.5), "x") == 0.5
    assert validate.number(np.int64(7), "n", integer=True) == 7
    assert isinstance(validate.number(7.0, "n", integer=True), int)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([[3, 6], [6]], "points"),
        ([3, 6, 9], "list of [x, y] pairs"),
        ([], "empty"),
        ("3,6", "must be numbers"),
        ([[3, math.nan]], "NaN"),
        ([[1, 2, 3]], "shape (1, 3)"),
    ],
)
def test_points_rejects_malformed_coordinates(value, words):
    with pytest.raises((TypeError, ValueError)) as caught:
        validate.points(value)
    assert words in str(caught.value), f"unhelpful message: {caught.value}"


def test_points_returns_an_n_by_2_float_array():
    result = validate.points([[3, 6], [6, 9], [12, 18]])
    assert result.shape == (3, 2) and result.dtype == float


def test_array_checks_shape_with_any_length_dimensions():
    assert validate.array([[1, 2, 3]], "X", shape=(None, 3)).shape == (1, 3)
    with pytest.raises(ValueError, match=r"X must have shape \(any, 3\)"):
        validate.array([[1, 2]], "X", shape=(None, 3))


def test_choice_lists_the_options():
    with pytest.raises(ValueError, match="'AND', 'OR'"):
        validate.choice("XNOR", "gate", ["AND", "OR"])


def test_function_rejects_non_callables():
    with pytest.raises(TypeError, match="plot_function must be a function"):
        validate.function(3, "plot_function")


def test_count_takes_a_float_like_1e3_as_a_whole_number_and_says_why_a_limit_exists():
    assert validate.count(1e3, "num_steps", maximum=10**5, why="slow") == 1000
    with pytest.raises(ValueError, match=r"num_steps must be at most 100,000, got 1,000,000,000: the kernel"):
        validate.count(1e9, "num_steps", maximum=10**5, why="the kernel would be busy for minutes")
    with pytest.raises(ValueError, match="num_steps must be at least 1"):
        validate.count(0, "num_steps", minimum=1, maximum=10, why="")


def test_warn_diverged_names_what_diverged_and_what_to_do():
    with pytest.warns(validate.DivergenceWarning, match="descent diverged after 12 steps.*try a smaller learning_rate"):
        validate.warn_diverged("descent", 12)
