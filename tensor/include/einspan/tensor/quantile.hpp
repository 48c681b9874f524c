#pragma once
// Order statistics: median, percentile and quantile over one axis, several axes or all of them,
// with NumPy's default "linear" method.
//
//   NumPy                                   einspan
//   np.median(a)                            median(a)                    (0-d tensor; .item())
//   np.median(a, axis=1, keepdims=True)     median(a, 1, true)
//   np.median(a, axis=(0, 2))               median(a, {0, 2})
//   np.quantile(a, 0.25, axis=0)            quantile(a, 0.25, 0)
//   np.quantile(a, [0.25, 0.75])            quantile(a, {0.25, 0.75})    (q's axis first, as NumPy)
//   np.percentile(a, [5, 95], axis=-1)      percentile(a, {5, 95}, -1)
//
// Result types (NumPy 1.24's): median keeps float and double and gives double for integers and
// bool; quantile and percentile give double for every input (NumPy promotes with q's float64).
// quantile and percentile of bool do not compile, as NumPy raises TypeError there.
//
// Values: "linear" interpolation between the order statistics at floor and ceil of
// q * (n - 1), computed with NumPy's formula (a + (b - a) * g, or b - (b - a) * (1 - g) when
// g >= 0.5), so results match NumPy's to the last bit; median of an even count is the mean of
// the two middle values, as NumPy's. One difference: for integer inputs b - a is taken in
// double, where NumPy subtracts in the integer type and can wrap (np.quantile(int8 [-100, 100],
// 0.5) is 128 there, 0 here).
//
// Where it bites: a slice that holds a NaN gives NaN (NumPy's rule; nanmedian is not in einspan).
// median of an empty slice is NaN (NumPy also warns); quantile and percentile of an empty slice
// throw IndexError in NumPy's words ("cannot do a non-empty take from an empty axes.").
// q outside [0, 1] (percentile: [0, 100]) or NaN throws ValueError in NumPy's words.
//
// Cost: the reduced axes are copied once into a contiguous buffer (the input is never modified),
// then each slice is scanned for NaN and std::nth_element (introselect, O(n)) places the order
// statistics needed; there is no full sort.
#include <einspan/tensor/reduce.hpp>
#include <einspan/tensor/tensor.hpp>
#include <initializer_list>
#include <span>

namespace einspan {

namespace detail {
// out[r] for each of the slices r of `a` over the axes flagged in `mask`, in C order of the kept
// axes. quantile_rows writes q.size() blocks of that many results, q-major.
template <Element T>
void median_rows(const Tensor<T>& a, const Dims& mask, mean_t<T>* out);
template <Element T>
void quantile_rows(const Tensor<T>& a, const Dims& mask, std::span<const double> q, double* out);
// q checked against [0, 1] and scaled: percentile divides by 100 first.
std::vector<double> checked_quantiles(std::span<const double> q, bool percent);

#define EINSPAN_QUANTILE_EXTERN(T)                                                 \
  extern template void median_rows<T>(const Tensor<T>&, const Dims&, mean_t<T>*); \
  extern template void quantile_rows<T>(const Tensor<T>&, const Dims&, std::span<const double>, double*);
EINSPAN_QUANTILE_EXTERN(float)
EINSPAN_QUANTILE_EXTERN(double)
EINSPAN_QUANTILE_EXTERN(std::int8_t)
EINSPAN_QUANTILE_EXTERN(std::int16_t)
EINSPAN_QUANTILE_EXTERN(std::int32_t)
EINSPAN_QUANTILE_EXTERN(std::int64_t)
EINSPAN_QUANTILE_EXTERN(std::uint8_t)
EINSPAN_QUANTILE_EXTERN(std::uint16_t)
EINSPAN_QUANTILE_EXTERN(std::uint32_t)
EINSPAN_QUANTILE_EXTERN(std::uint64_t)
#undef EINSPAN_QUANTILE_EXTERN
extern template void median_rows<bool>(const Tensor<bool>&, const Dims&, double*);

template <Element T>
Tensor<double> quantile_impl(const Tensor<T>& a, std::span<const double> q, bool q_is_list, bool percent,
                             const Axes& axes, bool keepdims) {
  static_assert(!std::is_same_v<T, bool>,
                "einspan: quantile and percentile of bool are not defined (NumPy raises TypeError: numpy "
                "boolean subtract). Convert first: quantile(a.template astype<std::int64_t>(), q).");
  const std::vector<double> qs = checked_quantiles(q, percent);
  const Dims mask = axes.mask(a.ndim());
  Dims shape;
  if (q_is_list) shape.push_back(static_cast<index_t>(qs.size()));
  for (const index_t d : reduced_shape(a.shape(), mask, keepdims)) shape.push_back(d);
  Tensor<double> out = Tensor<double>::fresh(shape);
  quantile_rows(a, mask, std::span<const double>(qs), out.data());
  return out;
}
}  // namespace detail

// The median over `axes` (default all): a fresh tensor of the reduced shape (0-d for all axes
// without keepdims). Throws AxisError / ValueError for bad axes. Does not modify a.
template <Element T>
Tensor<mean_t<T>> median(const Tensor<T>& a, const Axes& axes = Axes::all(), bool keepdims = false) {
  const Dims mask = axes.mask(a.ndim());
  Tensor<mean_t<T>> out = Tensor<mean_t<T>>::fresh(detail::reduced_shape(a.shape(), mask, keepdims));
  detail::median_rows(a, mask, out.data());
  return out;
}

// The q-th quantile(s) over `axes`, q in [0, 1]: a fresh Tensor<double> of the reduced shape, with
// a leading axis of q.size() for a list of q. Throws ValueError "Quantiles must be in the range
// [0, 1]", IndexError for an empty slice, AxisError for bad axes.
template <Element T>
Tensor<double> quantile(const Tensor<T>& a, double q, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::quantile_impl(a, std::span<const double>(&q, 1), false, false, axes, keepdims);
}
template <Element T>
Tensor<double> quantile(const Tensor<T>& a, std::span<const double> q, const Axes& axes = Axes::all(),
                        bool keepdims = false) {
  return detail::quantile_impl(a, q, true, false, axes, keepdims);
}
template <Element T>
Tensor<double> quantile(const Tensor<T>& a, std::initializer_list<double> q, const Axes& axes = Axes::all(),
                        bool keepdims = false) {
  return detail::quantile_impl(a, std::span<const double>(q.begin(), q.size()), true, false, axes, keepdims);
}

// quantile with q in percent, [0, 100] ("Percentiles must be in the range [0, 100]").
template <Element T>
Tensor<double> percentile(const Tensor<T>& a, double q, const Axes& axes = Axes::all(), bool keepdims = false) {
  return detail::quantile_impl(a, std::span<const double>(&q, 1), false, true, axes, keepdims);
}
template <Element T>
Tensor<double> percentile(const Tensor<T>& a, std::span<const double> q, const Axes& axes = Axes::all(),
                          bool keepdims = false) {
  return detail::quantile_impl(a, q, true, true, axes, keepdims);
}
template <Element T>
Tensor<double> percentile(const Tensor<T>& a, std::initializer_list<double> q, const Axes& axes = Axes::all(),
                          bool keepdims = false) {
  return detail::quantile_impl(a, std::span<const double>(q.begin(), q.size()), true, true, axes, keepdims);
}

}  // namespace einspan
