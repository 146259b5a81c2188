"""Make tflearn 0.5.0 (2020, its last release) import and train on today's TensorFlow.

This is the only module in the course that imports tflearn. It restores two names that newer
libraries removed, keeps TensorFlow's log noise out of the notebooks, and sends tflearn's
TensorBoard logs to runs/ in the repository instead of /tmp/tflearn_logs/.
Importing tflearn switches TensorFlow to graph mode (TF1 behaviour) for the rest of the kernel.
"""

import contextlib
import inspect
import io
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

RUNS_DIR = Path(__file__).resolve().parent.parent / "runs"
_NATIVE_LOG = []  # what TensorFlow's C++ side wrote to stderr while it started (see startup_messages)


@contextlib.contextmanager
def _native_stderr_to_log():
    """Keep what C++ code writes straight to file descriptor 2 during the block (TensorFlow's start-up lines,
    which ignore TF_CPP_MIN_LOG_LEVEL) out of the notebook, and save it for startup_messages()."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 to redirect (a detached process): nothing to keep out
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            _NATIVE_LOG.append(sink.read().decode(errors="replace"))


def startup_messages():
    """Return what TensorFlow printed while it started and looked for GPUs (read it when no GPU is found)."""
    return "".join(_NATIVE_LOG)


def quiet_tensorflow():
    """Hide TensorFlow's start-up and deprecation messages (errors still show)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # must be set before TensorFlow loads
    for module in ("tensorflow", "tflearn", "keras", "absl", "h5py"):
        warnings.filterwarnings("ignore", module=rf"{module}(\.|$)")
    with _native_stderr_to_log():
        import tensorflow as tf

    tf.get_logger().setLevel(logging.ERROR)
    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    return tf


def _set_default(function, parameter, value):
    """Replace the default value of one keyword parameter of a function."""
    names = [p.name for p in inspect.signature(function).parameters.values() if p.default is not p.empty]
    defaults = list(function.__defaults__)
    defaults[names.index(parameter)] = value
    function.__defaults__ = tuple(defaults)


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
    _NATIVE_LOG.append(printed.getvalue())

    log_dir = str(Path(runs_dir).resolve()) + os.sep
    _set_default(tflearn.DNN.__init__, "tensorboard_dir", log_dir)
    _set_default(tflearn.helpers.trainer.Trainer.__init__, "tensorboard_dir", log_dir)
    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    gpu_names()  # look for GPUs now, so CUDA's start-up lines land in startup_messages(), not in a later cell
    return tflearn


def gpu_names():
    """Return the names of the GPUs TensorFlow can use (an empty list on a CPU-only machine)."""
    tf = quiet_tensorflow()
    with _native_stderr_to_log():
        return [device.name for device in tf.config.list_physical_devices("GPU")]
