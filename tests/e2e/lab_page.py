"""One notebook open in JupyterLab in the browser, driven the way a learner drives it.

The learner's actions go through JupyterLab's own menus and controls (Edit > Clear Outputs of All Cells,
Run > Run All Cells, the keyboard on a slider's handle); what is checked is what the page shows.
"""

import contextlib
import json
import re
import time
from pathlib import Path

# What the page shows of every code cell, read in one go: its prompt, and each output's kind and text,
# with what a widget output holds. Widget outputs nest outputs of their own (the figure an interactive
# redraws), so errors are looked for in every output, nested or not. Text is read with textContent:
# JupyterLab does not lay out cells far off screen, and innerText is empty for those.
# A cell whose source is collapsed (the solutions) shows no input prompt; its outputs show that it ran.
READ_CELLS = """() => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const describe = (output) => ({
    mime: output.dataset.mimeType || '',
    text: output.textContent.slice(0, 3000),
    widget: output.matches('.jupyter-widgets') || output.querySelector('.jupyter-widgets') !== null,
    interactive: output.querySelector('.widget-interact') !== null,
    controls: output.querySelectorAll(
      '.widget-slider, .widget-dropdown, .widget-toggle-buttons, .widget-checkbox, .widget-text, ' +
      '.widget-button, .widget-radio, .widget-select, .widget-play, .widget-hprogress, .widget-vprogress').length,
    sliders: output.querySelectorAll('.widget-slider').length,
    figures: output.querySelectorAll('.jp-OutputArea-output[data-mime-type^="image/"]').length,
  });
  return Array.from(notebook.querySelectorAll('.jp-Cell.jp-CodeCell')).map((cell) => ({
    prompt: (cell.querySelector('.jp-InputArea-prompt') || {}).textContent || '',
    collapsed: cell.querySelector('.jp-InputPlaceholder') !== null,
    outputs: Array.from(cell.querySelectorAll(
      '.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output')).map(describe),
    nested: Array.from(cell.querySelectorAll('.jupyter-widgets .jp-OutputArea-output')).map(describe),
  }));
}"""

# How tall the page must be for the whole notebook to show at once (for the screenshot): down to the
# bottom of its last cell, not into the room JupyterLab leaves for scrolling past it. It scrolls the
# notebook back to its top first.
NOTEBOOK_HEIGHT = """() => {
  const scroller = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  const cells = scroller ? scroller.querySelectorAll('.jp-Cell') : [];
  if (!cells.length) return window.innerHeight;
  scroller.scrollTop = 0;
  const last = cells[cells.length - 1].getBoundingClientRect().bottom;
  const content = last - scroller.getBoundingClientRect().top + scroller.scrollTop;
  return Math.ceil(content + 40 + window.innerHeight - scroller.clientHeight);
}"""

# A widget a learner plays with: a widget output holding a slider and a figure (an image: the course draws
# PNGs). Each such output is found by its outermost widget, in page order (cells far off screen included).
PLAY_SELECTOR = (".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output"
                 ":has(.jupyter-widgets .widget-slider):has(.jupyter-widgets img)")

PLAY_WIDGETS = f"""() => Array.from(
  document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) {PLAY_SELECTOR}')).map((area) =>
    Array.from(area.querySelectorAll('.widget-slider')).map(
      (slider) => (slider.querySelector('.widget-label') || {{}}).textContent || ''))"""

# Watch one widget's figure for the next redraw after a key press on one of its sliders. The clock starts at
# the key press (the keydown event's own time stamp) and stops when the figure's image has changed, the new
# image is decoded, and the next frame is painted. window.__redraw.ms stays null until then.
WATCH_REDRAW = f"""([widget, slider]) => {{
  const area = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) {PLAY_SELECTOR}')[widget];
  const holder = area.querySelectorAll('.widget-slider')[slider];
  const handle = holder.querySelector('[role=slider]');
  const figure = () => Array.from(area.querySelectorAll('img')).map((image) => image.src).join(' ');
  const before = figure();
  const state = {{label: (holder.querySelector('.widget-label') || {{}}).textContent || '', ms: null, start: null}};
  const pressed = (event) => {{ if (state.start === null) state.start = event.timeStamp; }};
  const observer = new MutationObserver(() => {{
    const now = figure();
    if (state.start === null || now === before || now === '') return;
    observer.disconnect();
    const images = Array.from(area.querySelectorAll('img'));
    Promise.all(images.map((image) => image.decode().catch(() => null))).then(() =>
      requestAnimationFrame(() => {{ state.ms = performance.now() - state.start; }}));
  }});
  observer.observe(area, {{subtree: true, childList: true, attributes: true, attributeFilter: ['src']}});
  handle.addEventListener('keydown', pressed, {{capture: true}});
  state.stop = () => {{ observer.disconnect(); handle.removeEventListener('keydown', pressed, {{capture: true}}); }};
  window.__redraw = state;
}}"""

