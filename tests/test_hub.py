"""The course's JupyterHub (make hub), for real: two learners sign in, each gets their own server and runs a notebook
to its end; neither can reach the other's server or files; a kernel over its memory limit is stopped alone; the hub
stops and leaves no process, port, account or cgroup behind.

The hub runs on 127.0.0.1 on free ports, with its state and the learners' homes in temporary folders and OS
accounts under a prefix of this run's own, all removed at the end. It needs Linux, root, Node and the proxy
(`npm ci --prefix hub`, which make test runs); without them it is skipped with the reason, except under CI=true.
"""

import asyncio
import os
import platform
import pwd
import shutil
import socket
import stat
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from course_notebooks import ROOT

sys.path.insert(0, str(ROOT / "hub"))
from course_hub import accounts_created, own_memory_cgroup  # noqa: E402
from learner import HubError, KernelDied, Learner  # noqa: E402
from local_hub import LocalHub  # noqa: E402
from serve import PROXY  # noqa: E402

PASSWORDS = {"alice": "alice-password", "bob": "bob-password", "instructor": "instructor-password"}
MEMORY_LIMIT = "700M"


def missing():
    """Return why the hub cannot run on this machine, or None."""
    if platform.system() != "Linux":
        return f"the hub runs on Linux only (this is {platform.system()})"
    if os.geteuid() != 0:
        return "the hub test must run as root (it creates OS accounts)"
    if not shutil.which("node") or not PROXY.exists():
        return "Node or the proxy is missing (install Node 20+, then: npm ci --prefix hub)"
    if own_memory_cgroup() is None:
        return "no cgroup v1 memory controller at /sys/fs/cgroup/memory"
    return None


REASON = missing()
if REASON and os.environ.get("CI", "").lower() == "true":
    pytest.fail(f"The hub test must run under CI=true, but {REASON}", pytrace=False)
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"hub test skipped: {REASON}")


def listening(port):
    """True when something accepts connections on 127.0.0.1:port."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def hub():
    started = LocalHub("ht", memory=MEMORY_LIMIT)
    try:
        yield started
    finally:
        started.clean_up()


async def signed_in(hub, *names, start=True):
    """Sign the named learners in (at once) and start their servers; return their Learners."""
    learners = [Learner(hub.url, name, PASSWORDS[name]) for name in names]
    await asyncio.gather(*(learner.sign_in() for learner in learners))
    if start:
        await asyncio.gather(*(learner.start_server() for learner in learners))
    return learners


async def closed(*learners):
    for learner in learners:
        await learner.close()


def small_notebook(path):
    """Write a small notebook like the course's: its helpers, its data, a figure, a file in the learner's copy."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import getpass, os\nimport helpers\nfrom helpers import data, plots"),
        nbformat.v4.new_code_cell('arcs = data.load_points("meridian_arcs")\nprint(arcs.shape)'),
        nbformat.v4.new_code_cell("plots.plot_squares_and_surface([[3, 6], [6, 9], [12, 18]], m=2, b=1)"),
        nbformat.v4.new_code_cell('open("mine.txt", "w").write(getpass.getuser())\n'
                                  'print(getpass.getuser(), os.getcwd(), helpers.__file__)'),
    ])
    nbformat.write(notebook, path)
    return path


def test_two_learners_sign_in_get_their_own_servers_and_run_a_notebook_to_the_end(hub, tmp_path):
    notebook = small_notebook(tmp_path / "small.ipynb")

    async def scenario():
        learners = await signed_in(hub, "alice", "bob")
        try:
            kernels = await asyncio.gather(*(learner.start_kernel() for learner in learners))
            runs = await asyncio.gather(*(kernel.run_notebook(notebook) for kernel in kernels))
            last = [await kernel.execute("print(open('mine.txt').read())") for kernel in kernels]
            for kernel in kernels:
                await kernel.shutdown()
            return runs, last
        finally:
            await closed(*learners)

    runs, last = asyncio.run(scenario())
    for name, run, (_, outputs, _) in zip(("alice", "bob"), runs, last, strict=True):
        assert len(run) == 4 and all(error is None for _, _, error in run), f"{name}'s notebook failed: {run}"
        assert outputs[0]["text"].strip() == hub.account(name), f"{name}'s kernel ran as {outputs}"
        home = Path(pwd.getpwnam(hub.account(name)).pw_dir)
        assert (home / "course" / "notebooks" / "mine.txt").read_text() == hub.account(name)
        assert stat.S_IMODE(home.stat().st_mode) == 0o700, f"{home} should be readable by {name} alone"
        assert (home / "course" / "data" / "mnist").resolve() == ROOT / "data" / "mnist", "MNIST is not the shared copy"


def test_a_learner_cannot_reach_another_learners_server(hub):
    async def scenario():
        alice, bob = await signed_in(hub, "alice", "bob")
        try:
            own = await alice.server_get("api/contents/course")
            through_proxy = await alice.server_get("api/contents/course", owner="bob")
            model = (await bob.http.get("hub/api/users/bob", headers=bob._auth())).json()
            return own.status_code, through_proxy.status_code, model
        finally:
            await closed(alice, bob)

    own, through_proxy, bob_model = asyncio.run(scenario())
    assert own == 200, f"alice should reach her own server, got HTTP {own}"
    assert through_proxy in (403, 404), f"alice's token reached bob's server through the hub: HTTP {through_proxy}"
    assert bob_model["servers"][""]["ready"], "bob's server should still be running"


