"""A simulated learner for the course's hub: signs in through the hub's login page, gets an API token and starts
their server through the hub's REST API, then runs notebooks cell by cell in their own kernel over the kernel's
websocket, as JupyterLab does. Used by the hub test (tests/test_hub.py) and the load test (hub/load_test.py).
"""

import asyncio
import json
import time
import uuid

import httpx
import nbformat
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect


class HubError(RuntimeError):
    """The hub or a learner's server answered something other than expected."""


class KernelDied(HubError):
    """The learner's kernel died while running a cell (for example, stopped at its memory limit)."""


class Learner:
    """One learner at the hub at base_url (e.g. http://127.0.0.1:8000/)."""

    def __init__(self, base_url, name, password, timeout=120):
        self.base_url = base_url.rstrip("/") + "/"
        self.name = name
        self.password = password
        self.token = None
        self.timeout = timeout
        self.http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout, follow_redirects=False)

    async def close(self):
        """Close the learner's connections."""
        await self.http.aclose()

    def _auth(self):
        return {"Authorization": f"token {self.token}"}

    async def sign_in(self):
        """Sign in on the hub's login page (the first time, this sets the password) and get an API token."""
        page = await self.http.get("hub/login")
        xsrf = page.cookies.get("_xsrf") or self.http.cookies.get("_xsrf")
        answer = await self.http.post("hub/login", data={"username": self.name, "password": self.password,
                                                          "_xsrf": xsrf})
        if answer.status_code != 302:
            raise HubError(f"{self.name} could not sign in: HTTP {answer.status_code}")
        await self.http.get("hub/home")  # signed in, the hub gives a new XSRF token tied to the session
        xsrf = [cookie.value for cookie in self.http.cookies.jar if cookie.name == "_xsrf"][-1]
        answer = await self.http.post(f"hub/api/users/{self.name}/tokens", headers={"X-XSRFToken": xsrf},
                                      json={"note": "course hub learner", "expires_in": 3600})
        if answer.status_code != 201:
            raise HubError(f"{self.name} got no API token: HTTP {answer.status_code} {answer.text[:200]}")
        self.token = answer.json()["token"]

    async def start_server(self, timeout=180):
        """Ask the hub's REST API to start the learner's server and wait until it is ready; return its URL path."""
        answer = await self.http.post(f"hub/api/users/{self.name}/server", headers=self._auth())
        if answer.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"the hub did not start {self.name}'s server: HTTP {answer.status_code} {answer.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = (await self.http.get(f"hub/api/users/{self.name}", headers=self._auth())).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return server["url"]
            if not model.get("pending") and not server:
                raise HubError(f"{self.name}'s server stopped while starting")
            await asyncio.sleep(0.5)
        raise HubError(f"{self.name}'s server was not ready after {timeout} s")

    async def stop_server(self):
        """Ask the hub to stop the learner's server, and wait until it has."""
        await self.http.delete(f"hub/api/users/{self.name}/server", headers=self._auth())
        for _ in range(240):
            model = (await self.http.get(f"hub/api/users/{self.name}", headers=self._auth())).json()
            if not model.get("servers") and not model.get("pending"):
                return
            await asyncio.sleep(0.5)

    async def server_get(self, path, owner=None, token=None):
        """GET a path on a learner's server (owner: whose; default this learner's) with this learner's token."""
        headers = {"Authorization": f"token {token or self.token}"}
        return await self.http.get(f"user/{owner or self.name}/{path}", headers=headers)

    async def start_kernel(self, path="course/notebooks"):
        """Start a kernel of the learner's server; return a Kernel."""
        answer = await self.http.post(f"user/{self.name}/api/kernels", headers=self._auth(),
                                      json={"name": "python3", "path": path})
        if answer.status_code != 201:
            raise HubError(f"{self.name}'s server started no kernel: HTTP {answer.status_code} {answer.text[:200]}")
        kernel = Kernel(self, answer.json()["id"])
        await kernel.connect()
        return kernel


class Kernel:
    """A learner's kernel, driven over its websocket with the Jupyter messaging protocol."""

    def __init__(self, learner, kernel_id):
        self.learner = learner
        self.id = kernel_id
        self.session = uuid.uuid4().hex
        self.socket = None

    async def connect(self):
        """Open the kernel's websocket through the hub's proxy."""
        base = self.learner.base_url.replace("http", "ws", 1)
        url = f"{base}user/{self.learner.name}/api/kernels/{self.id}/channels"
        request = HTTPRequest(f"{url}?session_id={self.session}", headers=self.learner._auth(),
                              connect_timeout=self.learner.timeout, request_timeout=self.learner.timeout)
        self.socket = await websocket_connect(request, max_message_size=256 * 1024 * 1024)

    async def reconnect(self, attempts=3):
        """Open the kernel's websocket again with the same session (the server replays what it kept), or say why not."""
        for attempt in range(attempts):
            try:
                await self.connect()
                return
            except (OSError, WebSocketClosedError, HTTPClientError) as error:
                if attempt == attempts - 1:
                    raise HubError(f"{self.learner.name}'s kernel connection closed and could not be opened again "
                                   f"(the kernel died or was stopped): {error}") from error
                await asyncio.sleep(1)

    async def execute(self, code, timeout=900):
        """Run code; return (seconds, outputs, error) where error is None or 'Name: value'."""
        msg_id = uuid.uuid4().hex
        message = {"header": {"msg_id": msg_id, "username": self.learner.name, "session": self.session,
                              "msg_type": "execute_request", "version": "5.3"},
                   "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                   "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                               "allow_stdin": False, "stop_on_error": True}}
        started = time.monotonic()
        try:
            await self.socket.write_message(json.dumps(message))
        except WebSocketClosedError:  # dropped before this cell: reconnect and send it (as JupyterLab does)
            await self.reconnect()
            await self.socket.write_message(json.dumps(message))
        outputs, error, replied, idle = [], None, False, False
        deadline = started + timeout
        while not (replied and idle):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise HubError(f"a cell of {self.learner.name} did not finish within {timeout} s")
            raw = await asyncio.wait_for(self.socket.read_message(), remaining)
            if raw is None:  # dropped: the server keeps this session's messages and replays them on reconnecting
                await self.reconnect()
                continue
            if isinstance(raw, bytes):
                continue  # a binary message (widget buffers): not an answer to this cell
            reply = json.loads(raw)
            if reply["msg_type"] == "status" and reply["content"].get("execution_state") in ("restarting", "dead"):
                raise KernelDied(f"{self.learner.name}'s kernel died while running a cell, and its server is "
                                 f"{reply['content']['execution_state']} it")
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = reply["msg_type"], reply["content"]
            if kind == "execute_reply":
                replied = True
                if content.get("status") == "error" and error is None:
                    error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind in ("stream", "execute_result", "display_data"):
                outputs.append(content)
        return time.monotonic() - started, outputs, error

    async def run_notebook(self, path, before=()):
        """Run a notebook's code cells in order (after the code in before); return [(index, seconds, error)]."""
        notebook = nbformat.read(path, as_version=4)
        results = []
        for code in before:
            await self.execute(code)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            seconds, _, error = await self.execute(cell.source)
            results.append((index, seconds, error))
            if error:
                break
        return results

    async def shutdown(self):
        """Close the websocket and shut the kernel down."""
        if self.socket is not None:
            self.socket.close()
        await self.learner.http.delete(f"user/{self.learner.name}/api/kernels/{self.id}",
                                       headers=self.learner._auth())
