#pragma once
// Reversing, rolling and moving axes: flip, moveaxis and swapaxes are views (as NumPy's), roll is
// a copy (as NumPy's).
//
//   NumPy                              einspan
//   np.flip(a)                         flip(a)                      (view: every axis reversed)
//   np.flip(a, 1), np.flip(a, (0, 2))  flip(a, 1), flip(a, {0, 2})  (view)
//   np.fliplr(a), np.flipud(a)         flip(a, 1), flip(a, 0)       (view)
//   np.moveaxis(a, 0, -1)              moveaxis(a, 0, -1)           (view)
//   np.moveaxis(a, [0, 1], [2, 0])     moveaxis(a, {0, 1}, {2, 0})  (view)
//   np.swapaxes(a, 0, 2)               swapaxes(a, 0, 2)            (view; also a.swapaxes(0, 2))
//   np.roll(a, 2)                      roll(a, 2)                   (copy, over the flattened a)
//   np.roll(a, -1, axis=1)             roll(a, -1, 1)               (copy)
//   np.roll(a, (1, 2), axis=(0, 1))    roll(a, {1, 2}, {0, 1})      (copy; also roll(a, 1, {0, 1}), roll(a, {1, 2}, 0))
//
// A flipped view has negative strides; writes through it reach the original, as in NumPy.
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/permute.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

// A view of `a` with the given axes reversed (np.flip). Throws AxisError, and ValueError
// "repeated axis". Never copies.
template <Element T>
Tensor<T> flip(const Tensor<T>& a, std::span<const index_t> axes) {
  return Tensor<T>(a.buffer(), flip_layout(a.layout(), axes));
}
template <Element T>
Tensor<T> flip(const Tensor<T>& a, std::initializer_list<index_t> axes) {
  return flip(a, std::span<const index_t>(axes.begin(), axes.size()));
}
template <Element T>
Tensor<T> flip(const Tensor<T>& a, index_t axis) {
  return flip(a, std::span<const index_t>(&axis, 1));
}
// Every axis reversed (np.flip(a), axis=None). A 0-d tensor is returned as a view of itself.
template <Element T>
Tensor<T> flip(const Tensor<T>& a) {
  return Tensor<T>(a.buffer(), flip_layout(a.layout()));
}

// A view with axes `source` moved to `destination`, the other axes in their order (np.moveaxis).
// Throws AxisError "source: axis 3 is out of bounds for array of dimension 2", ValueError
// "repeated axis in `destination` argument" and "`source` and `destination` arguments must have
// the same number of elements". Never copies.
template <Element T>
Tensor<T> moveaxis(const Tensor<T>& a, std::span<const index_t> source, std::span<const index_t> destination) {
  return Tensor<T>(a.buffer(), moveaxis_layout(a.layout(), source, destination));
}
template <Element T>
Tensor<T> moveaxis(const Tensor<T>& a, std::initializer_list<index_t> source, std::initializer_list<index_t> destination) {
  return moveaxis(a, std::span<const index_t>(source.begin(), source.size()),
                  std::span<const index_t>(destination.begin(), destination.size()));
}
template <Element T>
Tensor<T> moveaxis(const Tensor<T>& a, index_t source, index_t destination) {
  return moveaxis(a, std::span<const index_t>(&source, 1), std::span<const index_t>(&destination, 1));
}

// A view with axes i and j exchanged (np.swapaxes, the same as a.swapaxes(i, j)). Throws
// AxisError. Never copies.
template <Element T>
Tensor<T> swapaxes(const Tensor<T>& a, index_t i, index_t j) {
  return a.swapaxes(i, j);
}

namespace detail {

// Per-axis shifts of np.roll: `shifts` and `axes` broadcast against each other (one of them may
// have one entry), repeated axes add up, and each total is taken modulo the axis length.
Dims roll_shifts(const Dims& shape, std::span<const index_t> shifts, std::span<const index_t> axes);

}  // namespace detail

// A fresh C-contiguous copy of `a` with the elements shifted by shifts[k] along axes[k]; those
// pushed past the end come back at the start (np.roll). shifts and axes broadcast as in NumPy
// (roll(a, 1, {0, 1}) shifts both axes by 1); an axis named twice is shifted by the sum. Throws
// AxisError, and ValueError "shape mismatch: objects cannot be broadcast to a single shape ..."
// when the two lists disagree in length. Runs as at most 2^k block copies (k = rolled axes).
template <Element T>
Tensor<T> roll(const Tensor<T>& a, std::span<const index_t> shifts, std::span<const index_t> axes) {
  const Dims shift = detail::roll_shifts(a.shape(), shifts, axes);
  auto out = Tensor<T>::fresh(a.shape());
  Dims rolled;
  for (std::size_t i = 0; i < shift.size(); ++i)
    if (shift[i] != 0) rolled.push_back(static_cast<index_t>(i));
  // Block `mask` takes, along each rolled axis, either the part that moves right (bit clear:
  // a[:n-s] -> out[s:]) or the part that wraps around (bit set: a[n-s:] -> out[:s]).
  const std::size_t blocks = std::size_t{1} << rolled.size();
  std::vector<Index> from(a.ndim(), Index(_)), to(a.ndim(), Index(_));
  for (std::size_t mask = 0; mask < blocks; ++mask) {
    for (std::size_t k = 0; k < rolled.size(); ++k) {
      const auto axis = static_cast<std::size_t>(rolled[k]);
      const index_t n = a.shape()[axis], s = shift[axis];
      if (mask >> k & 1) {
        from[axis] = slice(n - s, n);
        to[axis] = slice(0, s);
      } else {
        from[axis] = slice(0, n - s);
        to[axis] = slice(s, n);
      }
    }
    const Tensor<T> src = a.index(from), dst = out.index(to);
    detail::copy_elements(dst.data(), dst.layout(), src.data(), src.layout());
  }
  return out;
}
template <Element T>
Tensor<T> roll(const Tensor<T>& a, std::initializer_list<index_t> shifts, std::initializer_list<index_t> axes) {
  return roll(a, std::span<const index_t>(shifts.begin(), shifts.size()), std::span<const index_t>(axes.begin(), axes.size()));
}
template <Element T>
Tensor<T> roll(const Tensor<T>& a, index_t shift, index_t axis) {
  return roll(a, std::span<const index_t>(&shift, 1), std::span<const index_t>(&axis, 1));
}
template <Element T>
Tensor<T> roll(const Tensor<T>& a, index_t shift, std::initializer_list<index_t> axes) {
  return roll(a, std::span<const index_t>(&shift, 1), std::span<const index_t>(axes.begin(), axes.size()));
}
template <Element T>
Tensor<T> roll(const Tensor<T>& a, std::initializer_list<index_t> shifts, index_t axis) {
  return roll(a, std::span<const index_t>(shifts.begin(), shifts.size()), std::span<const index_t>(&axis, 1));
}
// Over the flattened tensor, the result reshaped back to a's shape (np.roll without axis).
// A 0-d tensor is copied unchanged.
template <Element T>
Tensor<T> roll(const Tensor<T>& a, index_t shift) {
  if (a.ndim() == 0) return a.copy();
  return roll(a.reshape({-1}), shift, 0).reshape(a.shape());
}

}  // namespace einspan
