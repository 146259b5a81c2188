"""Load test of the course's hub (make hub-load): N simulated learners sign in at once through the hub's login page and
REST API, and each runs notebooks 01-05 cell by cell in their own kernel, as a class following along would (back to
back, with no pause to read: harsher than a class); or, with --cnn, k learners run notebook 06's CI setting at once.

It starts its own hub on 127.0.0.1 on a free port (hub/local_hub.py), stops by itself after --time-limit seconds at
the latest, and removes the learners' accounts, processes and cgroups. It prints one table row and writes the figures
to build/hub-load/ (results.md, one line per run, and a JSON file per run).

Usage (as root): .venv/bin/python hub/load_test.py --learners 5 [--cnn] [--time-limit 900]
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from course_hub import DEFAULT_MEMORY  # noqa: E402
from learner import HubError, Learner  # noqa: E402
from local_hub import LocalHub  # noqa: E402

COURSE = ["01_least_squares.ipynb", "02_gradient_descent.ipynb", "03_linear_regression.ipynb",
          "04_perceptron.ipynb", "05_backpropagation.ipynb"]
CNN = ["06_cnn_mnist.ipynb"]
MAX_LEARNERS = 40  # the most this test signs in: it is a measurement on one machine, not a flood
OUT = ROOT / "build" / "hub-load"
CPU_SECONDS = ("import resource\n"
               "own, children = (resource.getrusage(resource.RUSAGE_SELF), "
               "resource.getrusage(resource.RUSAGE_CHILDREN))\n"
               "print(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime)")
CI_SETTING = "import os\nos.environ['CI'] = 'true'  # notebook 06's CI setting, as under make test"


def hub_mib(hub):
    """Memory (resident, MiB) of the hub's own processes: the launcher, JupyterHub, the proxy and the culler."""
    launcher = psutil.Process(hub.process.pid)
    own = [launcher] + [p for p in launcher.children(recursive=True) if p.uids().real == os.geteuid()]
    return sum(p.memory_info().rss for p in own) / 2**20


