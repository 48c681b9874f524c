#pragma once
// Floating-point to integer conversion, defined for every input. C++ leaves static_cast undefined
// for NaN, infinity and values whose truncation does not fit the integer type; x86 then yields
// INT_MIN, which NumPy passes on with only a RuntimeWarning. einspan throws ValueError instead,
// as NumPy itself does for a NaN scalar (`a[0] = np.nan` on an int array), and checks a whole
// source before writing any of it, so a failed conversion leaves the destination untouched.
#include <array>
#include <cmath>
#include <cstdint>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <limits>
#include <type_traits>

namespace einspan::detail {

template <class To, class From>
inline constexpr bool is_float_to_integer_v =
    std::is_floating_point_v<From> && std::is_integral_v<To> && !std::is_same_v<To, bool>;

// Whether x truncated toward zero is a value of To (false for NaN and infinities).
template <class To, class From>
bool truncates_into(From x) {
  // 2^digits and -2^digits are powers of two, exact in every floating type.
  constexpr From upper = static_cast<From>(std::uint64_t{1} << (std::numeric_limits<To>::digits - 1)) * From{2};
  constexpr From lower = std::is_signed_v<To> ? -upper : From{0};
  return std::trunc(x) >= lower && x < upper;
}

// ValueError: "cannot convert float NaN to integer" (Python's words), "... infinity ...", or
// "cannot convert 1e+20 to int32: out of range" (the type named by signedness and bits).
[[noreturn]] void throw_float_to_integer_error(double value, bool to_signed, int to_bits);

// The checked static_cast of one value.
template <class To, class From>
To float_to_integer(From x) {
  if (!truncates_into<To>(x)) throw_float_to_integer_error(static_cast<double>(x), std::is_signed_v<To>, 8 * sizeof(To));
  return static_cast<To>(x);
}

// Throws (naming the first offending value) unless every element of the strided source truncates
// into To. One branch-free pass per run, so that valid data costs one extra read.
template <class To, class From>
void check_float_to_integer(std::span<const index_t> shape, std::span<const index_t> strides, const From* src) {
  const auto nest = make_loop_nest<1>(shape, {strides});
  for_each_run(
      nest,
      [&](index_t n, const std::array<index_t, 1>& s, const From* p) {
        bool all_fit = true;
        for (index_t i = 0; i < n; ++i) all_fit &= truncates_into<To>(p[i * s[0]]);
        if (all_fit) return;
        for (index_t i = 0; i < n; ++i) float_to_integer<To>(p[i * s[0]]);
      },
      src);
}

}  // namespace einspan::detail
