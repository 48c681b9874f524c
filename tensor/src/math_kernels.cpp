// The vectorised float functions of detail/vector_math.hpp, one per instruction-set level, on
// Highway's contrib math (hwy/contrib/math/math-inl.h, Highway 1.0.3).
//
// Highway's polynomials are accurate only on a documented domain and leave NaN, infinities,
// overflow and underflow to the caller. Each function below names its fast domain [lo, hi]: a
// vector whose lanes are all inside (NaN never is) is computed by Highway alone; a lane outside is
// recomputed with the C library's function, so specials, poles and huge arguments give the C
// library's (and NumPy's) results and never garbage. The domains are Highway's documented
// "valid ranges", narrowed where a result would overflow or go subnormal:
//   exp, expm1, sinh   up to 706 (double) / 88 (float): overflow to inf is the C library's;
//   exp                from -708 / -87: below, results are subnormal or zero;
//   log, log2, log10   normal positive numbers: 0, negatives, subnormals and inf fall back;
//   sin, cos           |x| <= 39000, Highway's documented range (its range reduction uses a
//                      4-part pi and a 32-bit quadrant, so error grows beyond it);
//   arcsin, arccos     [-1, 1]; outside, NaN from the C library;
//   expm1              from -1000 (double) / -104 (float), tanh |x| <= 1e4: beyond, the results
//                      are -1 and +-1, and Highway's exponent would overflow its 32-bit integer;
//   log2, log10        also a result within 4 ULPs of an integer (log10(1000) is exactly 3).
// docs/elementwise.md has the measured error of each (tests/tensor/vector_math_test.cpp checks it).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "math_kernels.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <hwy/contrib/math/math-inl.h>
#include <cmath>
#include <cstddef>
#include <einspan/tensor/detail/simd/dispatch.hpp>
#include <einspan/tensor/detail/vector_math.hpp>
#include <limits>
#include <type_traits>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Every result of the fast path is kept (no check is compiled).
struct AnyResult {};
// fast(x) for the lanes of a vector inside [lo, hi] whose result `exact` accepts, slow(x) (the C
// library) for the others.
template <class D, class V, class Fast, class Exact, class Slow>
HWY_INLINE V math_vector(D d, V x, hn::TFromD<D> lo, hn::TFromD<D> hi, const Fast& fast, const Exact& exact,
                         const Slow& slow) {
  using T = hn::TFromD<D>;
  // A symmetric domain costs one compare (|x| is computed by most of Highway's functions anyway).
  hn::Mask<D> inside = lo == -hi ? hn::Le(hn::Abs(x), hn::Set(d, hi))
                                 : hn::And(hn::Ge(x, hn::Set(d, lo)), hn::Le(x, hn::Set(d, hi)));
  // At the generic level lanes outside never reach Highway: its emulated float-to-int conversions
  // are undefined behaviour on NaN and huge values. (The SIMD levels' conversion instructions
  // give a defined value, which the fallback below replaces.)
  constexpr bool emulated = HWY_TARGET == HWY_EMU128 || HWY_TARGET == HWY_SCALAR;
  const V y = fast(d, emulated ? hn::IfThenElse(inside, x, hn::Set(d, hi)) : x);
  if constexpr (!std::is_same_v<Exact, AnyResult>) inside = hn::And(inside, exact(d, y));
  if (HWY_LIKELY(hn::AllTrue(d, inside))) return y;
  HWY_ALIGN T lanes[HWY_MAX_BYTES / sizeof(T)];
  HWY_ALIGN T results[HWY_MAX_BYTES / sizeof(T)];
  HWY_ALIGN T accepted[HWY_MAX_BYTES / sizeof(T)];
  hn::Store(x, d, lanes);
  hn::Store(y, d, results);
  hn::Store(hn::IfThenElseZero(inside, hn::Set(d, T{1})), d, accepted);
  for (std::size_t j = 0; j < hn::Lanes(d); ++j)
    if (accepted[j] == T{0}) results[j] = slow(lanes[j]);
  return hn::Load(d, results);
}

