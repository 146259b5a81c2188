"""The course's JupyterHub pieces: one operating-system account per learner, their own copy of the course, and a
memory limit per learner enforced by the kernel's memory cgroup (v1), so a runaway kernel is stopped alone.

jupyterhub_config.py wires these in; hub/serve.py (make hub) starts the hub. Everything here runs as root in the
hub process, except the course copy, which runs as the learner.
"""

import asyncio
import os
import pwd
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer, Unicode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# A hub name: lower-case letters, digits, - and _, starting with a letter; the OS account adds a prefix to it, so no
# learner can sign in as an existing account (root, www-data, ...).
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{0,19}$"

# Memory per learner (server and kernels) unless the instructor says otherwise: holds notebook 06's CPU setting.
DEFAULT_MEMORY = "3G"

# Where cgroup v1's memory controller is mounted (Linux).
MEMORY_CGROUPS = Path("/sys/fs/cgroup/memory")

# The account list the hub keeps in its state folder: accounts it created, one per line (for --remove-accounts).
ACCOUNTS_FILE = "accounts.txt"


def parse_size(text):
    """Return a size such as 2G, 512M or 1500000000 in bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", str(text), flags=re.IGNORECASE)
    if not match:
        raise ValueError(f"A memory size is a number with an optional K, M, G or T (for example 2G), got {text!r}")
    number, unit = float(match.group(1)), match.group(2).upper()
    return int(number * 1024 ** " KMGT".index(unit or " "))


def own_memory_cgroup(proc_cgroup="/proc/self/cgroup", mount=MEMORY_CGROUPS):
    """Return the memory cgroup (v1) folder this process is in, under which the learners' cgroups go, or None."""
    if not (mount / "memory.limit_in_bytes").exists() and not (mount / "cgroup.procs").exists():
        return None
    for line in Path(proc_cgroup).read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(","):
            return mount / path.lstrip("/")
    return None


def cgroup_processes(folder):
    """Return the process ids in a cgroup folder (none if it is gone)."""
    try:
        return [int(pid) for pid in (Path(folder) / "cgroup.procs").read_text().split()]
    except FileNotFoundError:
        return []


def accounts_created(state_dir):
    """Return the OS accounts this hub created, from its state folder."""
    path = Path(state_dir) / ACCOUNTS_FILE
    return path.read_text().split() if path.is_file() else []


def wait_for_no_process(name, timeout=10):
    """Wait until no process of account name is left (a killed one lingers until its parent reaps it)."""
    deadline = time.monotonic() + timeout
    while subprocess.run(["pgrep", "-u", name], capture_output=True).returncode == 0:
        if time.monotonic() > deadline:
            print(f"Processes of {name} are still there after {timeout} s: see `ps -u {name}`.", file=sys.stderr)
            return
        time.sleep(0.1)


def remove_accounts(state_dir):
    """Remove every OS account this hub created (with its home folder); return their names."""
    removed = []
    for name in accounts_created(state_dir):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        subprocess.run(["pkill", "-KILL", "-u", name], check=False)
        wait_for_no_process(name)
        subprocess.run(["userdel", "--remove", name], check=True, capture_output=True)
        removed.append(name)
    (Path(state_dir) / ACCOUNTS_FILE).unlink(missing_ok=True)
    return removed


class CourseAuthenticator(FirstUseAuthenticator):
    """FirstUseAuthenticator: each learner picks their own password at first sign-in; names follow USERNAME_PATTERN."""

    def validate_username(self, name):
        """Accept only names that make a safe OS account name once prefixed."""
        return bool(re.fullmatch(USERNAME_PATTERN, name)) and super().validate_username(name)


