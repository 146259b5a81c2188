"""The perceptron (notebook 04) and the small sigmoid network that solves XOR (notebook 05), in plain numpy.

Both follow the article's code: inputs carry a third column of ones (the bias), the perceptron picks one
random example per update, and the 3-4-1 network does full-batch gradient descent on half the sum of
squared errors. Its forward and backward passes are written once, for any number of layers. Random starts
use their own generators seeded like the article's code, so a helper run with seed=1 repeats the article's run
with seed 1 without touching the global random state.
"""

import numbers
import random
from dataclasses import dataclass, field

import numpy as np

from helpers import tensorflow_setup, validate

INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "AND": np.array([0, 0, 0, 1], dtype=float),
    "OR": np.array([0, 1, 1, 1], dtype=float),
    "NAND": np.array([1, 1, 1, 0], dtype=float),
    "XOR": np.array([0, 1, 1, 0], dtype=float),
}
ACTIVATIONS = ("sigmoid", "tanh", "relu")
MAX_UPDATES = 1_000_000  # python loops: more keep the kernel busy for minutes without a word
TOO_MANY = "more keep the kernel busy for minutes without a word (the article's network needs 60,000)"


# ---- the data: four points and a truth table ----

def with_bias(inputs):
    """Return inputs with a column of ones appended (the article's bias input), e.g. [0, 1] -> [0, 1, 1]."""
    inputs = validate.array(inputs, "inputs")
    if inputs.ndim != 2:
        raise ValueError(f"inputs must be a table with one row per example, got shape {inputs.shape}.")
    return np.hstack([inputs, np.ones((len(inputs), 1))])


def gate_data(gate):
    """Return (inputs with the bias column, targets) for a logic gate: 'AND', 'OR', 'NAND' or 'XOR'."""
    validate.choice(gate, "gate", tuple(GATES))
    return with_bias(INPUTS), GATES[gate].copy()


# ---- the perceptron (Rosenblatt 1958) ----

def step(x):
    """Return 1 where x >= 0 and 0 where x < 0 (the article's `1_or_0`), for a number or an array."""
    x = validate.array(x, "x", non_empty=False)
    result = np.where(x < 0, 0, 1)
    return int(result) if result.ndim == 0 else result


def _weights(weights, name="weights"):
    """Return perceptron weights (w1, w2, bias) as a float array of shape (3,)."""
    return validate.array(weights, name, shape=(3,))


def predict(weights, inputs):
    """Return the perceptron's 0/1 answers for inputs with a bias column, all rows at once: step(inputs @ weights)."""
    weights = _weights(weights)
    inputs = validate.array(inputs, "inputs", shape=(None, 3))
    return step(inputs @ weights)


def mistakes(weights, gate):
    """Return how many of the gate's four rows the perceptron with these weights gets wrong."""
    inputs, targets = gate_data(gate)
    return int(np.sum(predict(weights, inputs) != targets))


def perceptron_update(weights, x, truth, learning_rate):
    """Return the weights after the article's rule on one example: w + rate * (truth - step(w.x)) * x."""
    weights = _weights(weights)
    x = validate.array(x, "x", shape=(3,))
    truth = validate.choice(validate.number(truth, "truth"), "truth", (0, 1))
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    error = truth - step(weights @ x)
    return weights + learning_rate * error * x


@dataclass
class PerceptronRun:
    """One training run: the gate, the weights after every update (row 0 is the start) and the rows picked."""

    gate: str
    learning_rate: float
    history: np.ndarray
    picked: np.ndarray

    @property
    def weights(self):
        """The weights after the last update."""
        return self.history[-1]

    def mistakes_after_each_update(self):
        """Return the number of the four rows wrong after each update (entry 0: before any update)."""
        inputs, targets = gate_data(self.gate)
        answers = step(self.history @ inputs.T)  # every weight vector's answer for every row, in one go
        return np.sum(answers != targets, axis=1)

    def mistakes_per_epoch(self):
        """Return the number of rows wrong at the end of each epoch (an epoch is four updates)."""
        return self.mistakes_after_each_update()[4::4]


