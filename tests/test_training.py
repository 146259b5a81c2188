"""How notebook 06 trains: the automatic settings (helpers.settings), the 55,000/5,000 split (helpers.mnist), the
history (helpers.history) and its plot (helpers.plots.training), the printout (helpers.printout), and the callbacks
(helpers.progress, helpers.weight_averaging) on the article's network and real MNIST, including a fit() interrupted
half-way. Anything that imports tflearn runs in a subprocess: tflearn switches TensorFlow to graph mode for the
whole process."""

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import history, mnist, printout, progress, settings
from helpers.plots import training as training_plots

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("gpus", "ci", "name", "words"),
    [([], False, "cpu", "no GPU found"), (["/physical_device:GPU:0"], False, "gpu", "GPU:0"),
     ([], True, "ci", "CI=true"), (["/physical_device:GPU:0"], True, "ci", "CI=true")],
)
def test_choose_setting_follows_the_machine(gpus, ci, name, words):
    setting = settings.choose_setting(gpus=gpus, ci=ci)
    assert setting.name == name and words in setting.reason
    assert setting.describe().startswith(f"Setting: {name.upper()}")


def test_a_slower_machine_gets_fewer_steps_and_its_steps_cover_every_image():
    machines = ((["GPU:0"], False), ([], False), ([], True))
    gpu, cpu, ci = (settings.choose_setting(gpus=gpus, ci=ci) for gpus, ci in machines)
    assert gpu.steps > cpu.steps > ci.steps, "a GPU trains longest, CI shortest"
    for setting in (gpu, cpu, ci):
        per_epoch = setting.steps // setting.epochs
        assert (per_epoch - 1) * setting.batch_size < setting.train_size <= per_epoch * setting.batch_size, setting
        assert setting.average_steps == max(1, round(setting.steps * settings.AVERAGE_SHARE))


def test_judge_says_reaches_at_the_promise_and_falls_short_below_it():
    cpu = settings.choose_setting(gpus=[], ci=False)
    assert "reaches" in cpu.judge(cpu.threshold) and "falls short of" in cpu.judge(cpu.threshold - 0.0001)
    assert "You set" not in cpu.judge(1.0)
    mine = settings.choose_setting(epochs=1, gpus=[], ci=False)
    assert "You set epochs=1" in mine.judge(0.5) and "is not checked" in mine.judge(0.5)
    with pytest.raises(ValueError, match="accuracy must be at most 1"):
        cpu.judge(99.18)  # a percentage where a share is expected


def test_knobs_override_the_automatic_values_and_say_so():
    setting = settings.choose_setting(epochs=2, batch_size=32, gpus=[], ci=False)
    assert (setting.epochs, setting.batch_size, setting.train_size) == (2, 32, settings.AUTOMATIC["cpu"].train_size)
    assert "set by you: epochs=2, batch_size=32" in setting.reason


@pytest.mark.parametrize(
    ("knobs", "error", "words"),
    [({"epochs": 0}, ValueError, "epochs must be at least 1"), ({"batch_size": "64"}, TypeError, "batch_size"),
     ({"train_size": 60_000}, ValueError, "train_size must be at most 55000"),
     ({"validate_every": 1.5}, TypeError, "validate_every must be a whole number")],
)
def test_bad_knobs_are_named(knobs, error, words):
    with pytest.raises(error, match=words):
        settings.choose_setting(**knobs, gpus=[], ci=False)


def test_running_in_ci_reads_the_ci_variable():
    assert settings.running_in_ci({"CI": "true"}) and settings.running_in_ci({"CI": "1"})
    assert not settings.running_in_ci({}) and not settings.running_in_ci({"CI": "false"})


def test_split_validation_holds_out_the_first_5000_as_read_data_sets_did():
    images, labels = np.arange(60_000), np.arange(60_000) % 10
    X, Y, valX, valY = mnist.split_validation(images, labels)
    assert (len(X), len(valX)) == (mnist.TRAIN_IMAGES, mnist.VALIDATION_IMAGES)
    assert valX[0] == 0 and valX[-1] == 4_999 and X[0] == 5_000, "validation: the first 5,000; training: the rest"
    assert np.array_equal(Y, labels[5_000:]) and np.array_equal(valY, labels[:5_000])
    with pytest.raises(ValueError, match="as many"):
        mnist.split_validation(images, labels[:10])
    with pytest.raises(ValueError, match="more than the 5,000"):
        mnist.split_validation(images[:5_000], labels[:5_000])


def test_quiet_keeps_what_was_printed():
    with printout.quiet() as printed:
        print("Training Step: 1")
    assert printed.getvalue() == "Training Step: 1\n"


