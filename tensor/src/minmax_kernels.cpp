// The contiguous min/max and argmin/argmax scans of reduce.hpp (declared in
// detail/reduce_kernels.hpp), one per instruction-set level. They are written on vector
// registers (GCC vector extensions, 32 or 16 bytes: see Register) because GCC turns the
// NaN-propagating select of a plain loop into a branch per element: min(axis=1) ran at half
// NumPy's speed, argmin over 26 distances 6x slower. Their results do not depend on the order of
// the comparisons, so every level gives the same answer.
// GCC and Clang warn that a 32-byte vector passed or returned at the generic level would be
// passed in another way than at the AVX levels; these helpers are inlined within this file, so no
// ABI crosses a level.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "minmax_kernels.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <cstdint>
#include <cstring>
#include <einspan/tensor/detail/reduce_kernels.hpp>
#include <einspan/tensor/detail/simd/dispatch.hpp>
#include <limits>
#include <type_traits>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {

// 32-byte registers where the level has them; 16-byte ones below AVX2, where GCC lowers the
// selects of a 32-byte vector to scalar code (min of 8M float64 took 21 ms at the generic and
// SSE4 levels with 32-byte vectors, 2.4 ms at AVX2).
#if HWY_TARGET <= HWY_AVX2
inline constexpr std::size_t register_bytes = 32;
#else
inline constexpr std::size_t register_bytes = 16;
#endif

