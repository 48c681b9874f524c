#pragma once
// Advanced indexing and joining: the NumPy idioms that copy data rather than make views.
//
//   NumPy                          einspan
//   np.bincount(labels, minlength) bincount(labels, minlength)          (Tensor<int64_t>)
//   (no NumPy form)                bincount(labels, minlength, out)     (into out, no allocation)
//   np.bincount(labels, weights=w) bincount(labels, w, minlength)       (Tensor<double>)
//   np.eye(k)[labels]              take(eye<double>(k), labels, 0)
//   np.take(a, idx, axis=1)        take(a, idx, 1)
//   a[mask]  (data[labels == i])   select(a, mask)
//   np.stack([a, b], axis=0)       stack({a, b}, 0)
//   np.concatenate([a, b], axis=0) concatenate({a, b}, 0)
//   np.allclose(a, b)              allclose(a, b)
//   np.array_equal(a, b)           array_equal(a, b)
//
// Every function returns a fresh C-contiguous tensor (never a view).
#include <algorithm>
#include <cmath>
#include <einspan/tensor/broadcast.hpp>
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan {

namespace detail {

template <class I>
void check_labels_1d(const Tensor<I>& labels) {
  if (labels.ndim() != 1)
    throw ValueError(fmt::format("bincount: object of too small or too large depth for the required array: "
                                 "labels must be 1-d, got shape {}",
                                 format_shape(labels.shape())));
}

// Calls f(labels[i]) for the elements of a 1-d tensor through its pointer and stride: the
// general element iterator recomputes a multi-dimensional position per element, which made
// bincount of 5000 labels cost 25 us instead of 5.
template <class I, class F>
void for_each_label(const Tensor<I>& labels, F&& f) {
  const I* p = labels.data();
  const index_t n = labels.size(), step = n > 1 ? labels.strides()[0] : 1;
  for (index_t i = 0; i < n; ++i) f(p[i * step]);
}

template <class I>
index_t bincount_length(const Tensor<I>& labels, index_t minlength) {
  if (minlength < 0) throw ValueError("'minlength' must not be negative");
  index_t top = -1;
  bool negative = false;
  for_each_label(labels, [&](I v) {
    negative |= v < 0;
    top = std::max<index_t>(top, v);
  });
  if (negative) {
    for_each_label(labels, [](I v) {
      if (v < 0) throw ValueError(fmt::format("'list' argument must have no negative elements (found {})", v));
    });
  }
  return std::max(top + 1, minlength);
}

}  // namespace detail

// How many times each value 0, 1, ..., max(labels) occurs (np.bincount), at least `minlength`
// bins. labels must be 1-d int32 or int64. Throws ValueError for a negative label or minlength,
// or labels that are not 1-d.
template <IntegerElement I>
Tensor<std::int64_t> bincount(const Tensor<I>& labels, index_t minlength = 0) {
  detail::check_labels_1d(labels);
  auto out = zeros<std::int64_t>({detail::bincount_length(labels, minlength)});
  std::int64_t* bins = out.data();
  detail::for_each_label(labels, [bins](I v) { ++bins[v]; });
  return out;
}

// bincount into an existing 1-d int64 tensor (a k-means loop counts cluster sizes every
// iteration): out is overwritten with the counts and must have exactly the length the allocating
// form would return, max(max(labels) + 1, minlength). Allocates nothing. Throws ValueError as
// bincount does, and ShapeError when out has another shape (out is then left unchanged).
template <IntegerElement I>
void bincount(const Tensor<I>& labels, index_t minlength, const Tensor<std::int64_t>& out) {
  detail::check_labels_1d(labels);
  const index_t length = detail::bincount_length(labels, minlength);
  if (out.ndim() != 1 || out.shape()[0] != length)
    throw ShapeError(fmt::format("bincount: out has shape {}, expected ({},) for these labels and minlength {}",
                                 format_shape(out.shape()), length, minlength));
  out.fill(0);
  std::int64_t* bins = out.data();
  const index_t step = out.strides()[0];
  detail::for_each_label(labels, [bins, step](I v) { bins[static_cast<index_t>(v) * step] += 1; });
}

// Weighted counts: bin i holds the sum of weights[j] over j with labels[j] == i (np.bincount with
// weights), as double. Throws ShapeError when weights and labels differ in shape.
template <IntegerElement I, Element W>
Tensor<double> bincount(const Tensor<I>& labels, const Tensor<W>& weights, index_t minlength = 0) {
  detail::check_labels_1d(labels);
  if (weights.shape() != labels.shape())
    throw ShapeError(fmt::format("bincount: the weights and list don't have the same length: {} and {}",
                                 format_shape(weights.shape()), format_shape(labels.shape())));
  auto out = zeros<double>({detail::bincount_length(labels, minlength)});
  double* bins = out.data();
  auto w = weights.begin();
  detail::for_each_label(labels, [bins, &w](I v) { bins[v] += static_cast<double>(*w++); });
  return out;
}

// Elements of t at `indices` along `axis` (np.take / fancy indexing t[indices] on that axis): the
// result's shape is t.shape[:axis] + indices.shape + t.shape[axis+1:]. Negative indices count
// from the end. Throws AxisError, and IndexError "index 5 is out of bounds for axis 0 with size 3".
// The same as t[{_, ..., indices}] with `axis` full slices (indexed.hpp), returned as a const copy.
template <Element T, IntegerElement I>
const Tensor<T> take(const Tensor<T>& t, const Tensor<I>& indices, index_t axis) {
  std::vector<AnyIndex> where(normalize_axis(axis, t.ndim()), AnyIndex(_));
  where.emplace_back(indices);
  return t.index(std::span<const AnyIndex>(where));
}

// Over the flattened tensor (np.take without axis): result shape is indices.shape.
template <Element T, IntegerElement I>
const Tensor<T> take(const Tensor<T>& t, const Tensor<I>& indices) {
  return take(t.reshape({-1}), indices, 0);
}

// NumPy's t[mask] for a boolean mask whose shape equals t's leading dimensions: the selected
// sub-arrays in C order, stacked along a new first axis of length count_nonzero(mask). Throws
// IndexError in NumPy's words when the shapes differ. The same as t[mask], as a const copy.
template <Element T>
const Tensor<T> select(const Tensor<T>& t, const Tensor<bool>& mask) {
  return t[mask];
}

namespace detail {

template <Element T>
void check_joinable(std::span<const Tensor<T>> tensors, const char* what) {
  if (tensors.empty()) throw ValueError(fmt::format("need at least one array to {}", what));
}

}  // namespace detail

// Joins tensors of equal rank along an existing axis (np.concatenate). Throws ValueError for an
// empty list or 0-d tensors, AxisError, and ShapeError in NumPy's words when the other
// dimensions differ.
template <Element T>
Tensor<T> concatenate(std::span<const Tensor<T>> tensors, index_t axis = 0) {
  detail::check_joinable(tensors, "concatenate");
  const Tensor<T>& first = tensors[0];
  if (first.ndim() == 0) throw ValueError("zero-dimensional arrays cannot be concatenated");
  const std::size_t a = normalize_axis(axis, first.ndim());
  Dims shape = first.shape();
  shape[a] = 0;
  for (std::size_t k = 0; k < tensors.size(); ++k) {
    const Tensor<T>& t = tensors[k];
    if (t.ndim() != first.ndim())
      throw ShapeError(fmt::format("all the input array dimensions except for the concatenation axis must match "
                                   "exactly, but the array at index 0 has {} dimension(s) and the array at index {} "
                                   "has {} dimension(s)",
                                   first.ndim(), k, t.ndim()));
    for (std::size_t i = 0; i < first.ndim(); ++i)
      if (i != a && t.shape()[i] != first.shape()[i])
        throw ShapeError(fmt::format("all the input array dimensions except for the concatenation axis must match "
                                     "exactly, but along dimension {}, the array at index 0 has size {} and the "
                                     "array at index {} has size {}",
                                     i, first.shape()[i], k, t.shape()[i]));
    shape[a] += t.shape()[a];
  }
  auto out = Tensor<T>::fresh(shape);
  index_t start = 0;
  for (const Tensor<T>& t : tensors) {
    std::vector<Index> where(a, Index(_));
    where.push_back(slice(start, start + t.shape()[a]));
    out.index(where).assign(t);
    start += t.shape()[a];
  }
  return out;
}
template <Element T>
Tensor<T> concatenate(std::initializer_list<Tensor<T>> tensors, index_t axis = 0) {
  return concatenate(std::span<const Tensor<T>>(tensors.begin(), tensors.size()), axis);
}

// Joins tensors of one shape along a new axis (np.stack); axis may be 0..ndim (negative counts
// from the end of the result). Throws ValueError for an empty list, AxisError, and ShapeError
// "all input arrays must have the same shape".
template <Element T>
Tensor<T> stack(std::span<const Tensor<T>> tensors, index_t axis = 0) {
  detail::check_joinable(tensors, "stack");
  const Dims& shape = tensors[0].shape();
  for (const Tensor<T>& t : tensors)
    if (t.shape() != shape)
      throw ShapeError(fmt::format("all input arrays must have the same shape, got {} and {}", format_shape(shape),
                                   format_shape(t.shape())));
  const std::size_t a = normalize_axis(axis, shape.size() + 1);
  Dims out_shape = shape;
  out_shape.insert(a, static_cast<index_t>(tensors.size()));
  auto out = Tensor<T>::fresh(out_shape);
  for (std::size_t k = 0; k < tensors.size(); ++k) {
    std::vector<Index> where(a, Index(_));
    where.push_back(static_cast<index_t>(k));
    out.index(where).assign(tensors[k]);
  }
  return out;
}
template <Element T>
Tensor<T> stack(std::initializer_list<Tensor<T>> tensors, index_t axis = 0) {
  return stack(std::span<const Tensor<T>>(tensors.begin(), tensors.size()), axis);
}

// True when a and b broadcast together and |a - b| <= atol + rtol * |b| everywhere (np.allclose;
// NaN is never close, infinities are close only to themselves). Throws ShapeError when the
// shapes do not broadcast.
template <Element A, Element B>
bool allclose(const Tensor<A>& a, const Tensor<B>& b, double rtol = 1e-5, double atol = 1e-8) {
  const Dims shape = broadcast_shapes({a.shape(), b.shape()});
  const Layout la = broadcast_layout(a.layout(), shape), lb = broadcast_layout(b.layout(), shape);
  const auto nest = detail::make_loop_nest<2>(shape, {std::span<const index_t>(la.strides), std::span<const index_t>(lb.strides)});
  bool close = true;
  detail::for_each_element(
      nest,
      [&](const A& x, const B& y) {
        const double u = static_cast<double>(x), v = static_cast<double>(y);
        // Infinities are close only to themselves (NumPy compares them separately).
        const bool ok = u == v || (std::isfinite(u) && std::isfinite(v) && std::abs(u - v) <= atol + rtol * std::abs(v));
        close = close && ok;
      },
      a.buffer().get() + la.offset, b.buffer().get() + lb.offset);
  return close;
}

// True when a and b have the same shape and equal elements (np.array_equal); never throws.
template <Element A, Element B>
bool array_equal(const Tensor<A>& a, const Tensor<B>& b) {
  if (a.shape() != b.shape()) return false;
  const auto nest = detail::make_loop_nest<2>(a.shape(), {std::span<const index_t>(a.strides()), std::span<const index_t>(b.strides())});
  bool equal = true;
  detail::for_each_element(
      nest,
      [&](const A& x, const B& y) {
        using C = promote_t<A, B>;
        equal = equal && (static_cast<C>(x) == static_cast<C>(y));
      },
      a.data(), b.data());
  return equal;
}

}  // namespace einspan
