#pragma once
// The GEMM peers of einsum_bench (einsum_bench_peers.cpp).
#include <benchmark/benchmark.h>

#include <einspan/tensor/dims.hpp>

namespace einsum_bench {

// count independent products C_i (m x n) = A_i (m x k) * B_i (k x n), B optionally transposed
// (stored n x k), A optionally transposed (stored k x m), on Eigen compiled with -march=native:
// the batch split across OpenMP threads as einsum does, a single product threaded by Eigen itself.
void bench_eigen(benchmark::State& state, einspan::index_t count, einspan::index_t m, einspan::index_t n,
                 einspan::index_t k, bool a_t, bool b_t, double flops);

// One product C (m x n) = A (m x k) * B (k x n, or stored n x k when b_t) through cblas_dgemm, on
// the kernels OpenBLAS chose for this process (OPENBLAS_CORETYPE, else its detection), on as
// many OpenBLAS threads as einsum has OpenMP threads (set back to 1 after, as einsum keeps it).
void bench_openblas(benchmark::State& state, einspan::index_t m, einspan::index_t n, einspan::index_t k, bool b_t,
                    double flops);
bool have_openblas();

}  // namespace einsum_bench
