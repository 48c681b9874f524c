#!/usr/bin/python3
"""einspan's indexing_bench next to the same NumPy lines on the same data, timed in the same run.

Usage: /usr/bin/python3 bench/compare_indexing.py build/<dir>/bench/indexing_bench

Both sides draw their data from default_rng(0) (einspan's Generator(0) is the same stream), run
single-threaded (indexing uses no threads), and are timed in CPU time of the process (Google
Benchmark's cpu_time, median of 3 repetitions; time.process_time, best of 5 for NumPy). Prints
one Markdown table with the speed-up NumPy time / einspan time, headed by the CPU it ran on.
"""
import platform
import sys

import numpy as np

from compare_tensor import best_time, fmt_time, run_cpp  # the same harness as the views' table

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


def numpy_timings():
    rng = np.random.default_rng(0)
    g = {"np": np}
    g["a"] = rng.random((1_000_000, 26))
    g["idx"] = rng.integers(0, 1_000_000, 1_000_000)
    g["v"] = rng.random(8_000_000)
    g["mask"] = rng.random(8_000_000) > 0.5
    g["m"] = rng.random((4096, 4096))
    g["c"] = rng.random(4096)
    return {name: best_time(stmt, g) for name, stmt in ROWS.items()}


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
