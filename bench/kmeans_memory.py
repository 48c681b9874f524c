#!/usr/bin/python3
"""Peak resident memory of the kmeans program against the size of its input.

Runs `kmeans --input x.npy --k 64 --max-iter 5 --tol 0` on float32 files of (n, 32) for each n
and reports Linux's peak resident size of the process (ru_maxrss, which counts the mapped file's
pages once they are read), the input's size, and the difference, which is the fit's own memory:
labels, the result, the kernels' workspaces. Modes:
  mapped     --dtype f32 on the float32 file: the rows are the file's pages (map_npy_rows)
  converted  --dtype f64 on the float32 file: the rows are converted a chunk at a time into float64
  mpirun -np 2 (mapped): the larger process's peak; each maps only its own rows
Usage: bench/kmeans_memory.py [build dir] [n ...]   (default build/release, n = 10^6 10^7)
Set BIG=1 to add a file larger than this machine's memory (needs that much free disk).
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

import numpy as np

build = sys.argv[1] if len(sys.argv) > 1 else "build/release"
sizes = [int(float(s)) for s in sys.argv[2:]] or [10**6, 10**7]
kmeans = os.path.realpath(os.path.join(build, "kmeans", "kmeans"))
d, k = 32, 64
MiB = 2.0**20


def write_data(path, n):
    """A (n, d) float32 .npy of uniform values, written a block at a time (never held whole)."""
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, d))
    rng = np.random.default_rng(0)
    for start in range(0, n, 1 << 20):
        stop = min(n, start + (1 << 20))
        out[start:stop] = rng.random((stop - start, d), dtype=np.float32)
    out.flush()
    del out


def peak_of(command):
    """The command's JSON summary and the peak resident bytes of its largest process."""
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    # A fresh child per run: RUSAGE_CHILDREN's maximum covers every child waited for so far.
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stderr.write(r.stderr); print(r.stdout.strip()); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)")
    result = subprocess.run([sys.executable, "-c", probe] + command, capture_output=True, text=True, env=env)
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    summary, peak = result.stdout.strip().rsplit("\n", 1)
    return json.loads(summary), int(peak)


with open("/proc/cpuinfo") as f:
    print(next(line for line in f if line.startswith("model name")).strip())
with open("/proc/meminfo") as f:
    print(next(line for line in f if line.startswith("MemTotal")).strip())
if os.environ.get("BIG"):
    with open("/proc/meminfo") as f:
        total = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) * 1024
    sizes.append(int(total * 1.25) // (4 * d))

print("| n x 32 float32 | mode | file | peak resident | peak - rows in the fit's dtype | labels (int64) |")
print("| --- | --- | --- | --- | --- | --- |")
with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR", "/tmp")) as work:
    for n in sizes:
        path = os.path.join(work, "x.npy")
        write_data(path, n)
        file_bytes = os.path.getsize(path)
        fit = ["--input", path, "--k", str(k), "--init", "random", "--max-iter", "5", "--tol", "0", "--json"]
        runs = [("mapped, 1 process", 4, [kmeans, "--dtype", "f32"] + fit),
                ("converted to f64, 1 process", 8, [kmeans, "--dtype", "f64"] + fit),
                ("mapped, mpirun -np 2 (larger rank)", 2, ["mpirun", "-q", "--oversubscribe", "-np", "2", kmeans,
                                                             "--dtype", "f32", "--threads", "1"] + fit)]
        if n > 10**8:
            runs = runs[:1]  # the file is larger than memory: only the mapped fit can run
        for mode, bytes_per_value, command in runs:
            summary, peak = peak_of(command)
            rows_bytes = n * d * bytes_per_value
            print(f"| {n:.0e} | {mode} | {file_bytes / MiB:,.0f} MiB | {peak / MiB:,.0f} MiB | "
                  f"{(peak - rows_bytes) / MiB:,.0f} MiB | {8 * n / MiB:,.0f} MiB |  ({summary['isa']}, "
                  f"{summary['fit_seconds']:.1f} s fit)")
        os.remove(path)
