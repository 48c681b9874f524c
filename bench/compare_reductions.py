#!/usr/bin/python3
"""einspan's reductions_bench next to the same NumPy lines, timed in the same run.

Usage: /usr/bin/python3 bench/compare_reductions.py build/<dir>/bench/reductions_bench

Runs the C++ benchmark with OMP_NUM_THREADS=1 (these kernels are single-threaded, as NumPy's),
times the NumPy equivalents with timeit, and prints one Markdown table: time per call (CPU time of
the process on both sides, meaningful on a shared machine), NumPy/einspan speed-up, GB/s and the
ratio to memcpy's bandwidth measured in the same binary. Also names the CPU (lscpu).
"""
import json
import os
import subprocess
import sys
import time
import timeit

import numpy as np

BIG = 1 << 23
MILLION = 1 << 20


def run_cpp(binary):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=5",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True, env=env).stdout
    report = json.loads(out)
    results = {"isa": report["context"].get("isa", "unknown")}
    for b in report["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[b["run_name"].split("/")[0]] = b["cpu_time"] * scale
    return results


def best_time(stmt, g):
    timer = timeit.Timer(stmt, globals=g, timer=time.process_time)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


ROWS = [
    # (benchmark, NumPy line, bytes per call)
    ("copy_memcpy_8M", "np.copyto(dst, src)", 2 * BIG * 8),
    ("cumsum_out_8M", "np.cumsum(a, out=dst)", 2 * BIG * 8),
    ("cumsum_fresh_8M", "np.cumsum(a)", 2 * BIG * 8),
    ("var_1M", "np.var(v)", MILLION * 8),
    ("sum_f64_8M", "np.sum(a)", BIG * 8),
    ("mean_f64_8M", "np.mean(a)", BIG * 8),
    ("min_f64_8M", "np.min(a)", BIG * 8),
    ("max_f64_8M", "np.max(a)", BIG * 8),
    ("sum_f32_8M", "np.sum(a32)", BIG * 4),
    ("mean_f32_8M", "np.mean(a32)", BIG * 4),
    ("min_f32_8M", "np.min(a32)", BIG * 4),
    ("max_f32_8M", "np.max(a32)", BIG * 4),
    ("sum_f64_32K", "np.sum(s64)", (1 << 15) * 8),
    ("sum_f32_32K", "np.sum(s32)", (1 << 15) * 4),
]


def cpu_name():
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cpp = run_cpp(sys.argv[1])
    rng = np.random.default_rng(0)
    g = {"np": np, "src": rng.standard_normal(BIG), "dst": np.zeros(BIG), "a": rng.standard_normal(BIG),
         "v": rng.standard_normal(MILLION)}
    g["a32"] = g["a"].astype(np.float32)
    g["s64"] = rng.standard_normal(1 << 15)
    g["s32"] = g["s64"].astype(np.float32)
    copy_gbs = 2 * BIG * 8 / cpp["copy_memcpy_8M"] / 1e9
    print(f"{cpu_name()}; NumPy {np.__version__}; einspan at level {cpp['isa']} with OMP_NUM_THREADS=1; CPU time per call (best of "
          "NumPy's 5 repeats, median of einspan's 5); GB/s counts bytes read + written; % memcpy relative to "
          "memcpy of 64 MiB in the same binary (the reductions only read: their GB/s counts the bytes read).\n")
    print("| benchmark | NumPy line | NumPy | einspan | speed-up | GB/s | % memcpy |")
    print("|---|---|---|---|---|---|---|")
    for name, line, nbytes in ROWS:
        t_np, t = best_time(line, g), cpp[name]
        gbs = nbytes / t / 1e9
        pct = f"{100 * gbs / copy_gbs:.0f}%" if "8M" in name else ""
        ms = lambda s: f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.0f} us"
        print(f"| {name} | `{line}` | {ms(t_np)} | {ms(t)} | {t_np / t:.2f}x | {gbs:.2f} | {pct} |")


if __name__ == "__main__":
    main()
