"""hub/kubernetes: the Zero to JupyterHub values pass the chart's own values schema, and say what make hub says.

Helm validates the chart's default values deep-merged with the user's config.yaml (maps key by key, anything else
replaced), so that merge is what is checked here, against hub/kubernetes/z2jh/values.schema.yaml (from the chart).
"""

import copy
import re
import sys

import jsonschema
import pytest
import yaml
from course_notebooks import ROOT

sys.path.insert(0, str(ROOT / "hub"))
from course_hub import DEFAULT_MEMORY, parse_size  # noqa: E402

KUBERNETES = ROOT / "hub" / "kubernetes"


def load(path):
    """Read a YAML file."""
    return yaml.safe_load(path.read_text())


def merged(defaults, config):
    """Helm's merge of values: maps merge key by key; a list or scalar from config replaces the default."""
    result = copy.deepcopy(defaults)
    for key, value in config.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def schema_errors(config):
    """The schema's complaints about the chart's defaults merged with config, one line each."""
    values = merged(load(KUBERNETES / "z2jh" / "values.yaml"), config)
    validator = jsonschema.Draft7Validator(load(KUBERNETES / "z2jh" / "values.schema.yaml"))
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(values)]


@pytest.fixture(scope="module")
def config():
    return load(KUBERNETES / "config.yaml")


def test_the_course_config_passes_the_charts_values_schema(config):
    assert schema_errors(config) == []


def test_the_schema_check_catches_a_misspelt_setting(config):
    wrong = merged(config, {"singleuser": {"memory": {"limits": "3G"}}})
    assert any("limits" in error for error in schema_errors(wrong)), "a misspelt key should fail the schema"


def test_the_chart_runs_the_same_course_as_make_hub(config):
    single = config["singleuser"]
    assert parse_size(single["memory"]["limit"]) == parse_size(DEFAULT_MEMORY), "the memory limit differs from make hub"
    assert parse_size(single["memory"]["guarantee"]) < parse_size(single["memory"]["limit"])
    assert config["cull"]["enabled"] and config["cull"]["timeout"] == 3600
    assert config["hub"]["config"]["JupyterHub"]["authenticator_class"] == "firstuseauthenticator.FirstUseAuthenticator"
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[1] == "/srv/course/hub/course_copy.py" and single["extraEnv"]["PYTHONPATH"] == command[3]


def test_the_image_installs_the_locked_environment_by_hash_and_holds_what_the_config_runs(config):
    dockerfile = (KUBERNETES / "Dockerfile").read_text()
    assert "--require-hashes --no-deps -r /srv/course/requirements.lock" in dockerfile
    assert "python -m helpers.mnist" in dockerfile, "MNIST should be verified into the image, once"
    copied = re.findall(r"^COPY (\S+) (\S+)$", dockerfile, flags=re.MULTILINE)
    assert ("hub/course_copy.py", config["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"][1]) in copied
    for source, _ in copied:
        assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which the repository lacks"
