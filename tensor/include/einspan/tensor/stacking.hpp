#pragma once
// Joining along the first or second axis (vstack, hstack: copies, as concatenate) and splitting
// into pieces (split, array_split: views, as NumPy's).
//
//   NumPy                          einspan
//   np.vstack([a, b])              vstack({a, b})             (1-d a of length n is the row (1, n))
//   np.hstack([a, b])              hstack({a, b})             (1-d: joined along axis 0)
//   np.split(a, 3, axis=1)         split(a, 3, 1)             (ValueError unless 3 divides a.shape[1])
//   np.split(a, [2, 5])            split(a, {2, 5})           (a[:2], a[2:5], a[5:])
//   np.array_split(a, 3)           array_split(a, 3)          (the first n % 3 pieces one longer)
//
// split and array_split return std::vector<Tensor<T>> of views of a: writing a piece writes a.
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

namespace detail {

// Where np.array_split cuts an axis of length n into `sections` pieces: sections + 1 boundaries,
// the first n % sections pieces one longer. With `equal`, np.split's rule: ValueError "array
// split does not result in an equal division" unless sections divides n. ValueError "number
// sections must be larger than 0." for sections <= 0.
Dims split_bounds(index_t n, index_t sections, bool equal);

template <Element T>
std::vector<Tensor<T>> split_at(const Tensor<T>& a, std::span<const index_t> bounds, std::size_t axis) {
  std::vector<Tensor<T>> pieces;
  std::vector<Index> where(axis + 1, Index(_));
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    // Python slice bounds, as NumPy's a[i:j]: user indices may be negative or out of range.
    where[axis] = slice(bounds[k], bounds[k + 1]);
    pieces.push_back(a.index(where));
  }
  return pieces;
}

template <Element T>
std::vector<Tensor<T>> at_least(std::span<const Tensor<T>> tensors, std::size_t rank) {
  std::vector<Tensor<T>> out;
  out.reserve(tensors.size());
  for (const Tensor<T>& t : tensors) {
    if (t.ndim() >= rank) {
      out.push_back(t);
    } else if (t.ndim() == 0) {
      out.push_back(rank == 1 ? t.reshape({1}) : t.reshape({1, 1}));
    } else {
      out.push_back(t.expand_dims(0));  // (n,) -> (1, n): a view
    }
  }
  return out;
}

}  // namespace detail

// The tensors joined along axis 0 after 0-d and 1-d ones are made 2-d rows ((n,) -> (1, n)), as
// np.vstack. A fresh C-contiguous copy. Throws ValueError "need at least one array to
// concatenate" and concatenate's ShapeError.
template <Element T>
Tensor<T> vstack(std::span<const Tensor<T>> tensors) {
  const std::vector<Tensor<T>> rows = detail::at_least(tensors, 2);
  return concatenate(std::span<const Tensor<T>>(rows), 0);
}
template <Element T>
Tensor<T> vstack(std::initializer_list<Tensor<T>> tensors) {
  return vstack(std::span<const Tensor<T>>(tensors.begin(), tensors.size()));
}

// The tensors joined along axis 1, or along axis 0 when they are 1-d (0-d ones count as
// length 1), as np.hstack. A fresh C-contiguous copy. Throws as vstack.
template <Element T>
Tensor<T> hstack(std::span<const Tensor<T>> tensors) {
  const std::vector<Tensor<T>> parts = detail::at_least(tensors, 1);
  const index_t axis = !parts.empty() && parts[0].ndim() == 1 ? 0 : 1;
  return concatenate(std::span<const Tensor<T>>(parts), axis);
}
template <Element T>
Tensor<T> hstack(std::initializer_list<Tensor<T>> tensors) {
  return hstack(std::span<const Tensor<T>>(tensors.begin(), tensors.size()));
}

// `a` cut along `axis` into `sections` equal pieces (np.split): views of a. Throws ValueError
// "array split does not result in an equal division", "number sections must be larger than 0."
// (NumPy: ZeroDivisionError for 0), and AxisError (also for a 0-d a; NumPy: IndexError).
template <Element T>
std::vector<Tensor<T>> split(const Tensor<T>& a, index_t sections, index_t axis = 0) {
  const std::size_t k = normalize_axis(axis, a.ndim());
  const Dims bounds = detail::split_bounds(a.shape()[k], sections, true);
  return detail::split_at(a, bounds, k);
}
// `a` cut before each of `indices` along `axis`: a[:i0], a[i0:i1], ..., a[ik:] (np.split with a
// list). Indices are Python slice bounds: negative ones count from the end, and decreasing or
// out-of-range ones give empty pieces, as in NumPy. Views of a. Throws AxisError.
template <Element T>
std::vector<Tensor<T>> split(const Tensor<T>& a, std::span<const index_t> indices, index_t axis = 0) {
  const std::size_t k = normalize_axis(axis, a.ndim());
  Dims bounds{0};
  for (const index_t i : indices) bounds.push_back(i);
  bounds.push_back(a.shape()[k]);
  return detail::split_at(a, bounds, k);
}
template <Element T>
std::vector<Tensor<T>> split(const Tensor<T>& a, std::initializer_list<index_t> indices, index_t axis = 0) {
  return split(a, std::span<const index_t>(indices.begin(), indices.size()), axis);
}

// `a` cut along `axis` into `sections` pieces whose lengths differ by at most one, the longer
// ones first (np.array_split). Views of a. Throws ValueError "number sections must be larger
// than 0." and AxisError. With a list of indices it is split(a, indices, axis).
template <Element T>
std::vector<Tensor<T>> array_split(const Tensor<T>& a, index_t sections, index_t axis = 0) {
  const std::size_t k = normalize_axis(axis, a.ndim());
  const Dims bounds = detail::split_bounds(a.shape()[k], sections, false);
  return detail::split_at(a, bounds, k);
}
template <Element T>
std::vector<Tensor<T>> array_split(const Tensor<T>& a, std::initializer_list<index_t> indices, index_t axis = 0) {
  return split(a, std::span<const index_t>(indices.begin(), indices.size()), axis);
}

}  // namespace einspan
