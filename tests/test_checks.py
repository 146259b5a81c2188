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


# The one rule: the same answer gets the same verdict whatever its container, in every check.
SAME_ANSWER = [3.0, 3, np.float64(3.0), np.int64(3), np.array(3.0), np.array([3.0]), [3.0], (3,)]


def test_a_number_in_any_container_is_the_same_number(capsys):
    for answer in SAME_ANSWER:
        checks.check_number(answer, 3.0, what="x")
        out = said(capsys)
        assert out.startswith(checks.PASS), f"{answer!r}: {out}"


def test_a_pair_as_a_tuple_a_list_or_an_array_is_the_same_pair(capsys):
    for answer in [(5, 3), [5, 3], np.array([5, 3]), np.zeros((5, 3)).shape, (np.int64(5), np.int64(3))]:
        checks.check_shape(answer, (5, 3), what="shape")
        checks.check_array(answer, [5, 3], what="pair")
        out = said(capsys)
        assert out.count(checks.PASS) == 2, f"{answer!r}: {out}"
    assert checks.same_value((5, 3), [5.0, 3.0]) and not checks.same_value((5, 3), (3, 5))
    assert not checks.same_value([5, 3], [[5, 3]]), "a different shape is a different answer"
    assert not checks.same_value(True, 1) and not checks.same_value("3", 3), "text and True/False are not numbers"


def test_a_count_must_be_whole_and_exact(capsys):
    for answer in (66, 66.0, np.int64(66), np.array(66)):
        checks.check_count(answer, 66, what="passes")
        assert said(capsys).startswith(checks.PASS)
    checks.check_count(66.5, 66, what="passes")
    assert "whole number" in said(capsys)
    checks.check_count(65, 66, what="passes", slips=[(65, "off by one")])
    assert said(capsys) == f"{checks.FAIL} passes: 65 is not it yet. off by one"


def test_a_wrong_answer_equal_to_a_slip_gets_the_slips_sentence(capsys):
    slips = [(2.0, "A percentage instead of a fraction? Divide by 100."), (0.2, "Rounded too early.")]
    checks.check_number(2.0, 0.02, what="rate", hint="Look again.", slips=slips)
    assert said(capsys).endswith("A percentage instead of a fraction? Divide by 100.")
    checks.check_number(0.5, 0.02, what="rate", hint="Look again.", slips=slips)
    assert said(capsys).endswith("Look again."), "an answer matching no slip gets the general hint"


def test_a_learners_function_gets_numpy_arrays_and_may_return_any_container(capsys):
    probabilities = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]
    cases = [((probabilities, [1, 0, 0, 0]), 0.75)]
    checks.check_function(lambda p, labels: np.mean(p.argmax(axis=1) == labels), cases, what="accuracy_of")
    assert said(capsys).startswith(checks.PASS), "probabilities.argmax(axis=1) must work: the notebook passes arrays"
    checks.check_function(lambda p, labels: [float(np.mean(np.argmax(p, axis=1) == labels))], cases, what="acc")
    assert said(capsys).startswith(checks.PASS), "a one-element list is the number"
    def list_only(p, labels):
        return sum(row.index(max(row)) == y for row, y in zip(p, labels, strict=True)) / len(labels)

    checks.check_function(list_only, cases, what="acc")
    assert "works on plain lists" in said(capsys), "list-only code is told why it fails on the notebook's arrays"
    checks.check_function(lambda p, labels: None, cases, what="acc")
    assert "forget `return`" in said(capsys)


def test_a_learners_function_gets_copies_it_may_change(capsys):
    data = [1.0, 2.0]

    def change(values):
        values[0] = 100.0
        return 1.0

    checks.check_function(change, [((data,), 1.0), ((data,), 1.0)], what="f")
    assert said(capsys).startswith(checks.PASS) and data == [1.0, 2.0]


def test_feedback_stays_on_one_line_for_array_answers(capsys):
    checks.check_number(np.zeros((3, 3)), 1.0, what="x")
    checks.check_shape(np.zeros((3, 3)), (3, 3), what="s")
    assert len(said(capsys).splitlines()) == 2
