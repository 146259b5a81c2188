"""The measurements that need TensorFlow, each run by bench.py in a fresh Python process of its own.

    python benchmarks/workers.py NAME OUT.json [OPTIONS_JSON]

NAME is one of WORKERS below; the worker writes what it measured to OUT.json. A process of its own matters:
importing tflearn switches TensorFlow to graph mode for the whole process, so tflearn and tf.keras are never
measured in the same one, and every measurement starts from the same cold state.
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for helpers

import numpy as np  # noqa: E402

from helpers import convnet, mnist, printout, progress, settings, tensorflow_setup  # noqa: E402
from helpers.weight_averaging import average_weights  # noqa: E402

tensorflow_setup.set_environment()  # as the notebooks run TensorFlow (oneDNN on); before TensorFlow loads

SEED = 1


def article_data(train_size=mnist.TRAIN_IMAGES):
    """Return (X, Y, val_X, val_Y, test_X, test_Y) as the article's network eats them: real MNIST split as notebook
    06 splits it (mnist.split_validation), then the first train_size of the 55,000 training images."""
    train_images, train_labels, test_images, test_labels = mnist.load_mnist()
    X, Y, val_X, val_Y = mnist.split_validation(*mnist.as_network_input(train_images, train_labels))
    test_X, test_Y = mnist.as_network_input(test_images, test_labels)
    return X[:train_size], Y[:train_size], val_X, val_Y, test_X, test_Y


# ---- the network in tf.keras (tflearn's is convnet.build_article_network) ----

def keras_network(tf):
    """Return the same network in tf.keras, compiled: tflearn's defaults written out where Keras's differ.

    tflearn's conv_2d and fully_connected start from a truncated normal of stddev 0.02; its "L2" regularizer adds
    0.001 * sum(w**2) / 2 per conv layer (Keras's L2(l) adds l * sum(w**2), so l = 0.0005); dropout(0.8) keeps
    80% (Keras's Dropout(0.2) drops 20%); its LRN is tf.nn.local_response_normalization with radius 5,
    bias 1, alpha 0.0001, beta 0.75; its Adam uses epsilon 1e-8 (Keras's default is 1e-7).
    """
    layers = tf.keras.layers
    init = tf.keras.initializers.TruncatedNormal(stddev=0.02, seed=SEED)
    l2 = tf.keras.regularizers.L2(0.0005)

    def lrn():
        return layers.Lambda(lambda x: tf.nn.local_response_normalization(
            x, depth_radius=5, bias=1.0, alpha=0.0001, beta=0.75))

    model = tf.keras.Sequential([
        layers.Input((28, 28, 1)),
        layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer=init, kernel_regularizer=l2),
        layers.MaxPooling2D(2, padding="same"),
        lrn(),
        layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer=init, kernel_regularizer=l2),
        layers.MaxPooling2D(2, padding="same"),
        lrn(),
        layers.Flatten(),
        layers.Dense(128, activation="tanh", kernel_initializer=init),
        layers.Dropout(0.2),
        layers.Dense(256, activation="tanh", kernel_initializer=init),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax", kernel_initializer=init),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01, epsilon=1e-8), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model


# ---- what a worker measures ----

def step_rates(step_ends, batch_size, warmup_steps):
    """Return (images/s over the steps after warm-up, images/s from the median step) from step end times."""
    ends = np.asarray(step_ends[warmup_steps:], dtype=float)
    if len(ends) < 2:
        raise ValueError(f"too few timed steps: {len(ends)} step ends after {warmup_steps} warm-up steps")
    steps = np.diff(ends)
    return batch_size * len(steps) / (ends[-1] - ends[0]), batch_size / float(np.median(steps))


def start_tflearn(intra_op=None, inter_op=None, seed=SEED):
    """Return tflearn, imported as the notebook does, with a seeded graph; threads per TensorFlow session where
    given (None: TensorFlow's default, one per core for each pool)."""
    from helpers import tflearn_setup

    tflearn = tflearn_setup.import_tflearn()
    config = tflearn.init_graph(seed=seed)  # as notebook 06 does; the config is the one its session will use
    if intra_op is not None:
        config.intra_op_parallelism_threads = intra_op
    if inter_op is not None:
        config.inter_op_parallelism_threads = inter_op
    return tflearn


def tflearn_throughput(batch_size, warmup_steps, timed_steps, intra_op=None, inter_op=None):
    """Train the article's tflearn network for warm-up + timed steps (no validation); return its images/s."""
    tflearn = start_tflearn(intra_op, inter_op)
    np.random.seed(SEED)
    n = batch_size * (warmup_steps + timed_steps + 1)
    X, Y, *_ = article_data()
    model = tflearn.DNN(convnet.build_article_network(tflearn), tensorboard_verbose=0)
    ends = []

    class StepClock(tflearn.callbacks.Callback):
        def on_batch_end(self, training_state, snapshot=False):
            ends.append(time.perf_counter())

    with printout.quiet():
        model.fit({"input": X[:n]}, {"target": Y[:n]}, n_epoch=1, batch_size=batch_size, show_metric=True,
                  shuffle=True, callbacks=[StepClock()])
    sustained, median_step = step_rates(ends, batch_size, warmup_steps)
    return {"images_per_s": sustained, "images_per_s_median_step": median_step, "steps": len(ends)}


def keras_throughput(batch_size, warmup_steps, timed_steps):
    """Train the same network in tf.keras on the same images for the same steps; return its images/s."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(SEED)
    n = batch_size * (warmup_steps + timed_steps + 1)
    X, Y, *_ = article_data()
    model = keras_network(tf)
    ends = []

    class StepClock(tf.keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            ends.append(time.perf_counter())

    model.fit(X[:n], Y[:n], batch_size=batch_size, epochs=1, shuffle=True, verbose=0, callbacks=[StepClock()])
    sustained, median_step = step_rates(ends, batch_size, warmup_steps)
    return {"images_per_s": sustained, "images_per_s_median_step": median_step, "steps": len(ends),
            "jit_compile": bool(model.jit_compile)}


def decaying_adam(tflearn, steps, final_rate, learning_rate=convnet.LEARNING_RATE):
    """Return TFLearn's Adam with a rate decaying exponentially from learning_rate to final_rate over `steps` steps:
    an experiment measured against the article's constant rate (benchmarks/findings.md), not the course's recipe."""
    import tensorflow as tf

    class Adam(tflearn.optimizers.Adam):  # named Adam, so TFLearn's printout still says "Adam"
        def __init__(self):
            super().__init__(learning_rate)
            self.has_decay = True  # asks regression() for a step counter, passed to build()

        def build(self, step_tensor=None):
            rate = tf.compat.v1.train.exponential_decay(learning_rate, step_tensor, steps, final_rate / learning_rate)
            self.tensor = tf.compat.v1.train.AdamOptimizer(rate, beta1=self.beta1, beta2=self.beta2,
                                                           epsilon=self.epsilon, name=self.name)
            self.built = True

    return Adam()


def cpu_setting(checks_per_epoch, target, epochs=None, batch_size=None, validate_every=None, intra_op=None,
                inter_op=None, setting="cpu", train_size=None, seed=SEED, final_rate=None):
    """Train notebook 06's CPU setting as the notebook does; evaluate on the 10,000 test images checks_per_epoch
    times an epoch, with the clock stopped while it does, and return when the test accuracy first reached target.
    The final accuracy is the notebook's: with the average of the weights of the last steps (average_weights).

    epochs, batch_size, validate_every and train_size, where given, replace the setting's (to compare settings);
    setting="ci" measures the CI setting instead of the CPU setting; seed seeds the starting weights and the order of
    the images (the notebook's is 1); final_rate, where given, decays the article's rate of 0.01 to it by the last step
    (decaying_adam: an experiment; None keeps the article's constant rate, as the notebook does).
    The last check (at the last step) has the last weights' accuracy; final_accuracy is the averaged weights'.
    """
    tflearn = start_tflearn(intra_op, inter_op, seed)
    np.random.seed(seed)  # TFLearn shuffles with numpy
    setting = settings.choose_setting(epochs, train_size, batch_size, validate_every, gpus=[], ci=setting == "ci")
    X, Y, val_X, val_Y, test_X, test_Y = article_data(setting.train_size)
    test_labels = test_Y.argmax(axis=1)
    optimizer = None if final_rate is None else decaying_adam(tflearn, setting.steps, final_rate)
    model = tflearn.DNN(convnet.build_article_network(tflearn, optimizer), tensorboard_verbose=0)
    steps_per_epoch = -(-setting.train_size // setting.batch_size)
    check_steps = sorted({round(steps_per_epoch * (i + 1) / checks_per_epoch) + e * steps_per_epoch
                          for e in range(setting.epochs) for i in range(checks_per_epoch)})
    checks = []
    paused = [0.0, 0.0]  # wall and CPU seconds spent on our own test evaluations, taken off the clock
    start = [0.0, 0.0]

    class TestCheck(tflearn.callbacks.Callback):
        def on_train_begin(self, training_state):
            start[:] = time.perf_counter(), time.process_time()

        def on_batch_end(self, training_state, snapshot=False):
            step = int(training_state.step)
            if step not in check_steps:
                return
            stopped, stopped_cpu = time.perf_counter(), time.process_time()
            predicted = convnet.predict_probabilities(model, test_X).argmax(axis=1)
            accuracy = float(np.mean(predicted == test_labels))
            checks.append({"step": step, "epoch": step / steps_per_epoch,
                           "seconds": stopped - start[0] - paused[0], "test_accuracy": accuracy})
            paused[0] += time.perf_counter() - stopped
            paused[1] += time.process_time() - stopped_cpu
            tflearn.is_training(True, session=model.session)  # predict() leaves the network in test mode

    live = progress.live_training(tflearn, setting, show=False)  # the notebook's callbacks (recording only)
    average = average_weights(tflearn, model, setting.steps, setting.average_steps)
    with printout.quiet():  # notebook 06's training cell, with our test checks added
        model.fit({"input": X}, {"target": Y}, n_epoch=setting.epochs,
                  validation_set=({"input": val_X}, {"target": val_Y}),
                  snapshot_step=setting.validate_every or None, show_metric=True, run_id="bench_cpu_setting",
                  batch_size=setting.batch_size, callbacks=[live, average, TestCheck()])
    fit_seconds = time.perf_counter() - start[0] - paused[0]
    # CPU seconds of all this process's threads: on a busy machine, cpu_seconds / cores is about what fit() would
    # take with the cores to itself (an estimate: it counts threads waiting busily too).
    fit_cpu_seconds = time.process_time() - start[1] - paused[1]
    kept = average.restore()  # as the notebook does: the average of the last steps' weights is the result
    predicted = convnet.predict_probabilities(model, test_X).argmax(axis=1)
    final_accuracy = float(np.mean(predicted == test_labels))
    reached = next((c for c in checks if c["test_accuracy"] >= target), None)
    return {"setting": {"name": setting.name, "epochs": setting.epochs, "train_size": setting.train_size,
                        "batch_size": setting.batch_size, "validate_every": setting.validate_every,
                        "steps": setting.steps, "seed": seed, "final_rate": final_rate},
            "checks": checks, "fit_seconds": fit_seconds, "fit_cpu_seconds": fit_cpu_seconds,
            "eval_seconds": paused[0],
            "final_accuracy": final_accuracy, "kept": kept, "live_seconds": live.history["seconds"],
            "seconds_to_target": reached["seconds"] if reached else None,
            "epoch_to_target": reached["epoch"] if reached else None}


NOTEBOOK_06 = Path(__file__).resolve().parent.parent / "notebooks" / "06_cnn_mnist.ipynb"


def notebook_function(name, notebook=NOTEBOOK_06):
    """Return the function `name` defined in a code cell of notebook 06: the code the learner reads is what runs."""
    cells = json.loads(notebook.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    found = [source for source in sources if source.startswith(f"def {name}(")]
    if len(found) != 1:
        raise ValueError(f"notebook 06 should have one cell starting with def {name}(, found {len(found)}")
    namespace = {}
    exec(compile(found[0], f"<notebook 06: {name}>", "exec"), namespace)
    return namespace[name]


def today(epochs=None, train_size=mnist.TRAIN_IMAGES):
    """Train today's recipe (notebook 06's train_today: Keras 3, batch normalisation, Adam 0.002 with a cosine
    schedule) for the CPU setting's today_epochs; return its time, CPU time, test accuracy and validation curve."""
    epochs = epochs or settings.AUTOMATIC["cpu"].today_epochs
    train_today = notebook_function("train_today")
    curve, marks = [], {}

    def report(**values):
        if "batch" in values and "first" not in marks:
            marks["first"] = time.perf_counter(), time.process_time()
        if "epoch" in values:
            curve.append({"epoch": values["epoch"], "val_accuracy": values["val_accuracy"],
                          "seconds": time.perf_counter() - begin})

    begin, begin_cpu = time.perf_counter(), time.process_time()
    result = train_today(epochs=epochs, train_size=train_size, report=report)
    seconds, cpu_seconds = time.perf_counter() - begin, time.process_time() - begin_cpu
    return {"epochs": epochs, "train_size": train_size, "steps": result["steps"],
            "test_accuracy": result["test_accuracy"], "parameters": result["parameters"], "curve": curve,
            "seconds": seconds, "cpu_seconds": cpu_seconds,
            "set_up_seconds": marks["first"][0] - begin, "set_up_cpu_seconds": marks["first"][1] - begin_cpu}


def matmul_rate(n, repeats):
    """Return this machine's float32 matrix-multiply rate: the best of `repeats` n x n products in TensorFlow."""
    import tensorflow as tf

    rng = np.random.default_rng(SEED)
    a = tf.constant(rng.standard_normal((n, n), dtype=np.float32))
    b = tf.constant(rng.standard_normal((n, n), dtype=np.float32))
    for _ in range(2):  # warm-up: thread pools, kernels, page faults
        tf.linalg.matmul(a, b).numpy()
    seconds = []
    for _ in range(repeats):
        begin = time.perf_counter()
        tf.linalg.matmul(a, b).numpy()
        seconds.append(time.perf_counter() - begin)
    flop = 2 * n**3
    return {"n": n, "best_gflops": flop / min(seconds) / 1e9, "median_gflops": flop / float(np.median(seconds)) / 1e9,
            "repeats": repeats, "intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
            "inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads()}


WORKERS = {
    "tflearn-throughput": tflearn_throughput,
    "keras-throughput": keras_throughput,
    "cpu-setting": cpu_setting,
    "matmul": matmul_rate,
    "today": today,
}


def main(argv):
    """Run the worker named in argv[1] with the options in argv[3] (JSON) and write its result to argv[2]."""
    name, out = argv[1], Path(argv[2])
    options = json.loads(argv[3]) if len(argv) > 3 else {}
    begin = time.perf_counter()
    result = WORKERS[name](**options)
    result["worker_seconds"] = time.perf_counter() - begin
    out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv)
