"""tools/kernel_client.py: notebooks run headless through the patient kernel client, over an encrypted connection,
and get their outputs; a channel never waits longer than a slice before it looks at its socket again."""

import asyncio
import math
import subprocess
import sys
from queue import Empty

import nbformat
from course_notebooks import ROOT
from jupyter_client.channels import AsyncZMQSocketChannel

sys.path.insert(0, str(ROOT / "tools"))
import kernel_client  # noqa: E402
from kernel_client import SLICE, PatientChannel, PatientKernelManager  # noqa: E402


def test_a_notebook_with_a_widget_runs_through_the_patient_client_and_keeps_its_outputs_and_widget_state(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)"),
        nbformat.v4.new_code_cell("import os\nprint(6 * 7, os.getcwd())"),
    ])
    kernel_client.execute(notebook, tmp_path, timeout=120)
    assert "application/vnd.jupyter.widget-view+json" in notebook.cells[0].outputs[0]["data"], notebook.cells[0]
    assert notebook.cells[1].outputs[0]["text"] == f"42 {tmp_path}\n", "the kernel should work in the folder given"
    assert "widgets" in notebook.metadata, "the widget state should be stored, as nbconvert --execute stores it"


def test_the_kernel_talks_over_curvezmq_and_does_not_warn_about_plain_text_tcp(tmp_path):
    async def start_and_stop():
        manager = PatientKernelManager(kernel_name="python3")
        with open(tmp_path / "kernel.log", "w") as log:
            await manager.start_kernel(stdout=log, stderr=log)
            client = manager.client()
            client.start_channels()
            try:
                await client.wait_for_ready(timeout=60)
                info = manager.get_connection_info()
            finally:
                client.stop_channels()
                await manager.shutdown_kernel(now=True)
        return info

    info = asyncio.run(start_and_stop())
    assert info.get("curve_publickey") and info.get("curve_secretkey"), f"no CurveZMQ keys: {sorted(info)}"
    log = (tmp_path / "kernel.log").read_text()
    assert "without encryption" not in log, f"the kernel still warns: {log}"


def test_a_channel_waits_in_slices_and_gives_up_at_the_timeout(monkeypatch):
    waits = []

    async def idle_socket(self, timeout=None):
        waits.append(timeout)
        raise Empty

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", idle_socket)
    monkeypatch.setattr(kernel_client.time, "monotonic", lambda: sum(w for w in waits))  # each wait takes its time
    channel = PatientChannel.__new__(PatientChannel)
    try:
        asyncio.run(channel.get_msg(timeout=3.5))
        raise AssertionError("an idle socket should raise Empty at the timeout")
    except Empty:
        pass
    assert max(waits) <= SLICE and sum(waits) == 3.5 and len(waits) == math.ceil(3.5 / SLICE), (
        f"the channel waited {waits}: it should look at its socket every {SLICE} s and give up after 3.5 s"
    )


def test_make_execute_refuses_a_path_that_is_not_a_notebook_and_says_what_to_give(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a notebook")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "execute.py"), str(text)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0, "a path that is not a notebook should fail"
    assert result.stderr.strip() == (f"execute: {text} is not a notebook file; give paths such as "
                                     "notebooks/01_least_squares.ipynb"), result.stderr
    assert text.read_text() == "not a notebook", "the file must be left as it was"
