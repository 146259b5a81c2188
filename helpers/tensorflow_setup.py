"""Import TensorFlow quietly: its start-up lines (CPU features, no CUDA found) stay out of the notebooks.

TensorFlow 2.21's C++ side writes them straight to file descriptor 2 whatever TF_CPP_MIN_LOG_LEVEL
says, so they are caught there and kept for startup_messages(). Notebook 05 uses this for eager
TensorFlow; helpers/tflearn_setup.py builds on it for notebook 06.
"""

import contextlib
import logging
import os
import sys
import tempfile
import warnings

# What TensorFlow reads from the environment once, when it loads; a value you set yourself wins.
# TF_ENABLE_ONEDNN_OPTS=1 turns on TensorFlow's oneDNN kernels (fast convolutions, pooling and matrix products),
# which TensorFlow turns on by itself only on some newer x86 CPUs; the arithmetic is the same up to round-off.
# What they gain on the course's machine is in benchmarks/findings.md.
ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "1"}

_NATIVE_LOG = []  # what TensorFlow's C++ side wrote to stderr while it started (see startup_messages)


@contextlib.contextmanager
def _native_stderr_to_log():
    """Keep what C++ code writes straight to file descriptor 2 during the block out of the notebook,
    and save it for startup_messages()."""
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


def keep_startup_message(text):
    """Add text (something a library printed while it started) to what startup_messages() returns."""
    _NATIVE_LOG.append(str(text))


def startup_messages():
    """Return what TensorFlow printed while it started and looked for GPUs (read it when no GPU is found)."""
    return "".join(_NATIVE_LOG)


def set_environment(environ=None):
    """Set each ENVIRONMENT variable in environ (None: this process's) that is not set already; return environ."""
    environ = os.environ if environ is None else environ
    for name, value in ENVIRONMENT.items():
        environ.setdefault(name, value)
    return environ


def quiet_tensorflow():
    """Return TensorFlow, imported with its start-up and deprecation messages hidden (errors still show)."""
    set_environment()  # must come before TensorFlow loads
    for module in ("tensorflow", "tflearn", "keras", "absl", "h5py"):
        warnings.filterwarnings("ignore", module=rf"{module}(\.|$)")
    first_time = "tensorflow" not in sys.modules
    with _native_stderr_to_log():
        import tensorflow as tf

        if first_time and tf.executing_eagerly():
            tf.constant(0.0).numpy()  # the first operation starts the devices, which logs too
    tf.get_logger().setLevel(logging.ERROR)
    tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
    return tf


def gpu_names():
    """Return the names of the GPUs TensorFlow can use (an empty list on a CPU-only machine)."""
    tf = quiet_tensorflow()
    with _native_stderr_to_log():
        return [device.name for device in tf.config.list_physical_devices("GPU")]
