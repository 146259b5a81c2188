"""A kernel client that cannot lose a cell's reply, for running notebooks headless: the one way this repository
executes a notebook (`make execute` through tools/execute.py, the tests, the benchmark).

nbclient's asynchronous client waits for a cell's execute_reply, and now and then it is not woken when the reply
arrives (jupyter/nbclient#312): with no time limit it then waits for ever beside an idle kernel, with one it waits
until the limit. PatientKernelManager's client waits in slices of a second and looks at the socket again after
each, so a missed wake-up costs a second (the measurements: benchmarks/findings.md, "Headless notebook runs").
Pass it as kernel_manager_class to nbclient.NotebookClient, or use execute() below.
"""

import time
from queue import Empty

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import Type, default

SLICE = 1.0  # the longest a channel waits before it looks at its socket again, in seconds


class PatientChannel(AsyncZMQSocketChannel):
    """A channel whose get_msg waits in slices of at most SLICE seconds, looking at the socket after each."""

    async def get_msg(self, timeout=None):
        """Return the next message within timeout seconds (None: however long it takes), a slice at a time."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = SLICE if deadline is None else min(SLICE, max(0.0, deadline - time.monotonic()))
            try:
                return await super().get_msg(wait)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class PatientKernelClient(AsyncKernelClient):
    """nbclient's client, with patient shell and iopub channels."""

    shell_channel_class = Type(PatientChannel)
    iopub_channel_class = Type(PatientChannel)


class PatientKernelManager(AsyncKernelManager):
    """The kernel manager nbclient uses, handing out PatientKernelClient; its kernels talk to it over CurveZMQ."""

    @default("transport_encryption")
    def _encrypted(self):
        # The course's kernel (ipykernel) declares CurveZMQ support, so its messages are encrypted and it does not
        # warn "Kernel is running over TCP without encryption"; a kernel that declares none runs as before.
        return "auto"

    @default("client_factory")
    def _patient_client_factory(self):
        return PatientKernelClient


def execute(notebook, folder, timeout, **client_options):
    """Run notebook (an nbformat notebook) from a fresh python3 kernel working in folder, cells allowed timeout
    seconds each; its outputs are filled in place and it is returned. client_options go to nbclient."""
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", kernel_manager_class=PatientKernelManager,
                   resources={"metadata": {"path": str(folder)}}, **client_options).execute()
    return notebook
