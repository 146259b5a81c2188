"""TFLearn's training printout: hidden while fit() runs, and its last progress report read back without the
terminal's control codes (it prints thousands of lines of them)."""

import contextlib
import io
import re

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


@contextlib.contextmanager
def quiet():
    """Hide what is printed inside the block (tflearn's thousands of progress lines); the buffer keeps it."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield buffer


def last_report(printout):
    """Return TFLearn's last progress report from its captured printout, without its terminal control codes."""
    if not isinstance(printout, str):
        raise TypeError(f"printout must be the text TFLearn printed (printout.getvalue()), got a "
                        f"{type(printout).__name__}.")
    text = _ANSI.sub("", printout).replace("\r", "\n")
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if line.startswith("Training Step:")]
    if not starts:
        return "(TFLearn printed no progress report)"
    block = [lines[starts[-1]]]
    for line in lines[starts[-1] + 1:]:
        if not line.startswith("|"):
            break
        block.append(line)
    return "\n".join(block)
