#include <einspan/kmeans/steps.hpp>

#include "validate.hpp"
#include <einspan/einsum.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/error.hpp>
#include <optional>

namespace einspan {

using kmeans_detail::expect_block;
using kmeans_detail::expect_shape;

namespace {

// An einsum plan for one block height; blocks all have the same height but the last.
template <class T>
struct PlanPerHeight {
  std::optional<EinsumPlan<T>> full, tail;
  index_t tail_rows = -1;

  EinsumPlan<T>& get(index_t max_rows, index_t m, const Tensor<T>& centroids, const Tensor<T>& block) {
    if (m == max_rows) {
      if (!full) full.emplace("kd,md->km", centroids, block);
      return *full;
    }
    if (!tail || tail_rows != m) {
      tail.emplace("kd,md->km", centroids, block);
      tail_rows = m;
    }
    return *tail;
  }
};

}  // namespace

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
  Tensor<T> centroids;
  Tensor<T> half_norms;  // (k, 1): 0.5 ||c||^2
  // (k, max_rows): c.x, then 0.5 ||c||^2 - c.x. Centroids along the rows, so that the argmin
  // runs down the columns: a compare-and-blend over unit-stride rows, which vectorises, where
  // a scan along each short row of k scores does not.
  Tensor<T> scores;
  std::optional<EinsumPlan<T>> norms;
  PlanPerHeight<T> products;
};

template <class T>
AssignmentStep<T>::AssignmentStep(index_t max_rows, index_t k, index_t d)
    : impl_(new Impl{max_rows, k, d, zeros<T>({k, d}), zeros<T>({k, 1}), zeros<T>({k, max_rows}), {}, {}}) {}
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
  s.centroids = centroids;
  if (!s.norms) s.norms.emplace("kd,kd->k", centroids, centroids);
  const Tensor<T> norms = s.half_norms[{_, 0}];
  (*s.norms)(norms, centroids, centroids);
  multiply(s.half_norms, T{0.5}, s.half_norms);
}

template <class T>
void AssignmentStep<T>::operator()(const Tensor<T>& block, const Tensor<std::int64_t>& labels) {
  Impl& s = *impl_;
  expect_block("assignment", block.shape(), s.max_rows, s.d);
  const index_t m = block.dim(0);
  expect_shape("labels", labels.shape(), {m});
  const Tensor<T> scores = s.scores[{_, slice(0, m)}];
  s.products.get(s.max_rows, m, s.centroids, block)(scores, s.centroids, block);
  // Halving the norm instead of doubling the product is exact, so the order is sklearn's.
  subtract(s.half_norms, scores, scores);
  argmin(scores, 0, labels);
}

template void row_squared_norms(const Tensor<float>&, const Tensor<float>&);
template void row_squared_norms(const Tensor<double>&, const Tensor<double>&);
template class AssignmentStep<float>;
template class AssignmentStep<double>;

}  // namespace einspan
