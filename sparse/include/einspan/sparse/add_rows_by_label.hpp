#pragma once
// The k-means update step on CSR data: the rows of A added up by label, the product
// one_hot(labels, k) @ A of a one-hot matrix and a sparse one, into a dense (k, d) result,
//
//   sums[labels[i], :] += w[i] * A[i, :]        counts[labels[i]] += w[i]
//
// (w = 1 without weights). Each row costs its stored entries, so the step is O(nnz + n), with no
// (k, n) matrix built; rows are added in row order, so the result does not depend on anything else.
#include <cstdint>
#include <einspan/sparse/csr_matrix.hpp>
#include <span>

namespace einspan::sparse {

// Adds every row of a into sums, (k, a.cols) and C-contiguous, and its weight into counts, (k,)
// and contiguous; weights empty means 1 for every row, otherwise one per row. Throws ShapeError for
// wrong sizes, IndexError naming the first label outside [0, k), ValueError for a non-contiguous
// output.
template <SparseElement T>
void add_rows_by_label(const CsrMatrix<T>& a, std::span<const std::int64_t> labels, std::span<const T> weights,
                       const Tensor<T>& sums, const Tensor<T>& counts);

extern template void add_rows_by_label(const CsrMatrix<float>&, std::span<const std::int64_t>, std::span<const float>,
                                       const Tensor<float>&, const Tensor<float>&);
extern template void add_rows_by_label(const CsrMatrix<double>&, std::span<const std::int64_t>,
                                       std::span<const double>, const Tensor<double>&, const Tensor<double>&);

}  // namespace einspan::sparse
