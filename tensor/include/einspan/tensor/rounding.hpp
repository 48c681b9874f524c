#pragma once
// Rounding: floor, ceil, trunc and round (half to even, with decimals).
//
//   NumPy                     einspan
//   np.floor(a), np.ceil(a)   floor(a), ceil(a)          (out forms: floor(a, o) ...)
//   np.trunc(a)               trunc(a)
//   np.round(a), a.round(2)   round(a), round(a, 2)      (half to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2)
//   np.round(a, -1)           round(a, -1)               (to tens; integers too)
//
// Types, as NumPy 1.24: floor, ceil and trunc return floats even for integers (float for bool
// and integers of up to 16 bits, where NumPy gives float16 for bool, int8 and uint8; double for
// wider ones). round keeps an integer or float type; round of bool is float (NumPy: float16).
//
// round is NumPy's algorithm, not a correctly rounded decimal one: x * 10^d, rint (half to even
// in the default rounding mode), / 10^d, in the input's float type (for d < 0: x / 10^-d, rint,
// * 10^-d). So round(2.675, 2) is 2.67 as in NumPy, because 2.675 * 100 is 267.49999... For
// integers, d >= 0 returns a copy (NumPy returns the input itself, not a copy), and d < 0
// computes in double and converts back with NumPy's wrap-around (round of int8 127 to tens is
// -126: 130 wrapped). round of bool with d != 0 throws TypeError, as NumPy does.
#include <cmath>
#include <einspan/tensor/elementwise.hpp>

namespace einspan {

namespace detail {

#define EINSPAN_ROUNDING_OP(name, fn)                                          \
  struct name {                                                                \
    template <class T>                                                         \
    using result_type = float_result_t<T>;                                     \
    template <class T>                                                         \
    static float_result_t<T> apply(T a) {                                      \
      return std::fn(static_cast<float_result_t<T>>(a));                       \
    }                                                                          \
  };
EINSPAN_ROUNDING_OP(floor_op, floor)
EINSPAN_ROUNDING_OP(ceil_op, ceil)
EINSPAN_ROUNDING_OP(trunc_op, trunc)
#undef EINSPAN_ROUNDING_OP

// NumPy's power_of_ten: exact table up to 1e8, then repeated multiplication.
inline double power_of_ten(int n) {
  constexpr double table[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  if (n < 9) return table[n];
  double r = 1e9;
  while (n-- > 9) r *= 10.0;
  return r;
}

// A double converted to the integer type I as NumPy's cast does on x86: truncated through int64
// (uint64 above 2^63), keeping the low bits; values beyond int64 give INT64_MIN's low bits.
template <class I>
I wrap_to_integer(double x) {
  if constexpr (std::is_same_v<I, std::uint64_t>) {
    if (x >= 9223372036854775808.0 && x < 18446744073709551616.0) return static_cast<I>(x);
  }
  const std::int64_t v = (x >= -9223372036854775808.0 && x < 9223372036854775808.0)
                             ? static_cast<std::int64_t>(x)
                             : std::numeric_limits<std::int64_t>::min();
  return static_cast<I>(static_cast<std::uint64_t>(v));
}

template <class T>
using round_t = std::conditional_t<std::is_same_v<T, bool>, float, T>;

}  // namespace detail

EINSPAN_UNARY_FUNCTION(floor, floor_op)
EINSPAN_UNARY_FUNCTION(ceil, ceil_op)
EINSPAN_UNARY_FUNCTION(trunc, trunc_op)

// np.round(a, decimals) into out (a's shape, a type the result casts to under same_kind). out
// may be a itself. Allocates nothing. Throws ShapeError for out's shape; TypeError for bool with
// decimals != 0.
template <Element T, Element O>
void round(const Tensor<T>& a, int decimals, const Tensor<O>& out) {
  using R = detail::round_t<T>;
  static_assert(can_cast_same_kind_v<R, O>, "round: out's element type cannot hold the result (same_kind rule)");
  detail::check_out_shape(out, a.shape());
  const detail::Bound<T, Tensor<T>> in(a, out.shape(), out);
  const auto run = [&](auto fn) { detail::map_kernel(fn, out.shape(), out.data(), out.strides(), in.arg); };
  if constexpr (std::is_floating_point_v<T>) {
    if (decimals == 0) {
      run([](T x) { return static_cast<O>(std::nearbyint(x)); });
    } else if (decimals > 0) {
      const T f = static_cast<T>(detail::power_of_ten(decimals));
      run([f](T x) { return static_cast<O>(std::nearbyint(x * f) / f); });
    } else {
      const T f = static_cast<T>(detail::power_of_ten(-decimals));
      run([f](T x) { return static_cast<O>(std::nearbyint(x / f) * f); });
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (decimals != 0)
      throw TypeError("round: Cannot cast ufunc 'divide' output from dtype('float64') to dtype('bool') with casting "
                      "rule 'same_kind' (round of bool accepts only decimals=0)");
    run([](bool x) { return static_cast<O>(x ? 1.0f : 0.0f); });
  } else {
    if (decimals >= 0) {
      run([](T x) { return static_cast<O>(x); });
    } else {
      const double f = detail::power_of_ten(-decimals);
      run([f](T x) { return static_cast<O>(detail::wrap_to_integer<T>(std::nearbyint(static_cast<double>(x) / f) * f)); });
    }
  }
}

// np.round(a, decimals=0): half to even at 10^-decimals. Fresh tensor of a's type (float for
// bool). Throws TypeError for bool with decimals != 0.
template <Element T>
Tensor<detail::round_t<T>> round(const Tensor<T>& a, int decimals = 0) {
  auto out = Tensor<detail::round_t<T>>::fresh(a.shape());
  round(a, decimals, out);
  return out;
}

}  // namespace einspan
