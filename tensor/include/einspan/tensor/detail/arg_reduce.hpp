#pragma once
// argmin / argmax along one axis or over the flattened tensor: NumPy's semantics (ties go to the
// lowest index, the first NaN wins), walked so that the inner loop is unit-stride. Unit-stride
// rows are scanned by the dispatched kernels of src/minmax_kernels.cpp (reduce_kernels.hpp).
#include <einspan/tensor/detail/reduce_driver.hpp>
#include <einspan/tensor/detail/reduce_kernels.hpp>

namespace einspan::detail {

struct argmin_order {
  static constexpr const char* name = "argmin";
  // True when v should replace best: strictly smaller (ties keep the lowest index), or the first
  // NaN (after which nothing replaces it).
  template <class T>
  static bool better(T v, T best) {
    return v < best || (v != v && best == best);
  }
};
struct argmax_order {
  static constexpr const char* name = "argmax";
  template <class T>
  static bool better(T v, T best) {
    return v > best || (v != v && best == best);
  }
};

template <class Order, class T>
std::int64_t arg_scan_strided(const T* q, index_t length, index_t step) {
  T best = q[0];
  std::int64_t at = 0;
  for (index_t r = 1; r < length; ++r) {
    const T v = q[r * step];
    if (Order::better(v, best)) {
      best = v;
      at = r;
    }
  }
  return at;
}

// o[j * out_stride] = the index of the best of row j (q + j * row_stride, `length` unit-stride
// elements), for j in [0, rows): one call of the dispatched kernel per row for 4- and 8-byte
// elements, the scalar scan for narrower ones (lanes as wide as T could not count far enough).
template <class Order, class T>
void arg_scan_rows(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o, index_t out_stride) {
  if constexpr (has_arg_scan_kernel<T>) {
    if constexpr (std::is_same_v<Order, argmin_order>) argmin_rows(q, length, rows, row_stride, o, out_stride);
    else argmax_rows(q, length, rows, row_stride, o, out_stride);
  } else {
    for (index_t j = 0; j < rows; ++j) o[j * out_stride] = arg_scan_strided<Order>(q + j * row_stride, length, 1);
  }
}

// Writes into `out` (the input shape without `axis`, or with it kept as size 1) the index along
// `axis` of the best element. Allocates nothing: when the axis is not innermost in memory, the
// running best values of a block of outputs live in a stack array.
template <class Order, class T>
void arg_reduce_to(const Tensor<T>& in, std::size_t axis, const Tensor<std::int64_t>& out) {
  const index_t length = in.shape()[axis], step = in.strides()[axis];
  // The other axes of the input, and out's strides laid over them.
  Dims rest_shape, rest_in, rest_out;
  const bool keepdims = out.ndim() == in.ndim();
  for (std::size_t i = 0, k = 0; i < in.ndim(); ++i) {
    if (i == axis) {
      if (keepdims) ++k;
      continue;
    }
    rest_shape.push_back(in.shape()[i]);
    rest_in.push_back(in.strides()[i]);
    rest_out.push_back(out.strides()[k++]);
  }
  if (shape_size(rest_shape) == 0) return;
  if (length == 0) throw ValueError(fmt::format("attempt to get {} of an empty sequence", Order::name));
  index_t smallest_rest = std::numeric_limits<index_t>::max();
  for (std::size_t i = 0; i < rest_shape.size(); ++i)
    if (rest_shape[i] > 1) smallest_rest = std::min(smallest_rest, std::abs(rest_in[i]));
  const bool axis_innermost = std::abs(step) <= smallest_rest;
  const auto nest = make_loop_nest<2>(rest_shape, {std::span<const index_t>(rest_in), std::span<const index_t>(rest_out)});
  if (axis_innermost) {
    // One scan along the axis per output element.
    for_each_run(
        nest,
        [&](index_t n, const std::array<index_t, 2>& s, const T* p, std::int64_t* o) {
          if (step == 1) {
            arg_scan_rows<Order>(p, length, n, s[0], o, s[1]);
            return;
          }
          for (index_t j = 0; j < n; ++j) o[j * s[1]] = arg_scan_strided<Order>(p + j * s[0], length, step);
        },
        in.data(), out.data());
    return;
  }
  // The axis is an outer one: sweep it row by row over blocks of outputs, comparing each row with
  // the running best (a vectorisable compare-and-blend when the rows are unit-stride).
  for_each_run(
      nest,
      [&](index_t n, const std::array<index_t, 2>& s, const T* p, std::int64_t* o) {
        constexpr index_t block = 256;
        T best[block];
        for (index_t j0 = 0; j0 < n; j0 += block) {
          const index_t m = std::min(block, n - j0);
          const T* base = p + j0 * s[0];
          std::int64_t* idx = o + j0 * s[1];
          for (index_t j = 0; j < m; ++j) {
            best[j] = base[j * s[0]];
            idx[j * s[1]] = 0;
          }
          for (index_t r = 1; r < length; ++r) {
            const T* row = base + r * step;
            if (s[0] == 1 && s[1] == 1) {
              for (index_t j = 0; j < m; ++j) {
                const bool b = Order::better(row[j], best[j]);
                best[j] = b ? row[j] : best[j];
                idx[j] = b ? r : idx[j];
              }
            } else {
              for (index_t j = 0; j < m; ++j) {
                if (Order::better(row[j * s[0]], best[j])) {
                  best[j] = row[j * s[0]];
                  idx[j * s[1]] = r;
                }
              }
            }
          }
        }
      },
      in.data(), out.data());
}

template <class Order, class T>
Tensor<std::int64_t> arg_reduce(const Tensor<T>& in, index_t axis, bool keepdims) {
  const std::size_t a = normalize_axis(axis, in.ndim());
  Dims mask(in.ndim(), 0);
  mask[a] = 1;
  auto out = Tensor<std::int64_t>::fresh(reduced_shape(in.shape(), mask, keepdims));
  arg_reduce_to<Order>(in, a, out);
  return out;
}

// Over the flattened tensor (C order), as NumPy's argmin without axis.
template <class Order, class T>
Tensor<std::int64_t> arg_reduce_flat(const Tensor<T>& in, bool keepdims) {
  auto out = Tensor<std::int64_t>::fresh(reduced_shape(in.shape(), Dims(in.ndim(), 1), keepdims));
  if (in.size() == 0) throw ValueError(fmt::format("attempt to get {} of an empty sequence", Order::name));
  const Tensor<T> flat = in.reshape({-1});
  arg_reduce_to<Order>(flat, 0, out.reshape({}));
  return out;
}


}  // namespace einspan::detail
