#pragma once
// Elementwise math with NumPy's broadcasting and type promotion (see promote.hpp for the table).
//
//   NumPy                     einspan
//   a + b, a - 1, 2 * a, a/b  a + b, a - 1, 2 * a, a / b      (new tensor of the broadcast shape)
//   a == b, a < 0.5           a == b, a < 0.5                 (Tensor<bool>)
//   -a, abs(a), sqrt(a)       -a, abs(a), sqrt(a)
//   np.square/exp/log         square(a), exp(a), log(a)
//   np.sign, np.arctan2(y, x) sign(a), arctan2(y, x)         (floor, round...: rounding.hpp)
//   np.where(c, a, b)         where(c, a, b)
//   np.minimum / maximum      minimum(a, b), maximum(a, b)     (NaN propagates, as NumPy)
//   a // b, a % b             floor_divide(a, b), remainder(a, b)
//   a += b                    a += b                           (only b broadcasts)
//   np.add(a, b, out=o)       add(a, b, o)                     (allocates nothing)
//
// Operands are tensors or C++ scalars on either side. Every function returns a fresh C-contiguous
// tensor, except the in-place and out-parameter forms, which write into an existing one.
//
// Out-parameters and aliasing: `out` must have exactly the broadcast shape (ShapeError otherwise,
// in NumPy's words) and an element type the result casts to under NumPy's "same_kind" rule (checked
// at compile time). `out` may be the very same view as an input (add(a, b, a) is a += b). If it
// overlaps an input any other way (a shifted or transposed view of the same buffer), that input
// is copied first so the result is as if all inputs were read before any write; only then do
// these forms allocate. `out` must not itself be a broadcast view (zero strides): several results
// would land on one element.
//
// Integer semantics are NumPy's and never undefined behaviour: +, -, *, unary minus and abs wrap
// around on overflow (abs(INT_MIN) == INT_MIN); `/` is true division (integers divide as double,
// so 1 / 0 is inf); floor_divide and remainder by zero give 0 (NumPy gives 0 plus a
// RuntimeWarning, which has no C++ equivalent), and INT_MIN // -1 wraps to INT_MIN. 8- and 16-bit
// types wrap too: their arithmetic runs in unsigned int, never in the int C++ promotes them to.
// bool - bool and -bool do not compile (NumPy raises TypeError for them).
#include <cmath>
#include <concepts>
#include <einspan/tensor/detail/map_kernel.hpp>
#include <einspan/tensor/detail/vector_math.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/tensor.hpp>
#include <type_traits>