def test_last_report_strips_terminal_codes_and_keeps_the_last_block():
    block = ("Training Step: {n}  | total loss: \x1b[1m\x1b[32m0.10000\x1b[0m\x1b[0m | time: 1.000s\n"
             "\x1b[2K\r| Adam | epoch: 001 | loss: 0.10000 - acc: 0.9000 -- iter: 0{n}00/55000\n\x1b[A\x1b[A")
    printed = "---------------------------------\nTraining samples: 55000\n" + block.format(n=1) + block.format(n=2)
    assert printout.last_report(printed) == (
        "Training Step: 2  | total loss: 0.10000 | time: 1.000s\n"
        "| Adam | epoch: 001 | loss: 0.10000 - acc: 0.9000 -- iter: 0200/55000")
    assert "no progress report" in printout.last_report("")
    with pytest.raises(TypeError, match="printout.getvalue"):
        printout.last_report(io.StringIO())


def test_live_plot_redraws_every_few_seconds_but_never_spends_more_than_5_percent_drawing():
    assert not progress.redraw_due(now=12.0, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.0)
    assert progress.redraw_due(now=13.5, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.1)
    # a drawing that took 0.45 s waits 19 times as long: 8.55 s of training for every 0.45 s of drawing
    assert not progress.redraw_due(now=18.0, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.45)
    assert progress.redraw_due(now=18.6, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.45)


class State:
    """What TFLearn's TrainingState offers a callback, for record_step."""

    def __init__(self, step, loss, acc, val_loss=None, val_acc=None):
        self.step, self.loss_value, self.acc_value, self.val_loss, self.val_acc = step, loss, acc, val_loss, val_acc


def test_record_step_keeps_losses_and_validation_checks_and_reads_tflearns_first_zero_as_missing():
    h = history.new_history()
    for state in (State(1, 0.0, 0.0), State(2, 1.5, 0.6), State(3, 1.0, 0.7, val_loss=0.9, val_acc=0.8)):
        history.record_step(h, state)
    assert h["step"] == [1, 2, 3] and h["loss"][1:] == [1.5, 1.0]
    assert np.isnan(h["loss"][0]) and np.isnan(h["accuracy"][0]), "TFLearn's 0 before any average"
    assert (h["val_step"], h["val_accuracy"]) == ([3], [0.8])


