#!/usr/bin/python3
"""The k-means workshop's NumPy/SciPy steps next to einspan's kmeans_bench, timed in the same run.

Usage (the Python peer must not see the OpenBLAS overrides):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_kmeans.py \
        build/release/bench/kmeans_bench [--threads 1]

Both sides use the same arrays: einspan's Generator reproduces NumPy's default_rng streams, so
data = default_rng(0).random((5000, 26)) and centroids = data[default_rng(1).choice(5000, 26,
replace=False)] are bit-identical in C++ and here. Both run on one thread by default
(OMP_NUM_THREADS for einspan, threadpoolctl for NumPy's BLAS). Prints one Markdown table:
step, NumPy time, einspan time, speed-up (NumPy / einspan). With --cpu-time both sides report
process CPU time instead of wall time (Google Benchmark's cpu_time, timeit with
time.process_time): on one thread the two agree on an idle machine, and CPU time is the less
distorted of the two when the machine is shared.
"""
import argparse
import json
import os
import subprocess
import time
import timeit

import numpy as np
import scipy.sparse
from threadpoolctl import threadpool_limits

N, D, K = 5000, 26, 26


def assignment_step_v1(data, centroids):
    labels = np.empty(data.shape[0], dtype=np.int64)
    distances = np.empty(centroids.shape[0])
    for i, point in enumerate(data):
        for j, centroid in enumerate(centroids):
            distances[j] = np.linalg.norm(point - centroid)
        labels[i] = np.argmin(distances)
    return labels


def assignment_step_v2(data, centroids):
    labels = np.empty(data.shape[0], dtype=np.int64)
    for i, point in enumerate(data):
        labels[i] = np.argmin(np.linalg.norm(point - centroids, axis=1))
    return labels


def assignment_step_v3(data, centroids):
    return np.argmin(np.linalg.norm(data[:, None] - centroids[None], axis=-1), axis=1)


def assignment_step_v4(data, centroids):
    return np.argmin(((data[:, None] - centroids[None]) ** 2).sum(-1), axis=1)


def assignment_step_v5(data, centroids):
    diff = data[:, None] - centroids[None]
    return np.argmin(np.einsum("nkd,nkd->nk", diff, diff), axis=1)


def assignment_step_einsum(data, centroids):
    # The library's expanded norm, in NumPy: ||x||^2 is constant per row and dropped.
    return np.argmin(0.5 * np.einsum("kd,kd->k", centroids, centroids) - data @ centroids.T, axis=1)


def update_step_original(data, labels, k):
    new = np.empty((k, data.shape[1]))
    for i in range(k):
        new[i] = data[labels == i].mean(axis=0)
    return new


def update_step_matmul(data, labels, k):
    one_hot = np.eye(k)[labels]
    return (one_hot.T @ data) / one_hot.sum(0)[:, None]


def update_step_csc(data, labels, k):
    n = data.shape[0]
    one_hot = scipy.sparse.csc_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    return (one_hot @ data) / np.bincount(labels, minlength=k)[:, None]


def kmeans_workshop_50(data, centroids):
    k = centroids.shape[0]
    for _ in range(50):
        labels = assignment_step_v5(data, centroids)
        centroids = update_step_csc(data, labels, k)
    return centroids


# einspan benchmark -> (NumPy peer, label for the table)
STEPS = [
    ("assignment_step_v1", "assignment v1: loop over points and centroids"),
    ("assignment_step_v2", "assignment v2: one broadcast per point"),
    ("assignment_step_v3", "assignment v3: data[:, None] - centroids[None], norm"),
    ("assignment_step_v4", "assignment v4: no square root"),
    ("assignment_step_v5", "assignment v5: einsum nkd,nkd->nk"),
    ("assignment_step_einsum", "assignment, library: expanded norm, einsum nd,kd->nk"),
    ("update_step_original", "update, original: mask and mean per cluster"),
    ("update_step_matmul", "update, matmul: eye(k)[labels]"),
    ("update_step_csc", "update, CSC one-hot @ data / bincount"),
    ("update_step_library", "update, library: CSC into preallocated buffers"),
    ("kmeans_workshop_50", "full k-means, 50 iterations (NumPy: v5 + CSC)"),
]


def run_einspan(binary, threads, cpu_time):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    pattern = "^(" + "|".join(name for name, _ in STEPS) + ")$"
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter={pattern}",
                          "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True, env=env).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            results[b["run_name"]] = b["cpu_time" if cpu_time else "real_time"] * scale
    return results


def best_time(fn, clock):
    timer = timeit.Timer(fn, timer=clock)
    number, elapsed = timer.autorange()
    repeat = 3 if elapsed < 2 else 1
    return min([elapsed] + timer.repeat(repeat=repeat, number=number)) / number


def numpy_timings(threads, clock):
    data = np.random.default_rng(0).random((N, D))
    centroids = data[np.random.default_rng(1).choice(N, K, replace=False)]
    labels = assignment_step_v5(data, centroids)
    assert np.array_equal(labels, assignment_step_einsum(data, centroids))
    peers = {
        "assignment_step_v1": lambda: assignment_step_v1(data, centroids),
        "assignment_step_v2": lambda: assignment_step_v2(data, centroids),
        "assignment_step_v3": lambda: assignment_step_v3(data, centroids),
        "assignment_step_v4": lambda: assignment_step_v4(data, centroids),
        "assignment_step_v5": lambda: assignment_step_v5(data, centroids),
        "assignment_step_einsum": lambda: assignment_step_einsum(data, centroids),
        "update_step_original": lambda: update_step_original(data, labels, K),
        "update_step_matmul": lambda: update_step_matmul(data, labels, K),
        "update_step_csc": lambda: update_step_csc(data, labels, K),
        "update_step_library": lambda: update_step_csc(data, labels, K),
        "kmeans_workshop_50": lambda: kmeans_workshop_50(data, centroids),
    }
    with threadpool_limits(limits=threads):
        return {name: best_time(fn, clock) for name, fn in peers.items()}


def fmt(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path of the built kmeans_bench")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cpu-time", action="store_true", help="compare CPU time rather than wall time")
    args = parser.parse_args()
    einspan = run_einspan(args.binary, args.threads, args.cpu_time)
    numpy = numpy_timings(args.threads, time.process_time if args.cpu_time else time.perf_counter)
    clock = "CPU time" if args.cpu_time else "wall time"
    print(f"n={N}, d={D}, k={K}, float64, {args.threads} thread(s), {clock}; numpy {np.__version__}, "
          f"scipy {scipy.__version__}\n")
    print("| step | NumPy/SciPy | einspan | speed-up |")
    print("|---|---:|---:|---:|")
    for name, label in STEPS:
        e, p = einspan.get(name), numpy[name]
        print(f"| {label} | {fmt(p)} | {fmt(e) if e else 'n/a'} | {p / e:.1f}x |" if e else f"| {label} | {fmt(p)} | n/a | |")


if __name__ == "__main__":
    main()