template <class T>
struct Register {
  typedef T type __attribute__((vector_size(register_bytes)));
  static constexpr index_t lanes = register_bytes / sizeof(T);
  static type load(const T* p) {
    type v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
};

// NumPy's minimum / maximum: the first NaN wins (as elementwise.hpp's minimum_op), on scalars or
// whole registers alike.
template <bool IsMin, class V>
HWY_INLINE V pick_nan(V a, V b) {
  if constexpr (IsMin) return ((a < b) | (a != a)) ? a : b;
  else return ((a > b) | (a != a)) ? a : b;
}

// min or max of p[0..n), n >= 4 registers' worth: four independent accumulators, then the lanes.
template <bool IsMin, class T>
T minmax_contiguous(const T* p, index_t n) {
  using R = Register<T>;
  using VT = typename R::type;
  constexpr index_t lanes = R::lanes;
  VT a0 = R::load(p), a1 = R::load(p + lanes), a2 = R::load(p + 2 * lanes), a3 = R::load(p + 3 * lanes);
  index_t i = 4 * lanes;
  for (; i + 4 * lanes <= n; i += 4 * lanes) {
    a0 = pick_nan<IsMin>(a0, R::load(p + i));
    a1 = pick_nan<IsMin>(a1, R::load(p + i + lanes));
    a2 = pick_nan<IsMin>(a2, R::load(p + i + 2 * lanes));
    a3 = pick_nan<IsMin>(a3, R::load(p + i + 3 * lanes));
  }
  const VT a = pick_nan<IsMin>(pick_nan<IsMin>(a0, a1), pick_nan<IsMin>(a2, a3));
  T r = a[0];
  for (index_t l = 1; l < lanes; ++l) r = pick_nan<IsMin>(r, a[l]);
  for (; i < n; ++i) r = pick_nan<IsMin>(r, p[i]);
  return r;
}

// True where v should replace best: strictly better (ties keep the lowest index), or the first NaN.
template <bool IsMin, class V>
HWY_INLINE auto better(V v, V best) {
  if constexpr (IsMin) return (v < best) | ((v != v) & (best == best));
  else return (v > best) | ((v != v) & (best == best));
}

template <bool IsMin, class T>
std::int64_t arg_scan_scalar(const T* q, index_t length) {
  T best = q[0];
  std::int64_t at = 0;
  for (index_t r = 1; r < length; ++r) {
    if (better<IsMin>(q[r], best)) {
      best = q[r];
      at = r;
    }
  }
  return at;
}

// Index of the best of a short floating row q[0..length), lanes <= length <= arg_short_row_max,
// in two passes with no compare-and-blend chain: the best value (vector min/max, with a NaN
// flag), then the lowest index holding it (indices kept as floating lanes so that one vector min
// finds the lowest). The last register is the one ending at `length`, overlapping the one before
// it, which both passes tolerate. For argmin over 26 distances this is about twice as fast as the
// one-pass scan below, whose blends wait on each other.
template <bool IsMin, class T>
std::int64_t arg_scan_short(const T* q, index_t length) {
  using R = Register<T>;
  using VT = typename R::type;
  constexpr index_t lanes = R::lanes;
  const index_t last = length - lanes;
  const auto pick = [](VT a, VT b) {
    if constexpr (IsMin) return a < b ? a : b;
    else return a > b ? a : b;
  };
  VT best = R::load(q + last);
  auto nan = best != best;
  for (index_t i = 0; i < last; i += lanes) {
    const VT v = R::load(q + i);
    best = pick(best, v);
    nan |= v != v;
  }
  bool any_nan = false;
  T w = best[0];
  for (index_t l = 0; l < lanes; ++l) {
    any_nan |= nan[l] != 0;
    w = pick(VT{} + w, VT{} + best[l])[0];
  }
  VT lane_index;
  for (index_t l = 0; l < lanes; ++l) lane_index[l] = static_cast<T>(l);
  const VT none = VT{} + std::numeric_limits<T>::infinity();
  // Indices grow along the row, so a lane's first hit is its smallest: one vector min per step.
  VT first = none;
  const auto scan = [&](index_t i) {
    const VT v = R::load(q + i);
    const auto hit = any_nan ? v != v : v == w;
    const VT at = hit ? lane_index + static_cast<T>(i) : none;
    first = at < first ? at : first;
  };
  for (index_t i = 0; i < last; i += lanes) scan(i);
  scan(last);
  T at = first[0];
  for (index_t l = 1; l < lanes; ++l) at = first[l] < at ? first[l] : at;
  return static_cast<std::int64_t>(at);
}

// Index of the best of q[0..length) (length >= 1). One register of lanes, each keeping its best
// value and index with a compare-and-blend (a data-dependent branch per element mispredicts on
// short rows). The lanes are then merged with ties going to the lowest index and NaN winning,
// which gives exactly the first best element, as a sequential scan would.
template <bool IsMin, class T>
std::int64_t arg_scan_contiguous(const T* q, index_t length) {
  using J = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;
  using VT = typename Register<T>::type;
  typedef J VJ __attribute__((vector_size(register_bytes)));
  constexpr index_t lanes = Register<T>::lanes;
  if constexpr (std::is_floating_point_v<T>) {
    if (length >= lanes && length <= arg_short_row_max) return arg_scan_short<IsMin>(q, length);
  }
  // The lane indices are as wide as T, so 32-bit lanes count to 2^31 only.
  if (length < 2 * lanes || length > std::numeric_limits<J>::max()) return arg_scan_scalar<IsMin>(q, length);
  VT best = Register<T>::load(q);
  VJ at, idx;
  for (index_t l = 0; l < lanes; ++l) at[l] = static_cast<J>(l);
  idx = at;
  index_t r = lanes;
  for (; r + lanes <= length; r += lanes) {
    const VT v = Register<T>::load(q + r);
    idx += static_cast<J>(lanes);
    const VJ b = better<IsMin>(v, best);
    best = b ? v : best;
    at = b ? idx : at;
  }
  // Merged with selects, not branches: which lane wins is random on random data, and the
  // mispredictions cost as much as the scan itself.
  T w = best[0];
  std::int64_t wat = at[0];
  for (index_t l = 1; l < lanes; ++l) {
    const T v = best[l];
    const bool take = better<IsMin>(v, w) | (!better<IsMin>(w, v) & (at[l] < wat));
    w = take ? v : w;
    wat = take ? static_cast<std::int64_t>(at[l]) : wat;
  }
  for (; r < length; ++r) {
    const T v = q[r];
    const bool take = better<IsMin>(v, w);
    w = take ? v : w;
    wat = take ? r : wat;
  }
  return wat;
}

#define EINSPAN_MINMAX_KERNELS(T, suffix)                                                                        \
  T min_contiguous_##suffix(const T* p, index_t n) { return minmax_contiguous<true>(p, n); }                    \
  T max_contiguous_##suffix(const T* p, index_t n) { return minmax_contiguous<false>(p, n); }
#define EINSPAN_ARG_KERNELS(T, suffix)                                                                           \
  void argmin_rows_##suffix(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o,     \
                            index_t out_stride) {                                                               \
    for (index_t j = 0; j < rows; ++j) o[j * out_stride] = arg_scan_contiguous<true>(q + j * row_stride, length); \
  }                                                                                                             \
  void argmax_rows_##suffix(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o,     \
                            index_t out_stride) {                                                               \
    for (index_t j = 0; j < rows; ++j) o[j * out_stride] = arg_scan_contiguous<false>(q + j * row_stride, length); \
  }
