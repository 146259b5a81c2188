"""helpers.handwriting: a stroke list becomes a 28 x 28 image prepared as MNIST's digits were (ink fits 20 x 20,
centre of mass at (14, 14)); empty drawings and bad input get clear messages; the drawing pad asks the network.
Its figures: helpers.plots.handwriting (the preparation) and helpers.plots.digits (the answer's bars)."""

import importlib.util
import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers import handwriting, plots
from helpers.handwriting import EmptyDrawingError
from helpers.palette import OKABE_ITO

ROOT = Path(__file__).resolve().parent.parent
STROKE_FILE = ROOT / "data" / "handwritten_digit.json"

# A 7 drawn small and off-centre, a tall thin 1, and a wide flat dash: three shapes the box must handle.
SEVEN = [[[30, 30], [90, 30], [60, 110]], [[45, 70], [80, 70]]]
ONE = [[[200, 40], [205, 120], [210, 250]]]
DASH = [[[40, 200], [240, 205]]]


def prepared(strokes):
    return handwriting.prepare(handwriting.render(strokes))


def ink_height_width(image):
    top, bottom, left, right = handwriting.ink_box(image)
    return bottom - top, right - left


@pytest.mark.parametrize("strokes", [SEVEN, ONE, DASH], ids=["seven", "one", "dash"])
def test_strokes_become_a_28_by_28_image_in_0_1_whose_ink_fits_20_by_20(strokes):
    image = prepared(strokes)
    assert image.shape == (28, 28)
    assert image.min() >= 0 and image.max() <= 1 and image.max() > 0.9, (image.min(), image.max())
    height, width = ink_height_width(image)
    assert max(height, width) <= 20, f"ink box {height} x {width} does not fit 20 x 20"
    assert max(height, width) >= 19, f"ink box {height} x {width}: the longer side should fill the 20-pixel box"


@pytest.mark.parametrize("strokes", [SEVEN, ONE, DASH], ids=["seven", "one", "dash"])
def test_prepared_centre_of_mass_is_at_14_14_within_half_a_pixel(strokes):
    row, column = handwriting.centre_of_mass(prepared(strokes))
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5, f"centre of mass at ({row:.2f}, {column:.2f})"


def test_preparation_keeps_the_aspect_ratio():
    height, width = ink_height_width(prepared(ONE))
    assert height == 20 and width <= 5, f"a tall thin 1 became {height} x {width}"
    height, width = ink_height_width(prepared(DASH))
    assert width == 20 and height <= 4, f"a flat dash became {height} x {width}"


def test_anti_aliasing_gives_grey_levels_as_in_mnist():
    image = prepared(SEVEN)
    grey = np.mean((image > 0.05) & (image < 0.95))
    assert grey > 0.02, f"only {grey:.1%} of pixels are grey: the scaling did not anti-alias"


def test_preparation_does_not_depend_on_where_or_how_big_the_digit_was_drawn():
    small = prepared(SEVEN)
    doubled = [[[2 * x + 100, 2 * y + 40] for x, y in stroke] for stroke in SEVEN]
    moved_and_doubled = handwriting.prepare(handwriting.render(doubled, pen=2 * handwriting.PEN))
    # the same shape drawn twice as big (with a pen twice as wide) elsewhere: the same prepared digit
    assert np.abs(small - moved_and_doubled).mean() < 0.03  # a one-pixel shift gives 0.07


def test_shrinking_without_preparation_leaves_a_small_digit_in_the_corner():
    raw = handwriting.shrink(handwriting.render(SEVEN))
    row, column = handwriting.centre_of_mass(raw)
    assert raw.shape == (28, 28) and row < 10 and column < 10, f"centre of mass at ({row:.1f}, {column:.1f})"
    assert max(ink_height_width(raw)) < 14


def test_a_digit_touching_the_edge_stays_whole_inside_the_field():
    lopsided = np.zeros((20, 20))
    lopsided[:, 0] = 1.0  # all the mass on the left edge of the box
    lopsided[0, :] = 0.05
    image = handwriting.centre_in_field(lopsided)
    assert image.sum() == pytest.approx(lopsided.sum())


def test_render_paints_round_ink_where_the_strokes_go():
    canvas = handwriting.render([[[140, 140]]], size=280, pen=20)
    assert canvas.shape == (280, 280) and canvas[140, 140] == 1.0 and canvas[140, 160] == 0.0
    assert canvas[140, 131] == 1.0 and canvas[131, 140] == 1.0  # a dot of diameter 20 around the point


