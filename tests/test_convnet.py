"""helpers.convnet: the article's network (one definition, checked against the notebook's own lines), its shapes and
multiply-adds, the numpy layers (against TensorFlow's own ops) and the notebook's numpy network. Anything that
imports tflearn runs in a subprocess: tflearn switches TensorFlow to graph mode for the whole process."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from course_notebooks import cell_index, load

from helpers import convnet, neural

ROOT = Path(__file__).resolve().parent.parent


def test_confusion_matrix_counts_and_rejects_bad_labels():
    matrix = convnet.confusion_matrix([0, 1, 1, 9], [0, 1, 7, 9])
    assert matrix.shape == (10, 10) and matrix.sum() == 4 and matrix[1, 7] == 1 and np.trace(matrix) == 3
    with pytest.raises(ValueError, match="same length"):
        convnet.confusion_matrix([0, 1], [0])
    with pytest.raises(ValueError, match="0 to 9"):
        convnet.confusion_matrix([0, 10], [0, 1])


def test_layer_shapes_count_the_articles_network():
    conv_1, conv_2, dense_128, dense_256, dense_10 = convnet.layer_shapes()
    assert conv_1.output_shape == (14, 14, 32) and conv_2.output_shape == (7, 7, 64), "2x2 pooling halves each side"
    assert dense_128.input_shape == (7 * 7 * 64,) and dense_128.parameters == 3136 * 128 + 128
    assert conv_2.multiply_adds == 14 * 14 * 64 * 3 * 3 * 32 and dense_10.multiply_adds == 256 * 10
    assert sum(layer.parameters for layer in convnet.layer_shapes()) == 455_946
    assert convnet.layer_shapes((29, 29, 1))[0].output_shape == (15, 15, 32), "odd sides round up, as 'same' pools"


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


def test_numpy_layers_refuse_filters_of_another_channel_count_and_a_pool_of_zero():
    x = np.zeros((2, 7, 7, 3))
    for channels in (1, 4):  # one channel would broadcast over three without a word
        with pytest.raises(ValueError, match=f"weights have {channels} channel\\(s\\) but x has 3"):
            convnet.conv2d_same(x, np.zeros((3, 3, channels, 2)), np.zeros(2))
    with pytest.raises(ValueError, match="bias must have shape"):
        convnet.conv2d_same(x, np.zeros((3, 3, 3, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="x must be maps of shape"):
        convnet.conv2d_same(x[0], np.zeros((3, 3, 3, 2)), np.zeros(2))
    for size in (0, -2):
        with pytest.raises(ValueError, match="size must be at least 1"):
            convnet.max_pool(x, size)
    with pytest.raises(ValueError, match="contains NaN"):
        convnet.local_response_normalization(np.full((1, 2, 2, 3), np.nan))



@pytest.mark.parametrize("k", [1, 3, 5])
def test_filter_gradient_agrees_with_finite_differences_of_the_forward_pass(k):
    rng = np.random.default_rng(k)
    image, output_gradient, kernel = rng.random((6, 9)), rng.normal(size=(6, 9)), rng.normal(size=(k, k))
    numeric = convnet.finite_differences(lambda: np.sum(output_gradient * convnet.feature_map(image, kernel)), kernel)
    assert neural.relative_error([convnet.filter_gradient(image, output_gradient, k)], [numeric]) < 1e-8


def test_filter_gradient_refuses_a_gradient_of_another_shape_and_an_even_filter():
    with pytest.raises(ValueError, match="output_gradient must have the feature map's shape"):
        convnet.filter_gradient(np.zeros((5, 5)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="k must be odd"):
        convnet.filter_gradient(np.zeros((5, 5)), np.zeros((5, 5)), 2)


@pytest.mark.parametrize("k", [1, 3, 5])
def test_input_gradient_agrees_with_finite_differences_of_the_forward_pass(k):
    rng = np.random.default_rng(k)
    image, output_gradient, kernel = rng.random((6, 9)), rng.normal(size=(6, 9)), rng.normal(size=(k, k))
    numeric = convnet.finite_differences(lambda: np.sum(output_gradient * convnet.feature_map(image, kernel)), image)
    assert neural.relative_error([convnet.input_gradient(kernel, output_gradient)], [numeric]) < 1e-8


def test_input_gradient_turns_the_filter_round_and_refuses_an_even_filter():
    kernel, output_gradient = np.arange(9.0).reshape(3, 3), np.zeros((5, 5))
    output_gradient[2, 2] = 1.0  # one output's gradient goes back to the 3 x 3 pixels it saw, times the weight each met
    assert convnet.input_gradient(kernel, output_gradient)[1:4, 1:4].tolist() == kernel.tolist()
    with pytest.raises(ValueError, match="odd side"):
        convnet.input_gradient(np.zeros((2, 2)), output_gradient)


def test_finite_differences_restores_the_values_and_refuses_what_it_cannot_nudge():
    values = np.array([1.0, -2.0, 3.0])
    slopes = convnet.finite_differences(lambda: np.sum(values**2), values)
    assert np.allclose(slopes, [2.0, -4.0, 6.0])
    assert values.tolist() == [1.0, -2.0, 3.0], "the nudged values must be put back"
    with pytest.raises(TypeError, match="float numpy array"):
        convnet.finite_differences(lambda: 0.0, np.array([1, 2]))
    with pytest.raises(TypeError, match="float numpy array"):
        convnet.finite_differences(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(TypeError, match="objective must be a function"):
        convnet.finite_differences(0.0, values)


def test_shift_moves_the_image_and_fills_in_blank_paper():
    image = np.arange(12.0).reshape(3, 4)
    assert convnet.shift(image, 1, -1).tolist() == [[0, 0, 0, 0], [1, 2, 3, 0], [5, 6, 7, 0]]
    assert np.array_equal(convnet.shift(image, 0, 0), image)
    assert not convnet.shift(image, 3, 0).any(), "a move as large as the image leaves blank paper"
    with pytest.raises(TypeError, match="rows must be a whole number"):
        convnet.shift(image, 0.5, 0)


def test_a_convolution_moves_with_the_image():
    rng = np.random.default_rng(2)
    image, kernel = np.pad(rng.random((6, 6)), 4), rng.normal(size=(3, 3))  # a blank margin, as MNIST's digits have
    moved = convnet.feature_map(convnet.shift(image, -2, 3), kernel)
    assert np.allclose(moved, convnet.shift(convnet.feature_map(image, kernel), -2, 3))


def notebook_cell(marker):
    """Return the source of notebook 06's first code cell that contains marker."""
    notebook = load("06_cnn_mnist.ipynb")
    return notebook.cells[cell_index(notebook, marker)].source


