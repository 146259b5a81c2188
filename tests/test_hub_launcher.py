"""hub/serve.py and hub/course_hub.py's small parts: what make hub refuses and why, sizes, cgroups, closed folders."""

import subprocess
import sys

import pytest
from course_notebooks import ROOT

sys.path.insert(0, str(ROOT / "hub"))
from course_hub import own_memory_cgroup, parse_size  # noqa: E402
from serve import closed_folders  # noqa: E402


def serve(*args):
    """Run make hub's launcher with args; return the finished process."""
    return subprocess.run([sys.executable, str(ROOT / "hub" / "serve.py"), *args], capture_output=True, text=True,
                          timeout=60)


def test_make_hub_refuses_an_admin_name_that_is_no_account_name_and_says_what_a_name_may_hold(tmp_path):
    result = serve("--admin", "Bad Name", "--state", str(tmp_path / "state"))
    assert result.returncode == 1 and "lower-case letters, digits" in result.stderr, result.stderr
    assert not (tmp_path / "state").exists(), "nothing should be started or written"


def test_make_hub_refuses_a_memory_limit_that_is_not_a_size():
    result = serve("--memory", "lots")
    assert result.returncode == 2 and "for example 2G" in result.stderr, result.stderr


def test_sizes_are_read_in_binary_units_as_kubernetes_spawners_read_them():
    assert parse_size("3G") == 3 * 2**30 and parse_size("512M") == 512 * 2**20 and parse_size("1000") == 1000
    with pytest.raises(ValueError, match="for example 2G"):
        parse_size("3 gigs")


def test_a_folder_only_its_owner_may_enter_is_found_on_the_way_to_a_file(tmp_path):
    closed = tmp_path / "closed"
    (closed / "inside").mkdir(parents=True)
    target = closed / "inside" / "python"
    target.write_text("")
    closed.chmod(0o700)
    try:
        assert closed in closed_folders(target)
        closed.chmod(0o701)
        assert closed not in closed_folders(target)
    finally:
        closed.chmod(0o700)


def test_the_memory_cgroup_is_read_from_the_memory_line_of_proc_self_cgroup(tmp_path):
    mount = tmp_path / "memory"
    mount.mkdir()
    (mount / "cgroup.procs").write_text("")
    proc = tmp_path / "cgroup"
    proc.write_text("5:cpu,cpuacct:/a\n4:memory:/process_api/abc\n0::/\n")
    assert own_memory_cgroup(proc, mount) == mount / "process_api" / "abc"
    assert own_memory_cgroup(proc, tmp_path / "absent") is None
