"""Check that this machine is ready for the course, one line per need, each red line with its fix.

Run with `make doctor`. Uses only the standard library at the top, so it can also diagnose a machine
whose .venv is missing or broken. Exits 1 when something required is missing, 0 otherwise.
"""

import importlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from lockfile import GPU_LOCK, LOCK, locked, python_versions

ROOT = Path(__file__).resolve().parent.parent
MIN_FREE_GB = 2.0
WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

OK, BAD, INFO = "ok", "MISSING", "info"


def pins(path=ROOT / "requirements.txt"):
    """Return {package: version} pinned in requirements.txt."""
    found = {}
    for line in path.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def check_python(version_info=sys.version_info):
    """Python is one of the versions the lock supports."""
    version = ".".join(map(str, version_info[:3]))
    supported = python_versions()
    if "%d.%d" % tuple(version_info[:2]) in supported:
        return OK, f"Python {version}", ""
    looked_for = ", ".join(f"python{v}" for v in reversed(supported))
    return BAD, f"Python {version} (the course's lock supports {', '.join(supported)})", (
        f"rm -rf .venv && make setup (it looks for {looked_for} and says how to get one)")


def locked_packages(path):
    """Return [(name, version)] from a lock file, keeping the entries whose marker holds on this machine."""
    from packaging.markers import Marker

    return [(name, version) for name, version, marker in locked(path) if not marker or Marker(marker).evaluate()]


def check_lock():
    """Every package of the lock (the GPU lock where CUDA wheels are installed) is at its locked version."""
    try:
        importlib.metadata.version("nvidia-cudnn-cu12")
        path = GPU_LOCK
    except importlib.metadata.PackageNotFoundError:
        path = LOCK
    wrong = []
    entries = locked_packages(path)
    for name, version in entries:
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            wrong.append(f"{name} {installed} (locked {version})")
    if not wrong:
        return OK, f"all {len(entries)} packages of {path.name} for this machine at their locked versions", ""
    shown = ", ".join(wrong[:3]) + (f" and {len(wrong) - 3} more" if len(wrong) > 3 else "")
    return BAD, f"{len(wrong)} of {len(entries)} packages differ from {path.name}: {shown}", "make setup"


def import_name(name):
    """Return the module a distribution installs (its top_level.txt where it has one, else its name in
    snake_case): jupyterhub-firstuseauthenticator installs firstuseauthenticator, pillow installs PIL."""
    top = (importlib.metadata.distribution(name).read_text("top_level.txt") or "").split()
    return next((module for module in top if not module.startswith("_")), name.lower().replace("-", "_"))


def check_package(name, version):
    """One pinned package is installed at its pinned version and imports."""
    try:
        installed = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return BAD, f"{name} not installed", "make setup"
    if installed != version:
        return BAD, f"{name} {installed} (pinned {version})", "make setup"
    module = import_name(name)
    if name.lower() in ("tflearn", "tensorflow"):
        return OK, f"{name} {installed}", ""  # imported for real by the tflearn check below
    try:
        importlib.import_module(module)
    except Exception as error:  # any import failure is the finding
        return BAD, f"{name} {installed} does not import: {type(error).__name__}: {error}", "rm -rf .venv && make setup"
    return OK, f"{name} {installed}", ""


def check_tflearn():
    """tflearn imports on today's TensorFlow through helpers.tflearn_setup (in a fresh process)."""
    code = "from helpers import tflearn_setup; t = tflearn_setup.import_tflearn(); print(t.DNN.__name__)"
    try:
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return BAD, "tflearn set-up timed out after 300 s", "rm -rf .venv && make setup"
    if result.returncode == 0 and result.stdout.strip().endswith("DNN"):
        return OK, "tflearn set-up imports tflearn on TensorFlow", ""
    last = (result.stderr.strip().splitlines() or ["no output"])[-1]
    return BAD, f"tflearn set-up fails: {last}", "make setup (if that does not help: rm -rf .venv && make setup)"


def check_mnist():
    """MNIST is in data/mnist/ and every file matches its sha256 (checked only: nothing is fetched)."""
    try:
        from helpers import mnist
    except Exception as error:
        return BAD, f"helpers.mnist does not import: {error}", "make setup"
    try:
        mnist.ensure_cache(mnist.CACHE_DIR, wheel_dir=None, mirrors=())
    except mnist.MnistError as error:
        first = str(error).split(". ")[0]
        return BAD, f"{first}", "make data (if a file is damaged, delete it first, as `make data` says)"
    return OK, f"MNIST verified in {mnist.CACHE_DIR.relative_to(ROOT)}/", ""


def check_jupyterlab():
    """JupyterLab runs and the ipywidgets extension is installed and enabled."""
    jupyter = Path(sys.executable).with_name("jupyter")
    if not jupyter.exists():
        return BAD, "jupyter not found next to this Python", "make setup"
    result = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True, timeout=120)
    listing = result.stdout + result.stderr
    line = next((row for row in listing.splitlines() if WIDGETS_EXTENSION in row), "")
    if "enabled" in line and "OK" in line:
        return OK, "JupyterLab with the ipywidgets extension enabled", ""
    return BAD, "JupyterLab's ipywidgets extension is missing or disabled", "make setup"


def check_gpu():
    """Whether TensorFlow sees a GPU (information only: the course runs without one)."""
    code = "from helpers import tflearn_setup; print(','.join(tflearn_setup.gpu_names()))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    names = result.stdout.strip()
    if result.returncode != 0:
        return INFO, "could not ask TensorFlow for GPUs", ""
    if names:
        return INFO, f"GPU found ({names}): notebook 06 trains the article's 20 epochs", ""
    return INFO, "no GPU: notebook 06 trains its CPU setting (README.md, \"Running on a GPU\", says how long)", ""


def check_disk():
    """Enough free disk for the environment, the data and the logs."""
    free_gb = shutil.disk_usage(ROOT).free / 1e9
    if free_gb >= MIN_FREE_GB:
        return OK, f"{free_gb:.1f} GB free disk", ""
    return BAD, f"{free_gb:.1f} GB free disk ({MIN_FREE_GB:.0f} GB needed)", "free some disk space, then make setup"


def run_checks():
    """Return a list of (status, what, fix) for every check, in order."""
    results = [check_python()]
    in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    if not in_venv:
        return results + [(BAD, "the course's .venv is missing", "make setup")]
    results += [check_package(name, version) for name, version in pins().items()]
    results.append(check_lock())
    results += [check_tflearn(), check_mnist(), check_jupyterlab(), check_gpu(), check_disk()]
    return results


def show(results, color):
    """Print the results as a table; return the number of missing items."""
    paint = {OK: "\033[32m", BAD: "\033[31m", INFO: "\033[36m"} if color else {}
    reset = "\033[0m" if color else ""
    width = max(len(what) for _, what, _ in results)
    for status, what, fix in results:
        mark = f"{paint.get(status, '')}{status:>7}{reset}"
        print(f"{mark}  {what:<{width}}" + (f"  -> fix: {fix}" if fix else ""))
    missing = sum(status == BAD for status, _, _ in results)
    print(f"\n{'Ready for the course.' if not missing else f'{missing} thing(s) to fix before the workshop.'}")
    return missing


def main():
    """Run every check, print the table, and exit 1 if anything required is missing."""
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return 1 if show(run_checks(), color) else 0


if __name__ == "__main__":
    sys.exit(main())
