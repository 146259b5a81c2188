"""Notebook 06's training curves: one run's loss and accuracy per training step (drawn live while it trains), and
several recipes' validation curves side by side, epoch by epoch. Histories are helpers/history.py's."""

import matplotlib.pyplot as plt
import numpy as np

from helpers import validate
from helpers.history import check_history
from helpers.mnist import VALIDATION_IMAGES
from helpers.palette import PALETTE
from helpers.plots.figure import new_figure


def smooth(values, window=25):
    """Return the running mean of values over the last `window` entries (NaNs ignored)."""
    values = validate.array(values, "values", shape=(None,), finite=False, non_empty=False)
    window = validate.number(window, "window", integer=True, minimum=1)
    finite = np.isfinite(values)
    sums = np.concatenate([[0.0], np.cumsum(np.where(finite, values, 0.0))])
    counts = np.concatenate([[0], np.cumsum(finite)])
    start = np.maximum(np.arange(len(values)) - window + 1, 0)
    end = np.arange(1, len(values) + 1)
    n = counts[end] - counts[start]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (sums[end] - sums[start]) / np.maximum(n, 1), np.nan)


def draw_training(axes, history, *, total_steps=None):
    """Draw loss (left, log scale) and accuracy (right) per step on two axes, with validation checks as dots."""
    check_history(history)
    if len(axes) != 2:
        raise ValueError(f"draw_training needs two axes (loss, accuracy), got {len(axes)}.")
    steps = validate.array(history["step"], "history['step']", shape=(None,), non_empty=False)
    val_steps = validate.array(history["val_step"], "history['val_step']", shape=(None,), non_empty=False)
    loss_ax, acc_ax = axes
    for ax, key in ((loss_ax, "loss"), (acc_ax, "accuracy")):
        values = validate.array(history[key], f"history[{key!r}]", shape=(len(steps),), finite=False,
                                non_empty=False)
        if len(steps):
            window = max(1, round(len(steps) / 40))
            ax.plot(steps, values, color=PALETTE["data"], alpha=0.25, linewidth=0.8)
            ax.plot(steps, smooth(values, window), color=PALETTE["data"],
                    label=f"training batches (mean of {window})" if window > 1 else "training batches")
        val = validate.array(history[f"val_{key}"], f"history['val_{key}']", shape=(len(val_steps),), finite=False,
                             non_empty=False)
        if len(val_steps):
            ax.plot(val_steps, val, "o-", color=PALETTE["model"], label=f"{VALIDATION_IMAGES:,} validation images")
        for end in history["epoch_end"]:
            ax.axvline(end, color=PALETTE["grid"], linestyle=":", linewidth=0.8)
        ax.set_xlabel("training step (one batch)")
        if total_steps:
            ax.set_xlim(0, total_steps)
        if len(steps) or len(val_steps):
            ax.legend(loc="upper right" if key == "loss" else "lower right", fontsize=8)
    losses = np.asarray([*history["loss"], *history["val_loss"]], dtype=float)
    if np.any(np.isfinite(losses) & (losses > 0)):
        loss_ax.set_yscale("log")  # the first steps' loss is a hundred times the last: a log axis shows both
    loss_ax.set_ylabel("cross-entropy loss (log scale)")
    acc_ax.set_ylabel("accuracy")
    loss_ax.set_title("loss (lower is better)")
    acc_ax.set_title("accuracy (higher is better)")
    if len(steps):
        acc_ax.set_ylim(0.8, 1.0)


def _accuracy_floor(values):
    """Return the bottom of an accuracy axis: 0.9, or the next 0.05 below the lowest value when that is lower."""
    finite = [v for v in values if np.isfinite(v)]
    return min(0.9, np.floor(min(finite) * 20) / 20) if finite else 0.9


def draw_recipes(axes, runs):
    """Draw validation cross-entropy (left) and accuracy (right) against epochs for several runs on two axes.

    runs: a list of (label, history, steps_per_epoch) or (label, history, steps_per_epoch, kept), each history with
    history.new_history()'s keys; kept, where given, is (val_loss, val_accuracy) of the weights the run kept at its
    end (the average of its last steps), drawn as a star after its last check.
    """
    if len(axes) != 2:
        raise ValueError(f"draw_recipes needs two axes (loss, accuracy), got {len(axes)}.")
    styles = (("o", "-", PALETTE["data"]), ("s", "--", PALETTE["path"]), ("^", ":", PALETTE["other"]))
    if not 1 <= len(runs) <= len(styles):
        raise ValueError(f"runs must hold 1 to {len(styles)} (label, history, steps_per_epoch), got {len(runs)}.")
    loss_ax, acc_ax = axes
    accuracies, last = [], 1.0
    for run, (marker, line, colour) in zip(runs, styles, strict=False):
        if len(run) not in (3, 4):
            raise ValueError(f"each run must be (label, history, steps_per_epoch[, kept]), got {len(run)} items.")
        label, history, steps_per_epoch, kept = (*run, None)[:4]
        check_history(history)
        steps_per_epoch = validate.number(steps_per_epoch, "steps_per_epoch", integer=True, minimum=1)
        epochs = np.asarray(history["val_step"], dtype=float) / steps_per_epoch
        for ax, key in ((loss_ax, "val_loss"), (acc_ax, "val_accuracy")):
            ax.plot(epochs, history[key], marker=marker, linestyle=line, color=colour, label=label)
        accuracies += list(history["val_accuracy"])
        last = max(last, epochs[-1] if len(epochs) else 1.0)
        if kept is not None:
            kept_loss, kept_accuracy = validate.array(kept, "kept", shape=(2,))
            at = (epochs[-1] if len(epochs) else 0) + 0.15
            kept_label = f"the weights kept: {label.split(' (')[0]}, averaged"
            loss_ax.plot([at], [kept_loss], marker="*", markersize=12, color=colour, linestyle="none",
                         label=kept_label)
            acc_ax.plot([at], [kept_accuracy], marker="*", markersize=12, color=colour, linestyle="none",
                        label=kept_label)
            accuracies.append(kept_accuracy)
    for ax, what in ((loss_ax, "cross-entropy"), (acc_ax, "accuracy")):
        ax.set_xlabel("epoch (one pass over the training images)")
        ax.set_ylabel(f"validation {what}")
        ax.set_xlim(0, last + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(loc="best", fontsize=8)
    acc_ax.set_ylim(_accuracy_floor(accuracies), 1.0)
    loss_ax.set_title("validation cross-entropy, without label smoothing")
    acc_ax.set_title("validation accuracy (higher is better)")


def plot_recipes(runs):
    """Plot several runs' validation curves side by side on shared axes (see draw_recipes)."""
    fig, axes = new_figure(2, width=5.0, height=3.6)
    draw_recipes(axes, runs)
    plt.show()
