#pragma once
// Running sums and products along an axis: cumsum, cumprod.
//
//   NumPy                         einspan
//   np.cumsum(a, axis=1)          cumsum(a, 1)         (a's shape; negative axes count from the end)
//   np.cumsum(a)                  cumsum(a)            (axis=None: the flattened tensor, C order, 1-d)
//   np.cumsum(a, axis=0, out=o)   cumsum(a, 0, o)      (allocates nothing; o may be a itself)
//   np.cumprod(a, axis=1)         cumprod(a, 1)        (and the same three forms)
//
// Result types are sum's (bool and signed integers -> int64, unsigned -> uint64, float and double
// keep their type); integers wrap around on overflow, as NumPy's. The out forms accumulate in
// out's type. The sums are sequential (element i is exactly fl(out[i-1] + a[i])), which is
// NumPy's order too, so results match NumPy's to the bit; they are not pairwise, so the last
// element can differ from sum(a) in the last bits for floats.
//
// Deliberate difference: NumPy treats a 0-d tensor as 1-d when an axis is given (np.cumsum(5,
// axis=0) is [5]); einspan throws AxisError there, as for every other axis argument on a 0-d
// tensor. The flattened form accepts 0-d and returns a 1-element tensor, as NumPy.
//
// How it runs: when the axis is the input's innermost in memory, one sequential scan per output
// line (a unit-stride loop for contiguous input); otherwise the axis is swept row by row, each
// output row being the previous one plus the input row, a vectorised unit-stride loop.
#include <einspan/tensor/reduce.hpp>

