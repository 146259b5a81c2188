"""make doctor: green lines for what is there, a red line with its fix for what is missing, and an exit
status that says whether the machine is ready."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import doctor  # noqa: E402


def test_doctor_passes_on_the_course_environment():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "doctor.py")], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"make doctor found problems here:\n{result.stdout}"
    assert "Ready for the course." in result.stdout
    assert "MISSING" not in result.stdout


def test_a_missing_mnist_file_is_red_with_make_data_as_the_fix(tmp_path, monkeypatch):
    from helpers import mnist

    monkeypatch.setattr(mnist, "CACHE_DIR", tmp_path / "mnist")
    monkeypatch.setattr(doctor, "ROOT", tmp_path)
    status, what, fix = doctor.check_mnist()
    assert status == doctor.BAD and "not available" in what and "make data" in fix
    assert not (tmp_path / "mnist").exists(), "the doctor must only check, never fetch or write"


def test_a_wrongly_versioned_or_absent_package_is_red_with_make_setup():
    status, what, fix = doctor.check_package("numpy", "0.0.1")
    assert status == doctor.BAD and "pinned 0.0.1" in what and fix == "make setup"
    status, what, fix = doctor.check_package("no-such-package-here", "1.0")
    assert status == doctor.BAD and "not installed" in what


def test_exit_status_is_non_zero_when_anything_required_is_missing(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "run_checks", lambda: [(doctor.OK, "Python", ""), (doctor.BAD, "MNIST", "make data"),
                                                       (doctor.INFO, "no GPU", "")])
    assert doctor.main() == 1
    out = capsys.readouterr().out
    assert "-> fix: make data" in out and "1 thing(s) to fix" in out
    monkeypatch.setattr(doctor, "run_checks", lambda: [(doctor.OK, "Python", ""), (doctor.INFO, "no GPU", "")])
    assert doctor.main() == 0, "a missing GPU is information, not an error"


def test_only_the_pythons_the_lock_supports_are_green():
    assert doctor.check_python((3, 12, 1))[0] == doctor.OK
    status, what, fix = doctor.check_python((3, 10, 13))
    assert status == doctor.BAD and "3.11, 3.12, 3.13" in what and "make setup" in fix
    assert doctor.check_python((3, 14, 0))[0] == doctor.BAD, "TensorFlow 2.21 has no wheels for 3.14"


def test_a_package_off_its_locked_version_is_red(tmp_path, monkeypatch):
    from importlib.metadata import version

    lock = tmp_path / "requirements.lock"
    lock.write_text(f"numpy=={version('numpy')} \\\n    --hash=sha256:00\nnumpy==0.0.1 ; python_version < '3'\n"
                    "pytest==0.0.1 \\\n    --hash=sha256:00\n")
    monkeypatch.setattr(doctor, "LOCK", lock)
    status, what, fix = doctor.check_lock()
    assert status == doctor.BAD and "1 of 2 packages differ" in what and "pytest" in what and fix == "make setup"
    lock.write_text(f"numpy=={version('numpy')} \\\n    --hash=sha256:00\n")
    assert doctor.check_lock()[0] == doctor.OK


def test_a_package_is_imported_by_the_module_it_installs_not_by_a_guess_from_its_name():
    assert doctor.import_name("pillow") == "PIL"
    assert doctor.import_name("jupyterhub-firstuseauthenticator") == "firstuseauthenticator"
    assert doctor.import_name("sphinx-book-theme") == "sphinx_book_theme"