@pytest.mark.parametrize("strokes", [[], [[]], [[], []]], ids=["no strokes", "an empty stroke", "empty strokes"])
def test_an_empty_drawing_raises_a_clear_message(strokes):
    with pytest.raises(EmptyDrawingError, match="drawing is empty.*Draw a digit first"):
        prepared(strokes)
    with pytest.raises(EmptyDrawingError, match="drawing is empty"):
        handwriting.shrink(handwriting.render(strokes))


def test_an_empty_image_is_never_shown_to_the_network():
    calls = []
    with pytest.raises(EmptyDrawingError, match="drawing is empty"):
        handwriting.ask(lambda x: calls.append(x) or np.full((1, 10), 0.1), np.zeros((28, 28)))
    assert not calls, "the network was asked about a blank image"


@pytest.mark.parametrize(("strokes", "error", "message"), [
    ("1,2,3", TypeError, "strokes must be a list of strokes"),
    ([[1, 2, 3]], ValueError, r"strokes\[0\] must be a list of \[x, y\] points"),
    ([[[1, 2, 3]]], ValueError, r"strokes\[0\] must be a list of \[x, y\] points"),
    ([[[1, float("nan")]]], ValueError, r"strokes\[0\] contains NaN"),
    ([[["a", "b"]]], TypeError, r"strokes\[0\] must be numbers"),
    (5, TypeError, "strokes must be a list of strokes"),
])
def test_bad_strokes_are_named_with_what_to_do(strokes, error, message):
    with pytest.raises(error, match=message):
        handwriting.render(strokes)


def test_bad_drawings_and_images_are_named():
    with pytest.raises(ValueError, match="drawing must hold values from 0 .* divide 0-255 pixels by 255"):
        handwriting.prepare(np.full((28, 28), 255.0))
    with pytest.raises(ValueError, match=r"drawing must be one image of shape \(height, width\)"):
        handwriting.prepare(np.zeros(28))
    with pytest.raises(ValueError, match="drawing contains NaN"):
        handwriting.prepare(np.full((28, 28), np.nan))
    with pytest.raises(ValueError, match="image must be 28 x 28 pixels"):
        handwriting.ask(lambda x: np.zeros((1, 10)), np.ones((20, 20)))
    with pytest.raises(TypeError, match="predict must be a function"):
        handwriting.ask("model", prepared(SEVEN))
    with pytest.raises(ValueError, match="predict must return 10 probabilities"):
        handwriting.ask(lambda x: np.zeros((1, 3)), prepared(SEVEN))


def test_ask_hands_the_network_one_mnist_shaped_float_image_and_accepts_a_model():
    seen = []

    def predict(images):
        seen.append(images)
        return np.eye(10)[[3]]

    class Model:  # like TFLearn's DNN: not callable, has .predict
        def predict(self, images):
            return predict(images)

    for network in (predict, Model()):
        probabilities = handwriting.ask(network, prepared(SEVEN))
        assert probabilities.shape == (10,) and probabilities.argmax() == 3
    assert all(images.shape == (1, 28, 28, 1) and images.dtype == np.float32 for images in seen)


def test_stroke_file_is_what_tools_draw_digit_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("draw_digit", ROOT / "tools" / "draw_digit.py")
    draw_digit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw_digit)
    copy = tmp_path / "digit.json"
    handwriting.save_strokes(copy, draw_digit.draw(), **{k: v for k, v in json.loads(STROKE_FILE.read_text()).items()
                                                        if k != "strokes"})
    assert copy.read_text() == STROKE_FILE.read_text(), "data/handwritten_digit.json differs from what " \
        "tools/draw_digit.py draws: run python tools/draw_digit.py"


def test_stroke_file_loads_and_prepares_like_any_drawing():
    strokes, about = handwriting.load_strokes(STROKE_FILE)
    assert about["label"] == 2 and about["canvas"] == handwriting.CANVAS and len(strokes) == 1
    image = prepared(strokes)
    row, column = handwriting.centre_of_mass(image)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5


