"""Notebook 06's learning rate: the article's Adam at 0.01, decaying by the same factor at every step to 0.0001 at
the last, handed to TFLearn as an optimizer.

tflearn is never imported here (only helpers/tflearn_setup.py does that): decaying_adam takes the module as an
argument. What the decay gains over the article's constant rate is measured in benchmarks/findings.md.
"""

from helpers import convnet, validate

FINAL_LEARNING_RATE = 0.0001  # where the decay ends, at the last step: a hundredth of the start


def decayed_rate(step, steps, learning_rate=convnet.LEARNING_RATE, final_rate=FINAL_LEARNING_RATE):
    """Return the learning rate at a step: learning_rate at step 0, times the same factor at every step, final_rate
    at step `steps`."""
    validate.number(steps, "steps", integer=True, minimum=1)
    validate.number(step, "step", minimum=0)
    validate.number(learning_rate, "learning_rate", positive=True)
    validate.number(final_rate, "final_rate", positive=True)
    return learning_rate * (final_rate / learning_rate) ** (step / steps)


def decaying_adam(tflearn, steps, learning_rate=convnet.LEARNING_RATE, final_rate=FINAL_LEARNING_RATE):
    """Return an optimizer for tflearn's regression(optimizer=...): Adam whose rate decays exponentially from
    learning_rate to final_rate over `steps` training steps (decayed_rate computes the same numbers)."""
    decayed_rate(0, steps, learning_rate, final_rate)  # checks the arguments
    import tensorflow as tf

    class Adam(tflearn.optimizers.Adam):  # named Adam, so TFLearn's printout still says "Adam"
        """TFLearn's Adam (epsilon 1e-8) with an exponentially decaying learning rate."""

        def __init__(self):
            super().__init__(learning_rate)
            self.has_decay = True  # asks regression() for a step counter, passed to build()

        def build(self, step_tensor=None):
            rate = tf.compat.v1.train.exponential_decay(learning_rate, step_tensor, steps, final_rate / learning_rate)
            self.tensor = tf.compat.v1.train.AdamOptimizer(rate, beta1=self.beta1, beta2=self.beta2,
                                                           epsilon=self.epsilon, name=self.name)
            self.built = True

    return Adam()