# The raw text Python shows for a widget when the page cannot draw it: `IntSlider(value=3, ...)`,
# `interactive(children=(FloatSlider(...), Output()), ...)`, `VBox(...)`.
WIDGET_REPR = re.compile(
    r"^\s*(interactive|interactive_output|[A-Z]\w*(Slider|Box|Dropdown|Button|Buttons|Output|Text|Checkbox"
    r"|Widget|Play|Select|Tab|Accordion|Label|HTML))\(",
    re.MULTILINE,
)
PROMPT_DONE = re.compile(r"^\[\d+\]:$")

# The last line of an error as IPython prints it: `ValueError: ...`, `SyntaxError: ...`, `KeyboardInterrupt`.
ERROR_LINE = re.compile(r"^([A-Za-z_][\w.]*)?(Error|Exception|Interrupt)(:.*)?$", re.MULTILINE)


def code_cells(path):
    """Return (source, tags) of each code cell of the notebook file at path, in order."""
    notebook = json.loads(Path(path).read_text())
    return [("".join(cell["source"]), cell.get("metadata", {}).get("tags", []))
            for cell in notebook["cells"] if cell["cell_type"] == "code"]


def find_problems(cells, code):
    """Return what is wrong on the page, one line each: cells that did not run, errors, broken widgets.

    cells is what the page shows (NotebookPage.cells), code what the file holds (code_cells). A cell tagged
    `raises-exception` may show its error, as under nbval, where JupyterLab runs on past it.
    """
    problems = []
    if len(cells) != len(code):
        problems.append(f"the page shows {len(cells)} code cells, the file has {len(code)}")
    for number, (cell, (source, tags)) in enumerate(zip(cells, code, strict=False), start=1):
        if not source.strip():
            continue  # JupyterLab does not run an empty cell
        where = f"code cell {number} ({source.strip().splitlines()[0][:60]!r})"
        prompt = cell["prompt"].strip()
        if cell.get("collapsed") and not prompt:
            if not cell["outputs"]:
                problems.append(f"{where} (source collapsed) shows no output: it did not run")
        elif not PROMPT_DONE.match(prompt):
            problems.append(f"{where} did not run (its prompt shows {prompt!r})")
        for output in cell["outputs"] + cell["nested"]:
            text = output["text"]
            error = "Traceback" in text or ERROR_LINE.search(text)
            if output["mime"] == "application/vnd.jupyter.stderr" and error and "raises-exception" not in tags:
                last = [line for line in text.strip().splitlines() if line.strip()][-1]
                problems.append(f"{where} shows an error: {last[:200]}")
            elif "Error displaying widget" in text:
                problems.append(f"{where} shows {text.strip()[:200]!r}")
            elif output["mime"] == "text/plain" and WIDGET_REPR.search(text):
                problems.append(f"{where} shows a widget as raw text instead of controls: {text.strip()[:120]!r}")
        for output in cell["outputs"]:
            if output["widget"] and "Error displaying widget" not in output["text"] and not output["controls"]:
                problems.append(f"{where} has a widget area with no controls in it")
            if output["interactive"] and not output["sliders"] and not output["controls"]:
                problems.append(f"{where} has an interactive widget with no slider or menu")
    return problems