namespace einspan {

template <class X>
inline constexpr bool is_tensor_v = false;
template <class T>
inline constexpr bool is_tensor_v<Tensor<T>> = true;

// A tensor or a scalar: anything an elementwise function accepts as an operand.
template <class X>
concept Operand = is_tensor_v<X> || Scalar<X>;

namespace detail {

template <class X>
struct operand_element {
  using type = scalar_element_t<X>;
};
template <class T>
struct operand_element<Tensor<T>> {
  using type = T;
};

// The type two operands are computed in: promote_t for two tensors, the weak-scalar rule for a
// tensor and a scalar, and promote_t of their standalone types for two scalars.
template <class X, class Y>
consteval auto compute_impl() {
  if constexpr (Scalar<X> && is_tensor_v<Y>)
    return std::type_identity<scalar_promote_t<typename Y::value_type, X>>{};
  else if constexpr (is_tensor_v<X> && Scalar<Y>)
    return std::type_identity<scalar_promote_t<typename X::value_type, Y>>{};
  else
    return std::type_identity<promote_t<typename operand_element<X>::type, typename operand_element<Y>::type>>{};
}
template <class X, class Y>
using compute_t = typename decltype(compute_impl<X, Y>())::type;

// Integer arithmetic is done in an unsigned type, so overflow wraps (NumPy) instead of being UB.
// Types narrower than unsigned int use unsigned int itself: C++ promotes them to (signed) int
// before any operator, and uint16 65535 * 65535 overflows int. Converting the unsigned result
// back to the narrow type keeps its low bits (modular, as C++20 defines it), which is NumPy's
// wrapped result.
template <class T>
using unsigned_of = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

template <class C>
constexpr bool wraps = std::is_integral_v<C> && !std::is_same_v<C, bool>;

// ---- operation functors: compute_type<C> is what inputs are converted to, result_type<C> what
// the output holds; apply() is the per-element body the kernel vectorises.
struct add_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a || b;
    else if constexpr (wraps<C>) return static_cast<C>(static_cast<unsigned_of<C>>(a) + static_cast<unsigned_of<C>>(b));
    else return a + b;
  }
};
struct subtract_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    static_assert(!std::is_same_v<C, bool>,
                  "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                  "operator, or the logical_xor function instead.");
    if constexpr (wraps<C>) return static_cast<C>(static_cast<unsigned_of<C>>(a) - static_cast<unsigned_of<C>>(b));
    else return a - b;
  }
};
struct multiply_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    if constexpr (std::is_same_v<C, bool>) return a && b;
    else if constexpr (wraps<C>) return static_cast<C>(static_cast<unsigned_of<C>>(a) * static_cast<unsigned_of<C>>(b));
    else return a * b;
  }
};
struct divide_op {
  template <class C>
  using result_type = true_divide_t<C>;
  template <class C>
  static true_divide_t<C> apply(C a, C b) {
    return static_cast<true_divide_t<C>>(a) / static_cast<true_divide_t<C>>(b);
  }
};
// bool // bool and bool % bool compute in int8, as NumPy's loops do.
template <class C>
using integer_division_t = std::conditional_t<std::is_same_v<C, bool>, std::int8_t, C>;

struct floor_divide_op {
  template <class C>
  using result_type = integer_division_t<C>;
  template <class C>
  static result_type<C> apply(C a, C b) {
    if constexpr (std::is_floating_point_v<C>) {
      // NumPy's npy_divmod: (a - fmod(a, b)) / b, which is exact, then floored. floor(a / b)
      // differs where a / b rounds up to an integer (1 // 0.1 is 9.0, floor(1 / 0.1) is 10.0) and
      // for infinite a (inf // 2 is nan in NumPy).
      if (b == 0) return a / b;
      const C mod = std::fmod(a, b);
      C div = (a - mod) / b;
      if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1;
      if (div == 0) return std::copysign(C{0}, a / b);
      C floored = std::floor(div);
      if (div - floored > C(0.5)) floored += 1;
      return floored;
    } else if constexpr (std::is_unsigned_v<result_type<C>>) {
      // No negative operands, so C++'s truncating division already floors.
      using R = result_type<C>;
      const R x = a, y = b;
      return y == 0 ? R{0} : static_cast<R>(x / (y == 0 ? R{1} : y));
    } else {
      using R = result_type<C>;
      const R x = a, y = b;
      // x / 0 and INT_MIN / -1 trap on x86; divide by 1 instead and patch the result.
      const R safe = (y == 0 || y == -1) ? R{1} : y;
      const R q = static_cast<R>(x / safe);
      const R floored = static_cast<R>(q - static_cast<R>((x % safe != 0) && ((x < 0) != (safe < 0))));
      const R negated = static_cast<R>(0u - static_cast<unsigned_of<R>>(x));
      return y == 0 ? R{0} : y == -1 ? negated : floored;
    }
  }
};
struct remainder_op {
  template <class C>
  using result_type = integer_division_t<C>;
  template <class C>
  static result_type<C> apply(C a, C b) {
    if constexpr (std::is_floating_point_v<C>) {
      // Python's sign convention: the result takes the divisor's sign.
      C r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    } else if constexpr (std::is_unsigned_v<result_type<C>>) {
      using R = result_type<C>;
      const R x = a, y = b;
      return y == 0 ? R{0} : static_cast<R>(x % (y == 0 ? R{1} : y));
    } else {
      using R = result_type<C>;
      const R x = a, y = b;
      const R safe = (y == 0 || y == -1) ? R{1} : y;
      R r = static_cast<R>(x % safe);
      if (r != 0 && ((r < 0) != (safe < 0))) r = static_cast<R>(r + safe);
      return (y == 0 || y == -1) ? R{0} : r;
    }
  }
};
// NaN-propagating, as np.minimum/np.maximum (std::min would drop a NaN in the second operand).
struct minimum_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    return ((a < b) | (a != a)) ? a : b;  // | not ||: no branch, so the loop vectorises
  }
};
struct maximum_op {
  template <class C>
  using result_type = C;
  template <class C>
  static C apply(C a, C b) {
    return ((a > b) | (a != a)) ? a : b;
  }
};

