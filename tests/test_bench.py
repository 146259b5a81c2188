"""benchmarks/bench.py: the FLOP arithmetic matches the handbook, and the report gives every part and target.

Pure functions only: nothing here times anything or runs a benchmark (speed is measured by `make bench`).
"""

import importlib.util
from pathlib import Path

import pytest

from helpers import convnet

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def fake_measurements(**changes):
    """A small, made-up measurement dict in the shape bench.main() keeps in results.json."""
    m = {
        "machine": {"cpu": "Test CPU (AVX2)", "cores": 2, "usable_cores": 2, "memory": "8.0 GiB", "os": "Linux",
                    "python": "3.11.7", "tensorflow": "2.21.0", "keras": "3.15.1", "tflearn": "0.5.0",
                    "numpy": "2.4.6", "gpu": "none"},
        "started": "2026-11-21 23:00 UTC", "load_start": [0.1, 0.2, 0.3], "load_end": [1.0, 0.5, 0.3],
        "parts": list(bench.PARTS), "quick": False,
        "notebooks": {"repeats": 3, "measured": "then", "load": [0.1, 0.2, 0.3], "notebooks": {
            f"0{i}_x.ipynb": {"seconds": [5.0, 6.0, 7.0], "median": 6.0, "slowest_cells": [[3, "run()", 2.5]],
                              "errors": []} for i in range(1, 7)}},
        "course_ci": {"measured": "then", "load": [0.1], "notebooks": {"01_x.ipynb": 4.0, "06_x.ipynb": 40.0},
                      "errors": [], "total": 44.0},
        "throughput": {"measured": "then", "load": [0.2], "batch_size": 256, "warmup_steps": 15, "timed_steps": 100,
                       "rounds": 2, "tflearn": [1500.0, 1600.0], "keras": [1250.0, 1300.0], "errors": [],
                       "ratio": 1600 / 1300},
        "cpu_setting": {"measured": "then", "load": [0.3], "checks_per_epoch": 2,
                        "setting": {"name": "cpu", "epochs": 3, "train_size": 55_000, "batch_size": 256,
                                    "validate_every": 0, "steps": 645},
                        "checks": [{"step": 215, "epoch": 1.0, "seconds": 40.0, "test_accuracy": 0.981},
                                   {"step": 430, "epoch": 2.0, "seconds": 80.0, "test_accuracy": 0.986}],
                        "fit_seconds": 120.0, "fit_cpu_seconds": 200.0, "eval_seconds": 9.0, "final_accuracy": 0.991,
                        "seconds_to_target": 80.0, "epoch_to_target": 2.0,
                        "runs": [{"fit_seconds": t, "fit_cpu_seconds": c, "final_accuracy": a, "load": [0.3]}
                                 for t, c, a in ((120.0, 200.0, 0.991), (130.0, 210.0, 0.992), (125.0, 205.0, 0.99))],
                        "median_fit_seconds": 125.0, "median_fit_cpu_seconds": 205.0, "median_final_accuracy": 0.991},
        "today": {"measured": "then", "load": [0.2], "epochs": 4, "train_size": 55_000, "steps": 1720,
                  "test_accuracy": 0.9935, "parameters": 456_330, "seconds": 140.0, "cpu_seconds": 260.0,
                  "set_up_seconds": 5.0, "set_up_cpu_seconds": 6.0,
                  "curve": [{"epoch": 1, "val_accuracy": 0.985, "seconds": 40.0}]},
        "matmul": {"measured": "then", "load": [0.1], "n": 2048, "best_gflops": 120.0, "median_gflops": 110.0,
                   "repeats": 10},
        "xor": {"measured": "then", "load": [0.1], "repeats": 5, "article": [1.0, 1.1, 0.9, 1.0, 1.2],
                "helper": [1.3, 1.4, 1.3, 1.5, 1.3], "outputs": [0.0026, 0.9967, 0.997, 0.0039], "learned_at": 587},
    }
    m.update(changes)
    return m


def test_the_compute_floor_is_counted_by_the_course_helper_and_matches_the_handbook():
    assert round(convnet.forward_flop_per_image() / 1e6, 1) == 8.6, "the handbook: about 8.6 MFLOP per image forward"
    assert convnet.forward_flop_per_image() == 2 * sum(layer.multiply_adds for layer in convnet.layer_shapes())
    assert round(convnet.training_flop_per_image() / 1e6) in (25, 26), "about 25 MFLOP per image to train"
    assert round(convnet.training_flop_per_epoch() / 1e12, 1) == 1.4, "about 1.4 TFLOP per epoch of 55,000 images"
    assert convnet.training_flop_per_epoch(1) == convnet.training_flop_per_image()


