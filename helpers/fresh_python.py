"""Run a function written in a notebook cell in a fresh Python process, and stream its progress back.

Notebook 06 needs this because importing TFLearn switches its kernel to TensorFlow 1's graph mode for good,
while today's Keras needs TensorFlow 2's eager mode: the learner reads an ordinary function in a cell, and
run() sends that function's source (inspect.getsource) to a new Python, where eager mode is still on.

The function takes keyword arguments that JSON can carry, plus `report`: calling report(key=value, ...) inside it
sends those values back as they happen. What it returns (also JSON) is what run() returns.
"""

import inspect
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from helpers import tensorflow_setup

ROOT = Path(__file__).resolve().parent.parent  # the repository: the fresh process imports helpers from here
REPORT = "@@report "  # the start of a line the fresh process prints for report(...)
RESULT = "@@result "  # the start of the line that carries the function's return value

_PROGRAM = """\
import json
import sys

sys.path.insert(0, {root!r})


def report(**values):
    print({report!r} + json.dumps(values), flush=True)


{source}

result = {name}(**json.loads({arguments!r}), report=report)
print({result!r} + json.dumps(result), flush=True)
"""


def program(function, arguments):
    """Return the Python program that calls function(**arguments, report=report) and prints what it returns."""
    if not inspect.isfunction(function) or function.__name__ == "<lambda>":
        raise TypeError(f"function must be a function defined with def in a cell, got {function!r}: run() sends "
                        "its source code to the fresh process.")
    if function.__closure__:
        raise ValueError(f"{function.__name__} uses names from the function around it; define it at the top level of "
                         "a cell so that its source runs on its own.")
    if "report" not in inspect.signature(function).parameters:
        raise TypeError(f"{function.__name__} must take a parameter called report: run() passes a function that "
                        f"sends progress back, as in def {function.__name__}(..., report=print).")
    if "report" in arguments:
        raise TypeError(f"run() passes {function.__name__} its own report: leave report out of the arguments and use "
                        "on_report to receive what it sends.")
    try:
        text = json.dumps(arguments)
    except TypeError as error:
        raise TypeError(f"the arguments for {function.__name__} must be numbers, strings, lists or dicts (JSON), so "
                        f"that they can travel to the fresh process: {error}") from None
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except OSError:
        raise TypeError(f"the source of {function.__name__} cannot be found: define it with def in a notebook cell "
                        "or a .py file (not with exec), so that run() can send it to the fresh process.") from None
    return _PROGRAM.format(root=str(ROOT), report=REPORT, result=RESULT, source=source, name=function.__name__,
                           arguments=text)


def run(function, on_report=None, **arguments):
    """Return function(**arguments) computed in a fresh Python process; each report(...) it makes calls on_report.

    What the process prints otherwise is kept and shown only if it fails. Interrupting the kernel stops it too.
    """
    code = program(function, arguments)
    if on_report is not None and not callable(on_report):
        raise TypeError(f"on_report must be a function that takes a dict of reported values (or None), got "
                        f"{on_report!r}.")
    on_report = on_report or (lambda values: None)
    environment = tensorflow_setup.set_environment(dict(os.environ, PYTHONUNBUFFERED="1"))
    with tempfile.NamedTemporaryFile("w", suffix=".py", prefix=f"{function.__name__}_", delete=False) as file:
        file.write(code)
    result, other = None, []
    process = subprocess.Popen([sys.executable, file.name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=ROOT, env=environment)
    try:
        for line in process.stdout:
            if line.startswith(REPORT):
                on_report(json.loads(line[len(REPORT):]))
            elif line.startswith(RESULT):
                result = json.loads(line[len(RESULT):])
            else:
                other.append(line)
        process.wait()
    finally:
        if process.poll() is None:  # interrupted: stop the fresh process with us
            process.kill()
            process.wait()
        process.stdout.close()
        os.unlink(file.name)
    if process.returncode != 0:
        tail = "".join(other[-30:])
        raise RuntimeError(f"{function.__name__} failed in the fresh Python process (exit status "
                           f"{process.returncode}); the end of what it printed:\n{tail}")
    return result
