"""Every figure in the course: each public function draws one figure and shows it.

Notebooks call these in a plain cell (a static figure for GitHub, HTML and nbval) and through
helpers.widgets.play (the same function, redrawn by sliders). Tests call them under Agg.
Each notebook's plots live in its own section below the shared ones.
"""

import matplotlib.pyplot as plt
import numpy as np

from helpers import validate

COLORS = {"data": "#1f77b4", "model": "#d62728", "path": "#ff7f0e", "good": "#2ca02c", "bad": "#d62728"}


def new_figure(ncols=1, width=5.0, height=3.6):
    """Return (figure, axes) for a row of ncols panels of the course's usual size."""
    validate.number(ncols, "ncols", integer=True, minimum=1)
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), squeeze=False, layout="constrained")
    return fig, axes[0] if ncols > 1 else axes[0][0]


def draw_curve(ax, values, *, label=None, ylabel="", xlabel="iteration", log=False, title=""):
    """Draw one series per iteration on ax (log scale for costs that fall by orders of magnitude)."""
    values = validate.array(values, "values", shape=(None,), finite=False)
    ax.plot(np.arange(len(values)), values, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()


def plot_curve(values, *, ylabel, xlabel="iteration", log=False, title=""):
    """Plot a cost, error count or accuracy against the iteration, and show it."""
    fig, ax = new_figure()
    draw_curve(ax, values, ylabel=ylabel, xlabel=xlabel, log=log, title=title)
    plt.show()


# ---- 01-03: least squares, gradient descent, linear regression ----
# (end of section 01-03)


# ---- 04-05: the perceptron, backpropagation ----
# (end of section 04-05)


# ---- 06: a convolutional network on MNIST ----

def _images(images, name="images"):
    """Return images as an (n, 28, 28)-like float array, accepting (n, h, w) or (n, h, w, 1)."""
    images = validate.array(images, name)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3:
        raise ValueError(f"{name} must have shape (n, 28, 28) or (n, 28, 28, 1), got shape {images.shape}.")
    return images


def plot_digits(images, labels, predicted=None, *, ncols=10, title=""):
    """Show digits in a grid with their labels; with predicted, mistakes say `true 4, said 9` in red."""
    images = _images(images)
    labels = validate.array(labels, "labels", shape=(len(images),)).astype(int)
    if predicted is not None:
        predicted = validate.array(predicted, "predicted", shape=(len(images),)).astype(int)
    ncols = validate.number(ncols, "ncols", integer=True, minimum=1)
    nrows = max(1, -(-len(images) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.35 * nrows), squeeze=False, layout="constrained")
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= len(images):
            continue
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=max(1.0, float(images.max())))
        if predicted is None:
            ax.set_title(str(labels[i]), fontsize=10)
        else:
            wrong = predicted[i] != labels[i]
            ax.set_title(f"true {labels[i]}, said {predicted[i]}" if wrong else str(labels[i]), fontsize=8,
                         color=COLORS["bad"] if wrong else "black")
    if title:
        fig.suptitle(title)
    plt.show()


