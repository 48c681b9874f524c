#pragma once
// np.meshgrid: coordinate grids from 1-d coordinate vectors.
//
//   NumPy                                  einspan
//   X, Y = np.meshgrid(x, y)               auto g = meshgrid({x, y});  g[0], g[1]   (shape (len(y), len(x)))
//   np.meshgrid(x, y, indexing="ij")       meshgrid({x, y}, "ij")                   (shape (len(x), len(y)))
//   np.meshgrid(x, y, copy=False)          meshgrid({x, y}, "xy", false)           (broadcast views)
//
// Not supported: sparse=True (write x.reshape({1, -1}) and y.reshape({-1, 1}) instead).
#include <einspan/tensor/tensor.hpp>
#include <string_view>
#include <vector>

namespace einspan {

// One grid per input, all of shape (len(x0), len(x1), ...) with indexing "ij", or with the first
// two lengths swapped with "xy" (the default, as NumPy's): grid k holds xs[k]'s value along its
// axis. Inputs of any shape are flattened first, as NumPy's. With copy (the default, as NumPy's)
// each grid is a fresh C-contiguous tensor; without, a read-mostly broadcast view of xs[k] (zero
// strides: writing one element writes a whole line). Throws ValueError "Valid values for
// `indexing` are 'xy' and 'ij'.".
template <Element T>
std::vector<Tensor<T>> meshgrid(std::span<const Tensor<T>> xs, std::string_view indexing = "xy", bool copy = true) {
  if (indexing != "xy" && indexing != "ij") throw ValueError("Valid values for `indexing` are 'xy' and 'ij'.");
  const std::size_t n = xs.size();
  const bool swap = indexing == "xy" && n >= 2;
  const auto position = [&](std::size_t k) { return swap && k < 2 ? 1 - k : k; };
  Dims shape(n);
  for (std::size_t k = 0; k < n; ++k) shape[position(k)] = xs[k].size();
  std::vector<Tensor<T>> grids;
  grids.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    Dims along(n, 1);
    along[position(k)] = -1;
    const Tensor<T> grid = xs[k].reshape({-1}).reshape(along).broadcast_to(shape);
    grids.push_back(copy ? Tensor<T>(grid.copy()) : grid);
  }
  return grids;
}
template <Element T>
std::vector<Tensor<T>> meshgrid(std::initializer_list<Tensor<T>> xs, std::string_view indexing = "xy", bool copy = true) {
  return meshgrid(std::span<const Tensor<T>>(xs.begin(), xs.size()), indexing, copy);
}

}  // namespace einspan
