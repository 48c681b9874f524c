#pragma once
// Result element types of mixed-type arithmetic: NumPy's promotion rules (np.result_type) over
// einspan's element types {bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64, float,
// double}.
//
// Tensor with tensor, promote_t<A, B> (symmetric; tests/tensor/promotion_test.cpp checks every
// pair against np.result_type):
//
//           bool    uint8   int8    uint16  int16   uint32  int32   uint64  int64   float   double
//   bool    bool    uint8   int8    uint16  int16   uint32  int32   uint64  int64   float   double
//   uint8   uint8   uint8   int16   uint16  int16   uint32  int32   uint64  int64   float   double
//   int8    int8    int16   int8    int32   int16   int64   int32   double  int64   float   double
//   uint16  uint16  uint16  int32   uint16  int32   uint32  int32   uint64  int64   float   double
//   int16   int16   int16   int16   int32   int16   int64   int32   double  int64   float   double
//   uint32  uint32  uint32  int64   uint32  int64   uint32  int64   uint64  int64   double  double
//   int32   int32   int32   int32   int32   int32   int64   int32   double  int64   double  double
//   uint64  uint64  uint64  double  uint64  double  uint64  double  uint64  double  double  double
//   int64   int64   int64   int64   int64   int64   int64   int64   double  int64   double  double
//   float   float   float   float   float   float   double  double  double  double  float   double
//   double  double  double  double  double  double  double  double  double  double  double  double
//
// Within a kind the wider type wins. A signed with an unsigned type gives the signed type when
// it is wider, else the signed type twice as wide as the unsigned one (int8 + uint8 -> int16),
// and double when there is none (int64 + uint64 -> float64, as NumPy). An integer with float
// gives float for integers of up to 16 bits and double for wider ones, which float cannot hold
// exactly (int32 + float32 -> float64).
//
// Tensor with a C++ scalar, scalar_promote_t<T, S>, follows NumPy 2's "weak scalar" rule: the
// scalar adopts the tensor's type unless it is of a higher kind (bool < integer < floating).
//
//   Tensor<T> op S     S = bool   S integral   S floating
//   bool               bool       int64        double
//   any integer type   T          T            double
//   float              float      float        float
//   double             double     double       double
//
// So `Tensor<float> * 0.5` stays float and `Tensor<uint8_t> + 1` stays uint8. An integer scalar
// that the tensor's integer type cannot hold throws ValueError (NumPy 2's OverflowError), e.g.
// `Tensor<int32_t> + (1LL << 40)` or `Tensor<uint8_t> + (-1)`.
//
// Operation-specific rules (as NumPy's ufunc loops):
//   /                        true division: bool and integer operands divide as double
//   // and %                 bool // bool and bool % bool give int8, as NumPy
//   sqrt, exp, log           float -> float, double -> double, bool and integers of up to 16 bits
//                            -> float, wider integers -> double (NumPy gives float16 for bool,
//                            int8 and uint8; float is our smallest float)
//   comparisons              compare in the promoted type, give bool
//   sum (of bool, integers)  int64 for bool and signed integers, uint64 for unsigned ones; mean and
//                            norm of bool/integers: double
#include <cstdint>
#include <einspan/tensor/detail/float_to_integer.hpp>
#include <einspan/tensor/element.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <string_view>
#include <type_traits>
#include <utility>

