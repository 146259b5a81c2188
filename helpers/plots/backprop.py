"""The backward pass, one step at a time (notebook 05): which gradients of one XOR example are known after each step.

The backward pass of the article's 3-4-1 sigmoid network on one example, grouped by layer the way the article's
lines group it: the output's error, layer_2_delta, the gradient of syn_1, layer_1_error, layer_1_delta, the
gradient of syn_0. The numbers come from neural.backpropagate (the course's one backward pass) on that one example.
And the scalar engine's training run beside the article's loop (plot_engine_training).
"""

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

from helpers import neural, validate
from helpers.palette import BLACK, BLUE, ORANGE, SKY_BLUE, VERMILLION, WHITE
from helpers.plots.figure import new_figure, show

# A gradient's state at a step: its edges' colour, and its units' fill. Line style and width say it too.
NEW, KNOWN, UNKNOWN = VERMILLION, BLUE, BLACK
FILL = {"unknown": WHITE, "known": SKY_BLUE, "new": ORANGE}

# (what becomes known, how it is computed, the article's name for it): one entry per step of the backward pass
STEPS = (
    ("∂L/∂a₂", "∂L/∂a₂ = a₂ − y", "error"),
    ("δ₂", "δ₂ = ∂L/∂a₂ · a₂(1 − a₂)", "layer_2_delta"),
    ("∂L/∂syn_1", "∂L/∂syn_1[j] = a₁[j] · δ₂", "layer_1.T.dot(layer_2_delta)"),
    ("∂L/∂a₁", "∂L/∂a₁[j] = syn_1[j] · δ₂", "layer_1_error"),
    ("δ₁", "δ₁[j] = ∂L/∂a₁[j] · a₁[j](1 − a₁[j])", "layer_1_delta"),
    ("∂L/∂syn_0", "∂L/∂syn_0[i, j] = x[i] · δ₁[j]", "X.T.dot(layer_1_delta)"),
)
LAST_BACKWARD_STEP = len(STEPS)  # the slider's end: every gradient known


@dataclass
class BackwardPass:
    """One example's forward values and every gradient of its backward pass (one example: vectors, not tables)."""

    x: np.ndarray       # the input with its bias, shape (3,)
    target: float
    a1: np.ndarray      # hidden outputs, shape (4,)
    a2: float           # the network's output
    syn_1: np.ndarray   # the weights from the hidden units to the output, shape (4,): step 4 multiplies by them
    gradients: dict     # name in STEPS -> value (a number, a vector or a 3 x 4 table)

    def known_after(self, step):
        """Return the names whose gradients are known after `step` steps (0: none, only the forward pass)."""
        step = validate.number(step, "step", integer=True, minimum=0, maximum=LAST_BACKWARD_STEP)
        return [name for name, *_ in STEPS[:step]]


def backward_pass(weights=None, example=2):
    """Return the BackwardPass of one XOR example (row `example` of the four) through the 3-4-1 network.

    weights defaults to the article's random start, neural.init_network(seed=1). The numbers come from
    neural.backpropagate, the course's one backward pass, run on that one example.
    """
    weights = neural.init_network(seed=1) if weights is None else weights
    example = validate.number(example, "example", integer=True, minimum=0, maximum=3)
    inputs, targets = neural.gate_data("XOR")
    shapes = [np.shape(w) for w in weights] if isinstance(weights, (tuple, list)) else None
    if shapes is not None and shapes != [(3, 4), (4, 1)]:
        raise ValueError(f"weights must be the 3-4-1 network's (syn_0, syn_1), of shapes (3, 4) and (4, 1); got "
                         f"shapes {', '.join(str(s) for s in shapes)}. Pass e.g. neural.init_network(seed=1).")
    one = neural.backpropagate(weights, inputs[example:example + 1], targets[example:example + 1, None])
    gradients = {"∂L/∂a₂": float(one.errors[1][0, 0]), "δ₂": float(one.deltas[1][0, 0]),
                 "∂L/∂syn_1": one.gradients[1][:, 0], "∂L/∂a₁": one.errors[0][0], "δ₁": one.deltas[0][0],
                 "∂L/∂syn_0": one.gradients[0]}
    return BackwardPass(inputs[example], float(targets[example]), one.layers[0][0], float(one.layers[1][0, 0]),
                        np.asarray(weights[1], dtype=float)[:, 0], gradients)


# ---- drawing ----

INPUT_Y, HIDDEN_Y = (2.0, 0.0, -2.0), (2.7, 0.9, -0.9, -2.7)
COLUMNS = {"input": 0.0, "hidden": 2.2, "output": 5.4, "loss": 6.9}


