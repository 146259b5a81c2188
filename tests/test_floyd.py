"""floyd.yml is in FloydHub's format, and every path and command it names exists in this repository."""

import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FORMAT_KEYS = {"env", "machine", "input", "description", "max_runtime", "command", "task"}
TASK_KEYS = {"machine", "input", "description", "command", "env", "max_runtime"}


def floyd():
    return yaml.safe_load((ROOT / "floyd.yml").read_text())


def make_targets():
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))


def jobs(config):
    """Yield (name, job) for the top-level job and every named task."""
    yield "top level", config
    yield from config.get("task", {}).items()


def test_floyd_yml_uses_only_floydhub_keys_and_a_gpu():
    config = floyd()
    assert set(config) <= FORMAT_KEYS, f"unknown top-level keys in floyd.yml: {set(config) - FORMAT_KEYS}"
    assert config["env"].startswith("tensorflow-"), "env should name a FloydHub TensorFlow environment"
    assert {"lab", "train"} <= set(config["task"]), "floyd.yml should name a lab task and a headless train task"
    for name, job in jobs(config):
        assert set(job) <= FORMAT_KEYS | TASK_KEYS, f"{name}: unknown keys {set(job) - FORMAT_KEYS - TASK_KEYS}"
        assert job["machine"] == "gpu", f"{name}: the course's FloydHub jobs ran on a GPU machine"
        for mount in job["input"]:
            assert set(mount) == {"source", "destination"}, f"{name}: input entries need source and destination"


def test_every_command_names_existing_targets_paths_and_mounts():
    targets = make_targets()
    for name, job in jobs(floyd()):
        mounts = {"/" + mount["destination"] for mount in job["input"]}
        for step in job["command"].split("&&"):
            words = shlex.split(step)
            if words[0] == "make":
                assert words[1] in targets, f"{name}: `make {words[1]}` is not a Makefile target"
                for word in words[2:]:
                    if word.startswith("NB="):
                        assert (ROOT / word[3:]).is_file(), f"{name}: {word[3:]} does not exist"
            elif words[0] == "ln":
                source, link = words[-2], words[-1]
                assert source in mounts, f"{name}: links {source}, which no input mounts ({mounts})"
                assert (ROOT / link).parent.is_dir(), f"{name}: {link}'s folder does not exist"
                assert link == "data/mnist", f"{name}: MNIST must be linked where helpers/mnist.py looks (data/mnist)"
            else:
                raise AssertionError(f"{name}: unexpected command {step.strip()!r}")
