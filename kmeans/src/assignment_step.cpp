#include <einspan/kmeans/steps.hpp>

#include "validate.hpp"
#include <einspan/einsum.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <optional>

namespace einspan {

using kmeans_detail::expect_block;
using kmeans_detail::expect_shape;

template <class T>
void row_squared_norms(const Tensor<T>& rows, const Tensor<T>& out) {
  if (rows.ndim() != 2)
    throw ShapeError(fmt::format("row_squared_norms: rows must be 2-d, got {}", format_shape(rows.shape())));
  expect_shape("the row-norm output", out.shape(), {rows.dim(0)});
  EinsumPlan<T>("md,md->m", rows, rows)(out, rows, rows);
}

template <class T>
struct AssignmentStep<T>::Impl {
  index_t max_rows, k, d;
  Tensor<T> half_norms;  // (k,): 0.5 ||c||^2
  std::optional<EinsumPlan<T>> norms;
  std::optional<ArgminPlan<T>> nearest;
};

template <class T>
AssignmentStep<T>::AssignmentStep(index_t max_rows, index_t k, index_t d)
    : impl_(new Impl{max_rows, k, d, zeros<T>({k}), {}, {}}) {}
template <class T>
AssignmentStep<T>::AssignmentStep(AssignmentStep&&) noexcept = default;
template <class T>
AssignmentStep<T>& AssignmentStep<T>::operator=(AssignmentStep&&) noexcept = default;
template <class T>
AssignmentStep<T>::~AssignmentStep() = default;

template <class T>
void AssignmentStep<T>::set_centroids(const Tensor<T>& centroids) {
  Impl& s = *impl_;
  expect_shape("the centroids", centroids.shape(), {s.k, s.d});
  if (!s.norms) s.norms.emplace("kd,kd->k", centroids, centroids);
  (*s.norms)(s.half_norms, centroids, centroids);
  // Halving the norm instead of doubling the product is exact, so the order is sklearn's.
  multiply(s.half_norms, T{0.5}, s.half_norms);
  if (s.nearest)
    s.nearest->reset(centroids, s.half_norms);
  else
    s.nearest.emplace("nd,kd->nk", centroids, s.half_norms, T{-1});
}

template <class T>
void AssignmentStep<T>::operator()(const Tensor<T>& block, const Tensor<std::int64_t>& labels) {
  Impl& s = *impl_;
  expect_block("assignment", block.shape(), s.max_rows, s.d);
  expect_shape("labels", labels.shape(), {block.dim(0)});
  if (!s.nearest) throw ValueError("kmeans: AssignmentStep called before set_centroids");
  (*s.nearest)(block, labels);
}

template void row_squared_norms(const Tensor<float>&, const Tensor<float>&);
template void row_squared_norms(const Tensor<double>&, const Tensor<double>&);
template class AssignmentStep<float>;
template class AssignmentStep<double>;

}  // namespace einspan
