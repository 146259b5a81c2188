"""The history of a training run: loss and accuracy after each step, the validation checks, the ends of epochs and
the seconds it took, recorded from TFLearn's training state or from today's recipe's reports."""

HISTORY_KEYS = ("step", "loss", "accuracy", "val_step", "val_loss", "val_accuracy", "epoch_end")


def new_history():
    """Return an empty training history: per-step loss and accuracy, the validation checks, epoch ends, seconds."""
    history = {key: [] for key in HISTORY_KEYS}
    history["seconds"] = 0.0
    return history


def check_history(history):
    """Return history, raising a ValueError naming the keys a training history lacks."""
    missing = [key for key in HISTORY_KEYS if key not in history] if isinstance(history, dict) else HISTORY_KEYS
    if missing:
        raise ValueError(f"history must be a dict with {', '.join(HISTORY_KEYS)} (see history.new_history); "
                         f"missing {list(missing)}.")
    return history


def _number(value):
    """Return value as a float, NaN for None (tflearn reports None where it measured nothing)."""
    return float("nan") if value is None else float(value)


def record_step(history, training_state):
    """Add one training step's loss and accuracy (and its validation check, if there was one) to a history."""
    history["step"].append(int(training_state.step))
    # TFLearn reports moving averages, which read 0 before their first update: missing, not perfect.
    first = not history["loss"]
    history["loss"].append(_number(None if first and not training_state.loss_value else training_state.loss_value))
    history["accuracy"].append(_number(None if first and not training_state.acc_value else training_state.acc_value))
    if training_state.val_acc is not None or training_state.val_loss is not None:
        history["val_step"].append(int(training_state.step))
        history["val_loss"].append(_number(training_state.val_loss))
        history["val_accuracy"].append(_number(training_state.val_acc))


def record_epoch(history, step, logs):
    """Add one epoch's end at `step` from Keras' logs (loss, accuracy, val_loss, val_accuracy) to a history.

    A recipe whose loss is not plain cross-entropy (label smoothing) reports that too, as cross_entropy and
    val_cross_entropy: those are recorded as the loss, so that two recipes' losses compare.
    """
    history["step"].append(step)
    history["loss"].append(_number(logs.get("cross_entropy", logs.get("loss"))))
    history["accuracy"].append(_number(logs.get("accuracy")))
    history["val_step"].append(step)
    history["val_loss"].append(_number(logs.get("val_cross_entropy", logs.get("val_loss"))))
    history["val_accuracy"].append(_number(logs.get("val_accuracy")))
    history["epoch_end"].append(step)
