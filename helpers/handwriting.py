"""The learner's own handwriting (notebook 06): draw a digit, prepare it the way MNIST's digits were prepared,
and ask the trained network what it is.

A drawing is a list of strokes, each a list of (x, y) mouse positions on a square canvas (x to the right, y down,
in canvas pixels). `render` paints the strokes with a round pen; `prepare` does what LeCun, Cortes and Burges did
to every NIST digit (the MNIST page, http://yann.lecun.com/exdb/mnist/): scale it to fit a 20 x 20 box keeping
its aspect ratio, anti-aliased (grey levels), and place it in a 28 x 28 field so that its centre of mass sits at
the centre. `shrink` is what happens without that: the whole canvas squeezed to 28 x 28. The figures are in
helpers/plots/handwriting.py (the preparation, step by step) and helpers/plots/digits.py (the network's answer).
"""

import json
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from helpers import validate
from helpers.palette import BLACK, BLUE, WHITE
from helpers.plots.digits import plot_guesses

STROKE_FILE = Path(__file__).resolve().parent.parent / "data" / "handwritten_digit.json"  # a 2, drawn by a program
CANVAS = 280  # the drawing pad's side in screen pixels: ten times MNIST's 28
MAX_CANVAS = 2_000  # a larger canvas holds millions of pixels for nothing: a screen shows about 2,000 across
PEN = 20  # the pen's width in canvas pixels
BOX = 20  # MNIST: each digit scaled to fit a 20 x 20 box ...
FIELD = 28  # ... then placed in a 28 x 28 field
CENTRE = 14.0  # ... with its centre of mass here (row and column, counted from 0, as in MNIST's own images)

EMPTY_MESSAGE = ("The drawing is empty: there is no ink to prepare. Draw a digit first (hold the mouse button "
                 "down while you move), then ask again.")


class EmptyDrawingError(ValueError):
    """Raised when a drawing has no ink: there is nothing to prepare or to show the network."""


def check_strokes(strokes, name="strokes"):
    """Return strokes as a list of (n, 2) float arrays of (x, y) points, e.g. [[[10, 10], [50, 80]]]."""
    if isinstance(strokes, (str, bytes, dict)) or not hasattr(strokes, "__len__"):
        raise TypeError(f"{name} must be a list of strokes, each a list of [x, y] points such as "
                        f"[[[10, 10], [50, 80]]], got a {type(strokes).__name__}.")
    result = []
    for i, stroke in enumerate(strokes):
        points = validate.array(stroke, f"{name}[{i}]", non_empty=False)
        if points.size == 0:
            continue  # a stroke with no points leaves no ink
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"{name}[{i}] must be a list of [x, y] points such as [[10, 10], [50, 80]], "
                             f"got shape {points.shape}.")
        result.append(points)
    return result


def check_drawing(drawing, name="drawing"):
    """Return drawing as a 2-D float array with values from 0 (paper) to 1 (ink)."""
    drawing = validate.image(drawing, name)
    if drawing.min() < 0 or drawing.max() > 1:
        raise ValueError(f"{name} must hold values from 0 (paper) to 1 (ink), got {drawing.min():g} to "
                         f"{drawing.max():g}; divide 0-255 pixels by 255.")
    return drawing


def _canvas_size(size, minimum=1):
    """Return a canvas side checked as a whole number of pixels from minimum to MAX_CANVAS."""
    return validate.count(size, "size", minimum=minimum, maximum=MAX_CANVAS,
                          why=f"the canvas holds size x size pixels; the course's pad is {CANVAS} x {CANVAS}")


def _pen(pen, size):
    """Return a pen width checked as a positive number of pixels no wider than the canvas."""
    pen = validate.number(pen, "pen", positive=True)
    if pen > size:
        raise ValueError(f"pen must be at most the canvas's size ({size} pixels), got {pen:g}; the course's is {PEN}.")
    return pen


def render(strokes, size=CANVAS, pen=PEN):
    """Paint strokes with a round pen on a size x size canvas; return it as floats, 0 paper and 1 ink."""
    strokes = check_strokes(strokes)
    size = _canvas_size(size)
    pen = _pen(pen, size)
    canvas = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(canvas)
    r = pen / 2
    for points in strokes:
        xy = [tuple(p) for p in points.tolist()]
        if len(xy) > 1:
            draw.line(xy, fill=255, width=round(pen))
        for x, y in xy:  # round ends and joints
            draw.ellipse([x - r, y - r, x + r, y + r], fill=255)
    return np.asarray(canvas, dtype=float) / 255


