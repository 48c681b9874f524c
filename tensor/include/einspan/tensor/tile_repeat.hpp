#pragma once
// Repeating a tensor as a whole (tile) or element by element (repeat). Both return fresh
// C-contiguous copies, as NumPy's do.
//
//   NumPy                          einspan
//   np.tile(a, 2)                  tile(a, 2)
//   np.tile(a, (2, 1, 3))          tile(a, {2, 1, 3})
//   np.repeat(a, 3)                repeat(a, 3)               (over the flattened a)
//   np.repeat(a, 3, axis=1)        repeat(a, 3, 1)
//   np.repeat(a, [1, 0, 2], 0)     repeat(a, {1, 0, 2}, 0)    (a count per element along axis)
//
// How it runs: tile and repeat with one count read `a` through a layout with zero strides (the
// source broadcast over the repetition axes) and write the result with one strided copy
// (copy_elements); repeat with a count per element builds the index list and gathers with take.
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

namespace detail {

// The layouts of np.tile: `source` reads `a` as shape (r0, d0, r1, d1, ...) with zero strides
// on the repetition axes, `shape` is the result's (r0 * d0, r1 * d1, ...). a's shape and reps
// are first padded with leading 1s to one rank. Throws ValueError "negative dimensions are not
// allowed".
struct TileLayouts {
  Layout source;
  Dims shape;
};
TileLayouts tile_layouts(const Layout& a, std::span<const index_t> reps);

// The layouts of np.repeat with one count: `source` reads `a` as its shape with a repetition
// axis of length `repeats` (stride 0) after `axis`, `shape` is the result's. Throws ValueError
// "negative dimensions are not allowed" and AxisError.
TileLayouts repeat_layouts(const Layout& a, index_t repeats, index_t axis);

// The gather list of np.repeat with counts per element: i repeated counts[i] times. Throws
// ShapeError "operands could not be broadcast together with shape (3,) (2,)" when there are not
// `n` counts, ValueError "repeats may not contain negative values.".
Tensor<std::int64_t> repeat_indices(std::span<const index_t> counts, index_t n);

template <Element T>
Tensor<T> copy_through(const Tensor<T>& a, const TileLayouts& plan) {
  auto out = Tensor<T>::fresh(plan.source.shape);
  detail::copy_elements(out.data(), out.layout(), a.buffer().get() + plan.source.offset, plan.source);
  return out.reshape(plan.shape);  // a view: out is C-contiguous
}

}  // namespace detail

// `a` repeated reps[k] times along axis k (np.tile): the result has max(a.ndim, len(reps)) axes,
// a's shape and reps being padded with leading 1s to that rank. A fresh C-contiguous copy.
// Throws ValueError "negative dimensions are not allowed".
template <Element T>
Tensor<T> tile(const Tensor<T>& a, std::span<const index_t> reps) {
  return detail::copy_through(a, detail::tile_layouts(a.layout(), reps));
}
template <Element T>
Tensor<T> tile(const Tensor<T>& a, std::initializer_list<index_t> reps) {
  return tile(a, std::span<const index_t>(reps.begin(), reps.size()));
}
template <Element T>
Tensor<T> tile(const Tensor<T>& a, index_t reps) {
  return tile(a, std::span<const index_t>(&reps, 1));
}

// Each element of `a` repeated `repeats` times along `axis` (np.repeat). A fresh C-contiguous
// copy. Throws AxisError and ValueError "negative dimensions are not allowed". As in NumPy, a 0-d
// tensor accepts axis 0 and -1 and gives a 1-d result.
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, index_t repeats, index_t axis) {
  if (a.ndim() == 0) return repeat(a.reshape({1}), repeats, axis);
  return detail::copy_through(a, detail::repeat_layouts(a.layout(), repeats, axis));
}
// Element i along `axis` repeated counts[i] times; a single count applies to every element.
// Throws ShapeError "operands could not be broadcast together with shape (3,) (2,)" when the
// counts do not match the axis, ValueError "repeats may not contain negative values.".
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, std::span<const index_t> counts, index_t axis) {
  if (a.ndim() == 0) return repeat(a.reshape({1}), counts, axis);
  if (counts.size() == 1) {
    if (counts[0] < 0) throw ValueError("repeats may not contain negative values.");
    return repeat(a, counts[0], axis);
  }
  const std::size_t k = normalize_axis(axis, a.ndim());
  return take(a, detail::repeat_indices(counts, a.shape()[k]), static_cast<index_t>(k));
}
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, std::initializer_list<index_t> counts, index_t axis) {
  return repeat(a, std::span<const index_t>(counts.begin(), counts.size()), axis);
}
// Over the flattened tensor (np.repeat without axis): a 1-d result.
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, index_t repeats) {
  return repeat(a.reshape({-1}), repeats, 0);
}
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, std::span<const index_t> counts) {
  return repeat(a.reshape({-1}), counts, 0);
}
template <Element T>
Tensor<T> repeat(const Tensor<T>& a, std::initializer_list<index_t> counts) {
  return repeat(a.reshape({-1}), std::span<const index_t>(counts.begin(), counts.size()), 0);
}

}  // namespace einspan
