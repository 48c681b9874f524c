#!/usr/bin/python3
"""k-means on sparse (CSR) data: einspan vs scikit-learn's sparse Lloyd, same matrix, same start, same run.

Usage:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_sparse_kmeans.py \
        build/release/bench/sparse_kmeans_bench [--threads 1 2] [--k 64 256] [--small]

The matrix: n = 100,000 rows, d = 50,000 columns, 100 non-zeros per row at columns
sorted(rng.choice(d, 100, replace=False)) with values rng.random(100), rng = default_rng(0), row by
row (TF-IDF-like in shape; the columns are uniform, so no column is hotter than another). The start:
the rows default_rng(1).choice(n, k, replace=False), densified. At most 50 iterations, tol = 0, float64:
scikit-learn stops as soon as no label changes, and einspan's benchmark does the same (the smallest
positive tol), so both run the same iterations; the table shows their number and the time of each.
einspan's times are the kmeans_sparse_fit/n/d/100/k benchmarks (einspan's Generator draws the same
numbers, so both fit the same matrix; the inertia column checks it). Threads: OMP_NUM_THREADS for
einspan, threadpoolctl for scikit-learn. --small fits (20000, 10000) with k = 64 instead.
"""
import argparse
import json
import os
import subprocess
import time

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

ITERATIONS = 50


def matrix(n, d, per_row):
    rng = np.random.default_rng(0)
    indices = np.empty(n * per_row, dtype=np.int64)
    data = np.empty(n * per_row)
    for i in range(n):
        indices[i * per_row:(i + 1) * per_row] = np.sort(rng.choice(d, per_row, replace=False))
        data[i * per_row:(i + 1) * per_row] = rng.random(per_row)
    return sp.csr_matrix((data, indices, np.arange(0, n * per_row + 1, per_row)), shape=(n, d))


def einspan_fit(binary, n, d, per_row, k, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter=^kmeans_sparse_fit/{n}/{d}/{per_row}/{k}/"],
                         check=True, capture_output=True, text=True, env=env).stdout
    b = json.loads(out)["benchmarks"][0]
    return b["real_time"] * {"ms": 1e-3, "s": 1.0}[b["time_unit"]], b["inertia"], int(b["lloyd_iterations"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path of the built sparse_kmeans_bench")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--k", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--small", action="store_true", help="(20000, 10000), k = 64: a quick check")
    args = parser.parse_args()
    n, d, per_row = (20000, 10000, 100) if args.small else (100000, 50000, 100)
    ks = [64] if args.small else args.k
    x = matrix(n, d, per_row)
    print(f"at most {ITERATIONS} iterations, tol=0, same start, CSR ({n}, {d}) with {per_row} non-zeros per row, float64; "
          f"sklearn {sklearn.__version__}\n")
    print("| k | threads | iterations (sklearn, einspan) | scikit-learn | einspan | speed-up | inertia rel. diff |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for k in ks:
        init = x[np.random.default_rng(1).choice(n, k, replace=False)].toarray()
        for threads in args.threads:
            with threadpool_limits(limits=threads):
                start = time.perf_counter()
                km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=ITERATIONS, tol=0.0, algorithm="lloyd").fit(x)
                sk_time = time.perf_counter() - start
            es_time, es_inertia, es_iter = einspan_fit(args.binary, n, d, per_row, k, threads)
            print(f"| {k} | {threads} | {km.n_iter_}, {es_iter} | {sk_time:.2f} s | {es_time:.2f} s | "
                  f"{sk_time / es_time:.1f}x | {abs(es_inertia - km.inertia_) / km.inertia_:.1e} |", flush=True)


if __name__ == "__main__":
    main()
