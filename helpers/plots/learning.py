"""Learning curves: a perceptron's mistakes per epoch and a network's loss per update (notebooks 04 and 05).
Notebook 06's training curves are in plots/training.py."""


import matplotlib.pyplot as plt
import numpy as np

from helpers import neural, validate
from helpers.palette import PALETTE
from helpers.plots.figure import new_figure, show
from helpers.plots.square import draw_network, square


def plot_mistakes_per_epoch(gates=("AND", "OR", "NAND", "XOR"), learning_rate=0.2, epochs=30, seed=1):
    """Plot, one panel per gate, how many of the four rows the perceptron gets wrong after each epoch (4 updates)."""
    gates = (gates,) if isinstance(gates, str) else tuple(gates)
    if not gates:
        raise ValueError("gates must name at least one gate, e.g. gates=('OR', 'XOR').")
    for gate in gates:
        validate.choice(gate, "gates", tuple(neural.GATES))
    epochs = validate.count(epochs, "epochs", minimum=1, maximum=neural.MAX_UPDATES // 40,
                            why="four updates an epoch: more keep the kernel busy for minutes (XOR never settles)")
    fig, axes = new_figure(len(gates), width=3.2 if len(gates) > 1 else 7.0, height=3.0)
    for ax, gate in zip(np.atleast_1d(axes), gates, strict=True):
        counts = neural.train_perceptron(gate, learning_rate, 4 * epochs, seed).mistakes_per_epoch()
        ax.axhspan(-0.3, 0.5, color=PALETTE["good"], alpha=0.15)
        ax.text(0.98, 0.27, "all four right", transform=ax.get_yaxis_transform(), ha="right", va="center",
                fontsize=8, color=PALETTE["good"])  # above the line at 0, which a settled curve runs along
        never = counts.min() > 0  # never all right: vermillion and dashed, so it does not rest on colour alone
        ax.step(np.arange(1, epochs + 1), counts, where="mid", linewidth=1.2 if epochs > 100 else 1.8,
                color=PALETTE["bad"] if never else PALETTE["data"], linestyle="--" if never else "-")
        ax.set_ylim(-0.3, 4.3)
        ax.set_yticks(range(5))
        ax.set_xlabel("epoch (4 updates each)")
        ax.set_ylabel("rows wrong after the epoch")
        zero = np.flatnonzero(counts == 0)
        story = f"all right from epoch {zero[0] + 1}" if zero.size else f"never all right (fewest: {counts.min()})"
        ax.set_title(f"{gate}: {story}", fontsize=10)
    plt.show()


def _run_story(run):
    """Return a short verdict on a training run: when it learned, or that it did not."""
    if run.diverged_at is not None:
        return f"blew up after {run.diverged_at:,} updates"
    learned = run.learned_at()
    if learned is None:
        return f"not learned in {len(run.losses) - 1:,} updates"
    return f"all outputs within 0.1 after {learned:,} updates"


def draw_loss(ax, run):
    """Draw a run's loss after each update on log-log axes, with a dashed line where it learned XOR."""
    neural.check_run(run)
    updates = np.arange(1, len(run.losses))
    ax.plot(updates, run.losses[1:], color=PALETTE["data"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.minorticks_off()  # the powers of ten are enough to read, and the redraw is quicker (benchmarks/findings.md)
    ax.set_xlabel("updates (log scale)")
    ax.set_ylabel("loss: ½ Σ (output − target)²")
    learned = run.learned_at()
    if learned and run.diverged_at is None:
        ax.axvline(learned, color=PALETTE["good"], linestyle="--", linewidth=1.4, label=f"learned at {learned:,}")
        ax.legend(fontsize=8, loc="lower left")
    ax.set_title(f"{run.activation}, rate {run.learning_rate:g}: {_run_story(run)}", fontsize=10)


def plot_loss(run):
    """Plot a network's loss after each update (log scales), marking when all four outputs got within 0.1."""
    fig, ax = new_figure(width=6.4, height=3.6)
    draw_loss(ax, run)
    plt.show()


class NetworkTraining:
    """Notebook 05's training playground, live: the two panels stay; the loss curve and the output map move.

    It keeps the last run: when only the number of updates grows, training goes on from where it stopped
    (neural.train_more), which gives the same numbers, bit for bit, as training from the start.
    """

    def __init__(self):
        self.figure, (self.left, self.right) = new_figure(2, width=4.6, height=3.9)
        square(self.right)
        self.settings, self.run = None, None  # the last run and what it was trained with

    def train(self, n_hidden, learning_rate, iterations, activation, seed):
        """Return the run for these settings, going on from the last run where only the updates grew."""
        settings = (n_hidden, learning_rate, activation, seed)
        with validate.divergence_shown_elsewhere():  # the figure says so itself when the run blows up
            done = len(self.run.losses) - 1 if settings == self.settings and self.run.diverged_at is None else None
            if done is not None and isinstance(iterations, int) and done < iterations:
                run = neural.train_more(self.run, iterations - done)
            else:
                run = neural.train_network("XOR", n_hidden, learning_rate, iterations, activation, seed)
        self.settings, self.run = settings, run
        return run

    def update(self, n_hidden, learning_rate, iterations, activation, seed):
        """Train with these settings (or go on training); show the loss per update and the output over the square."""
        run = self.train(n_hidden, learning_rate, iterations, activation, seed)
        for artist in [*self.left.lines, *self.right.collections, *self.right.texts]:
            artist.remove()
        if self.left.get_legend() is not None:
            self.left.get_legend().remove()
        draw_loss(self.left, run)
        self.left.relim()  # the limits of the curve just removed go with it
        if run.diverged_at is None:
            draw_network(self.right, run.weights, activation, title=f"after {iterations:,} updates (labels: outputs)")
        else:
            self.right.set_title("no surface: the weights overflowed", fontsize=10)


def plot_network_training(n_hidden=4, learning_rate=1.0, iterations=3000, activation="sigmoid", seed=1):
    """Train the XOR network with these settings; show its loss per update and its output over the square."""
    show(NetworkTraining(), n_hidden=n_hidden, learning_rate=learning_rate, iterations=iterations,
         activation=activation, seed=seed)

