"""Measure how fast the course runs on this machine and write benchmarks/results.md (`make bench`).

    python benchmarks/bench.py [--parts notebooks,course-ci,convnet,matmul,xor] [--quick] [--repeats N]

Parts (all by default):
  notebooks  each notebook executed in a fresh kernel, median of --repeats runs (3), without CI in the environment
  course-ci  the whole course, notebook after notebook in fresh kernels, with CI=true in the kernels' environment
  convnet    notebook 06's network: training throughput with tflearn and with the same network in tf.keras (each
             in a process of its own, alternating, best of --rounds), and the CPU setting trained once with the
             test accuracy checked as it goes (time to 98.5%)
  matmul     this machine's float32 matrix-multiply rate in TensorFlow, for the compute floor
  xor        notebook 05's XOR network: the article's 60,000 iterations, and how many it needs

--quick (or BENCH_QUICK=1) runs every notebook once and shortens the throughput runs. Every figure is printed as it
is measured and kept in benchmarks/results.json; a run of some parts keeps the other parts' figures from the last
run, so results.md always shows every part (each with the time and load it was measured at).
The TensorFlow measurements run in fresh processes (benchmarks/workers.py): importing tflearn switches TensorFlow
to graph mode for the whole process, so tflearn and tf.keras never share one.
Speed is measured here and never asserted in tests; tests/test_bench.py checks the arithmetic and the writer.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
RESULTS_MD = HERE / "results.md"
RESULTS_JSON = HERE / "results.json"
FINDINGS_MD = HERE / "findings.md"
PARTS = ("notebooks", "course-ci", "convnet", "cpu-setting", "today", "matmul", "xor")

PART_KEYS = {"notebooks": "notebooks", "course_ci": "course-ci", "throughput": "convnet", "cpu_setting": "cpu-setting",
             "today": "today", "matmul": "matmul", "xor": "xor"}  # results.json's key: the part that measures it
TRAIN_IMAGES = 55_000  # one epoch of the article's training set
NOTEBOOKS_01_05_TARGET_S = 60.0
CPU_SETTING_TARGET_S = 150.0  # issue 15: at most 150 s of training on 2 cores
ACCURACY_TARGET = 0.99  # the CPU setting's promise (helpers/training.py)
TODAY_TARGET = 0.993  # today's recipe (notebook 06, step 6), in the same budget
CPU_SETTING_REPEATS = 3
THROUGHPUT_RATIO_TARGET = 0.9
XOR_ITERATIONS = 60_000
XOR_THRESHOLD = 0.1
NO_GPU = "not measured: no GPU machine was available"


# ---- the compute floor: floating-point operations counted from the layer shapes ----

def layer_multiply_adds():
    """Return [(layer, output values, multiply-adds per output value)] for one image through the article's network,
    counted from its definition (helpers.convnet.layer_shapes). Pooling, LRN, activations, dropout and the softmax
    are left out: they are a few operations per value, not hundreds."""
    from helpers import convnet

    return [(f"{layer.kind} {layer.size} on {'x'.join(map(str, layer.input_shape))}", layer.values, layer.fan_in)
            for layer in convnet.layer_shapes()]


def forward_flop_per_image():
    """Return the FLOPs of one image's forward pass: 2 per multiply-add (a multiply and an add)."""
    return 2 * sum(outputs * fan_in for _, outputs, fan_in in layer_multiply_adds())


def training_flop_per_image():
    """Return the FLOPs to train on one image: 3 forward passes' worth (forward; gradients of inputs and weights)."""
    return 3 * forward_flop_per_image()


def training_flop_per_epoch(images=TRAIN_IMAGES):
    """Return the FLOPs of one training epoch over `images` images (about 1.4 TFLOP for the article's 55,000)."""
    return images * training_flop_per_image()


def floor_fraction(images_per_s, matmul_gflops):
    """Return (GFLOP/s achieved, the fraction of the matmul rate) for training at images_per_s."""
    achieved = images_per_s * training_flop_per_image() / 1e9
    return achieved, achieved / matmul_gflops


# ---- small helpers ----

def median(values):
    """Return the median of a non-empty list, None for an empty one."""
    return statistics.median(values) if values else None