#define EINSPAN_COMPARISON_OP(name, expr)   \
  struct name {                             \
    template <class C>                      \
    using result_type = bool;               \
    template <class C>                      \
    static bool apply(C a, C b) {           \
      return expr;                          \
    }                                       \
  };
EINSPAN_COMPARISON_OP(equal_op, a == b)
EINSPAN_COMPARISON_OP(not_equal_op, a != b)
EINSPAN_COMPARISON_OP(less_op, a < b)
EINSPAN_COMPARISON_OP(less_equal_op, a <= b)
EINSPAN_COMPARISON_OP(greater_op, a > b)
EINSPAN_COMPARISON_OP(greater_equal_op, a >= b)
#undef EINSPAN_COMPARISON_OP

struct negative_op {
  template <class T>
  using result_type = T;
  template <class T>
  static T apply(T a) {
    static_assert(!std::is_same_v<T, bool>,
                  "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
                  "logical_not function instead.");
    if constexpr (wraps<T>) return static_cast<T>(0u - static_cast<unsigned_of<T>>(a));
    else return -a;
  }
};
struct abs_op {
  template <class T>
  using result_type = T;
  template <class T>
  static T apply(T a) {
    if constexpr (std::is_same_v<T, bool>) return a;
    else if constexpr (std::is_unsigned_v<T>) return a;
    else if constexpr (wraps<T>) return a < 0 ? static_cast<T>(0u - static_cast<unsigned_of<T>>(a)) : a;
    else return std::abs(a);
  }
};
// square keeps the type, as np.square (bool stays bool: x * x is x; NumPy gives int8 here).
struct square_op {
  template <class T>
  using result_type = T;
  template <class T>
  static T apply(T a) {
    return multiply_op::apply(a, a);
  }
};
#define EINSPAN_FLOAT_UNARY_OP(name, fn)                                        \
  struct name {                                                                 \
    template <class T>                                                          \
    using result_type = float_result_t<T>;                                      \
    template <class T>                                                          \
    static float_result_t<T> apply(T a) {                                       \
      return std::fn(static_cast<float_result_t<T>>(a));                        \
    }                                                                           \
  };
// np.isnan, np.isinf, np.isfinite: bool results; integers and bool are always finite.
#define EINSPAN_CLASSIFY_OP(name, float_test, integer_value) \
  struct name {                                              \
    template <class T>                                       \
    using result_type = bool;                                \
    template <class T>                                       \
    static bool apply(T a) {                                 \
      if constexpr (std::is_floating_point_v<T>) return float_test; \
      else return integer_value;                             \
    }                                                        \
  };
