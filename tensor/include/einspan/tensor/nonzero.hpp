#pragma once
// Where the non-zero elements are, and how many (NumPy's searching and counting functions):
//
//   NumPy                    einspan
//   np.nonzero(a), a.nonzero()   nonzero(a)        (std::vector of a.ndim() int64 arrays)
//   np.where(cond)           where(cond)           (the same as nonzero(cond))
//   np.argwhere(a)           argwhere(a)           (int64, shape (count, a.ndim()))
//   np.flatnonzero(a)        flatnonzero(a)        (positions in a.ravel())
//   np.count_nonzero(a)      count_nonzero(a)      (std::int64_t)
//   np.count_nonzero(a, axis)  count_nonzero(a, axis)  (Tensor<int64_t>)
//
// Positions are in C order. Every result is a fresh tensor. NaN counts as non-zero, as in NumPy.
#include <einspan/tensor/reduce.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

namespace detail {

// Writes the positions first + i of the non-zero elements of p[0, n) to out and returns how many
// there were. out must have room for the count plus 8 (the bool kernel writes groups of four).
index_t flat_nonzero(const bool* p, index_t n, index_t first, index_t* out);
index_t count_true(const bool* p, index_t n);

template <class T>
index_t flat_nonzero(const T* p, index_t n, index_t first, index_t* out) {
  index_t k = 0;
  for (index_t i = 0; i < n; ++i) {
    out[k] = first + i;  // written always, kept when non-zero: no branch to mispredict
    k += p[i] != T{0};
  }
  return k;
}

template <class T>
index_t count_nonzero_contiguous(const T* p, index_t n) {
  if constexpr (std::is_same_v<T, bool>) {
    return count_true(p, n);
  } else {
    index_t count = 0;
    for (index_t i = 0; i < n; ++i) count += p[i] != T{0};
    return count;
  }
}

// An int64 tensor of `count` elements over a buffer with 8 spare elements for the kernels above.
inline Tensor<std::int64_t> positions_buffer(index_t count) {
  return Tensor<std::int64_t>(allocate_buffer<std::int64_t>(count + 8), Layout::row_major({count}));
}

}  // namespace detail

// np.count_nonzero(a).
template <Element T>
std::int64_t count_nonzero(const Tensor<T>& a) {
  const Tensor<T> c = a.contiguous();
  return detail::count_nonzero_contiguous(c.data(), c.size());
}

// np.count_nonzero(a, axis): the count along one axis (negative counts from the end). Throws
// AxisError.
template <Element T>
Tensor<std::int64_t> count_nonzero(const Tensor<T>& a, index_t axis) {
  return sum(a != T{0}, axis);
}

// np.flatnonzero(a): the positions of the non-zero elements in a.ravel().
template <Element T>
Tensor<std::int64_t> flatnonzero(const Tensor<T>& a) {
  const Tensor<T> c = a.contiguous();
  Tensor<std::int64_t> out = detail::positions_buffer(detail::count_nonzero_contiguous(c.data(), c.size()));
  detail::flat_nonzero(c.data(), c.size(), 0, out.data());
  return out;
}

// np.nonzero(a): for each axis, the indices of the non-zero elements along it, so that
// a[{nonzero(a)[0], nonzero(a)[1], ...}] lists them in C order. Throws ValueError for a 0-d a, as
// NumPy 2 does ("use atleast_1d").
template <Element T>
std::vector<Tensor<std::int64_t>> nonzero(const Tensor<T>& a) {
  if (a.ndim() == 0)
    throw ValueError("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.");
  const Tensor<T> c = a.contiguous();
  const index_t count = detail::count_nonzero_contiguous(c.data(), c.size());
  std::vector<Tensor<std::int64_t>> out;
  for (std::size_t axis = 0; axis < a.ndim(); ++axis) out.push_back(detail::positions_buffer(count));
  // Row by row along the last axis: the kernel finds the positions within a row, and the
  // leading coordinates are the same for the whole row.
  const index_t row = a.shape().back(), rows = row == 0 ? 0 : a.size() / row;
  const std::size_t lead = a.ndim() - 1;
  Dims coordinate(lead, 0);
  index_t k = 0;
  for (index_t r = 0; r < rows; ++r) {
    const index_t found = detail::flat_nonzero(c.data() + r * row, row, 0, out[lead].data() + k);
    for (std::size_t axis = 0; axis < lead; ++axis) std::fill_n(out[axis].data() + k, found, coordinate[axis]);
    k += found;
    for (std::size_t axis = lead; axis-- > 0;) {
      if (++coordinate[axis] < a.shape()[axis]) break;
      coordinate[axis] = 0;
    }
  }
  return out;
}

// np.where(cond) with one argument: nonzero(cond).
template <Element T>
std::vector<Tensor<std::int64_t>> where(const Tensor<T>& cond) {
  return nonzero(cond);
}

// np.argwhere(a): one row per non-zero element, its index along each axis (shape (count, ndim);
// (count, 0) for a 0-d a, where count is 0 or 1).
template <Element T>
Tensor<std::int64_t> argwhere(const Tensor<T>& a) {
  if (a.ndim() == 0) return Tensor<std::int64_t>::fresh({count_nonzero(a), 0});
  const std::vector<Tensor<std::int64_t>> columns = nonzero(a);
  const index_t count = columns[0].size(), ndim = static_cast<index_t>(a.ndim());
  auto out = Tensor<std::int64_t>::fresh({count, ndim});
  std::int64_t* dst = out.data();
  for (index_t i = 0; i < count; ++i)
    for (index_t axis = 0; axis < ndim; ++axis) *dst++ = columns[static_cast<std::size_t>(axis)].data()[i];
  return out;
}

}  // namespace einspan
