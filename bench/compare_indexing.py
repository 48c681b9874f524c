#!/usr/bin/python3
"""einspan's indexing_bench next to the same NumPy lines on the same data, timed in the same run.

Usage: /usr/bin/python3 bench/compare_indexing.py build/<dir>/bench/indexing_bench

Both sides draw their data from default_rng(0) (einspan's Generator(0) is the same stream), run
single-threaded, and are timed in CPU time of the process (Google Benchmark's cpu_time, median of
3 repetitions; time.process_time, best of 5 for NumPy). Prints one Markdown table with the
speed-up NumPy time / einspan time, headed by the CPU it ran on.
"""
import json
import platform
import subprocess
import sys
import time
import timeit

import numpy as np

ROWS = {
    "fancy_rows": "a[idx]",
    "mask_read": "v[mask]",
    "mask_assign_scalar": "v[mask] = 0",
    "column_assign": "m[:, 1] = c",
    "nonzero_8M": "np.nonzero(mask)",
}


def cpu_name():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def isa_level():
    flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split()
    if "avx512f" in flags:
        return "AVX-512"
    return "AVX2" if "avx2" in flags else "SSE"


def run_cpp(binary):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True, env={"OMP_NUM_THREADS": "1"}).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            results[b["run_name"].split("/")[0]] = b["cpu_time"] * scale
    return results


def numpy_timings():
    rng = np.random.default_rng(0)
    g = {"np": np}
    g["a"] = rng.random((1_000_000, 26))
    g["idx"] = rng.integers(0, 1_000_000, 1_000_000)
    g["v"] = rng.random(8_000_000)
    g["mask"] = rng.random(8_000_000) > 0.5
    g["m"] = rng.random((4096, 4096))
    g["c"] = rng.random(4096)
    timings = {}
    for name, stmt in ROWS.items():
        timer = timeit.Timer(stmt, globals=g, timer=time.process_time)
        number, _ = timer.autorange()
        timings[name] = min(timer.repeat(repeat=5, number=number)) / number
    return timings


def fmt_time(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cpp = run_cpp(sys.argv[1])
    numpy = numpy_timings()
    print(f"{cpu_name()} ({isa_level()}), NumPy {np.__version__}, one thread, CPU time per call "
          "(no BLAS involved); speed-up = NumPy time / einspan time.\n")
    print("| benchmark | NumPy line | NumPy | einspan | speed-up |")
    print("|---|---|---:|---:|---:|")
    for name, line in ROWS.items():
        print(f"| {name} | `{line}` | {fmt_time(numpy[name])} | {fmt_time(cpp[name])} | {numpy[name] / cpp[name]:.1f}x |")


if __name__ == "__main__":
    main()
