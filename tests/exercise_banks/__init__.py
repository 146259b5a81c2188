"""Banks of answers to the course's exercises: for each exercise, the idiomatic right answers (each must pass) and
the plausible wrong ones, each with words its feedback must contain (the slip it names). One module per notebook,
`nbNN.py`, holding EXERCISES, a list of Exercise; tests/test_exercise_banks.py runs every bank it finds here and
checks that every check a notebook's exercise cells call has an entry. CONTRIBUTING.md, "Exercises", says how to
add one.
"""

from dataclasses import dataclass, field


@dataclass
class Exercise:
    """One exercise: the check the notebook's exercise cell calls, how it calls it, and the answers to try."""

    check: str          # the name the exercise cell calls, checks.<check>
    call: object        # call(answer) runs the check as the notebook does, with the notebook's other arguments
    right: list         # idiomatic right answers, each of which must get ✅
    wrong: list = field(default_factory=list)  # (answer, words its ❌ feedback must contain), one per slip