class CourseSpawner(LocalProcessSpawner):
    """A single-user server per learner, as their own OS account, in their own memory cgroup, on their own copy."""

    account_prefix = Unicode("hub-", config=True, help="Prefix of the learners' OS account names")
    homes = Unicode("/home", config=True, help="Folder holding the learners' home folders")
    state_dir = Unicode(config=True, help="The hub's state folder (records the accounts it created)")
    course_source = Unicode(str(ROOT), config=True, help="The course the learners' copies come from")
    mnist_dir = Unicode(str(ROOT / "data" / "mnist"), config=True, help="The one shared, read-only MNIST")
    memory_limit_bytes = Integer(0, config=True, help="Memory limit of one learner's server and kernels (0: none)")
    cgroup_parent = Unicode("", config=True, help="Memory cgroup (v1) folder under which each learner's goes")

    _account_lock = asyncio.Lock()

    @property
    def account(self):
        """The learner's OS account name."""
        return self.account_prefix + self.user.name

    @property
    def cgroup(self):
        """The learner's memory cgroup folder, or None when memory is not limited."""
        if not self.memory_limit_bytes or not self.cgroup_parent:
            return None
        return Path(self.cgroup_parent) / self.account

    async def ensure_account(self):
        """Create the learner's OS account (home folder readable by them alone) if it does not exist yet."""
        async with self._account_lock:  # useradd refuses to run while another holds /etc/passwd's lock
            try:
                return pwd.getpwnam(self.account)
            except KeyError:
                pass
            home = Path(self.homes) / self.account
            command = ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/usr/sbin/nologin",
                       "--user-group", "--comment", f"course hub learner {self.user.name}", self.account]
            process = await asyncio.create_subprocess_exec(*command, stderr=subprocess.PIPE)
            _, error = await process.communicate()
            if process.returncode:
                raise RuntimeError(f"useradd could not create {self.account}: {error.decode().strip()}")
            with open(Path(self.state_dir) / ACCOUNTS_FILE, "a") as accounts:
                accounts.write(self.account + "\n")
            home.chmod(0o700)
            self.log.info("Created OS account %s with home %s (mode 700)", self.account, home)
            return pwd.getpwnam(self.account)

    async def copy_course(self, account):
        """Bring the course into ~/course by course_copy's rules, running as the learner."""
        command = [sys.executable, str(HERE / "course_copy.py"), self.course_source,
                   str(Path(account.pw_dir) / "course"), "--link", f"data/mnist={self.mnist_dir}"]
        process = await asyncio.create_subprocess_exec(
            *command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=account.pw_dir,
            preexec_fn=set_user_setuid(self.account, chdir=False), env={"PATH": os.defpath, "HOME": account.pw_dir})
        output, _ = await process.communicate()
        if process.returncode:
            raise RuntimeError(f"Copying the course for {self.user.name} failed: {output.decode().strip()}")
        self.log.info("%s: %s", self.user.name, output.decode().strip())

    def make_cgroup(self):
        """Make the learner's memory cgroup with its limit (an existing one keeps its peak, so it is reset)."""
        folder = self.cgroup
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "memory.limit_in_bytes").write_text(str(self.memory_limit_bytes))
        (folder / "memory.max_usage_in_bytes").write_text("0")

    def make_preexec_fn(self, name):
        """Join the learner's memory cgroup (as root, before exec), then become the learner's OS account."""
        become_learner = set_user_setuid(self.account)
        procs = str(self.cgroup / "cgroup.procs") if self.cgroup else None

        def preexec():
            if procs:
                with open(procs, "w") as handle:
                    handle.write(str(os.getpid()))
            become_learner()

        return preexec

    def user_env(self, env):
        """The learner's own USER, HOME and shell, and their copy of the course's helpers first on the path."""
        account = pwd.getpwnam(self.account)
        env.update(USER=self.account, HOME=account.pw_dir, SHELL="/bin/bash",
                   PYTHONPATH=str(Path(account.pw_dir) / "course"),
                   PATH=f"{Path(sys.executable).parent}:{os.defpath}")
        return env

    async def start(self):
        """Create the account, bring the course up to date, set the memory limit, then start the server."""
        account = await self.ensure_account()
        await self.copy_course(account)
        if self.cgroup:
            self.make_cgroup()
        return await super().start()

    async def stop(self, now=False):
        """Stop the server, then anything of the learner's still in their cgroup (a kernel left behind)."""
        await super().stop(now=now)
        if self.cgroup:
            for pid in cgroup_processes(self.cgroup):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            for _ in range(50):
                try:
                    self.cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    await asyncio.sleep(0.1)
