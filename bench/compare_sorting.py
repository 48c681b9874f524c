#!/usr/bin/python3
"""einspan's sorting_bench next to the same NumPy lines, timed in the same run.

Usage: /usr/bin/python3 bench/compare_sorting.py build/<dir>/bench/sorting_bench [REGEX]

Both sides are single-threaded and timed in CPU time of the process (Google Benchmark's
cpu_time, time.process_time for NumPy, best of 5), which stays meaningful on a shared machine.
Prints one Markdown table: time per call and NumPy/einspan speed-up.
"""
import json
import subprocess
import sys
import time
import timeit

import numpy as np

N = 1 << 20


def run_cpp(binary, pattern):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true", f"--benchmark_filter={pattern}"],
                         check=True, capture_output=True, text=True, env={"OMP_NUM_THREADS": "1"}).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[b["run_name"]] = b["cpu_time"] * scale
    return results


def best_time(stmt, g):
    timer = timeit.Timer(stmt, globals=g, timer=time.process_time)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


ROWS = [
    # (benchmark, NumPy line)
    ("sort_double_1M", "np.sort(d)"),
    ("argsort_double_1M", "np.argsort(d, kind='stable')"),
    ("sort_int64_1M", "np.sort(labels)"),
    ("unique_int64_1M", "np.unique(labels)"),
    ("unique_counts_int64_1M", "np.unique(labels, return_counts=True)"),
    ("median_double_1M", "np.median(d)"),
    ("percentile_double_1M", "np.percentile(d, [5, 95])"),
    ("sort_rows_10000x100", "np.sort(rows, axis=1)"),
    ("std_sort_1M", "np.sort(d)"),
    ("std_nth_element_1M", "np.median(d)"),
]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    pattern = sys.argv[2] if len(sys.argv) == 3 else "."
    cpp = run_cpp(sys.argv[1], pattern)
    rng = np.random.default_rng(0)
    g = {"np": np, "d": rng.standard_normal(N), "labels": rng.integers(0, N, N)}
    g["rows"] = g["d"][:1000000].reshape(10000, 100)
    print(f"NumPy {np.__version__}; both sides 1 thread, CPU time; speed-up = NumPy time / einspan time. "
          "std_sort_1M and std_nth_element_1M are the C++ standard library on the same data (baselines).\n")
    print("| benchmark | NumPy line | NumPy | einspan | speed-up |")
    print("|---|---|---|---|---|")
    for name, line in ROWS:
        if name not in cpp:
            continue
        t_np = best_time(line, g)
        print(f"| {name} | `{line}` | {t_np * 1e3:.2f} ms | {cpp[name] * 1e3:.2f} ms | {t_np / cpp[name]:.2f}x |")


if __name__ == "__main__":
    main()
