"""A filter slid over a digit (notebook 06): the digit, the filter, its feature map and the pooled map, and the
filter explorer that redraws them (a digit slider, a filter menu and nine editable weights).

The notebook computes convolution, ReLU and pooling by hand, in cells the learner reads; this module recomputes
them with helpers.convnet's numpy layers only to draw them, so the explorer can redraw without the notebook's
cells. The explorer is kept here, beside the one figure it redraws, rather than in helpers/widgets.py, whose
play() wraps a plot function in sliders: this one needs nine weight boxes filled from a menu.
"""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from helpers import convnet, validate
from helpers.palette import BLACK, PALETTE, WHITE
from helpers.plots.figure import error_output, png_output, show

# Images and maps are drawn in greys; the 3 x 3 window on the digit is dashed, in the optimiser-path colour.
WINDOW_COLOR = PALETTE["path"]

# Filters a learner can start from. Each is (rows, columns) = (3, 3); the output at a pixel is the sum of the
# filter's nine weights times the nine pixels around it (no flip: what TensorFlow's conv2d computes).
PRESETS = {
    "top edge": [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
    "bottom edge": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    "left edge": [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
    "right edge": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "blur": [[1 / 9] * 3] * 3,
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
}


def max_pool(feature, size=2):
    """Return the maximum of each size x size block of a 2-d map; odd edges are padded as TensorFlow's 'same'."""
    feature = validate.image(feature, "feature")
    size = validate.number(size, "size", integer=True, minimum=1)
    return convnet.max_pool(feature[None, :, :, None], size)[0, :, :, 0]


class FilterOnDigit:
    """The digit, the filter (its weights written in), the feature map and the pooled map after ReLU, live: the
    four panels stay; update() puts in new pictures, weights and titles."""

    def __init__(self):
        self.figure, self.axes = plt.subplots(1, 4, figsize=(12, 3.3), layout="constrained")
        blank = np.zeros((3, 3))
        self.pictures = [ax.imshow(blank, cmap="gray_r" if i == 0 else "gray") for i, ax in enumerate(self.axes)]
        for ax in self.axes:
            ax.set_xticks([])
            ax.set_yticks([])
        self.weights = []  # the nine texts written on the filter
        self.window = None  # the dashed square on the digit, where `at` asks for one

    def update(self, image, kernel, name="", at=None):
        """Draw image with kernel: the digit (a dashed window at `at`, a (row, column)), the filter, the maps."""
        image, kernel = validate.image(image), convnet.check_kernel(kernel)
        fmap = convnet.feature_map(image, kernel)
        pooled = max_pool(np.maximum(fmap, 0), 2)
        if at is not None:
            at = [validate.number(v, "at", integer=True) for v in at]
        digit_ax, filter_ax, map_ax, pooled_ax = self.axes
        self._picture(0, image, 0, max(1.0, float(image.max())), f"the digit, {image.shape[0]} x {image.shape[1]}")
        if self.window is not None:
            self.window.remove()
            self.window = None
        if at is not None:
            half = kernel.shape[0] / 2
            self.window = digit_ax.add_patch(plt.Rectangle((at[1] - half, at[0] - half), 2 * half, 2 * half,
                                                           fill=False, edgecolor=WINDOW_COLOR, linewidth=2,
                                                           linestyle="--"))
        limit = self._signed(1, kernel, f"filter{': ' + name if name else ''}")
        for text in self.weights:
            text.remove()
        self.weights = [filter_ax.text(c, r, f"{weight:.2g}", ha="center", va="center", fontsize=11,
                                       color=BLACK if weight > -limit / 3 else WHITE)
                        for (r, c), weight in np.ndenumerate(kernel)]
        self._signed(2, fmap, f"feature map, {fmap.shape[0]} x {fmap.shape[1]}\n(white: filter matches)")
        self._signed(3, pooled, f"ReLU, then 2 x 2 max pooling, {pooled.shape[0]} x {pooled.shape[1]}")

    def _picture(self, panel, values, low, high, title):
        """Put values into a panel's picture, shown from low to high, with a title."""
        picture = self.pictures[panel]
        picture.set_data(values)
        picture.set_clim(low, high)
        picture.set_extent((-0.5, values.shape[1] - 0.5, values.shape[0] - 0.5, -0.5))
        self.axes[panel].set_title(title, fontsize=9)

    def _signed(self, panel, values, title):
        """Draw a signed map in greys (black most negative, mid-grey zero, white most positive); return its limit."""
        limit = float(np.abs(values).max()) or 1.0
        self._picture(panel, values, -limit, limit, title)
        return limit


def plot_filter_on_digit(image, kernel, *, name="", at=None):
    """Show a digit, a filter (its weights written in), the feature map and the pooled map after ReLU."""
    show(FilterOnDigit(), image=image, kernel=kernel, name=name, at=at)


class FilterExplorer:
    """A test-digit slider, a filter menu and nine editable weights above plot_filter_on_digit's figure."""

    def __init__(self, images, labels, presets, start):
        self.images = np.asarray(images, dtype=float)
        self.labels = np.asarray(labels, dtype=int)
        self.presets = presets
        self.redraws = 0
        self._quiet = False
        self.digit = ipywidgets.IntSlider(value=0, min=0, max=len(self.images) - 1, step=1, description="test digit",
                                          continuous_update=False, style={"description_width": "initial"})
        self.preset = ipywidgets.Dropdown(options=list(presets), value=start, description="filter")
        self.boxes = [ipywidgets.FloatText(value=0.0, step=0.1, layout=ipywidgets.Layout(width="80px"))
                      for _ in range(9)]
        self.output = ipywidgets.Output(layout=ipywidgets.Layout(min_height="260px"))
        self.live = FilterOnDigit()
        plt.close(self.live.figure)  # kept here, out of pyplot's list, so that no plt.show() shows or closes it
        # Its constrained layout runs at every redraw: the titles change length with the digit.
        grid = ipywidgets.GridBox(self.boxes, layout=ipywidgets.Layout(grid_template_columns="repeat(3, 84px)"))
        note = ipywidgets.Label("edit any weight and press Enter:")
        self.panel = ipywidgets.VBox([ipywidgets.HBox([self.digit, self.preset]), ipywidgets.HBox([note, grid]),
                                      self.output])
        self.fill(start)
        self.digit.observe(lambda change: self.redraw(), names="value")
        self.preset.observe(lambda change: self.fill(change["new"]), names="value")
        for box in self.boxes:
            box.observe(lambda change: self.redraw(), names="value")

    def kernel(self):
        """Return the filter the nine boxes hold, as a 3 x 3 array."""
        return np.array([box.value for box in self.boxes], dtype=float).reshape(3, 3)

    def fill(self, name):
        """Put a preset's nine weights in the boxes, then draw once."""
        self._quiet = True
        try:
            for box, weight in zip(self.boxes, np.asarray(self.presets[name], dtype=float).ravel(), strict=True):
                box.value = round(float(weight), 4)
        finally:
            self._quiet = False
        self.redraw()

    def redraw(self):
        """Draw the chosen digit with the boxes' filter into the output area (the same figure, updated)."""
        if self._quiet:
            return
        kernel = self.kernel()
        name = self.preset.value if np.allclose(kernel, self.presets[self.preset.value], atol=5e-5) else "edited"
        index = self.digit.value
        try:
            self.live.update(self.images[index], kernel, name=f"{name} (test digit {index}, a {self.labels[index]})")
        except Exception as error:  # a weight the filter cannot use: said under the controls
            self.output.outputs = (error_output(error),)
            return
        self.output.outputs = (png_output(self.live.figure),)
        self.redraws += 1


def filter_explorer(images, labels, *, extra=None, start="top edge"):
    """Return a FilterExplorer over test images and labels; extra adds named 3 x 3 filters to the menu."""
    images = validate.images(images)
    labels = validate.array(labels, "labels", shape=(len(images),))
    presets = dict(PRESETS)
    for name, kernel in (extra or {}).items():
        kernel = convnet.check_kernel(kernel, f"extra[{name!r}]")
        if kernel.shape != (3, 3):
            raise ValueError(f"extra[{name!r}] must be a 3 x 3 filter, got shape {kernel.shape}.")
        presets[name] = kernel
    validate.choice(start, "start", list(presets))
    return FilterExplorer(images, labels, presets, start)


def plot_learned_filter(snapshots, designed, *, designed_name="designed"):
    """Show a filter learned by gradient descent at a few steps ({step: k x k weights}) beside the designed one."""
    if not isinstance(snapshots, dict) or not snapshots:
        raise ValueError("snapshots must be a non-empty dict {step: filter}, e.g. {0: start, 10: w10, 400: w400}.")
    kernels = [(f"step {validate.number(step, 'step', integer=True, minimum=0)}", convnet.check_kernel(kernel))
               for step, kernel in snapshots.items()]
    kernels.append((designed_name, convnet.check_kernel(designed, "designed")))
    if len({kernel.shape for _, kernel in kernels}) != 1:
        raise ValueError(f"every filter must have the same shape; got {[kernel.shape for _, kernel in kernels]}.")
    limit = max(float(np.abs(kernel).max()) for _, kernel in kernels) or 1.0
    fig, axes = plt.subplots(1, len(kernels), figsize=(1.9 * len(kernels), 2.3), layout="constrained")
    for ax, (title, kernel) in zip(axes, kernels, strict=True):
        ax.imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)
        for (r, c), weight in np.ndenumerate(kernel):
            ax.text(c, r, f"{weight:.2f}", ha="center", va="center", fontsize=8,
                    color=WHITE if abs(weight) > 0.6 * limit else BLACK)
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("a filter learned from (digit, feature map) pairs, beside the one designed by hand (red adds, "
                 "blue subtracts)", fontsize=10)
    plt.show()
