"""What notebook 06 shows while it trains: a progress bar and a live loss/accuracy plot for TFLearn's fit(), and a
progress bar for today's recipe, which trains in a fresh Python process (helpers/fresh_python.py). Each records a
history (helpers/history.py) as it goes.

tflearn is never imported here (only helpers/tflearn_setup.py does that): live_training takes the module as an
argument.
"""

import time

from helpers import validate
from helpers.history import new_history, record_epoch, record_step
from helpers.plots.training import draw_training


def redraw_due(now, drawn_at, redraw_s, draw_seconds, share=0.05):
    """Return True when the live plot may be drawn again: redraw_s seconds after the last drawing ended, and never
    so often that drawing (training waits while the figure is rendered, about 0.4 s) takes more than `share` of
    the time."""
    return now - drawn_at > max(redraw_s, draw_seconds * (1 - share) / share)


def _no_clear_output(wait=False):
    """Stand in for IPython's clear_output while TFLearn trains: leave the cell's output alone."""


def live_training(tflearn, setting, *, show=True, redraw_s=3.0):
    """Return a tflearn callback that draws one progress bar and a live loss/accuracy plot while fit() runs.

    Its .history holds what it saw (see history.new_history); with show=False it only records (for scripts and
    tests). The plot is redrawn at most every redraw_s seconds, and less often when drawing it is slow (redraw_due).
    """
    redraw_s = validate.number(redraw_s, "redraw_s", minimum=0)

    class LiveTraining(tflearn.callbacks.Callback):
        """Progress bar, live plot and history for one call of model.fit()."""

        def __init__(self):
            super().__init__()
            self.history = new_history()
            self.total = setting.steps
            self._start = self._drawn = self._ticked = self._draw_seconds = 0.0
            self._bar = self._label = self._figure = self._handle = self._clear_output = None

        def on_train_begin(self, training_state):
            self._start = time.perf_counter()
            if show:
                import ipywidgets
                from IPython.display import display
                from matplotlib.figure import Figure

                self._bar = ipywidgets.IntProgress(value=0, min=0, max=self.total, description="training")
                self._label = ipywidgets.Label("starting...")
                display(ipywidgets.HBox([self._bar, self._label]))
                self._figure = Figure(figsize=(10, 3.4), layout="constrained")
                self._figure.subplots(1, 2)
                self._handle = display(self._figure, display_id=True)
            # With IPython versions that still offer IPython.core.display.clear_output, TFLearn's printout calls it
            # after every step in a notebook, which would wipe this cell's progress bar and plot: silence it for
            # this fit() only. Done last, so nothing here can fail between the patch and fit()'s `finally`, which
            # calls on_train_end (where it is put back), even when training is interrupted.
            self._clear_output = vars(tflearn.callbacks).get("clear_output")
            if self._clear_output is not None:
                tflearn.callbacks.clear_output = _no_clear_output

        def on_batch_end(self, training_state, snapshot=False):
            record_step(self.history, training_state)
            now = time.perf_counter()
            if show and (now - self._ticked > 0.25 or training_state.step == self.total):
                self._ticked = now
                self._tick(training_state, now)
            if show and redraw_due(now, self._drawn, redraw_s, self._draw_seconds):
                self._redraw()

        def on_epoch_end(self, training_state):
            self.history["epoch_end"].append(int(training_state.step))

        def on_train_end(self, training_state):
            try:
                self.history["seconds"] = time.perf_counter() - self._start
                if show:
                    self._tick(training_state, time.perf_counter())
                    self._bar.bar_style = "success" if training_state.step >= self.total else "warning"
                    self._redraw()
            finally:
                if self._clear_output is not None:
                    tflearn.callbacks.clear_output = self._clear_output
                    self._clear_output = None

        def _tick(self, training_state, now):
            step, elapsed = int(training_state.step), now - self._start
            left = elapsed / max(step, 1) * (self.total - step)
            loss = self.history["loss"][-1] if self.history["loss"] else float("nan")
            self._bar.value = min(step, self.total)
            self._label.value = (f"epoch {training_state.epoch}/{setting.epochs} · step {step:,}/{self.total:,} · "
                                 f"loss {loss:.3f} · {elapsed:.0f} s, about {left:.0f} s left")

        def _redraw(self):
            began = time.perf_counter()
            for ax in self._figure.axes:
                ax.clear()
            draw_training(self._figure.axes, self.history, total_steps=self.total)
            self._handle.update(self._figure)  # renders the figure to PNG: the slow part
            self._drawn = time.perf_counter()
            self._draw_seconds = self._drawn - began

    return LiveTraining()


def live_reports(epochs, steps_per_epoch, *, show=True):
    """Return an on_report function for fresh_python.run that shows a progress bar and records a history.

    It expects reports as the notebook's train_today sends them: batch=N (N-th step of the current epoch) moves
    the bar; epoch=E with Keras' logs records the epoch's validation check (history.record_epoch).
    Its .history has new_history()'s keys, one entry per epoch.
    """
    epochs = validate.number(epochs, "epochs", integer=True, minimum=1)
    steps_per_epoch = validate.number(steps_per_epoch, "steps_per_epoch", integer=True, minimum=1)

    class LiveReports:
        """Progress bar and history for one run of today's recipe."""

        def __init__(self):
            self.history = new_history()
            self.total = epochs * steps_per_epoch
            self._start = time.perf_counter()
            self._epoch = 0
            self._bar = self._label = None
            self._ticked = 0.0
            if show:
                import ipywidgets
                from IPython.display import display

                self._bar = ipywidgets.IntProgress(value=0, min=0, max=self.total, description="today's")
                self._label = ipywidgets.Label("starting a fresh Python...")
                display(ipywidgets.HBox([self._bar, self._label]))

        def __call__(self, values):
            elapsed = time.perf_counter() - self._start
            self.history["seconds"] = elapsed
            if "epoch" in values:
                self._epoch = int(values["epoch"])
                record_epoch(self.history, self._epoch * steps_per_epoch, values)
            step = self._epoch * steps_per_epoch + int(values.get("batch", 0))
            if show and ("epoch" in values or elapsed - self._ticked > 0.25):
                self._ticked = elapsed
                self._bar.value = min(step, self.total)
                done = f" · validation accuracy {self.history['val_accuracy'][-1]:.2%}" if self.history["val_step"] \
                    else ""
                self._label.value = (f"epoch {min(self._epoch + 1, epochs)}/{epochs} · step {step:,}/{self.total:,}"
                                     f"{done} · {elapsed:.0f} s")
                if self._epoch >= epochs:
                    self._bar.bar_style = "success"

    return LiveReports()
