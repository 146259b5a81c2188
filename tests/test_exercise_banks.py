"""Every exercise with a bank (tests/exercise_banks/nbNN.py): each idiomatic right answer passes, each plausible
wrong answer fails with the feedback that names its slip, an unanswered `...` gets the reminder, and every check a
notebook's exercise cells call has an entry in its notebook's bank."""

import importlib
import pkgutil
import re

import exercise_banks
import pytest
from course_notebooks import NOTEBOOKS, load

from helpers import checks

BANKS = {info.name: importlib.import_module(f"exercise_banks.{info.name}")
         for info in pkgutil.iter_modules(exercise_banks.__path__) if re.fullmatch(r"nb\d\d", info.name)}
RIGHT = [pytest.param(exercise, answer, id=f"{bank}-{exercise.check}-right{i}")
         for bank, module in BANKS.items() for exercise in module.EXERCISES for i, answer in enumerate(exercise.right)]
WRONG = [pytest.param(exercise, answer, words, id=f"{bank}-{exercise.check}-wrong{i}")
         for bank, module in BANKS.items() for exercise in module.EXERCISES
         for i, (answer, words) in enumerate(exercise.wrong)]
EXERCISES = [pytest.param(exercise, id=f"{bank}-{exercise.check}")
             for bank, module in BANKS.items() for exercise in module.EXERCISES]


def feedback(capsys, exercise, answer):
    """Return the one line the check prints for the answer."""
    exercise.call(answer)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1, f"checks.{exercise.check} should print one line, printed {lines}"
    return lines[0]


@pytest.mark.parametrize(("exercise", "answer"), RIGHT)
def test_an_idiomatic_right_answer_passes(capsys, exercise, answer):
    said = feedback(capsys, exercise, answer)
    assert said.startswith(checks.PASS), f"checks.{exercise.check} refused a right answer {answer!r}: {said}"


@pytest.mark.parametrize(("exercise", "answer", "words"), WRONG)
def test_a_wrong_answer_gets_the_hint_naming_its_slip(capsys, exercise, answer, words):
    said = feedback(capsys, exercise, answer)
    assert said.startswith(checks.FAIL), f"checks.{exercise.check} passed a wrong answer {answer!r}: {said}"
    assert words in said, f"checks.{exercise.check} on {answer!r} should say {words!r}; it said: {said}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_an_unanswered_exercise_gets_the_reminder(capsys, exercise):
    assert feedback(capsys, exercise, ...).startswith(checks.TODO)


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_every_exercise_of_the_notebook_has_an_entry_in_its_bank(bank):
    notebook = next(name for name in NOTEBOOKS if name.startswith(bank[2:]))
    called = {name for cell in load(notebook).cells if "exercise" in cell.get("metadata", {}).get("tags", [])
              for name in re.findall(r"checks\.(check_\w+)\(", cell.source)}
    banked = {exercise.check for exercise in BANKS[bank].EXERCISES}
    assert called, f"{notebook} has no exercise cell calling a check"
    assert called <= banked, f"{notebook}'s exercises call checks with no bank entry: {sorted(called - banked)}"
    assert len(banked) >= 5, f"{notebook} should have at least five exercises; its bank has {len(banked)}"