def train_perceptron(gate="OR", learning_rate=0.2, num_updates=100, seed=1, start=None):
    """Train a perceptron on a gate the article's way (one random row per update); return a PerceptronRun.

    The start is numpy's `random.rand(3)` and the rows come from Python's `random.choice`, both seeded with
    `seed`, so seed=1 repeats the article's snippet run after `seed(1)` and `random.seed(1)`.
    Pass start=[w1, w2, bias] to begin elsewhere (e.g. at zero).
    """
    inputs, targets = gate_data(gate)
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    num_updates = validate.count(num_updates, "num_updates", maximum=MAX_UPDATES // 10,
                                 why="more keep the kernel busy for minutes (a perceptron settles in a few hundred)")
    seed = validate.number(seed, "seed", integer=True, minimum=0)
    picker = random.Random(seed)
    if start is None:
        weights = np.random.RandomState(seed).rand(3)
    else:
        weights = _weights(start, "start").copy()
    history = [weights.copy()]
    picked = []
    for _ in range(num_updates):
        row = picker.choice(range(len(inputs)))
        weights = perceptron_update(weights, inputs[row], targets[row], learning_rate)
        history.append(weights.copy())
        picked.append(row)
    return PerceptronRun(gate, learning_rate, np.array(history), np.array(picked, dtype=int))


def train_perceptron_batch(gate="OR", learning_rate=0.2, epochs=25, start=(0.0, 0.0, 0.0)):
    """Train with one matrix operation per epoch over all four rows; return the weights after each epoch."""
    inputs, targets = gate_data(gate)
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    epochs = validate.count(epochs, "epochs", maximum=MAX_UPDATES,
                            why="more keep the kernel busy for minutes (a perceptron settles in a few dozen)")
    weights = _weights(start, "start").copy()
    history = [weights.copy()]
    for _ in range(epochs):
        weights = weights + learning_rate * inputs.T @ (targets - step(inputs @ weights))
        history.append(weights.copy())
    return np.array(history)


def convergence_bound(gate, separator):
    """Return Novikoff's bound (R / margin)**2 on the perceptron's mistakes, given weights that separate the gate."""
    inputs, targets = gate_data(gate)
    separator = _weights(separator, "separator")
    signs = 2 * targets - 1  # 0/1 targets as -1/+1
    margins = signs * (inputs @ separator) / np.linalg.norm(separator)
    if np.min(margins) <= 0:
        raise ValueError(f"separator {separator.tolist()} does not separate {gate}: a row lies on its wrong side.")
    radius = np.max(np.linalg.norm(inputs, axis=1))
    return float((radius / np.min(margins)) ** 2)


# ---- networks of sigmoid units (Rumelhart, Hinton and Williams 1986; Trask 2015) ----
# One forward pass and one backward pass, for any number of layers, written once (_forward, _backward): the
# public functions below check their inputs and call them, and so do the training loop, the backward-pass
# stepper (plots/backprop) and the two-hidden-layer exercise's check (checks/backprop).

def _logistic(x):
    """The logistic function 1 / (1 + e^-x), unchecked; exp overflows to inf for very negative x, and 1/inf is 0."""
    return 1.0 / (1.0 + np.exp(-x))  # 1.0, not 1: quicker on small arrays (benchmarks/findings.md)


# name: (function, its slope written in terms of its output, as the article's sigmoid_output_to_derivative)
_FUNCTIONS = {
    "sigmoid": (_logistic, lambda out: out * (1.0 - out)),
    "tanh": (np.tanh, lambda out: 1.0 - out**2),
    "relu": (lambda x: np.maximum(x, 0), lambda out: (out > 0).astype(float)),
}


