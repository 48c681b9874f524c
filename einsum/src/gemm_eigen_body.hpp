// Eigen's GEMM on einsum's operands, for gemm_eigen_<level>.cpp only: each of them defines
// `Eigen` to a namespace of its own (einspan_eigen_<level>) and then includes this file.
//
// Why the rename: the three files compile the same Eigen templates with different -m flags. Under
// Eigen's own namespace their instantiations (general_matrix_matrix_product<...>, the packers,
// even non-template inline functions such as queryCacheSizes) have the same mangled names in
// every file, the linker keeps one copy for all (measured: the avx2 and avx512 entry points then
// ran the SSE2 code at SSE2 speed), and a consumer's own Eigen code could be handed ours or we
// theirs. Renamed, no symbol is shared: einsum/CMakeLists.txt's note says how that was checked.
// Everything of ours below has internal linkage, for the same reason.
#pragma once
#ifndef Eigen
#error "define Eigen to the level's namespace (einspan_eigen_<level>) before including gemm_eigen_body.hpp"
#endif

#include "gemm_eigen.hpp"

// einsum decides about threads itself (run_gemm splits rows or batches across OpenMP threads
// only when the product is large): Eigen's own heuristic starts threads for products as small
// as 5000x26x26, which costs more than it saves, and far more on a loaded machine.
#define EIGEN_DONT_PARALLELIZE
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12 reports _mm256_undefined_pd()'s deliberately undefined value, inlined into Eigen's
// AVX-512 transposes, as maybe-uninitialized where it is inlined: in the entry points defined
// at the end of each gemm_eigen_<level>.cpp, so the pragma holds to the end of the file (GCC bug
// 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#if !EIGEN_VERSION_AT_LEAST(3, 4, 0)
#error "gemm_eigen_body.hpp calls general_matrix_matrix_product with Eigen 3.4's signature"
#endif
#include <algorithm>

namespace einspan::detail {
namespace {

// C = A * B straight on Eigen's blocked GEMM (the kernel behind `dst.noalias() = a * b`), which
// accumulates into C, hence the zeroing. Through the expression `c.noalias() = a * b` each layout
// would also instantiate Eigen's coefficient-wise product for tiny sizes and its matrix-vector
// kernels, which einsum never reaches here (m, n > 1 and m n k >= 4096): this halved the compile
// time of each gemm_eigen_<level>.cpp.
template <class T, int AOrder, int BOrder>
void gemm_as(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, index_t b_outer, T* c,
             index_t c_outer) {
  for (index_t i = 0; i < m; ++i) std::fill_n(c + i * c_outer, n, T(0));
  using Eigen::Index;
  Eigen::internal::gemm_blocking_space<Eigen::RowMajor, T, T, Eigen::Dynamic, Eigen::Dynamic, Eigen::Dynamic, 1, false>
      blocking(Index(m), Index(n), Index(k), 1, true);
  Eigen::internal::general_matrix_matrix_product<Index, T, AOrder, false, T, BOrder, false, Eigen::RowMajor, 1>::run(
      Index(m), Index(n), Index(k), a, Index(a_outer), b, Index(b_outer), c, 1, Index(c_outer), T(1), blocking);
}

template <class T>
void eigen_gemm_body(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
                     bool b_row_major, index_t b_outer, T* c, index_t c_outer) {
  constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
  if (a_row_major && b_row_major) {
    gemm_as<T, R, R>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else if (a_row_major) {
    gemm_as<T, R, C>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else if (b_row_major) {
    gemm_as<T, C, R>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else {
    gemm_as<T, C, C>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  }
}

}  // namespace
}  // namespace einspan::detail

// Defines eigen_gemm_<level><float|double> on the body above.
#define EINSPAN_DEFINE_EIGEN_GEMM(level)                                                                            \
  namespace einspan::detail {                                                                                       \
  template <class T>                                                                                                \
  void eigen_gemm_##level(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer,          \
                          const T* b, bool b_row_major, index_t b_outer, T* c, index_t c_outer) {                  \
    eigen_gemm_body(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);                         \
  }                                                                                                                 \
  template void eigen_gemm_##level<float>(index_t, index_t, index_t, const float*, bool, index_t, const float*, bool, \
                                          index_t, float*, index_t);                                                \
  template void eigen_gemm_##level<double>(index_t, index_t, index_t, const double*, bool, index_t, const double*,  \
                                           bool, index_t, double*, index_t);                                        \
  }
