"""Start the course's JupyterHub (make hub): check the server can run it, start it, say where learners go and how to
stop it, and stop everything it started when told to (Ctrl-C or SIGTERM).

Usage (as root, on Linux): .venv/bin/python hub/serve.py [--ip 127.0.0.1] [--port 8000] [--admin NAME] ...
"""

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from course_hub import DEFAULT_MEMORY, USERNAME_PATTERN, own_memory_cgroup, parse_size, remove_accounts  # noqa: E402

PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_folders(path):
    """Return the folders on the way to path (symbolic links followed) that other accounts cannot pass through."""
    closed, seen = [], set()
    for target in (Path(path), Path(path).resolve()):
        for folder in reversed(target.parents):
            if folder not in seen:
                seen.add(folder)
                if folder.is_dir() and not folder.stat().st_mode & 0o001:
                    closed.append(folder)
    return closed


def problems(args):
    """Return what stops this machine from running the hub, each with its fix (empty when all is well)."""
    found = []
    if platform.system() != "Linux":
        found.append(f"make hub runs on a Linux server (this is {platform.system()}): one OS account per learner "
                     "needs Linux's useradd and memory cgroups.")
    elif os.geteuid() != 0:
        found.append("make hub must run as root (sudo make hub): it creates one OS account per learner and starts "
                     "each learner's server as that account.")
    for tool in ("useradd", "userdel", "node"):
        if os.geteuid() == 0 and not shutil.which(tool):
            found.append(f"{tool} is not on this server's PATH: install it (Debian/Ubuntu: apt-get install "
                         f"{'passwd' if tool.startswith('user') else 'nodejs npm'}).")
    if not PROXY.exists():
        found.append(f"The proxy is not installed ({PROXY.relative_to(ROOT)} is missing): run `make hub`, which "
                     "installs it with `npm ci --prefix hub`.")
    if not (ROOT / "data" / "mnist").is_dir():
        found.append("MNIST is not in data/mnist/: run `make data`.")
    closed = [] if args.open_python_path else closed_folders(sys.executable)
    if closed:
        found.append(f"The learners' accounts cannot run the course's Python ({sys.executable} is "
                     f"{Path(sys.executable).resolve()}): {', '.join(map(str, closed))} lets only its owner through. "
                     "Make .venv with a Python outside it (rm -rf .venv && make setup PYTHON=/usr/bin/python3.11), "
                     "or run make hub HUB_ARGS=--open-python-path to let others pass through those folders (not list "
                     "them) while the hub runs.")
    source = Path(args.source)
    if not (source / "notebooks").is_dir():
        found.append(f"{source} holds no notebooks/: give the repository, or run `make student` for build/student.")
    if not re.fullmatch(USERNAME_PATTERN, args.admin):
        found.append(f"The admin name {args.admin!r} is not a valid hub name: lower-case letters, digits, - and _, "
                     "starting with a letter, at most 20 characters.")
    return found