def load_average():
    """Return the 1, 5 and 15 minute load averages, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def now():
    """Return the local time to the second, as text."""
    return datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def say(text):
    """Print a line at once (make shows the figures as they come)."""
    print(text, flush=True)


def _version(package):
    """Return an installed package's version, or 'not installed'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe_machine():
    """Return what the figures depend on: CPU, cores, memory, Python, library versions, GPU, load."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    gpu = "none"
    if shutil.which("nvidia-smi"):
        found = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            gpu = "; ".join(found.stdout.strip().splitlines())
    flags = set()
    try:
        flags = {f for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags")
                 for f in line.split(":", 1)[1].split()}
    except OSError:
        pass
    vector = ", ".join(name for flag, name in (("avx2", "AVX2"), ("fma", "FMA"), ("avx512f", "AVX-512"))
                       if flag in flags)
    if vector:
        cpu += f" ({vector})"
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable, "memory": memory,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "tensorflow": _version("tensorflow"), "keras": _version("keras"), "tflearn": _version("tflearn"),
            "numpy": _version("numpy"), "gpu": gpu}


# ---- 1. notebooks in fresh kernels ----

def notebook_paths():
    """Return the course's notebooks in order."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def kernel_environment(ci):
    """Return the environment for a kernel: this one's, with CI=true or without CI at all."""
    env = dict(os.environ)
    env.pop("CI", None)
    if ci:
        env["CI"] = "true"
    return env


