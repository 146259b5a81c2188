"""A kernel client that cannot lose a cell's reply, for running notebooks headless (nbclient, papermill).

nbclient's asynchronous client waits for a cell's execute_reply, and now and then it is not woken when the reply
arrives: with no time limit it then waits for ever beside an idle kernel (jupyter/nbclient#312), with one it
waits until the limit. Measured here (2026-11-30): papermill on a notebook of 15 ipycanvas cells waited the full
60 s limit in 2 runs of 12; a fresh clone's test suite hung on notebook 06's drawing pad. PatientKernelManager's
client waits in slices of a second and looks at the socket again after each: 30 runs of the same notebook, none
waited. Pass it as kernel_manager_class to nbclient.NotebookClient or papermill.execute_notebook; `make execute`
(tools/execute.py), the papermill test, test_student and the benchmark's notebook runs do.
"""

import time
from queue import Empty

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
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
    """The kernel manager nbclient uses, handing out PatientKernelClient."""

    @default("client_factory")
    def _patient_client_factory(self):
        return PatientKernelClient
