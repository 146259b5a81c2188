"""Fixtures for the browser test: one JupyterLab server and one headless Chromium for all the notebooks.

Without a Chromium the test is skipped on a learner's machine, and fails under `make e2e` (E2E_REQUIRED=1)
and on CI (CI=true), where a skipped browser test would be a silent hole.
"""

import contextlib
import hashlib
import os
import signal
import sys
import tempfile
from pathlib import Path

import latency
import pytest
from servers import Chromium, JupyterLab, find_chromium

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "e2e"
VIEWPORT = {"width": 1280, "height": 900}
HOW_TO_RUN = "run `make e2e` (it installs Debian's chromium when run as root) or set E2E_CHROMIUM=/path/to/chrome"


def required():
    """Say whether a missing browser must fail the run rather than skip it."""
    return os.environ.get("E2E_REQUIRED") == "1" or os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Skip with reason on a learner's machine; fail with it under `make e2e` and on CI."""
    if required():
        pytest.fail(f"{reason}; {HOW_TO_RUN}", pytrace=False)
    pytest.skip(f"browser test skipped: {reason}; {HOW_TO_RUN}")


def notebook_hashes():
    """Return {notebook: sha256} for every notebook under notebooks/, to prove the test saved none."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in (ROOT / "notebooks").glob("*.ipynb")}


def pytest_collection_modifyitems(config, items):
    """Run the browser test last, after the quick tests, so that they fail fast."""
    here = Path(__file__).parent
    items.sort(key=lambda item: Path(str(item.path)).is_relative_to(here))


def pytest_terminal_summary(terminalreporter):
    """Print how long the widgets took to redraw after a slider key press, per notebook (see latency.py)."""
    lines = latency.summary_lines()
    if lines:
        terminalreporter.section("slider key press to redrawn figure (also in build/e2e/latency.json)")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def chromium_path():
    """The Chromium to drive (checked first, so that nothing is started when the test is skipped)."""
    if sys.platform == "win32":
        skip_or_fail("the browser test runs on Linux and macOS (it stops programs by their process groups)")
    path = find_chromium()
    if path is None:
        skip_or_fail("no Chromium found")
    return path


@pytest.fixture(scope="session")
def playwright_api(chromium_path):
    """Playwright's sync API (installed by `make e2e` / `make test` from requirements-e2e.txt)."""
    try:
        from playwright import sync_api
    except ImportError:
        skip_or_fail("playwright is not installed in this environment")
    return sync_api


@pytest.fixture(scope="session")
def stop_on_sigterm():
    """Turn SIGTERM into KeyboardInterrupt while the test runs, so that teardown still stops what it started."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="session")
def lab(chromium_path, stop_on_sigterm):
    """A JupyterLab server over the repository; kernels see CI=true, so notebook 06 trains briefly."""
    BUILD.mkdir(parents=True, exist_ok=True)
    hashes = notebook_hashes()
    with tempfile.TemporaryDirectory(prefix="e2e-jupyter-", ignore_cleanup_errors=True) as scratch:
        server = JupyterLab(ROOT, scratch, BUILD / "jupyterlab.log", kernel_env={"CI": "true"})
        problems = []
        try:
            server.start()
            yield server
        finally:
            problems = server.stop()
    assert not problems, "JupyterLab did not stop cleanly: " + "; ".join(problems)
    assert notebook_hashes() == hashes, "a notebook file changed while the browser test ran (it must save nothing)"


@pytest.fixture(scope="session")
def browser(chromium_path, playwright_api, stop_on_sigterm):
    """A headless Chromium, started by its own path and process group, driven by Playwright over CDP."""
    BUILD.mkdir(parents=True, exist_ok=True)
    # The profile lies under build/ rather than /tmp: a Chromium from a snap has a /tmp of its own.
    with tempfile.TemporaryDirectory(prefix="chromium-profile-", dir=BUILD, ignore_cleanup_errors=True) as profile:
        chromium = Chromium(chromium_path, profile, BUILD / "chromium.log")
        try:
            chromium.start()
            with playwright_api.sync_playwright() as playwright:
                connected = playwright.chromium.connect_over_cdp(chromium.endpoint)
                try:
                    yield connected
                finally:
                    with contextlib.suppress(Exception):
                        connected.close()
        finally:
            chromium.stop()


@pytest.fixture
def page(browser, lab):
    """A fresh browser page (its own cookies and storage) for one notebook; its kernels are shut down after."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        with contextlib.suppress(Exception):
            context.close()
        remaining = lab.shut_down_kernels()
        assert not remaining, f"kernels still running after the notebook's test: {remaining}"
