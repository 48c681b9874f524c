#pragma once
// Argument checks shared by the k-means entry points; every message names the offending value.
#include "peers.hpp"
#include <cmath>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/reduce.hpp>
#include <einspan/tensor/tensor.hpp>
#include <limits>

namespace einspan::kmeans_detail {

// True when no element is NaN or infinite: |x| < inf fails for both. Row blocks of 4096 keep the
// temporary small.
template <class T>
bool all_finite(const Tensor<T>& data) {
  if (data.ndim() == 0 || data.size() == 0) return data.size() == 0 || std::isfinite(data.item());
  const index_t n = data.dim(0);
  constexpr index_t rows = 4096;
  for (index_t r0 = 0; r0 < n; r0 += rows) {
    const Tensor<T> x = data[{slice(r0, std::min(n, r0 + rows))}];
    if (sum(abs(x) < std::numeric_limits<T>::infinity()).item() != x.size()) return false;
  }
  return true;
}

// data must be a non-empty (n, d) matrix of finite values with 1 <= k <= n.
template <class T>
void check_data(const Tensor<T>& data, index_t k) {
  if (data.ndim() != 2)
    throw ShapeError(fmt::format("kmeans: data must be 2-d (n_samples, n_features), got shape {}", format_shape(data.shape())));
  if (data.size() == 0) throw ValueError(fmt::format("kmeans: data is empty (shape {})", format_shape(data.shape())));
  if (k <= 0) throw ValueError(fmt::format("kmeans: k must be positive, got {}", k));
  if (k > data.dim(0))
    throw ValueError(fmt::format("kmeans: k={} is larger than the number of samples n={}", k, data.dim(0)));
  if (!all_finite(data)) throw ValueError("kmeans: data contains NaN or infinity");
}

// A CSR matrix's stored values are finite and it is canonical: duplicates would add up in the
// products but not in the exact distances (a sum of (x - c)^2 over the entries). `what` (the
// function) and `name` (the argument) start the message.
template <class T>
void check_csr_values(const sparse::CsrMatrix<T>& x, const char* what, const char* name) {
  for (const T v : x.data())
    if (!std::isfinite(v)) throw ValueError(fmt::format("{}: {} contains NaN or infinity", what, name));
  if (!x.has_canonical_format())
    throw ValueError(fmt::format("{}: CSR {} must be canonical (column indices strictly increasing within each row; "
                                 "sum_duplicates() on its transposed_csc() gives that)", what, name));
}

// The same as check_data for a CSR matrix: at least one row and one column, 1 <= k <= n, finite
// and canonical.
template <class T>
void check_data(const sparse::CsrMatrix<T>& data, index_t k) {
  if (data.rows() == 0 || data.cols() == 0)
    throw ValueError(fmt::format("kmeans: data is empty (shape ({}, {}))", data.rows(), data.cols()));
  if (k <= 0) throw ValueError(fmt::format("kmeans: k must be positive, got {}", k));
  if (k > data.rows())
    throw ValueError(fmt::format("kmeans: k={} is larger than the number of samples n={}", k, data.rows()));
  check_csr_values(data, "kmeans", "data");
}

// Given initial centroids must be a finite (k, d) matrix, with k = k_option unless that is 0
// (d < 0: the data is not 2-d, which check_data reports). Returns k.
template <class T>
index_t check_initial_centroids(const Tensor<T>& initial, index_t d, index_t k_option) {
  const index_t k = initial.ndim() == 2 ? initial.dim(0) : -1;
  if (d >= 0 && (k < 0 || initial.dim(1) != d || (k_option != 0 && k_option != k)))
    throw ShapeError(fmt::format("kmeans: initial centroids have shape {}, expected ({}, {})", format_shape(initial.shape()),
                                 k_option != 0 ? k_option : k, d));
  if (!all_finite(initial)) throw ValueError("kmeans: initial centroids contain NaN or infinity");
  return k;
}

// sample_weight must be a (rows,) vector of finite values >= 0; first_row numbers its rows in the
// message (a process's first row in a distributed fit). That at least k are positive needs every
// process's count: the fit checks it (positive_weights).
template <class T>
void check_sample_weight(const Tensor<T>& weights, index_t rows, index_t first_row = 0) {
  if (weights.ndim() != 1 || weights.dim(0) != rows)
    throw ShapeError(fmt::format("kmeans: sample_weight has shape {}, expected ({},) for {} rows of data",
                                 format_shape(weights.shape()), rows, rows));
  if (!all_finite(weights)) throw ValueError("kmeans: sample_weight contains NaN or infinity");
  for (index_t i = 0; i < rows; ++i)
    if (weights(i) < T{0})
      throw ValueError(fmt::format("kmeans: sample_weight must be >= 0, got {} for row {}", weights(i), first_row + i));
}

// At least k points must have a positive weight: a cluster needs one (numpy's choice refuses
// fewer non-zero probabilities than draws for the same reason). Counted over every process.
template <class T>
void check_positive_weights(const Tensor<T>* weights, index_t k, Peers& peers) {
  if (!weights) return;
  index_t positive = 0;
  for (index_t i = 0; i < weights->size(); ++i) positive += (*weights)(i) > T{0};
  positive = peers.sum(positive);
  if (positive < k)
    throw ValueError(fmt::format("kmeans: sample_weight has {} positive values, fewer than k={} (every cluster needs a "
                                 "point of positive weight)", positive, k));
}

// Step arguments: `what` names the argument in the message.
inline void expect_shape(const char* what, const Dims& shape, std::initializer_list<index_t> expected) {
  if (!(shape == Dims(expected)))
    throw ShapeError(fmt::format("kmeans: {} has shape {}, expected {}", what, format_shape(shape),
                                 format_shape(Dims(expected))));
}

inline void expect_block(const char* step, const Dims& shape, index_t max_rows, index_t d) {
  if (shape.size() != 2 || shape[0] > max_rows || shape[1] != d)
    throw ShapeError(fmt::format("kmeans: a block of shape {} does not fit an {} step for up to {} rows of {} features",
                                 format_shape(shape), step, max_rows, d));
}

}  // namespace einspan::kmeans_detail
