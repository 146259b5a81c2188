"""helpers.checks: feedback for right, wrong, unanswered and wrongly typed answers, never an exception."""

import numpy as np

from helpers import checks


def said(capsys):
    return capsys.readouterr().out.strip()


def test_check_number_right_wrong_unanswered_and_wrong_type(capsys):
    checks.check_number(22.0, 22.0, what="the error")
    assert said(capsys).startswith(checks.PASS)
    checks.check_number(21.0, 22.0, what="the error", hint="Square each residual.")
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "Square each residual." in out
    checks.check_number(..., 22.0, what="the error")
    assert said(capsys).startswith(checks.TODO)
    checks.check_number("22", 22.0, what="the error")
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "single number" in out and "str" in out


def test_check_number_accepts_numpy_scalars_and_one_element_arrays(capsys):
    checks.check_number(np.float64(22.0), 22.0, what="x")
    checks.check_number(np.array([22.0]), 22.0, what="x")
    assert said(capsys).count(checks.PASS) == 2


def test_check_array_reports_shape_before_values(capsys):
    checks.check_array([1, 2], [[1, 2]], what="weights")
    out = said(capsys)
    assert out.startswith(checks.FAIL) and "shape (1, 2)" in out
    checks.check_array([[1, 2.5]], [[1, 2]], what="weights")
    assert "entry 1" in said(capsys)
    checks.check_array(["a", "b"], [1, 2], what="weights")
    assert "should be numbers" in said(capsys)


def test_check_choice_explains_every_option(capsys):
    explanations = {"a": "Yes: squares punish big misses.", "b": "No: that is absolute error."}
    checks.check_choice("A ", "a", what="Q", explanations=explanations)
    assert said(capsys) == f"{checks.PASS} Q: Yes: squares punish big misses."
    checks.check_choice("b", "a", what="Q", explanations=explanations)
    assert said(capsys) == f"{checks.FAIL} Q: No: that is absolute error."
    checks.check_choice("z", "a", what="Q", explanations=explanations)
    assert "'a', 'b'" in said(capsys)


def test_check_function_reports_the_failing_case_and_learner_exceptions(capsys):
    cases = [((2,), 4), ((3,), 9)]
    checks.check_function(lambda x: x * x, cases, what="square")
    assert said(capsys).startswith(checks.PASS)
    checks.check_function(lambda x: 2 * x, cases, what="square")
    assert "square(3) returned 6; expected 9" in said(capsys)
    checks.check_function(lambda x: x / 0, cases, what="square")
    assert "ZeroDivisionError" in said(capsys)
    checks.check_function(5, cases, what="square")
    assert "should be a function" in said(capsys)
