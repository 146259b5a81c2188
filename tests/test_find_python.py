"""tools/find_python.sh: the set-up takes exactly the Pythons the lock supports, looks for python3.13, 3.12 and
3.11 when python3 is another version, and otherwise stops before installing anything, saying what it found.
Each test runs the script with a PATH that holds nothing but stand-in interpreters (and a stand-in uname)."""

import subprocess
import sys

import pytest
from course_notebooks import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from lockfile import python_versions  # noqa: E402

SCRIPT = ROOT / "tools" / "find_python.sh"
BASH = "/bin/bash"


def stand_in(folder, name, answer):
    """Write an executable `name` in folder that answers the script's probe with `answer` (e.g. '3.12 venv')."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{answer}"\n')
    path.chmod(0o755)
    return path


def fake_uname(folder, system="Linux", machine="x86_64"):
    """Write a stand-in uname that reports system (-s) and machine (-m)."""
    stand = folder / "uname"
    stand.write_text(f'#!/bin/sh\ncase "$1" in -s) echo {system};; -m) echo {machine};; esac\n')
    stand.chmod(0o755)


def find(folder, python=None):
    """Run the finder with only folder on PATH; return (exit code, stdout, stderr)."""
    env = {"PATH": str(folder)}
    if python:
        env["PYTHON"] = python
    result = subprocess.run([BASH, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout.strip(), result.stderr


def test_the_shell_and_python_readers_of_the_supported_range_agree_and_the_lock_was_made_for_its_lowest():
    shell = subprocess.run([BASH, str(SCRIPT), "--versions"], capture_output=True, text=True, timeout=60)
    assert shell.stdout.split() == python_versions(), f"find_python.sh reads {shell.stdout!r}, lockfile.py another"
    header = (ROOT / "requirements.lock").read_text()
    assert f"--python-version {python_versions()[0]}" in header, (
        "requirements.lock must be compiled for the lowest supported Python (run make lock)"
    )


def test_a_pyproject_without_a_supported_range_is_refused_with_what_to_write(tmp_path):
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "find_python.sh").write_text(SCRIPT.read_text())
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    result = subprocess.run([BASH, str(tmp_path / "tools" / "find_python.sh"), "--versions"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and 'no requires-python of the form ">=3.X,<3.Y"' in result.stderr, result
    with pytest.raises(ValueError, match='no requires-python of the form ">=3.X,<3.Y"'):
        python_versions(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("version", python_versions())
def test_python3_of_a_supported_version_is_taken(tmp_path, version):
    fake_uname(tmp_path)
    python3 = stand_in(tmp_path, "python3", f"{version} venv")
    code, out, err = find(tmp_path)
    assert code == 0 and out == str(python3), f"python3 {version} should be accepted; stderr: {err}"


@pytest.mark.parametrize("version", ["3.10", "3.14"])
def test_python3_of_another_version_leads_to_python3_12_on_path(tmp_path, version):
    fake_uname(tmp_path)
    stand_in(tmp_path, "python3", f"{version} venv")
    python312 = stand_in(tmp_path, "python3.12", "3.12 venv")
    code, out, err = find(tmp_path)
    assert code == 0 and out == str(python312), f"with python3 at {version}, python3.12 should be found; {err}"


def test_the_newest_supported_interpreter_on_path_is_preferred(tmp_path):
    fake_uname(tmp_path)
    stand_in(tmp_path, "python3", "3.14 venv")
    stand_in(tmp_path, "python3.11", "3.11 venv")
    python313 = stand_in(tmp_path, "python3.13", "3.13 venv")
    assert find(tmp_path)[:2] == (0, str(python313))


@pytest.mark.parametrize("version", ["3.10", "3.14"])
def test_with_no_supported_python_it_stops_naming_what_it_found_and_how_to_get_one(tmp_path, version):
    fake_uname(tmp_path)
    python3 = stand_in(tmp_path, "python3", f"{version} venv")
    code, out, err = find(tmp_path)
    print(err)  # the message a learner sees (pytest -s shows it)
    assert code == 1 and out == "", "nothing may be printed as an interpreter when none is supported"
    assert "stopped before installing anything" in err
    assert f"python3 ({python3}): Python {version}" in err, "the message must name what was found"
    assert "not on PATH: python3.13, python3.12, python3.11" in err
    assert "3.11, 3.12 or 3.13" in err and "apt install python3.12" in err and "PYTHON=" in err
    assert "Binder" in err


def test_a_supported_python_without_venv_is_named_as_such(tmp_path):
    fake_uname(tmp_path)
    stand_in(tmp_path, "python3", "3.12 novenv")
    code, _, err = find(tmp_path)
    assert code == 1 and "Python 3.12, but without its venv module" in err


def test_an_explicit_python_is_the_only_one_tried(tmp_path):
    fake_uname(tmp_path)
    stand_in(tmp_path, "python3", "3.12 venv")
    stand_in(tmp_path, "python3.10", "3.10 venv")
    code, out, err = find(tmp_path, python="python3.10")
    assert code == 1 and "PYTHON=python3.10 was asked for" in err
    assert find(tmp_path, python="python3")[:2] == (0, str(tmp_path / "python3"))


def test_an_intel_mac_stops_early_and_points_to_the_hosted_routes(tmp_path):
    fake_uname(tmp_path, system="Darwin", machine="x86_64")
    stand_in(tmp_path, "python3", "3.12 venv")
    code, out, err = find(tmp_path)
    assert code == 1 and out == ""
    assert "Intel Mac" in err and "no wheels for Intel Macs" in err and "Binder or Google Colab" in err


def test_an_apple_silicon_mac_is_accepted(tmp_path):
    fake_uname(tmp_path, system="Darwin", machine="arm64")
    python3 = stand_in(tmp_path, "python3", "3.12 venv")
    assert find(tmp_path)[:2] == (0, str(python3))


def test_a_windows_shell_is_sent_to_wsl2(tmp_path):
    fake_uname(tmp_path, system="MINGW64_NT-10.0-19045")
    stand_in(tmp_path, "python3", "3.12 venv")
    code, _, err = find(tmp_path)
    assert code == 1 and "WSL2" in err
