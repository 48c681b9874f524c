#pragma once
// Statistics over axes: variance, standard deviation, peak to peak and the weighted average.
//
//   NumPy                                   einspan
//   a.var(axis=1), a.var(ddof=1)            var(a, 1), var(a, Axes::all(), 1)
//   a.std(axis=(0, 1), ddof=1, keepdims=1)  stddev(a, {0, 1}, 1, true)   (a C++ function cannot be std)
//   np.var(a, axis=1, out=o)                var(a, 1, 0, o)
//   np.ptp(a, axis=0), np.ptp(a, 0, out=o)  ptp(a, 0), ptp(a, 0, o)
//   np.average(a, axis=0)                   average(a, 0)                (= mean)
//   np.average(a, axis=0, weights=w)        average(a, 0, w)             (w as a, or 1-d along axis 0)
//
// Result types (NumPy's): var and stddev are float for float and double for everything else (as
// mean); ptp keeps the type and wraps around (ptp of int8 [-128, 127] is -1, as NumPy); average
// with weights is np.result_type(a, w), and at least double when a is bool or integer.
//
// var is NumPy's two-pass algorithm: the mean (pairwise sum / n), then the sum of squared
// deviations divided by max(n - ddof, 0). So ddof >= n gives inf (NaN when every deviation is 0,
// e.g. one element with ddof=1), where NumPy gives the same plus a RuntimeWarning "Degrees of
// freedom <= 0 for slice"; an empty reduction gives NaN.
//
// What they cost: var and stddev read the input twice and allocate one temporary of the input's
// size (the deviations, in the result type), as NumPy does; ptp reduces twice; average with
// weights allocates the products a * w. The out forms compute into a fresh tensor and copy it
// into out: they save nothing over the fresh forms, and exist so that NumPy code translates.
#include <algorithm>
#include <cmath>
#include <einspan/tensor/reduce.hpp>

namespace einspan {

// Type of np.average(a, weights=w).
template <Element T, Element W>
using average_t = std::conditional_t<std::is_floating_point_v<T>, promote_t<T, W>, promote_t<promote_t<T, W>, double>>;

namespace detail {

// The result of a reduction copied into out, which has the reduced shape with or without the
// kept dimensions (ShapeError otherwise) and must not overlap t (ValueError).
template <class T, class O, class Compute>
void assign_reduced(const char* what, const Tensor<T>& t, const Dims& mask, const Tensor<O>& out, Compute&& compute) {
  check_reduce_out(what, out, t.shape(), mask);
  check_no_overlap(what, t, out);
  out.assign(compute(out.ndim() == t.ndim() && !t.shape().empty()));
}

}  // namespace detail

// np.var(t, axis, ddof=ddof, keepdims=keepdims): mean of the squared deviations from the mean,
// divided by n - ddof. Fresh tensor of the reduced shape; allocates a temporary of t's size.
// Throws AxisError, ValueError for a repeated axis.
template <Element T>
Tensor<mean_t<T>> var(const Tensor<T>& t, const Axes& axes = Axes::all(), index_t ddof = 0, bool keepdims = false) {
  using M = mean_t<T>;
  const Dims mask = axes.mask(t.ndim());
  const index_t n = detail::reduced_count(t.shape(), mask);
  const Tensor<M> centre = mean(t, axes, true);
  auto deviation = Tensor<M>::fresh(t.shape());
  const Layout stretched = broadcast_layout(centre.layout(), t.shape());
  detail::map_kernel([](T x, M m) { return static_cast<M>(x) - m; }, deviation.shape(), deviation.data(),
                     deviation.strides(), detail::KernelArg<T>{t.data(), t.strides()},
                     detail::KernelArg<M>{centre.data(), stretched.strides});
  auto out = detail::reduce_fresh<detail::sum_squares_reduction<M>, M>("var", deviation, axes, keepdims);
  // Divided, as NumPy divides (not multiplied by a reciprocal); 0 degrees of freedom gives x / 0.
  const M divisor = static_cast<M>(std::max<index_t>(n - ddof, 0));
  detail::map_kernel([divisor](M x) { return x / divisor; }, out.shape(), out.data(), out.strides(),
                     detail::KernelArg<M>{out.data(), out.strides()});
  return out;
}
// np.var(t, axis, out=out, ddof=ddof): computed as above, then copied into out (kept dimensions
// optional). Throws ShapeError for out's shape, ValueError when out overlaps t.
template <Element T, Element O>
void var(const Tensor<T>& t, const Axes& axes, index_t ddof, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<mean_t<T>, O>, "var: out's element type cannot hold the variance (same_kind rule)");
  detail::assign_reduced("var", t, axes.mask(t.ndim()), out, [&](bool keep) { return var(t, axes, ddof, keep); });
}

