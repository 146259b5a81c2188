"""make html: the course site (Sphinx, myst-nb, sphinx-book-theme) shows every notebook's stored outputs with its
widgets frozen into their figures, the notation page and the instructor guide, and in headless Chromium with the
network cut (a network namespace of its own, where the test runs as root) loads nothing but its own files:
formulas typeset by the local MathJax, search working, every image drawn."""

import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from course_notebooks import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
import build_html  # noqa: E402
from servers import find_chromium  # noqa: E402

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg+M/AAAUAAgHis/amAAAAAElFTkSuQmCC"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
REMOTE_LOAD = re.compile(r'<(?:script|link|img|iframe|source)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The course site built from the committed notebooks into a temporary folder."""
    folder = tmp_path_factory.mktemp("site")
    notebooks = [ROOT / "notebooks" / name for name in NOTEBOOKS]
    return build_html.build(notebooks, out=folder / "html", source=folder / "source").parent


def widget_notebook():
    """Return a stored notebook whose one output is a widget view: a box holding a slider and an output area."""
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("widgets.play(draw, m=...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        build_html.WIDGET_VIEW: {"model_id": "box", "version_major": 2, "version_minor": 0},
        "text/plain": "VBox(...)"})]
    notebook.cells = [cell]
    notebook.metadata["widgets"] = {build_html.WIDGET_STATE: {"state": {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_slider", "IPY_MODEL_out"]}},
        "slider": {"model_name": "FloatSliderModel", "state": {}},
        "out": {"model_name": "OutputModel", "state": {"outputs": [
            {"output_type": "display_data", "data": {"image/png": PNG}, "metadata": {}}]}},
    }}}
    return notebook


def test_a_widget_view_is_replaced_by_the_figure_its_output_area_held_and_the_widget_state_is_dropped():
    notebook = build_html.freeze_widgets(widget_notebook())
    outputs = notebook.cells[0].outputs
    assert [list(o["data"]) for o in outputs] == [["text/markdown"], ["image/png"]], outputs
    assert "open the notebook in JupyterLab" in outputs[0]["data"]["text/markdown"]
    assert outputs[1]["data"]["image/png"] == PNG
    assert "widgets" not in notebook.metadata, "widget state left in would make the page load a widget manager"


def test_a_progress_bar_becomes_what_it_said_and_a_drawing_pad_says_where_to_use_it():
    state = {
        "bar": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_p", "IPY_MODEL_l"]}},
        "p": {"model_name": "IntProgressModel", "state": {"description": "training", "value": 540, "max": 540}},
        "l": {"model_name": "LabelModel", "state": {"value": "epoch 5/5 · 113 s"}},
        "pad": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_c", "IPY_MODEL_h"]}},
        "c": {"model_name": "CanvasModel", "state": {}},
        "h": {"model_name": "HTMLModel", "state": {"value": "<b>Draw</b> a digit"}},
    }
    (text,) = build_html.frozen_view(state, "bar")
    assert text["text"] == "training: 540 of 540 · epoch 5/5 · 113 s\n", text
    note, said = build_html.frozen_view(state, "pad")
    assert note["data"]["text/markdown"] == build_html.INTERACTIVE_NOTE and said["text"] == "Draw a digit\n"


def test_a_link_to_a_repository_file_that_is_not_a_page_points_at_the_published_repository():
    staged = {"docs/notation.md", "notebooks/01_least_squares.ipynb"}
    repository = build_html.repository_url()
    text = "See [the notation](../docs/notation.md), [results](../benchmarks/results.md#cpu) and [a](https://x.org)."
    assert build_html.link_outside(text, "notebooks/01_least_squares.ipynb", staged, repository) == (
        f"See [the notation](../docs/notation.md), [results]({repository}/blob/main/benchmarks/results.md#cpu) "
        "and [a](https://x.org)."
    )


