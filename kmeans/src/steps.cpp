#include <einspan/kmeans/steps.hpp>

#include <einspan/einsum.hpp>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/error.hpp>
#include <optional>

namespace einspan {
namespace {

void expect_shape(const char* what, const Dims& shape, std::initializer_list<index_t> expected) {
  if (!(shape == Dims(expected)))
    throw ShapeError(fmt::format("kmeans: {} has shape {}, expected {}", what, format_shape(shape),
                                 format_shape(Dims(expected))));
}

void expect_block(const char* step, const Dims& shape, index_t max_rows, index_t d) {
  if (shape.size() != 2 || shape[0] > max_rows || shape[1] != d)
    throw ShapeError(fmt::format("kmeans: a block of shape {} does not fit an {} step for up to {} rows of {} features",
                                 format_shape(shape), step, max_rows, d));
}

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

template <class T>
struct UpdateStep<T>::Impl {
  index_t max_rows, k, d;
  sparse::CscMatrix<T> one_hot;
  Tensor<T> partial_sums;    // (k, d)
  Tensor<T> partial_counts;  // (k,)
  Tensor<T> ones;            // (max_rows,)
};

template <class T>
UpdateStep<T>::UpdateStep(index_t max_rows, index_t k, index_t d)
    : impl_(new Impl{max_rows, k, d, sparse::CscMatrix<T>(), zeros<T>({k, d}), zeros<T>({k}), ones<T>({max_rows})}) {}
template <class T>
UpdateStep<T>::UpdateStep(UpdateStep&&) noexcept = default;
template <class T>
UpdateStep<T>& UpdateStep<T>::operator=(UpdateStep&&) noexcept = default;
template <class T>
UpdateStep<T>::~UpdateStep() = default;

template <class T>
void UpdateStep<T>::accumulate(const Tensor<T>& block, const Tensor<std::int64_t>& labels, const Tensor<T>& sums,
                               const Tensor<T>& counts) {
  Impl& s = *impl_;
  expect_block("update", block.shape(), s.max_rows, s.d);
  const index_t m = block.dim(0);
  expect_shape("labels", labels.shape(), {m});
  expect_shape("the cluster sums", sums.shape(), {s.k, s.d});
  expect_shape("the cluster counts", counts.shape(), {s.k});
  if (!labels.is_contiguous()) throw ValueError("kmeans: the labels of an update step must be contiguous");
  s.one_hot.assign_one_hot(std::span<const index_t>(labels.data(), static_cast<std::size_t>(m)), s.k);
  sparse::matmul(s.one_hot, block, s.partial_sums);
  add(sums, s.partial_sums, sums);
  // bincount(labels) as one_hot @ ones: the same matrix, and it has an out-parameter form.
  sparse::matmul(s.one_hot, s.ones[{slice(0, m)}], s.partial_counts);
  add(counts, s.partial_counts, counts);
}

template void row_squared_norms(const Tensor<float>&, const Tensor<float>&);
template void row_squared_norms(const Tensor<double>&, const Tensor<double>&);
template class AssignmentStep<float>;
template class AssignmentStep<double>;
template class UpdateStep<float>;
template class UpdateStep<double>;

}  // namespace einspan