// np.std: sqrt(var(t, axes, ddof)). Same types, costs and errors as var.
template <Element T>
Tensor<mean_t<T>> stddev(const Tensor<T>& t, const Axes& axes = Axes::all(), index_t ddof = 0, bool keepdims = false) {
  return sqrt(var(t, axes, ddof, keepdims));
}
template <Element T, Element O>
void stddev(const Tensor<T>& t, const Axes& axes, index_t ddof, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<mean_t<T>, O>,
                "stddev: out's element type cannot hold the deviation (same_kind rule)");
  detail::assign_reduced("stddev", t, axes.mask(t.ndim()), out, [&](bool keep) { return stddev(t, axes, ddof, keep); });
}

// np.ptp: max - min in t's own type (integers wrap around, as NumPy's subtraction does). Fresh
// tensor. Throws ValueError "zero-size array to reduction operation maximum which has no
// identity" for an empty reduction with a non-empty result, AxisError for a bad axis.
template <Element T>
Tensor<T> ptp(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  static_assert(!std::is_same_v<T, bool>,
                "ptp: numpy boolean subtract, the `-` operator, is not supported (NumPy raises TypeError); use "
                "any(t, axes) && !all(t, axes), or ptp(t.astype<std::int8_t>())");
  return max(t, axes, keepdims) - min(t, axes, keepdims);
}
template <Element T, Element O>
void ptp(const Tensor<T>& t, const Axes& axes, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<T, O>, "ptp: out's element type cannot hold the result (same_kind rule)");
  detail::assign_reduced("ptp", t, axes.mask(t.ndim()), out, [&](bool keep) { return ptp(t, axes, keep); });
}

// np.average(t, axis) without weights: the mean (same types, same NaN for an empty reduction).
template <Element T>
Tensor<mean_t<T>> average(const Tensor<T>& t, const Axes& axes = Axes::all(), bool keepdims = false) {
  return mean(t, axes, keepdims);
}

// np.average(t, axis, weights=w): sum(t * w) / sum(w) over the axes, in average_t<T, W>.
// `weights` has t's shape, or is 1-d with the length of the one axis reduced (NumPy's two
// forms). Fresh tensor; allocates the products. Throws ShapeError when the weights fit neither
// form (NumPy's TypeError/ValueError words: "Axis must be specified when shapes of a and weights
// differ.", "1D weights expected when shapes of a and weights differ.", "Length of weights not
// compatible with specified axis."), ValueError "Weights sum to zero, can't be normalized" when
// some sum of weights is zero (NumPy's ZeroDivisionError), AxisError for a bad axis.
template <Element T, Element W>
Tensor<average_t<T, W>> average(const Tensor<T>& t, const Axes& axes, const Tensor<W>& weights, bool keepdims = false) {
  using R = average_t<T, W>;
  const Dims mask = axes.mask(t.ndim());
  Tensor<W> w = weights;
  bool one_dimensional = false;
  if (weights.shape() != t.shape()) {
    if (axes.is_all()) throw ShapeError("Axis must be specified when shapes of a and weights differ.");
    if (weights.ndim() != 1) throw ShapeError("1D weights expected when shapes of a and weights differ.");
    const auto axis = static_cast<std::size_t>(std::find(mask.begin(), mask.end(), 1) - mask.begin());
    if (std::count(mask.begin(), mask.end(), 1) != 1 || weights.shape()[0] != t.shape()[axis])
      throw ShapeError(fmt::format("Length of weights not compatible with specified axis. (a has shape {}, weights {})",
                                   format_shape(t.shape()), format_shape(weights.shape())));
    Dims along(t.ndim(), 1);
    along[axis] = weights.shape()[0];
    w = weights.reshape(along);
    one_dimensional = true;
  }
  // Multiplied in R, as NumPy's multiply(a, w, dtype=R): uint8 products must not wrap.
  auto products = Tensor<R>::fresh(t.shape());
  detail::binary_into<detail::multiply_op, R>(t, w, products);
  auto total = sum(products, axes, keepdims);
  if (one_dimensional) {
    auto scale = Tensor<R>::fresh({});
    sum(weights, Axes::all(), scale);
    if (scale.item() == R{0}) throw ValueError("Weights sum to zero, can't be normalized");
    return total / scale.item();
  }
  auto scale = Tensor<R>::fresh(detail::reduced_shape(t.shape(), mask, keepdims));
  sum(weights, axes, scale);
  if (any(scale == R{0}).item()) throw ValueError("Weights sum to zero, can't be normalized");
  return total / scale;
}

}  // namespace einspan
