"""The course's JupyterLab settings (tools/jupyterlab-overrides.json): no news pop-up, no update check; they name
real settings of the installed JupyterLab, JupyterLab applies them, and the set-up put them in place."""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "tools" / "jupyterlab-overrides.json"
LAB = Path(sys.prefix) / "share" / "jupyter" / "lab"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_the_overrides_name_settings_that_the_installed_jupyterlab_has():
    schema = json.loads((LAB / "schemas" / "@jupyterlab" / "apputils-extension" / "notification.json").read_text())
    overrides = json.loads(OVERRIDES.read_text())[NOTIFICATION]
    unknown = set(overrides) - set(schema["properties"])
    assert not unknown, f"the overrides name settings JupyterLab does not have: {unknown}"
    allowed = [choice["const"] for choice in schema["properties"]["fetchNews"]["oneOf"]]
    assert overrides["fetchNews"] in allowed and overrides["fetchNews"] == "false", "'false' is JupyterLab's Never"


def test_jupyterlab_applies_the_overrides_so_it_never_asks_about_news(tmp_path):
    from jupyterlab_server.settings_utils import get_settings

    app_settings = tmp_path / "app-settings"
    app_settings.mkdir()
    shutil.copy(OVERRIDES, app_settings / "overrides.json")
    settings, warnings = get_settings(str(app_settings), str(LAB / "schemas"), str(tmp_path / "user"),
                                      schema_name=NOTIFICATION, labextensions_path=[])
    defaults = settings["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false", f"JupyterLab would still ask about news: {warnings}"
    assert defaults["checkForUpdates"]["default"] is False


def test_the_set_up_installed_the_overrides_into_the_environment():
    installed = LAB / "settings" / "overrides.json"
    assert installed.is_file(), f"{installed} is missing: make setup copies tools/jupyterlab-overrides.json there"
    assert json.loads(installed.read_text()) == json.loads(OVERRIDES.read_text()), "stale overrides: run make setup"
