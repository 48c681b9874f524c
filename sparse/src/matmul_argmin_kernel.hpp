#pragma once
// The per-level kernel of matmul_argmin (matmul_argmin_kernel.cpp, one per instruction-set level).
#include <cstdint>
#include <einspan/tensor/dims.hpp>

namespace einspan::sparse::detail {

// Rows [row_begin, row_end) of the CSR arrays against b (d, k) row-major: scores = bias + alpha *
// row . b, their argmin into labels and minimum into minima (indexed from row_begin).
void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const double* data, const double* b,
                       const double* bias, double alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, double* minima);
void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const float* data, const float* b,
                       const float* bias, float alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, float* minima);

}  // namespace einspan::sparse::detail