def _smooth(values, window=25):
    """Return the running mean of values over the last `window` entries (NaNs ignored)."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    sums = np.concatenate([[0.0], np.cumsum(np.where(finite, values, 0.0))])
    counts = np.concatenate([[0], np.cumsum(finite)])
    start = np.maximum(np.arange(len(values)) - window + 1, 0)
    end = np.arange(1, len(values) + 1)
    n = counts[end] - counts[start]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (sums[end] - sums[start]) / np.maximum(n, 1), np.nan)


TRAINING_KEYS = ("step", "loss", "accuracy", "val_step", "val_loss", "val_accuracy")


def draw_training(axes, history, *, total_steps=None):
    """Draw loss (left) and accuracy (right) per step on two axes, with validation checks as dots."""
    missing = [key for key in TRAINING_KEYS if key not in history]
    if missing:
        raise ValueError(f"history must be a dict with {', '.join(TRAINING_KEYS)}; missing {missing}.")
    if len(axes) != 2:
        raise ValueError(f"draw_training needs two axes (loss, accuracy), got {len(axes)}.")
    steps = validate.array(history["step"], "history['step']", shape=(None,), non_empty=False)
    loss_ax, acc_ax = axes
    for ax, key, label in ((loss_ax, "loss", "loss"), (acc_ax, "accuracy", "accuracy")):
        values = validate.array(history[key], f"history[{key!r}]", shape=(len(steps),), finite=False,
                                non_empty=False)
        if len(steps):
            window = max(1, round(len(steps) / 40))
            ax.plot(steps, values, color=COLORS["data"], alpha=0.25, linewidth=0.8)
            ax.plot(steps, _smooth(values, window), color=COLORS["data"],
                    label=f"training batches (mean of {window})" if window > 1 else "training batches")
        val_steps = validate.array(history["val_step"], "history['val_step']", shape=(None,), non_empty=False)
        val = validate.array(history[f"val_{key}"], f"history['val_{key}']", shape=(len(val_steps),), finite=False,
                             non_empty=False)
        if len(val_steps):
            ax.plot(val_steps, val, "o-", color=COLORS["model"], label="5,000 validation images")
        for end in history.get("epoch_end", []):
            ax.axvline(end, color="gray", linestyle=":", linewidth=0.8)
        ax.set_xlabel("training step (one batch)")
        ax.set_ylabel(label)
        if total_steps:
            ax.set_xlim(0, total_steps)
        if len(steps) or len(val_steps):
            ax.legend(loc="upper right" if key == "loss" else "lower right", fontsize=8)
    loss_ax.set_title("loss (lower is better)")
    acc_ax.set_title("accuracy (higher is better)")
    if len(steps):
        finite = np.asarray(history["loss"], dtype=float)
        finite = finite[np.isfinite(finite)]
        top = min(float(np.percentile(finite, 99)) * 1.1, 3.0) if finite.size else 0.0
        if top > 0:
            loss_ax.set_ylim(0, top)
        acc_ax.set_ylim(0.8, 1.0)


def plot_training(history):
    """Plot a training history (helpers.convnet.new_history's keys): loss and accuracy per step."""
    fig, axes = new_figure(2, width=5.0, height=3.4)
    draw_training(axes, history)
    plt.show()


def plot_confusion(matrix):
    """Show a 10 x 10 confusion matrix (rows: true digit, columns: predicted), mistakes coloured."""
    matrix = validate.array(matrix, "matrix")
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square (true x predicted), got shape {matrix.shape}.")
    n = matrix.shape[0]
    mistakes = matrix * (1 - np.eye(n))
    fig, ax = new_figure(width=6.0, height=5.2)
    image = ax.imshow(mistakes, cmap="Reds")
    fig.colorbar(image, ax=ax, label="mistakes")
    for true in range(n):
        for said in range(n):
            count = int(matrix[true, said])
            if count:
                ax.text(said, true, str(count), ha="center", va="center", fontsize=7,
                        color="black" if true != said else COLORS["good"], weight="bold" if true == said else None)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("the network said")
    ax.set_ylabel("true digit")
    ax.set_title(f"{int(np.trace(matrix)):,} of {int(matrix.sum()):,} right; off the diagonal: mistakes")
    plt.show()


def plot_filters(weights):
    """Show a convolution's filters (k, k, 1, n) as small images: red adds, blue subtracts."""
    weights = validate.array(weights, "weights")
    if weights.ndim != 4 or weights.shape[2] != 1:
        raise ValueError(f"weights must have shape (k, k, 1, filters) like the first conv_2d's, got {weights.shape}.")
    n = weights.shape[3]
    ncols = min(n, 8)
    nrows = -(-n // ncols)
    limit = float(np.abs(weights).max()) or 1.0
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.1 * nrows + 0.4), squeeze=False,
                             layout="constrained")
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < n:
            ax.imshow(weights[:, :, 0, i], cmap="RdBu_r", vmin=-limit, vmax=limit)
    fig.suptitle(f"the {n} filters of the first layer ({weights.shape[0]}x{weights.shape[1]} pixels each)")
    plt.show()


def plot_prediction(index, images, probabilities, labels):
    """Show test image `index` beside the network's probability for each digit."""
    images = _images(images)
    probabilities = validate.array(probabilities, "probabilities", shape=(len(images), None))
    labels = validate.array(labels, "labels", shape=(len(images),)).astype(int)
    index = validate.number(index, "index", integer=True, minimum=0, maximum=len(images) - 1)
    p, true = probabilities[index], labels[index]
    said = int(np.argmax(p))
    fig, (left, right) = new_figure(2, width=3.6, height=3.0)
    left.imshow(images[index], cmap="gray_r")
    left.axis("off")
    left.set_title(f"test image {index}: a {true}")
    colors = [COLORS["good"] if d == true else (COLORS["bad"] if d == said else COLORS["data"]) for d in range(len(p))]
    right.bar(range(len(p)), p, color=colors)
    right.set_xticks(range(len(p)))
    right.set_ylim(0, 1)
    right.set_xlabel("digit")
    right.set_ylabel("probability")
    right.set_title(f"the network says {said} ({p[said]:.1%})", color=COLORS["good"] if said == true else COLORS["bad"])
    plt.show()


# (end of section 06)
