#!/usr/bin/python3
"""einspan's einsum_bench next to numpy.einsum(optimize=True), timed in the same run.

Usage: /usr/bin/python3 bench/compare_einsum.py build/<dir>/bench/einsum_bench

Runs the C++ benchmark (median of 3 repetitions), reads every einsum benchmark's spec and
shapes from its label, times np.einsum(spec, *operands, optimize=True) on operands of the same
shapes with timeit (in a child process without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, so NumPy's
OpenBLAS picks its own kernels), and prints one Markdown table: time per call, the NumPy/einspan
speed-up, and for GEMM-shaped specs GFLOP/s against Eigen's GEMM on the same shape, for
memory-bound ones GB/s against memcpy, both measured in the same binary.
"""
import json
import os
import subprocess
import sys
import timeit


def run_cpp(binary):
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].rsplit("/real_time", 1)[0]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        results[name] = {
            "time": b["real_time"] * scale,
            "flops": b.get("flops"),
            "bytes": b.get("bytes_per_second"),
            "label": b.get("label", ""),
        }
    return results


def numpy_times(labels):
    """Child-process mode: time np.einsum for each 'spec|shape,shape' label, print JSON."""
    import numpy as np
    rng = np.random.default_rng(0)
    times = {}
    for label in labels:
        spec, shapes = label.split("|")
        ops = [rng.uniform(-1, 1, tuple(int(d) for d in s.split("x")) if s else ())
               for s in shapes.split(",")]
        g = {"np": np, "ops": ops, "spec": spec}
        timer = timeit.Timer("np.einsum(spec, *ops, optimize=True)", globals=g)
        number, _ = timer.autorange()
        times[label] = min(timer.repeat(repeat=5, number=number)) / number
    return times


def fmt_time(t):
    if t < 1e-6:
        return f"{t * 1e9:.0f} ns"
    if t < 1e-3:
        return f"{t * 1e6:.1f} us"
    return f"{t * 1e3:.2f} ms"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--numpy":
        print(json.dumps(numpy_times(json.loads(sys.argv[2]))))
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cpp = run_cpp(sys.argv[1])
    labels = [r["label"] for name, r in cpp.items() if name.startswith("einsum/")]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    numpy = json.loads(subprocess.run([sys.executable, __file__, "--numpy", json.dumps(labels)],
                                      check=True, capture_output=True, text=True, env=env).stdout)
    memcpy = cpp["memcpy/32MB"]["bytes"]

    print("| spec | shapes | einspan | NumPy | NumPy / einspan | einspan rate | baseline (same run) | % of baseline |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in cpp.items():
        if not name.startswith("einsum/"):
            continue
        spec, shapes = r["label"].split("|")
        np_time = numpy[r["label"]]
        rate = base = pct = ""
        if r["flops"]:
            eigen = cpp.get("eigen/" + name.split("/", 1)[1])
            rate = f"{r['flops'] / 1e9:.1f} GFLOP/s"
            if eigen:
                base = f"Eigen GEMM {eigen['flops'] / 1e9:.1f} GFLOP/s"
                pct = f"{100 * r['flops'] / eigen['flops']:.0f}%"
        elif r["bytes"]:
            rate = f"{r['bytes'] / 1e9:.1f} GB/s"
            base = f"memcpy {memcpy / 1e9:.1f} GB/s"
            pct = f"{100 * r['bytes'] / memcpy:.0f}%"
        print(f"| `{spec}` | {shapes.replace('x', '×')} | {fmt_time(r['time'])} | {fmt_time(np_time)} "
              f"| {np_time / r['time']:.2f}x | {rate} | {base} | {pct} |")
    copy = cpp.get("plan/ij_ji_copy_2000")
    if copy:
        print(f"| `ij->ji` copied into out (plan) | 2000×2000 | {fmt_time(copy['time'])} | - | - "
              f"| {copy['bytes'] / 1e9:.1f} GB/s | memcpy {memcpy / 1e9:.1f} GB/s "
              f"| {100 * copy['bytes'] / memcpy:.0f}% |")
    for name, r in cpp.items():
        if name.startswith("plan/overhead"):
            print(f"| plan call overhead `{name.split('_', 1)[1]}` | tiny | {fmt_time(r['time'])} | - | - | - | - | - |")


if __name__ == "__main__":
    main()
