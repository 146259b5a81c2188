"""The course's public address is written once (pyproject.toml) and every link to it agrees."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_badges_and_the_hosted_setup_cell_use_the_repository_address():
    url = re.search(r'^Repository = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE).group(1)
    path = url.removeprefix("https://github.com/")
    readme = (ROOT / "README.md").read_text()
    for link in re.findall(r"\((https://(?:mybinder\.org|colab\.research\.google\.com)[^)]*)\)", readme):
        if "/badge" in link or "/assets/" in link:
            continue
        assert f"/{path}/" in link, f"README link {link} does not point at {url}"
    notebook = (ROOT / "notebooks" / "06_cnn_mnist.ipynb").read_text()
    assert url in notebook, f"notebook 06's hosted set-up cell should clone {url}"
