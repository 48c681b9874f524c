#pragma once
// np.isclose: elementwise "equal within a tolerance", with broadcasting.
//
//   NumPy                                    einspan
//   np.isclose(a, b)                         isclose(a, b)
//   np.isclose(a, b, rtol, atol, equal_nan)  isclose(a, b, rtol, atol, equal_nan)
//
// True where |a - b| <= atol + rtol * |b| (not symmetric in a and b, as NumPy), for finite a and b;
// where either is infinite, where a == b (an infinity is close only to itself); NaN is close to
// nothing unless equal_nan, and then NaN is close to NaN. The comparison runs in the float type
// of the promoted operands (double when both are bool or integers, where NumPy converts b to
// float64 first; float for float32 operands, with rtol and atol rounded to float as NumPy's
// value-based casting does). Fresh Tensor<bool> of the broadcast shape; throws ShapeError when
// the shapes do not broadcast.
#include <einspan/tensor/elementwise.hpp>

namespace einspan {

template <Operand X, Operand Y>
  requires(is_tensor_v<X> || is_tensor_v<Y>)
Tensor<bool> isclose(const X& a, const Y& b, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) {
  using P = detail::compute_t<X, Y>;
  using C = std::conditional_t<std::is_floating_point_v<P>, P, double>;
  auto out = Tensor<bool>::fresh(broadcast_shapes({detail::operand_shape(a), detail::operand_shape(b)}));
  const detail::Bound<C, X> ba(a, out.shape(), out);
  const detail::Bound<C, Y> bb(b, out.shape(), out);
  using A = typename detail::Bound<C, X>::element;
  using B = typename detail::Bound<C, Y>::element;
  const C r = static_cast<C>(rtol), t = static_cast<C>(atol);
  detail::map_kernel(
      [r, t, equal_nan](A av, B bv) {
        const C x = static_cast<C>(av), y = static_cast<C>(bv);
        constexpr C inf = std::numeric_limits<C>::infinity();
        if (std::abs(x) < inf && std::abs(y) < inf) return std::abs(x - y) <= t + r * std::abs(y);
        return x == y || (equal_nan && x != x && y != y);
      },
      out.shape(), out.data(), out.strides(), ba.arg, bb.arg);
  return out;
}

}  // namespace einspan