def percentile(values, fraction):
    """The value below which the given fraction of values lie (nearest rank); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


async def one_learner(hub, name, notebooks, record, before):
    """Sign one learner in, start their server, run the notebooks cell by cell; fill record as it goes."""
    learner = Learner(hub.url, name, f"{name}-password")
    started = time.monotonic()
    try:
        await learner.sign_in()
        await learner.start_server()
        record["ready_s"] = time.monotonic() - started
        for notebook in notebooks:
            kernel = await learner.start_kernel()
            try:
                began = time.monotonic()
                results = await kernel.run_notebook(ROOT / "notebooks" / notebook, before=before)
                record["notebooks"][notebook] = time.monotonic() - began
                record["cells"] += [seconds for _, seconds, _ in results]
                record["slowest_cell"][notebook] = max(seconds for _, seconds, _ in results)
                record["failures"] += [f"{notebook} cell {index}: {error}" for index, _, error in results if error]
                _, outputs, _ = await kernel.execute(CPU_SECONDS)
                record["cpu_s"] += float(outputs[0]["text"])
            finally:
                await kernel.shutdown()
        peak = hub.learner_cgroup(name) / "memory.max_usage_in_bytes"
        record["peak_bytes"] = int(peak.read_text()) if peak.exists() else None
        await learner.stop_server()
    except (HubError, OSError, asyncio.TimeoutError) as error:
        record["failures"].append(f"{type(error).__name__}: {error}")
    finally:
        await learner.close()


async def run(hub, learners, notebooks, before, time_limit):
    """Run every learner at once, within time_limit seconds; return their records."""
    records = {f"learner{i:02d}": {"ready_s": None, "notebooks": {}, "cells": [], "slowest_cell": {}, "cpu_s": 0.0,
                                   "peak_bytes": None, "failures": []} for i in range(1, learners + 1)}
    tasks = [asyncio.create_task(one_learner(hub, name, notebooks, record, before))
             for name, record in records.items()]
    done, pending = await asyncio.wait(tasks, timeout=time_limit)
    for task in pending:
        task.cancel()
    for record, task in zip(records.values(), tasks, strict=True):
        if task in done and task.exception():
            record["failures"].append(repr(task.exception()))
        if len(record["notebooks"]) < len(notebooks) and not record["failures"]:
            record["failures"].append(f"did not finish within the time limit of {time_limit} s")
    await asyncio.gather(*pending, return_exceptions=True)
    return records


def summary(records, notebooks, wall, load_before, load_after, mode):
    """The figures of one run."""
    cells = [seconds for record in records.values() for seconds in record["cells"]]
    ready = [r["ready_s"] for r in records.values() if r["ready_s"] is not None]
    peaks = [r["peak_bytes"] / 2**20 for r in records.values() if r["peak_bytes"]]
    finished = [r for r in records.values() if len(r["notebooks"]) == len(notebooks)]
    totals = [sum(r["notebooks"].values()) for r in finished]
    return {
        "mode": mode, "learners": len(records), "cores": os.cpu_count(),
        "load_before": load_before, "load_after": load_after, "wall_s": wall,
        "ready_median_s": statistics.median(ready) if ready else None, "ready_max_s": max(ready, default=None),
        "cell_median_s": statistics.median(cells) if cells else None, "cell_p95_s": percentile(cells, 0.95),
        "cells_run": len(cells), "finished": len(finished),
        "notebooks_median_s": statistics.median(totals) if totals else None,
        "slowest_cell_median_s": statistics.median([max(r["slowest_cell"].values()) for r in finished])
        if finished else None,
        "cpu_s_median": statistics.median([r["cpu_s"] for r in finished]) if finished else None,
        "peak_mib_median": statistics.median(peaks) if peaks else None, "peak_mib_max": max(peaks, default=None),
        "failures": [f"{name}: {failure}" for name, r in records.items() for failure in r["failures"]],
    }


def row(figures):
    """One line of results.md."""
    def show(value, unit="", digits=1):
        return "-" if value is None else f"{value:.{digits}f}{unit}"

    load = ", ".join(f"{x:.2f}" for x in figures["load_before"])
    return (f"| {figures['when']} | {figures['mode']} | {figures['learners']} | {load} | "
            f"{show(figures['ready_median_s'], ' s')} (max {show(figures['ready_max_s'], ' s')}) | "
            f"{show(figures['cell_median_s'], ' s', 2)} | {show(figures['cell_p95_s'], ' s', 2)} | "
            f"{show(figures['notebooks_median_s'], ' s')} | {show(figures['slowest_cell_median_s'], ' s')} | "
            f"{show(figures['cpu_s_median'], ' s')} | {show(figures['peak_mib_median'], ' MiB', 0)} "
            f"(max {show(figures['peak_mib_max'], ' MiB', 0)}) | {figures['finished']}/{figures['learners']} | "
            f"{len(figures['failures'])} | {show(figures['wall_s'], ' s', 0)} |")


HEADER = ("| measured (UTC) | notebooks | learners | load average before (1, 5, 15 min) | sign-in to ready, median | "
          "cell median | cell p95 | notebooks' time per learner, median | slowest cell, median | "
          "CPU per learner, median | peak memory per learner, median | finished | failures | wall |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv=None):
    """Run one load test and print and save its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=5, help=f"how many at once (1-{MAX_LEARNERS})")
    parser.add_argument("--cnn", action="store_true", help="run notebook 06's CI setting instead of 01-05")
    parser.add_argument("--cpu-setting", action="store_true",
                        help="with --cnn: notebook 06's CPU setting (5 epochs, minutes) instead of its CI setting")
    parser.add_argument("--time-limit", type=int, default=900, help="stop after this many seconds at the latest")
    parser.add_argument("--memory", default=DEFAULT_MEMORY, help="memory limit per learner, as make hub's HUB_MEMORY")
    args = parser.parse_args(argv)
    if not 1 <= args.learners <= MAX_LEARNERS:
        parser.error(f"--learners must be between 1 and {MAX_LEARNERS}, got {args.learners}")
    if not 30 <= args.time_limit <= 3600:
        parser.error(f"--time-limit must be between 30 and 3600 seconds, got {args.time_limit}")
    if args.cpu_setting and not args.cnn:
        parser.error("--cpu-setting goes with --cnn (notebook 06)")
    notebooks = CNN if args.cnn else COURSE
    mode = ("06 CPU setting" if args.cpu_setting else "06 CI setting") if args.cnn else "01-05"
    before = [CI_SETTING] if args.cnn and not args.cpu_setting else []
    hub = LocalHub("hl", memory=args.memory)
    try:
        load_before = os.getloadavg()
        began = time.monotonic()
        records = asyncio.run(run(hub, args.learners, notebooks, before, args.time_limit))
        wall = time.monotonic() - began
        load_after = os.getloadavg()
        hub_memory = hub_mib(hub)
    finally:
        hub.clean_up()
    figures = summary(records, notebooks, wall, load_before, load_after, mode)
    figures["when"] = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    figures["memory_limit"] = args.memory
    figures["hub_mib"] = hub_memory
    OUT.mkdir(parents=True, exist_ok=True)
    stem = {"01-05": "course", "06 CI setting": "cnn-ci", "06 CPU setting": "cnn-cpu"}[mode] + f"-{args.learners}"
    (OUT / f"{stem}.json").write_text(json.dumps({"figures": figures, "learners": records}, indent=1) + "\n")
    results = OUT / "results.md"
    if not results.exists():
        results.write_text(HEADER + "\n")
    with open(results, "a") as handle:
        handle.write(row(figures) + "\n")
    print(HEADER + "\n" + row(figures))
    print(f"load average after: {', '.join(f'{x:.2f}' for x in load_after)}; the hub's own processes: "
          f"{hub_memory:.0f} MiB; written to {results} and {stem}.json")
    for failure in figures["failures"][:10]:
        print("failure:", failure)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
