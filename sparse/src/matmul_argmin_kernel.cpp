// The kernel of matmul_argmin (matmul_argmin_kernel.hpp), compiled once per instruction-set level:
// plain loops that the compiler vectorises at the level's width (the update of the k scores is a
// contiguous multiply-add, the reduction a min over k).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "matmul_argmin_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "matmul_argmin_kernel.hpp"
#include <algorithm>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::sparse::detail::HWY_NAMESPACE {
namespace {

template <class T>
void rows_argmin(const index_t* indptr, const index_t* indices, const T* data, const T* b, const T* bias, T alpha,
                 index_t k, index_t row_begin, index_t row_end, std::int64_t* labels, T* minima, T* __restrict scratch) {
  for (index_t i = row_begin; i < row_end; ++i) {
    std::copy_n(bias, k, scratch);
    for (index_t p = indptr[i]; p < indptr[i + 1]; ++p) {
      const T v = alpha * data[p];
      const T* __restrict row = b + indices[p] * k;
#pragma omp simd
      for (index_t j = 0; j < k; ++j) scratch[j] += v * row[j];
    }
    // The minimum first (vectorised), then its first position: argmin's tie rule.
    T best = scratch[0];
#pragma omp simd reduction(min : best)
    for (index_t j = 0; j < k; ++j) best = std::min(best, scratch[j]);
    index_t at = 0;
    while (scratch[at] != best) ++at;
    labels[i - row_begin] = at;
    minima[i - row_begin] = best;
  }
}

}  // namespace

void csr_matmul_argmin_double(const index_t* indptr, const index_t* indices, const double* data, const double* b,
                              const double* bias, double alpha, index_t k, index_t row_begin, index_t row_end,
                              std::int64_t* labels, double* minima, double* scratch) {
  rows_argmin(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels, minima, scratch);
}
void csr_matmul_argmin_float(const index_t* indptr, const index_t* indices, const float* data, const float* b,
                             const float* bias, float alpha, index_t k, index_t row_begin, index_t row_end,
                             std::int64_t* labels, float* minima, float* scratch) {
  rows_argmin(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels, minima, scratch);
}

}  // namespace einspan::sparse::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::sparse::detail {

HWY_EXPORT(csr_matmul_argmin_double);
HWY_EXPORT(csr_matmul_argmin_float);

void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const double* data, const double* b,
                       const double* bias, double alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, double* minima, double* scratch) {
  EINSPAN_DISPATCH(csr_matmul_argmin_double)(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels,
                                             minima, scratch);
}
void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const float* data, const float* b,
                       const float* bias, float alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, float* minima, float* scratch) {
  EINSPAN_DISPATCH(csr_matmul_argmin_float)(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels,
                                            minima, scratch);
}

}  // namespace einspan::sparse::detail
#endif
