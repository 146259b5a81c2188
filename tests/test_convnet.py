"""helpers.convnet: the automatic settings, the numpy layers (against TensorFlow's own ops), and the training
machinery on the article's real network and real MNIST. Anything that imports tflearn runs in a subprocess:
tflearn switches TensorFlow to graph mode for the whole process."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from helpers import convnet

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("gpus", "ci", "name", "words"),
    [([], False, "cpu", "no GPU found"), (["/physical_device:GPU:0"], False, "gpu", "GPU:0"),
     ([], True, "ci", "CI=true"), (["/physical_device:GPU:0"], True, "ci", "CI=true")],
)
def test_choose_setting_follows_the_machine(gpus, ci, name, words):
    setting = convnet.choose_setting(gpus=gpus, ci=ci)
    assert setting.name == name and words in setting.reason
    assert setting.describe().startswith(f"Setting: {name.upper()}")


def test_gpu_setting_is_the_articles_20_epochs_and_thresholds_are_the_promised_ones():
    gpu = convnet.choose_setting(gpus=["GPU:0"], ci=False)
    assert (gpu.epochs, gpu.train_size) == (20, 55_000), "with a GPU: the article's 20 epochs on the full set"
    assert gpu.threshold == 0.985 and convnet.choose_setting(gpus=[], ci=False).threshold == 0.985
    assert convnet.choose_setting(gpus=[], ci=True).threshold == 0.97
    assert gpu.steps == 20 * 54, "55,000 images in batches of 1,024: 54 steps per epoch"


def test_knobs_override_the_automatic_values_and_say_so():
    setting = convnet.choose_setting(epochs=2, batch_size=32, gpus=[], ci=False)
    assert (setting.epochs, setting.batch_size, setting.train_size) == (2, 32, convnet.AUTOMATIC["cpu"].train_size)
    assert "set by you: epochs=2, batch_size=32" in setting.reason


@pytest.mark.parametrize(
    ("knobs", "error", "words"),
    [({"epochs": 0}, ValueError, "epochs must be at least 1"), ({"batch_size": "64"}, TypeError, "batch_size"),
     ({"train_size": 60_000}, ValueError, "train_size must be at most 55000"),
     ({"validate_every": 1.5}, TypeError, "validate_every must be a whole number")],
)
def test_bad_knobs_are_named(knobs, error, words):
    with pytest.raises(error, match=words):
        convnet.choose_setting(**knobs, gpus=[], ci=False)


def test_running_in_ci_reads_the_ci_variable():
    assert convnet.running_in_ci({"CI": "true"}) and convnet.running_in_ci({"CI": "1"})
    assert not convnet.running_in_ci({}) and not convnet.running_in_ci({"CI": "false"})


def test_quiet_keeps_what_was_printed():
    with convnet.quiet() as printed:
        print("Training Step: 1")
    assert printed.getvalue() == "Training Step: 1\n"


def test_last_report_strips_terminal_codes_and_keeps_the_last_block():
    block = ("Training Step: {n}  | total loss: \x1b[1m\x1b[32m0.10000\x1b[0m\x1b[0m | time: 1.000s\n"
             "\x1b[2K\r| Adam | epoch: 001 | loss: 0.10000 - acc: 0.9000 -- iter: 0{n}00/55000\n\x1b[A\x1b[A")
    printout = "---------------------------------\nTraining samples: 55000\n" + block.format(n=1) + block.format(n=2)
    assert convnet.last_report(printout) == (
        "Training Step: 2  | total loss: 0.10000 | time: 1.000s\n"
        "| Adam | epoch: 001 | loss: 0.10000 - acc: 0.9000 -- iter: 0200/55000")
    assert "no progress report" in convnet.last_report("")


def test_live_plot_redraws_every_few_seconds_but_never_spends_more_than_5_percent_drawing():
    assert not convnet.redraw_due(now=12.0, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.0)
    assert convnet.redraw_due(now=13.5, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.1)
    # a drawing that took 0.45 s waits 19 times as long: 8.55 s of training for every 0.45 s of drawing
    assert not convnet.redraw_due(now=18.0, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.45)
    assert convnet.redraw_due(now=18.6, drawn_at=10.0, redraw_s=3.0, draw_seconds=0.45)


def test_confusion_matrix_counts_and_rejects_bad_labels():
    matrix = convnet.confusion_matrix([0, 1, 1, 9], [0, 1, 7, 9])
    assert matrix.shape == (10, 10) and matrix.sum() == 4 and matrix[1, 7] == 1 and np.trace(matrix) == 3
    with pytest.raises(ValueError, match="same length"):
        convnet.confusion_matrix([0, 1], [0])
    with pytest.raises(ValueError, match="0 to 9"):
        convnet.confusion_matrix([0, 10], [0, 1])


def test_parameter_table_and_flops_match_the_handbook():
    class Variable:
        def __init__(self, name, shape):
            self.name, self.shape = name, shape

    rows = convnet.parameter_table([Variable("Conv2D/W:0", (3, 3, 1, 32)), Variable("Conv2D/b:0", (32,))])
    assert rows == [("Conv2D/W", (3, 3, 1, 32), 288), ("Conv2D/b", (32,), 32)]
    flops = 2 * sum(count for _, count in convnet.forward_flops())
    assert round(flops / 1e6, 1) == 8.6, "the handbook: about 8.6 MFLOP per image forward"


def test_predict_probabilities_batches_and_joins():
    class Doubler:
        calls = 0

        def predict(self, x):
            Doubler.calls += 1
            return np.repeat(x.reshape(len(x), -1)[:, :1], 10, axis=1)

    out = convnet.predict_probabilities(Doubler(), np.arange(25, dtype=float).reshape(25, 1), batch_size=10)
    assert out.shape == (25, 10) and Doubler.calls == 3 and out[24, 0] == 24


def test_numpy_layers_agree_with_tensorflow():
    tf = pytest.importorskip("tensorflow")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 7, 7, 3)).astype(np.float32)
    w = rng.normal(size=(3, 3, 3, 4)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    conv = tf.nn.conv2d(x, w, strides=1, padding="SAME").numpy() + b
    assert np.allclose(convnet.conv2d_same(x, w, b), conv, atol=1e-4)
    pool = tf.nn.max_pool2d(x, 2, 2, padding="SAME").numpy()
    assert np.allclose(convnet.max_pool(x, 2), pool)
    lrn = tf.nn.local_response_normalization(x * 30, depth_radius=5, bias=1.0, alpha=0.0001, beta=0.75).numpy()
    assert np.allclose(convnet.local_response_normalization(x * 30), lrn, atol=1e-5)
    assert np.allclose(convnet.softmax(np.array([[1.0, 2.0, 3.0]])).sum(), 1.0)
    assert convnet.relu(np.array([-1.0, 2.0])).tolist() == [0.0, 2.0]


SCRIPT = textwrap.dedent("""
    import json, sys
    import numpy as np
    from helpers import convnet, mnist, tflearn_setup

    tflearn = tflearn_setup.import_tflearn(runs_dir=sys.argv[1])
    train_images, train_labels, test_images, test_labels = mnist.load_mnist()
    X, Y = mnist.as_network_input(train_images[:2000], train_labels[:2000])
    valX, valY = mnist.as_network_input(test_images[:500], test_labels[:500])
    tflearn.init_graph(seed=1)
    network = convnet.build_article_network(tflearn)
    model = tflearn.DNN(network, tensorboard_verbose=0)

    setting = convnet.choose_setting(epochs=2, train_size=2000, batch_size=100, validate_every=10, gpus=[], ci=False)
    live = convnet.live_training(tflearn, setting, show=False)
    def notebook_clear_output(wait=False):  # what older IPython versions give TFLearn in a notebook
        raise AssertionError("TFLearn's progress printout would have cleared the cell")

    tflearn.callbacks.clear_output = notebook_clear_output
    seen = []

    class Spy(tflearn.callbacks.Callback):
        def on_batch_end(self, training_state, snapshot=False):
            seen.append(tflearn.callbacks.clear_output is notebook_clear_output)

    best = convnet.keep_best(tflearn, model)
    with convnet.quiet() as printed:
        model.fit({"input": X}, {"target": Y}, n_epoch=setting.epochs,
                  validation_set=({"input": valX}, {"target": valY}), snapshot_step=setting.validate_every,
                  show_metric=True, batch_size=setting.batch_size,
                  run_id="convnet_test", callbacks=[live, Spy(), best])
    last_weights = model.get_weights(best.variables[0])
    restored = best.restore()
    restored_ok = bool(np.array_equal(model.get_weights(best.variables[0]), best.weights[0]))
    probabilities = convnet.predict_probabilities(model, valX, batch_size=128)
    with_dropout = convnet.predict_with_dropout(tflearn, model, valX[:50])

    w = {name: [model.get_weights(v) for v in tflearn.get_layer_variables_by_name(name)]
         for name in ("Conv2D", "Conv2D_1", "FullyConnected", "FullyConnected_1", "FullyConnected_2")}
    x = valX[:50]
    for name in ("Conv2D", "Conv2D_1"):
        x = convnet.local_response_normalization(convnet.max_pool(convnet.relu(convnet.conv2d_same(x, *w[name]))))
    x = x.reshape(len(x), -1)
    x = np.tanh(x @ w["FullyConnected"][0] + w["FullyConnected"][1])
    x = np.tanh(x @ w["FullyConnected_1"][0] + w["FullyConnected_1"][1])
    numpy_probabilities = convnet.softmax(x @ w["FullyConnected_2"][0] + w["FullyConnected_2"][1])

    rows = convnet.parameter_table(tflearn.get_all_trainable_variable())
    print("RESULT", json.dumps({
        "printed_lines": printed.getvalue().count("\\n"),
        "history": {key: len(value) if isinstance(value, list) else value for key, value in live.history.items()},
        "loss_first_last": [live.history["loss"][1], live.history["loss"][-1]],
        "first_step": [live.history["loss"][0], live.history["accuracy"][0]],
        "shape": list(probabilities.shape),
        "accuracy": float((probabilities.argmax(1) == test_labels[:500]).mean()),
        "dropout_changes_output": float(np.abs(with_dropout - probabilities[:50]).max()),
        "numpy_vs_tflearn": float(np.abs(numpy_probabilities - probabilities[:50]).max()),
        "parameters": sum(count for _, _, count in rows),
        "restored": [restored, restored_ok, best.accuracy, max(live.history["val_accuracy"]),
                     bool(np.array_equal(last_weights, best.weights[0]))],
        "clear_output_silenced_then_restored": [not any(seen), tflearn.callbacks.clear_output is notebook_clear_output],
    }))
