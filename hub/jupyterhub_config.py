"""JupyterHub for the course on one Linux server (make hub). hub/serve.py sets the COURSE_HUB_* variables read here.

- Sign-in: FirstUseAuthenticator (each learner picks their own password the first time they sign in; no default
  passwords, nothing to hand out). The instructor (COURSE_HUB_ADMIN) is the hub's admin.
- Each learner: their own OS account (prefix + name, home folder mode 700), their own copy of the course in
  ~/course (hub/course_copy.py), a single-user JupyterLab on the course's .venv, in a memory cgroup of their own.
- The proxy: configurable-http-proxy from hub/node_modules (hub/package-lock.json).
- Idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from course_hub import DEFAULT_MEMORY, USERNAME_PATTERN, own_memory_cgroup, parse_size  # noqa: E402

c = get_config()  # noqa: F821 (JupyterHub provides it)


def setting(name, default=None):
    """Return COURSE_HUB_<name> from the environment, or default."""
    return os.environ.get(f"COURSE_HUB_{name}", default)


state = Path(setting("STATE", "/var/lib/course-hub"))
ip = setting("IP", "127.0.0.1")
port = int(setting("PORT", "8000"))
admin = setting("ADMIN", "instructor")

c.JupyterHub.bind_url = f"http://{ip}:{port}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{setting('HUB_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
c.JupyterHub.data_files_path = str(Path(sys.prefix) / "share" / "jupyterhub")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.shutdown_on_logout = False
c.JupyterHub.active_server_limit = int(setting("MAX_SERVERS", "0"))  # past it, a learner is asked to try again

c.JupyterHub.authenticator_class = "course_hub.CourseAuthenticator"
c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
c.FirstUseAuthenticator.min_password_length = 8
c.Authenticator.admin_users = {admin}
c.Authenticator.allow_all = True  # anyone who can reach the hub may claim a free name: see the instructor guide

c.JupyterHub.spawner_class = "course_hub.CourseSpawner"
c.CourseSpawner.state_dir = str(state)
c.CourseSpawner.account_prefix = setting("PREFIX", "hub-")
c.CourseSpawner.homes = setting("HOMES", "/home")
c.CourseSpawner.course_source = setting("SOURCE", str(HERE.parent))
c.CourseSpawner.mnist_dir = str(HERE.parent / "data" / "mnist")
c.CourseSpawner.memory_limit_bytes = parse_size(setting("MEMORY", DEFAULT_MEMORY))
cgroup_parent = own_memory_cgroup()
c.CourseSpawner.cgroup_parent = str(cgroup_parent / setting("CGROUP", "course-hub")) if cgroup_parent else ""
c.Spawner.cmd = [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/course/notebooks"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.env_keep = ["LANG", "LC_ALL"]

cull_timeout = int(setting("CULL_TIMEOUT", "3600"))
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={cull_timeout}",
                f"--cull-every={max(5, min(300, cull_timeout // 2))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# Names: what USERNAME_PATTERN allows (the OS account adds the prefix).
c.Authenticator.username_pattern = USERNAME_PATTERN
