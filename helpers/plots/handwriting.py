"""The learner's own handwriting (notebook 06): how a drawing is prepared as MNIST's digits were, step by step.
The preparation itself is helpers/handwriting.py's; the network's answer is drawn by digits.plot_guesses."""

import matplotlib.pyplot as plt

from helpers import handwriting
from helpers.palette import BLUE, VERMILLION


def _show_image(ax, image, title):
    """Draw a grey image, ink dark on light paper as on the page, with a title and no ticks."""
    ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_preparation(drawing):
    """Show the preparation step by step: the drawing with its ink box, the 20 x 20 fit, the centred 28 x 28
    (sizes written width x height)."""
    drawing = handwriting.check_drawing(drawing)
    top, bottom, left, right = handwriting.ink_box(drawing, "drawing")
    boxed = handwriting.fit_box(drawing)
    prepared = handwriting.centre_in_field(boxed)
    row, column = handwriting.centre_of_mass(prepared)
    box, field = handwriting.BOX, handwriting.FIELD
    fig, axes = plt.subplots(1, 3, figsize=(9.0, 3.3), layout="constrained")
    _show_image(axes[0], drawing, f"the drawing, {drawing.shape[1]} x {drawing.shape[0]} (width x height)")
    axes[0].add_patch(plt.Rectangle((left - 0.5, top - 0.5), right - left, bottom - top, fill=False,
                                    edgecolor=BLUE, linestyle="--", linewidth=1.5))
    _show_image(axes[1], boxed, f"ink scaled to fit {box} x {box}: {boxed.shape[1]} x {boxed.shape[0]}")
    axes[1].set_xlim(-0.5, box - 0.5)
    axes[1].set_ylim(box - 0.5, -0.5)
    _show_image(axes[2], prepared, f"placed in {field} x {field} by its centre of mass")
    axes[2].axhline(handwriting.CENTRE, color=BLUE, linestyle=":", linewidth=1)
    axes[2].axvline(handwriting.CENTRE, color=BLUE, linestyle=":", linewidth=1)
    axes[2].plot([column], [row], marker="+", markersize=14, markeredgewidth=2, color=VERMILLION, linestyle="none")
    plt.show()