def test_floor_fraction_divides_the_achieved_rate_by_the_matmul_rate():
    images_per_s = 1e9 / convnet.training_flop_per_image()  # exactly 1 GFLOP/s of training
    achieved, share = bench.floor_fraction(images_per_s, matmul_gflops=4.0)
    assert achieved == pytest.approx(1.0) and share == pytest.approx(0.25)


def test_report_gives_the_machine_the_targets_and_every_part():
    text = bench.report(fake_measurements())
    for fact in ("cpu Test CPU (AVX2)", "tensorflow 2.21.0", "[0.1, 0.2, 0.3]", "ratio 1.23", "after 587 iterations",
                 "1.41 TFLOP per epoch of 55,000 images", "takes at least 11.8 s",
                 "reach 41.0 GFLOP/s, 34% of the matmul rate", "8.55 MFLOP per image",
                 "01-05 together within 60 s: 30.0 s - met", "01_x.ipynb", "whole course with CI=true",
                 f"{bench.ACCURACY_TARGET:.1%} first reached after 80 s (epoch 2.00)", "2.00: 98.60%"):
        assert fact in text, fact


def test_targets_say_met_and_missed():
    assert [verdict for _, _, verdict in bench.targets(fake_measurements())] == ["met"] * 4
    slow = fake_measurements()
    slow["notebooks"]["notebooks"]["05_x.ipynb"]["median"] = 50.0
    slow["cpu_setting"]["median_final_accuracy"] = bench.ACCURACY_TARGET - 0.001  # just short of each promise
    slow["today"]["test_accuracy"] = bench.TODAY_TARGET - 0.001
    slow["throughput"]["ratio"] = 0.5
    assert [verdict for _, _, verdict in bench.targets(slow)] == ["missed"] * 4
    assert "- missed" in bench.report(slow)


def test_a_busy_machine_meets_the_time_budget_only_by_cpu_seconds_and_says_so():
    busy = fake_measurements()
    busy["cpu_setting"]["median_fit_seconds"] = 400.0  # the clock, on a machine shared by many
    busy["cpu_setting"]["median_fit_cpu_seconds"] = 290.0  # 145 s on 2 free cores
    assert bench.targets(busy)[1][2].startswith("met by CPU time (145 s on 2 free cores")
    busy["cpu_setting"]["median_fit_cpu_seconds"] = 310.0
    assert bench.targets(busy)[1][2] == "missed"


def test_report_shows_every_cpu_run_their_medians_and_todays_recipe():
    text = bench.report(fake_measurements())
    assert "median of 3: 125 s, 205 CPU seconds, test accuracy 99.10%" in text
    assert "Today's recipe" in text and "test accuracy 99.35%" in text


def test_report_of_a_partial_first_run_says_what_is_not_measured():
    m = fake_measurements()
    for part in ("notebooks", "course_ci", "throughput", "cpu_setting", "today", "matmul"):
        del m[part]
    text = bench.report(m)
    assert [verdict for _, _, verdict in bench.targets(m)] == ["not measured"] * 4
    assert text.count("not measured yet.") == 2 and "587 iterations" in text


def test_a_failed_worker_is_reported_not_raised():
    m = fake_measurements(cpu_setting={"measured": "then", "load": [1.0], "error": "cpu-setting exited with 1"})
    assert "failed: cpu-setting exited with 1" in bench.report(m)
    assert bench.targets(m)[1][2] == "not measured"


def test_command_line_parts_and_quick(monkeypatch):
    monkeypatch.delenv("BENCH_PARTS", raising=False)
    monkeypatch.setenv("BENCH_QUICK", "1")
    options = bench.parse_arguments([])
    assert options.parts == list(bench.PARTS) and options.quick and options.repeats == 1
    options = bench.parse_arguments(["--parts", "xor,matmul", "--repeats", "2"])
    assert options.parts == ["xor", "matmul"] and options.repeats == 2
    with pytest.raises(SystemExit):
        bench.parse_arguments(["--parts", "gpu"])
