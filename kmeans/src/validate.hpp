#pragma once
// Argument checks shared by the k-means entry points; every message names the offending value.
#include "fallback.hpp"
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/tensor.hpp>

namespace einspan::kmeans_detail {

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

}  // namespace einspan::kmeans_detail
