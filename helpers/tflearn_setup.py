"""Make tflearn 0.5.0 (2020, its last release) import and train on today's TensorFlow.

This is the only module in the course that imports tflearn. It restores two names that newer
libraries removed, fixes how tflearn reshuffles its training images between epochs (see import_tflearn),
keeps TensorFlow's log noise out of the notebooks, and sends tflearn's TensorBoard logs to runs/ in the
repository instead of /tmp/tflearn_logs/.
Importing tflearn switches TensorFlow to graph mode (TF1 behaviour) for the rest of the kernel.
"""

import contextlib
import inspect
import io
import os
from pathlib import Path

from helpers.tensorflow_setup import gpu_names, keep_startup_message, quiet_tensorflow, startup_messages

__all__ = ["RUNS_DIR", "gpu_names", "import_tflearn", "quiet_tensorflow", "startup_messages"]

RUNS_DIR = Path(__file__).resolve().parent.parent / "runs"
def _set_default(function, parameter, value):
    """Replace the default value of one keyword parameter of a function."""
    names = [p.name for p in inspect.signature(function).parameters.values() if p.default is not p.empty]
    defaults = list(function.__defaults__)
    defaults[names.index(parameter)] = value
    function.__defaults__ = tuple(defaults)


def _shuffle_into_a_new_order(flow):
    """TFLearn's FeedDictFlow.shuffle_samples, fixed: the new order is a new array, not the old one shuffled."""
    import numpy as np

    flow.index_array = np.random.permutation(flow.index_array)


def import_tflearn(runs_dir=RUNS_DIR):
    """Return the tflearn module, patched for today's TensorFlow and Pillow, logging under runs_dir."""
    tf = quiet_tensorflow()
    from tensorflow.python.util import nest

    if not hasattr(nest, "is_sequence"):  # removed from TensorFlow; tflearn still calls it
        nest.is_sequence = nest.is_nested
    import PIL.Image

    if not hasattr(PIL.Image, "ANTIALIAS"):  # removed in Pillow 10; tflearn's image utilities use it
        PIL.Image.ANTIALIAS = PIL.Image.LANCZOS
    with contextlib.redirect_stdout(io.StringIO()) as printed:  # "Scipy not supported!" and the like
        import tflearn
    keep_startup_message(printed.getvalue())

    # TFLearn 0.5.0 shuffles its training order in place at each epoch's end, while the batches it queued ahead
    # (32 of them) are views into that order: they change under the feeding thread, so about the last 30% of every
    # epoch trained on images of the next epoch's order, and a batch caught mid-way got images and labels that do
    # not belong together (the spikes of training loss at the same place in every epoch). Shuffling into a new
    # array leaves the queued batches as they were; the order is the same, drawn from the same random numbers.
    tflearn.data_flow.FeedDictFlow.shuffle_samples = _shuffle_into_a_new_order
    log_dir = str(Path(runs_dir).resolve()) + os.sep
    _set_default(tflearn.DNN.__init__, "tensorboard_dir", log_dir)
    _set_default(tflearn.helpers.trainer.Trainer.__init__, "tensorboard_dir", log_dir)
    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    gpu_names()  # look for GPUs now, so CUDA's start-up lines land in startup_messages(), not in a later cell
    return tflearn
