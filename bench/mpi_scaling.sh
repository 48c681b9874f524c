#!/usr/bin/env bash
# Strong scaling of the distributed fit on this machine: the same fit on 1 and 2 MPI processes of
# one thread each, at (10^6, 32, 64) and (10^7, 32, 64) float32, 20 iterations from the same start
# (random init, tol 0). Prints the time per iteration, the share of it rank 0 spends in the
# exchange (the MPI collectives, "exchange_seconds" of --json), the speed-up, and checks that both runs
# wrote the same centroids. Usage: bench/mpi_scaling.sh [build dir] (default build/release);
# SIZES="1000000" to run one size. Needs /usr/bin/python3 with NumPy for the data.
set -euo pipefail
build=${1:-build/release}
kmeans=$(realpath "$build/kmeans/kmeans")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
grep -m1 'model name' /proc/cpuinfo
for n in ${SIZES:-1000000 10000000}; do
  /usr/bin/python3 -c "import numpy as np; np.save('$work/x.npy', np.random.default_rng(0).random(($n, 32), dtype=np.float32))"
  declare -A per_iteration
  for p in 1 2; do
    json=$(mpirun -q --oversubscribe -np $p "$kmeans" --input "$work/x.npy" --dtype f32 --k 64 --init random --tol 0 \
           --max-iter 20 --threads 1 --centroids-out "$work/c$p.npy" --json)
    per_iteration[$p]=$(/usr/bin/python3 -c "import json,sys; j=json.loads(sys.argv[1]); print(j['fit_seconds']/j['iterations'])" "$json")
    isa=$(/usr/bin/python3 -c "import json,sys; j=json.loads(sys.argv[1]); print(j['isa'], j['gemm_engine'])" "$json")
    share=$(/usr/bin/python3 -c "import json,sys; j=json.loads(sys.argv[1]); print(f\"{100 * j['exchange_seconds'] / j['fit_seconds']:.1f}\")" "$json")
    echo "($n, 32, 64) float32  P=$p  $(/usr/bin/python3 -c "print(f'{1000 * ${per_iteration[$p]}:.1f}')") ms per iteration," \
      "$share% of it in the exchange on rank 0 (waiting for the other rank included)  ($isa)"
  done
  cmp -s "$work/c1.npy" "$work/c2.npy" && same=yes || same=NO
  echo "($n, 32, 64) speed-up 2 processes / 1: $(/usr/bin/python3 -c "print(f'{${per_iteration[1]} / ${per_iteration[2]}:.2f}')")x;" \
    "same centroid bytes: $same"
done