def slowest_cells(notebook, count=3):
    """Return [(cell number, first line, seconds)] of the slowest code cells, from nbclient's timing metadata."""
    rows = []
    for number, cell in enumerate(notebook.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        begin, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type != "code" or not begin or not end:
            continue
        seconds = (datetime.datetime.fromisoformat(end.replace("Z", "+00:00"))
                   - datetime.datetime.fromisoformat(begin.replace("Z", "+00:00"))).total_seconds()
        first = next((line for line in cell.source.splitlines() if line.strip()), "")[:70]
        rows.append((number, first, round(seconds, 2)))
    return sorted(rows, key=lambda row: -row[2])[:count]


def cell_timeout(cell):
    """Return the seconds one cell may take: a training cell (notebook 06's fit) minutes, any other a minute."""
    return 600 if "fit(" in cell.source else 60


def execute_notebook(path, ci=False):
    """Execute a notebook from a fresh kernel (outputs are not saved); return seconds, slowest cells and any error.

    The time runs from starting the kernel to the last cell's end, as "Restart kernel and run all" would take.
    A cell that runs past cell_timeout() fails the run instead of hanging it: twice, on a busy machine, nbclient
    waited on a kernel that sat idle (a reply lost somewhere), and the callers run such a notebook once more.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout_func=cell_timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    begin = time.perf_counter()
    try:
        # The kernel's own stderr (a warning that it talks over local TCP) would clutter the printout: cell errors
        # come back through nbclient, not through it.
        client.execute(env=kernel_environment(ci), stderr=subprocess.DEVNULL)
    except Exception as exc:  # a failing notebook is reported, and the other measurements go on
        lines = [line for line in str(exc).splitlines() if line.strip()]
        error = f"{type(exc).__name__}: {lines[-1] if lines else ''}"[:300]
    return {"seconds": time.perf_counter() - begin, "slowest_cells": slowest_cells(notebook), "error": error}


def measure_notebooks(repeats):
    """Execute each notebook `repeats` times in fresh kernels; return the times and their medians."""
    result = {"repeats": repeats, "measured": now(), "load": load_average(), "notebooks": {}}
    for path in notebook_paths():
        runs, slowest, errors = [], [], []
        for _ in range(repeats):
            run = execute_notebook(path)
            if run["error"]:  # once we saw a kernel sit idle while nbclient waited: note it, and run once more
                errors.append(f"{run['error']} (after {run['seconds']:.0f} s; run again)")
                say(f"  {path.name}: {errors[-1]}")
                run = execute_notebook(path)
                if run["error"]:
                    errors.append(run["error"])
            runs.append(round(run["seconds"], 2))
            slowest = run["slowest_cells"]
        result["notebooks"][path.name] = {"seconds": runs, "median": median(runs), "slowest_cells": slowest,
                                          "errors": errors}
        say(f"  {path.name:28s} median {median(runs):7.1f} s  runs {runs}  load {load_average()[0]}"
            + (f"  ERROR {errors[0]}" if errors else ""))
    return result


def measure_course_ci():
    """Execute the whole course with CI=true, each notebook in a fresh kernel; return the times."""
    result = {"measured": now(), "load": load_average(), "notebooks": {}, "errors": []}
    for path in notebook_paths():
        run = execute_notebook(path, ci=True)
        if run["error"]:
            result["errors"].append(f"{path.name}: {run['error']} (after {run['seconds']:.0f} s; run again)")
            run = execute_notebook(path, ci=True)
        result["notebooks"][path.name] = round(run["seconds"], 2)
        if run["error"]:
            result["errors"].append(f"{path.name}: {run['error']}")
        say(f"  CI=true {path.name:28s} {run['seconds']:7.1f} s" + (f"  ERROR {run['error']}" if run["error"] else ""))
    result["total"] = round(sum(result["notebooks"].values()), 2)
    say(f"  CI=true whole course {result['total']:.1f} s")
    return result


# ---- 2. notebook 06's network, in worker processes ----

def run_worker(name, log_name=None, **options):
    """Run one measurement of benchmarks/workers.py in a fresh Python process; return its result.

    Its printout goes to benchmarks/NAME.log (or LOG_NAME.log; git-ignored); a failure is returned as {"error": ...}.
    """
    log = HERE / f"{log_name or name}.log"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        env = kernel_environment(ci=False)
        with open(log, "w") as handle:
            done = subprocess.run([sys.executable, str(HERE / "workers.py"), name, str(out), json.dumps(options)],
                                  stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        if done.returncode != 0 or not out.exists():
            tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
            return {"error": f"{name} exited with {done.returncode}: {tail[0][:300]} (see {log.relative_to(ROOT)})"}
        return json.loads(out.read_text())


def measure_throughput(batch_size, warmup_steps, timed_steps, rounds):
    """Measure training images/s with tflearn and tf.keras, alternating which goes first; keep the best of each."""
    result = {"measured": now(), "load": load_average(), "batch_size": batch_size, "warmup_steps": warmup_steps,
              "timed_steps": timed_steps, "rounds": rounds, "tflearn": [], "keras": [], "errors": []}
    options = {"batch_size": batch_size, "warmup_steps": warmup_steps, "timed_steps": timed_steps}
    for r in range(rounds):
        for framework in (("tflearn", "keras") if r % 2 == 0 else ("keras", "tflearn")):
            run = run_worker(f"{framework}-throughput", **options)
            if "error" in run:
                result["errors"].append(run["error"])
                say(f"  {framework}: {run['error']}")
                continue
            result[framework].append(round(run["images_per_s"], 1))
            say(f"  {framework:8s} {run['images_per_s']:7.0f} images/s (median step: "
                f"{run['images_per_s_median_step']:.0f})  load {load_average()[0]}")
    if result["tflearn"] and result["keras"]:
        result["ratio"] = max(result["tflearn"]) / max(result["keras"])
        say(f"  tflearn / tf.keras = {result['ratio']:.2f}")
    return result


def measure_cpu_setting(repeats=CPU_SETTING_REPEATS, checks_per_epoch=1, parallel=False):
    """Train the CPU setting `repeats` times with tflearn, each in a fresh process, checking the test accuracy in the
    first; return its checks and times, and every run's time, CPU time and final accuracy with their medians.

    parallel: start the runs together (on a machine too busy to wait for them in turn; the clock then means even
    less, and the CPU seconds are the figure to read).
    """
    from concurrent.futures import ThreadPoolExecutor

    result = {"measured": now(), "load": load_average(), "checks_per_epoch": checks_per_epoch, "parallel": parallel}
    runs = []

    def one(r):
        load = load_average()
        return load, run_worker("cpu-setting", log_name=f"cpu-setting-{r + 1}", target=ACCURACY_TARGET,
                                checks_per_epoch=checks_per_epoch if r == 0 else 0)

    with ThreadPoolExecutor(max_workers=repeats if parallel else 1) as pool:
        done = list(pool.map(one, range(repeats)))
    for r, (load, run) in enumerate(done):
        if "error" in run:
            result.setdefault("errors", []).append(run["error"])
            say(f"  CPU setting, run {r + 1}: {run['error']}")
            continue
        if not runs:
            result.update(run)
        runs.append({"fit_seconds": round(run["fit_seconds"], 1), "fit_cpu_seconds": round(run["fit_cpu_seconds"], 1),
                     "final_accuracy": run["final_accuracy"], "load": load})
        say(f"  run {r + 1}: {run['fit_seconds']:.0f} s of training ({run['fit_cpu_seconds']:.0f} CPU s), "
            f"test accuracy {run['final_accuracy']:.4f}, load {load[0]}")
    if not runs:
        return {**result, "error": "; ".join(result.get("errors", ["no run"]))}
    result["runs"] = runs
    for key in ("fit_seconds", "fit_cpu_seconds", "final_accuracy"):
        result[f"median_{key}"] = median([run[key] for run in runs])
    for check in result["checks"]:
        say(f"  epoch {check['epoch']:4.2f}  {check['seconds']:6.1f} s  test accuracy {check['test_accuracy']:.4f}")
    reached = result["seconds_to_target"]
    say(f"  CPU setting: {result['fit_seconds']:.1f} s of training, "
        f"final test accuracy {result['final_accuracy']:.4f}; "
        + (f"{ACCURACY_TARGET:.1%} first reached after {reached:.1f} s" if reached is not None
           else f"{ACCURACY_TARGET:.1%} never reached"))
    return result


def measure_today():
    """Train today's recipe (notebook 06's own train_today) once in a fresh process; return its time and accuracy."""
    result = {"measured": now(), "load": load_average()}
    result.update(run_worker("today"))
    if "error" in result:
        say(f"  today's recipe: {result['error']}")
        return result
    for point in result["curve"]:
        say(f"  epoch {point['epoch']}  {point['seconds']:6.1f} s  validation accuracy {point['val_accuracy']:.4f}")
    say(f"  today's recipe: {result['seconds']:.0f} s ({result['cpu_seconds']:.0f} CPU s), "
        f"test accuracy {result['test_accuracy']:.4f}")
    return result


def measure_matmul(n=2048, repeats=10):
    """Measure the float32 matrix-multiply rate with TensorFlow."""
    result = {"measured": now(), "load": load_average()}
    result.update(run_worker("matmul", n=n, repeats=repeats))
    if "error" not in result:
        say(f"  float32 {n}x{n} matmul: best {result['best_gflops']:.1f} GFLOP/s, "
            f"median {result['median_gflops']:.1f} GFLOP/s")
    return result


# ---- 3. the XOR network ----

def article_xor(iterations=XOR_ITERATIONS):
    """Run the article's XOR network (Trask's 11 lines) as printed; return its four outputs."""
    import numpy as np

    def nonlin(x, deriv=False):
        if deriv:
            return x * (1 - x)
        return 1 / (1 + np.exp(-x))

    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0], [1], [1], [0]])
    np.random.seed(1)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    for _ in range(iterations):
        l1 = nonlin(np.dot(X, syn0))
        l2 = nonlin(np.dot(l1, syn1))
        l2_delta = (y - l2) * nonlin(l2, deriv=True)
        l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)
        syn1 += l1.T.dot(l2_delta)
        syn0 += X.T.dot(l1_delta)
    return l2.ravel()


def measure_xor(repeats=5):
    """Time the article's 60,000 iterations and the course's helper; find the iterations to within 0.1."""
    sys.path.insert(0, str(ROOT))
    from helpers import neural

    result = {"measured": now(), "load": load_average(), "repeats": repeats, "article": [], "helper": []}
    for _ in range(repeats):
        begin = time.perf_counter()
        outputs = article_xor()
        result["article"].append(round(time.perf_counter() - begin, 3))
        begin = time.perf_counter()
        run = neural.train_network(iterations=XOR_ITERATIONS)
        result["helper"].append(round(time.perf_counter() - begin, 3))
    result["outputs"] = [round(float(x), 4) for x in outputs]
    result["learned_at"] = run.learned_at(XOR_THRESHOLD)
    say(f"  article's loop, {XOR_ITERATIONS:,} iterations: median {median(result['article']):.2f} s "
        f"{result['article']}; outputs {result['outputs']}")
    say(f"  helpers.neural.train_network: median {median(result['helper']):.2f} s; every output within "
        f"{XOR_THRESHOLD} of its target after {result['learned_at']} iterations")
    return result


# ---- the results ----

def targets(m):
    """Return [(target, measured, verdict)] for the issue's three targets; verdict is met, missed or not measured."""
    rows = []
    notebooks = m.get("notebooks", {}).get("notebooks", {})
    early = [v["median"] for k, v in notebooks.items() if k[:2] in ("01", "02", "03", "04", "05")]
    if len(early) == 5 and all(v is not None for v in early):
        total = sum(early)
        rows.append((f"notebooks 01-05 together within {NOTEBOOKS_01_05_TARGET_S:.0f} s", f"{total:.1f} s",
                     "met" if total <= NOTEBOOKS_01_05_TARGET_S else "missed"))
    else:
        rows.append((f"notebooks 01-05 together within {NOTEBOOKS_01_05_TARGET_S:.0f} s", "-", "not measured"))
    cpu = m.get("cpu_setting", {})
    cores = m.get("machine", {}).get("usable_cores") or 1
    label = (f"CPU setting of notebook 06 within {CPU_SETTING_TARGET_S:.0f} s of training at {ACCURACY_TARGET:.1%} or "
             "better (median of the runs)")
    if cpu.get("final_accuracy") is not None:
        seconds = cpu.get("median_fit_seconds", cpu["fit_seconds"])
        accuracy = cpu.get("median_final_accuracy", cpu["final_accuracy"])
        cpu_seconds = cpu.get("median_fit_cpu_seconds", cpu.get("fit_cpu_seconds"))
        rows.append((label, f"{seconds:.0f} s, test accuracy {accuracy:.2%}",
                     _budget_verdict(seconds, cpu_seconds, cores, accuracy >= ACCURACY_TARGET)))
    else:
        rows.append((label, "-", "not measured"))
    today = m.get("today", {})
    label = f"today's recipe at {TODAY_TARGET:.1%} or better within the same {CPU_SETTING_TARGET_S:.0f} s"
    if today.get("test_accuracy") is not None:
        rows.append((label, f"{today['seconds']:.0f} s, test accuracy {today['test_accuracy']:.2%}",
                     _budget_verdict(today["seconds"], today["cpu_seconds"], cores,
                                     today["test_accuracy"] >= TODAY_TARGET)))
    else:
        rows.append((label, "-", "not measured"))
    ratio = m.get("throughput", {}).get("ratio")
    label = f"tflearn throughput at least {THROUGHPUT_RATIO_TARGET} of tf.keras"
    rows.append((label, f"{ratio:.2f}", "met" if ratio >= THROUGHPUT_RATIO_TARGET else "missed")
                if ratio is not None else (label, "-", "not measured"))
    return rows


