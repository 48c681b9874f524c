// One product on the kernel lowering.cpp chose: the small-GEMM path, OpenBLAS, or Eigen's kernel
// for the CPU's level.
#include "gemm.hpp"

#include "gemm_eigen.hpp"
#include "lowering.hpp"
#include "small_gemm.hpp"
#include <algorithm>
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

}  // namespace

template <class T>
void eigen_gemm(Isa level, index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer,
                const T* b, bool b_row_major, index_t b_outer, T* c, index_t c_outer) {
#if defined(__x86_64__)
  if (level == Isa::avx512) return eigen_gemm_avx512(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);
  if (level == Isa::avx2) return eigen_gemm_avx2(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);
#endif
  eigen_gemm_generic(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);
}

template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer) {
  switch (gemm_kernel(m, n, k, a_row_major, std::max({a_outer, b_outer, c_outer}))) {
    case GemmKernel::small_tile:
      small_gemm(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
      return;
    case GemmKernel::openblas:
#ifdef EINSPAN_USE_OPENBLAS
      use_calling_thread_only();
      blas_gemm(m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c, c_outer);
      return;
#endif
    case GemmKernel::eigen:
      eigen_gemm(active_gemm_engine().eigen_isa, m, n, k, a, a_row_major, a_outer, b, b_row_major, b_outer, c,
                 c_outer);
  }
}

template void eigen_gemm<float>(Isa, index_t, index_t, index_t, const float*, bool, index_t, const float*, bool,
                                index_t, float*, index_t);
template void eigen_gemm<double>(Isa, index_t, index_t, index_t, const double*, bool, index_t, const double*, bool,
                                 index_t, double*, index_t);
template void gemm<float>(index_t, index_t, index_t, const float*, bool, index_t, const float*, bool, index_t, float*,
                          index_t);
template void gemm<double>(index_t, index_t, index_t, const double*, bool, index_t, const double*, bool, index_t,
                           double*, index_t);

}  // namespace einspan::detail
