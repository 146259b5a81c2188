"""helpers.checks, section 04: each exercise check says ✅, ❌ or ✏️ for right, wrong, unanswered and wrongly typed
answers, and never raises. Each exercise is also tried on its bank of answers (tests/exercise_banks/nb04.py)."""

import numpy as np
import pytest

from helpers import checks


def said(capsys):
    return capsys.readouterr().out.strip()


def marks(capsys, check, right, wrong, wrong_type):
    """Run a check on a right, a wrong, an unanswered and a wrongly typed answer; return the four outputs."""
    outputs = []
    for answer in (right, wrong, ..., wrong_type):
        check(answer)
        outputs.append(said(capsys))
    return outputs


def assert_marks(outputs):
    right, wrong, unanswered, wrong_type = outputs
    assert right.startswith(checks.PASS), right
    assert wrong.startswith(checks.FAIL), wrong
    assert unanswered.startswith(checks.TODO), unanswered
    assert wrong_type.startswith(checks.FAIL), wrong_type


def test_check_predict_function(capsys):
    def predict(weights, x1, x2):
        return 0 if weights[0] * x1 + weights[1] * x2 + weights[2] < 0 else 1

    def strict(weights, x1, x2):  # treats a sum of exactly 0 as 0: the article says 1
        return 1 if weights[0] * x1 + weights[1] * x2 + weights[2] > 0 else 0

    outputs = marks(capsys, checks.check_predict_function, predict, strict, "predict")
    assert_marks(outputs)
    assert "should be a function" in outputs[3]


def test_check_one_update(capsys):
    def check(answer):
        checks.check_one_update(answer, [0.1, 0.2, 0.3], [1, 0, 1], 0, 0.2)

    outputs = marks(capsys, check, [-0.1, 0.2, 0.1], [0.1, 0.2, 0.3], "weights")
    assert_marks(outputs)
    check([0.1, 0.2])
    assert "shape (3,)" in said(capsys)


@pytest.mark.parametrize("gate, right", [("NAND", [-1, -1, 1.5]), ("AND", [1, 1, -1.5]), ("OR", [1, 1, -0.5])])
def test_check_gate_weights(capsys, gate, right):
    outputs = marks(capsys, lambda answer: checks.check_gate_weights(answer, gate), right, [0, 0, 0], "1, 1, 0")
    assert_marks(outputs)
    assert "gives" in outputs[1]


def test_check_gate_weights_reports_the_wrong_shape(capsys):
    checks.check_gate_weights([1, 1], "NAND")
    assert "shape (2,)" in said(capsys)


def test_check_gate_weights_for_xor_can_never_pass(capsys):
    rng = np.random.default_rng(0)
    for weights in rng.normal(size=(200, 3)):
        checks.check_gate_weights(weights, "XOR")
        assert said(capsys).startswith(checks.FAIL)


def test_check_xor_feature(capsys):
    assert_marks(marks(capsys, checks.check_xor_feature, "b", "a", 2))

