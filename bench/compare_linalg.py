#!/usr/bin/python3
"""einspan's linalg_bench next to NumPy's np.matmul / np.dot on the same shapes, timed in the same run.

Usage: /usr/bin/python3 bench/compare_linalg.py [--repetitions N] build/<dir>/bench/linalg_bench

Runs the C++ benchmarks with N repetitions in random interleaving (so that a change of machine
load hits einsum and matmul alike), then times NumPy's line for every case with timeit, N
repeats. Both sides report the MEDIAN wall time. Prints one Markdown table per case:
einsum (the spec the linalg call runs), matmul, matmul into out, and NumPy, with
matmul / einsum (the target: at most 1.05 for 512^3) and NumPy / einspan.
"""
import argparse
import json
import statistics
import subprocess
import timeit

import numpy as np

CASES = {  # id -> (shape a, shape b)
    "512x512x512": ((512, 512), (512, 512)),
    "64x128x128x128": ((64, 128, 128), (64, 128, 128)),
    "broadcast_4x1x64x32_8x32x48": ((4, 1, 64, 32), (8, 32, 48)),
    "8x8x8": ((8, 8), (8, 8)),
}


def run_cpp(binary, repetitions):
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
                          "--benchmark_enable_random_interleaving=true", "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].rsplit("/real_time", 1)[0]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[name] = b["real_time"] * scale
    return results


def numpy_time(stmt, a, b, repetitions):
    timer = timeit.Timer(stmt, globals={"np": np, "a": a, "b": b})
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repetitions, number=number)) / number


def fmt(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} us"
    return f"{seconds * 1e9:.0f} ns"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--repetitions", type=int, default=9)
    args = parser.parse_args()
    cpp = run_cpp(args.binary, args.repetitions)
    rng = np.random.default_rng(0)
    print("| case | einsum | matmul | matmul / einsum | matmul(a, b, out) | np.matmul | NumPy / matmul |")
    print("|---|---|---|---|---|---|---|")
    for case, (sa, sb) in CASES.items():
        a, b = rng.uniform(-1, 1, sa), rng.uniform(-1, 1, sb)
        t_np = numpy_time("np.matmul(a, b)", a, b, args.repetitions)
        e, m, o = cpp[f"einsum/{case}"], cpp[f"matmul/{case}"], cpp[f"matmul_out/{case}"]
        print(f"| {sa}@{sb} | {fmt(e)} | {fmt(m)} | {m / e:.3f} | {fmt(o)} | {fmt(t_np)} | {t_np / m:.2f}x |")
    sa, sb = CASES["512x512x512"]
    a, b = rng.uniform(-1, 1, sa), rng.uniform(-1, 1, sb)
    t_np = numpy_time("np.dot(a, b)", a, b, args.repetitions)
    d, e = cpp["dot/512x512x512"], cpp["einsum/512x512x512"]
    print(f"| dot {sa}.{sb} | {fmt(e)} | {fmt(d)} (dot) | {d / e:.3f} | - | {fmt(t_np)} (np.dot) | {t_np / d:.2f}x |")


if __name__ == "__main__":
    main()
