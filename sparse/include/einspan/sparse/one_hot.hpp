#pragma once
// The one-hot matrix of cluster labels, the workshop's update step in sparse form:
//   scipy.sparse.csc_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
// Column j holds a single 1 in row labels[j], so the CSC arrays are indptr = 0..n,
// indices = labels, data = ones: built in O(n) with no sort, and already canonical.
// one_hot_csc(labels, k) @ data gives the per-cluster sums of the rows of data.
#include <einspan/sparse/csc_matrix.hpp>

namespace einspan::sparse {

// The (k, n) one-hot matrix of n labels. Throws ValueError for k < 0 and IndexError naming the
// position and value of the first label outside [0, k). Copies the labels.
template <SparseElement T>
CscMatrix<T> one_hot_csc(std::span<const index_t> labels, index_t k) {
  CscMatrix<T> out;
  out.assign_one_hot(labels, k);
  return out;
}

// The same from a 1-d int64 tensor of any strides. Throws ShapeError for another rank.
template <SparseElement T>
CscMatrix<T> one_hot_csc(const Tensor<index_t>& labels, index_t k) {
  if (labels.ndim() != 1)
    throw ShapeError(fmt::format("one_hot_csc: labels must be 1-d, got shape {}", format_shape(labels.shape())));
  const Tensor<index_t> flat = labels.contiguous();
  return one_hot_csc<T>(std::span<const index_t>(flat.data(), static_cast<std::size_t>(flat.size())), k);
}

}  // namespace einspan::sparse