""")


def test_training_machinery_on_the_articles_network_and_real_mnist(tmp_path):
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
    assert report["shape"] == [500, 10] and report["accuracy"] > 0.8, report
    assert report["dropout_changes_output"] > 1e-3, "dropout on should change the probabilities"
    assert report["numpy_vs_tflearn"] < 1e-4, "the numpy network should give tflearn's probabilities"
    assert report["parameters"] == 455_946
    message, restored_ok, best, highest, best_was_last = report["restored"]
    assert restored_ok and best == highest and message.startswith("kept the weights of step"), report["restored"]
    assert report["clear_output_silenced_then_restored"] == [True, True], "TFLearn must not wipe the cell mid-fit"
    assert (tmp_path / "runs" / "convnet_test").is_dir(), "the TensorBoard log should be under runs/"


def keras_listing():
    """Return the Keras code block that notebook 06 shows (in a markdown cell) as today's way."""
    import nbformat

    notebook = nbformat.read(ROOT / "notebooks" / "06_cnn_mnist.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and "keras.Sequential" in cell.source:
            return cell.source.split("```python\n", 1)[1].split("```", 1)[0]
    raise AssertionError("notebook 06 should show the network in Keras (a ```python block with keras.Sequential)")


def test_the_notebooks_keras_listing_builds_the_same_network_and_trains(tmp_path):
    script = textwrap.dedent("""
        import numpy as np
        rng = np.random.default_rng(0)
        X = rng.random((64, 28, 28, 1), dtype=np.float32)
        Y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 64)]
        valX, valY = X[:16], Y[:16]
    """) + keras_listing() + "\nprint('PARAMETERS', model.count_params())\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert result.returncode == 0, f"the Keras listing does not run:\n{result.stderr[-3000:]}"
    assert "PARAMETERS 455946" in result.stdout, result.stdout[-1000:]
