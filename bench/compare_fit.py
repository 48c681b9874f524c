#!/usr/bin/python3
"""Full k-means fits: einspan vs scikit-learn (Lloyd), faiss, OpenCV and Armadillo, same data, same start, same run.

Usage:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_fit.py \
        build/release/bench/kmeans_bench [--peers build/release/bench/kmeans_peers_bench] [--large] [--threads 1 2]
        [--weighted]

Each fit: 50 Lloyd iterations, tol = 0, from the same initial centroids
data[default_rng(1).choice(n, k, replace=False)] on data = default_rng(0).random((n, d)); einspan's
Generator reproduces those arrays bit for bit, and its timings and peak memory come from the
kmeans_fit/n/d/k (float64) and kmeans_fit_f32/n/d/k benchmarks. float64 rows compare scikit-learn
and Armadillo's arma::kmeans; float32 rows scikit-learn, faiss and OpenCV's cv::kmeans (float32 is
the only type of the last two). The C++ peers come from kmeans_peers_bench (built when
libopencv-dev and libarmadillo-dev are installed). Sizes (n, d, k): (5000, 26, 26) and
(100000, 26, 26), plus (1000000, 32, 64) with --large. Threads: OMP_NUM_THREADS for einspan,
Armadillo and OpenCV (cv::setNumThreads), threadpoolctl for scikit-learn,
faiss.omp_set_num_threads for faiss.

--weighted fits with sample weights default_rng(2).uniform(0.5, 2.0, n) instead (einspan's
kmeans_fit_weighted benchmarks, scikit-learn's fit(X, sample_weight=w), faiss' train(x, weights=w));
OpenCV and Armadillo take no weights.

Debian's OpenBLAS 0.3.21 misdetects new CPUs (Intel Sapphire Rapids and later as `Prescott`, SSE3);
scikit-learn on such an OpenBLAS is crippled, and a ratio against it is not a result. The script
checks threadpoolctl's `architecture` against the CPU's flags and, when OpenBLAS picked kernels below
the CPU's level, runs itself again with OPENBLAS_CORETYPE set, and says so in the table's header.
"""
import argparse
import json
import os
import subprocess
import time

import sys

# OpenBLAS reads OPENBLAS_CORETYPE when it loads: decide before numpy is imported.
OPENBLAS_LEVELS = {"prescott": 1, "core2": 1, "penryn": 1, "dunnington": 1, "nehalem": 1, "atom": 1, "nano": 1,
                   "sandybridge": 2, "bulldozer": 2, "piledriver": 2, "steamroller": 2, "excavator": 2,
                   "haswell": 3, "zen": 3, "skylakex": 4, "cooperlake": 4, "sapphirerapids": 4}


def cpu_level_and_coretype():
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    if {"avx512f", "avx512vl", "avx512bw", "avx512dq"} <= flags:
        return 4, "Cooperlake" if "avx512_bf16" in flags else "SkylakeX"
    if {"avx2", "fma"} <= flags:
        return 3, "Haswell"
    return 1, None


def openblas_architecture():
    from threadpoolctl import threadpool_info
    for pool in threadpool_info():
        if pool.get("internal_api") == "openblas":
            return pool.get("architecture") or ""
    return ""


def ensure_openblas_uses_the_cpu():
    """Re-runs this script with OPENBLAS_CORETYPE when OpenBLAS's kernels are below the CPU's level."""
    import numpy  # noqa: F401  (loads OpenBLAS so that threadpoolctl sees it)
    arch = openblas_architecture()
    level, coretype = cpu_level_and_coretype()
    if os.environ.get("OPENBLAS_CORETYPE") or not arch or coretype is None:
        return arch
    if OPENBLAS_LEVELS.get(arch.lower(), level) < level:
        env = dict(os.environ, OPENBLAS_CORETYPE=coretype, EINSPAN_COMPARE_MISDETECTED=arch)
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    return arch


OPENBLAS_ARCH = ensure_openblas_uses_the_cpu()
MISDETECTED = os.environ.get("EINSPAN_COMPARE_MISDETECTED", "")

import faiss  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

SIZES = [(5000, 26, 26), (100000, 26, 26)]
LARGE = (1000000, 32, 64)
ITERATIONS = 50


def run_benchmark(binary, name, size, threads):
    """(seconds, counters) of benchmark name/n/d/k in a Google Benchmark program (median of 3 below 10^6 rows)."""
    n, d, k = size
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    reps = ["--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"] if n < 10**6 else []
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter=^{name}/{n}/{d}/{k}(/iterations:1)?$", *reps],
                         check=True, capture_output=True, text=True, env=env).stdout
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name", "median") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            return b["real_time"] * scale, b
    raise RuntimeError(f"no {name}/{n}/{d}/{k} in {binary}")


