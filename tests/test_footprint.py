"""Running the course writes nothing outside the repository: with the Makefile's exports and an empty
home folder, a kernel that draws, imports TensorFlow and trains tflearn leaves the home folder empty
and /tmp/tflearn_logs absent, and tflearn logs where it is told (runs/ in the repository unless told otherwise);
JupyterLab (as `make lab` starts it) listens on localhost with a token."""

import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import nbformat
from course_notebooks import ROOT

from helpers import tflearn_setup

sys.path.insert(0, str(ROOT / "tools"))
import kernel_client  # noqa: E402

KERNEL_WORK = """
import matplotlib.pyplot as plt
import numpy as np
from helpers import plots, tflearn_setup

plots.plot_descent(lambda x: x**2, lambda x: 2 * x)
tflearn = tflearn_setup.import_tflearn(runs_dir={runs_dir!r})
net = tflearn.input_data(shape=[None, 4])
net = tflearn.fully_connected(net, 2, activation="softmax")
net = tflearn.regression(net)
model = tflearn.DNN(net)
model.fit(np.zeros((8, 4)), np.eye(2)[[0, 1] * 4], n_epoch=1, run_id="footprint")
print("trained")
"""


def makefile_exports(repo):
    """Return the environment variables the Makefile exports, with $(CURDIR) set to repo."""
    text = (ROOT / "Makefile").read_text()
    return {name: value.replace("$(CURDIR)", str(repo))
            for name, value in re.findall(r"^export (\w+) := (.+)$", text, re.MULTILINE)}


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_kernel_that_draws_and_trains_writes_nothing_to_home_or_tmp_logs(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    exports = makefile_exports(tmp_path / "repo")
    (tmp_path / "repo" / ".cache").mkdir(parents=True)  # as `make data` does before anything runs
    assert {"MPLCONFIGDIR", "IPYTHONDIR", "KERAS_HOME", "JUPYTER_RUNTIME_DIR"} <= set(exports), (
        "the Makefile should send matplotlib's, IPython's, Keras's and Jupyter's files into the repository"
    )
    for name, value in {**exports, "HOME": str(home)}.items():
        monkeypatch.setenv(name, value)
    tmp_logs_before = Path("/tmp/tflearn_logs").exists()
    runs = tmp_path / "repo" / "runs"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(KERNEL_WORK.format(runs_dir=str(runs)))])
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*not a writable location.*")  # IPython's /tmp fallback
        kernel_client.execute(notebook, ROOT / "notebooks", timeout=600)
    printed = "".join(o.get("text", "") for o in notebook.cells[0].outputs)
    assert "trained" in printed, f"the kernel's work did not finish: {notebook.cells[0].outputs}"
    assert files_under(home) == [], f"the course wrote into the home folder: {files_under(home)[:10]}"
    assert Path("/tmp/tflearn_logs").exists() == tmp_logs_before, "tflearn wrote logs to /tmp/tflearn_logs"
    assert (runs / "footprint").is_dir(), f"tflearn's logs should be under the runs_dir it was given: {runs}"
    assert tflearn_setup.RUNS_DIR == ROOT / "runs", "by default tflearn should log to runs/ in the repository"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_jupyterlab_as_make_lab_starts_it_listens_on_localhost_and_requires_the_token(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    assert "--ServerApp.ip=$(HOST)" in makefile and "HOST ?= 127.0.0.1" in makefile, "make lab must bind localhost"
    port, token = free_port(), secrets.token_hex(16)
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", f"--ServerApp.root_dir={ROOT}", "--no-browser", "--allow-root",
               f"--IdentityProvider.token={token}"]
    env = {**makefile_exports(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status = None
        for _ in range(120):
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/status",
                                                 headers={"Authorization": f"token {token}"})
                status = urllib.request.urlopen(request, timeout=5).status
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert status == 200, "JupyterLab did not answer /api/status with the token within a minute"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=5)
            raise AssertionError("JupyterLab answered without the token: token authentication is off")
        except urllib.error.HTTPError as error:
            assert error.code == 403, f"expected 403 without the token, got {error.code}"
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
        addresses = {line.split()[3].rsplit(":", 1)[0] for line in listening.splitlines() if line.strip()}
        assert addresses <= {"127.0.0.1", "[::1]"}, f"JupyterLab listens beyond localhost: {addresses}"
    finally:
        server.terminate()
        server.wait(timeout=30)
