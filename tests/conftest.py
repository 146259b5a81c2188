"""Shared test set-up: draw figures off-screen and never block on plt.show(); mark what each test needs.

Two markers sort the suite into tiers (pyproject.toml declares them). `make check` runs what needs neither
(`-m "not tensorflow and not notebook"`, in seconds, for working); `make test` runs everything.
- tensorflow: the test needs TensorFlow, in this process or in one it starts (a kernel, a fresh Python).
- notebook: the test executes a notebook (nbval runs each course notebook; the browser test runs them in
  JupyterLab; some tests start a kernel).
They are given here by module, so that a test file needs no marker of its own; a module may also say
`pytestmark = pytest.mark.tensorflow`. Under `make check` (COURSE_CHECK=1) importing TensorFlow in this process
fails, naming the marker, so the fast tier cannot load it by accident; a test that imports it with
pytest.importorskip("tensorflow") is skipped there instead.
"""

import importlib.abc
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

TESTS = Path(__file__).resolve().parent
# Test modules (file names in tests/) whose tests need TensorFlow: trained, imported, or run in another process.
NEEDS_TENSORFLOW = {
    "test_bench.py", "test_convnet.py", "test_doctor.py", "test_footprint.py", "test_fresh_python.py",
    "test_notebook06_experiments.py", "test_notebook_06.py", "test_tensorflow_setup.py", "test_tflearn_setup.py",
    "test_training.py", "test_training_recipes.py",
}
# Test modules whose tests execute a notebook or a kernel (the course notebooks under nbval are marked below).
EXECUTES_NOTEBOOKS = {"test_footprint.py", "test_hub.py", "test_kernel_client.py", "test_notebook06_experiments.py",
                      "test_student.py"}


def pytest_collection_modifyitems(config, items):
    """Mark each test with what it needs: tensorflow, notebook (see the module docstring)."""
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb" or TESTS / "e2e" in path.parents:
            item.add_marker(pytest.mark.notebook)
        if path.name in EXECUTES_NOTEBOOKS:
            item.add_marker(pytest.mark.notebook)
        if path.name in NEEDS_TENSORFLOW or path.name == "06_cnn_mnist.ipynb":
            item.add_marker(pytest.mark.tensorflow)


class _NoTensorFlow(importlib.abc.MetaPathFinder):
    """Refuse to import TensorFlow (make check: the fast tier runs without it)."""

    def find_spec(self, name, path=None, target=None):
        if name == "tensorflow" or name.startswith(("tensorflow.", "tflearn", "keras")):
            raise ModuleNotFoundError(f"make check runs without TensorFlow, and a test imported {name}: mark the test "
                              "tensorflow (tests/conftest.py, NEEDS_TENSORFLOW) or use pytest.importorskip")
        return None


if os.environ.get("COURSE_CHECK") == "1":
    sys.meta_path.insert(0, _NoTensorFlow())


@pytest.fixture(autouse=True)
def figures(monkeypatch):
    """Keep figures open after plt.show() so a test can inspect them, and close them afterwards."""
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    yield
    plt.close("all")