def ink_box(image, name="image"):
    """Return (top, bottom, left, right) of the ink in image, bottom and right exclusive."""
    image = check_drawing(image, name)
    rows = np.flatnonzero(image.any(axis=1))
    columns = np.flatnonzero(image.any(axis=0))
    if rows.size == 0:
        raise EmptyDrawingError(EMPTY_MESSAGE)
    return int(rows[0]), int(rows[-1]) + 1, int(columns[0]), int(columns[-1]) + 1


def centre_of_mass(image, name="image"):
    """Return the (row, column) of image's centre of mass, pixels weighted by their ink, counted from 0."""
    image = check_drawing(image, name)
    total = image.sum()
    if total == 0:
        raise EmptyDrawingError(EMPTY_MESSAGE)
    rows, columns = np.indices(image.shape)
    return float((rows * image).sum() / total), float((columns * image).sum() / total)


def _resize(image, width, height):
    """Return image resized to width x height by averaging the pixels each new pixel covers (anti-aliasing)."""
    picture = Image.fromarray(image.astype(np.float32))  # a 32-bit float ("F") image
    return np.clip(np.asarray(picture.resize((width, height), Image.Resampling.BOX), dtype=float), 0, 1)


def fit_box(drawing, box=BOX):
    """Crop drawing to its ink and scale it so its longer side is box pixels, keeping its aspect ratio."""
    drawing = check_drawing(drawing)
    box = validate.number(box, "box", integer=True, minimum=1)
    top, bottom, left, right = ink_box(drawing, "drawing")
    ink = drawing[top:bottom, left:right]
    scale = box / max(ink.shape)
    height, width = (max(1, min(box, round(side * scale))) for side in ink.shape)
    return _resize(ink, width, height)


def centre_in_field(digit, field=FIELD):
    """Place digit in a field x field image, shifted by whole pixels so its centre of mass is at the centre."""
    digit = check_drawing(digit, "digit")
    field = validate.number(field, "field", integer=True, minimum=max(digit.shape))
    row, column = centre_of_mass(digit, "digit")
    centre = field / 2
    # Whole-pixel shifts keep the grey levels as they are (within half a pixel of the centre); the digit stays
    # inside the field even when its centre of mass lies far to one side.
    top = int(np.clip(round(centre - row), 0, field - digit.shape[0]))
    left = int(np.clip(round(centre - column), 0, field - digit.shape[1]))
    image = np.zeros((field, field))
    image[top:top + digit.shape[0], left:left + digit.shape[1]] = digit
    return image


def prepare(drawing):
    """Prepare a drawing as MNIST's digits were: fit it into 20 x 20, then centre it by its mass in 28 x 28."""
    return centre_in_field(fit_box(drawing))


def shrink(drawing, field=FIELD):
    """Squeeze the whole drawing to field x field without any preparation (what a naive program would do)."""
    drawing = check_drawing(drawing)
    field = validate.number(field, "field", integer=True, minimum=1)
    if not drawing.any():
        raise EmptyDrawingError(EMPTY_MESSAGE)
    return _resize(drawing, field, field)


def ask(predict, image):
    """Return the network's 10 probabilities for one 28 x 28 image; predict is a function or a model."""
    if hasattr(predict, "predict") and not callable(predict):
        predict = predict.predict
    validate.function(predict, "predict")
    image = check_drawing(image, "image")
    if image.shape != (FIELD, FIELD):
        raise ValueError(f"image must be {FIELD} x {FIELD} pixels like MNIST's, got shape {image.shape}; "
                         "prepare(drawing) makes one.")
    if not image.any():
        raise EmptyDrawingError(EMPTY_MESSAGE)
    batch = image.reshape(1, FIELD, FIELD, 1).astype(np.float32)
    probabilities = np.asarray(predict(batch), dtype=float)
    if probabilities.shape not in ((1, 10), (10,)):
        raise ValueError(f"predict must return 10 probabilities for the image (shape (1, 10)), got shape "
                         f"{probabilities.shape}; pass a function like lambda x: model.predict(x).")
    return probabilities.reshape(10)


