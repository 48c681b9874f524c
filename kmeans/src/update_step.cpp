#include <einspan/kmeans/steps.hpp>

#include "validate.hpp"
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/error.hpp>

namespace einspan {

using kmeans_detail::expect_block;
using kmeans_detail::expect_shape;

template <class T>
struct UpdateStep<T>::Impl {
  index_t max_rows, k, d;
  sparse::CscMatrix<T> one_hot;
  Tensor<T> partial_sums;    // (k, d)
  Tensor<T> partial_counts;  // (k,)
};

template <class T>
UpdateStep<T>::UpdateStep(index_t max_rows, index_t k, index_t d)
    : impl_(new Impl{max_rows, k, d, sparse::CscMatrix<T>(), zeros<T>({k, d}), zeros<T>({k})}) {}
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
  // one_hot @ block and bincount(labels) (the one-hot matrix's row sums) from one pass.
  sparse::matmul_with_row_sums(s.one_hot, block, s.partial_sums, s.partial_counts);
  add(sums, s.partial_sums, sums);
  add(counts, s.partial_counts, counts);
}

template class UpdateStep<float>;
template class UpdateStep<double>;

}  // namespace einspan
