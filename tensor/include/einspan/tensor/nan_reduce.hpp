#pragma once
// Reductions that skip NaN: nansum, nanmean, nanmin, nanmax.
//
//   NumPy                        einspan
//   np.nansum(a, axis=1)         nansum(a, 1)            (NaN counts as 0)
//   np.nanmean(a, axis=(0, 1))   nanmean(a, {0, 1})      (mean of the non-NaN elements)
//   np.nanmin(a), np.nanmax(a)   nanmin(a), nanmax(a)    (NaN only where a slice is all NaN)
//   np.nansum(a, 0, out=o)       nansum(a, 0, o)         (also nanmean, nanmin, nanmax)
//
// Result types are those of sum, mean, min and max; on bool and integer tensors (which hold no
// NaN) each function is exactly its plain counterpart. As NumPy: nansum of nothing (or of all
// NaN) is 0; nanmean of an all-NaN slice is NaN; nanmin/nanmax of an all-NaN slice is NaN (NumPy
// adds a RuntimeWarning for these two), and of an empty slice throw ValueError "zero-size array
// to reduction operation fmin which has no identity".
//
// How it runs: nansum, nanmin and nanmax are one pass of the reduction engine (reduce.hpp), with
// the NaN test folded into the per-element map or combine; nanmean is nansum plus a count of the
// non-NaN elements (two passes, one temporary bool tensor of the input's size).
#include <einspan/tensor/reduce.hpp>

namespace einspan {

namespace detail {

template <class Acc>
struct nan_sum_reduction : sum_reduction<Acc> {
  template <class T>
  static Acc map(T x) {
    return x != x ? Acc{0} : static_cast<Acc>(x);
  }
};
// np.fmin / np.fmax: a NaN operand loses to a number. With NaN as the identity, a slice that is
// all NaN reduces to NaN, as NumPy's nanmin does.
template <class Acc>
struct fmin_reduction {
  static constexpr const char* name = "fmin";
  static Acc identity() { return std::numeric_limits<Acc>::quiet_NaN(); }
  template <class T>
  static Acc map(T x) {
    return x;
  }
  static Acc combine(Acc a, Acc b) { return ((a < b) | (b != b)) ? a : b; }
};
template <class Acc>
struct fmax_reduction : fmin_reduction<Acc> {
  static constexpr const char* name = "fmax";
  static Acc combine(Acc a, Acc b) { return ((a > b) | (b != b)) ? a : b; }
};

}  // namespace detail

// Sum with NaN counted as zero. Fresh tensor of sum's type; throws AxisError, ValueError for a
// repeated axis.
template <Element T>
Tensor<sum_t<T>> nansum(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  if constexpr (std::is_floating_point_v<T>)
    return detail::reduce_fresh<detail::nan_sum_reduction<T>, T>("nansum", t, axes, keepdims);
  else return sum(t, axes, keepdims);
}
// Out form: as sum's (accumulates in out's type, allocates nothing).
template <Element T, Element O>
void nansum(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "nansum: out's element type cannot hold the sum (same_kind rule)");
  if constexpr (std::is_floating_point_v<T>)
    detail::reduce_to<detail::nan_sum_reduction<O>>("nansum", t, axes.mask(t.ndim()), out);
  else sum(t, axes, out);
}

// Mean of the elements that are not NaN; NaN where there are none. Fresh tensor of mean's type;
// allocates a bool tensor of t's size for the count.
template <Element T>
Tensor<mean_t<T>> nanmean(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  if constexpr (std::is_floating_point_v<T>) {
    auto total = nansum(t, axes, keepdims);
    const auto count = sum(t == t, axes, keepdims);  // the elements that are not NaN
    // Divided in double and rounded to T, as NumPy's float32 / intp; 0 / 0 is NaN for an
    // all-NaN (or empty) slice.
    divide(total, count, total);
    return total;
  } else {
    return mean(t, axes, keepdims);
  }
}
// Out form: computed as above, then copied into out (kept dimensions optional). Throws
// ShapeError for out's shape, ValueError when out overlaps t.
template <Element T, Element O>
void nanmean(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<mean_t<T>, O>, "nanmean: out's element type cannot hold the mean (same_kind rule)");
  const Dims mask = axes.mask(t.ndim());
  detail::check_reduce_out("nanmean", out, t.shape(), mask);
  detail::check_no_overlap("nanmean", t, out);
  out.assign(nanmean(t, axes, out.ndim() == t.ndim()));
}

// Smallest (largest) element that is not NaN; NaN where a slice is all NaN. Fresh tensor of t's
// type. Throws ValueError "zero-size array to reduction operation fmin which has no identity"
// for an empty reduction with a non-empty result.
template <Element T>
Tensor<T> nanmin(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  if constexpr (std::is_floating_point_v<T>) {
    detail::check_has_identity<detail::fmin_reduction<T>>(t, axes.mask(t.ndim()));
    return detail::reduce_fresh<detail::fmin_reduction<T>, T>("nanmin", t, axes, keepdims);
  } else {
    return min(t, axes, keepdims);
  }
}
template <Element T>
Tensor<T> nanmax(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  if constexpr (std::is_floating_point_v<T>) {
    detail::check_has_identity<detail::fmax_reduction<T>>(t, axes.mask(t.ndim()));
    return detail::reduce_fresh<detail::fmax_reduction<T>, T>("nanmax", t, axes, keepdims);
  } else {
    return max(t, axes, keepdims);
  }
}
// Out forms: out has the reduced shape (kept dimensions optional) and t's type or one it casts
// to (same_kind); allocates nothing for float t.
template <Element T, Element O>
void nanmin(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<T, O>, "nanmin: out's element type cannot hold the result (same_kind rule)");
  const Dims mask = axes.mask(t.ndim());
  if constexpr (std::is_floating_point_v<T> && std::is_floating_point_v<O>) {
    detail::check_has_identity<detail::fmin_reduction<O>>(t, mask);
    detail::reduce_to<detail::fmin_reduction<O>>("nanmin", t, mask, out);
  } else {
    detail::check_reduce_out("nanmin", out, t.shape(), mask);
    detail::check_no_overlap("nanmin", t, out);
    out.assign(nanmin(t, axes, out.ndim() == t.ndim()));
  }
}
template <Element T, Element O>
void nanmax(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<T, O>, "nanmax: out's element type cannot hold the result (same_kind rule)");
  const Dims mask = axes.mask(t.ndim());
  if constexpr (std::is_floating_point_v<T> && std::is_floating_point_v<O>) {
    detail::check_has_identity<detail::fmax_reduction<O>>(t, mask);
    detail::reduce_to<detail::fmax_reduction<O>>("nanmax", t, mask, out);
  } else {
    detail::check_reduce_out("nanmax", out, t.shape(), mask);
    detail::check_no_overlap("nanmax", t, out);
    out.assign(nanmax(t, axes, out.ndim() == t.ndim()));
  }
}

}  // namespace einspan