def test_the_site_has_a_page_per_notebook_and_the_notation_and_instructor_pages_and_loads_nothing_remote(site):
    pages = [f"notebooks/{Path(name).stem}.html" for name in NOTEBOOKS] + ["docs/notation.html",
                                                                          "docs/instructor-guide.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert f'href="{page}"' in index, f"the index does not link {page}"
    for page in ["index.html", "search.html", *pages]:
        text = (site / page).read_text(encoding="utf-8")
        assert not REMOTE_LOAD.findall(text), f"{page} loads from the internet: {REMOTE_LOAD.findall(text)}"
        assert "widget-view+json" not in text and "embed-amd" not in text, f"{page} still holds a widget view"
    assert (site / "_static" / "mathjax" / "MathJax.js").is_file(), "MathJax was not copied beside the pages"


def network_cut_launcher(chromium, folder):
    """Return a program that starts chromium with no network at all (in a network namespace of its own, which
    needs root and unshare), or chromium itself where that cannot be done."""
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or os.geteuid() != 0 or unshare is None:
        return chromium
    launcher = folder / "chromium-without-network"
    launcher.write_text(f'#!/bin/sh\nexec {unshare} --net -- {chromium} "$@"\n')
    launcher.chmod(0o755)
    return str(launcher)


@pytest.fixture(scope="module")
def offline_browser(tmp_path_factory):
    """A headless Chromium with the network cut (where root may cut it), driven by Playwright; every request is
    recorded, and any that is not for a local file is aborted as well."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("no Chromium found for the site's offline test: run `make chromium`")
        pytest.skip("no Chromium found for the site's offline test: run `make chromium`")
    from playwright.sync_api import sync_playwright

    launcher = network_cut_launcher(path, tmp_path_factory.mktemp("chromium"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=launcher, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), lambda route: route.abort("internetdisconnected"))
        try:
            yield context, requests
        finally:
            context.close()
            browser.close()


def open_page(context, url):
    """Open url in a new page, wait until it has loaded, and return the page."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def test_a_notebook_page_typesets_every_formula_and_draws_every_figure_with_no_network(site, offline_browser):
    context, requests = offline_browser
    page = open_page(context, (site / "notebooks" / "01_least_squares.html").as_uri())
    page.wait_for_function("""() => { const m = document.querySelectorAll('.math');
        return m.length > 0 && [...m].every(e => e.querySelector('.MathJax, .MathJax_Display')); }""", timeout=60_000)
    formulas = page.locator(".math").count()
    left = page.evaluate("""() => { const a = document.querySelector('article').cloneNode(true);
        a.querySelectorAll('script, pre, code').forEach(e => e.remove());
        return a.textContent.match(/\\$[^$\\n]{1,80}\\$|\\\\\\(/g) || []; }""")
    assert formulas > 10 and not left, f"{formulas} formulas; left untypeset: {left[:3]}"
    broken = page.evaluate("() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
    assert page.locator("img").count() > 3 and not broken, f"images that did not load: {broken}"
    frozen = page.locator(".cell_output", has_text="Interactive controls")
    assert frozen.count() == 1 and frozen.locator("img").count() >= 1, "the slider's figure should be drawn"
    if os.environ.get("HTML_SCREENSHOTS"):  # a folder: the slider's frozen figure and the formulas above it
        page.evaluate("element => element.scrollIntoView({block: 'end'})", frozen.element_handle())
        page.screenshot(path=Path(os.environ["HTML_SCREENSHOTS"]) / "site-notebook-01.png")
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert not outside, f"the page asked the network for {outside}"


def test_the_index_links_every_page_and_search_finds_a_word_with_no_network(site, offline_browser):
    context, requests = offline_browser
    index = open_page(context, (site / "index.html").as_uri())
    titles = index.locator("nav.bd-links a").all_inner_texts()
    assert len(titles) >= len(NOTEBOOKS) + 2, f"the navigation lists {titles}"
    if os.environ.get("HTML_SCREENSHOTS"):
        index.screenshot(path=Path(os.environ["HTML_SCREENSHOTS"]) / "site-index.png")
    search = open_page(context, (site / "search.html").as_uri() + "?q=perceptron")
    search.wait_for_selector("#search-results li", timeout=60_000)
    found = search.locator("#search-results li a").all_inner_texts()
    assert any("perceptron" in title.lower() for title in found), f"searching 'perceptron' found {found}"
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert not outside, f"the site asked the network for {outside}"