EINSPAN_MINMAX_KERNELS(float, f32)
EINSPAN_MINMAX_KERNELS(double, f64)
EINSPAN_ARG_KERNELS(float, f32)
EINSPAN_ARG_KERNELS(double, f64)
EINSPAN_ARG_KERNELS(std::int32_t, i32)
EINSPAN_ARG_KERNELS(std::uint32_t, u32)
EINSPAN_ARG_KERNELS(std::int64_t, i64)
EINSPAN_ARG_KERNELS(std::uint64_t, u64)
#undef EINSPAN_MINMAX_KERNELS
#undef EINSPAN_ARG_KERNELS

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {
#define EINSPAN_MINMAX_ENTRIES(T, suffix)                                                                         \
  HWY_EXPORT(min_contiguous_##suffix);                                                                            \
  HWY_EXPORT(max_contiguous_##suffix);                                                                            \
  T min_contiguous(const T* p, index_t n) { return EINSPAN_DISPATCH(min_contiguous_##suffix)(p, n); }           \
  T max_contiguous(const T* p, index_t n) { return EINSPAN_DISPATCH(max_contiguous_##suffix)(p, n); }
#define EINSPAN_ARG_ENTRIES(T, suffix)                                                                            \
  HWY_EXPORT(argmin_rows_##suffix);                                                                               \
  HWY_EXPORT(argmax_rows_##suffix);                                                                               \
  void argmin_rows(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o,                 \
                   index_t out_stride) {                                                                          \
    EINSPAN_DISPATCH(argmin_rows_##suffix)(q, length, rows, row_stride, o, out_stride);                           \
  }                                                                                                               \
  void argmax_rows(const T* q, index_t length, index_t rows, index_t row_stride, std::int64_t* o,                 \
                   index_t out_stride) {                                                                          \
    EINSPAN_DISPATCH(argmax_rows_##suffix)(q, length, rows, row_stride, o, out_stride);                           \
  }
EINSPAN_MINMAX_ENTRIES(float, f32)
EINSPAN_MINMAX_ENTRIES(double, f64)
EINSPAN_ARG_ENTRIES(float, f32)
EINSPAN_ARG_ENTRIES(double, f64)
EINSPAN_ARG_ENTRIES(std::int32_t, i32)
EINSPAN_ARG_ENTRIES(std::uint32_t, u32)
EINSPAN_ARG_ENTRIES(std::int64_t, i64)
EINSPAN_ARG_ENTRIES(std::uint64_t, u64)
#undef EINSPAN_MINMAX_ENTRIES
#undef EINSPAN_ARG_ENTRIES
}  // namespace einspan::detail
#endif