namespace einspan {

namespace detail {

// out = scan of `in` along `axis` with Op (its identity, map and combine, as the reductions').
// out has in's shape; it may be the very same view as in, not any other overlap.
template <class Op, class T, class O>
void scan_to(const Tensor<T>& in, std::size_t axis, const Tensor<O>& out) {
  const index_t length = in.shape()[axis], step = in.strides()[axis], out_step = out.strides()[axis];
  Dims rest_shape, rest_in, rest_out;
  for (std::size_t i = 0; i < in.ndim(); ++i) {
    if (i == axis) continue;
    rest_shape.push_back(in.shape()[i]);
    rest_in.push_back(in.strides()[i]);
    rest_out.push_back(out.strides()[i]);
  }
  if (length == 0 || shape_size(rest_shape) == 0) return;
  index_t smallest_rest = std::numeric_limits<index_t>::max();
  for (std::size_t i = 0; i < rest_shape.size(); ++i)
    if (rest_shape[i] > 1) smallest_rest = std::min(smallest_rest, std::abs(rest_in[i]));
  const bool axis_innermost = std::abs(step) <= smallest_rest;
  const auto nest = make_loop_nest<2>(rest_shape, {std::span<const index_t>(rest_in), std::span<const index_t>(rest_out)});
  if (axis_innermost) {
    for_each_run(
        nest,
        [&](index_t n, const std::array<index_t, 2>& s, const T* p, O* o) {
          for (index_t j = 0; j < n; ++j) {
            const T* q = p + j * s[0];
            O* r = o + j * s[1];
            O acc = Op::identity();
            if (step == 1 && out_step == 1) {
              for (index_t i = 0; i < length; ++i) {
                acc = Op::combine(acc, Op::map(q[i]));
                r[i] = acc;
              }
            } else {
              for (index_t i = 0; i < length; ++i) {
                acc = Op::combine(acc, Op::map(q[i * step]));
                r[i * out_step] = acc;
              }
            }
          }
        },
        in.data(), out.data());
    return;
  }
  for_each_run(
      nest,
      [&](index_t n, const std::array<index_t, 2>& s, const T* p, O* o) {
        for (index_t j = 0; j < n; ++j) o[j * s[1]] = Op::map(p[j * s[0]]);
        for (index_t i = 1; i < length; ++i) {
          const T* row = p + i * step;
          O* dst = o + i * out_step;
          const O* prev = dst - out_step;
          if (s[0] == 1 && s[1] == 1) {
#pragma omp simd
            for (index_t j = 0; j < n; ++j) dst[j] = Op::combine(prev[j], Op::map(row[j]));
          } else {
            for (index_t j = 0; j < n; ++j) dst[j * s[1]] = Op::combine(prev[j * s[1]], Op::map(row[j * s[0]]));
          }
        }
      },
      in.data(), out.data());
}

// The scan's out: t's shape, and no overlap with t other than being the identical view.
template <class T, class O>
void check_scan_out(const char* what, const Tensor<T>& t, const Tensor<O>& out, std::span<const index_t> shape) {
  if (!std::equal(out.shape().begin(), out.shape().end(), shape.begin(), shape.end()))
    throw ShapeError(fmt::format("{}: output array of shape {} does not match the result shape {}", what,
                                 format_shape(out.shape()), format_shape(Dims(shape.begin(), shape.end()))));
  if (!may_share_memory(t, out)) return;
  const bool identical = static_cast<const void*>(t.data()) == static_cast<const void*>(out.data()) &&
                         sizeof(T) == sizeof(O) && t.strides() == out.strides() && t.shape() == out.shape();
  if (!identical) throw ValueError(fmt::format("{}: the output array overlaps the input; pass a separate array", what));
}

template <class Op, class T, class O>
void scan_axis(const char* what, const Tensor<T>& t, index_t axis, const Tensor<O>& out) {
  const std::size_t a = normalize_axis(axis, t.ndim());
  check_scan_out(what, t, out, t.shape());
  scan_to<Op>(t, a, out);
}

// The flattened scan (axis=None): t in C order into the 1-d out of t.size() elements.
template <class Op, class T, class O>
void scan_flat(const char* what, const Tensor<T>& t, const Tensor<O>& out) {
  const index_t n = t.size();
  check_scan_out(what, t, out, std::span<const index_t>(&n, 1));
  if (t.is_contiguous()) {
    scan_to<Op>(t.reshape({-1}), 0, out);
    return;
  }
  // A strided tensor is walked in C order by its iterator rather than copied.
  O acc = Op::identity();
  O* o = out.data();
  const index_t s = out.strides()[0];
  index_t i = 0;
  for (const T& x : t) {
    acc = Op::combine(acc, Op::map(x));
    o[i++ * s] = acc;
  }
}

}  // namespace detail

// np.cumsum(t, axis): running sums along `axis`. Fresh tensor of t's shape and sum's type.
// Throws AxisError for an axis out of range (and for any axis of a 0-d tensor).
template <Element T>
Tensor<sum_t<T>> cumsum(const Tensor<T>& t, index_t axis) {
  auto out = Tensor<sum_t<T>>::fresh(t.shape());
  detail::scan_axis<detail::sum_reduction<sum_t<T>>>("cumsum", t, axis, out);
  return out;
}
// np.cumsum(t): running sums of the flattened tensor (C order), 1-d of t.size() elements.
template <Element T>
Tensor<sum_t<T>> cumsum(const Tensor<T>& t) {
  auto out = Tensor<sum_t<T>>::fresh({t.size()});
  detail::scan_flat<detail::sum_reduction<sum_t<T>>>("cumsum", t, out);
  return out;
}
// np.cumsum(t, axis, out=out): out has t's shape (1-d of t.size() for the flattened form) and a
// type the sum casts to (same_kind); accumulates in out's type. out may be t itself (an in-place
// running sum), not a different view of t's memory. Allocates nothing. Throws ShapeError,
// ValueError for overlap, AxisError.
template <Element T, Element O>
void cumsum(const Tensor<T>& t, index_t axis, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "cumsum: out's element type cannot hold the sum (same_kind rule)");
  detail::scan_axis<detail::sum_reduction<O>>("cumsum", t, axis, out);
}
template <Element T, Element O>
void cumsum(const Tensor<T>& t, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "cumsum: out's element type cannot hold the sum (same_kind rule)");
  detail::scan_flat<detail::sum_reduction<O>>("cumsum", t, out);
}

// np.cumprod: running products, with the same forms, types, wrap-around and errors as cumsum.
template <Element T>
Tensor<sum_t<T>> cumprod(const Tensor<T>& t, index_t axis) {
  auto out = Tensor<sum_t<T>>::fresh(t.shape());
  detail::scan_axis<detail::prod_reduction<sum_t<T>>>("cumprod", t, axis, out);
  return out;
}
template <Element T>
Tensor<sum_t<T>> cumprod(const Tensor<T>& t) {
  auto out = Tensor<sum_t<T>>::fresh({t.size()});
  detail::scan_flat<detail::prod_reduction<sum_t<T>>>("cumprod", t, out);
  return out;
}
template <Element T, Element O>
void cumprod(const Tensor<T>& t, index_t axis, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "cumprod: out's element type cannot hold the product (same_kind rule)");
  detail::scan_axis<detail::prod_reduction<O>>("cumprod", t, axis, out);
}
template <Element T, Element O>
void cumprod(const Tensor<T>& t, const Tensor<O>& out) {
  static_assert(can_cast_same_kind_v<sum_t<T>, O>, "cumprod: out's element type cannot hold the product (same_kind rule)");
  detail::scan_flat<detail::prod_reduction<O>>("cumprod", t, out);
}

}  // namespace einspan
