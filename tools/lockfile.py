"""Read requirements.lock (made by `make lock`), write environment.yml from it, and check it installs on every
platform the course supports. Standard library only: `make lock` runs it with the lock tools' Python.

    python tools/lockfile.py environment   # rewrite environment.yml from requirements.lock
    python tools/lockfile.py platforms     # dry-run the lock's install on each platform with uv (wheels only)

The one Python reader of pyproject.toml's supported Python range (python_versions) and of the lock's lines (locked):
tools/doctor.py and the tests import them; the shell's one reader of the range is tools/find_python.sh, which the
Makefile asks (`--versions`) and the tests hold to the same answer.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
GPU_LOCK = ROOT / "requirements-gpu.lock"
ENVIRONMENT = ROOT / "environment.yml"
# uv's names for the platforms TensorFlow 2.21 has wheels for; Intel macOS is checked to fail.
PLATFORMS = {
    "Linux x86-64": "x86_64-manylinux_2_28",
    "Linux aarch64": "aarch64-manylinux_2_28",
    "macOS arm64": "aarch64-apple-darwin",
    "Windows x86-64": "x86_64-pc-windows-msvc",
}
UNSUPPORTED = {"macOS x86-64 (Intel)": "x86_64-apple-darwin"}
GPU_PLATFORMS = ["Linux x86-64", "Linux aarch64"]  # NVIDIA's CUDA wheels on PyPI are for Linux
SOURCE_ONLY = ["tflearn"]  # pure Python, published only as a source archive: pip builds it anywhere
REQUIRES_PYTHON = re.compile(r'requires-python = ">=3\.(\d+),<3\.(\d+)"')
LINE = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def locked(path=LOCK):
    """Return the lock's entries as a list of (name, version, marker or '') in file order."""
    entries = []
    for line in Path(path).read_text().splitlines():
        match = LINE.match(line)
        if match:
            entries.append((match.group(1).lower(), match.group(2), (match.group(3) or "").strip()))
    return entries


def python_versions(pyproject=ROOT / "pyproject.toml"):
    """Return the supported minor versions from pyproject.toml's requires-python, e.g. ['3.11', '3.12', '3.13']."""
    match = REQUIRES_PYTHON.search(Path(pyproject).read_text())
    if match is None:
        raise ValueError(f'{pyproject} has no requires-python of the form ">=3.X,<3.Y"')
    low, high = int(match.group(1)), int(match.group(2))
    return [f"3.{minor}" for minor in range(low, high)]


def environment_yml(entries, python):
    """Return environment.yml's text: conda's Python plus every locked package, at its locked version, from pip."""
    lines = [
        "# conda / mamba / Binder environment for \"Coding the History of Deep Learning\".",
        "# Written by `make lock` from requirements.lock: every package at its locked version (hashes are checked",
        "# by `make setup`, which installs the lock with pip --require-hashes; conda's pip does not check them).",
        "# tests/test_environment.py fails when this file and the lock drift apart. Do not edit by hand.",
        "#   conda env create -f environment.yml && conda activate history-of-deep-learning",
        "name: history-of-deep-learning",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python}",
        "  - pip",
        "  - pip:",
    ]
    for name, version, marker in entries:
        lines.append(f"      - \"{name}=={version}" + (f" ; {marker}" if marker else "") + "\"")
    return "\n".join(lines) + "\n"


def check_platforms(uv):
    """Dry-run installing the lock, wheels only, on each platform and Python; return the number of failures."""
    failures = 0
    versions = python_versions()
    runs = [(LOCK, label, platform, version, True) for label, platform in PLATFORMS.items() for version in versions]
    runs += [(GPU_LOCK, label, PLATFORMS[label], version, True) for label in GPU_PLATFORMS for version in versions]
    runs += [(LOCK, label, platform, versions[-1], False) for label, platform in UNSUPPORTED.items()]
    for lock, label, platform, version, should_work in runs:
        command = [uv, "pip", "install", "--dry-run", "--quiet", "--target", str(ROOT / ".cache" / "lock-check"),
                   "--python-platform", platform, "--python-version", version, "--require-hashes", "--no-deps",
                   "--only-binary", ":all:", *[arg for name in SOURCE_ONLY for arg in ("--no-binary", name)],
                   "-r", str(lock)]
        result = subprocess.run(command, capture_output=True, text=True)
        works = result.returncode == 0
        why = "" if works else " (" + next((ln.strip() for ln in result.stderr.splitlines() if "because" in ln.lower()),
                                           result.stderr.strip()[-200:]) + ")"
        verdict = "installs" if works else "does not install"
        print(f"{lock.name:22} {label:22} Python {version}: {verdict}{why}")
        failures += works != should_work
    return failures


def main(argv):
    """Run the sub-command named in argv."""
    if argv[:1] == ["environment"]:
        ENVIRONMENT.write_text(environment_yml(locked(), python_versions()[0]))
        print(f"Wrote environment.yml: python={python_versions()[0]} and {len(locked())} locked packages")
        return 0
    if argv[:1] == ["platforms"] and len(argv) == 2:
        failures = check_platforms(argv[1])
        print("Every supported platform installs the lock." if not failures else f"{failures} unexpected result(s).")
        return 1 if failures else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