def _edge(ax, start, end, state, *, label=None):
    """Draw one connection: dotted when its gradient is unknown, solid when known, thick when new this step."""
    style = {"unknown": (UNKNOWN, ":", 0.8, 0.45), "known": (KNOWN, "-", 1.6, 1.0), "new": (NEW, "-", 3.0, 1.0)}
    color, linestyle, width, alpha = style[state]
    ax.plot([start[0], end[0]], [start[1], end[1]], color=color, linestyle=linestyle, linewidth=width, alpha=alpha,
            zorder=1)
    if label is not None:
        middle = (0.55 * start[0] + 0.45 * end[0], 0.55 * start[1] + 0.45 * end[1])
        ax.text(*middle, label, fontsize=7, ha="center", va="center", color=BLACK, zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": WHITE, "edgecolor": color, "linewidth": 0.8})


def _node(ax, xy, text, state, *, marker="o", note=None):
    """Draw one unit: hollow when its gradient is unknown, filled when known (thick rim when new); note below."""
    rim = NEW if state == "new" else BLACK
    ax.scatter(*xy, s=900, marker=marker, facecolor=FILL[state], edgecolor=rim,
               linewidth=2.6 if state == "new" else 1.2, zorder=2)
    ax.text(*xy, text, fontsize=8, ha="center", va="center", zorder=3)
    if note:
        ax.text(xy[0], xy[1] - 0.62, note, fontsize=7.5, ha="center", va="top", zorder=3,
                color=NEW if state == "new" else BLACK)


def _state(name, known, newest):
    """Return 'new', 'known' or 'unknown' for a gradient's name at this step."""
    return "new" if name == newest else ("known" if name in known else "unknown")


def draw_backward_step(ax, story, step):
    """Draw the 3-4-1 network for one example with the gradients known after `step` steps of the backward pass."""
    if not isinstance(story, BackwardPass):
        raise TypeError(f"story must be what backward_pass(...) returns, got {type(story).__name__}.")
    known = story.known_after(step)  # checks step
    newest = known[-1] if known else None
    g = story.gradients
    inputs = [(COLUMNS["input"], y) for y in INPUT_Y]
    hidden = [(COLUMNS["hidden"], y) for y in HIDDEN_Y]
    output, loss = (COLUMNS["output"], 0.0), (COLUMNS["loss"], 0.0)
    w0 = _state("∂L/∂syn_0", known, newest)
    for start in inputs:
        for end in hidden:
            _edge(ax, start, end, w0)
    w1 = _state("∂L/∂syn_1", known, newest)
    for j, start in enumerate(hidden):  # each edge: its weight syn_1[j], and once known its gradient
        label = f"syn_1[{j}] {story.syn_1[j]:+.3f}"
        if w1 != "unknown":
            label += f"\n∂L/∂syn_1[{j}] {g['∂L/∂syn_1'][j]:+.4f}"
        _edge(ax, start, output, w1, label=label)
    _edge(ax, output, loss, "known" if step > 0 else "unknown")
    for i, (xy, name) in enumerate(zip(inputs, ("x₁", "x₂", "bias"), strict=True)):
        _node(ax, xy, f"{name}\n{story.x[i]:g}", "unknown", marker="s")
    for j, xy in enumerate(hidden):
        notes = []
        if "∂L/∂a₁" in known:
            notes.append(f"∂L/∂a {g['∂L/∂a₁'][j]:+.4f}")
        if "δ₁" in known:
            notes.append(f"δ {g['δ₁'][j]:+.4f}")
        state = _state("δ₁", known, newest) if "δ₁" in known else _state("∂L/∂a₁", known, newest)
        _node(ax, xy, f"a₁\n{story.a1[j]:.3f}", state, note="\n".join(notes) or None)
    notes = [f"∂L/∂a {g['∂L/∂a₂']:+.4f}"] if "∂L/∂a₂" in known else []
    if "δ₂" in known:
        notes.append(f"δ {g['δ₂']:+.4f}")
    state = _state("δ₂", known, newest) if "δ₂" in known else _state("∂L/∂a₂", known, newest)
    _node(ax, output, f"a₂\n{story.a2:.3f}", state, note="\n".join(notes) or None)
    _node(ax, loss, f"L\n{0.5 * (story.a2 - story.target) ** 2:.3f}", "known", marker="D",
          note=f"∂L/∂L = 1\ny = {story.target:g}")
    ax.set_xlim(-0.7, 7.6)
    ax.set_ylim(-3.9, 3.5)
    ax.axis("off")


def _numbers(values):
    """Return numbers as text for the panel: '+0.12345', or '[+0.12345, ...]' for a vector (never -0.00000)."""
    if np.ndim(values) == 0:
        return f"{values + 0.0:+.5f}"  # + 0.0 turns numpy's -0.0 (a negative number times 0) into 0.0
    return "[" + ", ".join(f"{v + 0.0:+.5f}" for v in values) + "]"


def _inputs_of_step(story, number):
    """Return the values that step `number` multiplies, as a line of the panel, so that it can be checked by hand."""
    delta_2 = f"δ₂ = {_numbers(story.gradients['δ₂'])} (step 2)"
    return {
        1: f"a₂ = {story.a2:.5f}, y = {story.target:g}",
        2: f"∂L/∂a₂ from step 1, a₂(1 − a₂) = {story.a2 * (1 - story.a2):.5f}",
        3: f"a₁ = {_numbers(story.a1)}, {delta_2}",
        4: f"syn_1 = {_numbers(story.syn_1)}, {delta_2}",
        5: f"∂L/∂a₁ from step 4, a₁(1 − a₁) = {_numbers(story.a1 * (1 - story.a1))}",
        6: f"x = [{', '.join(f'{v:g}' for v in story.x)}], δ₁ from step 5",
    }[number]


def _table(story, step):
    """Return the text panel: each step so far, the values it uses and its result (the newest marked with ▶)."""
    lines = []
    for number, (name, how, article) in enumerate(STEPS[:step], start=1):
        value = story.gradients[name]
        mark = "▶" if number == step else " "
        lines.append(f"{mark} {number}. {how}   ({article})")
        lines.append(f"      with {_inputs_of_step(story, number)}")
        if np.ndim(value) < 2:
            lines.append(f"      = {_numbers(value)}")
        else:
            for row, name_of_row in zip(value, ("x₁", "x₂", "bias"), strict=True):
                lines.append(f"      {name_of_row:>4} row: {_numbers(row)}")
    if not lines:
        lines = ["  0. The forward pass is done: every unit's value a is known,",
                 "     and no gradient yet but ∂L/∂L = 1."]
    return "\n".join(lines)


class BackwardStep:
    """Notebook 05's backward pass, live: the panels stay; the network's drawing, the numbers and the title move."""

    def __init__(self, weights):
        self.weights = weights  # checked by backward_pass in update
        self.figure, (self.left, right) = plt.subplots(1, 2, figsize=(13.5, 4.8), layout="tight",
                                                       gridspec_kw={"width_ratios": [1.1, 1.0]})
        right.axis("off")
        self.table = right.text(0.0, 1.0, "", family="monospace", fontsize=8.5, va="top", ha="left",
                                transform=right.transAxes)
        self.title = self.figure.suptitle("", fontsize=10)

    def update(self, step, example):
        """Show the backward pass of XOR example `example` after `step` of its steps."""
        step = validate.number(step, "step", integer=True, minimum=0, maximum=LAST_BACKWARD_STEP)
        story = backward_pass(self.weights, example)
        for artist in [*self.left.lines, *self.left.collections, *self.left.texts]:  # every unit and edge changes
            artist.remove()
        draw_backward_step(self.left, story, step)
        self.table.set_text(_table(story, step))
        title = "forward pass only" if step == 0 else STEPS[step - 1][0] + " is known"
        x1, x2 = (int(v) for v in story.x[:2])
        self.title.set_text(f"Backward pass for the example ({x1}, {x2}) → {story.target:g}, "
                            f"step {step} of {LAST_BACKWARD_STEP}: {title}\n"
                            "dotted line, hollow unit: gradient not known yet; solid line, filled unit: known; "
                            "thick line, thick rim: found in this step")


def plot_backward_step(step=LAST_BACKWARD_STEP, weights=None, example=2):
    """Show the backward pass of one XOR example after `step` of its 6 steps: the network, then the numbers."""
    show(BackwardStep(weights), step=step, example=example)


def plot_engine_training(engine_losses, article_losses, without_reset=None):
    """Plot the loss before each step of the scalar engine's training beside the article's loop on the same start
    (and, if given, the engine's run whose gradients were never reset)."""
    engine_losses = validate.array(engine_losses, "engine_losses", shape=(None,))
    article_losses = validate.array(article_losses, "article_losses", shape=(len(engine_losses),))
    fig, ax = new_figure(width=6.4, height=3.6)
    steps = np.arange(len(engine_losses))
    ax.plot(steps, article_losses, color=BLUE, linewidth=2.2, label="the article's numpy loop (neural.train_network)")
    every = max(1, len(steps) // 25)
    ax.plot(steps[::every], engine_losses[::every], linestyle="none", marker="o", markersize=5, color=ORANGE,
            markeredgecolor=BLACK, markeredgewidth=0.6, label="the engine: zero, forward, backward(), step")
    if without_reset is not None:
        without_reset = validate.array(without_reset, "without_reset", shape=(len(engine_losses),))
        ax.plot(steps, without_reset, color=VERMILLION, linestyle="--", linewidth=1.8,
                label="the engine with the gradients never reset")
    ax.set_yscale("log")
    ax.set_xlabel("step (one update of all 16 weights, from all four examples)")
    ax.set_ylabel("loss: ½ Σ (output − target)²")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title("Training XOR from the same random start", fontsize=10)
    plt.show()
