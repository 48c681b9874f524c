#include <einspan/kmeans/steps.hpp>

#include "fallback.hpp"
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/error.hpp>

namespace einspan {
namespace {

void expect_shape(const char* what, const Dims& shape, std::initializer_list<index_t> expected) {
  if (!(shape == Dims(expected)))
    throw ShapeError(fmt::format("kmeans: {} has shape {}, expected {}", what, format_shape(shape),
                                 format_shape(Dims(expected))));
}

// The first `m` rows of a scratch buffer, as a view.
template <class T>
Tensor<T> head(const Tensor<T>& t, index_t m) {
  return t[{slice(0, m)}];
}

}  // namespace

template <class T>
void row_squared_norms(const Tensor<T>& rows, const Tensor<T>& out) {
  if (rows.ndim() != 2) throw ShapeError(fmt::format("row_squared_norms: rows must be 2-d, got {}", format_shape(rows.shape())));
  expect_shape("the row-norm output", out.shape(), {rows.dim(0)});
  kmeans_detail::row_norms(rows, out);
}

template <class T>
struct AssignmentStep<T>::Impl {
  index_t max_rows, k, d;
  Tensor<T> centroids;
  Tensor<T> c_norms;  // (k,)
  Tensor<T> scores;   // (max_rows, k): x.c, then the expanded distance minus ||x||^2
};

template <class T>
AssignmentStep<T>::AssignmentStep(index_t max_rows, index_t k, index_t d)
    : impl_(new Impl{max_rows, k, d, zeros<T>({k, d}), zeros<T>({k}), empty<T>({max_rows, k})}) {}
template <class T>
AssignmentStep<T>::AssignmentStep(AssignmentStep&&) noexcept = default;
template <class T>
AssignmentStep<T>& AssignmentStep<T>::operator=(AssignmentStep&&) noexcept = default;
template <class T>
AssignmentStep<T>::~AssignmentStep() = default;

template <class T>
void AssignmentStep<T>::set_centroids(const Tensor<T>& centroids) {
  expect_shape("the centroids", centroids.shape(), {impl_->k, impl_->d});
  impl_->centroids = centroids;
  kmeans_detail::row_norms(centroids, impl_->c_norms);
}

template <class T>
double AssignmentStep<T>::operator()(const Tensor<T>& block, const Tensor<T>& x_norms,
                                     const Tensor<std::int64_t>& labels, const Tensor<T>& distances) {
  Impl& s = *impl_;
  const index_t m = block.ndim() == 2 ? block.dim(0) : -1;
  if (m < 0 || m > s.max_rows || block.dim(1) != s.d)
    throw ShapeError(fmt::format("kmeans: a block of shape {} does not fit an assignment step for up to {} rows of {} features",
                                 format_shape(block.shape()), s.max_rows, s.d));
  expect_shape("x_norms", x_norms.shape(), {m});
  expect_shape("labels", labels.shape(), {m});
  expect_shape("distances", distances.shape(), {m});
  const Tensor<T> scores = head(s.scores, m);
  kmeans_detail::contract_rows(block, s.centroids, scores);
  return kmeans_detail::argmin_expanded(scores, s.c_norms, x_norms, labels, distances);
}

template <class T>
struct UpdateStep<T>::Impl {
  index_t max_rows, k, d;
};

template <class T>
UpdateStep<T>::UpdateStep(index_t max_rows, index_t k, index_t d) : impl_(new Impl{max_rows, k, d}) {}
template <class T>
UpdateStep<T>::UpdateStep(UpdateStep&&) noexcept = default;
template <class T>
UpdateStep<T>& UpdateStep<T>::operator=(UpdateStep&&) noexcept = default;
template <class T>
UpdateStep<T>::~UpdateStep() = default;

template <class T>
void UpdateStep<T>::accumulate(const Tensor<T>& block, const Tensor<std::int64_t>& labels, const Tensor<T>& sums,
                               const Tensor<std::int64_t>& counts) {
  Impl& s = *impl_;
  const index_t m = block.ndim() == 2 ? block.dim(0) : -1;
  if (m < 0 || m > s.max_rows || block.dim(1) != s.d)
    throw ShapeError(fmt::format("kmeans: a block of shape {} does not fit an update step for up to {} rows of {} features",
                                 format_shape(block.shape()), s.max_rows, s.d));
  expect_shape("labels", labels.shape(), {m});
  expect_shape("the cluster sums", sums.shape(), {s.k, s.d});
  expect_shape("the cluster counts", counts.shape(), {s.k});
  for (const std::int64_t j : labels)
    if (j < 0 || j >= s.k) throw IndexError(fmt::format("kmeans: label {} is out of bounds for {} clusters", j, s.k));
  kmeans_detail::one_hot_accumulate(block, labels, sums, counts);
}

template void row_squared_norms(const Tensor<float>&, const Tensor<float>&);
template void row_squared_norms(const Tensor<double>&, const Tensor<double>&);
template class AssignmentStep<float>;
template class AssignmentStep<double>;
template class UpdateStep<float>;
template class UpdateStep<double>;

}  // namespace einspan