EINSPAN_CLASSIFY_OP(isnan_op, a != a, false)
EINSPAN_CLASSIFY_OP(isinf_op, std::abs(a) == std::numeric_limits<T>::infinity(), false)
EINSPAN_CLASSIFY_OP(isfinite_op, std::abs(a) < std::numeric_limits<T>::infinity(), true)
#undef EINSPAN_CLASSIFY_OP
// The same with a vectorised kernel for contiguous float32/float64 runs (vector_math.hpp):
// contiguous(in, out, n), which the eager functions use on every run (map_kernel); apply() stays
// the C library's, for the lazy expressions and integer inputs.
#define EINSPAN_VECTOR_UNARY_OP(name, fn, vector_fn)                            \
  struct name {                                                                 \
    template <class T>                                                          \
    using result_type = float_result_t<T>;                                      \
    template <class T>                                                          \
    static float_result_t<T> apply(T a) {                                       \
      return std::fn(static_cast<float_result_t<T>>(a));                        \
    }                                                                           \
    template <class T>                                                          \
      requires(std::is_same_v<T, float> || std::is_same_v<T, double>)          \
    static void contiguous(const T* in, T* out, index_t n) {                    \
      vector_fn(in, out, n);                                                    \
    }                                                                           \
  };
EINSPAN_VECTOR_UNARY_OP(sqrt_op, sqrt, vector_sqrt)
EINSPAN_VECTOR_UNARY_OP(exp_op, exp, vector_exp)
EINSPAN_VECTOR_UNARY_OP(log_op, log, vector_log)
EINSPAN_VECTOR_UNARY_OP(sin_op, sin, vector_sin)
EINSPAN_VECTOR_UNARY_OP(cos_op, cos, vector_cos)
EINSPAN_FLOAT_UNARY_OP(tan_op, tan)
EINSPAN_VECTOR_UNARY_OP(arcsin_op, asin, vector_arcsin)
EINSPAN_VECTOR_UNARY_OP(arccos_op, acos, vector_arccos)
EINSPAN_VECTOR_UNARY_OP(arctan_op, atan, vector_arctan)
EINSPAN_VECTOR_UNARY_OP(sinh_op, sinh, vector_sinh)
EINSPAN_FLOAT_UNARY_OP(cosh_op, cosh)
EINSPAN_VECTOR_UNARY_OP(tanh_op, tanh, vector_tanh)
EINSPAN_FLOAT_UNARY_OP(exp2_op, exp2)
EINSPAN_VECTOR_UNARY_OP(expm1_op, expm1, vector_expm1)
EINSPAN_VECTOR_UNARY_OP(log2_op, log2, vector_log2)
EINSPAN_VECTOR_UNARY_OP(log10_op, log10, vector_log10)
EINSPAN_VECTOR_UNARY_OP(log1p_op, log1p, vector_log1p)
#undef EINSPAN_VECTOR_UNARY_OP
#undef EINSPAN_FLOAT_UNARY_OP

// The body map_kernel runs for a unary operation: Op::apply per element, converted to the
// output's type, and Op's vectorised kernel for whole runs when it has one for T and the output
// holds exactly its result (no conversion).
template <class Op, class T, class O>
struct UnaryBody {
  O operator()(T a) const { return static_cast<O>(Op::apply(a)); }
};
template <class Op, class T>
  requires requires(const T* in, T* out, index_t n) { Op::contiguous(in, out, n); }
struct UnaryBody<Op, T, T> {
  T operator()(T a) const { return Op::apply(a); }
  void run(index_t n, T* out, const T* in) const { Op::contiguous(in, out, n); }
};

// np.sign: -1, 0 or 1 in the input's type; NaN stays NaN and -0.0 gives 0.0, as NumPy.
struct sign_op {
  template <class T>
  using result_type = T;
  template <class T>
  static T apply(T a) {
    static_assert(!std::is_same_v<T, bool>,
                  "np.sign has no loop for bool (NumPy raises UFuncTypeError); write sign(t.astype<std::int8_t>()) "
                  "or use t itself, which is already 0 or 1");
    if constexpr (std::is_floating_point_v<T>) return a > 0 ? T{1} : a < 0 ? T{-1} : a == 0 ? T{0} : a;
    else if constexpr (std::is_unsigned_v<T>) return static_cast<T>(a > 0);
    else return static_cast<T>((a > 0) - (a < 0));
  }
};
// np.arctan2(y, x): atan2 in the float type of the promoted operands (float for bool and
// integers of up to 16 bits, double for wider ones), as the float unary functions.
struct arctan2_op {
  template <class C>
  using result_type = float_result_t<C>;
  template <class C>
  static float_result_t<C> apply(C y, C x) {
    return std::atan2(static_cast<float_result_t<C>>(y), static_cast<float_result_t<C>>(x));
  }
};

