#!/usr/bin/python3
"""einspan's einsum_bench next to numpy.einsum(optimize=True), timed in the same run.

Usage: /usr/bin/python3 bench/compare_einsum.py [--repetitions N] [--threads N] build/<dir>/bench/einsum_bench

For every spec of the suite, one after the other (so that a change of machine load hits both
sides alike): runs the C++ benchmarks of that spec (einsum, its Eigen GEMM baseline, its plan
form) with N repetitions, then times np.einsum(spec, *operands, optimize=True) on operands of the
same shapes with timeit, N repeats, in a child process without OPENBLAS_CORETYPE /
OPENBLAS_L2_SIZE so that NumPy's OpenBLAS picks its own kernels. Both sides report the MEDIAN of
their repetitions. --threads N sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS for both sides.

Prints one Markdown table: time per call, the NumPy/einspan speed-up, and for GEMM-shaped specs
GFLOP/s against Eigen's GEMM on the same shape (a fresh result per call on both sides), for
memory-bound ones GB/s against the machine's copy bandwidth (the faster of a one-thread and an
all-threads 32 MB memcpy, measured in the same run, read + written bytes).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import timeit


def run_cpp(binary, regex, repetitions, env):
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter={regex}",
                          f"--benchmark_repetitions={repetitions}", "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True, env=env).stdout
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


def list_benchmarks(binary):
    out = subprocess.run([binary, "--benchmark_list_tests=true"], check=True, capture_output=True, text=True).stdout
    return [line.strip().rsplit("/real_time", 1)[0] for line in out.splitlines() if line.strip()]


def numpy_time(label, repetitions):
    """Child-process mode: median time of np.einsum for a 'spec|shape,shape' label."""
    import numpy as np
    rng = np.random.default_rng(0)
    spec, shapes = label.split("|")
    ops = [rng.uniform(-1, 1, tuple(int(d) for d in s.split("x")) if s else ()) for s in shapes.split(",")]
    timer = timeit.Timer("np.einsum(spec, *ops, optimize=True)", globals={"np": np, "ops": ops, "spec": spec})
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repetitions, number=number)) / number


def fmt_time(t):
    if t < 1e-6:
        return f"{t * 1e9:.0f} ns"
    if t < 1e-3:
        return f"{t * 1e6:.1f} us"
    return f"{t * 1e3:.2f} ms"


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--numpy":
        print(json.dumps(numpy_time(sys.argv[2], int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()

    env = dict(os.environ)
    if args.threads:
        env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = str(args.threads)
    np_env = {k: v for k, v in env.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}

    names = list_benchmarks(args.binary)
    copy = run_cpp(args.binary, "^copy/", args.repetitions, env)
    copy_bw = max(r["bytes"] for r in copy.values())
    copy_note = " / ".join(f"{n.split('/')[1]} {r['bytes'] / 1e9:.1f}" for n, r in copy.items())

    rows = []
    for name in names:
        if not name.startswith("einsum/"):
            continue
        case = name.split("/", 1)[1]
        cpp = run_cpp(args.binary, f"^(einsum|eigen|plan)/{case}/", args.repetitions, env)
        r = cpp[name]
        np_time = json.loads(subprocess.run([sys.executable, __file__, "--numpy", r["label"], str(args.repetitions)],
                                            check=True, capture_output=True, text=True, env=np_env).stdout)
        spec, shapes = r["label"].split("|")
        rate = base = pct = ""
        if r["flops"]:
            eigen = cpp.get("eigen/" + case)
            rate = f"{r['flops'] / 1e9:.1f} GFLOP/s"
            if eigen:
                base = f"Eigen GEMM {eigen['flops'] / 1e9:.1f} GFLOP/s"
                pct = f"{100 * r['flops'] / eigen['flops']:.0f}%"
        elif r["bytes"]:
            rate = f"{r['bytes'] / 1e9:.1f} GB/s"
            base = f"copy {copy_bw / 1e9:.1f} GB/s"
            pct = f"{100 * r['bytes'] / copy_bw:.0f}%"
        rows.append(f"| `{spec}` | {shapes.replace('x', '×')} | {fmt_time(r['time'])} | {fmt_time(np_time)} "
                    f"| {np_time / r['time']:.2f}x | {rate} | {base} | {pct} |")
        plan = cpp.get("plan/" + case)
        if plan and plan["bytes"]:
            rows.append(f"| `{spec}` into out (plan) | {shapes.replace('x', '×')} | {fmt_time(plan['time'])} | - | - "
                        f"| {plan['bytes'] / 1e9:.1f} GB/s | copy {copy_bw / 1e9:.1f} GB/s "
                        f"| {100 * plan['bytes'] / copy_bw:.0f}% |")
    for name, r in run_cpp(args.binary, "^overhead/", args.repetitions, env).items():
        rows.append(f"| call overhead, `{name.split('/', 1)[1]}` | tiny | {fmt_time(r['time'])} | - | - | - | - | - |")

    threads = f"{args.threads} thread(s)" if args.threads else "default threads"
    print(f"Medians of {args.repetitions} repetitions, {threads}; copy bandwidth (GB/s): {copy_note}.\n")
    print("| spec | shapes | einspan | NumPy | NumPy / einspan | einspan rate | baseline (same run) | % of baseline |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
