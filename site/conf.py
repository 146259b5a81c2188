"""Sphinx configuration of the course site (`make html`, tools/build_html.py): the notebooks with their stored
outputs, the notation page and the instructor guide, readable with no network."""

import shutil
from pathlib import Path

import jupyter_server_mathjax

project = "Coding the History of Deep Learning"
author = "the course's authors"
extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["**.ipynb_checkpoints"]

# The notebooks are shown as committed (`make execute` re-runs them): building executes nothing.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # widgets are frozen into their figures before the build: no widget manager from a CDN
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
myst_update_mathjax = False  # it configures MathJax 3; the local copy below is MathJax 2.7

# MathJax 2.7 from the installed jupyter-server-mathjax package, copied into _static/mathjax/ (build_finished),
# with its STIX web fonts; it typesets only what Sphinx marks as math (class "math").
MATHJAX_FILES = Path(jupyter_server_mathjax.__file__).parent / "static"
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
mathjax2_config = {
    "HTML-CSS": {"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None},
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]], "processEscapes": False,
                "processClass": "math", "ignoreClass": "document"},
}

html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {"show_toc_level": 2, "use_download_button": False, "use_fullscreen_button": False}


def copy_mathjax(app, exception):
    """Copy MathJax beside the pages, so that formulas are typeset with no network."""
    if exception is None and app.builder.format == "html":
        if not (MATHJAX_FILES / "MathJax.js").is_file():
            raise FileNotFoundError(f"MathJax.js is missing from {MATHJAX_FILES}: reinstall with make setup")
        shutil.copytree(MATHJAX_FILES, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True)


def setup(app):
    app.connect("build-finished", copy_mathjax)
