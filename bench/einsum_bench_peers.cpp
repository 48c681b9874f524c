// The GEMM peers of einsum_bench: Eigen compiled for this machine (-march=native, set on this
// file only in bench/CMakeLists.txt) and OpenBLAS called directly, on the shapes of einsum's
// GEMM-shaped specs. Eigen lives in a namespace of its own here (as in
// einsum/src/gemm_eigen_body.hpp), so that its native instantiations are not merged with any
// other Eigen code of the program.
#define Eigen bench_eigen_native
#include "einsum_bench_peers.hpp"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // GCC bug 105593, see gemm_eigen_body.hpp
#endif
#include <Eigen/Core>
#include <einspan/tensor/create.hpp>
#include <random>
#ifdef EINSPAN_USE_OPENBLAS
#include <cblas.h>
#endif
#ifdef _OPENMP
#include <omp.h>
#endif

namespace einsum_bench {

using einspan::index_t;
using einspan::Tensor;

namespace {

Tensor<double> random_matrix(index_t rows, index_t cols, unsigned seed) {
  Tensor<double> t = einspan::empty<double>({rows, cols});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  for (index_t i = 0; i < t.size(); ++i) t.data()[i] = u(rng);
  return t;
}

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMap = Eigen::Map<RowMatrix>;
using ConstRowMap = Eigen::Map<const RowMatrix>;

}  // namespace

void bench_eigen(benchmark::State& state, index_t count, index_t m, index_t n, index_t k, bool a_t, bool b_t,
                 double flops) {
  const auto a = random_matrix(count, m * k, 1), b = random_matrix(count, k * n, 2);
  Tensor<double> c;
  const auto one = [&](index_t i) {
    RowMap cm(c.data() + i * m * n, m, n);
    const double* pa = a.data() + i * m * k;
    const double* pb = b.data() + i * k * n;
    if (!a_t && !b_t) cm.noalias() = ConstRowMap(pa, m, k) * ConstRowMap(pb, k, n);
    if (!a_t && b_t) cm.noalias() = ConstRowMap(pa, m, k) * ConstRowMap(pb, n, k).transpose();
    if (a_t && !b_t) cm.noalias() = ConstRowMap(pa, k, m).transpose() * ConstRowMap(pb, k, n);
  };
  for (auto _ : state) {
    c = einspan::empty<double>({count, m * n});  // a fresh result each call, as einsum and NumPy return
    if (count == 1) {
      one(0);
    } else {
#pragma omp parallel for schedule(static)
      for (index_t i = 0; i < count; ++i) one(i);
    }
    benchmark::ClobberMemory();
    c = Tensor<double>();
  }
  state.counters["flops"] = benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate);
}

bool have_openblas() {
#ifdef EINSPAN_USE_OPENBLAS
  return true;
#else
  return false;
#endif
}

void bench_openblas(benchmark::State& state, index_t m, index_t n, index_t k, bool b_t, double flops) {
#ifdef EINSPAN_USE_OPENBLAS
  const auto a = random_matrix(m, k, 1), b = random_matrix(b_t ? n : k, b_t ? k : n, 2);
  Tensor<double> c;
#ifdef _OPENMP
  openblas_set_num_threads(omp_get_max_threads());
#endif
  for (auto _ : state) {
    c = einspan::empty<double>({m, n});
    cblas_dgemm(CblasRowMajor, CblasNoTrans, b_t ? CblasTrans : CblasNoTrans, static_cast<int>(m),
                static_cast<int>(n), static_cast<int>(k), 1.0, a.data(), static_cast<int>(k), b.data(),
                static_cast<int>(b_t ? k : n), 0.0, c.data(), static_cast<int>(n));
    benchmark::ClobberMemory();
    c = Tensor<double>();
  }
  openblas_set_num_threads(1);
  state.counters["flops"] = benchmark::Counter(flops, benchmark::Counter::kIsIterationInvariantRate);
#else
  (void)m, (void)n, (void)k, (void)b_t, (void)flops;
  state.SkipWithError("built without OpenBLAS");
#endif
}

}  // namespace einsum_bench
