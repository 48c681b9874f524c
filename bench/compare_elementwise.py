#!/usr/bin/python3
"""einspan's elementwise_bench next to the same NumPy lines, timed in the same run.

Usage: /usr/bin/python3 bench/compare_elementwise.py build/<dir>/bench/elementwise_bench [REGEX]
REGEX (optional) runs and prints only the benchmarks it matches, e.g. 'lazy/' (the names end in
/real_time); copy_memcpy_8M always runs, for the % memcpy column.

Runs the C++ benchmark twice (OpenMP default threads, and OMP_NUM_THREADS=1, since NumPy's
elementwise loops are single-threaded), times the NumPy equivalents with timeit, and prints one
Markdown table: time per call, GB/s where meaningful, NumPy/einspan speed-up, and the ratio to
memcpy's bandwidth measured in the same binary.

Single-threaded columns are CPU time of the process on both sides (Google Benchmark's cpu_time,
time.process_time for NumPy; both include the kernel's page-fault time), which stays meaningful
on a shared machine where wall time mostly measures the scheduler. The OpenMP column is wall
time, the only meaningful measure for several threads (quote it from an idle machine only).

When the selection includes the vector math benchmarks (exp/log/sin on 8M float64 and float32),
a second table times them at every instruction-set level the CPU supports (EINSPAN_ISA, one
thread, CPU time) next to NumPy, and names the CPU and the machine's load.
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


MATH_PATTERN = "_(out|fresh)_f(32|64)_8M"
LEVELS = ["generic", "sse4", "avx2", "avx512"]


def run_cpp(binary, threads, pattern, isa=None):
    env = dict(os.environ)
    if threads is not None:
        env["OMP_NUM_THREADS"] = str(threads)
    if isa is not None:
        env["EINSPAN_ISA"] = isa
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true",
                          f"--benchmark_filter=^copy_memcpy_8M/|{pattern}"],
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


def numpy_timings(keys):
    """NumPy time per call (CPU time, best of 5) of the lines named by `keys`."""
    rng = np.random.default_rng(0)
    g = {"np": np}
    g["src"], g["dst"] = rng.standard_normal(BIG), np.zeros(BIG)
    g["a"], g["b"], g["o"] = rng.standard_normal(BIG), rng.standard_normal(BIG), np.zeros(BIG)
    g["data"] = rng.standard_normal((N, D))
    g["centroids"] = g["data"][:K].copy()
    g["m"] = rng.standard_normal((ROWS, COLS))
    g["diff"], g["dist"] = np.zeros((N, K, D)), rng.standard_normal((N, K))
    g["labels"] = np.zeros(N, dtype=np.int64)
    x = rng.standard_normal(BIG)
    for suffix, dtype in (("f64", np.float64), ("f32", np.float32)):
        g[f"exp_{suffix}"] = x.astype(dtype)
        g[f"log_{suffix}"] = np.abs(x).astype(dtype)
        g[f"sin_{suffix}"] = (10 * x).astype(dtype)
        g[f"o_{suffix}"] = np.zeros(BIG, dtype=dtype)
    lines = {
        "copy_memcpy_8M": "np.copyto(dst, src)",
        "add_out_8M": "np.add(a, b, out=o)",
        "add_fresh_8M": "a + b",
        "add_inplace_8M": "np.add(a, b, out=a)",
        "kmeans_v4_assignment": "((data[:, None] - centroids[None])**2).sum(axis=2).argmin(axis=1)",
        "kmeans_v4_named_diff": "diff = data[:, None] - centroids[None]; (diff * diff).sum(axis=2).argmin(axis=1)",
        "v4_part_subtract": "np.subtract(data[:, None], centroids[None], out=diff)",
        "v4_part_square": "np.multiply(diff, diff, out=diff)",
        "v4_part_sum": "np.sum(diff, axis=2, out=dist)",
        "v4_part_argmin": "np.argmin(dist, axis=1, out=labels)",
        "kmeans_row_broadcast": "((data - centroids[0])**2).sum(axis=1)",
        "sum_last_axis": "m.sum(axis=1)",
        "sum_first_axis": "m.sum(axis=0)",
        "min_last_axis": "m.min(axis=1)",
        "argmin_first_axis": "m.argmin(axis=0)",
    }
    for fn in MATH_FUNCTIONS:
        for suffix in ("f64", "f32"):
            lines[f"{fn}_out_{suffix}_8M"] = f"np.{fn}({fn}_{suffix}, out=o_{suffix})"
            lines[f"{fn}_fresh_{suffix}_8M"] = f"np.{fn}({fn}_{suffix})"
    return {key: best_time(lines[key], g) for key in keys}


MATH_FUNCTIONS = ("exp", "log", "sin")
MATH_INPUTS = {"exp": "x", "log": "abs(x)", "sin": "10 * x"}
MATH_ROWS = [(f"{fn}_{form}_{suffix}_8M",
              f"np.{fn}(a{', out=o' if form == 'out' else ''}), a = {MATH_INPUTS[fn]}, x ~ N(0, 1), "
              f"{'float64' if suffix == 'f64' else 'float32'}",
              f"{fn}_{form}_{suffix}_8M", None)
             for suffix in ("f64", "f32") for fn in MATH_FUNCTIONS for form in ("out", "fresh")]

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
    ("kmeans_v4_lazy", "same as kmeans_v4_assignment; einspan lazy: "
     "argmin(sum(square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]), 2), 1)", "kmeans_v4_assignment", None),
    ("kmeans_row_broadcast_lazy", "same as kmeans_row_broadcast; einspan lazy: "
     "sum(square(lazy(data) - centroids[0]), 1)", "kmeans_row_broadcast", None),
    ("sum_last_axis", "m.sum(axis=1), m 4096x2048", "sum_last_axis", ROWS * COLS * 8),
    ("sum_first_axis", "m.sum(axis=0)", "sum_first_axis", ROWS * COLS * 8),
    ("min_last_axis", "m.min(axis=1)", "min_last_axis", ROWS * COLS * 8),
    ("argmin_first_axis", "m.argmin(axis=0)", "argmin_first_axis", ROWS * COLS * 8),
] + MATH_ROWS


def fmt_time(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    binary = sys.argv[1]
    pattern = sys.argv[2] if len(sys.argv) == 3 else "."
    threaded = run_cpp(binary, None, pattern)
    single = run_cpp(binary, 1, pattern)
    numpy = numpy_timings({key for name, _, key, _ in ROWS_SPEC if name in single} | {"copy_memcpy_8M"})
    copy_gbs = 2 * BIG * 8 / single["copy_memcpy_8M"][1] / 1e9

    print(f"NumPy {np.__version__}; einspan with OMP_NUM_THREADS=1 (CPU time, as NumPy's) and with OMP "
          f"default threads ({os.cpu_count()} CPUs, wall time); speed-up = NumPy time / einspan time; GB/s "
          "counts bytes read + written; % memcpy = GB/s relative to memcpy of 64 MiB in the same binary "
          "(1 thread, CPU time).\n")
    print("| benchmark | NumPy line | NumPy | einspan 1 thread | speed-up | einspan OpenMP (wall) | speed-up "
          "| GB/s 1 thread | % memcpy | GB/s OpenMP |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, line, key, nbytes in ROWS_SPEC:
        if name not in single:
            continue
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

    math_names = [row for row in MATH_ROWS if row[0] in single]
    if math_names:
        print_levels(binary, math_names, numpy)


def cpu_model():
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def print_levels(binary, rows, numpy):
    """The vector math benchmarks at every level the CPU supports, one thread, CPU time."""
    by_level = {}
    for level in LEVELS:
        try:
            by_level[level] = run_cpp(binary, 1, MATH_PATTERN, isa=level)
        except subprocess.CalledProcessError:
            pass  # a level this CPU does not support (the binary says so and exits)
    levels = list(by_level)
    best = levels[-1]
    print(f"\nVector math at each EINSPAN_ISA level: {cpu_model()}, NumPy {np.__version__}, one thread, CPU time "
          f"(median of 3); load average before the run: {os.getloadavg()[0]:.2f}. speed-up = NumPy / einspan "
          f"at {best}.\n")
    print("| benchmark | NumPy line | NumPy | " + " | ".join(f"einspan {level}" for level in levels)
          + f" | speed-up ({best}) |")
    print("|---|---|---|" + "---|" * len(levels) + "---|")
    for name, line, key, _ in rows:
        t_np = numpy[key]
        cells = " | ".join(fmt_time(by_level[level][name][1]) for level in levels)
        print(f"| {name} | `{line}` | {fmt_time(t_np)} | {cells} | {t_np / by_level[best][name][1]:.2f}x |")


if __name__ == "__main__":
    main()