// (Non-temporal stores for large outputs, as transpose.cpp uses, measured no faster here: sin + exp
// of 8M doubles took 15.4-15.6 ms either way on the Zen 4 test machine. These kernels are bound
// by arithmetic, not by memory.)
template <class T, class Fast, class Exact, class Slow>
HWY_INLINE void map_math(const T* in, T* out, index_t count, T lo, T hi, const Fast& fast, const Exact& exact,
                         const Slow& slow) {
  const hn::ScalableTag<T> d;
  const auto lanes = static_cast<index_t>(hn::Lanes(d));
  index_t i = 0;
  for (; i + lanes <= count; i += lanes)
    hn::StoreU(math_vector(d, hn::LoadU(d, in + i), lo, hi, fast, exact, slow), d, out + i);
  if (i == count) return;
  // The tail through one padded vector (padded with hi, which is inside the domain).
  HWY_ALIGN T tail[HWY_MAX_BYTES / sizeof(T)];
  const index_t rest = count - i;
  for (index_t j = 0; j < lanes; ++j) tail[j] = j < rest ? in[i + j] : hi;
  hn::Store(math_vector(d, hn::Load(d, tail), lo, hi, fast, exact, slow), d, tail);
  for (index_t j = 0; j < rest; ++j) out[i + j] = tail[j];
}

// A result within 4 ULPs of an integer goes to the C library: log2(8) and log10(1000) are then
// exactly 3, as NumPy's, where Highway's log(x) * constant is off by an ULP or two.
struct NotNearInteger {
  template <class D, class V>
  HWY_INLINE auto operator()(D d, V y) const {
    using T = hn::TFromD<D>;
    const V tolerance = hn::Mul(hn::Abs(y), hn::Set(d, 4 * std::numeric_limits<T>::epsilon()));
    return hn::Gt(hn::Abs(hn::Sub(y, hn::Round(y))), tolerance);
  }
};

// Exactly known results Highway's polynomials miss by an ULP or a sign: f(x) = x below `small`
// (sin(-0) = -0, sinh and expm1 of subnormals), and cos(x) = 1 below it. The thresholds are where
// the next term of the series drops below half an ULP.
template <class D, class V>
HWY_INLINE V identity_below(D d, V x, V y, float small32, double small64) {
  using T = hn::TFromD<D>;
  const T small = sizeof(T) == 4 ? static_cast<T>(small32) : static_cast<T>(small64);
  return hn::IfThenElse(hn::Lt(hn::Abs(x), hn::Set(d, small)), x, y);
}
template <class D, class V>
HWY_INLINE V one_below(D d, V x, V y, float small32, double small64) {
  using T = hn::TFromD<D>;
  const T small = sizeof(T) == 4 ? static_cast<T>(small32) : static_cast<T>(small64);
  return hn::IfThenElse(hn::Lt(hn::Abs(x), hn::Set(d, small)), hn::Set(d, T{1}), y);
}
// One kernel per function and type: name_f32 and name_f64 (HWY_EXPORT takes one function name
// per table, so no overloads here). `fast_expr` is Highway's function of the tag d and vector x;
// `lo32, hi32, lo64, hi64` bound its domain.
#define EINSPAN_MATH_KERNEL_CHECKED(name, fast_expr, exact, std_fn, lo32, hi32, lo64, hi64)                   \
  void name##_f32(const float* in, float* out, index_t n) {                                                \
    map_math<float>(                                                                                       \
        in, out, n, lo32, hi32, []([[maybe_unused]] auto d, auto x) { return fast_expr; }, exact{},          \
        [](float x) { return std::std_fn(x); });                                                           \
  }                                                                                                        \
  void name##_f64(const double* in, double* out, index_t n) {                                              \
    map_math<double>(                                                                                      \
        in, out, n, lo64, hi64, []([[maybe_unused]] auto d, auto x) { return fast_expr; }, exact{},          \
        [](double x) { return std::std_fn(x); });                                                          \
  }
#define EINSPAN_MATH_KERNEL(name, fast_expr, std_fn, lo32, hi32, lo64, hi64) \
  EINSPAN_MATH_KERNEL_CHECKED(name, fast_expr, AnyResult, std_fn, lo32, hi32, lo64, hi64)