def wait_until_ready(url, process, timeout):
    """Wait until the hub answers at url; False if it exits or does not answer within timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def parse_args(argv):
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Serve the course to a class with JupyterHub (run as root).")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only; give the server's address "
                             "on the room's network, or 0.0.0.0, to serve a class)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--admin", default="instructor", help="the instructor's hub name (the hub's admin)")
    parser.add_argument("--source", default=str(ROOT),
                        help="the course the learners' copies come from: the repository (default) or build/student")
    parser.add_argument("--memory", default=DEFAULT_MEMORY, help="memory limit per learner (server and kernels)")
    parser.add_argument("--max-servers", type=int, default=0,
                        help="the most learners' servers running at once; more are asked to try again (0: no limit)")
    parser.add_argument("--cull-timeout", type=int, default=3600, help="stop a server idle this many seconds")
    parser.add_argument("--state", default="/var/lib/course-hub",
                        help="the hub's database, cookie secret and passwords (outside the repository)")
    parser.add_argument("--homes", default="/home", help="where the learners' home folders go")
    parser.add_argument("--prefix", default="hub-", help="prefix of the learners' OS account names")
    parser.add_argument("--cgroup", default="course-hub", help="name of the hub's memory cgroup")
    parser.add_argument("--hub-port", type=int, default=0, help="the hub's internal API port (0: a free one)")
    parser.add_argument("--proxy-api-port", type=int, default=0, help="the proxy's API port (0: a free one)")
    parser.add_argument("--remove-accounts", action="store_true",
                        help="on stopping, remove the OS accounts (and home folders) this hub created")
    parser.add_argument("--open-python-path", action="store_true",
                        help="while the hub runs, let other accounts pass through the folders on the way to the "
                             "course's Python that only their owner may (such as /root); restored on stopping")
    parser.add_argument("--quiet", action="store_true", help="send JupyterHub's log to STATE/jupyterhub.log only")
    args = parser.parse_args(argv)
    try:
        parse_size(args.memory)
    except ValueError as error:
        parser.error(str(error))
    return args


def environment(args):
    """The COURSE_HUB_* settings jupyterhub_config.py reads."""
    return dict(os.environ, COURSE_HUB_IP=args.ip, COURSE_HUB_PORT=str(args.port), COURSE_HUB_ADMIN=args.admin,
                COURSE_HUB_SOURCE=str(Path(args.source).resolve()), COURSE_HUB_MEMORY=args.memory,
                COURSE_HUB_CULL_TIMEOUT=str(args.cull_timeout), COURSE_HUB_MAX_SERVERS=str(args.max_servers),
                COURSE_HUB_STATE=str(Path(args.state).resolve()),
                COURSE_HUB_HOMES=args.homes, COURSE_HUB_PREFIX=args.prefix, COURSE_HUB_CGROUP=args.cgroup,
                COURSE_HUB_HUB_PORT=str(args.hub_port or free_port()),
                COURSE_HUB_PROXY_API_PORT=str(args.proxy_api_port or free_port()))


def main(argv=None):
    """Start the hub, print where learners go, and stop it (and what it started) on Ctrl-C or SIGTERM."""
    args = parse_args(argv)
    found = problems(args)
    if found:
        print("The hub cannot start here:\n" + "\n".join(f"  - {problem}" for problem in found), file=sys.stderr)
        return 1
    opened = {folder: stat.S_IMODE(folder.stat().st_mode)
              for folder in (closed_folders(sys.executable) if args.open_python_path else [])}
    for folder, mode in opened.items():
        folder.chmod(mode | 0o001)
    try:
        return serve(args)
    finally:
        for folder, mode in opened.items():
            folder.chmod(mode)


def serve(args):
    """Run the hub until it is told to stop; return its exit status."""
    state = Path(args.state)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o700)
    log = open(state / "jupyterhub.log", "ab") if args.quiet else None
    stopping, started = [], []

    def stop(signum, frame):
        stopping.append(signum)
        for hub in started:
            hub.send_signal(signal.SIGTERM)

    # Handlers first: the hub then starts with Ctrl-C's default, even where this process was started ignoring it.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    settings = environment(args)
    hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(HERE / "jupyterhub_config.py")],
                           cwd=state, env=settings, stdout=log, stderr=log, start_new_session=True)
    started.append(hub)
    shown = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    url = f"http://{shown}:{args.port}/"
    own = f"http://127.0.0.1:{settings['COURSE_HUB_HUB_PORT']}/hub/health"  # the hub itself, before the proxy's route
    try:
        if wait_until_ready(own, hub, timeout=90) and wait_until_ready(url + "hub/health", hub, timeout=30):
            print(f"\nThe course's JupyterHub is running at {url}\n"
                  f"  Learners open {url}, choose a name and a password (at least 8 characters) the first time,\n"
                  f"  and get their own copy of the course. Sign in first as {args.admin!r} (the admin):\n"
                  f"  {url}hub/admin shows who is running what.\n"
                  + ("  Only this machine can reach it: to serve a room, run make hub HUB_IP=<this server's "
                     "address>.\n" if args.ip == "127.0.0.1" else "")
                  + f"  Memory per learner: {args.memory}; idle servers stop after {args.cull_timeout} s.\n"
                  "  Stop: press Ctrl-C here (every learner's server stops; their files stay).\n", flush=True)
        elif not stopping:
            print(f"The hub did not start: see its log above (or {state / 'jupyterhub.log'}).", file=sys.stderr)
            hub.send_signal(signal.SIGTERM)
        while hub.poll() is None:
            try:
                hub.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
    finally:
        if hub.poll() is None:
            hub.terminate()
            try:
                hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(hub.pid, signal.SIGKILL)
                hub.wait()
        parent = own_memory_cgroup()
        if parent and (parent / args.cgroup).is_dir():
            try:
                (parent / args.cgroup).rmdir()  # the learners' cgroups inside went with their servers
            except OSError as error:
                print(f"The hub's memory cgroup {parent / args.cgroup} stays: {error}", file=sys.stderr)
        if args.remove_accounts:
            removed = remove_accounts(state)
            print(f"Removed {len(removed)} learner account(s): {' '.join(removed) or '-'}", flush=True)
        if log:
            log.close()
    print("The hub has stopped.", flush=True)
    return 0 if stopping or hub.returncode == 0 else hub.returncode


if __name__ == "__main__":
    sys.exit(main())
