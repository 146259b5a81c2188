"""The two programs the browser test starts, JupyterLab and Chromium, and how they are stopped.

Each is started as the leader of a process group of its own (a new session), so it can be stopped with
everything it started by that group's id: SIGTERM, a grace period, then SIGKILL. On Linux each also gets
SIGTERM if the test process dies without cleaning up (PR_SET_PDEATHSIG), so even a test run that is
killed outright leaves nothing behind. JupyterLab starts kernels in process groups of their own: they are
shut down through the REST API first, and any that survive are killed by their process ids.
"""

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

# Where a Chromium may be, in order of preference; E2E_CHROMIUM=/path/to/chromium overrides them all.
CHROMIUM_CANDIDATES = [
    "/usr/bin/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
]

# Headless, no GPU, and no traffic of Chromium's own (it would be refused on a closed network).
# --no-sandbox is what lets Chromium run as root, as on CI machines and containers.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def find_chromium():
    """Return the path of a Chromium (or Chrome) to drive, or None when there is none."""
    explicit = os.environ.get("E2E_CHROMIUM")
    candidates = [explicit] if explicit else CHROMIUM_CANDIDATES
    for candidate in candidates:
        path = shutil.which(candidate)
        if path:
            return path
    return None


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    """Run in the child before exec: have Linux send it SIGTERM when the test process dies."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def start_group(command, env, log_path):
    """Start command as the leader of a new process group, logging to log_path; return its Popen."""
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def _group_alive(pgid):
    """Say whether any process is left in process group pgid."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_group(process, grace=15):
    """Stop process and its whole process group: SIGTERM, up to grace seconds to exit, then SIGKILL."""
    pgid = process.pid  # started with start_new_session=True, so the leader's pid is the group's id
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if process.poll() is not None and not _group_alive(pgid):
            break
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(10)


def kill_processes(pids):
    """Kill the processes pids that still run, and their process groups; return those that were running."""
    survivors = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() == psutil.STATUS_ZOMBIE:
                continue
            survivors.append(f"{pid} {' '.join(process.cmdline())[:120]}")
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            process.kill()
        except psutil.NoSuchProcess:
            continue
    return survivors


class JupyterLab:
    """A JupyterLab server from this Python environment, on a free localhost port with a random token.

    Use it as a context manager. `scratch` is an empty folder for the server's own configuration, settings,
    workspaces and runtime files, so that nothing of the user's (a kernel, a setting, a saved layout)
    changes what the test sees and the test writes nothing into the user's Jupyter folders.
    """

    def __init__(self, root, scratch, log_path, kernel_env=None, startup_timeout=120):
        self.root = Path(root)
        self.scratch = Path(scratch)
        self.log_path = Path(log_path)
        self.kernel_env = kernel_env or {}
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _environment(self):
        """Return the server's environment: ours, isolated Jupyter folders, the token, and kernel_env."""
        env = dict(os.environ)
        folders = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
            "IPYTHONDIR": "ipython",
        }
        for variable, name in folders.items():
            env[variable] = str(self.scratch / name)
            (self.scratch / name).mkdir(parents=True, exist_ok=True)
        env["JUPYTER_PREFER_ENV_PATH"] = "1"
        env["JUPYTER_TOKEN"] = self.token  # not on the command line, where `ps` would show it
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        env.update(self.kernel_env)
        self._write_lab_settings(self.scratch / "settings")
        return env

    @staticmethod
    def _write_lab_settings(settings_dir):
        """Never save a notebook (the test must not rewrite the committed ones), never fetch news, and keep
        every cell on the page (JupyterLab's windowing drops cells far off screen, which the checks must see)."""
        settings = {
            "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
            "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
            "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        }
        for plugin, values in settings.items():
            path = settings_dir / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def start(self):
        """Start the server and wait until its REST API answers."""
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            "--KernelManager.transport_encryption=auto",  # as make lab: kernels over CurveZMQ, no plain-TCP warning
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.process = start_group(command, self._environment(), self.log_path)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode}; see {self.log_path}")
            with contextlib.suppress(OSError):
                self.api("GET", "/api/status")
                return
            time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer within {self.startup_timeout} s; see {self.log_path}")

    def url(self, path):
        """Return the address of path on this server, with the token that logs the browser in."""
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"

    def api(self, method, path, timeout=30):
        """Call the server's REST API; return the decoded JSON answer (None when it has no body)."""
        request = urllib.request.Request(
            self.base_url + path, method=method, headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel_state(self, notebook_path):
        """Return the execution state of the kernel of the notebook at notebook_path, or None if it has none."""
        for session in self.api("GET", "/api/sessions"):
            if session.get("path") == notebook_path and session.get("kernel"):
                return session["kernel"].get("execution_state")
        return None

    def shut_down_kernels(self, timeout=30):
        """Shut every running kernel down through the REST API; return the ids of any still listed."""
        for session in self.api("GET", "/api/sessions"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        deadline = time.monotonic() + timeout
        while True:
            remaining = [kernel["id"] for kernel in self.api("GET", "/api/kernels")]
            if not remaining or time.monotonic() > deadline:
                return remaining
            time.sleep(0.5)

    def stop(self):
        """Shut the kernels down, stop the server's process group, and kill anything it left running.

        Return a list of problems (kernels the API could not shut down, processes that had to be killed);
        an empty list means a clean stop.
        """
        if self.process is None:
            return []
        problems = []
        descendants = []
        with contextlib.suppress(psutil.Error):
            descendants = [child.pid for child in psutil.Process(self.process.pid).children(recursive=True)]
        if self.process.poll() is None:
            try:
                remaining = self.shut_down_kernels()
                if remaining:
                    problems.append(f"kernels still listed after shutdown: {remaining}")
            except OSError as error:
                problems.append(f"could not shut kernels down through the REST API: {error}")
        stop_group(self.process)
        survivors = kill_processes(descendants)
        if survivors:
            problems.append(f"processes left by JupyterLab, now killed: {survivors}")
        self.process = None
        return problems


class Chromium:
    """A headless Chromium with a fresh profile, reachable over the DevTools protocol on localhost.

    Use it as a context manager; `endpoint` is what Playwright's connect_over_cdp takes.
    """

    def __init__(self, executable, profile_dir, log_path, startup_timeout=60):
        self.executable = executable
        self.profile_dir = Path(profile_dir)
        self.log_path = Path(log_path)
        self.startup_timeout = startup_timeout
        self.process = None
        self.endpoint = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        """Start Chromium and wait until it says which port its DevTools endpoint listens on."""
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        command = [self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile_dir}", "about:blank"]
        self.process = start_group(command, dict(os.environ), self.log_path)
        port_file = self.profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Chromium exited with code {self.process.returncode}; see {self.log_path}")
            lines = port_file.read_text().split() if port_file.exists() else []
            if lines:
                self.endpoint = f"http://127.0.0.1:{lines[0]}"
                return
            time.sleep(0.2)
        raise RuntimeError(f"Chromium did not open its DevTools port within {self.startup_timeout} s")

    def stop(self):
        """Stop Chromium's whole process group."""
        if self.process is not None:
            stop_group(self.process, grace=10)
            self.process = None