namespace einspan {

namespace detail {

// 0 for bool, 1 for integers, 2 for floating point: the kinds of the weak-scalar rule.
template <class T>
inline constexpr int kind_v = std::is_same_v<T, bool> ? 0 : std::is_integral_v<T> ? 1 : 2;

// NumPy's kind order for casting, b < u < i < f: an unsigned type casts to a signed one under
// "same_kind", a signed one never to an unsigned one.
template <class T>
inline constexpr int cast_kind_v = std::is_same_v<T, bool> ? 0
                                   : std::is_unsigned_v<T> ? 1
                                   : std::is_integral_v<T> ? 2
                                                           : 3;

// The signed integer type of `bytes` bytes (void when there is none).
template <std::size_t bytes>
using signed_of_size = std::conditional_t<
    bytes == 1, std::int8_t,
    std::conditional_t<bytes == 2, std::int16_t,
                       std::conditional_t<bytes == 4, std::int32_t, std::conditional_t<bytes == 8, std::int64_t, void>>>>;

template <class A, class B>
consteval auto promote_impl() {
  if constexpr (std::is_same_v<A, B>) {
    return std::type_identity<A>{};
  } else if constexpr (std::is_same_v<A, bool>) {
    return std::type_identity<B>{};
  } else if constexpr (std::is_same_v<B, bool>) {
    return std::type_identity<A>{};
  } else if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<B>) {
    return std::type_identity<std::conditional_t<(sizeof(A) >= sizeof(B)), A, B>>{};
  } else if constexpr (std::is_floating_point_v<A> || std::is_floating_point_v<B>) {
    // One integer I and one floating F: F if it holds every value of I exactly (float holds 16-bit
    // integers, double everything NumPy lets it: int64 and uint64 promote to double too).
    using F = std::conditional_t<std::is_floating_point_v<A>, A, B>;
    using I = std::conditional_t<std::is_floating_point_v<A>, B, A>;
    return std::type_identity<std::conditional_t<(sizeof(I) <= 2), F, double>>{};
  } else if constexpr (std::is_signed_v<A> == std::is_signed_v<B>) {
    return std::type_identity<std::conditional_t<(sizeof(A) >= sizeof(B)), A, B>>{};
  } else {
    using S = std::conditional_t<std::is_signed_v<A>, A, B>;
    using U = std::conditional_t<std::is_signed_v<A>, B, A>;
    if constexpr (sizeof(S) > sizeof(U)) return std::type_identity<S>{};
    else if constexpr (sizeof(U) < 8) return std::type_identity<signed_of_size<2 * sizeof(U)>>{};
    else return std::type_identity<double>{};  // int64 with uint64: no integer type holds both
  }
}

template <class T>
constexpr std::string_view type_name() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_same_v<T, std::uint8_t>) return "uint8";
  else if constexpr (std::is_same_v<T, std::int8_t>) return "int8";
  else if constexpr (std::is_same_v<T, std::uint16_t>) return "uint16";
  else if constexpr (std::is_same_v<T, std::int16_t>) return "int16";
  else if constexpr (std::is_same_v<T, std::uint32_t>) return "uint32";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "int32";
  else if constexpr (std::is_same_v<T, std::uint64_t>) return "uint64";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "int64";
  else if constexpr (std::is_same_v<T, float>) return "float32";
  else return "float64";
}

}  // namespace detail

template <Element A, Element B>
using promote_t = typename decltype(detail::promote_impl<A, B>())::type;

// A C++ arithmetic value usable as an operand next to a tensor. Character types are excluded:
// `t + 'a'` is almost certainly a mistake.
template <class S>
concept Scalar = std::is_same_v<S, bool> || std::floating_point<S> ||
                 (std::integral<S> && !std::is_same_v<S, char> && !std::is_same_v<S, signed char> &&
                  !std::is_same_v<S, unsigned char> && !std::is_same_v<S, wchar_t> && !std::is_same_v<S, char8_t> &&
                  !std::is_same_v<S, char16_t> && !std::is_same_v<S, char32_t>);

template <Element T, Scalar S>
using scalar_promote_t = std::conditional_t<
    std::is_same_v<S, bool>, T,
    std::conditional_t<std::is_integral_v<S>, std::conditional_t<std::is_same_v<T, bool>, std::int64_t, T>,
                       std::conditional_t<std::is_floating_point_v<T>, T, double>>>;

// The element type a Scalar has when it stands alone (both operands of where() are scalars):
// C++ integers count as int64 (NumPy's default integer), float and double as themselves.
template <Scalar S>
using scalar_element_t =
    std::conditional_t<std::is_same_v<S, bool>, bool,
                       std::conditional_t<std::is_integral_v<S>, std::int64_t,
                                          std::conditional_t<std::is_same_v<S, float>, float, double>>>;

// Type of true division (/) in compute type C.
template <Element C>
using true_divide_t = std::conditional_t<std::is_floating_point_v<C>, C, double>;

// Type of sqrt, exp and log of T.
template <Element T>
using float_result_t = std::conditional_t<std::is_floating_point_v<T>, T, std::conditional_t<(sizeof(T) <= 2), float, double>>;

// NumPy's "same_kind" casting, required of out-parameters: a result may be stored into a type of
// the same or a higher kind (bool -> unsigned -> signed -> float), never downwards (float into an
// int tensor, int8 into a uint8 tensor).
template <Element From, Element To>
inline constexpr bool can_cast_same_kind_v = detail::cast_kind_v<From> <= detail::cast_kind_v<To>;

namespace detail {

// A scalar converted to the compute type C. Throws ValueError when C is an integer type that
// cannot hold the value (NumPy 2: "Python integer 1099511627776 out of bounds for int32"), or the
// value is a float that does not truncate into it (NaN, infinity, out of range).
template <Element C, Scalar S>
C scalar_as(S value) {
  if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool> && std::is_integral_v<S> &&
                !std::is_same_v<S, bool>) {
    if (!std::in_range<C>(value))
      throw ValueError(fmt::format("Python integer {} out of bounds for {}", value, type_name<C>()));
  }
  if constexpr (is_float_to_integer_v<C, S>) {
    return float_to_integer<C>(value);
  } else {
    return static_cast<C>(value);
  }
}

}  // namespace detail

}  // namespace einspan