def activate(x, activation="sigmoid"):
    """Apply an activation function: 'sigmoid' (the article's), 'tanh' or 'relu'."""
    validate.choice(activation, "activation", ACTIVATIONS)
    x = validate.array(x, "x", finite=False, non_empty=False)
    with np.errstate(over="ignore"):
        return _FUNCTIONS[activation][0](x)


def derivative_from_output(output, activation="sigmoid"):
    """Return the activation's slope given its output, like the article's sigmoid_output_to_derivative."""
    validate.choice(activation, "activation", ACTIVATIONS)
    return _FUNCTIONS[activation][1](validate.array(output, "output", non_empty=False))


def _forward(matrices, inputs, hidden):
    """Return every layer's output, unchecked: the hidden layers through `hidden`, the last through a sigmoid."""
    layers = []
    layer = inputs
    for matrix in matrices[:-1]:
        layer = hidden(layer.dot(matrix))  # .dot: the article's, and faster than @ on arrays this small
        layers.append(layer)
    layers.append(_logistic(layer.dot(matrices[-1])))
    return layers


def _backward(matrices, inputs, layers, output_error, hidden_slope):
    """Return (gradients, deltas, errors), unchecked, one entry per weight matrix, from the output back.

    errors[k] is the loss's slope at layer k's output (the article's `error`, `layer_1_error`), deltas[k] its
    slope at layer k's weighted sum (`layer_2_delta`, `layer_1_delta`), gradients[k] its slope along matrices[k].
    """
    k = len(matrices) - 1
    out = layers[k]
    error, delta = output_error, output_error * (out * (1.0 - out))  # rule 2: back through the output's sigmoid
    gradients, deltas, errors = [], [delta], [error]
    while True:
        gradients.append((layers[k - 1] if k else inputs).T.dot(delta))  # the layer's input, transposed, times delta
        if not k:
            return gradients[::-1], deltas[::-1], errors[::-1]
        error = delta.dot(matrices[k].T)  # rule 1: back through the weights, by their transpose
        k -= 1
        delta = error * hidden_slope(layers[k])  # rule 2: back through the hidden layer's activation
        deltas.append(delta)
        errors.append(error)


def _matrices(weights):
    """Return the weight matrices checked: 2-D, each with as many rows as the one before has columns."""
    if not isinstance(weights, (tuple, list)) or not weights:
        given = "a single array" if isinstance(weights, np.ndarray) else type(weights).__name__
        raise TypeError(f"weights must be a tuple of weight matrices, one per layer, such as (syn_0, syn_1); got "
                        f"{given}. Put the matrices in brackets: (syn_0, syn_1).")
    matrices = []
    for k, matrix in enumerate(weights):
        matrix = validate.array(matrix, f"weights[{k}] (syn_{k})", shape=(None, None))
        if k and matrix.shape[0] != matrices[-1].shape[1]:
            raise ValueError(f"weights[{k}] (syn_{k}) must have {matrices[-1].shape[1]} rows, one per unit of the "
                             f"layer before it (syn_{k - 1} has {matrices[-1].shape[1]} columns); got shape "
                             f"{matrix.shape}. Check the order of the matrices, or a missing .T.")
        matrices.append(matrix)
    return matrices


def _examples(inputs, targets, matrices):
    """Return (inputs, targets) checked against each other and the first and last weight matrices."""
    inputs = validate.array(inputs, "inputs", shape=(None, matrices[0].shape[0]))
    targets = validate.array(targets, "targets", shape=(len(inputs), matrices[-1].shape[1]))
    return inputs, targets


def _hidden_sizes(n_hidden):
    """Return the hidden layers' sizes as a tuple: n_hidden is one count (one hidden layer) or one per layer."""
    sizes = (n_hidden,) if isinstance(n_hidden, numbers.Real) else n_hidden
    if not isinstance(sizes, (tuple, list)) or not sizes:
        raise TypeError(f"n_hidden must be a whole number of hidden units, or one per hidden layer such as (4, 4); "
                        f"got {type(n_hidden).__name__}.")
    return tuple(validate.count(s, "n_hidden", minimum=1, maximum=1_000,
                                why="four units solve XOR; thousands only make every update slower") for s in sizes)


