"""Gradient descent and four of its descendants, each a few lines of numpy, plus a surface with a saddle.

Every optimizer is a *step*: given where we are, the gradient function and a small dict it may keep
notes in (a velocity, a running average), it returns the next position. `run` takes the steps and
records the path, and stops early when the path runs off towards infinity.
"""

import inspect

import numpy as np

from helpers import validate

MAX_STEPS = 100_000  # a python loop: a million steps keep the kernel busy for minutes, and no figure shows them
TOO_MANY_STEPS = "more steps keep the kernel busy for minutes without a word (the article takes 60); try num_steps=100"


def gradient_descent_step(x, gradient, state, learning_rate):
    """Plain gradient descent (Cauchy 1847): step against the gradient."""
    return x - learning_rate * gradient(x)


def momentum_step(x, gradient, state, learning_rate, beta=0.9):
    """Momentum (Polyak 1964): keep a decaying sum of past gradients and step along it."""
    state["velocity"] = beta * state.get("velocity", 0.0) + gradient(x)
    return x - learning_rate * state["velocity"]


def nesterov_step(x, gradient, state, learning_rate, beta=0.9):
    """Nesterov (1983): first jump along the momentum, then correct with the gradient found there."""
    velocity = state.get("velocity", 0.0)
    look_ahead = x - learning_rate * beta * velocity
    state["velocity"] = beta * velocity + gradient(look_ahead)
    return x - learning_rate * state["velocity"]


def rmsprop_step(x, gradient, state, learning_rate, rho=0.9, eps=1e-8):
    """RMSprop (Hinton 2012): divide the gradient by the root of a running mean of its squares."""
    g = gradient(x)
    state["mean_square"] = rho * state.get("mean_square", 0.0) + (1 - rho) * g**2
    return x - learning_rate * g / (np.sqrt(state["mean_square"]) + eps)


def adam_step(x, gradient, state, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam (Kingma and Ba 2014): momentum and RMSprop together, with their start-up bias corrected."""
    g = gradient(x)
    t = state["t"] = state.get("t", 0) + 1
    state["m"] = beta1 * state.get("m", 0.0) + (1 - beta1) * g
    state["v"] = beta2 * state.get("v", 0.0) + (1 - beta2) * g**2
    m_hat = state["m"] / (1 - beta1**t)
    v_hat = state["v"] / (1 - beta2**t)
    return x - learning_rate * m_hat / (np.sqrt(v_hat) + eps)


OPTIMIZERS = {
    "gradient descent": gradient_descent_step,
    "momentum": momentum_step,
    "Nesterov": nesterov_step,
    "RMSprop": rmsprop_step,
    "Adam": adam_step,
}


def run(step, gradient, start, learning_rate, num_steps, **settings):
    """Take num_steps steps from start; return the path (start first), cut short with a DivergenceWarning if it
    passes validate.DIVERGENCE_LIMIT (diverged() tells a caller that reports it in its own words)."""
    validate.function(step, "step")
    validate.function(gradient, "gradient")
    scalar = np.ndim(start) == 0
    x = np.atleast_1d(validate.array(start, "start", shape=() if scalar else (None,)))
    learning_rate = validate.number(learning_rate, "learning_rate", positive=True)
    num_steps = validate.count(num_steps, "num_steps", maximum=MAX_STEPS, why=TOO_MANY_STEPS)
    _check_settings(step, settings)
    _check_gradient(gradient, x, scalar)

    def grad(point):
        return np.asarray(gradient(point[0] if scalar else point), dtype=float).reshape(point.shape)

    path, state = [x], {}
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(num_steps):
            x = step(x, grad, state, learning_rate, **settings)
            path.append(x)
            if not np.all(np.abs(x) < validate.DIVERGENCE_LIMIT):  # ran off towards infinity (or overflowed)
                validate.warn_diverged(f"the run at learning_rate={learning_rate:g}", len(path) - 1,
                                       f"the path stops where it passed {validate.DIVERGENCE_LIMIT:g}; try a smaller "
                                       "learning_rate")
                break
    path = np.array(path)
    return path[:, 0] if scalar else path


def _check_settings(step, settings):
    """Check that every extra setting passed to run() is one that step takes (beta, rho, eps, ...)."""
    known = list(inspect.signature(step).parameters)[4:]
    unknown = [name for name in settings if name not in known]
    if unknown:
        takes = ", ".join(known) or "no settings"
        raise TypeError(f"{getattr(step, '__name__', 'step')} takes {takes}; got {', '.join(unknown)}. Pass only "
                        "those (or none, for its defaults).")


def _check_gradient(gradient, x, scalar):
    """Call gradient once at the start and check that it gives one finite number per coordinate."""
    at = x[0] if scalar else x
    try:
        value = np.asarray(gradient(at), dtype=float)
    except (TypeError, ValueError):
        value = None
    if value is None or value.size != x.size:
        wanted = "one number" if scalar else f"{x.size} numbers, one per coordinate of start"
        raise ValueError(f"gradient must return {wanted}; at start it returned {gradient(at)!r}. Check that it "
                         "computes the slope of your function at the point it is given.")


def diverged(path, num_steps):
    """Return True when a path from run() stopped before taking all num_steps steps."""
    path = validate.array(path, "path", finite=False)
    return len(path) < validate.number(num_steps, "num_steps", integer=True, minimum=0) + 1


def saddle(x, y):
    """A surface with a saddle at (0, 0) and two valleys at (0, 1) and (0, -1): x**2 + y**4/4 - y**2/2."""
    x, y = validate.array(x, "x", finite=False), validate.array(y, "y", finite=False)
    return x**2 + y**4 / 4 - y**2 / 2


def saddle_gradient(point):
    """The gradient of saddle() at point = (x, y)."""
    x, y = validate.array(point, "point", shape=(2,), finite=False)
    return np.array([2 * x, y**3 - y])