def _budget_verdict(seconds, cpu_seconds, cores, accurate):
    """Return met or missed for a time budget: by the clock, or, on a machine too busy for the clock to mean much,
    by CPU seconds shared out over the cores (said so in the verdict)."""
    if not accurate:
        return "missed"
    if seconds <= CPU_SETTING_TARGET_S:
        return "met"
    if cpu_seconds is not None and cpu_seconds / cores <= CPU_SETTING_TARGET_S:
        return (f"met by CPU time ({cpu_seconds / cores:.0f} s on {cores} free cores; the clock ran slow on a busy "
                "machine)")
    return "missed"


def _when(part):
    """Return 'measured DATE, load L' for a part's heading."""
    load = part.get("load") or ["?"]
    return f"*Measured {part.get('measured', '?')}, load average {load[0]} at the start.*"


def render_results(m, findings=""):
    """Return results.md for the measurements m (the dict bench.py keeps in results.json)."""
    machine = m.get("machine", {})
    out = ["# Benchmarks", "",
           "Written by `make bench` (`benchmarks/bench.py`); the raw figures are in `results.json`. Timings on a "
           "shared machine vary with its load, so every part gives the load average (1 minute) when it started.",
           "", "## Machine", "", "| | |", "|---|---|"]
    for key, label in (("cpu", "CPU"), ("cores", "cores"), ("usable_cores", "cores this process may use"),
                       ("memory", "memory"), ("os", "system"), ("python", "Python"), ("tensorflow", "TensorFlow"),
                       ("keras", "Keras"), ("tflearn", "tflearn"), ("numpy", "numpy"), ("gpu", "GPU")):
        out.append(f"| {label} | {machine.get(key, '?')} |")
    out.append(f"| load average (1, 5, 15 min) at the start | {m.get('load_start', '?')} |")
    out.append(f"| load average at the end | {m.get('load_end', '?')} |")
    out.append(f"| run | {m.get('started', '?')}, parts {', '.join(m.get('parts', []))}"
               f"{', quick' if m.get('quick') else ''} |")

    out += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    out += [f"| {t} | {v} | **{verdict}** |" for t, v, verdict in targets(m)]

    out += ["", "## 1. Notebooks in a fresh kernel", ""]
    nb = m.get("notebooks")
    if nb:
        out += [_when(nb), "",
                f"Median of {nb['repeats']} runs, each from starting a fresh kernel to the end of the last cell "
                "(nbclient; CI not set, so notebook 06 runs its CPU setting).", "",
                "| notebook | median | runs (s) | slowest cells (cell: seconds) |", "|---|---:|---|---|"]
        for name, row in nb["notebooks"].items():
            cells = "; ".join(f"{n}: {s:.1f}" for n, _, s in row["slowest_cells"])
            error = f" **{'; '.join(row['errors'])}**" if row["errors"] else ""
            out.append(f"| {name} | {row['median']:.1f} s | {', '.join(f'{s:.1f}' for s in row['seconds'])} "
                       f"| {cells}{error} |")
        early = [row["median"] for name, row in nb["notebooks"].items() if name[:2] in ("01", "02", "03", "04", "05")]
        out.append(f"| **01-05 together** | **{sum(early):.1f} s** | | |")
        out.append(f"| **all** | **{sum(row['median'] for row in nb['notebooks'].values()):.1f} s** | | |")
    else:
        out.append("Not measured yet.")
    ci = m.get("course_ci")
    out += ["", "### The whole course under the CI setting (CI=true)", ""]
    if ci:
        out += [_when(ci), "", "One run, each notebook in a fresh kernel.", "", "| notebook | seconds |", "|---|---:|"]
        out += [f"| {name} | {s:.1f} |" for name, s in ci["notebooks"].items()]
        out.append(f"| **whole course** | **{ci['total']:.1f}** |")
        out += [f"\nFailed: {error}" for error in ci["errors"]]
    else:
        out.append("Not measured yet.")

    out += ["", "## 2. Notebook 06's network", ""]
    out += _render_convnet(m)
    out += ["", "## 3. The XOR network (notebook 05)", ""]
    xor = m.get("xor")
    if xor:
        out += [_when(xor), "",
                f"| | median of {xor['repeats']} | runs (s) |", "|---|---:|---|",
                f"| the article's loop as printed, {XOR_ITERATIONS:,} iterations | {median(xor['article']):.2f} s "
                f"| {', '.join(f'{s:.2f}' for s in xor['article'])} |",
                f"| `helpers.neural.train_network()` (also records the error after every update) "
                f"| {median(xor['helper']):.2f} s | {', '.join(f'{s:.2f}' for s in xor['helper'])} |", "",
                f"Outputs after {XOR_ITERATIONS:,} iterations: {xor['outputs']} (targets 0, 1, 1, 0). Every output is "
                f"within {XOR_THRESHOLD} of its target after **{xor['learned_at']:,} iterations** "
                f"(`NetworkRun.learned_at({XOR_THRESHOLD})`)."]
    else:
        out.append("Not measured yet.")
    out += ["", "## 4. GPU", ""]
    gpu = machine.get("gpu", "none")
    out.append(NO_GPU[0].upper() + NO_GPU[1:] + "." if gpu == "none" else
               f"This machine has a GPU ({gpu}), but `make bench` measures the CPU setting; see notebook 06.")
    if findings.strip():
        out += ["", findings.strip()]
    return "\n".join(out) + "\n"


