"""The average of the last training steps' weights (Polyak and Juditsky 1992), as a TFLearn callback: notebook 06
keeps that average as its result instead of the last weights.

tflearn is never imported here (only helpers/tflearn_setup.py does that): average_weights takes the module as an
argument. What the average gains over the last weights is measured in benchmarks/findings.md.
"""

from helpers import validate


def average_weights(tflearn, model, steps, average_steps):
    """Return a tflearn callback that adds up the weights after each of the last `average_steps` of `steps` training
    steps; .restore() puts their average into the model.

    Near the end Adam's steps wander around a low point of the loss; their average sits nearer to it than any one of
    them. Build it after the network, pass it to fit().
    """
    steps = validate.number(steps, "steps", integer=True, minimum=1)
    average_steps = validate.number(average_steps, "average_steps", integer=True, minimum=1, maximum=steps)

    class AverageWeights(tflearn.callbacks.Callback):
        """The sum of the weights after each of the last average_steps steps, and how many were added."""

        def __init__(self):
            super().__init__()
            self.variables = tflearn.get_all_trainable_variable()
            self.first = steps - average_steps + 1  # the first step whose weights are added
            self.sums, self.count, self.last = None, 0, None

        def on_batch_end(self, training_state, snapshot=False):
            if int(training_state.step) < self.first:
                return
            weights = model.session.run(self.variables)
            self.sums = weights if self.sums is None else [a + w for a, w in zip(self.sums, weights, strict=True)]
            self.count, self.last = self.count + 1, int(training_state.step)

        def restore(self):
            """Put the average of the added weights into the model and say which steps it covers."""
            if not self.count:
                raise RuntimeError(f"No weights were added: training stopped before step {self.first:,}, the first of "
                                   f"the last {average_steps:,}. Train for all {steps:,} steps first.")
            for variable, total in zip(self.variables, self.sums, strict=True):
                model.set_weights(variable, total / self.count)
            return (f"the weights are now the average of those after each of the last {self.count:,} steps "
                    f"(steps {self.first:,} to {self.last:,})")

    return AverageWeights()
