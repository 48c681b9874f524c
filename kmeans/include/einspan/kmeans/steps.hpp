#pragma once
// The two steps of a Lloyd iteration on preallocated buffers: the pieces kmeans() is made of,
// public so that benchmarks and other algorithms (mini-batch, predict) can reuse them.
//
//   NumPy (the workshop)                                einspan
//   d = (x**2).sum(1)[:, None] - 2 * x @ c.T            AssignmentStep<double> assign(n, k, d);
//       + (c**2).sum(1)[None]                           assign.set_centroids(c);
//   labels = d.argmin(1)                                assign(x, x_norms, labels, distances);
//   one_hot = csc_matrix((ones, (labels, arange(n))))   UpdateStep<double> update(n, k, d);
//   sums = one_hot @ x; counts = bincount(labels)       update.accumulate(x, labels, sums, counts);
#include <cstdint>
#include <einspan/tensor/tensor.hpp>
#include <memory>

namespace einspan {

// Squared Euclidean norm of every row of `rows` (m, d) into `out` (m,). No allocation.
// Throws ShapeError when the shapes disagree.
template <class T>
void row_squared_norms(const Tensor<T>& rows, const Tensor<T>& out);

// Nearest-centroid assignment through the expanded norm ||x||^2 - 2 x.c + ||c||^2: one
// contraction `md,kd->mk` per block, plus a broadcast add and a row argmin.
template <class T>
class AssignmentStep {
 public:
  // Scratch for blocks of up to max_rows points against k centroids of dimension d.
  AssignmentStep(index_t max_rows, index_t k, index_t d);
  AssignmentStep(AssignmentStep&&) noexcept;
  AssignmentStep& operator=(AssignmentStep&&) noexcept;
  ~AssignmentStep();

  // Uses these (k, d) centroids for the following calls (keeps a view, computes their norms).
  // Throws ShapeError for a wrong shape. No allocation.
  void set_centroids(const Tensor<T>& centroids);

  // For each row x_i of block (m <= max_rows, d): labels(i) = argmin_j ||x_i - c_j||^2 (the
  // first one on ties) and distances(i) = that squared distance, clamped at 0. x_norms(i) must
  // hold ||x_i||^2. Returns the sum of the distances. Throws ShapeError for wrong shapes.
  // Performs no heap allocation after the first call.
  double operator()(const Tensor<T>& block, const Tensor<T>& x_norms, const Tensor<std::int64_t>& labels,
                    const Tensor<T>& distances);

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
  // their number. Labels must lie in [0, k). Throws ShapeError for wrong shapes, IndexError for
  // a label out of range. Performs no heap allocation after the first call.
  void accumulate(const Tensor<T>& block, const Tensor<std::int64_t>& labels, const Tensor<T>& sums,
                  const Tensor<std::int64_t>& counts);

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