def _render_convnet(m):
    """Return the lines of section 2: throughput, time to accuracy, compute floor."""
    out = []
    tp, cpu, mm = m.get("throughput"), m.get("cpu_setting"), m.get("matmul")
    out += ["### Training throughput, tflearn against tf.keras", ""]
    if tp:
        out += [_when(tp), "",
                f"The same network (conv 32 3x3 relu L2, max pool 2, LRN, conv 64 3x3 relu L2, max pool 2, LRN, "
                f"dense 128 tanh, dropout keep 0.8, dense 256 tanh, dropout, dense 10 softmax; Adam at 0.01; "
                f"cross-entropy), the same real MNIST images, batches of {tp['batch_size']}, no validation; each run a "
                f"fresh process; {tp['warmup_steps']} warm-up steps left out, then {tp['timed_steps']} steps timed. "
                f"Best of {tp['rounds']} alternating rounds.", "",
                "| | images/s (best) | every round |", "|---|---:|---|"]
        for framework, label in (("tflearn", "tflearn 0.5.0 (the notebook's)"), ("keras", "tf.keras (Keras 3)")):
            runs = tp.get(framework) or []
            best = f"{max(runs):,.0f}" if runs else "-"
            out.append(f"| {label} | {best} | {', '.join(f'{r:,.0f}' for r in runs)} |")
        if tp.get("ratio") is not None:
            out.append(f"| **tflearn / tf.keras** | **{tp['ratio']:.2f}** | |")
        out += [f"\nFailed: {error}" for error in tp.get("errors", [])]
    else:
        out.append("Not measured yet.")

    out += ["", f"### Time to {ACCURACY_TARGET:.1%} test accuracy on the CPU setting", ""]
    if cpu and "error" not in cpu:
        s = cpu["setting"]
        out += [_when(cpu), "",
                f"tflearn, the CPU setting: {s['epochs']} epochs over {s['train_size']:,} images in batches of "
                f"{s['batch_size']} ({s['steps']:,} steps), Adam from 0.01 decaying to 0.0001 "
                "(`training.decaying_adam`), validation on 5,000 held-out images "
                + (f"every {s['validate_every']} steps" if s["validate_every"] else "at the end of each epoch")
                + f". The 10,000 test images are checked {cpu['checks_per_epoch']} times an epoch with the clock "
                f"stopped (the checks took {cpu['eval_seconds']:.0f} s, not counted).", "",
                "| epoch | training time | test accuracy |", "|---:|---:|---:|"]
        out += [f"| {c['epoch']:.2f} | {c['seconds']:.1f} s | {c['test_accuracy']:.2%} |" for c in cpu["checks"]]
        reached = cpu["seconds_to_target"]
        out += ["", (f"**{ACCURACY_TARGET:.1%} first reached after {reached:.0f} s** "
                     f"(epoch {cpu['epoch_to_target']:.2f})" if reached is not None
                     else f"**{ACCURACY_TARGET:.1%} not reached**")
                + f"; the whole CPU setting: **{cpu['fit_seconds']:.0f} s** of training (`fit()`, its validation "
                f"included), final test accuracy **{cpu['final_accuracy']:.2%}**"
                + (f" after the notebook's `keep_best` {cpu['kept']}." if cpu.get("kept") else ".")]
        if cpu.get("fit_cpu_seconds"):
            cores = m.get("machine", {}).get("usable_cores") or 1
            out += ["", f"`fit()` used {cpu['fit_cpu_seconds']:.0f} s of CPU time, all threads together: with the "
                    f"{cores} cores to itself it would take about {cpu['fit_cpu_seconds'] / cores:.0f} s (an estimate "
                    "for a busy machine: TensorFlow's threads also wait busily)."]
        if cpu.get("runs"):
            together = (" They ran at the same time, on a busy machine: read the CPU seconds, not the clock."
                        if cpu.get("parallel") else "")
            out += ["", f"{len(cpu['runs'])} fresh runs (the table above is the first).{together}", "",
                    "| run | training (`fit()`) | CPU seconds | CPU seconds / cores | test accuracy | load at start |",
                    "|---:|---:|---:|---:|---:|---:|"]
            for i, run in enumerate(cpu["runs"], 1):
                out.append(f"| {i} | {run['fit_seconds']:.0f} s | {run['fit_cpu_seconds']:.0f} | "
                           f"{run['fit_cpu_seconds'] / cores:.0f} s | {run['final_accuracy']:.2%} | {run['load'][0]} |")
            out.append(f"| **median** | **{cpu['median_fit_seconds']:.0f} s** | {cpu['median_fit_cpu_seconds']:.0f} "
                       f"| **{cpu['median_fit_cpu_seconds'] / cores:.0f} s** | **{cpu['median_final_accuracy']:.2%}** "
                       "| |")
    elif cpu:
        out.append(f"Failed: {cpu['error']}")
    else:
        out.append("Not measured yet.")

    out += ["", "### Today's recipe (notebook 06, step 6)", ""]
    today = m.get("today")
    if today and "error" not in today:
        cores = m.get("machine", {}).get("usable_cores") or 1
        out += [_when(today), "",
                f"Notebook 06's own `train_today` (Keras 3, batch normalisation where the article had LRN, Adam at "
                f"0.001 with a cosine schedule, batches of 128): {today['epochs']} epochs over "
                f"{today['train_size']:,} images ({today['steps']:,} steps), one fresh process.", "",
                "| epoch | seconds since the start | validation accuracy |", "|---:|---:|---:|"]
        out += [f"| {p['epoch']} | {p['seconds']:.0f} | {p['val_accuracy']:.2%} |" for p in today["curve"]]
        out += ["", f"Test accuracy **{today['test_accuracy']:.2%}**; {today['seconds']:.0f} s in all "
                f"({today['set_up_seconds']:.0f} s of it loading TensorFlow, MNIST and the model), "
                f"{today['cpu_seconds']:.0f} CPU seconds: about {today['cpu_seconds'] / cores:.0f} s on {cores} free "
                "cores."]
    elif today:
        out.append(f"Failed: {today['error']}")
    else:
        out.append("Not measured yet.")

    out += ["", "### The compute floor", "",
            "Multiply-adds per image, counted from the layer shapes (`layer_multiply_adds()` in bench.py):", "",
            "| layer | output values | multiply-adds each | multiply-adds |", "|---|---:|---:|---:|"]
    for name, outputs, fan_in in layer_multiply_adds():
        out.append(f"| {name} | {outputs:,} | {fan_in:,} | {outputs * fan_in:,} |")
    out += ["", f"Forward: 2 FLOP per multiply-add = **{forward_flop_per_image() / 1e6:.2f} MFLOP per image**; "
            f"training (forward and backward) about 3x = {training_flop_per_image() / 1e6:.1f} MFLOP per image; "
            f"one epoch of {TRAIN_IMAGES:,} images = **{training_flop_per_epoch() / 1e12:.2f} TFLOP**.", ""]
    if mm and "error" not in mm:
        out += [_when(mm), "",
                f"This machine's float32 matrix multiply in TensorFlow ({mm['n']}x{mm['n']}, best of {mm['repeats']}): "
                f"**{mm['best_gflops']:.0f} GFLOP/s** (median {mm['median_gflops']:.0f}).", "",
                "| measured | images/s | epoch time | GFLOP/s | share of the matmul rate |",
                "|---|---:|---:|---:|---:|"]
        rows = []
        if tp:
            for framework, label in (("tflearn", "tflearn training steps"), ("keras", "tf.keras training steps")):
                if tp.get(framework):
                    rows.append((label, max(tp[framework])))
        if cpu and "error" not in cpu and cpu.get("fit_seconds"):
            s = cpu["setting"]
            rows.append(("the CPU setting's `fit()`, validation included",
                         s["epochs"] * s["train_size"] / cpu["fit_seconds"]))
        if not rows:
            out.append("| (the throughput and the CPU setting are not measured yet) | | | | |")
        for label, rate in rows:
            achieved, share = floor_fraction(rate, mm["best_gflops"])
            out.append(f"| {label} | {rate:,.0f} | {TRAIN_IMAGES / rate:.1f} s | {achieved:.1f} | {share:.0%} |")
        out += ["", f"The floor: at the matmul rate an epoch would take "
                f"{training_flop_per_epoch() / (mm['best_gflops'] * 1e9):.1f} s."]
    elif mm:
        out.append(f"Matrix multiply: failed: {mm['error']}")
    else:
        out.append("The matrix-multiply rate is not measured yet.")
    return out


