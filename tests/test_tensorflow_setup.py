"""helpers.tensorflow_setup: TensorFlow starts without a word on stderr, and what it said is kept."""

import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = (
    "from helpers import tensorflow_setup as s\n"
    "tf = s.quiet_tensorflow()\n"
    "s.keep_startup_message('hello from a library')\n"
    "print(tf.executing_eagerly(), s.gpu_names() == [], 'hello from a library' in s.startup_messages())\n"
)


def test_tensorflow_starts_silently_in_eager_mode_and_keeps_what_it_said():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True"], result.stdout
    assert result.stderr == "", f"TensorFlow's start-up reached stderr (a notebook would show it):\n{result.stderr}"


ONEDNN_SCRIPT = (
    "from helpers import tensorflow_setup as s\n"
    "s.quiet_tensorflow()\n"
    "from tensorflow.python.util import _pywrap_util_port\n"
    "print(_pywrap_util_port.IsMklEnabled())\n"
)


def onednn_is_on(**environment):
    """Start TensorFlow through quiet_tensorflow in a fresh process; return whether its oneDNN kernels are on."""
    result = subprocess.run([sys.executable, "-c", ONEDNN_SCRIPT], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={"PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": "", **environment})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split() == ["True"]


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"),
                    reason="TensorFlow's oneDNN kernels come in its x86 builds")
def test_tensorflow_starts_with_onednn_on_unless_you_turned_it_off():
    assert onednn_is_on(), "quiet_tensorflow should turn oneDNN on (notebook 06 trains 1.43 times as fast with it)"
    assert not onednn_is_on(TF_ENABLE_ONEDNN_OPTS="0"), "a TF_ENABLE_ONEDNN_OPTS=0 set by the learner must win"


def test_set_environment_fills_in_what_is_missing_and_keeps_what_is_set():
    from helpers import tensorflow_setup

    environ = tensorflow_setup.set_environment({"TF_ENABLE_ONEDNN_OPTS": "0", "HOME": "/home/learner"})
    assert environ == {"TF_ENABLE_ONEDNN_OPTS": "0", "TF_CPP_MIN_LOG_LEVEL": "2", "HOME": "/home/learner"}
    assert tensorflow_setup.set_environment({}) == tensorflow_setup.ENVIRONMENT