def init_network(n_inputs=3, n_hidden=4, seed=1):
    """Return the article's random start (syn_0, syn_1, ...), uniform in [-1, 1), as after np.random.seed(seed).

    n_hidden is the hidden layer's size, or one size per hidden layer; the output is one unit.
    """
    n_inputs = validate.number(n_inputs, "n_inputs", integer=True, minimum=1)
    sizes = (n_inputs, *_hidden_sizes(n_hidden), 1)
    seed = validate.number(seed, "seed", integer=True, minimum=0)
    rng = np.random.RandomState(seed)  # the legacy generator, so seed=1 gives the article's numbers
    return tuple(2 * rng.random_sample(shape) - 1 for shape in zip(sizes[:-1], sizes[1:], strict=True))


def forward(weights, inputs, activation="sigmoid"):
    """Return every layer's output (layer_1, layer_2, ...): hidden layers use `activation`, the output a sigmoid."""
    matrices = _matrices(weights)
    inputs = validate.array(inputs, "inputs", shape=(None, matrices[0].shape[0]))
    validate.choice(activation, "activation", ACTIVATIONS)
    with np.errstate(over="ignore"):
        return tuple(_forward(matrices, inputs, _FUNCTIONS[activation][0]))


def loss(weights, inputs, targets, activation="sigmoid"):
    """Return half the sum of squared errors, the quantity the article's updates descend."""
    matrices = _matrices(weights)
    inputs, targets = _examples(inputs, targets, matrices)
    output = forward(matrices, inputs, activation)[-1]
    return float(0.5 * np.sum((output - targets) ** 2))


@dataclass
class Backward:
    """One forward and backward pass; each field holds one array per layer (layer_1 first, the output last)."""

    layers: tuple     # each layer's output a: layer_1, layer_2, ...
    errors: tuple     # dL/da at each layer: the article's layer_1_error, ..., and error (output - target)
    deltas: tuple     # dL/dz at each layer's weighted sum: layer_1_delta, layer_2_delta, ...
    gradients: tuple  # dL/d syn_0, dL/d syn_1, ...: each the layer's input, transposed, times its delta


def backpropagate(weights, inputs, targets, activation="sigmoid"):
    """Return the Backward record of one forward and backward pass over the examples, as in the article's loop."""
    matrices = _matrices(weights)
    inputs, targets = _examples(inputs, targets, matrices)
    validate.choice(activation, "activation", ACTIVATIONS)
    hidden, hidden_slope = _FUNCTIONS[activation]
    with np.errstate(over="ignore"):
        layers = _forward(matrices, inputs, hidden)
    gradients, deltas, errors = _backward(matrices, inputs, layers, layers[-1] - targets, hidden_slope)
    return Backward(tuple(layers), tuple(errors), tuple(deltas), tuple(gradients))


def gradients(weights, inputs, targets, activation="sigmoid"):
    """Return the loss's gradients (d syn_0, d syn_1, ...) by backpropagation, as in the article's loop."""
    return backpropagate(weights, inputs, targets, activation).gradients


def finite_differences(objective, values, eps=1e-5):
    """Return the slope of objective() along each entry of the `values`, nudged in place by ±eps, then restored."""
    if not callable(objective):
        raise TypeError("objective must be a function of no arguments that returns a number, got "
                        f"{type(objective).__name__}.")
    if not isinstance(values, np.ndarray) or values.dtype.kind != "f":
        kind = type(values).__name__ + (f" of {values.dtype}" if hasattr(values, "dtype") else "")
        raise TypeError("values must be a float numpy array that objective() reads (it is nudged in place, then "
                        f"restored); got {kind}.")
    eps = validate.number(eps, "eps", positive=True)
    slopes = np.zeros_like(values)
    for index in np.ndindex(values.shape):
        kept = values[index]
        try:
            values[index] = kept + eps
            up = objective()
            values[index] = kept - eps
            down = objective()
        finally:
            values[index] = kept
        slopes[index] = (up - down) / (2 * eps)
    return slopes


