#pragma once
// Reductions: sum, prod, mean, min, max, norm over one axis, several axes or all of them, with
// keepdims; argmin and argmax over one axis or the flattened tensor.
//
//   NumPy                          einspan
//   a.sum()                        sum(a)               (0-d tensor; .item() for the value)
//   a.sum(axis=1)                  sum(a, 1)
//   a.sum(axis=(0, 2), keepdims=1) sum(a, {0, 2}, true)
//   np.sum(a, axis=1, out=o)       sum(a, 1, o)         (allocates nothing)
//   a.mean(0), a.min(1), a.max()   mean(a, 0), min(a, 1), max(a)
//   a.prod(axis=1)                 prod(a, 1)           (sum's result types; wraps)
//   np.linalg.norm(a, axis=1)      norm(a, 1)           (L2)
//   a.argmin(axis=1)               argmin(a, 1)         (Tensor<int64_t>; ties -> lowest index)
//   np.argmin(a, axis=1, out=o)    argmin(a, 1, o)      (allocates nothing)
//
// Result types (NumPy's): sum of bool and signed integers is int64, of unsigned integers uint64,
// of float float, of double double; mean and norm are float for float and double otherwise; min
// and max keep the type. Integer sums wrap around on overflow, as NumPy's do.
//
// Empty reductions: sum of nothing is 0; mean of nothing is NaN (NumPy adds a warning); min, max,
// argmin and argmax over an empty axis throw ValueError in NumPy's words ("zero-size array to
// reduction operation minimum which has no identity", "attempt to get argmin of an empty
// sequence"), unless the result itself is empty. NaN propagates through min/max, and
// argmin/argmax return the first NaN's index, as NumPy does.
//
// Floating sums (sum, mean, nansum, norm, the lazy sum of an expression, einsum's reductions) add
// in one order, NumPy's pairwise order for a contiguous run, so they give the same bits as one
// another and, for contiguous float64 and float32 runs, as NumPy's np.sum (docs/reductions.md).
//
// How it runs: detail/reduce_driver.hpp (the walk, the operations of detail/reduce_ops.hpp),
// detail/pairwise_sum.hpp (the summation order), detail/arg_reduce.hpp (argmin, argmax); the
// contiguous kernels are compiled per instruction-set level (src/sum_kernels.cpp,
// src/minmax_kernels.cpp) and chosen at run time (isa.hpp).
#include <cmath>
#include <einspan/tensor/detail/arg_reduce.hpp>
#include <einspan/tensor/detail/reduce_driver.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/tensor.hpp>
#include <limits>

namespace einspan {

// Which axes a reduction removes: one axis (negative counts from the end), a list of axes, or
// (default-constructed via all()) every axis.
class Axes {
 public:
  template <std::integral I>
  Axes(I axis) : axes_{static_cast<index_t>(axis)} {}
  Axes(std::initializer_list<index_t> axes) : axes_(axes) {}
  Axes(std::span<const index_t> axes) : axes_(axes) {}
  // Whether this is Axes::all() (NumPy's axis=None) rather than an explicit list.
  bool is_all() const { return all_; }
  static Axes all() {
    Axes a{std::initializer_list<index_t>{}};
    a.all_ = true;
    return a;
  }

  // One flag per dimension of a rank-`ndim` tensor. Throws AxisError for an axis out of range and
  // ValueError "duplicate value in 'axis'".
  Dims mask(std::size_t ndim) const {
    Dims flags(ndim, all_ ? 1 : 0);
    for (const index_t a : axes_) {
      index_t& f = flags[normalize_axis(a, ndim)];
      if (f) throw ValueError("duplicate value in 'axis'");
      f = 1;
    }
    return flags;
  }

 private:
  Dims axes_;
  bool all_ = false;
};

template <Element T>
using sum_t = std::conditional_t<std::is_floating_point_v<T>, T,
                                 std::conditional_t<std::is_unsigned_v<T> && !std::is_same_v<T, bool>, std::uint64_t,
                                                    std::int64_t>>;
template <Element T>
using mean_t = std::conditional_t<std::is_same_v<T, float>, float, double>;

namespace detail {

template <class Op, class R, class T>
Tensor<R> reduce_fresh(const char* what, const Tensor<T>& in, const Axes& axes, bool keepdims) {
  const Dims mask = axes.mask(in.ndim());
  auto out = Tensor<R>::fresh(reduced_shape(in.shape(), mask, keepdims));
  reduce_to<Op>(what, in, mask, out);
  return out;
}

}  // namespace detail

// ---- public reductions ---------------------------------------------------------------------------
// Each returns a fresh tensor of the reduced shape (0-d when every axis is reduced and keepdims is
// false). Throws AxisError for an axis out of range, ValueError for a repeated axis.

template <Element T>
Tensor<sum_t<T>> sum(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::reduce_fresh<detail::sum_reduction<sum_t<T>>, sum_t<T>>("sum", t, axes, keepdims);
}
// np.sum(t, axis, out=out): out has the reduced shape (kept dimensions optional) and must not
// overlap t; accumulates in out's type. Allocates nothing. Throws ShapeError, ValueError.
template <Element T, Element O>
void sum(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "sum: out's element type cannot hold the sum (same_kind rule)");
  detail::reduce_to<detail::sum_reduction<O>>("sum", t, axes.mask(t.ndim()), out);
}