def einspan_fit(binary, size, threads, dtype, weighted):
    name = ("kmeans_fit_weighted" if weighted else "kmeans_fit") + ("" if dtype == np.float64 else "_f32")
    seconds, b = run_benchmark(binary, name, size, threads)
    return seconds, b["inertia"], b["fit_peak_MiB"]


def best_of(fn, repeat):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def python_peers(size, threads, dtype, weighted):
    """{peer: seconds} and scikit-learn's (inertia, n_iter) for one size and dtype."""
    n, d, k = size
    data = np.random.default_rng(0).random((n, d)).astype(dtype)
    init = data[np.random.default_rng(1).choice(n, k, replace=False)]
    weights = np.random.default_rng(2).uniform(0.5, 2.0, n).astype(dtype) if weighted else None
    repeat = 3 if n < 10**6 else 1

    def sk():
        km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=ITERATIONS, tol=0.0, algorithm="lloyd")
        return km.fit(data, sample_weight=weights)

    with threadpool_limits(limits=threads):
        sk_time, km = best_of(sk, repeat)
    times = {"scikit-learn": sk_time}
    if dtype == np.float32:
        def fa():
            # max_points_per_centroid = n: use every point, as the others do (faiss subsamples otherwise).
            fk = faiss.Kmeans(d, k, niter=ITERATIONS, max_points_per_centroid=n, seed=1, verbose=False)
            fk.train(data, weights=weights, init_centroids=init)
            return fk

        faiss.omp_set_num_threads(threads)
        times["faiss"] = best_of(fa, repeat)[0]
    return times, km.inertia_, km.n_iter_


def cpp_peers(binary, size, threads, dtype, weighted):
    if binary is None or weighted:
        return {}
    name, peer = ("armadillo_kmeans", "Armadillo") if dtype == np.float64 else ("opencv_kmeans", "OpenCV")
    return {peer: run_benchmark(binary, name, size, threads)[0]}


PEERS = ["scikit-learn", "faiss", "OpenCV", "Armadillo"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", help="path of the built kmeans_bench")
    parser.add_argument("--peers", help="path of the built kmeans_peers_bench (OpenCV, Armadillo)")
    parser.add_argument("--large", action="store_true", help="also fit (1000000, 32, 64)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--weighted", action="store_true", help="fit with sample weights (not OpenCV, Armadillo)")
    args = parser.parse_args()
    sizes = SIZES + ([LARGE] if args.large else [])
    blas = f"OpenBLAS kernels `{OPENBLAS_ARCH}`" if OPENBLAS_ARCH else "no OpenBLAS found"
    if MISDETECTED:
        blas += (f" (OpenBLAS detected `{MISDETECTED}`, below this CPU's level: the peers run with "
                 f"OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']})")
    print(f"{ITERATIONS} iterations, tol=0, same initial centroids{', sample weights' if args.weighted else ''}; sklearn {sklearn.__version__}, "
          f"faiss {faiss.__version__}; peers' {blas}\n")
    print("| (n, d, k) | dtype | threads | " + " | ".join(PEERS) + " | einspan | speed-up vs fastest peer "
          "| inertia rel. diff vs sklearn | einspan fit's peak memory beyond the data |")
    print("|---|---|---:|" + "---:|" * (len(PEERS) + 5))
    einspan_times = {}
    for size in sizes:
        for dtype in (np.float64, np.float32):
            for threads in args.threads:
                times, sk_inertia, sk_iter = python_peers(size, threads, dtype, args.weighted)
                times.update(cpp_peers(args.peers, size, threads, dtype, args.weighted))
                es, es_inertia, es_peak = einspan_fit(args.binary, size, threads, dtype, args.weighted)
                einspan_times[size, dtype, threads] = es
                note = "" if sk_iter == ITERATIONS else f" (stopped at {sk_iter})"
                cells = [f"{times[p]:.4f} s" + (note if p == "scikit-learn" else "") if p in times else "-"
                         for p in PEERS]
                print(f"| {size} | {np.dtype(dtype).name} | {threads} | " + " | ".join(cells) +
                      f" | {es:.4f} s | {min(times.values()) / es:.2f}x | "
                      f"{abs(es_inertia - sk_inertia) / sk_inertia:.1e} | {es_peak:.0f} MiB |", flush=True)
    if len(args.threads) > 1:
        first = args.threads[0]
        print(f"\neinspan scaling ({first}-thread time / N-thread time, from the table above):")
        for size in sizes:
            for dtype in (np.float64, np.float32):
                for threads in args.threads[1:]:
                    ratio = einspan_times[size, dtype, first] / einspan_times[size, dtype, threads]
                    print(f"  {size} {np.dtype(dtype).name}: {threads} threads {ratio:.2f}x")


if __name__ == "__main__":
    main()