def notebook_function(name):
    """Return the source of the function called name, as notebook 06 defines it (without the rest of its cell)."""
    import ast

    source = notebook_cell(f"def {name}(")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node)
    raise AssertionError(f"notebook 06 should define {name}()")


SCRIPT = textwrap.dedent("""
    import json, sys
    from collections import Counter
    import numpy as np
    import tensorflow as tf
    from helpers import convnet, mnist, tflearn_setup

    tflearn = tflearn_setup.import_tflearn(runs_dir=sys.argv[1])
    from tflearn.layers.conv import conv_2d, max_pool_2d
    from tflearn.layers.core import dropout, fully_connected
    from tflearn.layers.estimator import regression
    from tflearn.layers.normalization import local_response_normalization

    def built():
        variables = convnet.parameter_table(tflearn.get_all_trainable_variable())
        operations = Counter(op.type for op in tf.compat.v1.get_default_graph().get_operations())
        return variables, operations

    exec(sys.argv[2])  # the notebook's cell: the article's lines, as printed
    from_notebook = built()
    tf.compat.v1.reset_default_graph()
    tflearn.init_graph(seed=1)
    network = convnet.build_article_network(tflearn)
    from_helper = built()

    train_images, train_labels, test_images, test_labels = mnist.load_mnist()
    X, Y = mnist.as_network_input(train_images[:2000], train_labels[:2000])
    testX, testY = mnist.as_network_input(test_images[:200], test_labels[:200])
    model = tflearn.DNN(network, tensorboard_verbose=0)
    model.fit({"input": X}, {"target": Y}, n_epoch=1, batch_size=100, run_id="convnet_test")
    probabilities = convnet.predict_probabilities(model, testX, batch_size=64)
    with_dropout = convnet.predict_with_dropout(tflearn, model, testX[:50])
    exec(sys.argv[3])  # the notebook's numpy_network, on the trained weights
    numpy_probabilities = numpy_network(testX[:50])
    print("RESULT", json.dumps({
        "same_variables": from_notebook[0] == from_helper[0],
        "same_operations": from_notebook[1] == from_helper[1],
        "variables": from_helper[0],
        "shape": list(probabilities.shape),
        "accuracy": float((probabilities.argmax(1) == test_labels[:200]).mean()),
        "dropout_changes_output": float(np.abs(with_dropout - probabilities[:50]).max()),
        "numpy_vs_tflearn": float(np.abs(numpy_probabilities - probabilities[:50]).max()),
    }))
""")


