#!/usr/bin/python3
"""einspan's tensor_bench next to the same NumPy lines, timed in the same run.

Usage: /usr/bin/python3 bench/compare_tensor.py build/<dir>/bench/tensor_bench

Runs the C++ benchmark (median of 3 repetitions), times the NumPy equivalents with timeit, and
prints one Markdown table: time per call, NumPy/einspan speed-up, GB/s for the 4096 x 4096 copies
and their ratio to memcpy of the same bytes measured in the same binary. Both sides are timed in
CPU time of the process (Google Benchmark's cpu_time, time.process_time), which is steadier than
wall time on a shared machine; the copies are single-threaded on both sides.
"""
import json
import subprocess
import sys
import time
import timeit

import numpy as np

BIG = 4096


def run_cpp(binary):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[b["run_name"].split("/")[0]] = b["cpu_time"] * scale  # drop "/min_time:2.000"
    return results


def best_time(stmt, g):
    timer = timeit.Timer(stmt, globals=g, timer=time.process_time)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def numpy_timings():
    g = {"np": np}
    g["a"] = np.arange(64 * 64, dtype=np.float64).reshape(64, 64)
    g["b"] = np.arange(4096, dtype=np.float64).reshape(8, 8, 8, 8)
    g["row"] = np.arange(64, dtype=np.float64)
    g["big"] = np.arange(BIG * BIG, dtype=np.float64).reshape(BIG, BIG)
    g["t"] = g["big"].T
    g["out"] = np.zeros((BIG, BIG))
    return {name: best_time(stmt, g) for name, (stmt, _) in ROWS.items()}


ROWS = {
    # benchmark: (NumPy line, bytes copied per call or None)
    "view_slice": ("a[1::2, ::-1]", None),
    "view_index_newaxis_ellipsis": ("b[..., 0, None]", None),
    "view_transpose": ("a.T", None),
    "view_transpose_axes": ("b.transpose(2, 0, 3, 1)", None),
    "view_reshape": ("a.reshape(16, -1, 8)", None),
    "view_broadcast_to": ("np.broadcast_to(row, (64, 64))", None),
    "view_diagonal": ("a.diagonal(1)", None),
    "copy_transposed_4096": ("np.copyto(out, t)", BIG * BIG * 8),
    "memcpy_4096": ("np.copyto(out, big)", BIG * BIG * 8),
    "contiguous_transposed_4096": ("np.ascontiguousarray(t)", BIG * BIG * 8),
    "memcpy_fresh_4096": ("big.copy()", BIG * BIG * 8),
}

# Each copy is compared with the memcpy that writes to the same kind of destination.
MEMCPY_OF = {"copy_transposed_4096": "memcpy_4096", "contiguous_transposed_4096": "memcpy_fresh_4096"}


def fmt_time(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e9:.1f} ns"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cpp = run_cpp(sys.argv[1])
    numpy = numpy_timings()
    print(f"NumPy {np.__version__}; CPU time per call; speed-up = NumPy time / einspan time; "
          "x memcpy = einspan time / memcpy time of the same bytes in the same binary.\n")
    print("| benchmark | NumPy line | NumPy | einspan | speed-up | einspan GB/s | x memcpy |")
    print("|---|---|---|---|---|---|---|")
    for name, (line, nbytes) in ROWS.items():
        t_np, t = numpy[name], cpp[name]
        gbs = f"{nbytes / t / 1e9:.2f}" if nbytes else ""
        ratio = f"{t / cpp[MEMCPY_OF[name]]:.2f}" if name in MEMCPY_OF else ""
        print(f"| {name} | `{line}` | {fmt_time(t_np)} | {fmt_time(t)} | {t_np / t:.1f}x | {gbs} | {ratio} |")


if __name__ == "__main__":
    main()