def numerical_gradients(weights, inputs, targets, activation="sigmoid", eps=1e-5):
    """Return the same gradients by central finite differences, nudging one weight at a time by eps."""
    matrices = [matrix.copy() for matrix in _matrices(weights)]  # nudged in place: never the caller's arrays
    inputs, targets = _examples(inputs, targets, matrices)
    return tuple(finite_differences(lambda: loss(matrices, inputs, targets, activation), matrix, eps)
                 for matrix in matrices)


def relative_error(a, b):
    """Return ‖a − b‖ / (‖a‖ + ‖b‖) over all entries of two lists of arrays, ‖v‖ = √(Σ v²) (0 when both are 0)."""
    a = np.concatenate([np.ravel(validate.array(x, "a", non_empty=False)) for x in a])
    b = np.concatenate([np.ravel(validate.array(x, "b", non_empty=False)) for x in b])
    if a.shape != b.shape:
        raise ValueError(f"a and b must hold the same number of values, got {a.size} and {b.size}.")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def gradient_check(weights, inputs, targets, activation="sigmoid", eps=1e-5):
    """Return the relative error between backpropagation's gradients and finite differences."""
    analytic = gradients(weights, inputs, targets, activation)
    numeric = numerical_gradients(weights, inputs, targets, activation, eps)
    return relative_error(analytic, numeric)


@dataclass
class NetworkRun:
    """One training run of the small network: final weights, loss and worst error after each update, snapshots."""

    activation: str
    learning_rate: float
    weights: tuple
    losses: np.ndarray
    worst_errors: np.ndarray
    snapshots: dict = field(default_factory=dict)
    diverged_at: int | None = None

    @property
    def outputs(self):
        """The network's four outputs after training."""
        return forward(self.weights, with_bias(INPUTS), self.activation)[-1].ravel()

    def learned_at(self, threshold=0.1):
        """Return the first number of updates after which every output is within threshold of its target, else None."""
        threshold = validate.number(threshold, "threshold", positive=True)
        below = np.flatnonzero(self.worst_errors < threshold)
        return int(below[0]) if below.size else None


def train_network(gate="XOR", n_hidden=4, learning_rate=1.0, iterations=60000, activation="sigmoid", seed=1,
                  snapshots=(), start=None):
    """Train the article's network (a hidden layer of n_hidden units) on a gate; return a NetworkRun.

    With the defaults this is the article's loop exactly. losses[i] and worst_errors[i] are measured after
    i updates (entry 0 at the start, the last after all of them); snapshots lists the update counts whose
    weights to keep. Pass start=(syn_0, syn_1, ...) to begin there instead of at the seeded random start, and
    n_hidden=(4, 4) for two hidden layers. A run whose numbers overflow turns to nan from that update on;
    diverged_at says where.
    """
    inputs, targets = gate_data(gate)
    targets = targets.reshape(-1, 1)
    validate.choice(activation, "activation", ACTIVATIONS)
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    iterations = validate.count(iterations, "iterations", minimum=1, maximum=MAX_UPDATES, why=TOO_MANY)
    wanted = {validate.number(s, "snapshots", integer=True, minimum=0, maximum=iterations) for s in snapshots}
    if start is None:
        matrices = list(init_network(inputs.shape[1], n_hidden, seed))  # new arrays, this loop's own
    else:
        matrices = [matrix.copy() for matrix in _matrices(start)]
        if matrices[0].shape[0] != inputs.shape[1]:
            raise ValueError(f"start's syn_0 must have {inputs.shape[1]} rows (x1, x2, bias), got "
                             f"{matrices[0].shape[0]}.")
        if matrices[-1].shape[1] != 1:
            raise ValueError(f"start's last matrix must have 1 column (one output), got {matrices[-1].shape[1]}.")
    hidden, hidden_slope = _FUNCTIONS[activation]
    errors = np.empty((iterations + 1, len(inputs)))
    kept = {}
    with np.errstate(over="ignore", invalid="ignore"):  # a run that blows up turns to nan, reported below
        for j in range(iterations + 1):
            if j in wanted:
                kept[j] = tuple(matrix.copy() for matrix in matrices)
            layers = _forward(matrices, inputs, hidden)
            error = layers[-1] - targets
            errors[j] = error[:, 0]
            if j < iterations:
                # The backward pass is linear in the output's error: scaling the error by the rate scales every
                # gradient by it, with one multiplication instead of one per matrix (exact at the article's rate 1).
                steps = _backward(matrices, inputs, layers, learning_rate * error, hidden_slope)[0]
                for matrix, step in zip(matrices, steps, strict=True):
                    matrix -= step  # in place: these arrays are this loop's own copies
    losses = 0.5 * np.sum(errors**2, axis=1)
    broken = np.flatnonzero(~np.isfinite(losses))
    diverged_at = int(broken[0]) if broken.size else None
    if diverged_at is not None:
        validate.warn_diverged(f"train_network at learning_rate={learning_rate:g}", diverged_at,
                               "its weights are NaN from there on (see .diverged_at); try a smaller learning_rate")
    worst = np.max(np.abs(errors), axis=1)
    return NetworkRun(activation, learning_rate, tuple(matrices), losses, worst, kept, diverged_at)


