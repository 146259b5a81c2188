"""Measure how fast the course runs on this machine and write a plain report to benchmarks/results.md (`make bench`).

    python benchmarks/bench.py [--parts notebooks,course-ci,convnet,matmul,xor] [--quick] [--repeats N]

Parts (all by default):
  notebooks  each notebook executed in a fresh kernel, median of --repeats runs (3), without CI in the environment
  course-ci  the whole course, notebook after notebook in fresh kernels, with CI=true in the kernels' environment
  convnet    notebook 06's network: training throughput with tflearn and with the same network in tf.keras (each
             in a process of its own, alternating, best of --rounds), and the CPU setting trained once with the
             test accuracy checked as it goes (time to the setting's promise)
  matmul     this machine's float32 matrix-multiply rate in TensorFlow, for the compute floor
  xor        notebook 05's XOR network: the article's 60,000 iterations, and how many it needs

--quick (or BENCH_QUICK=1) runs every notebook once and shortens the throughput runs. Every figure is printed as it
is measured and kept in benchmarks/results.json; a run of some parts keeps the other parts' figures from the last
run, so results.md always reports every part (each with the time and load it was measured at).
The TensorFlow measurements run in fresh processes (benchmarks/workers.py): importing tflearn switches TensorFlow
to graph mode for the whole process, so tflearn and tf.keras never share one.
Speed is measured here and never asserted in tests; tests/test_bench.py checks the arithmetic and the report.
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
sys.path.insert(0, str(ROOT))  # the repository, for helpers

from helpers import mnist, neural, settings  # noqa: E402
from helpers.convnet import forward_flop_per_image, training_flop_per_epoch, training_flop_per_image  # noqa: E402

HERE = ROOT / "benchmarks"
RESULTS_MD = HERE / "results.md"
RESULTS_JSON = HERE / "results.json"
PARTS = ("notebooks", "course-ci", "convnet", "cpu-setting", "today", "matmul", "xor")
# results.json's key: the part that measures it (a run of some parts keeps the others' earlier figures)
PART_KEYS = {"notebooks": "notebooks", "course_ci": "course-ci", "throughput": "convnet", "cpu_setting": "cpu-setting",
             "today": "today", "matmul": "matmul", "xor": "xor"}
NOTEBOOKS_01_05_TARGET_S = 60.0
CPU_SETTING_TARGET_S = 150.0  # issue 15: at most 150 s of training on 2 cores
ACCURACY_TARGET = settings.AUTOMATIC["cpu"].threshold  # the CPU setting's promise
TODAY_TARGET = settings.AUTOMATIC["cpu"].today_threshold  # today's recipe (notebook 06, step 6), in the same budget
CPU_SETTING_REPEATS = 3
THROUGHPUT_RATIO_TARGET = 0.9
XOR_ITERATIONS = 60_000
XOR_THRESHOLD = 0.1


# ---- the compute floor: floating-point operations counted from the layer shapes (helpers.convnet) ----

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
    A cell that runs past cell_timeout() fails the run instead of hanging it, and the callers run such a notebook
    once more. nbclient used to wait on a kernel that sat idle (a missed wake-up, see tools/kernel_client.py);
    PatientKernelManager's client looks again every second.
    """
    import nbformat
    from nbclient import NotebookClient

    sys.path.insert(0, str(ROOT / "tools"))
    from kernel_client import PatientKernelManager

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout_func=cell_timeout, kernel_name="python3",
                            kernel_manager_class=PatientKernelManager,
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
    """Return '(measured DATE, load L)' for a part of the report."""
    return f"(measured {part.get('measured', '?')}, load average {(part.get('load') or ['?'])[0]})"


def _seconds(values):
    """Return a list of seconds as text, e.g. '5.0, 6.1'."""
    return ", ".join(f"{v:.1f}" for v in values)


