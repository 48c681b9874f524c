#include "gemm.hpp"

#include "small_gemm.hpp"
#include <algorithm>
#include <limits>

// einsum decides about threads itself (run_gemm splits rows or batches across OpenMP threads
// only when the product is large): Eigen's own heuristic starts threads for products as small
// as 5000x26x26, which costs more than it saves, and far more on a loaded machine.
#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>
#ifdef EINSPAN_USE_OPENBLAS
// OpenBLAS through its CBLAS interface rather than Eigen's EIGEN_USE_BLAS: that define replaces
// Eigen's general_matrix_matrix_product by specialisations with the same symbol names as the
// unspecialised ones other translation units (a consumer's own Eigen products) instantiate, and
// the linker would keep one of the two for everyone.
#include <cblas.h>
#include <mutex>
#endif

namespace einspan::detail {

namespace {

#ifdef EINSPAN_USE_OPENBLAS
// einsum splits products across OpenMP threads itself (run_gemm); OpenBLAS's own pthread pool on
// top would oversubscribe the cores, so OpenBLAS runs in the calling thread. This sets the
// process-wide OpenBLAS thread count, once. One large product is no exception: 512^3 in two row
// blocks on OpenMP threads took 3.3-3.4 ms, on OpenBLAS's two threads 3.2 or 4.0 ms from one run
// to the next (the same two modes as NumPy's 3.4-4.3 ms; 2 cores, idle, same minute).
void use_calling_thread_only() {
  static std::once_flag once;
  std::call_once(once, [] { openblas_set_num_threads(1); });
}

// C (m x n, row-major, outer stride ldc) = A * B; a row-major A is m x k (lda >= k), a
// column-major one k x m row-major storage, i.e. transposed.
void blas_gemm(index_t m, index_t n, index_t k, const double* a, bool a_row_major, index_t lda, const double* b,
               bool b_row_major, index_t ldb, double* c, index_t ldc) {
  cblas_dgemm(CblasRowMajor, a_row_major ? CblasNoTrans : CblasTrans, b_row_major ? CblasNoTrans : CblasTrans,
              static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k), 1.0, a,
              static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 0.0, c, static_cast<blasint>(ldc));
}
void blas_gemm(index_t m, index_t n, index_t k, const float* a, bool a_row_major, index_t lda, const float* b,
               bool b_row_major, index_t ldb, float* c, index_t ldc) {
  cblas_sgemm(CblasRowMajor, a_row_major ? CblasNoTrans : CblasTrans, b_row_major ? CblasNoTrans : CblasTrans,
              static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k), 1.0f, a,
              static_cast<blasint>(lda), b, static_cast<blasint>(ldb), 0.0f, c, static_cast<blasint>(ldc));
}
#endif

template <class T, int Order>
using MatrixMap = Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Order>, Eigen::Unaligned,
                             Eigen::OuterStride<>>;

template <class T, int AOrder, int BOrder>
void gemm_as(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, index_t b_outer, T* c,
             index_t c_outer) {
  using Out = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, Eigen::Unaligned,
                         Eigen::OuterStride<>>;
  Out cm(c, m, n, Eigen::OuterStride<>(c_outer));
  const MatrixMap<T, AOrder> am(a, m, k, Eigen::OuterStride<>(a_outer));
  const MatrixMap<T, BOrder> bm(b, k, n, Eigen::OuterStride<>(b_outer));
  cm.noalias() = am * bm;
}

}  // namespace

template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer) {
  if (small_gemm_fits(n, k, a_row_major)) {
    small_gemm(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
    return;
  }
#ifdef EINSPAN_USE_OPENBLAS
  // BLAS takes 32-bit sizes and leading dimensions >= 1; anything else stays with Eigen.
  constexpr index_t blas_max = std::numeric_limits<blasint>::max();
  if (m > 0 && n > 0 && k > 0 && std::max({m, n, k, a_outer, b_outer, c_outer}) <= blas_max) {
    use_calling_thread_only();
    blas_gemm(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);
    return;
  }
#endif
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

template void gemm<float>(index_t, index_t, index_t, const float*, bool, index_t, const float*, bool, index_t, float*,
                          index_t);
template void gemm<double>(index_t, index_t, index_t, const double*, bool, index_t, const double*, bool, index_t,
                           double*, index_t);

}  // namespace einspan::detail
