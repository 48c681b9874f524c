#!/usr/bin/python3
"""Full k-means fits: einspan vs scikit-learn (Lloyd) and faiss, same data, same start, same run.

Usage:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_fit.py \
        build/release/bench/kmeans_bench [--large] [--threads 1 2]

Each fit: float64 (faiss: float32, its only type), 50 Lloyd iterations, tol = 0, from the same
initial centroids data[default_rng(1).choice(n, k, replace=False)] on data =
default_rng(0).random((n, d)); einspan's Generator reproduces those arrays bit for bit, and its
timings and peak memory come from the kmeans_fit/n/d/k benchmarks. Sizes (n, d, k): (5000, 26, 26) and
(100000, 26, 26), plus (1000000, 32, 64) with --large. Threads: OMP_NUM_THREADS for einspan,
threadpoolctl for scikit-learn, faiss.omp_set_num_threads for faiss.
"""
import argparse
import json
import os
import subprocess
import time

import faiss
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

SIZES = [(5000, 26, 26), (100000, 26, 26)]
LARGE = (1000000, 32, 64)
ITERATIONS = 50


def einspan_fit(binary, size, threads):
    n, d, k = size
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    reps = ["--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"] if n < 10**6 else []
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter=^kmeans_fit/{n}/{d}/{k}", *reps],
                         check=True, capture_output=True, text=True, env=env).stdout
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name", "median") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            return b["real_time"] * scale, b["inertia"], b["fit_peak_MiB"]
    raise RuntimeError(f"no kmeans_fit/{n}/{d}/{k} in {binary}")


def best_of(fn, repeat):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peers(size, threads):
    n, d, k = size
    data = np.random.default_rng(0).random((n, d))
    init = data[np.random.default_rng(1).choice(n, k, replace=False)]
    repeat = 3 if n < 10**6 else 1

    def sk():
        km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=ITERATIONS, tol=0.0, algorithm="lloyd")
        return km.fit(data)

    with threadpool_limits(limits=threads):
        sk_time, km = best_of(sk, repeat)
    x32, init32 = data.astype(np.float32), init.astype(np.float32)

    def fa():
        # max_points_per_centroid = n: use every point, as the others do (faiss subsamples otherwise).
        km = faiss.Kmeans(d, k, niter=ITERATIONS, max_points_per_centroid=n, seed=1, verbose=False)
        km.train(x32, init_centroids=init32)
        return km

    faiss.omp_set_num_threads(threads)
    fa_time, _ = best_of(fa, repeat)
    return sk_time, km.inertia_, km.n_iter_, fa_time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path of the built kmeans_bench")
    parser.add_argument("--large", action="store_true", help="also fit (1000000, 32, 64)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    sizes = SIZES + ([LARGE] if args.large else [])
    print(f"float64, {ITERATIONS} iterations, tol=0, same initial centroids; sklearn {sklearn.__version__}, "
          f"faiss {faiss.__version__} (float32)\n")
    print("| (n, d, k) | threads | scikit-learn | faiss | einspan | speed-up vs faster | inertia rel. diff vs sklearn "
          "| einspan fit's peak memory beyond the data |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    einspan_times = {}
    for size in sizes:
        for threads in args.threads:
            sk, sk_inertia, sk_iter, fa = peers(size, threads)
            es, es_inertia, es_peak = einspan_fit(args.binary, size, threads)
            einspan_times[size, threads] = es
            note = "" if sk_iter == ITERATIONS else f" (stopped at {sk_iter})"
            print(f"| {size} | {threads} | {sk:.4f} s{note} | {fa:.4f} s | {es:.4f} s | {min(sk, fa) / es:.2f}x | "
                  f"{abs(es_inertia - sk_inertia) / sk_inertia:.1e} | {es_peak:.0f} MiB |", flush=True)
    if len(args.threads) > 1:
        first = args.threads[0]
        print(f"\neinspan scaling ({first}-thread time / N-thread time, from the table above):")
        for size in sizes:
            for threads in args.threads[1:]:
                print(f"  {size}: {threads} threads {einspan_times[size, first] / einspan_times[size, threads]:.2f}x")

if __name__ == "__main__":
    main()
