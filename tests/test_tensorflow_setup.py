"""helpers.tensorflow_setup: TensorFlow starts without a word on stderr, and what it said is kept."""

import subprocess
import sys
from pathlib import Path

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