def train_more(run, iterations, gate="XOR"):
    """Return run trained for `iterations` more updates: the NetworkRun that training for all of them from the
    seeded start gives, bit for bit (the same updates, in the same order), without redoing the first ones."""
    run = check_run(run)
    if run.diverged_at is not None:
        raise ValueError(f"run diverged after {run.diverged_at:,} updates: its weights are NaN and training cannot go "
                         "on from them. Train from the start with a smaller learning_rate.")
    more = train_network(gate, None, run.learning_rate, iterations, run.activation, start=run.weights)
    losses = np.concatenate([run.losses, more.losses[1:]])  # more.losses[0] is run.losses[-1], measured again
    broken = np.flatnonzero(~np.isfinite(losses))
    return NetworkRun(run.activation, run.learning_rate, more.weights, losses,
                      np.concatenate([run.worst_errors, more.worst_errors[1:]]), dict(run.snapshots),
                      int(broken[0]) if broken.size else None)


def check_run(run):
    """Return run if it is a NetworkRun from train_network, else raise a TypeError."""
    if not isinstance(run, NetworkRun):
        raise TypeError(f"run must be what neural.train_network(...) returns, got {type(run).__name__}.")
    return run


def import_tensorflow():
    """Return TensorFlow (eager mode; tflearn is not loaded), its start-up log lines kept out of the notebook."""
    return tensorflow_setup.quiet_tensorflow()


def tensorflow_gradients(weights, inputs, targets, activation="sigmoid"):
    """Return (d syn_0, d syn_1, ...) of the same loss from TensorFlow's automatic differentiation (tf.GradientTape)."""
    matrices = _matrices(weights)
    inputs, targets = _examples(inputs, targets, matrices)
    validate.choice(activation, "activation", ACTIVATIONS)
    tf = import_tensorflow()
    hidden = {"sigmoid": tf.sigmoid, "tanh": tf.tanh, "relu": tf.nn.relu}[activation]
    variables = [tf.Variable(matrix) for matrix in matrices]
    with tf.GradientTape() as tape:
        layer = tf.constant(inputs)
        for variable in variables[:-1]:
            layer = hidden(layer @ variable)
        output = tf.sigmoid(layer @ variables[-1])
        total = 0.5 * tf.reduce_sum((output - targets) ** 2)
    return tuple(gradient.numpy() for gradient in tape.gradient(total, variables))
