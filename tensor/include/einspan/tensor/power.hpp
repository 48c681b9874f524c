#pragma once
// np.power: x ** y elementwise, with NumPy's broadcasting and promotion.
//
//   NumPy                    einspan
//   np.power(a, b), a ** b   power(a, b)          (tensors or scalars on either side)
//   np.power(a, 2, out=o)    power(a, 2, o)       (allocates nothing)
//
// Types: the promoted type of the operands (promote.hpp; a C++ scalar follows the weak-scalar
// rule, so power(Tensor<int32_t>, 2) stays int32 and power(Tensor<int32_t>, 0.5) is double);
// bool ** bool is int8, as NumPy's loop. Floats call std::pow per element. Integers use
// repeated squaring, as NumPy, and wrap around on overflow (int8 2 ** 7 is -128); 0 ** 0 is 1.
// A negative integer exponent throws ValueError "Integers to negative integer powers are not
// allowed." (NumPy's words), checked over the whole exponent before anything is written.
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/reduce.hpp>

namespace einspan {

namespace detail {

struct power_op {
  template <class C>
  using result_type = integer_division_t<C>;  // int8 for bool, else C
  template <class C>
  static result_type<C> apply(C a, C b) {
    if constexpr (std::is_floating_point_v<C>) {
      return std::pow(a, b);
    } else {
      using R = result_type<C>;
      using U = unsigned_of<R>;
      // NumPy's loop: square the base, multiply it in for each set bit of the exponent. The
      // arithmetic is unsigned, so it wraps; a negative exponent was refused before the kernel.
      U base = static_cast<U>(static_cast<R>(a)), result = 1;
      auto e = static_cast<std::make_unsigned_t<R>>(static_cast<R>(b));
      if constexpr (std::is_signed_v<R>) {
        if (static_cast<R>(b) < 0) return R{0};
      }
      while (e != 0) {
        if (e & 1u) result = static_cast<U>(result * base);
        base = static_cast<U>(base * base);
        e >>= 1;
      }
      return static_cast<R>(result);
    }
  }
};

inline void throw_negative_integer_power() {
  throw ValueError("Integers to negative integer powers are not allowed.");
}

// Refuses a negative exponent when the power is computed in a signed integer type.
template <class C, class Y>
void check_integer_exponent(const Y& y) {
  if constexpr (std::is_integral_v<C> && std::is_signed_v<C>) {
    if constexpr (is_tensor_v<Y>) {
      using E = typename Y::value_type;
      if constexpr (std::is_signed_v<E> && std::is_integral_v<E>) {
        if (y.size() > 0 && min(y).item() < 0) throw_negative_integer_power();
      }
    } else if constexpr (std::is_signed_v<Y>) {
      if (y < 0) throw_negative_integer_power();
    }
  }
}

}  // namespace detail

// Fresh tensor of the broadcast shape. Throws ShapeError when the operands do not broadcast,
// ValueError for a negative integer exponent.
template <Operand X, Operand Y>
  requires(is_tensor_v<X> || is_tensor_v<Y>)
auto power(const X& x, const Y& y) {
  detail::check_integer_exponent<detail::compute_t<X, Y>>(y);
  return detail::binary<detail::power_op>(x, y);
}
// Out form: out has the broadcast shape and a type the result casts to (same_kind); it may be
// the same view as an input. Allocates nothing for a tensor exponent of unsigned or float type.
template <Operand X, Operand Y, Element O>
  requires(is_tensor_v<X> || is_tensor_v<Y>)
void power(const X& x, const Y& y, const Tensor<O>& out) {
  detail::check_integer_exponent<detail::compute_t<X, Y>>(y);
  detail::binary_out<detail::power_op>(x, y, out);
}

}  // namespace einspan
