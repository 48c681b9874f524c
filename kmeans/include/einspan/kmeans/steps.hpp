#pragma once
// The two steps of a Lloyd iteration on preallocated buffers: the pieces kmeans() is made of,
// public so that benchmarks and other algorithms (mini-batch, predict) can reuse them.
//
//   NumPy (the workshop)                                einspan
//   d = -2 * x @ c.T + (c**2).sum(1)[None]              AssignmentStep<double> assign(rows, k, d);
//   labels = d.argmin(1)                                assign.set_centroids(c); assign(x, labels);
//   one_hot = csc_matrix((ones, (labels, arange(n))))   UpdateStep<double> update(rows, k, d);
//   sums = one_hot @ x; counts = bincount(labels)       update.accumulate(x, labels, sums, counts);
#include <cstdint>
#include <einspan/tensor/tensor.hpp>
#include <memory>

namespace einspan {

// Squared Euclidean norm of every row of `rows` (m, d) into `out` (m,). No allocation.
// Throws ShapeError when the shapes disagree.
template <class T>
void row_squared_norms(const Tensor<T>& rows, const Tensor<T>& out);

// Nearest-centroid assignment through the expanded norm: ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2,
// and ||x||^2 does not change which c is nearest, so a block's labels are
// argmin(0.5 ||c||^2[None, :] - einsum("nd,kd->nk", x, c), axis=1): one ArgminPlan (einsum's
// fused contraction + argmin), which never writes the (m, k) score matrix.
template <class T>
class AssignmentStep {
 public:
  // Scratch for blocks of up to max_rows points against k centroids of dimension d.
  AssignmentStep(index_t max_rows, index_t k, index_t d);
  AssignmentStep(AssignmentStep&&) noexcept;
  AssignmentStep& operator=(AssignmentStep&&) noexcept;
  ~AssignmentStep();

  // Uses these (k, d) centroids for the following calls (packs a copy, computes their norms).
  // Throws ShapeError for a wrong shape. No allocation after the first call.
  void set_centroids(const Tensor<T>& centroids);

  // labels(i) = argmin_j ||x_i - c_j||^2 (the first one on ties) for each row x_i of block
  // (m <= max_rows, d). Throws ShapeError for wrong shapes, ValueError before set_centroids.
  // Performs no heap allocation.
  void operator()(const Tensor<T>& block, const Tensor<std::int64_t>& labels);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Cluster sums and sizes through a one-hot (k, m) CSC matrix times the block, plus bincount.
template <class T>
class UpdateStep {
 public:
  UpdateStep(index_t max_rows, index_t k, index_t d);
  UpdateStep(UpdateStep&&) noexcept;
  UpdateStep& operator=(UpdateStep&&) noexcept;
  ~UpdateStep();

  // sums(j, :) += sum of the rows of block (m <= max_rows, d) whose label is j; counts(j) +=
  // their number (counted in T, as sklearn's weight_in_clusters). labels must be contiguous and
  // lie in [0, k). Throws ShapeError for wrong shapes, IndexError for a label out of range.
  // Performs no heap allocation after the first call.
  void accumulate(const Tensor<T>& block, const Tensor<std::int64_t>& labels, const Tensor<T>& sums,
                  const Tensor<T>& counts);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

extern template void row_squared_norms(const Tensor<float>&, const Tensor<float>&);
extern template void row_squared_norms(const Tensor<double>&, const Tensor<double>&);
extern template class AssignmentStep<float>;
extern template class AssignmentStep<double>;
extern template class UpdateStep<float>;
extern template class UpdateStep<double>;

}  // namespace einspan