def parse_arguments(argv):
    """Return the command line's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=os.environ.get("BENCH_PARTS") or ",".join(PARTS),
                        help=f"comma-separated, from {', '.join(PARTS)} (default: all; or BENCH_PARTS)")
    parser.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
                        help="one run per notebook, shorter throughput runs (or BENCH_QUICK=1)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per notebook (default 3, quick 1)")
    parser.add_argument("--rounds", type=int, default=None, help="throughput rounds per framework (default 2, quick 1)")
    parser.add_argument("--parallel", action="store_true",
                        default=os.environ.get("BENCH_PARALLEL", "") not in ("", "0"),
                        help="start the CPU setting's runs together, on a machine too busy to run them in turn "
                             "(or BENCH_PARALLEL=1)")
    options = parser.parse_args(argv)
    options.parts = [p.strip() for p in options.parts.split(",") if p.strip()]
    unknown = sorted(set(options.parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    options.repeats = options.repeats or (1 if options.quick else 3)
    options.rounds = options.rounds or (1 if options.quick else 2)
    return options


def main(argv=None):
    """Run the chosen parts, printing as they go; write results.json and results.md."""
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, str(ROOT))
    from helpers import training

    m = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    m.update(machine=describe_machine(), started=now(), load_start=load_average(), parts=options.parts,
             quick=options.quick)
    say(f"Benchmarks on {m['machine']['cpu']} ({m['machine']['usable_cores']} cores, {m['machine']['memory']}), "
        f"GPU: {m['machine']['gpu']}; load average {m['load_start']}")
    begin = time.perf_counter()
    if "notebooks" in options.parts:
        say(f"1. Notebooks, each in a fresh kernel, median of {options.repeats}:")
        m["notebooks"] = measure_notebooks(options.repeats)
    if "course-ci" in options.parts:
        say("1. The whole course with CI=true:")
        m["course_ci"] = measure_course_ci()
    if "convnet" in options.parts:
        batch = training.AUTOMATIC["cpu"].batch_size
        say(f"2. Notebook 06's network: throughput, batches of {batch}:")
        warmup, timed = (2_000, 12_000) if options.quick else (5_000, 30_000)  # images, whatever the batch size
        m["throughput"] = measure_throughput(batch, warmup_steps=max(3, round(warmup / batch)),
                                             timed_steps=max(10, round(timed / batch)), rounds=options.rounds)
    if "cpu-setting" in options.parts:
        say(f"2. The CPU setting, {CPU_SETTING_REPEATS} fresh runs{' at once' if options.parallel else ''}:")
        m["cpu_setting"] = measure_cpu_setting(parallel=options.parallel)
    if "today" in options.parts:
        say("2. Today's recipe (Keras, batch normalisation, Adam 0.001 with a cosine schedule):")
        m["today"] = measure_today()
    if "matmul" in options.parts:
        say("2. The matrix-multiply rate:")
        m["matmul"] = measure_matmul()
    if "xor" in options.parts:
        say("3. The XOR network:")
        m["xor"] = measure_xor()
    m["load_end"] = load_average()
    m["bench_seconds"] = round(time.perf_counter() - begin, 1)
    # Parts measured by another bench.py that finished meanwhile stay: only what this run measured replaces theirs.
    latest = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    untouched = {key for key in latest if key not in m or key in PART_KEYS and PART_KEYS[key] not in options.parts}
    m.update({key: latest[key] for key in untouched})
    RESULTS_JSON.write_text(json.dumps(m, indent=1) + "\n")
    findings = FINDINGS_MD.read_text() if FINDINGS_MD.exists() else ""
    RESULTS_MD.write_text(render_results(m, findings))
    for target, measured, verdict in targets(m):
        say(f"Target: {target}: {measured} - {verdict}")
    say(f"Wrote {RESULTS_MD.relative_to(ROOT)} ({m['bench_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
