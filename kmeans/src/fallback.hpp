#pragma once
// TEMPORARY stand-ins for einspan primitives that had not landed when kmeans was written.
// Each function is the body of one primitive call; as each primitive lands, its stand-in is
// replaced by that call and deleted. Nothing here is public.
// Threads come from the row blocks; a GEMM that spawns its own team inside them only spins.
#ifndef EIGEN_DONT_PARALLELIZE
#define EIGEN_DONT_PARALLELIZE
#endif
#include <Eigen/Core>
#include <cmath>
#include <einspan/tensor/tensor.hpp>
#include <limits>

namespace einspan::kmeans_detail {

template <class T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using ConstMap = Eigen::Map<const RowMatrix<T>, 0, Eigen::OuterStride<>>;
template <class T>
using Map = Eigen::Map<RowMatrix<T>, 0, Eigen::OuterStride<>>;

// out (m, k) = a (m, d) @ b (k, d)^T; stands in for einsum("md,kd->mk", a, b, out).
// Both operands must have unit inner stride.
template <class T>
void contract_rows(const Tensor<T>& a, const Tensor<T>& b, const Tensor<T>& out) {
  ConstMap<T> A(a.data(), a.dim(0), a.dim(1), Eigen::OuterStride<>(a.strides()[0]));
  ConstMap<T> B(b.data(), b.dim(0), b.dim(1), Eigen::OuterStride<>(b.strides()[0]));
  Map<T> O(out.data(), out.dim(0), out.dim(1), Eigen::OuterStride<>(out.strides()[0]));
  O.noalias() = A * B.transpose();
}

// labels(i) = argmin_j (c_norms(j) - 2 scores(i, j)), distances(i) = max(0, x_norms(i) + min);
// stands in for multiply/add with broadcasting + argmin(axis=1, out) + min + maximum.
template <class T>
double argmin_expanded(const Tensor<T>& scores, const Tensor<T>& c_norms, const Tensor<T>& x_norms,
                       const Tensor<std::int64_t>& labels, const Tensor<T>& distances) {
  const index_t m = scores.dim(0), k = scores.dim(1);
  double total = 0;
  for (index_t i = 0; i < m; ++i) {
    const T* row = scores.data() + i * scores.strides()[0];
    T best = std::numeric_limits<T>::infinity();
    index_t arg = 0;
    for (index_t j = 0; j < k; ++j) {
      const T v = c_norms.data()[j] - 2 * row[j];
      if (v < best) {
        best = v;
        arg = j;
      }
    }
    labels.data()[i * labels.strides()[0]] = arg;
    const T dist = std::max(T{0}, x_norms.data()[i * x_norms.strides()[0]] + best);
    distances.data()[i * distances.strides()[0]] = dist;
    total += dist;
  }
  return total;
}

// sums(labels(i), :) += block(i, :); counts(labels(i)) += 1; stands in for
// matmul(one_hot_csc(labels, k), block, partial) + add, bincount(labels, k) + add.
template <class T>
void one_hot_accumulate(const Tensor<T>& block, const Tensor<std::int64_t>& labels, const Tensor<T>& sums,
                        const Tensor<std::int64_t>& counts) {
  const index_t m = block.dim(0), d = block.dim(1);
  for (index_t i = 0; i < m; ++i) {
    const std::int64_t j = labels.data()[i * labels.strides()[0]];
    const T* x = block.data() + i * block.strides()[0];
    T* s = sums.data() + j * sums.strides()[0];
    for (index_t c = 0; c < d; ++c) s[c] += x[c];
    counts.data()[j * counts.strides()[0]] += 1;
  }
}

// out(i) = sum_c rows(i, c)^2; stands in for einsum("md,md->m", rows, rows, out).
template <class T>
void row_norms(const Tensor<T>& rows, const Tensor<T>& out) {
  const index_t m = rows.dim(0), d = rows.dim(1);
  for (index_t i = 0; i < m; ++i) {
    const T* x = rows.data() + i * rows.strides()[0];
    T s = 0;
    for (index_t c = 0; c < d; ++c) s += x[c] * x[c];
    out.data()[i * out.strides()[0]] = s;
  }
}

// out(i) = ||rows(i) - centroids(labels(i))||^2; stands in for
// sum(square(rows - take(centroids, labels, axis=0)), axis=1, out).
template <class T>
void distances_to_assigned(const Tensor<T>& rows, const Tensor<T>& centroids, const Tensor<std::int64_t>& labels,
                           const Tensor<T>& out) {
  const index_t m = rows.dim(0), d = rows.dim(1);
  for (index_t i = 0; i < m; ++i) {
    const T* x = rows.data() + i * rows.strides()[0];
    const T* c = centroids.data() + labels.data()[i * labels.strides()[0]] * centroids.strides()[0];
    T s = 0;
    for (index_t q = 0; q < d; ++q) s += (x[q] - c[q]) * (x[q] - c[q]);
    out.data()[i * out.strides()[0]] = s;
  }
}

// True when every element is finite; stands in for all(isfinite(data)).
template <class T>
bool all_finite(const Tensor<T>& data) {
  for (const T& x : data)
    if (!std::isfinite(x)) return false;
  return true;
}

}  // namespace einspan::kmeans_detail
