"""A hub started as make hub starts it (hub/serve.py), on 127.0.0.1 on free ports, with its state and the learners'
homes in temporary folders and OS accounts under a prefix of its own: for the hub test and the load test, which
remove everything it made (accounts, home folders, cgroup, state) when they stop it.
"""

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from course_hub import DEFAULT_MEMORY, accounts_created, own_memory_cgroup
from serve import closed_folders, free_port

HERE = Path(__file__).resolve().parent


class LocalHub:
    """A running hub for tests and measurements; stop() stops it as Ctrl-C would, clean_up() removes what it made."""

    def __init__(self, tag, memory=DEFAULT_MEMORY, admin="instructor", extra=()):
        self.prefix = f"{tag}{os.getpid() % 100000}-"
        self.state = Path(tempfile.mkdtemp(prefix="course-hub-state-"))
        self.homes = Path(tempfile.mkdtemp(prefix="course-hub-homes-"))
        self.homes.chmod(0o755)
        self.port, self.hub_port, self.proxy_api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.cgroup = own_memory_cgroup() / f"course-hub-{tag}{os.getpid()}"
        self.modes_before = {folder: folder.stat().st_mode for folder in closed_folders(sys.executable)}
        command = [sys.executable, str(HERE / "serve.py"), "--port", str(self.port),
                   "--hub-port", str(self.hub_port), "--proxy-api-port", str(self.proxy_api_port),
                   "--state", str(self.state), "--homes", str(self.homes), "--prefix", self.prefix,
                   "--cgroup", self.cgroup.name, "--memory", memory, "--admin", admin,
                   "--remove-accounts", "--open-python-path", "--quiet", *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.banner = []
        for line in self.process.stdout:
            self.banner.append(line)
            if line.startswith("  Stop:") or self.process.poll() is not None:
                break
        if "running at " + self.url not in "".join(self.banner):
            self.clean_up()
            raise RuntimeError(f"the hub did not start: {''.join(self.banner)}{self.log()}")

    def account(self, name):
        """The OS account of the learner called name."""
        return self.prefix + name

    def learner_cgroup(self, name):
        """The memory cgroup folder of the learner called name."""
        return self.cgroup / self.account(name)

    def log(self):
        """The end of the hub's log (for failure messages)."""
        path = self.state / "jupyterhub.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"

    def stop(self):
        """Stop the hub as Ctrl-C would and wait for it; return what it printed last."""
        if self.process.poll() is not None:
            return ""
        self.process.send_signal(signal.SIGINT)
        try:
            tail, _ = self.process.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            tail, _ = self.process.communicate()
        return tail

    def clean_up(self):
        """Stop the hub if it runs, then remove whatever a failed run left behind."""
        self.stop()
        for name in accounts_created(self.state):
            subprocess.run(["pkill", "-KILL", "-u", name], check=False)
            subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)
        for folder, mode in self.modes_before.items():
            folder.chmod(stat.S_IMODE(mode))
        shutil.rmtree(self.state, ignore_errors=True)
        shutil.rmtree(self.homes, ignore_errors=True)
