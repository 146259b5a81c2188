"""Execute every notebook and write static HTML to build/html/, with an index page.

Run with `make html`, for projecting in a workshop or reading offline. Each interactive widget is
replaced by the figure its output area held when the notebook ran, so the pages need no kernel and
no JavaScript from the internet: the formulas are typeset by MathJax 2.7, copied beside the pages from the
pinned `jupyter-server-mathjax` wheel (build/html/mathjax/) with its STIX web fonts.
"""

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "html"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TIMEOUT_S = 1800
MATHJAX_DIR = "mathjax"
# The wheel ships MathJax 2.7 with one combined configuration (TeX in, HTML-CSS out) and the STIX web fonts only:
# MathJax must be told to use those fonts, not to look for its TeX fonts or for images of glyphs.
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
MATHJAX_CONFIG = """<script type="text/x-mathjax-config">
    MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}});
    </script>
"""


def mathjax_source():
    """Return the folder of MathJax's files inside the installed jupyter-server-mathjax package."""
    import jupyter_server_mathjax

    folder = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (folder / "MathJax.js").is_file():
        raise FileNotFoundError(f"MathJax.js is missing from {folder}: reinstall with make setup")
    return folder


def copy_mathjax(out):
    """Copy MathJax beside the pages (out/mathjax/) and return the folder."""
    target = Path(out) / MATHJAX_DIR
    shutil.copytree(mathjax_source(), target, dirs_exist_ok=True)
    return target


def offline_page(body, require_js_url=None):
    """Return the exported page with MathJax's configuration put before the local MathJax.js is loaded, and
    without the template's require.js from a CDN (only widgets and JavaScript outputs use it, and widgets are
    frozen into their figures here)."""
    marker = f'<script src="{MATHJAX_URL}">'
    if marker not in body:
        raise ValueError("the page does not load the local MathJax.js: nbconvert's template changed")
    page = body.replace(marker, MATHJAX_CONFIG + "    " + marker, 1)
    if require_js_url:
        page = page.replace(f'<script src="{require_js_url}"></script>', "")
    remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', page)
    if remote:
        raise ValueError(f"the page would load from the internet: {remote}")
    return page


def widget_outputs(state, model_id):
    """Return the outputs stored in the Output widgets under model_id (depth first)."""
    model = state.get(model_id)
    if model is None:
        return []
    fields = model.get("state", {})
    if model.get("model_name") == "OutputModel":
        return list(fields.get("outputs", []))
    found = []
    for child in fields.get("children", []):
        found += widget_outputs(state, str(child).removeprefix("IPY_MODEL_"))
    return found


def freeze_widgets(notebook):
    """Replace every widget view in notebook with the outputs its widgets held; drop the widget state."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
                continue
            frozen = [nbformat.from_dict(o) for o in widget_outputs(state, view["model_id"])]
            note = nbformat.v4.new_output(
                "display_data",
                data={"text/markdown": "*Interactive controls: open the notebook in JupyterLab to move them. "
                                       "The figure below shows their starting values.*"},
            )
            outputs += [note] + frozen
        cell.outputs = outputs
    notebook.metadata.pop("widgets", None)
    return notebook


def execute(path):
    """Run a notebook from a fresh kernel in its own folder and return it with outputs and widget state."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}, store_widget_state=True)
    client.execute()
    return notebook


def title_of(notebook, fallback):
    """Return the notebook's first-level heading, or fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def index_page(entries):
    """Return the index page's HTML for a list of (file name, title)."""
    items = "\n".join(
        f'    <li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in entries
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Coding the History of Deep Learning</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; line-height: 1.5; }}
    li {{ margin: 0.6rem 0; font-size: 1.15rem; }}
  </style>
</head>
<body>
  <h1>Coding the History of Deep Learning</h1>
  <p>Six pieces of code that made deep learning, executed and saved as static pages.
     Open the notebooks in JupyterLab (<code>make lab</code>) to run them and move the sliders.</p>
  <ol>
{items}
  </ol>
</body>
</html>
"""


def build(notebooks, out=OUT):
    """Execute each notebook, write its HTML page and an index page to out; return the index path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    exporter = HTMLExporter(mathjax_url=MATHJAX_URL)
    entries = []
    for path in notebooks:
        print(f"executing {path.name} ...", flush=True)
        notebook = freeze_widgets(execute(path))
        body, _ = exporter.from_notebook_node(notebook)
        page = path.with_suffix(".html").name
        (out / page).write_text(offline_page(body, exporter.require_js_url), encoding="utf-8")
        entries.append((page, title_of(notebook, path.stem)))
    index = out / "index.html"
    index.write_text(index_page(entries), encoding="utf-8")
    return index


def main():
    """Build the static HTML course from notebooks/ (or the notebooks named on the command line)."""
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        sys.exit("No notebooks found in notebooks/.")
    index = build(paths)
    print(f"Wrote {len(paths)} pages and {index.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