// ---- operands -> kernel arguments --------------------------------------------------------------

// True when writing `out` could change an input element before it is read: same buffer, address
// ranges overlapping, and not the identical element-for-element view.
template <class O, class T>
bool needs_private_copy(const Tensor<O>& out, const Tensor<T>& in, const Layout& stretched) {
  if (!may_share_memory(out, in)) return false;
  if (stretched.offset != out.offset()) return true;
  for (std::size_t i = 0; i < out.ndim(); ++i)
    if (out.shape()[i] > 1 && stretched.strides[i] != out.strides()[i]) return true;
  return false;
}

// Holds what one operand contributes to a kernel call: for a tensor, its broadcast layout (and a
// private copy when it overlaps the output); for a scalar, the value converted to C.
template <class C, class X>
struct Bound;

template <class C, Element T>
struct Bound<C, Tensor<T>> {
  using element = T;
  Tensor<T> source;
  KernelArg<T> arg;
  template <class O>
  Bound(const Tensor<T>& t, std::span<const index_t> shape, const Tensor<O>& out) : source(t) {
    Layout stretched = broadcast_layout(t.layout(), shape);
    if (needs_private_copy(out, t, stretched)) {
      source = t.copy();
      stretched = broadcast_layout(source.layout(), shape);
    }
    arg = KernelArg<T>{source.buffer().get() + stretched.offset, std::move(stretched.strides)};
  }
};

template <class C, Scalar S>
struct Bound<C, S> {
  using element = C;
  C value;
  KernelArg<C> arg;
  template <class O>
  Bound(S s, std::span<const index_t> shape, const Tensor<O>&)
      : value(scalar_as<C>(s)), arg{&value, Dims(shape.size(), 0)} {}
  Bound(const Bound&) = delete;  // arg points into this object
};

template <class X>
Dims operand_shape(const X& x) {
  if constexpr (is_tensor_v<X>) return x.shape();
  else return Dims{};
}

