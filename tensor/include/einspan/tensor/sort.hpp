#pragma once
// Sorting along an axis, selection (partition) and binary search, with NumPy's names and order.
//
//   NumPy                                   einspan
//   np.sort(a)  (axis=-1)                   sort(a)                 (fresh copy)
//   np.sort(a, axis=0)                      sort(a, 0)
//   np.sort(a, axis=None)                   sort(a, std::nullopt)   (1-d, the flattened array)
//   np.argsort(a, kind="stable")            argsort(a)              (Tensor<int64_t>; always stable)
//   np.argsort(a, axis=None)                argsort(a, std::nullopt)
//   np.partition(a, 2, axis=0)              partition(a, 2, 0)
//   np.partition(a, [1, 3])                 partition(a, {1, 3})
//   np.argpartition(a, -1)                  argpartition(a, -1)
//   np.searchsorted(a, v)                   searchsorted(a, v)      (Tensor<int64_t> of v's shape)
//   np.searchsorted(a, 2.5, side="right")   searchsorted(a, 2.5, Side::right)  (or "right")
//
// Order: NumPy's. Floating NaNs (of either sign) sort after +inf; -0.0 and +0.0 compare equal, so
// argsort keeps them in input order. argsort is always stable (NumPy's kind="stable"); sort's
// order among equal elements shows only in the signs of zeros, and -0.0 and +0.0 may come out in
// either order, as from NumPy's default quicksort. kind= is not taken.
//
// Where it bites: sort and argsort of a 0-d tensor with an axis throw AxisError as NumPy's sort
// does (NumPy's argsort returns [0] there, a wart we do not copy); use std::nullopt for the
// flattened form. searchsorted assumes `a` sorted in this order and does not check it (NumPy
// neither): an unsorted `a` gives some index, never UB.
//
// How it runs: each 1-d lane along the axis is sorted in a contiguous buffer (the output itself
// when the axis is the last one). Lanes of 256 elements or more use an
// LSD radix sort on the order-preserving unsigned image of the IEEE/two's-complement bits, one
// byte per pass, skipping the passes in which every element has the same byte (int64 labels in
// [0, 2^20) take 3 passes, not 8); shorter lanes use std::sort (on (key, index) records for argsort,
// which keeps it stable). The measurements behind the rule are in src/sort_kernels.hpp.
// partition and argpartition use std::nth_element (introselect), O(n) per kth.
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/tensor.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace einspan {

// NumPy's side= of searchsorted: left gives the first index i with v <= a[i], right the first with
// v < a[i].
enum class Side { left, right };

namespace detail {

// The lane kernels, compiled once per element type in src/sort.cpp. `out` has `in`'s shape;
// `axis` is already normalised. kth is normalised, sorted and unique.
template <Element T>
void sort_lanes(const Tensor<T>& in, std::size_t axis, const Tensor<T>& out);
template <Element T>
void argsort_lanes(const Tensor<T>& in, std::size_t axis, const Tensor<std::int64_t>& out);
template <Element T>
void partition_lanes(const Tensor<T>& in, std::size_t axis, std::span<const index_t> kth, const Tensor<T>& out);
template <Element T>
void argpartition_lanes(const Tensor<T>& in, std::size_t axis, std::span<const index_t> kth,
                        const Tensor<std::int64_t>& out);
// out[i] = insertion point of v[i] in the sorted 1-d contiguous `a` (n elements).
template <Element T>
void searchsorted_into(const T* a, index_t n, const Tensor<T>& v, Side side, const Tensor<std::int64_t>& out);

#define EINSPAN_SORT_EXTERN(T)                                                                                  \
  extern template void sort_lanes<T>(const Tensor<T>&, std::size_t, const Tensor<T>&);                          \
  extern template void argsort_lanes<T>(const Tensor<T>&, std::size_t, const Tensor<std::int64_t>&);            \
  extern template void partition_lanes<T>(const Tensor<T>&, std::size_t, std::span<const index_t>,             \
                                          const Tensor<T>&);                                                    \
  extern template void argpartition_lanes<T>(const Tensor<T>&, std::size_t, std::span<const index_t>,          \
                                             const Tensor<std::int64_t>&);                                      \
  extern template void searchsorted_into<T>(const T*, index_t, const Tensor<T>&, Side, const Tensor<std::int64_t>&);
EINSPAN_SORT_EXTERN(float)
EINSPAN_SORT_EXTERN(double)
EINSPAN_SORT_EXTERN(bool)
EINSPAN_SORT_EXTERN(std::int8_t)
EINSPAN_SORT_EXTERN(std::int16_t)
EINSPAN_SORT_EXTERN(std::int32_t)
EINSPAN_SORT_EXTERN(std::int64_t)
EINSPAN_SORT_EXTERN(std::uint8_t)
EINSPAN_SORT_EXTERN(std::uint16_t)
EINSPAN_SORT_EXTERN(std::uint32_t)
EINSPAN_SORT_EXTERN(std::uint64_t)
#undef EINSPAN_SORT_EXTERN

// The tensor the axis form works on: `a` itself with its axis normalised, or for std::nullopt
// (NumPy's axis=None) the flattened array (a view when the strides allow) with axis 0.
template <Element T>
std::pair<Tensor<T>, std::size_t> sort_operand(const Tensor<T>& a, std::optional<index_t> axis) {
  if (!axis) return {a.ravel(), 0};
  return {a, normalize_axis(*axis, a.ndim())};
}

// kth normalised against an axis of length n (negative counts from the end), sorted and unique.
// Throws ValueError "kth(=5) out of bounds (5)", NumPy's words (which quote a negative kth after
// adding n).
Dims normalize_kth(std::span<const index_t> kth, index_t n);

}  // namespace detail

// A sorted copy of `a` along `axis` (default the last; std::nullopt sorts the flattened array
// into a 1-d result). Returns a fresh C-contiguous tensor. Throws AxisError for an axis out of
// range (any axis of a 0-d tensor).
template <Element T>
Tensor<T> sort(const Tensor<T>& a, std::optional<index_t> axis = -1) {
  const auto [in, ax] = detail::sort_operand(a, axis);
  Tensor<T> out = Tensor<T>::fresh(in.shape());
  detail::sort_lanes(in, ax, out);
  return out;
}

// The indices that sort `a` along `axis` (stable: equal elements keep their order), as a fresh
// Tensor<int64_t> of a's shape (1-d for std::nullopt). Throws AxisError as sort does.
template <Element T>
Tensor<std::int64_t> argsort(const Tensor<T>& a, std::optional<index_t> axis = -1) {
  const auto [in, ax] = detail::sort_operand(a, axis);
  Tensor<std::int64_t> out = Tensor<std::int64_t>::fresh(in.shape());
  detail::argsort_lanes(in, ax, out);
  return out;
}

// A copy of `a` in which, along `axis`, each element kth[j] is where a full sort would put it,
// with no larger element before it and no smaller one after it (the order within the parts is
// unspecified, as NumPy's). kth may be negative; several kth are all placed. Throws ValueError
// "kth(=5) out of bounds (5)" (not for an empty a, which NumPy does not check either) and
// AxisError. Returns a fresh C-contiguous tensor.
template <Element T>
Tensor<T> partition(const Tensor<T>& a, std::span<const index_t> kth, std::optional<index_t> axis = -1) {
  const auto [in, ax] = detail::sort_operand(a, axis);
  const Dims ks = in.size() == 0 ? Dims{} : detail::normalize_kth(kth, in.shape()[ax]);
  Tensor<T> out = Tensor<T>::fresh(in.shape());
  detail::partition_lanes(in, ax, std::span<const index_t>(ks), out);
  return out;
}
template <Element T>
Tensor<T> partition(const Tensor<T>& a, index_t kth, std::optional<index_t> axis = -1) {
  return partition(a, std::span<const index_t>(&kth, 1), axis);
}
template <Element T>
Tensor<T> partition(const Tensor<T>& a, std::initializer_list<index_t> kth, std::optional<index_t> axis = -1) {
  return partition(a, std::span<const index_t>(kth.begin(), kth.size()), axis);
}

// The indices that partition `a` (see partition) as a fresh Tensor<int64_t> of a's shape.
template <Element T>
Tensor<std::int64_t> argpartition(const Tensor<T>& a, std::span<const index_t> kth, std::optional<index_t> axis = -1) {
  const auto [in, ax] = detail::sort_operand(a, axis);
  const Dims ks = in.size() == 0 ? Dims{} : detail::normalize_kth(kth, in.shape()[ax]);
  Tensor<std::int64_t> out = Tensor<std::int64_t>::fresh(in.shape());
  detail::argpartition_lanes(in, ax, std::span<const index_t>(ks), out);
  return out;
}
template <Element T>
Tensor<std::int64_t> argpartition(const Tensor<T>& a, index_t kth, std::optional<index_t> axis = -1) {
  return argpartition(a, std::span<const index_t>(&kth, 1), axis);
}
template <Element T>
Tensor<std::int64_t> argpartition(const Tensor<T>& a, std::initializer_list<index_t> kth,
                                  std::optional<index_t> axis = -1) {
  return argpartition(a, std::span<const index_t>(kth.begin(), kth.size()), axis);
}

namespace detail {
Side parse_side(std::string_view side);

// `a` as a contiguous 1-d tensor of C (a view when it already is one).
template <Element C, Element T>
Tensor<C> searchsorted_haystack(const Tensor<T>& a) {
  if (a.ndim() != 1)
    throw ValueError(fmt::format("object too deep for desired array: searchsorted needs a 1-d a, got shape {}",
                                 format_shape(a.shape())));
  if constexpr (std::is_same_v<C, T>) return a.contiguous();
  else return a.template astype<C>();
}
}  // namespace detail

// For each element of v, the index at which inserting it into the sorted 1-d `a` keeps `a`
// sorted (NaN-last order): a fresh Tensor<int64_t> of v's shape. a and v are compared in their
// promoted type (NumPy's common dtype; a converted copy is made only when the types differ).
// Throws ValueError when a is not 1-d.
template <Element T, Element U>
Tensor<std::int64_t> searchsorted(const Tensor<T>& a, const Tensor<U>& v, Side side = Side::left) {
  using C = promote_t<T, U>;
  const Tensor<C> hay = detail::searchsorted_haystack<C>(a);
  Tensor<std::int64_t> out = Tensor<std::int64_t>::fresh(v.shape());
  if constexpr (std::is_same_v<C, U>) detail::searchsorted_into<C>(hay.data(), hay.size(), v, side, out);
  else detail::searchsorted_into<C>(hay.data(), hay.size(), v.template astype<C>(), side, out);
  return out;
}
// side as NumPy spells it: "left" or "right"; anything else throws ValueError "search side must be
// 'left' or 'right' (got 'foo')".
template <Element T, Element U>
Tensor<std::int64_t> searchsorted(const Tensor<T>& a, const Tensor<U>& v, std::string_view side) {
  return searchsorted(a, v, detail::parse_side(side));
}
// One value: its insertion index.
template <Element T, Scalar S>
std::int64_t searchsorted(const Tensor<T>& a, S v, Side side = Side::left) {
  using C = scalar_promote_t<T, S>;
  return searchsorted(a, scalar<C>(detail::scalar_as<C>(v)), side).item();
}
template <Element T, Scalar S>
std::int64_t searchsorted(const Tensor<T>& a, S v, std::string_view side) {
  return searchsorted(a, v, detail::parse_side(side));
}

}  // namespace einspan