def report(m):
    """Return the plain-text report of the measurements m (what bench.py keeps in results.json)."""
    machine = m.get("machine", {})
    out = ["Benchmarks: written by `make bench` (benchmarks/bench.py); the raw figures are in results.json.",
           "Timings on a shared machine vary with its load, so each part gives the load average when it started.", "",
           "Machine: " + "; ".join(f"{key} {machine.get(key, '?')}" for key in (
               "cpu", "cores", "usable_cores", "memory", "os", "python", "tensorflow", "keras", "tflearn", "numpy",
               "gpu")),
           f"Run: {m.get('started', '?')}, parts {', '.join(m.get('parts', []))}{', quick' if m.get('quick') else ''}; "
           f"load average {m.get('load_start', '?')} at the start, {m.get('load_end', '?')} at the end.", "",
           "Targets:"]
    out += [f"  {target}: {measured} - {verdict}" for target, measured, verdict in targets(m)]
    nb, ci = m.get("notebooks"), m.get("course_ci")
    out += ["", "Notebooks, each from a fresh kernel to its last cell (CI not set) "
            + (f"{_when(nb)}, median of {nb['repeats']}:" if nb else ": not measured yet.")]
    for name, row in (nb or {}).get("notebooks", {}).items():
        cells = "; ".join(f"cell {n}: {s:.1f} s" for n, _, s in row["slowest_cells"])
        out.append(f"  {name:28} {row['median']:6.1f} s  (runs {_seconds(row['seconds'])}; slowest {cells})"
                   + (f"  ERRORS: {'; '.join(row['errors'])}" if row["errors"] else ""))
    out += ["", "The whole course with CI=true " + (f"{_when(ci)}: {ci['total']:.1f} s ("
            + ", ".join(f"{name} {s:.1f} s" for name, s in ci["notebooks"].items()) + ")"
            + "".join(f"; failed: {error}" for error in ci["errors"]) if ci else ": not measured yet.")]
    tp, cpu, mm = m.get("throughput"), m.get("cpu_setting"), m.get("matmul")
    if tp:
        out += ["", f"Training throughput of the article's network {_when(tp)}, batches of {tp['batch_size']}, "
                f"{tp['timed_steps']} steps timed after {tp['warmup_steps']}, best of {tp['rounds']}: tflearn "
                f"{max(tp['tflearn'], default=0):,.0f} images/s, tf.keras {max(tp['keras'], default=0):,.0f} images/s"
                + (f", ratio {tp['ratio']:.2f}" if tp.get("ratio") is not None else "")
                + "".join(f"; failed: {error}" for error in tp.get("errors", []))]
    if cpu:
        out += ["", f"The CPU setting of notebook 06 {_when(cpu)}: " + (f"failed: {cpu['error']}" if "error" in cpu else
                f"{cpu['fit_seconds']:.0f} s of training ({cpu.get('fit_cpu_seconds', 0):.0f} s of CPU time), final "
                f"test accuracy {cpu['final_accuracy']:.2%}; {ACCURACY_TARGET:.1%} first reached "
                + (f"after {cpu['seconds_to_target']:.0f} s (epoch {cpu['epoch_to_target']:.2f})"
                   if cpu["seconds_to_target"] is not None else "never")
                + "; test accuracy by epoch: "
                + ", ".join(f"{c['epoch']:.2f}: {c['test_accuracy']:.2%}" for c in cpu["checks"]))]
        cores = machine.get("usable_cores") or 1
        for i, run in enumerate(cpu.get("runs", []), 1):
            out.append(f"  fresh run {i}: {run['fit_seconds']:.0f} s of training, {run['fit_cpu_seconds']:.0f} CPU "
                       f"seconds (about {run['fit_cpu_seconds'] / cores:.0f} s on {cores} free cores), test accuracy "
                       f"{run['final_accuracy']:.2%}, load {run['load'][0]} at its start")
        if cpu.get("runs"):
            out.append(f"  median of {len(cpu['runs'])}: {cpu['median_fit_seconds']:.0f} s, "
                       f"{cpu['median_fit_cpu_seconds']:.0f} CPU seconds, test accuracy "
                       f"{cpu['median_final_accuracy']:.2%}"
                       + (" (the runs shared the machine: read the CPU seconds)" if cpu.get("parallel") else ""))
    today = m.get("today")
    if today:
        cores = machine.get("usable_cores") or 1
        out += ["", "Today's recipe (notebook 06's train_today: Keras 3, batch normalisation, Adam 0.002 with a "
                f"cosine schedule, label smoothing, batches of 128) {_when(today)}: "
                + (f"failed: {today['error']}" if "error" in today else
                f"{today['epochs']} epochs over {today['train_size']:,} images, test accuracy "
                f"{today['test_accuracy']:.2%}; {today['seconds']:.0f} s in all ({today['set_up_seconds']:.0f} s of it "
                f"loading), {today['cpu_seconds']:.0f} CPU seconds (about {today['cpu_seconds'] / cores:.0f} s on "
                f"{cores} free cores); validation accuracy by epoch: "
                + ", ".join(f"{p['epoch']}: {p['val_accuracy']:.2%}" for p in today["curve"]))]
    out += ["", f"Compute floor: {forward_flop_per_image() / 1e6:.2f} MFLOP per image forward, about "
            f"{training_flop_per_image() / 1e6:.1f} MFLOP to train on one, {training_flop_per_epoch() / 1e12:.2f} "
            f"TFLOP per epoch of {mnist.TRAIN_IMAGES:,} images."]
    if mm:
        out.append(f"Matrix multiply {_when(mm)}: " + (f"failed: {mm['error']}" if "error" in mm else
                   f"best {mm['best_gflops']:.0f} GFLOP/s, so an epoch takes at least "
                   f"{training_flop_per_epoch() / (mm['best_gflops'] * 1e9):.1f} s"))
        if tp and tp.get("tflearn") and "error" not in mm:
            achieved, share = floor_fraction(max(tp["tflearn"]), mm["best_gflops"])
            out.append(f"tflearn's training steps reach {achieved:.1f} GFLOP/s, {share:.0%} of the matmul rate.")
    xor = m.get("xor")
    if xor:
        out += ["", f"XOR network {_when(xor)}: the article's {XOR_ITERATIONS:,} iterations take "
                f"{median(xor['article']):.2f} s, helpers.neural.train_network {median(xor['helper']):.2f} s "
                f"(medians of {xor['repeats']}); outputs {xor['outputs']}; every output within {XOR_THRESHOLD} of its "
                f"target after {xor['learned_at']:,} iterations."]
    return "\n".join(out) + "\n"


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
        batch = settings.AUTOMATIC["cpu"].batch_size
        say(f"2. Notebook 06's network: throughput, batches of {batch}:")
        warmup, timed = (2_000, 12_000) if options.quick else (5_000, 30_000)  # images, whatever the batch size
        m["throughput"] = measure_throughput(batch, warmup_steps=max(3, round(warmup / batch)),
                                             timed_steps=max(10, round(timed / batch)), rounds=options.rounds)
    if "cpu-setting" in options.parts:
        say(f"2. The CPU setting, {CPU_SETTING_REPEATS} fresh runs{' at once' if options.parallel else ''}:")
        m["cpu_setting"] = measure_cpu_setting(parallel=options.parallel)
    if "today" in options.parts:
        say("2. Today's recipe (Keras, batch normalisation, Adam 0.002 with a cosine schedule, label smoothing):")
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
    RESULTS_MD.write_text(report(m))
    for target, measured, verdict in targets(m):
        say(f"Target: {target}: {measured} - {verdict}")
    say(f"Wrote {RESULTS_MD.relative_to(ROOT)} ({m['bench_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
