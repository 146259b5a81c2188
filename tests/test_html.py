"""make html: a notebook is executed, its widgets are frozen into their figures, and an index links it."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_html as html_tool  # noqa: E402

WIDGET_NOTEBOOK = [
    "# A tiny course page",
    "import matplotlib.pyplot as plt\nfrom helpers import widgets\n\n"
    "def draw(m):\n    plt.plot([0, 1], [0, m])\n    plt.show()\n\n"
    "widgets.play(draw, m=widgets.float_slider(2.0, 0, 5, 0.5, 'm'))",
]


def test_html_build_freezes_widgets_into_figures_and_writes_an_index(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(WIDGET_NOTEBOOK[0]), nbformat.v4.new_code_cell(WIDGET_NOTEBOOK[1])]
    source = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, source)
    index = html_tool.build([source], out=tmp_path / "html")
    page = (tmp_path / "html" / "tiny.html").read_text()
    assert html_tool.WIDGET_VIEW not in page, "a widget view survived: it would render as nothing offline"
    assert "data:image/png;base64" in page, "the widget's figure should be in the page as an image"
    assert "Interactive controls" in page, "the page should say the controls need JupyterLab"
    listing = index.read_text()
    assert 'href="tiny.html"' in listing and "A tiny course page" in listing, "the index should link the page"


def test_widget_outputs_walks_nested_children():
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_out"]}},
        "slider": {"model_name": "FloatSliderModel", "state": {}},
        "out": {"model_name": "OutputModel", "state": {"outputs": [{"output_type": "stream", "text": "hi"}]}},
    }
    assert html_tool.widget_outputs(state, "box") == [{"output_type": "stream", "text": "hi"}]
    assert html_tool.widget_outputs(state, "missing") == []


def test_pages_typeset_formulas_with_the_mathjax_copied_beside_them_and_load_nothing_from_the_internet(tmp_path):
    notebook = nbformat.v4.new_notebook()
    formula = "$E = \\frac{1}{n}\\sum_i (y_i - mx_i - b)^2$"
    notebook.cells = [nbformat.v4.new_markdown_cell(f"# Formulas\n\nThe error is {formula}.")]
    source = tmp_path / "formulas.ipynb"
    nbformat.write(notebook, source)
    html_tool.build([source], out=tmp_path / "html")
    page = (tmp_path / "html" / "formulas.html").read_text()
    assert '<script src="mathjax/MathJax.js?config=' in page, "the page should load the MathJax copied beside it"
    assert page.index('webFont: "STIX-Web"') < page.index('src="mathjax/MathJax.js'), "the font config comes first"
    needed_files = ["MathJax.js", "config/TeX-AMS-MML_HTMLorMML-full.js", "jax/input/TeX/config.js",
                    "jax/output/HTML-CSS/fonts/STIX-Web/fontdata.js", "fonts/HTML-CSS/STIX-Web/woff"]
    for needed in needed_files:
        assert (tmp_path / "html" / "mathjax" / needed).exists(), f"mathjax/{needed} is missing beside the pages"
    remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', page)
    assert not remote, f"the page loads from the internet: {remote}"


def test_a_page_that_would_load_from_the_internet_is_refused():
    page = f'<script src="{html_tool.MATHJAX_URL}"> </script><script src="https://cdn.example.org/x.js"></script>'
    with pytest.raises(ValueError, match="from the internet"):
        html_tool.offline_page(page)
    with pytest.raises(ValueError, match="local MathJax.js"):
        html_tool.offline_page('<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js">')
