"""Build the course site into build/html/ with Sphinx, myst-nb and sphinx-book-theme: `make html`.

The site shows each notebook with the outputs it was committed with (nothing is executed here: `make execute`
re-runs them), the notation page and the instructor guide, with navigation and search, and needs no network:
the formulas are typeset by the MathJax copied beside the pages (site/conf.py). The sources are staged in
build/site-source/ first: each widget is replaced by what it showed when the notebook ran (the figures its
output areas held, what its progress bars and labels said; widgets need a kernel), and a link to a repository
file that is not a page of the site points at the file in the published repository instead.
"""

import posixpath
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "site"  # conf.py and the index page
SOURCE = ROOT / "build" / "site-source"
OUT = ROOT / "build" / "html"
PAGES = ["docs/notation.md", "docs/instructor-guide.md"]  # besides site/index.md and notebooks/*.ipynb
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FROZEN_NOTE = ("*Interactive controls: open the notebook in JupyterLab to move them. "
               "The figure below shows their starting values.*")
INTERACTIVE_NOTE = "*An interactive widget: open the notebook in JupyterLab to use it.*"
CONTROLS = ("Slider", "Dropdown", "Button", "Canvas", "Text", "Checkbox", "Toggle")  # model names a learner moves
RELATIVE_LINK = re.compile(r"\]\((?!https?:|#|mailto:)([^)\s]+)\)")


def repository_url():
    """Return the published repository's address (pyproject.toml's [project.urls] Repository)."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["urls"]["Repository"]


def widget_models(state, model_id):
    """Return the widget models under model_id in the notebook's widget state, depth first."""
    model = state.get(model_id)
    if model is None:
        return []
    found = [model]
    for child in model.get("state", {}).get("children", []):
        found += widget_models(state, str(child).removeprefix("IPY_MODEL_"))
    return found


def widget_text(model):
    """Return what a progress bar, label or HTML widget says, as plain text ('' for any other widget)."""
    name, fields = model.get("model_name", ""), model.get("state", {})
    if "Progress" in name:
        return f"{fields.get('description') or 'progress'}: {fields.get('value', 0):,} of {fields.get('max', 100):,}"
    if name in ("LabelModel", "HTMLModel"):
        return re.sub(r"<[^>]+>", "", str(fields.get("value", ""))).strip()
    return ""


def frozen_view(state, model_id):
    """Return the static outputs that stand for one widget view: a note where it had controls to move, what its
    progress bars and labels said when the notebook ran, and the outputs its output areas held (its figures)."""
    models = widget_models(state, model_id)
    held = [nbformat.from_dict(o) for m in models if m.get("model_name") == "OutputModel"
            for o in m.get("state", {}).get("outputs", [])]
    texts = [text for text in map(widget_text, models) if text]
    frozen = []
    if any(kind in m.get("model_name", "") for m in models for kind in CONTROLS):
        frozen.append(nbformat.v4.new_output("display_data",
                                             data={"text/markdown": FROZEN_NOTE if held else INTERACTIVE_NOTE}))
    if texts:
        frozen.append(nbformat.v4.new_output("stream", name="stdout", text=" · ".join(texts) + "\n"))
    return frozen + held


def freeze_widgets(notebook):
    """Replace every widget view in notebook by its static outputs (frozen_view); drop the widget state."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            outputs += [output] if view is None else frozen_view(state, view["model_id"])
        cell.outputs = outputs
    notebook.metadata.pop("widgets", None)
    return notebook


def link_outside(text, page, staged, repository):
    """Return markdown text (of the page at repository path page) with each relative link to a file that is not
    in staged (the site's repository paths) pointing at that file in the repository instead."""

    def rewrite(match):
        target, _, anchor = match.group(1).partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if resolved in staged or not (ROOT / resolved).exists():
            return match.group(0)
        return f"]({repository}/blob/main/{resolved}{'#' + anchor if anchor else ''})"

    return RELATIVE_LINK.sub(rewrite, text)


def write_if_changed(path, text):
    """Write text to path unless it already holds it (so that Sphinx rebuilds only what changed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def stage(notebooks, source=SOURCE):
    """Write the site's sources to source: the index, the notebooks with frozen widgets, the pages."""
    source = Path(source)
    staged = {f"notebooks/{Path(p).name}" for p in notebooks} | set(PAGES)
    repository = repository_url()
    wanted = {source / "index.md": (CONF / "index.md").read_text(encoding="utf-8")}
    for path in notebooks:
        notebook = freeze_widgets(nbformat.read(path, as_version=4))
        page = f"notebooks/{Path(path).name}"
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = link_outside(cell.source, page, staged, repository)
        wanted[source / page] = nbformat.writes(notebook)
    for page in PAGES:
        wanted[source / page] = link_outside((ROOT / page).read_text(encoding="utf-8"), page, staged, repository)
    for path in [p for p in source.rglob("*") if p.is_file()] if source.exists() else []:
        if path not in wanted:
            path.unlink()  # a notebook or page that is gone
    for path, text in wanted.items():
        write_if_changed(path, text)
    return source


def build(notebooks, out=OUT, source=SOURCE):
    """Stage the sources and build the site into out with Sphinx (warnings are errors); return the index."""
    stage(notebooks, source)
    out = Path(out)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-c", str(CONF),
               "-d", str(Path(source).parent / "site-doctrees"), str(source), str(out)]
    status = subprocess.run(command).returncode
    if status:
        raise SystemExit(f"make html: Sphinx failed (exit status {status}); its messages are above.")
    return out / "index.html"


def main():
    """Build the site from notebooks/ and say where it is."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        sys.exit("No notebooks found in notebooks/.")
    index = build(notebooks)
    print(f"Wrote the course site ({len(notebooks)} notebooks, {len(PAGES)} pages): {index.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