template <class O>
void check_out_shape(const Tensor<O>& out, std::span<const index_t> shape) {
  if (!std::equal(out.shape().begin(), out.shape().end(), shape.begin(), shape.end()))
    throw ShapeError(fmt::format("non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                                 format_shape_compact(out.shape()), format_shape_compact(shape)));
}

// out = Op(x, y) computed in type C. `shape` is the already-checked broadcast shape.
template <class Op, class C, class X, class Y, class O>
void binary_into(const X& x, const Y& y, const Tensor<O>& out) {
  using R = typename Op::template result_type<C>;
  static_assert(can_cast_same_kind_v<R, O>,
                "out-parameter: the result cannot be cast to out's element type under the same_kind rule");
  const Bound<C, X> bx(x, out.shape(), out);
  const Bound<C, Y> by(y, out.shape(), out);
  using A = typename Bound<C, X>::element;
  using B = typename Bound<C, Y>::element;
  map_kernel([](A a, B b) { return static_cast<O>(Op::apply(static_cast<C>(a), static_cast<C>(b))); }, out.shape(),
             out.data(), out.strides(), bx.arg, by.arg);
}

template <class Op, class T, class O>
void unary_into(const Tensor<T>& x, const Tensor<O>& out) {
  using R = typename Op::template result_type<T>;
  static_assert(can_cast_same_kind_v<R, O>,
                "out-parameter: the result cannot be cast to out's element type under the same_kind rule");
  const Bound<T, Tensor<T>> bx(x, out.shape(), out);
  map_kernel(UnaryBody<Op, T, O>{}, out.shape(), out.data(), out.strides(), bx.arg);
}

// Op(x) for a temporary x: when x is the only handle to a buffer einspan allocated, is
// C-contiguous and the result has its type, the result is computed in place in x's buffer (as
// NumPy elides temporaries in `(a - b)**2`): no allocation and no first-touch page faults, and
// the data is still in cache. Otherwise a fresh result as usual. Either way the caller cannot
// tell, since nobody else can see x's buffer.
template <class Op, class T>
auto unary_temporary(Tensor<T>&& x) {
  using R = typename Op::template result_type<T>;
  if constexpr (std::is_same_v<R, T>) {
    if (x.is_contiguous() && owned_buffer(x.buffer())) {
      Tensor<T> out = std::move(x);
      const KernelArg<T> in{out.data(), out.strides()};
      map_kernel(UnaryBody<Op, T, T>{}, out.shape(), out.data(), out.strides(), in);
      return out;
    }
  }
  auto out = Tensor<R>::fresh(x.shape());
  unary_into<Op>(x, out);
  return out;
}

template <class Op, class X, class Y>
  requires(is_tensor_v<X> || is_tensor_v<Y>)
auto binary(const X& x, const Y& y) {
  using C = compute_t<X, Y>;
  using R = typename Op::template result_type<C>;
  auto out = Tensor<R>::fresh(broadcast_shapes({operand_shape(x), operand_shape(y)}));
  binary_into<Op, C>(x, y, out);
  return out;
}

template <class Op, class X, class Y, class O>
  requires(is_tensor_v<X> || is_tensor_v<Y>)
void binary_out(const X& x, const Y& y, const Tensor<O>& out) {
  check_out_shape(out, broadcast_shapes({operand_shape(x), operand_shape(y)}));
  binary_into<Op, compute_t<X, Y>>(x, y, out);
}

// a op= b: only b broadcasts, and the result must cast back to a's type (same_kind).
template <class Op, class T, class Y>
const Tensor<T>& compound(const Tensor<T>& a, const Y& b) {
  binary_out<Op>(a, b, a);
  return a;
}

}  // namespace detail

// ---- binary functions: fresh result, and out-parameter forms that allocate nothing ------------
// (These three macros stay defined: bitwise.hpp declares its operations with them.)
// Each throws ShapeError when the operands do not broadcast ("operands could not be broadcast
// together with shapes (4,3) (1,4)") and, for the out forms, when out's shape is not the
// broadcast shape.
#define EINSPAN_BINARY_FUNCTION(name)                                                      \
  template <Operand X, Operand Y>                                                          \
    requires(is_tensor_v<X> || is_tensor_v<Y>)                                             \
  auto name(const X& x, const Y& y) {                                                      \
    return detail::binary<detail::name##_op>(x, y);                                        \
  }                                                                                        \
  template <Operand X, Operand Y, Element O>                                               \
    requires(is_tensor_v<X> || is_tensor_v<Y>)                                             \
  void name(const X& x, const Y& y, const Tensor<O>& out) {                                \
    detail::binary_out<detail::name##_op>(x, y, out);                                      \
  }
EINSPAN_BINARY_FUNCTION(add)
EINSPAN_BINARY_FUNCTION(subtract)
EINSPAN_BINARY_FUNCTION(multiply)
EINSPAN_BINARY_FUNCTION(divide)
EINSPAN_BINARY_FUNCTION(floor_divide)
EINSPAN_BINARY_FUNCTION(remainder)
EINSPAN_BINARY_FUNCTION(minimum)
EINSPAN_BINARY_FUNCTION(maximum)
EINSPAN_BINARY_FUNCTION(equal)
EINSPAN_BINARY_FUNCTION(not_equal)
EINSPAN_BINARY_FUNCTION(less)
EINSPAN_BINARY_FUNCTION(less_equal)
EINSPAN_BINARY_FUNCTION(greater)
EINSPAN_BINARY_FUNCTION(greater_equal)
EINSPAN_BINARY_FUNCTION(arctan2)

// ---- operators ---------------------------------------------------------------------------------
#define EINSPAN_BINARY_OPERATOR(op, name)                   \
  template <Operand X, Operand Y>                           \
    requires(is_tensor_v<X> || is_tensor_v<Y>)              \
  auto operator op(const X& x, const Y& y) {                \
    return detail::binary<detail::name##_op>(x, y);         \
  }
EINSPAN_BINARY_OPERATOR(+, add)
EINSPAN_BINARY_OPERATOR(-, subtract)
EINSPAN_BINARY_OPERATOR(*, multiply)
EINSPAN_BINARY_OPERATOR(/, divide)
EINSPAN_BINARY_OPERATOR(==, equal)
EINSPAN_BINARY_OPERATOR(!=, not_equal)
EINSPAN_BINARY_OPERATOR(<, less)
EINSPAN_BINARY_OPERATOR(<=, less_equal)
EINSPAN_BINARY_OPERATOR(>, greater)
EINSPAN_BINARY_OPERATOR(>=, greater_equal)

// a += b and friends write into a (a view writes through to its buffer) and return it. Only b
// broadcasts: ShapeError "non-broadcastable output operand with shape (3,) doesn't match the
// broadcast shape (4,3)" otherwise. `Tensor<int> += 0.5` does not compile (same_kind casting).
#define EINSPAN_COMPOUND_OPERATOR(op, name)                                                                   \
  template <Element T, Operand Y>                                                                             \
    requires can_cast_same_kind_v<                                                                           \
        typename detail::name##_op::template result_type<detail::compute_t<Tensor<T>, Y>>, T>                  \
  const Tensor<T>& operator op(const Tensor<T>& a, const Y& b) {                                              \
    return detail::compound<detail::name##_op>(a, b);                     \
  }
EINSPAN_COMPOUND_OPERATOR(+=, add)
EINSPAN_COMPOUND_OPERATOR(-=, subtract)
EINSPAN_COMPOUND_OPERATOR(*=, multiply)
EINSPAN_COMPOUND_OPERATOR(/=, divide)

// ---- unary functions ---------------------------------------------------------------------------
// Fresh result; the out forms require out.shape() == x.shape() (ShapeError) and allocate nothing.
#define EINSPAN_UNARY_FUNCTION(name, op)                                                      \
  template <Element T>                                                                        \
  auto name(const Tensor<T>& x) {                                                             \
    auto out = Tensor<detail::op::result_type<T>>::fresh(x.shape());                          \
    detail::unary_into<detail::op>(x, out);                                                   \
    return out;                                                                               \
  }                                                                                           \
  template <Element T>                                                                        \
  auto name(Tensor<T>&& x) {                                                                  \
    return detail::unary_temporary<detail::op>(std::move(x));                                 \
  }                                                                                           \
  template <Element T, Element O>                                                             \
  void name(const Tensor<T>& x, const Tensor<O>& out) {                                       \
    detail::check_out_shape(out, x.shape());                                                  \
    detail::unary_into<detail::op>(x, out);                                                   \
  }
EINSPAN_UNARY_FUNCTION(negative, negative_op)
EINSPAN_UNARY_FUNCTION(abs, abs_op)
EINSPAN_UNARY_FUNCTION(square, square_op)
EINSPAN_UNARY_FUNCTION(sqrt, sqrt_op)
EINSPAN_UNARY_FUNCTION(exp, exp_op)
EINSPAN_UNARY_FUNCTION(log, log_op)
// Float32/float64 sqrt, exp, expm1, log, log2, log10, log1p, sin, cos, arcsin, arccos, arctan,
// sinh and tanh run vectorised kernels (vector_math.hpp; accuracy in docs/elementwise.md); tan,
// cosh and exp2, integer inputs and the lazy forms call the C library once per element.
EINSPAN_UNARY_FUNCTION(sin, sin_op)
EINSPAN_UNARY_FUNCTION(cos, cos_op)
EINSPAN_UNARY_FUNCTION(tan, tan_op)
EINSPAN_UNARY_FUNCTION(arcsin, arcsin_op)
EINSPAN_UNARY_FUNCTION(arccos, arccos_op)
EINSPAN_UNARY_FUNCTION(arctan, arctan_op)
EINSPAN_UNARY_FUNCTION(sinh, sinh_op)
EINSPAN_UNARY_FUNCTION(cosh, cosh_op)
EINSPAN_UNARY_FUNCTION(tanh, tanh_op)
EINSPAN_UNARY_FUNCTION(exp2, exp2_op)
EINSPAN_UNARY_FUNCTION(expm1, expm1_op)
EINSPAN_UNARY_FUNCTION(log2, log2_op)
EINSPAN_UNARY_FUNCTION(log10, log10_op)
EINSPAN_UNARY_FUNCTION(log1p, log1p_op)
EINSPAN_UNARY_FUNCTION(isnan, isnan_op)
EINSPAN_UNARY_FUNCTION(isinf, isinf_op)
EINSPAN_UNARY_FUNCTION(isfinite, isfinite_op)
EINSPAN_UNARY_FUNCTION(sign, sign_op)
// (EINSPAN_UNARY_FUNCTION stays defined: rounding.hpp declares floor, ceil and trunc with it.)

// np.clip(a, lo, hi): maximum(a, lo), then minimum with hi; NaN propagates, and lo > hi gives hi
// everywhere, as NumPy. lo and hi are tensors or scalars and broadcast; the result promotes as
// the two binary operations do.
template <Operand X, Operand L, Operand H>
  requires(is_tensor_v<X> || is_tensor_v<L> || is_tensor_v<H>)
auto clip(const X& x, const L& lo, const H& hi) {
  return minimum(maximum(x, lo), hi);
}

template <Element T>
Tensor<T> operator-(const Tensor<T>& x) {
  return negative(x);
}

// ---- where -------------------------------------------------------------------------------------
// np.where(cond, a, b): a where cond is true, b elsewhere, all three broadcast together; a and b
// promote as for a binary operation. Fresh result; throws ShapeError when the shapes do not
// broadcast. The out form requires out to have the broadcast shape and allocates nothing.
template <Operand X, Operand Y, Element O>
void where(const Tensor<bool>& cond, const X& x, const Y& y, const Tensor<O>& out) {
  using C = detail::compute_t<X, Y>;
  static_assert(can_cast_same_kind_v<C, O>,
                "out-parameter: the result cannot be cast to out's element type under the same_kind rule");
  detail::check_out_shape(out, broadcast_shapes({cond.shape(), detail::operand_shape(x), detail::operand_shape(y)}));
  const detail::Bound<bool, Tensor<bool>> bc(cond, out.shape(), out);
  const detail::Bound<C, X> bx(x, out.shape(), out);
  const detail::Bound<C, Y> by(y, out.shape(), out);
  using A = typename detail::Bound<C, X>::element;
  using B = typename detail::Bound<C, Y>::element;
  detail::map_kernel([](bool c, A a, B b) { return static_cast<O>(c ? static_cast<C>(a) : static_cast<C>(b)); },
                     out.shape(), out.data(), out.strides(), bc.arg, bx.arg, by.arg);
}

template <Operand X, Operand Y>
auto where(const Tensor<bool>& cond, const X& x, const Y& y) {
  using C = detail::compute_t<X, Y>;
  auto out = Tensor<C>::fresh(broadcast_shapes({cond.shape(), detail::operand_shape(x), detail::operand_shape(y)}));
  where(cond, x, y, out);
  return out;
}

}  // namespace einspan
