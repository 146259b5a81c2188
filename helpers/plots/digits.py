"""Handwritten digits and what a convnet makes of them (notebook 06): the images, the confusion matrix, the first
layer's filters, and the network's probabilities for one image (one bar chart, used by the prediction view and by
the learner's own drawings)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from helpers import validate
from helpers.palette import BLACK, PALETTE, WHITE
from helpers.plots.figure import new_figure, show

MAX_DIGITS = 200


def plot_digits(images, labels, predicted=None, *, ncols=10, title=""):
    """Show digits in a grid with their labels; with predicted, mistakes say `true 4, said 9` (in vermillion)."""
    images = validate.images(images)
    labels = validate.array(labels, "labels", shape=(len(images),)).astype(int)
    if predicted is not None:
        predicted = validate.array(predicted, "predicted", shape=(len(images),)).astype(int)
    validate.count(len(images), "len(images)", maximum=MAX_DIGITS,
                   why="every digit is a small figure of its own, and more take minutes to draw; pass a slice such "
                       "as images[:40]")
    ncols = validate.count(ncols, "ncols", minimum=1, maximum=40, why="more digits in a row are too small to see")
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
                         color=PALETTE["bad"] if wrong else BLACK)
    if title:
        fig.suptitle(title)
    plt.show()


def plot_confusion(matrix):
    """Show a 10 x 10 confusion matrix (rows: true digit, columns: predicted), mistakes coloured."""
    matrix = validate.array(matrix, "matrix")
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square (true x predicted), got shape {matrix.shape}.")
    n = validate.count(matrix.shape[0], "the number of classes (matrix.shape[0])", maximum=100,
                       why="every cell gets its count written in; MNIST has 10 classes")
    mistakes = matrix * (1 - np.eye(n))
    fig, ax = new_figure(width=6.0, height=5.2)
    image = ax.imshow(mistakes, cmap="Reds")
    fig.colorbar(image, ax=ax, label="mistakes")
    for true in range(n):
        for said in range(n):
            count = int(matrix[true, said])
            if count:
                ax.text(said, true, str(count), ha="center", va="center", fontsize=7,
                        color=BLACK if true != said else PALETTE["good"], weight="bold" if true == said else None)
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
    n = validate.count(weights.shape[3], "the number of filters (weights.shape[3])", maximum=256,
                       why="each filter is a small picture of its own; show the first layer's, e.g. weights[..., :32]")
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


PROBABILITY_LOOKS = {  # the true digit and the network's answer differ by hatching and the legend, not colour alone
    "true": (PALETTE["good"], "//"),
    "wrong": (PALETTE["bad"], "xx"),
    "answer": (PALETTE["path"], "\\\\"),  # the answer when the true digit is not known (a learner's drawing)
    "other": (PALETTE["data"], ""),
}


def probability_bars(ax, n=10):
    """Return n empty probability bars on ax, one per digit, with the axes labelled (fill them: show_probabilities)."""
    n = validate.count(n, "n", minimum=2, maximum=100, why="one bar per class; MNIST has 10")
    bars = ax.bar(range(n), np.zeros(n), edgecolor=WHITE)
    ax.set_xticks(range(n))
    ax.set_ylim(0, 1)
    ax.set_xlabel("digit")
    ax.set_ylabel("probability")
    return bars


def show_probabilities(ax, bars, probabilities, true=None):
    """Set the bars to the network's probabilities: the true digit hatched //, a wrong answer xx (or, with no true
    digit known, the answer hatched \\), with a legend and a title that say the same in words."""
    probabilities = validate.array(probabilities, "probabilities", shape=(len(bars),))
    said = int(np.argmax(probabilities))
    if true is not None:
        true = validate.number(true, "true", integer=True, minimum=0, maximum=len(bars) - 1)
    for digit, bar in enumerate(bars):
        if digit == true:
            look = "true"
        elif digit == said:
            look = "answer" if true is None else "wrong"
        else:
            look = "other"
        colour, hatch = PROBABILITY_LOOKS[look]
        bar.set_height(probabilities[digit])
        bar.set_facecolor(colour)
        bar.set_hatch(hatch)
    shown = [("answer", f"its answer ({said})")] if true is None else [("true", f"the true digit ({true})")]
    if true is not None and said != true:
        shown.append(("wrong", f"its wrong answer ({said})"))
    ax.legend(handles=[Patch(facecolor=PROBABILITY_LOOKS[k][0], hatch=PROBABILITY_LOOKS[k][1], edgecolor=WHITE,
                             label=text) for k, text in shown], fontsize=8, loc="best")
    colour = BLACK if true is None else PALETTE["good"] if said == true else PALETTE["bad"]
    ax.set_title(f"the network says {said} ({probabilities[said]:.1%})", color=colour, fontsize=10)


def draw_probabilities(ax, probabilities, true=None):
    """Draw the network's probabilities for one image as bars on ax (see show_probabilities)."""
    probabilities = validate.array(probabilities, "probabilities", shape=(None,))
    show_probabilities(ax, probability_bars(ax, len(probabilities)), probabilities, true)


def plot_guesses(images, probabilities, titles, *, true=None, width=6.4):
    """Show each 28 x 28 image beside the network's probabilities for it, one row per image (width in inches);
    true: the digit drawn, where it is known."""
    titles = list(titles)
    if len(images) != len(probabilities) or len(images) != len(titles):
        raise ValueError(f"images, probabilities and titles must be as many, got {len(images)}, "
                         f"{len(probabilities)} and {len(titles)}.")
    validate.count(len(images), "len(images)", minimum=1, maximum=20, why="one row of figure per image")
    width = validate.number(width, "width", positive=True, maximum=30)
    fig, axes = plt.subplots(len(images), 2, figsize=(width, 2.6 * len(images)), squeeze=False,
                             layout="constrained", width_ratios=(1, 1.6))
    for (left, right), image, p, title in zip(axes, images, probabilities, titles, strict=True):
        left.imshow(validate.image(image, "image"), cmap="gray_r", vmin=0, vmax=1)
        left.set_title(title, fontsize=9)
        left.set_xticks([])  # no ticks, but the frame stays: it shows the whole image, blank margins included
        left.set_yticks([])
        draw_probabilities(right, p, true)
    plt.show()


class Prediction:
    """Notebook 06's prediction view, live: the panels stay; the image, the bars, their legend and titles move."""

    def __init__(self, images, probabilities, labels):
        self.images = validate.images(images)
        self.probabilities = validate.array(probabilities, "probabilities", shape=(len(self.images), None))
        self.labels = validate.array(labels, "labels", shape=(len(self.images),)).astype(int)
        self.figure, (self.left, self.right) = new_figure(2, width=3.6, height=3.0)
        self.image = self.left.imshow(self.images[0], cmap="gray_r")
        self.left.axis("off")
        self.bars = probability_bars(self.right, self.probabilities.shape[1])

    def update(self, index):
        """Show test image `index` and the network's probabilities for it."""
        index = validate.number(index, "index", integer=True, minimum=0, maximum=len(self.images) - 1)
        self.image.set_data(self.images[index])
        self.image.autoscale()  # grey levels from this image's darkest to its lightest, as imshow does
        self.left.set_title(f"test image {index}: a {self.labels[index]}")
        show_probabilities(self.right, self.bars, self.probabilities[index], self.labels[index])


def plot_prediction(index, images, probabilities, labels):
    """Show test image `index` beside the network's probability for each digit."""
    show(Prediction(images, probabilities, labels), index=index)