class NotebookPage:
    """A notebook (path relative to the server's root) in a browser page logged in to a JupyterLab server."""

    def __init__(self, page, lab, path):
        self.page = page
        self.lab = lab
        self.path = path

    def open(self, timeout=120):
        """Open the notebook in a fresh workspace and wait until its kernel is idle."""
        self.page.goto(self.lab.url(f"/lab/tree/{self.path}?reset"), timeout=timeout * 1000)
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout * 1000)
        self._accept_kernel_dialog()
        self._wait_for(lambda: self.lab.kernel_state(self.path) == "idle", timeout, "its kernel to start")

    def _accept_kernel_dialog(self):
        """Accept the 'Select Kernel' dialog if JupyterLab asks (a notebook without a kernelspec)."""
        dialog = self.page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()

    def menu(self, menu, command):
        """Click a top-level menu (File, Edit, Run, ...) and then the item that runs command."""
        self.page.get_by_role("menuitem", name=menu, exact=True).click()
        self.page.locator(f'.lm-Menu-item[data-command="{command}"]').click()

    def run_all(self, timeout):
        """Clear every output, run all cells, and wait until no cell is queued or running and the kernel idles."""
        self.menu("Edit", "editmenu:clear-all")
        self.menu("Run", "runmenu:run-all")
        self._wait_for(self._finished, timeout, "all cells to run")

    def _finished(self):
        """Say whether no cell shows [*] and the kernel is idle, twice in a row a second apart."""
        for attempt in range(2):
            if attempt:
                time.sleep(1)
            prompts = self.page.eval_on_selector_all(".jp-Cell.jp-CodeCell .jp-InputArea-prompt",
                                                     "nodes => nodes.map(n => n.textContent.trim())")
            if "[*]:" in prompts or self.lab.kernel_state(self.path) != "idle":
                return False
        return True

    def cells(self, settle=30):
        """Return what the page shows of every code cell, once it has stopped changing (widgets draw late)."""
        previous = self.page.evaluate(READ_CELLS)
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            time.sleep(1)
            current = self.page.evaluate(READ_CELLS)
            if current == previous:
                break
            previous = current
        return previous

    def play_widgets(self):
        """Return, for each widget on the page with a slider over a figure, the labels of its sliders."""
        return self.page.evaluate(PLAY_WIDGETS)

    def press_slider(self, widget, slider, leftward=False, timeout=60):
        """Press an arrow key on a slider's handle and time the figure's redraw, as a learner would see it.

        widget and slider count from 0 in the order play_widgets lists them. The key is the right arrow (the
        left one when leftward), turning back at the end of the range. Return {label, before, after, ms}: the
        value the slider shows before and after, and the milliseconds from the key press to the moment the
        new figure is decoded and painted (None when the figure did not change within timeout seconds).
        """
        area = self.page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PLAY_SELECTOR}").nth(widget)
        holder = area.locator(".widget-slider").nth(slider)
        handle, readout = holder.locator("[role=slider]"), holder.locator(".widget-readout")
        handle.scroll_into_view_if_needed()
        before = readout.text_content().strip()
        now = handle.get_attribute("aria-valuenow")
        at_top, at_bottom = now == handle.get_attribute("aria-valuemax"), now == handle.get_attribute("aria-valuemin")
        key = "ArrowLeft" if at_top or (leftward and not at_bottom) else "ArrowRight"
        self.page.evaluate(WATCH_REDRAW, [widget, slider])
        handle.focus()
        self.page.keyboard.press(key)
        from playwright.sync_api import TimeoutError as PageTimeout  # installed with the browser test only

        with contextlib.suppress(PageTimeout):  # no redraw in time: reported as ms None, with the values
            self.page.wait_for_function("() => window.__redraw.ms !== null", timeout=timeout * 1000, polling=50)
        result = self.page.evaluate("() => { window.__redraw.stop(); return {label: window.__redraw.label, "
                                    "ms: window.__redraw.ms}; }")
        return {"label": result["label"], "before": before, "after": readout.text_content().strip(),
                "ms": result["ms"]}

    def screenshot(self, path, max_height=32000):
        """Save a picture of the whole notebook (up to max_height pixels tall) to path."""
        open_tab = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_tab.count():
            open_tab.first.click()  # clicking the open side panel's tab folds it away, leaving room for the notebook
        viewport = self.page.viewport_size
        for _ in range(3):  # cells out of sight have estimated heights until they are laid out: measure again
            height = min(int(self.page.evaluate(NOTEBOOK_HEIGHT)), max_height)
            self.page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
            time.sleep(1)
        self.page.evaluate(NOTEBOOK_HEIGHT)  # back to the top after the last resize
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(viewport)

    @staticmethod
    def _poll(condition, timeout):
        """Poll condition every half second until it holds (return True) or timeout seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.5)
        return True

    def _wait_for(self, condition, timeout, what):
        """Poll condition until it holds; fail, saying what was awaited, after timeout seconds."""
        if not self._poll(condition, timeout):
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
