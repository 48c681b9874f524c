#!/usr/bin/python3
"""einspan's elementwise_bench next to the same NumPy lines, timed in the same run.

Usage: /usr/bin/python3 bench/compare_elementwise.py build/<dir>/bench/elementwise_bench

Runs the C++ benchmark twice (OpenMP default threads, and OMP_NUM_THREADS=1, since NumPy's
elementwise loops are single-threaded), times the NumPy equivalents with timeit, and prints one
Markdown table: time per call, GB/s where meaningful, NumPy/einspan speed-up, and the ratio to
memcpy's bandwidth measured in the same binary.

Single-threaded columns are CPU time of the process on both sides (Google Benchmark's cpu_time,
time.process_time for NumPy; both include the kernel's page-fault time), which stays meaningful
on a shared machine where wall time mostly measures the scheduler. The OpenMP column is wall
time, the only meaningful measure for several threads (quote it from an idle machine only).
"""
import json
import os
import subprocess
import sys
import time
import timeit

import numpy as np

BIG = 1 << 23
N, K, D = 5000, 26, 26
ROWS, COLS = 4096, 2048


def run_cpp(binary, threads):
    env = dict(os.environ)
    if threads is not None:
        env["OMP_NUM_THREADS"] = str(threads)
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True, env=env).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].split("/")[0]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[name] = (b["real_time"] * scale, b["cpu_time"] * scale)
    return results


def best_time(stmt, setup_globals, number=None):
    timer = timeit.Timer(stmt, globals=setup_globals, timer=time.process_time)
    if number is None:
        number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def numpy_timings():
    rng = np.random.default_rng(0)
    g = {"np": np}
    g["src"], g["dst"] = rng.standard_normal(BIG), np.zeros(BIG)
    g["a"], g["b"], g["o"] = rng.standard_normal(BIG), rng.standard_normal(BIG), np.zeros(BIG)
    g["data"] = rng.standard_normal((N, D))
    g["centroids"] = g["data"][:K].copy()
    g["m"] = rng.standard_normal((ROWS, COLS))
    g["diff"], g["dist"] = np.zeros((N, K, D)), rng.standard_normal((N, K))
    g["labels"] = np.zeros(N, dtype=np.int64)
    return {
        "copy_memcpy_8M": best_time("np.copyto(dst, src)", g),
        "add_out_8M": best_time("np.add(a, b, out=o)", g),
        "add_fresh_8M": best_time("a + b", g),
        "add_inplace_8M": best_time("np.add(a, b, out=a)", g),
        "kmeans_v4_assignment": best_time(
            "((data[:, None] - centroids[None])**2).sum(axis=2).argmin(axis=1)", g),
        "kmeans_v4_named_diff": best_time(
            "diff = data[:, None] - centroids[None]; (diff * diff).sum(axis=2).argmin(axis=1)", g),
        "v4_part_subtract": best_time("np.subtract(data[:, None], centroids[None], out=diff)", g),
        "v4_part_square": best_time("np.multiply(diff, diff, out=diff)", g),
        "v4_part_sum": best_time("np.sum(diff, axis=2, out=dist)", g),
        "v4_part_argmin": best_time("np.argmin(dist, axis=1, out=labels)", g),
        "kmeans_row_broadcast": best_time("((data - centroids[0])**2).sum(axis=1)", g),
        "sum_last_axis": best_time("m.sum(axis=1)", g),
        "sum_first_axis": best_time("m.sum(axis=0)", g),
        "min_last_axis": best_time("m.min(axis=1)", g),
        "argmin_first_axis": best_time("m.argmin(axis=0)", g),
    }


ROWS_SPEC = [
    # (benchmark, NumPy line it is compared with, NumPy key, bytes per call or None)
    ("copy_memcpy_8M", "np.copyto(dst, src) (memcpy in C++)", "copy_memcpy_8M", 2 * BIG * 8),
    ("add_out_8M", "np.add(a, b, out=o)", "add_out_8M", 3 * BIG * 8),
    ("add_fresh_8M", "a + b", "add_fresh_8M", 3 * BIG * 8),
    ("add_inplace_8M", "a += b (np.add(a, b, out=a))", "add_inplace_8M", 3 * BIG * 8),
    ("kmeans_v4_assignment", "((data[:, None] - centroids[None])**2).sum(axis=2).argmin(axis=1)",
     "kmeans_v4_assignment", None),
    ("kmeans_v4_named_diff", "diff = data[:, None] - centroids[None]; (diff * diff).sum(axis=2).argmin(axis=1)",
     "kmeans_v4_named_diff", None),
    ("v4_part_subtract", "np.subtract(data[:, None], centroids[None], out=diff)", "v4_part_subtract", None),
    ("v4_part_square", "np.multiply(diff, diff, out=diff)", "v4_part_square", None),
    ("v4_part_sum", "np.sum(diff, axis=2, out=dist)", "v4_part_sum", None),
    ("v4_part_argmin", "np.argmin(dist, axis=1, out=labels)", "v4_part_argmin", None),
    ("kmeans_v4_assignment_out", "same, einspan with out= buffers", "kmeans_v4_assignment", None),
    ("kmeans_v4_assignment_blocked", "same, einspan out= lines over blocks of 256 rows", "kmeans_v4_assignment",
     None),
    ("kmeans_row_broadcast", "((data - centroids[0])**2).sum(axis=1)", "kmeans_row_broadcast", None),
    ("kmeans_row_broadcast_out", "same, einspan with out= buffers", "kmeans_row_broadcast", None),
    ("sum_last_axis", "m.sum(axis=1), m 4096x2048", "sum_last_axis", ROWS * COLS * 8),
    ("sum_first_axis", "m.sum(axis=0)", "sum_first_axis", ROWS * COLS * 8),
    ("min_last_axis", "m.min(axis=1)", "min_last_axis", ROWS * COLS * 8),
    ("argmin_first_axis", "m.argmin(axis=0)", "argmin_first_axis", ROWS * COLS * 8),
]


def fmt_time(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    threaded = run_cpp(binary, None)
    single = run_cpp(binary, 1)
    numpy = numpy_timings()
    copy_gbs = 2 * BIG * 8 / single["copy_memcpy_8M"][1] / 1e9

    print(f"NumPy {np.__version__}; einspan with OMP_NUM_THREADS=1 (CPU time, as NumPy's) and with OMP "
          f"default threads ({os.cpu_count()} CPUs, wall time); speed-up = NumPy time / einspan time; GB/s "
          "counts bytes read + written; % memcpy = GB/s relative to memcpy of 64 MiB in the same binary "
          "(1 thread, CPU time).\n")
    print("| benchmark | NumPy line | NumPy | einspan 1 thread | speed-up | einspan OpenMP (wall) | speed-up "
          "| GB/s 1 thread | % memcpy | GB/s OpenMP |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, line, key, nbytes in ROWS_SPEC:
        t_np = numpy[key]
        t1 = single[name][1]
        tn = threaded[name][0]
        gb1 = gbn = pct = ""
        if nbytes:
            gb1 = f"{nbytes / t1 / 1e9:.2f}"
            gbn = f"{nbytes / tn / 1e9:.2f}"
            pct = f"{100 * nbytes / t1 / 1e9 / copy_gbs:.0f}%"
        print(f"| {name} | `{line}` | {fmt_time(t_np)} | {fmt_time(t1)} | {t_np / t1:.1f}x | {fmt_time(tn)} "
              f"| {t_np / tn:.1f}x | {gb1} | {pct} | {gbn} |")


if __name__ == "__main__":
    main()