def test_a_learner_cannot_read_or_change_another_learners_files_or_the_shared_course(hub):
    bob_home = Path(pwd.getpwnam(hub.account("bob")).pw_dir)
    probe = f"""
attempts = {{}}
for what, action in [
    ("list bob's home", lambda: os.listdir({str(bob_home)!r})),
    ("read bob's notebook", lambda: open({str(bob_home / 'course/notebooks/mine.txt')!r}).read()),
    ("write into bob's home", lambda: open({str(bob_home / 'from-alice.txt')!r}, "w")),
    ("change the shared MNIST", lambda: open("../data/mnist/train-labels-idx1-ubyte.gz", "ab")),
    ("change the instructor's course", lambda: open({str(ROOT / 'notebooks' / 'alice.txt')!r}, "w")),
]:
    try:
        action()
        attempts[what] = "allowed"
    except PermissionError:
        attempts[what] = "refused"
print(attempts)
"""

    async def scenario():
        (alice,) = await signed_in(hub, "alice")
        try:
            kernel = await alice.start_kernel()
            await kernel.execute("import os")
            result = await kernel.execute(probe)
            await kernel.shutdown()
            return result
        finally:
            await closed(alice)

    _, outputs, error = asyncio.run(scenario())
    assert error is None, error
    attempts = eval(outputs[0]["text"])  # the dict printed above
    assert set(attempts.values()) == {"refused"}, f"alice's kernel was allowed: {attempts}"
    assert not (bob_home / "from-alice.txt").exists()


def test_a_kernel_over_its_memory_limit_is_stopped_alone_and_the_others_go_on(hub):
    cgroup = hub.learner_cgroup("alice")

    async def scenario():
        alice, bob = await signed_in(hub, "alice", "bob")
        try:
            alice_kernel, bob_kernel = await alice.start_kernel(), await bob.start_kernel()
            with pytest.raises(KernelDied):
                await alice_kernel.execute("import numpy as np\nhog = np.ones(1_000_000_000 // 8)", timeout=120)
            failures = int((cgroup / "memory.failcnt").read_text())
            _, outputs, error = await bob_kernel.execute("print(6 * 7)")
            alice_server = await alice.server_get("api/status")
            for kernel in (alice_kernel, bob_kernel):
                await kernel.shutdown()
            return failures, outputs, error, alice_server.status_code
        finally:
            await closed(alice, bob)

    failures, outputs, error, alice_server = asyncio.run(scenario())
    assert failures > 0, f"alice's cgroup never reached its limit ({MEMORY_LIMIT})"
    assert error is None and outputs[0]["text"] == "42\n", f"bob's kernel should go on: {outputs} {error}"
    assert alice_server == 200, f"alice's server should go on (only the kernel stops): HTTP {alice_server}"


def test_the_instructor_is_the_admin_and_sees_who_runs_what_and_the_idle_culler(hub):
    async def scenario():
        (instructor,) = await signed_in(hub, "instructor", start=False)
        (alice,) = await signed_in(hub, "alice", start=False)
        try:
            users = (await instructor.http.get("hub/api/users", headers=instructor._auth())).json()
            services = (await instructor.http.get("hub/api/services", headers=instructor._auth())).json()
            refused = await alice.http.get("hub/api/users", headers=alice._auth())
            return users, services, refused.status_code
        finally:
            await closed(instructor, alice)

    users, services, refused = asyncio.run(scenario())
    by_name = {user["name"]: user for user in users}
    assert by_name["instructor"]["admin"] and not by_name["alice"]["admin"], by_name
    assert by_name["alice"]["servers"][""]["ready"], "the instructor should see alice's running server"
    assert "idle-culler" in services and services["idle-culler"]["pid"], f"no idle culler running: {services}"
    assert refused == 403, f"a learner should not list the other learners: HTTP {refused}"


def test_a_name_that_is_not_a_safe_account_name_is_refused(hub):
    async def scenario():
        learner = Learner(hub.url, "Root;rm", "long-enough-password")
        try:
            await learner.sign_in()
        except HubError as error:
            return str(error)
        finally:
            await learner.close()
        return "signed in"

    assert "could not sign in" in asyncio.run(scenario())


def test_the_hub_stops_leaving_no_process_port_account_or_cgroup(hub):
    accounts = accounts_created(hub.state)
    uids = {pwd.getpwnam(name).pw_uid for name in accounts}
    assert len(uids) == 2, f"expected accounts for alice and bob (the instructor started no server), got {accounts}"
    tail = hub.stop()
    assert hub.process.returncode == 0, f"the hub did not stop cleanly: {tail}{hub.log()}"
    assert "The hub has stopped." in tail, tail
    time.sleep(0.5)
    left = [p.info for p in psutil.process_iter(["pid", "uids", "cmdline"])
            if p.info["uids"] and p.info["uids"].real in uids or str(hub.state) in " ".join(p.info["cmdline"] or [])]
    assert not left, f"processes left behind: {left}"
    for port in (hub.port, hub.hub_port, hub.proxy_api_port):
        assert not listening(port), f"port {port} is still open"
    for name in accounts:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert not any(hub.homes.iterdir()), f"home folders left: {list(hub.homes.iterdir())}"
    assert not hub.cgroup.exists(), f"the hub's memory cgroup {hub.cgroup} is still there"
    for folder, mode in hub.modes_before.items():
        assert folder.stat().st_mode == mode, f"{folder}'s mode was not restored"