def test_the_notebooks_lines_the_helper_and_the_numpy_network_are_the_same_network(tmp_path):
    article = notebook_cell("# Building convolutional network")
    # numpy_network uses the layers the learner wrote by hand in step 2
    step_2 = "\n\n".join(notebook_function(name) for name in ("conv_layer", "max_pool_2x2", "softmax"))
    numpy_network = step_2 + "\n\n" + notebook_cell("def numpy_network")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "runs"), article, numpy_network], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"building or training the network failed:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout.split("RESULT", 1)[1])
    assert report["same_variables"], "the notebook's lines and convnet.build_article_network give different layers"
    assert report["same_operations"], "the notebook's lines and convnet.build_article_network build different graphs"
    shapes = {name: tuple(shape) for name, shape, _ in report["variables"]}
    for layer, name in zip(convnet.layer_shapes(), ("Conv2D", "Conv2D_1", "FullyConnected", "FullyConnected_1",
                                                    "FullyConnected_2"), strict=True):
        assert shapes[f"{name}/W"][-1] == layer.size and np.prod(shapes[f"{name}/W"]) == layer.fan_in * layer.size
    assert sum(count for *_, count in report["variables"]) == sum(layer.parameters for layer in convnet.layer_shapes())
    # 20 steps on 2,000 images: about 80-90% on the 200 test digits, varying with TensorFlow's threads (one fresh
    # clone's run gave exactly 80%); far above chance (10%) is what shows the network trains
    assert report["shape"] == [200, 10], report["shape"]
    assert report["accuracy"] > 0.5, f"20 training steps should lift accuracy far above chance: {report['accuracy']}"
    assert report["dropout_changes_output"] > 1e-3, "dropout on should change the probabilities"
    assert report["numpy_vs_tflearn"] < 1e-4, "the notebook's numpy network should give tflearn's probabilities"


def test_the_notebooks_train_today_builds_the_network_with_batch_normalisation_and_trains(tmp_path):
    import importlib.util

    from helpers import fresh_python

    path = tmp_path / "cell.py"
    path.write_text(notebook_cell("def train_today"))  # the notebook's own function, as the learner reads it
    spec = importlib.util.spec_from_file_location("cell", path)
    cell = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cell)
    reports = []
    result = fresh_python.run(cell.train_today, on_report=reports.append, epochs=1, train_size=4096)
    # the article's 455,946 weights and biases, plus batch normalisation's 4 numbers per channel (32 + 64 channels)
    assert result["parameters"] == 455_946 + 4 * (32 + 64), result
    assert result["steps"] == 32 and [r["batch"] for r in reports if "batch" in r] == list(range(1, 33)), reports
    epoch = [r for r in reports if "epoch" in r]
    assert len(epoch) == 1 and {"loss", "accuracy", "val_loss", "val_accuracy", "val_cross_entropy"} <= set(epoch[0]), (
        "the epoch report should carry the plain cross-entropy that the side-by-side plot uses", epoch)
    # 32 steps are too few for batch normalisation's running averages to settle: above chance (10%) is enough. Measured
    # 18.83% with Adam at 0.002 and label smoothing (the same in every fresh run), 20% and more at 0.001 without.
    assert result["test_accuracy"] > 0.15, f"32 steps of today's recipe should beat chance on the test digits: {result}"
