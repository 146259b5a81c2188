"""How long a "Play with it" widget takes to redraw in the browser: recorded per notebook, printed, saved.

A figure to read, not a timed assertion: the numbers depend on the machine and on what else runs on it
(the load average is saved with them). The browser test records each slider key press here; pytest's
terminal summary prints the table, and build/e2e/latency.json keeps it, one entry per notebook.
"""

import json
import os
import statistics
import time
from pathlib import Path

FILE = Path(__file__).resolve().parents[2] / "build" / "e2e" / "latency.json"
RECORDED = {}  # notebook name: its entry, for this run's summary


def record(notebook, presses):
    """Record a notebook's presses ({label, before, after, ms} each) and save them to FILE; return the entry."""
    presses = [{**press, "ms": None if press["ms"] is None else round(press["ms"])} for press in presses]
    times = [press["ms"] for press in presses if press["ms"] is not None]
    entry = {
        "presses": len(presses),
        "redrawn": len(times),
        "median_ms": round(statistics.median(times)) if times else None,
        "min_ms": min(times, default=None),
        "max_ms": max(times, default=None),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "each": presses,
    }
    RECORDED[notebook] = entry
    saved = json.loads(FILE.read_text()) if FILE.exists() else {}
    saved[notebook] = entry
    FILE.parent.mkdir(parents=True, exist_ok=True)
    FILE.write_text(json.dumps(saved, indent=1) + "\n")
    return entry


def describe(notebook, entry):
    """Return one line saying a notebook's median and range of redraw times."""
    if entry["median_ms"] is None:
        return f"{notebook}: {entry['presses']} key presses, no redraw seen"
    return (f"{notebook}: median {entry['median_ms']} ms, range {entry['min_ms']}-{entry['max_ms']} ms over "
            f"{entry['redrawn']} key presses (load average {entry['load_average'][0]} on {entry['cpus']} CPUs)")


def summary_lines():
    """Return the lines of this run's table, one per notebook, for pytest's terminal summary."""
    return [describe(notebook, entry) for notebook, entry in sorted(RECORDED.items())]