def test_save_and_load_strokes_round_trip(tmp_path):
    path = tmp_path / "mine.json"
    handwriting.save_strokes(path, SEVEN, label=7)
    strokes, about = handwriting.load_strokes(path)
    assert about == {"label": 7} and [s.tolist() for s in strokes] == SEVEN
    with pytest.raises(FileNotFoundError, match="no stroke file"):
        handwriting.load_strokes(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(ValueError, match="is not a stroke file"):
        handwriting.load_strokes(tmp_path / "bad.json")


@pytest.mark.parametrize("text", ['{"strokes": [[[1, 2], [3, 4]]', "", "not json at all", b"\xff\xfe{"])
def test_a_malformed_stroke_file_is_named_not_a_raw_json_error(tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ValueError, match="is not a stroke file: it is not valid JSON") as error:
        handwriting.load_strokes(path)
    assert type(error.value) is ValueError, "a JSONDecodeError is a ValueError too: the message must be ours"


@pytest.mark.parametrize("size", [3_000_000, 10**9])
def test_a_canvas_size_in_the_millions_is_refused_before_any_memory_is_taken(size):
    with pytest.raises(ValueError, match=f"size must be at most {handwriting.MAX_CANVAS:,}"):
        handwriting.render([[[1, 1]]], size=size)
    with pytest.raises(ValueError, match=f"size must be at most {handwriting.MAX_CANVAS:,}"):
        handwriting.DrawingPad(lambda images: np.eye(10)[[1]], size=size)


def test_a_pen_wider_than_the_canvas_is_refused():
    with pytest.raises(ValueError, match="pen must be at most the canvas's size"):
        handwriting.render([[[1, 1]]], size=28, pen=1e9)


def test_plot_preparation_marks_the_box_and_the_centre_of_mass():
    plots.plot_preparation(handwriting.render(SEVEN))
    axes = plt.gcf().axes
    assert len(axes) == 3 and len(axes[0].patches) == 1
    fitted = handwriting.fit_box(handwriting.render(SEVEN))
    assert axes[1].get_title().endswith(f"{fitted.shape[1]} x {fitted.shape[0]}"), "width x height, as the first says"
    assert "(width x height)" in axes[0].get_title()
    (column,), (row,) = axes[2].lines[-1].get_data()
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5


def test_plot_guesses_hatches_the_answer_and_with_a_known_digit_the_same_bars_as_the_prediction_view():
    probabilities = np.full(10, 0.02)
    probabilities[4] = 0.82
    plots.plot_guesses([prepared(SEVEN)], [probabilities], ["mine"])
    bars = plt.gcf().axes[1].patches
    assert plt.gcf().axes[1].get_title() == "the network says 4 (82.0%)"
    assert bars[4].get_hatch() and all(not bar.get_hatch() for i, bar in enumerate(bars) if i != 4)
    palette = {color.lower() for color in OKABE_ITO}
    assert {to_hex(bar.get_facecolor()) for bar in bars} <= palette
    plots.plot_guesses([prepared(SEVEN)], [probabilities], ["mine"], true=7)
    guessed = [(to_hex(bar.get_facecolor()), bar.get_hatch()) for bar in plt.gcf().axes[1].patches]
    plots.plot_prediction(0, [prepared(SEVEN)], [probabilities], [7])
    viewed = [(to_hex(bar.get_facecolor()), bar.get_hatch()) for bar in plt.gcf().axes[1].patches[:10]]
    assert guessed == viewed, "one chart: the same colours and hatches for the true digit and a wrong answer"
    with pytest.raises(ValueError, match="as many"):
        plots.plot_guesses([prepared(SEVEN)], [probabilities, probabilities], ["mine"])


def test_drawing_pad_asks_the_network_when_the_mouse_is_released():
    asked = []

    def predict(images):
        asked.append(images)
        return np.eye(10)[[7]]

    pad = handwriting.drawing_pad(predict)
    pad.press(30, 30)
    for x, y in [(60, 30), (90, 30), (75, 70), (60, 110)]:
        pad.drag(x, y)
    assert not asked, "the network was asked before the stroke ended"
    pad.release(60, 110)
    assert len(asked) == 1 and "The network says 7" in pad.answer.value
    assert pad.strokes == [[[30.0, 30.0], [60.0, 30.0], [90.0, 30.0], [75.0, 70.0], [60.0, 110.0]]]
    row, column = handwriting.centre_of_mass(asked[0][0, :, :, 0])
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5, "the pad did not prepare the drawing"


def test_drawing_pad_moves_without_the_button_down_draw_nothing():
    pad = handwriting.drawing_pad(lambda images: np.eye(10)[[1]])
    pad.drag(10, 10)
    pad.release(10, 10)
    assert pad.strokes == [] and "Draw a digit" in pad.answer.value


def test_drawing_pad_clear_and_an_empty_guess_give_a_message_not_a_prediction():
    asked = []
    pad = handwriting.drawing_pad(lambda images: asked.append(images) or np.eye(10)[[1]])
    pad.press(100, 100)
    pad.drag(100, 200)
    pad.release()
    pad.clear()
    assert pad.strokes == [] and "Draw a digit" in pad.answer.value
    assert pad.guess() is None and "drawing is empty" in pad.answer.value
    assert len(asked) == 1


def test_drawing_pad_rejects_a_predict_that_is_not_a_function():
    with pytest.raises(TypeError, match="predict must be a function"):
        handwriting.drawing_pad(42)
