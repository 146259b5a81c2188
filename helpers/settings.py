"""How long notebook 06 trains, chosen for the machine: the GPU, CPU and CI settings, what each promises, and the
learner's knobs that replace the automatic values.

Why each value was chosen, and the runs that measured it, are in benchmarks/findings.md.
"""

import math
import os
from dataclasses import dataclass, replace

from helpers import validate
from helpers.mnist import TRAIN_IMAGES, VALIDATION_IMAGES

AVERAGE_SHARE = 0.2  # the share of the last training steps whose weights are averaged: the last epoch of 5
MAX_EPOCHS = 1_000  # 20 is the article's; a thousand epochs on a CPU would take days


@dataclass(frozen=True)
class Setting:
    """How long to train and what test accuracy that promises; `reason` says why it was chosen."""

    name: str  # "gpu", "cpu" or "ci"
    epochs: int
    train_size: int  # how many of the 55,000 training images to use
    batch_size: int
    validate_every: int  # steps between checks on the 5,000 validation images; 0: at the end of each epoch
    threshold: float  # the test accuracy this setting must reach
    reason: str
    today_epochs: int = 1  # epochs for today's recipe (step 6 of the notebook), in the same time budget
    today_threshold: float = 0.0  # the test accuracy today's recipe must reach
    changed: tuple = ()  # the knobs you set, as "name=value": the promises are the course's, for its own values

    @property
    def steps(self):
        """Return the number of training steps (batches) the setting takes in all."""
        return self.epochs * math.ceil(self.train_size / self.batch_size)

    @property
    def average_steps(self):
        """Return how many of the last training steps' weights are averaged for the result (see weight_averaging)."""
        return max(1, round(self.steps * AVERAGE_SHARE))

    def describe(self):
        """Return a few lines for the notebook: the setting, why, and what it costs."""
        every = f"every {self.validate_every} steps and " if self.validate_every else ""
        return (
            f"Setting: {self.name.upper()} - {self.reason}\n"
            f"  {self.epochs} epoch(s) over {self.train_size:,} training images in batches of {self.batch_size} "
            f"= {self.steps:,} steps\n"
            f"  validation on {VALIDATION_IMAGES:,} held-out images {every}at the end of each epoch\n"
            f"  the result: the average of the weights after each of the last {self.average_steps:,} steps\n"
            f"  the test accuracy must reach {self.threshold:.1%}"
        )

    def judge(self, accuracy, threshold=None):
        """Return one line: how a test accuracy compares with this setting's promise (threshold: another promise,
        such as today_threshold), and, when you changed a knob, that the promise is for the course's own values."""
        accuracy = validate.number(accuracy, "accuracy", minimum=0, maximum=1)
        threshold = self.threshold if threshold is None else threshold
        verdict = "reaches" if accuracy >= threshold else "falls short of"
        line = f"{accuracy:.2%} {verdict} the {threshold:.1%} that the {self.name.upper()} setting promises"
        if not self.changed:
            return line
        return (f"{line} for its own values. You set {', '.join(self.changed)}, so that promise is not checked here: "
                "compare, and carry on (set the knobs back to None to get the course's setting).")


# The automatic settings. Every one trains with the article's Adam at 0.01, in batches of 512, and keeps the
# average of the last fifth of its weights (helpers/weight_averaging.py). The promises sit below the
# measured runs (benchmarks/findings.md), so that a run never fails by chance.
AUTOMATIC = {
    # The article's 20 epochs over all 55,000 images; checks at each epoch's end.
    "gpu": Setting("gpu", 20, TRAIN_IMAGES, 512, 0, 0.985, "", today_epochs=20, today_threshold=0.99),
    # About 2 minutes of training on 2 free CPU cores for each recipe.
    "cpu": Setting("cpu", 5, TRAIN_IMAGES, 512, 0, 0.987, "", today_epochs=5, today_threshold=0.99),
    # Continuous integration: still real MNIST and real training, short enough for every push: one epoch over the
    # first 15,000 images (30 steps of the article's recipe, 118 of today's).
    "ci": Setting("ci", 1, 15_000, 512, 0, 0.92, "", today_epochs=1, today_threshold=0.94),
}


def running_in_ci(environ=None):
    """Return True when the environment variable CI says we run under continuous integration (CI=true)."""
    environ = os.environ if environ is None else environ
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _knob(value, name, **limits):
    """Return a knob of choose_setting checked as a whole number within limits, or None when it is not set."""
    return None if value is None else validate.number(value, name, integer=True, **limits)


def choose_setting(epochs=None, train_size=None, batch_size=None, validate_every=None, *, gpus=None, ci=None):
    """Return the Setting for this machine: CI if CI=true, else GPU if TensorFlow sees one, else CPU.

    Any knob that is not None replaces the automatic value. gpus: GPU names (None: ask TensorFlow);
    ci: True/False (None: read the CI environment variable).
    """
    if ci is None:
        ci = running_in_ci()
    if gpus is None:
        from helpers import tflearn_setup

        gpus = tflearn_setup.gpu_names()
    if ci:
        name, reason = "ci", "CI=true in the environment, so a short run that keeps the test suite quick"
    elif gpus:
        name, reason = "gpu", f"TensorFlow found {len(gpus)} GPU(s) ({', '.join(gpus)}), so the article's 20 epochs"
    else:
        name, reason = "cpu", "no GPU found, so a CPU budget of about 2 minutes on 2 cores for each recipe"
    knobs = {
        "epochs": _knob(epochs, "epochs", minimum=1, maximum=MAX_EPOCHS),
        "train_size": _knob(train_size, "train_size", minimum=1, maximum=TRAIN_IMAGES),
        "batch_size": _knob(batch_size, "batch_size", minimum=1, maximum=TRAIN_IMAGES),
        "validate_every": _knob(validate_every, "validate_every", minimum=0),
    }
    chosen = {key: value for key, value in knobs.items() if value is not None}
    changed = tuple(f"{key}={value}" for key, value in chosen.items())
    if changed:
        reason += "; set by you: " + ", ".join(changed)
    if "epochs" in chosen:  # today's recipe follows your epochs too
        chosen["today_epochs"] = chosen["epochs"]
    return replace(AUTOMATIC[name], reason=reason, changed=changed, **chosen)
