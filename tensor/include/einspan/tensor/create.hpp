#pragma once
// Creation functions, named and behaving as NumPy's. Each returns a fresh C-contiguous tensor,
// except from_external/adopt, which wrap memory the caller provides without copying it.
#include <cmath>
#include <einspan/tensor/tensor.hpp>
#include <functional>
#include <vector>

namespace einspan {

// Uninitialised elements (np.empty).
template <Element T>
Tensor<T> empty(Dims shape) {
  return Tensor<T>::fresh(std::move(shape));
}

// Every element equal to value (np.full).
template <Element T>
Tensor<T> full(Dims shape, T value) {
  Tensor<T> out = Tensor<T>::fresh(std::move(shape));
  std::fill_n(out.data(), out.size(), value);
  return out;
}

template <Element T>
Tensor<T> zeros(Dims shape) {
  return full<T>(std::move(shape), T{0});
}

template <Element T>
Tensor<T> ones(Dims shape) {
  return full<T>(std::move(shape), T{1});
}

// A 0-d tensor holding one value (np.array(value)).
template <Element T>
Tensor<T> scalar(T value) {
  return full<T>(Dims{}, value);
}

// np.empty_like, zeros_like, ones_like, full_like: a fresh C-contiguous tensor of t's shape, of
// t's element type unless one is given (zeros_like<float>(t)). full_like converts the value as an
// assignment does (ValueError for NaN or an out-of-range value into an integer type).
template <class U = void, Element T>
auto empty_like(const Tensor<T>& t) {
  return empty<std::conditional_t<std::is_void_v<U>, T, U>>(t.shape());
}
template <class U = void, Element T>
auto zeros_like(const Tensor<T>& t) {
  return zeros<std::conditional_t<std::is_void_v<U>, T, U>>(t.shape());
}
template <class U = void, Element T>
auto ones_like(const Tensor<T>& t) {
  return ones<std::conditional_t<std::is_void_v<U>, T, U>>(t.shape());
}
template <class U = void, Element T, Scalar S>
auto full_like(const Tensor<T>& t, S value) {
  using R = std::conditional_t<std::is_void_v<U>, T, U>;
  return full<R>(t.shape(), detail::scalar_as<R>(value));
}

// Values start, start+step, ... below stop (np.arange). The length is ceil((stop - start) / step),
// computed as NumPy does; step 0, a NaN bound and a length beyond int64 throw ValueError with
// NumPy's words.
template <Element T>
Tensor<T> arange(T start, T stop, T step = T{1}) {
  if (step == T{0}) throw ValueError("arange: step cannot be zero");
  const double span = std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step));
  if (std::isnan(span)) throw ValueError("arange: cannot compute length");
  if (span >= 0x1p63) throw ValueError("Maximum allowed size exceeded");
  const auto n = static_cast<index_t>(std::max(0.0, span));
  Tensor<T> out = Tensor<T>::fresh({n});
  // NumPy's fill: x[0] = start, x[1] = start + step, then x[i] = start + i * (x[1] - x[0]), which
  // for floats is not always start + i * step in the last bit (np.arange(1.0, 2.0, 0.1)[2]).
  T* x = out.data();
  if (n > 0) x[0] = start;
  if (n > 1) x[1] = static_cast<T>(start + step);
  const T delta = n > 1 ? static_cast<T>(x[1] - x[0]) : step;
  for (index_t i = 2; i < n; ++i) x[i] = static_cast<T>(start + static_cast<T>(i) * delta);
  return out;
}

template <Element T>
Tensor<T> arange(T stop) {
  return arange<T>(T{0}, stop, T{1});
}

// num evenly spaced values over [start, stop] (or [start, stop) without endpoint), np.linspace.
template <Element T>
  requires std::floating_point<T>
Tensor<T> linspace(T start, T stop, index_t num = 50, bool endpoint = true) {
  if (num < 0) throw ValueError(fmt::format("Number of samples, {}, must be non-negative.", num));
  Tensor<T> out = Tensor<T>::fresh({num});
  const index_t divisions = endpoint ? num - 1 : num;
  const double step = divisions > 0 ? (static_cast<double>(stop) - start) / static_cast<double>(divisions) : 0.0;
  for (index_t i = 0; i < num; ++i) out.data()[i] = static_cast<T>(start + static_cast<double>(i) * step);
  if (endpoint && num > 1) out.data()[num - 1] = stop;
  return out;
}

// Ones on the k-th diagonal of an n x m matrix, zeros elsewhere (np.eye); m defaults to n.
template <Element T>
Tensor<T> eye(index_t n, index_t m = -1, index_t k = 0) {
  if (m < 0) m = n;
  Tensor<T> out = zeros<T>({n, m});
  out.diagonal(k).fill(T{1});
  return out;
}

// A copy of `values` with the given shape (np.array(values).reshape(shape)). The shape may hold
// one -1. Throws ShapeError when the sizes disagree.
template <Element T>
Tensor<T> from_vector(const std::vector<T>& values, std::span<const index_t> shape) {
  Tensor<T> out = Tensor<T>::fresh(resolve_reshape(static_cast<index_t>(values.size()), shape));
  std::copy(values.begin(), values.end(), out.data());
  return out;
}
template <Element T>
Tensor<T> from_vector(const std::vector<T>& values, std::initializer_list<index_t> shape) {
  return from_vector(values, std::span(shape.begin(), shape.size()));
}
template <Element T>
Tensor<T> from_vector(const std::vector<T>& values) {
  return from_vector(values, {static_cast<index_t>(values.size())});
}

// Aliases caller-owned memory without copying. Ownership rule: einspan never frees it, and the
// caller must keep it alive for as long as this tensor or any view of it exists. Strides are
// in elements; by default the memory is taken as C-contiguous.
template <Element T>
Tensor<T> from_external(T* data, Dims shape, Dims strides = {}) {
  if (strides.empty() && !shape.empty()) strides = row_major_strides(shape);
  if (strides.size() != shape.size())
    throw ShapeError(fmt::format("from_external: {} strides given for shape {}", strides.size(), format_shape(shape)));
  return Tensor<T>(std::shared_ptr<T>(data, [](T*) {}), Layout{std::move(shape), std::move(strides), 0});
}

// Takes ownership of C-contiguous memory without copying: `release(data)` is called once, when
// the last tensor or view sharing it is destroyed.
template <Element T>
Tensor<T> adopt(T* data, Dims shape, std::function<void(T*)> release) {
  return Tensor<T>(std::shared_ptr<T>(data, std::move(release)), Layout::row_major(std::move(shape)));
}

}  // namespace einspan
