"""einspan's sparse update step and CSC @ dense kernel next to SciPy, in one run.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_sparse.py build/<dir>/bench/sparse_bench

Runs the Google Benchmark binary (JSON output, REPETITIONS repetitions), times the SciPy
equivalents with timeit on the same problem sizes (labels uniform in [0, k), float64 data from a
normal distribution, REPETITIONS repetitions too), and prints Markdown tables. Both sides report
the median of their repetitions (wall-clock time); every ratio compares numbers from this one run.
"""
import json
import statistics
import subprocess
import sys
import timeit

import numpy as np
import scipy
import scipy.sparse

REPETITIONS = 7


def update_step_csc(labels, data, k):
    """The workshop's update step with SciPy's CSC matrix."""
    n = len(labels)
    one_hot = scipy.sparse.csc_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    counts = np.bincount(labels, minlength=k)
    return one_hot @ data / counts[:, None]


def problem(n, k, d, seed=42):
    rng = np.random.default_rng(seed)
    return rng.integers(0, k, size=n), rng.standard_normal((n, d))


def median_seconds(fn):
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()  # enough calls for at least 0.2 s per repetition
    return statistics.median(timer.repeat(repeat=REPETITIONS, number=number)) / number


def run_cpp(binary):
    out = subprocess.run(
        [binary, "--benchmark_format=json", f"--benchmark_repetitions={REPETITIONS}", "--benchmark_min_time=0.1"],
        check=True, capture_output=True, text=True).stdout
    runs = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        seconds = b["real_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        runs.setdefault(b["run_name"], []).append(seconds)
    return {name: statistics.median(times) for name, times in runs.items()}


def us(seconds):
    return f"{seconds * 1e6:,.1f}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cpp = run_cpp(sys.argv[1])
    print(f"SciPy {scipy.__version__}, NumPy {np.__version__}; median of {REPETITIONS} repetitions, wall-clock\n")

    # 1. The workshop's update step.
    n, k, d = 5000, 26, 26
    labels, data = problem(n, k, d)
    expected = update_step_csc(labels, data, k)
    assert expected.shape == (k, d)
    scipy_s = median_seconds(lambda: update_step_csc(labels, data, k))
    print(f"### Update step, n={n}, k={k}, d={d} (float64)\n")
    print("| implementation | time (us) | speed-up vs SciPy |")
    print("|---|---:|---:|")
    print(f"| SciPy `update_step_csc` | {us(scipy_s)} | 1.0x |")
    for name, label in (("update_step", "einspan, allocating (one_hot_csc + matmul + bincount + divide)"),
                        ("update_step_reuse", "einspan, reused buffers (assign_one_hot + matmul_with_row_sums + divide)")):
        for threads in (1, 2):
            t = cpp[f"{name}/n:{n}/k:{k}/d:{d}/threads:{threads}"]
            print(f"| {label}, {threads} thread{'s' if threads > 1 else ''} | {us(t)} | {scipy_s / t:.1f}x |")

    # 2. Where the time of the reused update step goes.
    parts = [(0, "`assign_one_hot` (check labels, copy them)"), (1, "`matmul(one_hot, data, out)`"),
             (2, "`matmul_with_row_sums` (product + counts)"), (3, "`bincount(labels, k, out)` (for comparison)"),
             (4, "`divide(sums, counts[:, None], sums)`")]
    print(f"\n### Profile of the reused update step (1 thread, n={n})\n")
    print("| piece | time (us) |")
    print("|---|---:|")
    for part, label in parts:
        print(f"| {label} | {us(cpp[f'update_part/part:{part}'])} |")

    # 3. Scaling with n: the kernel alone, O(nnz * d) with nnz = n for a one-hot matrix.
    print(f"\n### One-hot ({k} x n) @ X (n x {d}), the product alone\n")
    print("| n | SciPy `A @ X` (us) | einspan 1 thread (us) | ns per nnz*d | GB/s read | einspan 2 threads (us) "
          "| 2-thread speed-up | vs SciPy (2 threads) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (1000, 10000, 100000, 1000000):
        labels, data = problem(n, k, d)
        a = scipy.sparse.csc_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        scipy_s = median_seconds(lambda: a @ data)
        t1 = cpp[f"spmm/n:{n}/threads:1"]
        t2 = cpp[f"spmm/n:{n}/threads:2"]
        gbs = n * (d * 8 + 8) / t1 / 1e9  # X and the row indices
        print(f"| {n:,} | {us(scipy_s)} | {us(t1)} | {t1 / (n * d) * 1e9:.3f} | {gbs:.1f} | {us(t2)} | {t1 / t2:.2f}x "
              f"| {scipy_s / t2:.1f}x |")

    # 4. The OpenMP schedules.
    print(f"\n### Schedules of the A @ X kernel (d={d}; serial on 1 thread, the others on 2)\n")
    print("| n | k | serial (us) | partition_rows (us) | thread_accumulators (us) |")
    print("|---:|---:|---:|---:|---:|")
    for n in (5000, 100000, 1000000):
        for kk in (26, 4096):
            row = [us(cpp[f"spmm_schedule/n:{n}/k:{kk}/schedule:{s}"]) for s in (1, 2, 3)]
            print(f"| {n:,} | {kk} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