// np.prod: the product, with sum's result types (bool and signed integers -> int64, unsigned ->
// uint64) and integer wrap-around on overflow; 1 for an empty reduction. Fresh tensor.
template <Element T>
Tensor<sum_t<T>> prod(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::reduce_fresh<detail::prod_reduction<sum_t<T>>, sum_t<T>>("prod", t, axes, keepdims);
}
// np.prod(t, axis, out=out): as sum's out form (multiplies in out's type, allocates nothing).
template <Element T, Element O>
void prod(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "prod: out's element type cannot hold the product (same_kind rule)");
  detail::reduce_to<detail::prod_reduction<O>>("prod", t, axes.mask(t.ndim()), out);
}

// Arithmetic mean; NaN for an empty reduction.
template <Element T>
Tensor<mean_t<T>> mean(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  const Dims mask = axes.mask(t.ndim());
  auto out = detail::reduce_fresh<detail::sum_reduction<mean_t<T>>, mean_t<T>>("mean", t, axes, keepdims);
  const index_t count = detail::reduced_count(t.shape(), mask);
  using M = mean_t<T>;
  // Divided, not multiplied by 1 / count: NumPy divides, and the product can differ in the last
  // bit (the mean of five uint8 values 172.6 came out one ulp off). The division runs once per
  // output element, not per input element.
  const M divisor = static_cast<M>(count);
  if (count == 0) out.fill(std::numeric_limits<M>::quiet_NaN());
  else detail::map_kernel([divisor](M x) { return x / divisor; }, out.shape(), out.data(), out.strides(),
                          detail::KernelArg<M>{out.data(), out.strides()});
  return out;
}

// Smallest element (NaN if any is NaN). Throws ValueError for an empty reduction with a
// non-empty result.
template <Element T>
Tensor<T> min(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  detail::check_has_identity<detail::min_reduction<T>>(t, axes.mask(t.ndim()));
  return detail::reduce_fresh<detail::min_reduction<T>, T>("min", t, axes, keepdims);
}
template <Element T>
Tensor<T> max(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  detail::check_has_identity<detail::max_reduction<T>>(t, axes.mask(t.ndim()));
  return detail::reduce_fresh<detail::max_reduction<T>, T>("max", t, axes, keepdims);
}

// np.any / np.all: whether some (every) element is nonzero, NaN counting as nonzero. An empty
// reduction gives False (True), as NumPy. Counted through sum, so no early exit.
template <Element T>
Tensor<bool> any(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return sum(t != T{0}, axes, keepdims) > 0;
}
template <Element T>
Tensor<bool> all(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return sum(t == T{0}, axes, keepdims) == 0;
}

// L2 norm, sqrt(sum(x * x)) (np.linalg.norm with ord=None). Like NumPy it does not rescale, so
// it overflows to inf where sum(x * x) does.
template <Element T>
Tensor<mean_t<T>> norm(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  using M = mean_t<T>;
  auto out = detail::reduce_fresh<detail::sum_squares_reduction<M>, M>("norm", t, axes, keepdims);
  detail::map_kernel([](M x) { return std::sqrt(x); }, out.shape(), out.data(), out.strides(),
                     detail::KernelArg<M>{out.data(), out.strides()});
  return out;
}

// Index of the smallest (argmin) or largest (argmax) element along `axis`, lowest index on ties
// and the first NaN if any. Fresh Tensor<int64_t>. Throws AxisError, and ValueError "attempt to
// get argmin of an empty sequence" when the axis is empty and the result is not.
template <Element T>
Tensor<std::int64_t> argmin(const Tensor<T>& t, index_t axis, bool keepdims = false) {
  return detail::arg_reduce<detail::argmin_order>(t, axis, keepdims);
}
template <Element T>
Tensor<std::int64_t> argmax(const Tensor<T>& t, index_t axis, bool keepdims = false) {
  return detail::arg_reduce<detail::argmax_order>(t, axis, keepdims);
}
// Over the flattened tensor in C order (NumPy's default axis=None): a 0-d tensor, or all-ones
// shape with keepdims.
template <Element T>
Tensor<std::int64_t> argmin(const Tensor<T>& t) {
  return detail::arg_reduce_flat<detail::argmin_order>(t, false);
}
template <Element T>
Tensor<std::int64_t> argmax(const Tensor<T>& t) {
  return detail::arg_reduce_flat<detail::argmax_order>(t, false);
}
// np.argmin(t, axis, out=out): out has t's shape without `axis` (or with it kept as 1). Allocates
// nothing. Throws ShapeError when out's shape is wrong, ValueError when out overlaps t.
template <Element T>
void argmin(const Tensor<T>& t, index_t axis, const Tensor<std::int64_t>& out) {
  const std::size_t a = normalize_axis(axis, t.ndim());
  Dims mask(t.ndim(), 0);
  mask[a] = 1;
  detail::check_reduce_out("argmin", out, t.shape(), mask);
  detail::check_no_overlap("argmin", t, out);
  detail::arg_reduce_to<detail::argmin_order>(t, a, out);
}
template <Element T>
void argmax(const Tensor<T>& t, index_t axis, const Tensor<std::int64_t>& out) {
  const std::size_t a = normalize_axis(axis, t.ndim());
  Dims mask(t.ndim(), 0);
  mask[a] = 1;
  detail::check_reduce_out("argmax", out, t.shape(), mask);
  detail::check_no_overlap("argmax", t, out);
  detail::arg_reduce_to<detail::argmax_order>(t, a, out);
}

}  // namespace einspan
