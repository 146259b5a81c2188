"""Shared test set-up: draw figures off-screen and never block on plt.show()."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def figures(monkeypatch):
    """Keep figures open after plt.show() so a test can inspect them, and close them afterwards."""
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    yield
    plt.close("all")