constexpr float inf32 = std::numeric_limits<float>::infinity();
constexpr double inf64 = std::numeric_limits<double>::infinity();
constexpr float min32 = std::numeric_limits<float>::min(), max32 = std::numeric_limits<float>::max();
constexpr double min64 = std::numeric_limits<double>::min(), max64 = std::numeric_limits<double>::max();
// The largest float below -1 (log1p's pole): [-1 + 2^-24, ...] keeps 1 + x a normal number.
constexpr float above_minus_one32 = -1.0f + 0x1p-24f;
constexpr double above_minus_one64 = -1.0 + 0x1p-53;

EINSPAN_MATH_KERNEL(exp, hn::Exp(d, x), exp, -87.0f, 88.0f, -708.0, 706.0)
EINSPAN_MATH_KERNEL(expm1, identity_below(d, x, hn::Expm1(d, x), 0x1p-25f, 0x1p-54), expm1, -104.0f, 88.0f, -1000.0, 706.0)
EINSPAN_MATH_KERNEL(log, hn::Log(d, x), log, min32, max32, min64, max64)
EINSPAN_MATH_KERNEL_CHECKED(log2, hn::Log2(d, x), NotNearInteger, log2, min32, max32, min64, max64)
EINSPAN_MATH_KERNEL_CHECKED(log10, hn::Log10(d, x), NotNearInteger, log10, min32, max32, min64, max64)
EINSPAN_MATH_KERNEL(log1p, hn::Log1p(d, x), log1p, above_minus_one32, max32, above_minus_one64, max64)
EINSPAN_MATH_KERNEL(sin, identity_below(d, x, hn::Sin(d, x), 0x1p-12f, 0x1p-26), sin, -39000.0f, 39000.0f, -39000.0, 39000.0)
EINSPAN_MATH_KERNEL(cos, one_below(d, x, hn::Cos(d, x), 0x1p-13f, 0x1p-27), cos, -39000.0f, 39000.0f, -39000.0, 39000.0)
EINSPAN_MATH_KERNEL(arcsin, hn::Asin(d, x), asin, -1.0f, 1.0f, -1.0, 1.0)
EINSPAN_MATH_KERNEL(arccos, hn::Acos(d, x), acos, -1.0f, 1.0f, -1.0, 1.0)
EINSPAN_MATH_KERNEL(arctan, hn::Atan(d, x), atan, -inf32, inf32, -inf64, inf64)
EINSPAN_MATH_KERNEL(sinh, identity_below(d, x, hn::Sinh(d, x), 0x1p-12f, 0x1p-26), sinh, -88.0f, 88.0f, -706.0, 706.0)
EINSPAN_MATH_KERNEL(tanh, hn::Tanh(d, x), tanh, -1e4f, 1e4f, -1e4, 1e4)
EINSPAN_MATH_KERNEL(sqrt, hn::Sqrt(x), sqrt, -inf32, inf32, -inf64, inf64)
#undef EINSPAN_MATH_KERNEL
#undef EINSPAN_MATH_KERNEL_CHECKED

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {

#define EINSPAN_MATH_ENTRY(name)                                          \
  HWY_EXPORT(name##_f32);                                                 \
  HWY_EXPORT(name##_f64);                                                 \
  void vector_##name(const float* in, float* out, index_t n) {            \
    EINSPAN_DISPATCH(name##_f32)(in, out, n);                             \
  }                                                                       \
  void vector_##name(const double* in, double* out, index_t n) {          \
    EINSPAN_DISPATCH(name##_f64)(in, out, n);                             \
  }
EINSPAN_MATH_ENTRY(exp)
EINSPAN_MATH_ENTRY(expm1)
EINSPAN_MATH_ENTRY(log)
EINSPAN_MATH_ENTRY(log2)
EINSPAN_MATH_ENTRY(log10)
EINSPAN_MATH_ENTRY(log1p)
EINSPAN_MATH_ENTRY(sin)
EINSPAN_MATH_ENTRY(cos)
EINSPAN_MATH_ENTRY(arcsin)
EINSPAN_MATH_ENTRY(arccos)
EINSPAN_MATH_ENTRY(arctan)
EINSPAN_MATH_ENTRY(sinh)
EINSPAN_MATH_ENTRY(tanh)
EINSPAN_MATH_ENTRY(sqrt)
#undef EINSPAN_MATH_ENTRY

}  // namespace einspan::detail
#endif
