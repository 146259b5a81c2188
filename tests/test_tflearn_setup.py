"""helpers.tflearn_setup makes tflearn build and train the article's network on today's TensorFlow,
with its logs under runs/ and nothing in /tmp/tflearn_logs. Runs in a subprocess: importing
tflearn switches TensorFlow to graph mode for the whole process."""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import json, sys
    import numpy as np
    from helpers import convnet, tflearn_setup

    tflearn = tflearn_setup.import_tflearn(runs_dir=sys.argv[1])
    tflearn.init_graph(seed=1)
    network = convnet.build_article_network(tflearn)
    model = tflearn.DNN(network, tensorboard_verbose=0)  # the article's call: no log directory given

    rng = np.random.default_rng(0)
    X = rng.random((64, 28, 28, 1), dtype=np.float32)
    Y = np.eye(10)[rng.integers(0, 10, 64)]
    model.fit({"input": X}, {"target": Y}, n_epoch=1, batch_size=16, show_metric=False, run_id="setup_test")
    probabilities = np.asarray(model.predict(X[:4]))
    print("RESULT", json.dumps({"shape": list(probabilities.shape), "row_sums": probabilities.sum(axis=1).tolist()}))
""")


def test_article_network_builds_and_trains_with_logs_in_runs_not_tmp(tmp_path):
    tmp_logs = Path("/tmp/tflearn_logs/setup_test")
    assert not tmp_logs.exists(), f"{tmp_logs} exists before the test; remove it so the test can tell"
    runs = tmp_path / "runs"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(runs)], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"building or training the article's network failed:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout.split("RESULT", 1)[1])
    assert report["shape"] == [4, 10], f"predict() should give 10 probabilities per image, got {report['shape']}"
    assert all(abs(total - 1) < 1e-4 for total in report["row_sums"]), "softmax outputs should sum to 1"
    assert (runs / "setup_test").is_dir(), "tflearn's TensorBoard log should be under the runs directory"
    assert not tmp_logs.exists(), "tflearn wrote to /tmp/tflearn_logs although the set-up module redirects it"


def test_start_up_noise_stays_out_of_the_output_but_is_kept_and_gpus_match_nvidia_smi(tmp_path):
    # TF_CPP_MIN_LOG_LEVEL=0 makes TensorFlow's C++ side log its start-up (CPU features, CUDA or not) for sure.
    script = (
        "import json, sys\n"
        "from helpers import tflearn_setup\n"
        "tflearn_setup.import_tflearn(runs_dir=sys.argv[1])\n"
        "print(json.dumps([tflearn_setup.startup_messages(), tflearn_setup.gpu_names()]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "runs")], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.strip() == "", f"TensorFlow's start-up lines reached stderr: {result.stderr[-1000:]!r}"
    messages, gpus = json.loads(result.stdout)  # anything else tflearn printed would break the JSON
    assert re.search(r"^[IWE]\d{4} ", messages, re.MULTILINE), f"TensorFlow's log lines were not kept: {messages!r}"
    expected = 0
    if shutil.which("nvidia-smi"):
        listed = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True)
        expected = len(listed.stdout.strip().splitlines()) if listed.returncode == 0 else 0
    assert len(gpus) == expected and all("GPU" in name for name in gpus), (
        f"gpu_names() gave {gpus}; nvidia-smi lists {expected} GPU(s)")


RESHUFFLE_SCRIPT = textwrap.dedent("""
    import numpy as np
    import tensorflow as tf
    from helpers import tflearn_setup

    tflearn = tflearn_setup.import_tflearn()
    np.random.seed(0)
    flow = tflearn.data_flow.FeedDictFlow({"x": np.arange(10)}, tf.train.Coordinator(), batch_size=4,
                                          shuffle=True, continuous=True)
    queued = [flow.next_batch_ids() for _ in range(3)]  # one epoch's batches, queued ahead
    kept = [ids.copy() for ids in queued]
    flow.reset_batches()  # the next epoch's order, drawn while those batches still wait in the queue
    print(all(np.array_equal(a, b) for a, b in zip(queued, kept)), sorted(flow.index_array.tolist()) == list(range(10)))
""")


def test_a_new_epoch_order_leaves_the_batches_already_queued_as_they_were():
    result = subprocess.run([sys.executable, "-c", RESHUFFLE_SCRIPT], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    unchanged, permutation = result.stdout.split()[-2:]
    assert unchanged == "True", "reshuffling changed the batches already queued (their images and labels can part)"
    assert permutation == "True", "the new order should hold every training image once"
