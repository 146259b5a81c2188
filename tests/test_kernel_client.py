"""tools/kernel_client.py: notebooks run headless through the patient kernel client, and get their outputs."""

import subprocess
import sys

import nbformat
from course_notebooks import ROOT
from nbclient import NotebookClient

sys.path.insert(0, str(ROOT / "tools"))
from kernel_client import SLICE, PatientChannel, PatientKernelClient, PatientKernelManager  # noqa: E402


def test_a_notebook_with_a_widget_runs_through_the_patient_client_and_keeps_its_outputs():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)"),
        nbformat.v4.new_code_cell("print(6 * 7)"),
    ])
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", kernel_manager_class=PatientKernelManager)
    with client.setup_kernel():
        assert isinstance(client.kc, PatientKernelClient), f"nbclient used {type(client.kc).__name__}"
        assert isinstance(client.kc.shell_channel, PatientChannel), "the shell channel should wait in slices"
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
    assert "application/vnd.jupyter.widget-view+json" in notebook.cells[0].outputs[0]["data"], notebook.cells[0]
    assert notebook.cells[1].outputs[0]["text"] == "42\n", notebook.cells[1].outputs


def test_the_slice_is_short_enough_that_a_missed_wake_up_costs_about_a_second():
    assert 0 < SLICE <= 1, f"a missed wake-up costs up to SLICE seconds, got {SLICE}"


def test_make_execute_refuses_a_path_that_is_not_a_notebook_and_says_what_to_give(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a notebook")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "execute.py"), str(text)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0, "a path that is not a notebook should fail"
    assert "is not a notebook file" in result.stderr and "notebooks/01_least_squares.ipynb" in result.stderr, result
    assert text.read_text() == "not a notebook", "the file must be left as it was"
