#pragma once
// Bitwise and logical operations, as NumPy's ufuncs of the same names:
//
//   NumPy                       einspan
//   a & b, a | b, a ^ b         a & b, a | b, a ^ b      (bitwise_and/_or/_xor; bool and integers)
//   ~a  (np.invert)             ~a, invert(a)            (bool: logical not; integers: bitwise not)
//   a << n, a >> n              a << n, a >> n           (left_shift, right_shift; integers)
//   a &= b, a |= b, a ^= b      a &= b, a |= b, a ^= b
//   np.logical_and(a, b) ...    logical_and(a, b), logical_or, logical_xor, logical_not(a)
//
// Operands promote and broadcast as for arithmetic (promote.hpp, NumPy 2's weak scalars). Bitwise
// operations on float tensors do not compile (NumPy: "ufunc 'bitwise_and' not supported for the
// input types"). Shifts follow NumPy's definition for any count: a count that is negative or at
// least the bit width gives 0 (and -1 for a right shift of a negative number), where C++ would
// be undefined. Logical operations accept every type and give bool (nonzero is true, NaN too).
#include <einspan/tensor/elementwise.hpp>

namespace einspan {
namespace detail {

template <class C>
inline constexpr bool is_bitwise_type_v = std::is_integral_v<C>;

#define EINSPAN_BITWISE_OP(name, expr, ufunc)                                                            \
  struct name {                                                                                          \
    template <class C>                                                                                   \
    using result_type = C;                                                                               \
    template <class C>                                                                                   \
    static C apply(C a, C b) {                                                                           \
      static_assert(is_bitwise_type_v<C>, "einspan: " ufunc " needs bool or integer operands (NumPy: ufunc '" ufunc \
                                          "' not supported for the input types); convert with astype first"); \
      return static_cast<C>(expr);                                                                       \
    }                                                                                                    \
  };
EINSPAN_BITWISE_OP(bitwise_and_op, a & b, "bitwise_and")
EINSPAN_BITWISE_OP(bitwise_or_op, a | b, "bitwise_or")
EINSPAN_BITWISE_OP(bitwise_xor_op, a ^ b, "bitwise_xor")
#undef EINSPAN_BITWISE_OP

template <class C>
inline constexpr bool is_shift_type_v = std::is_integral_v<C> && !std::is_same_v<C, bool>;

struct left_shift_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    static_assert(is_shift_type_v<C>, "einspan: left_shift needs integer operands (NumPy refuses float and bool)");
    // The count compared as unsigned, as NumPy's npy_lshift: a negative count is huge, giving 0.
    if (static_cast<std::make_unsigned_t<C>>(b) >= 8 * sizeof(C)) return C{0};
    return static_cast<C>(static_cast<unsigned_of<C>>(a) << b);
  }
};
struct right_shift_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    static_assert(is_shift_type_v<C>, "einspan: right_shift needs integer operands (NumPy refuses float and bool)");
    if (static_cast<std::make_unsigned_t<C>>(b) >= 8 * sizeof(C)) {
      if constexpr (std::is_signed_v<C>) return a < C{0} ? C{-1} : C{0};
      return C{0};
    }
    return static_cast<C>(a >> b);  // arithmetic for signed types, as C++20 defines it
  }
};

#define EINSPAN_LOGICAL_OP(name, expr)  \
  struct name {                         \
    template <class C>                  \
    using result_type = bool;           \
    template <class C>                  \
    static bool apply(C a, C b) {       \
      const bool x = a != C{0};         \
      const bool y = b != C{0};         \
      return expr;                      \
    }                                   \
  };
EINSPAN_LOGICAL_OP(logical_and_op, x && y)
EINSPAN_LOGICAL_OP(logical_or_op, x || y)
EINSPAN_LOGICAL_OP(logical_xor_op, x != y)
#undef EINSPAN_LOGICAL_OP

struct invert_op {
  template <class T>
  using result_type = T;
  template <class T>
  static T apply(T a) {
    static_assert(is_bitwise_type_v<T>, "einspan: invert (~) needs bool or integer operands (NumPy: ufunc 'invert' "
                                        "not supported for the input types)");
    if constexpr (std::is_same_v<T, bool>) return !a;
    else return static_cast<T>(~a);
  }
};
struct logical_not_op {
  template <class T>
  using result_type = bool;
  template <class T>
  static bool apply(T a) {
    return a == T{0};
  }
};

template <class Op, Element T>
auto unary(const Tensor<T>& x) {
  auto out = Tensor<typename Op::template result_type<T>>::fresh(x.shape());
  unary_into<Op>(x, out);
  return out;
}

}  // namespace detail

// Declared as the arithmetic ones are (elementwise.hpp's macros): fresh results, out forms that
// need out to have the broadcast shape and allocate nothing, and compound forms that write into
// the left operand (only the right one broadcasts; the result must cast back to its type).
EINSPAN_BINARY_FUNCTION(bitwise_and)
EINSPAN_BINARY_FUNCTION(bitwise_or)
EINSPAN_BINARY_FUNCTION(bitwise_xor)
EINSPAN_BINARY_FUNCTION(left_shift)
EINSPAN_BINARY_FUNCTION(right_shift)
EINSPAN_BINARY_FUNCTION(logical_and)
EINSPAN_BINARY_FUNCTION(logical_or)
EINSPAN_BINARY_FUNCTION(logical_xor)
EINSPAN_BINARY_OPERATOR(&, bitwise_and)
EINSPAN_BINARY_OPERATOR(|, bitwise_or)
EINSPAN_BINARY_OPERATOR(^, bitwise_xor)
EINSPAN_BINARY_OPERATOR(<<, left_shift)
EINSPAN_BINARY_OPERATOR(>>, right_shift)
EINSPAN_COMPOUND_OPERATOR(&=, bitwise_and)
EINSPAN_COMPOUND_OPERATOR(|=, bitwise_or)
EINSPAN_COMPOUND_OPERATOR(^=, bitwise_xor)

template <Element T>
auto invert(const Tensor<T>& x) {
  return detail::unary<detail::invert_op>(x);
}
template <Element T>
auto operator~(const Tensor<T>& x) {
  return invert(x);
}
template <Element T>
Tensor<bool> logical_not(const Tensor<T>& x) {
  return detail::unary<detail::logical_not_op>(x);
}

}  // namespace einspan
