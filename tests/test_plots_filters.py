"""helpers.plots.filters: the filter explorer's convolution and pooling agree with a plain loop, its figure shows the
four panels it promises, its widget redraws when the digit, the menu or a weight changes, and bad input is named."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from convolution_by_definition import loop_convolution

from helpers import convnet, plots
from helpers.plots import filters

RNG = np.random.default_rng(0)
IMAGES = RNG.random((6, 28, 28))
LABELS = np.arange(6)


@pytest.mark.parametrize("size", [1, 3, 5])
def test_feature_map_equals_the_pixel_by_pixel_definition(size):
    kernel = RNG.normal(size=(size, size))
    assert np.allclose(convnet.feature_map(IMAGES[0], kernel, 0.5), loop_convolution(IMAGES[0], kernel, 0.5))


def test_feature_map_keeps_the_shape_and_does_not_flip_the_kernel():
    image = np.zeros((5, 5))
    image[2, 2] = 1.0  # one bright pixel: the map shows the kernel, mirrored (each window sees the pixel once)
    kernel = np.arange(9.0).reshape(3, 3)
    fmap = convnet.feature_map(image, kernel)
    assert fmap.shape == (5, 5)
    assert np.array_equal(fmap[1:4, 1:4], kernel[::-1, ::-1]), "a cross-correlation places the kernel mirrored"


def test_top_edge_preset_fires_on_the_top_edge_of_a_bar():
    image = np.zeros((8, 8))
    image[3:5, :] = 1.0  # a horizontal bar on rows 3 and 4
    fmap = convnet.feature_map(image, filters.PRESETS["top edge"])
    assert fmap[2, 4] == 3.0 and fmap[5, 4] == -3.0, "positive just above the bar, negative just below"


def test_max_pool_takes_the_largest_of_each_block_and_pads_odd_edges():
    feature = np.arange(25.0).reshape(5, 5)
    pooled = filters.max_pool(feature, 2)
    assert pooled.shape == (3, 3)
    assert pooled[0, 0] == 6.0 and pooled[2, 2] == 24.0 and pooled[0, 2] == 9.0


def test_plot_filter_draws_digit_filter_map_and_pooled_map():
    plots.plot_filter_on_digit(IMAGES[0], filters.PRESETS["left edge"], name="left edge", at=(10, 12))
    axes = plt.gcf().axes
    assert len(axes) == 4
    assert "28 x 28" in axes[2].get_title() and "14 x 14" in axes[3].get_title()
    assert [t.get_text() for t in axes[1].texts][:3] == ["-1", "0", "1"], "the filter's weights are written in"
    assert axes[2].images[0].get_cmap().name == "gray", "maps are drawn in greys"
    assert len(axes[0].patches) == 1, "the window is outlined on the digit"


def test_filter_explorer_redraws_on_digit_menu_and_edited_weight():
    explorer = plots.filter_explorer(IMAGES[..., None], LABELS, extra={"learned 0": np.eye(3)})
    assert np.array_equal(explorer.kernel(), np.array(filters.PRESETS["top edge"], dtype=float))
    start = explorer.redraws
    explorer.digit.value = 3
    assert explorer.redraws == start + 1
    explorer.preset.value = "learned 0"
    assert explorer.redraws == start + 2, "choosing a filter fills nine boxes but draws once"
    assert np.array_equal(explorer.kernel(), np.eye(3))
    explorer.boxes[4].value = 5.0
    assert explorer.redraws == start + 3 and explorer.kernel()[1, 1] == 5.0


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="kernel must be a square filter with an odd side"):
        convnet.feature_map(IMAGES[0], np.ones((2, 2)))
    with pytest.raises(ValueError, match="image must be one image"):
        convnet.feature_map(IMAGES, np.ones((3, 3)))
    with pytest.raises(ValueError, match="labels must have shape"):
        plots.filter_explorer(IMAGES, LABELS[:2])
    with pytest.raises(ValueError, match=r"extra\['big'\] must be a 3 x 3 filter"):
        plots.filter_explorer(IMAGES, LABELS, extra={"big": np.ones((5, 5))})
    with pytest.raises(ValueError, match="start must be one of"):
        plots.filter_explorer(IMAGES, LABELS, start="nope")


def test_filter_explorer_updates_one_figure_and_shows_it_as_one_png():
    explorer = plots.filter_explorer(IMAGES[..., None], LABELS)
    figure, first = explorer.live.figure, explorer.output.outputs
    assert len(first) == 1 and "image/png" in first[0]["data"], "the explorer shows its figure as one PNG"
    explorer.digit.value = 3
    assert explorer.live.figure is figure, "moving the slider updates the figure already drawn, not a new one"
    assert explorer.output.outputs[0]["data"]["image/png"] != first[0]["data"]["image/png"], "the picture changed"
    assert np.array_equal(explorer.live.pictures[0].get_array(), IMAGES[3]), "the digit panel shows test digit 3"
    assert "test digit 3" in explorer.live.axes[1].get_title()
    assert figure.number not in plt.get_fignums(), "the explorer's figure stays out of pyplot's list of open figures"


def test_filter_explorer_says_what_is_wrong_with_a_weight_under_the_controls():
    explorer = plots.filter_explorer(IMAGES[..., None], LABELS)
    explorer.boxes[0].value = float("nan")
    error = explorer.output.outputs[0]
    assert error["output_type"] == "error" and "kernel" in error["evalue"], error


def test_learned_filter_figure_shows_each_step_beside_the_designed_filter_with_its_numbers():
    start, later = RNG.normal(size=(3, 3)), RNG.normal(size=(3, 3))
    plots.plot_learned_filter({0: start, 50: later}, filters.PRESETS["top edge"], designed_name="designed")
    axes = plt.gcf().axes
    assert [ax.get_title() for ax in axes] == ["step 0", "step 50", "designed"]
    assert f"{later[1, 2]:.2f}" in [text.get_text() for text in axes[1].texts]
    assert len(axes[2].texts) == 9
    plt.close("all")


def test_learned_filter_figure_refuses_no_steps_and_filters_of_different_sizes():
    with pytest.raises(ValueError, match="non-empty dict"):
        plots.plot_learned_filter({}, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="same shape"):
        plots.plot_learned_filter({0: np.zeros((5, 5))}, np.zeros((3, 3)))
    plt.close("all")
