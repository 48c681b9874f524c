#pragma once
// The sparse form of einsum's ArgminPlan (the k-means assignment step on CSR data): for each row i
// of a CSR matrix A (n, d) and a dense B (d, k),
//
//   scores = bias[None, :] + alpha * (A @ B)        labels = scores.argmin(axis=1)
//   minima = scores.min(axis=1)
//
// without the (n, k) scores: a row's scores are built in registers, a panel of up to 8 vectors of
// columns at a time, to which every stored a_iq adds alpha * a_iq * B[q, panel] (contiguous rows of
// B, vectorised along k), then reduced to the panel's minimum. The work is nnz(A) x k multiply-adds,
// so a row of 100 non-zeros against k = 256 costs about as much as a dense row of 100 features.
#include <cstdint>
#include <einspan/sparse/csr_matrix.hpp>
#include <span>

namespace einspan::sparse {

// Rows [row_begin, row_end) of A: labels[i - row_begin] and minima[i - row_begin] for row i, the
// first index on ties (as argmin). b must be (A.cols, k) and C-contiguous, bias (k,) contiguous,
// k >= 1; labels and minima hold row_end - row_begin values. One thread; no allocation. Throws ShapeError for wrong shapes,
// ValueError for a non-contiguous operand or a row range outside [0, A.rows).
template <SparseElement T>
void matmul_argmin(const CsrMatrix<T>& a, const Tensor<T>& b, const Tensor<T>& bias, T alpha, index_t row_begin,
                   index_t row_end, std::span<std::int64_t> labels, std::span<T> minima);

extern template void matmul_argmin(const CsrMatrix<float>&, const Tensor<float>&, const Tensor<float>&, float, index_t,
                                   index_t, std::span<std::int64_t>, std::span<float>);
extern template void matmul_argmin(const CsrMatrix<double>&, const Tensor<double>&, const Tensor<double>&, double,
                                   index_t, index_t, std::span<std::int64_t>, std::span<double>);

}  // namespace einspan::sparse