def load_strokes(path):
    """Read a drawing saved by save_strokes: return (strokes, what) where what describes it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path: no stroke file at {path}; the course's is {STROKE_FILE}.")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path} is not a stroke file: it is not valid JSON ({error}). Stroke files are written by "
                         "save_strokes (see data/README.md).") from None
    if not isinstance(record, dict) or "strokes" not in record:
        raise ValueError(f"{path} is not a stroke file: it needs a 'strokes' list (see data/README.md).")
    return check_strokes(record["strokes"], f"{path.name} strokes"), {k: v for k, v in record.items() if k != "strokes"}


def save_strokes(path, strokes, **about):
    """Write strokes (and a few words about them, e.g. label=3) as JSON, one stroke per line."""
    strokes = check_strokes(strokes)
    rows = ",\n  ".join(json.dumps([[round(x, 1), round(y, 1)] for x, y in s.tolist()]) for s in strokes)
    head = "".join(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n " for key, value in about.items())
    Path(path).write_text("{" + head + f'"strokes": [\n  {rows}\n ]\n}}\n')


# ---- the drawing pad ----

class DrawingPad:
    """A canvas the learner draws a digit on with the mouse; on each release the network is asked.

    `pad.widget` is what the notebook shows; `pad.strokes` holds the drawing. press/drag/release are the
    mouse's (and a finger's) moves, so that tests can draw without a browser.
    """

    def __init__(self, predict, size=CANVAS, pen=PEN):
        import ipywidgets
        from ipycanvas import Canvas

        if hasattr(predict, "predict") and not callable(predict):
            predict = predict.predict
        self.predict = validate.function(predict, "predict")
        self.size = _canvas_size(size, minimum=BOX)
        self.pen = _pen(pen, self.size)
        self.strokes = []
        self.canvas = Canvas(width=self.size, height=self.size,
                             layout=ipywidgets.Layout(width=f"{self.size}px", height=f"{self.size}px",
                                                      border=f"2px solid {BLUE}", flex="0 0 auto"))
        self.canvas.line_width = self.pen
        self.canvas.line_cap = "round"
        self.canvas.line_join = "round"
        self.canvas.stroke_style = BLACK
        self.canvas.fill_style = BLACK
        self.canvas.on_mouse_down(self.press)
        self.canvas.on_mouse_move(self.drag)
        self.canvas.on_mouse_up(self.release)
        self.canvas.on_mouse_out(self.release)
        self.canvas.on_touch_start(lambda touches: self.press(*touches[0]))
        self.canvas.on_touch_move(lambda touches: self.drag(*touches[0]))
        self.canvas.on_touch_end(lambda touches: self.release(*touches[0]) if touches else self.release())
        self.clear_button = ipywidgets.Button(description="Clear", icon="eraser",
                                              tooltip="Wipe the canvas and draw again")
        self.clear_button.on_click(lambda _: self.clear())
        self.answer = ipywidgets.HTML(layout=ipywidgets.Layout(min_height="1.5em"))
        self.output = ipywidgets.Output(layout=ipywidgets.Layout(min_height="250px"))
        self.widget = ipywidgets.HBox([  # the canvas keeps its size; the answer takes the room that is left
            ipywidgets.VBox([self.canvas, self.clear_button],
                            layout=ipywidgets.Layout(flex="0 0 auto", min_width=f"{self.size + 12}px")),
            ipywidgets.VBox([self.answer, self.output], layout=ipywidgets.Layout(flex="1 1 auto")),
        ])
        self._drawing = False
        self.clear()

    def _ipython_display_(self):
        """Show the pad's widget when the pad is the last thing in a cell."""
        from IPython.display import display

        display(self.widget)

    def press(self, x, y):
        """Start a stroke at (x, y)."""
        self._drawing = True
        self.strokes.append([[float(x), float(y)]])
        self.canvas.fill_circle(x, y, self.pen / 2)

    def drag(self, x, y):
        """Extend the current stroke to (x, y) while the button is down."""
        if not self._drawing:
            return
        x0, y0 = self.strokes[-1][-1]
        self.strokes[-1].append([float(x), float(y)])
        self.canvas.stroke_line(x0, y0, x, y)

    def release(self, x=None, y=None):
        """End the stroke and ask the network about the drawing so far."""
        if not self._drawing:
            return
        self._drawing = False
        self.guess()

    def clear(self):
        """Wipe the canvas and the answer."""
        self.strokes = []
        self._drawing = False
        self.canvas.clear()
        self.canvas.fill_style = WHITE  # white paper, also under a dark theme
        self.canvas.fill_rect(0, 0, self.size, self.size)
        self.canvas.fill_style = BLACK
        self.output.clear_output()
        self.answer.value = "Draw a digit in the box with the mouse; the network answers when you let go."

    def guess(self):
        """Prepare the drawing, show it, and show the network's answer; return the probabilities (None if empty)."""
        self.output.clear_output(wait=True)
        try:
            drawing = render(self.strokes, self.size, self.pen)
            prepared = prepare(drawing)
        except EmptyDrawingError:
            self.answer.value = f"<b>{EMPTY_MESSAGE}</b>"
            return None
        probabilities = ask(self.predict, prepared)
        said = int(np.argmax(probabilities))
        self.answer.value = f"<b>The network says {said}</b> ({probabilities[said]:.0%} sure)."
        with self.output:
            plot_guesses([prepared], [probabilities], ["your digit, prepared as MNIST's"], width=5.6)
        return probabilities


def drawing_pad(predict):
    """Return a DrawingPad over predict (a function of (n, 28, 28, 1) images, or a model with .predict)."""
    return DrawingPad(predict)
