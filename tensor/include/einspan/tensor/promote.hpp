#pragma once
// Result element types of mixed-type arithmetic: NumPy's promotion rules restricted to einspan's
// element types {bool, int32, int64, float, double}.
//
// Tensor with tensor, promote_t<A, B> (symmetric):
//
//              bool    int32   int64   float   double
//   bool       bool    int32   int64   float   double
//   int32      int32   int32   int64   double  double
//   int64      int64   int64   int64   double  double
//   float      float   double  double  float   double
//   double     double  double  double  double  double
//
// An integer with float gives double, as NumPy's int32 + float32 -> float64: float cannot hold
// every int32 exactly.
//
// Tensor with a C++ scalar, scalar_promote_t<T, S>, follows NumPy 2's "weak scalar" rule: the
// scalar adopts the tensor's type unless it is of a higher kind (bool < integer < floating).
//
//   Tensor<T> op S   S = bool   S integral   S floating
//   bool             bool       int64        double
//   int32            int32      int32        double
//   int64            int64      int64        double
//   float            float      float        float
//   double           double     double       double
//
// So `Tensor<float> * 0.5` stays float and `Tensor<int32_t> + 1` stays int32. An integer scalar
// that the tensor's integer type cannot hold throws ValueError (NumPy 2's OverflowError), e.g.
// `Tensor<int32_t> + (1LL << 40)`.
//
// Operation-specific rules (as NumPy's ufunc loops):
//   /                        true division: bool and integer operands divide as double
//   sqrt, exp, log           float -> float, double -> double, integers -> double, bool -> float
//                            (NumPy gives float16 for bool; float is our smallest float)
//   comparisons              compare in the promoted type, give bool
//   sum (of bool, integers)  int64; mean and norm of bool/integers: double
#include <cstdint>
#include <einspan/tensor/element.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <string_view>
#include <type_traits>
#include <utility>

namespace einspan {

namespace detail {

// 0 for bool, 1 for integers, 2 for floating point: NumPy's "kind" order.
template <class T>
inline constexpr int kind_v = std::is_same_v<T, bool> ? 0 : std::is_integral_v<T> ? 1 : 2;

template <class A, class B>
consteval auto promote_impl() {
  if constexpr (std::is_same_v<A, B>) {
    return std::type_identity<A>{};
  } else if constexpr (std::is_same_v<A, bool>) {
    return std::type_identity<B>{};
  } else if constexpr (std::is_same_v<B, bool>) {
    return std::type_identity<A>{};
  } else if constexpr (kind_v<A> == kind_v<B>) {
    return std::type_identity<std::conditional_t<(sizeof(A) >= sizeof(B)), A, B>>{};
  } else {
    return std::type_identity<double>{};  // integer with float or double
  }
}

template <class T>
constexpr std::string_view type_name() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "int32";
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
using float_result_t =
    std::conditional_t<std::is_floating_point_v<T>, T, std::conditional_t<std::is_same_v<T, bool>, float, double>>;

// NumPy's "same_kind" casting, required of out-parameters: a result may be stored into a type of
// the same or a higher kind (bool -> int -> float), never downwards (float into an int tensor).
template <Element From, Element To>
inline constexpr bool can_cast_same_kind_v = detail::kind_v<From> <= detail::kind_v<To>;

namespace detail {

// A scalar converted to the compute type C. Throws ValueError when C is an integer type that
// cannot hold the value (NumPy 2: "Python integer 1099511627776 out of bounds for int32").
template <Element C, Scalar S>
C scalar_as(S value) {
  if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool> && std::is_integral_v<S> &&
                !std::is_same_v<S, bool>) {
    if (!std::in_range<C>(value))
      throw ValueError(fmt::format("Python integer {} out of bounds for {}", value, type_name<C>()));
  }
  return static_cast<C>(value);
}

}  // namespace detail

}  // namespace einspan