def history_of(steps=50, checks_at=(25, 50)):
    h = history.new_history()
    h["step"] = list(range(1, steps + 1))
    h["loss"] = list(np.linspace(2.0, 0.1, steps))
    h["accuracy"] = list(np.linspace(0.1, 0.99, steps))
    h["val_step"] = list(checks_at)
    h["val_loss"] = [0.3] * len(checks_at)
    h["val_accuracy"] = [0.95] * len(checks_at)
    h["epoch_end"] = [steps // 2, steps]
    return h


def test_draw_training_puts_the_loss_on_a_log_axis_that_shows_the_first_and_the_last_steps():
    fig, axes = plt.subplots(1, 2)
    h = history_of()
    h["loss"] = list(np.geomspace(2.0, 0.01, 50))  # a hundredfold fall, as a real run's
    training_plots.draw_training(axes, h)
    assert axes[0].get_yscale() == "log"
    low, high = axes[0].get_ylim()
    assert low <= 0.01 and high >= 2.0, "no loss may be cut off the axis"
    validation = [line for line in axes[1].lines if "validation" in str(line.get_label())]
    assert len(validation) == 1 and list(validation[0].get_xdata()) == [25, 50], "the checks at their own steps"


def test_smooth_is_the_running_mean_and_skips_missing_values():
    assert np.allclose(training_plots.smooth([1.0, 3.0, 5.0, 7.0], window=2), [1.0, 2.0, 4.0, 6.0])
    assert np.allclose(training_plots.smooth([np.nan, 2.0, 4.0], window=2), [np.nan, 2.0, 3.0], equal_nan=True)
    with pytest.raises(ValueError, match="window must be at least 1"):
        training_plots.smooth([1.0], window=0)


def test_draw_training_copes_with_an_empty_history_and_names_missing_keys():
    fig, axes = plt.subplots(1, 2)
    training_plots.draw_training(axes, history.new_history(), total_steps=100)
    assert axes[0].get_xlim() == (0, 100)
    with pytest.raises(ValueError, match="missing"):
        training_plots.draw_training(axes, {"step": []})


SCRIPT = textwrap.dedent("""
    import json, sys
    import numpy as np
    from helpers import convnet, mnist, printout, progress, settings, tflearn_setup, weight_averaging

    tflearn = tflearn_setup.import_tflearn(runs_dir=sys.argv[1])
    train_images, train_labels, test_images, test_labels = mnist.load_mnist()
    X, Y = mnist.as_network_input(train_images[:2000], train_labels[:2000])
    valX, valY = mnist.as_network_input(test_images[:500], test_labels[:500])
    tflearn.init_graph(seed=1)
    model = tflearn.DNN(convnet.build_article_network(tflearn), tensorboard_verbose=0)

    setting = settings.choose_setting(epochs=2, train_size=2000, batch_size=100, validate_every=10, gpus=[], ci=False)
    live = progress.live_training(tflearn, setting, show=False)
    def notebook_clear_output(wait=False):  # what older IPython versions give TFLearn in a notebook
        raise AssertionError("TFLearn's progress printout would have cleared the cell")

    tflearn.callbacks.clear_output = notebook_clear_output
    seen, first_weights = [], []

    class Spy(tflearn.callbacks.Callback):
        def on_batch_end(self, training_state, snapshot=False):
            seen.append(tflearn.callbacks.clear_output is notebook_clear_output)
            first_weights.append(model.get_weights(tflearn.get_all_trainable_variable()[0]))

    average = weight_averaging.average_weights(tflearn, model, setting.steps, setting.average_steps)
    with printout.quiet() as printed:
        model.fit({"input": X}, {"target": Y}, n_epoch=setting.epochs,
                  validation_set=({"input": valX}, {"target": valY}), snapshot_step=setting.validate_every,
                  show_metric=True, batch_size=setting.batch_size,
                  run_id="training_test", callbacks=[live, Spy(), average])
    restored_after_fit = tflearn.callbacks.clear_output is notebook_clear_output
    restored = average.restore()
    expected = np.mean(first_weights[-setting.average_steps:], axis=0)
    restored_ok = bool(np.allclose(model.get_weights(average.variables[0]), expected, atol=1e-6))
    moved = bool(not np.allclose(expected, first_weights[-1]))

    # A learner presses Stop (KeyboardInterrupt) at step 3 of a second fit().
    class Interrupt(tflearn.callbacks.Callback):
        def on_batch_end(self, training_state, snapshot=False):
            if training_state.step >= setting.steps + 3:
                raise KeyboardInterrupt

    shown = progress.live_training(tflearn, setting, show=False)
    interrupted = False
    with printout.quiet():
        try:
            model.fit({"input": X}, {"target": Y}, n_epoch=1, show_metric=True, batch_size=setting.batch_size,
                      run_id="training_test", callbacks=[shown, Interrupt()])
        except KeyboardInterrupt:
            interrupted = True

    print("RESULT", json.dumps({
        "printed_lines": printed.getvalue().count("\\n"),
        "history": {key: len(value) if isinstance(value, list) else value for key, value in live.history.items()},
        "loss_first_last": [live.history["loss"][1], live.history["loss"][-1]],
        "first_step": [live.history["loss"][0], live.history["accuracy"][0]],
        "averaged": [restored, restored_ok, average.count, setting.average_steps, moved],
        "clear_output_silenced_then_restored": [not any(seen), restored_after_fit],
        "interrupted": [interrupted, len(shown.history["step"]),
                        tflearn.callbacks.clear_output is notebook_clear_output],
    }))
""")


def test_callbacks_record_average_the_last_weights_and_put_clear_output_back_even_when_interrupted(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "runs")], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"training failed:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout.split("RESULT", 1)[1])
    history = report["history"]
    assert history["step"] == 40 and history["loss"] == 40 and history["accuracy"] == 40, history
    assert history["val_step"] == 4 + 2 - 2, "checks every 10 steps (4) and at each epoch end (2, the same steps)"
    assert history["epoch_end"] == 2 and history["seconds"] > 0
    assert report["printed_lines"] > 10, "tflearn's printout should have been caught by quiet()"
    assert report["loss_first_last"][1] < report["loss_first_last"][0], "the loss should fall"
    assert all(value != 0 for value in report["first_step"]), "TFLearn's 0 before its first average is not a loss"
    message, restored_ok, count, average_steps, moved = report["averaged"]
    assert count == average_steps == 8 and message.startswith("the weights are now the average of those after each of "
                                                               "the last 8 steps (steps 33 to 40)"), report["averaged"]
    assert restored_ok, "restore() should put the mean of the last 8 steps' weights into the network"
    assert moved, "the average should differ from the last step's weights (else the test proves nothing)"
    assert report["clear_output_silenced_then_restored"] == [True, True], "TFLearn must not wipe the cell mid-fit"
    assert report["interrupted"] == [True, 3, True], (
        "an interrupted fit() must stop where it was and leave tflearn.callbacks.clear_output as it found it: "
        f"[interrupted, steps recorded, clear_output put back] = {report['interrupted']}")
    assert (tmp_path / "runs" / "training_test").is_dir(), "the TensorBoard log should be under runs/"
