// The contiguous float and double sums of detail/pairwise_sum.hpp, one per instruction-set level,
// all in the order that header defines. The eight partial sums of a leaf are eight lanes of GCC
// vector extensions (32-byte registers: one or two per octet at the AVX2 and AVX-512 levels, two
// or four 16-byte ones below), so every level adds the same numbers in the same order. A single leaf is
// a chain of dependent adds (16 adds of 3-4 cycles for 128 elements); consecutive leaves are
// independent chains that the CPU overlaps, their ends are combined four at a time, and the tree
// of leaves is then added in the header's order.
// GCC and Clang warn that a 32-byte vector passed or returned at the generic level would be
// passed in another way than at the AVX levels; these helpers are inlined within this file, so no
// ABI crosses a level.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sum_kernels.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <cstring>
#include <type_traits>
#include <einspan/tensor/detail/pairwise_sum.hpp>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {

// Eight partial sums in 32-byte registers: one for float, two for double. 64-byte registers for
// the eight doubles summed as fast in cache but at 40% of the speed from memory on AMD Zen 4
// (8M float64: 6.7-7.0 ms against 2.4-2.7 ms with two 32-byte halves, back-to-back runs at the
// AVX-512 and AVX2 levels of the same binary): the data are not 64-byte aligned, so every
// 64-byte load spans two cache lines. Two halves cost nothing where the FMA units are 256 bits
// wide anyway.
typedef float f32x8 __attribute__((vector_size(32)));
typedef double f64x4 __attribute__((vector_size(32)));
struct OctetF32 {
  f32x8 v;
};
struct OctetF64 {
  f64x4 lo, hi;  // lanes 0-3, 4-7
};
template <class T>
using octet_t = std::conditional_t<std::is_same_v<T, float>, OctetF32, OctetF64>;

HWY_INLINE void load_octet(OctetF32& r, const float* p) { std::memcpy(&r.v, p, sizeof r.v); }
HWY_INLINE void load_octet(OctetF64& r, const double* p) {
  std::memcpy(&r.lo, p, sizeof r.lo);
  std::memcpy(&r.hi, p + 4, sizeof r.hi);
}
HWY_INLINE void add_octet(OctetF32& r, const float* p) {
  f32x8 v;
  std::memcpy(&v, p, sizeof v);
  r.v += v;
}
HWY_INLINE void add_octet(OctetF64& r, const double* p) {
  f64x4 lo, hi;
  std::memcpy(&lo, p, sizeof lo);
  std::memcpy(&hi, p + 4, sizeof hi);
  r.lo += lo;
  r.hi += hi;
}

// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) of one octet.
HWY_INLINE float combine_octet(const OctetF32& r) {
  const f32x8& v = r.v;
  return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}
HWY_INLINE double combine_octet(const OctetF64& r) {
  return ((r.lo[0] + r.lo[1]) + (r.lo[2] + r.lo[3])) + ((r.hi[0] + r.hi[1]) + (r.hi[2] + r.hi[3]));
}

// The same of four octets at once, in three vector adds: lanes are paired across the registers
// by shuffles, so each add does the same step for every octet.
HWY_INLINE void combine_octets4(const OctetF32& a, const OctetF32& b, const OctetF32& c, const OctetF32& d,
                                float* out) {
  const f32x8 ab = __builtin_shufflevector(a.v, b.v, 0, 8, 2, 10, 4, 12, 6, 14) +
                   __builtin_shufflevector(a.v, b.v, 1, 9, 3, 11, 5, 13, 7, 15);  // a01 b01 a23 b23 a45 ...
  const f32x8 cd = __builtin_shufflevector(c.v, d.v, 0, 8, 2, 10, 4, 12, 6, 14) +
                   __builtin_shufflevector(c.v, d.v, 1, 9, 3, 11, 5, 13, 7, 15);
  const f32x8 q = __builtin_shufflevector(ab, cd, 0, 1, 8, 9, 4, 5, 12, 13) +
                  __builtin_shufflevector(ab, cd, 2, 3, 10, 11, 6, 7, 14, 15);  // a0123 b0123 c0123 d0123 a4567 ...
  for (int k = 0; k < 4; ++k) out[k] = q[k] + q[k + 4];
}
HWY_INLINE void combine_octets4(const OctetF64& a, const OctetF64& b, const OctetF64& c, const OctetF64& d,
                                double* out) {
  const auto pairs = [](f64x4 x, f64x4 y) {  // x01 y01 x23 y23
    return __builtin_shufflevector(x, y, 0, 4, 2, 6) + __builtin_shufflevector(x, y, 1, 5, 3, 7);
  };
  const auto quads = [](f64x4 x, f64x4 y) {  // x0123 (lanes 0, 1 of x) y0123 (lanes 0, 1 of y)
    return __builtin_shufflevector(x, y, 0, 1, 4, 5) + __builtin_shufflevector(x, y, 2, 3, 6, 7);
  };
  const f64x4 low = quads(pairs(a.lo, b.lo), pairs(c.lo, d.lo));   // a0123 b0123 c0123 d0123
  const f64x4 high = quads(pairs(a.hi, b.hi), pairs(c.hi, d.hi));  // a4567 b4567 c4567 d4567
  const f64x4 q = low + high;
  for (int k = 0; k < 4; ++k) out[k] = q[k];
}

template <class T>
T leaf_sum(const T* p, index_t n) {
  T s = T{0};
  if (n < 8) {
    for (index_t i = 0; i < n; ++i) s += p[i];
    return s;
  }
  octet_t<T> r;
  load_octet(r, p);
  index_t i = 8;
  for (; i + 8 <= n; i += 8) add_octet(r, p + i);
  s = combine_octet(r);
  for (; i < n; ++i) s += p[i];
  return s;
}

// Four leaves of at least 8 elements each, one after the other: their chains are independent, so
// out-of-order execution overlaps them, and memory is read in order. (Interleaving the four
// leaves' loads ran as fast in cache but at half speed from memory: four streams 1 KiB apart
// restart the hardware prefetcher at every 4 KiB page.) Their ends are then combined together.
template <class T>
HWY_INLINE void leaf_sums4(const T* p0, const T* p1, const T* p2, const T* p3, index_t n0, index_t n1, index_t n2,
                           index_t n3, T* out) {
  // The empty asm statements keep the compiler from interleaving the leaves' loads again (GCC
  // did at the AVX2 level: 8M float32 took 3.2 ms there against 1.05 ms at AVX-512).
  index_t i0 = 8, i1 = 8, i2 = 8, i3 = 8;
  octet_t<T> r0, r1, r2, r3;
  load_octet(r0, p0);
  for (; i0 + 8 <= n0; i0 += 8) add_octet(r0, p0 + i0);
  asm volatile("" ::: "memory");
  load_octet(r1, p1);
  for (; i1 + 8 <= n1; i1 += 8) add_octet(r1, p1 + i1);
  asm volatile("" ::: "memory");
  load_octet(r2, p2);
  for (; i2 + 8 <= n2; i2 += 8) add_octet(r2, p2 + i2);
  asm volatile("" ::: "memory");
  load_octet(r3, p3);
  for (; i3 + 8 <= n3; i3 += 8) add_octet(r3, p3 + i3);
  combine_octets4(r0, r1, r2, r3, out);
  for (; i0 < n0; ++i0) out[0] += p0[i0];
  for (; i1 < n1; ++i1) out[1] += p1[i1];
  for (; i2 < n2; ++i2) out[2] += p2[i2];
  for (; i3 < n3; ++i3) out[3] += p3[i3];
}

// Leaves of a chunk (n <= pairwise_chunk) in order. Every leaf below a split has at least 64
// elements, so a chunk has at most pairwise_chunk / 64 of them.
inline constexpr int max_leaves = static_cast<int>(pairwise_chunk / 64);
struct Leaf {
  index_t offset, n;
};
inline void collect_leaves(index_t offset, index_t n, Leaf* leaves, int& count) {
  if (n <= pairwise_leaf) {
    leaves[count++] = {offset, n};
    return;
  }
  const index_t m = pairwise_split(n);
  collect_leaves(offset, m, leaves, count);
  collect_leaves(offset + m, n - m, leaves, count);
}
template <class T>
T combine_leaves(const T* sums, index_t n, int& next) {
  if (n <= pairwise_leaf) return sums[next++];
  const index_t m = pairwise_split(n);
  const T first = combine_leaves(sums, m, next);
  return first + combine_leaves(sums, n - m, next);
}

// pairwise(p[0..n)), n <= pairwise_chunk.
template <class T>
T chunk_sum(const T* p, index_t n) {
  if (n <= pairwise_leaf) return leaf_sum(p, n);
  const index_t blocks = n / pairwise_leaf;
  if (n % pairwise_leaf == 0 && (blocks & (blocks - 1)) == 0) {
    // 128 * 2^k elements (every full chunk): each split halves exactly, so the leaves are the
    // consecutive 128-element blocks and the tree adds neighbours level by level.
    T sums[max_leaves];
    index_t k = 0;
    for (; k + 4 <= blocks; k += 4) {
      const T* q = p + k * pairwise_leaf;
      leaf_sums4(q, q + pairwise_leaf, q + 2 * pairwise_leaf, q + 3 * pairwise_leaf, pairwise_leaf, pairwise_leaf,
                 pairwise_leaf, pairwise_leaf, sums + k);
    }
    for (; k < blocks; ++k) sums[k] = leaf_sum(p + k * pairwise_leaf, pairwise_leaf);
    for (index_t width = blocks / 2; width > 0; width /= 2)
      for (index_t j = 0; j < width; ++j) sums[j] = sums[2 * j] + sums[2 * j + 1];
    return sums[0];
  }
  Leaf leaves[max_leaves];
  int count = 0;
  collect_leaves(0, n, leaves, count);
  T sums[max_leaves];
  int k = 0;
  for (; k + 4 <= count; k += 4) {
    const Leaf* l = leaves + k;
    leaf_sums4(p + l[0].offset, p + l[1].offset, p + l[2].offset, p + l[3].offset, l[0].n, l[1].n, l[2].n, l[3].n,
               sums + k);
  }
  for (; k < count; ++k) sums[k] = leaf_sum(p + leaves[k].offset, leaves[k].n);
  int next = 0;
  return combine_leaves(sums, n, next);
}

template <class T>
T sum_contiguous_impl(T acc, const T* p, index_t n) {
  for (index_t c = 0; c < n; c += pairwise_chunk) acc += chunk_sum(p + c, std::min(pairwise_chunk, n - c));
  return acc;
}

// Short rows four at a time (the k-means lines sum 130000 rows of 26): four leaf chains overlap
// instead of each row waiting on its own, and no call per row.
template <class T>
void sum_rows_impl(const T* p, index_t rows, index_t n, index_t row_stride, T* o, index_t out_stride) {
  index_t r = 0;
  if (n >= 8 && n <= pairwise_leaf) {
    for (; r + 4 <= rows; r += 4) {
      const T* q = p + r * row_stride;
      T s[4];
      leaf_sums4(q, q + row_stride, q + 2 * row_stride, q + 3 * row_stride, n, n, n, n, s);
      for (index_t k = 0; k < 4; ++k) o[(r + k) * out_stride] += s[k];
    }
  }
  for (; r < rows; ++r) o[r * out_stride] = sum_contiguous_impl(o[r * out_stride], p + r * row_stride, n);
}

float sum_contiguous_f32(float acc, const float* p, index_t n) { return sum_contiguous_impl(acc, p, n); }
double sum_contiguous_f64(double acc, const double* p, index_t n) { return sum_contiguous_impl(acc, p, n); }
void sum_rows_f32(const float* p, index_t rows, index_t n, index_t row_stride, float* o, index_t out_stride) {
  sum_rows_impl(p, rows, n, row_stride, o, out_stride);
}
void sum_rows_f64(const double* p, index_t rows, index_t n, index_t row_stride, double* o, index_t out_stride) {
  sum_rows_impl(p, rows, n, row_stride, o, out_stride);
}

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {
HWY_EXPORT(sum_contiguous_f32);
HWY_EXPORT(sum_contiguous_f64);
HWY_EXPORT(sum_rows_f32);
HWY_EXPORT(sum_rows_f64);

float sum_contiguous(float acc, const float* p, index_t n) { return EINSPAN_DISPATCH(sum_contiguous_f32)(acc, p, n); }
double sum_contiguous(double acc, const double* p, index_t n) {
  return EINSPAN_DISPATCH(sum_contiguous_f64)(acc, p, n);
}
void sum_rows(const float* p, index_t rows, index_t n, index_t row_stride, float* o, index_t out_stride) {
  EINSPAN_DISPATCH(sum_rows_f32)(p, rows, n, row_stride, o, out_stride);
}
void sum_rows(const double* p, index_t rows, index_t n, index_t row_stride, double* o, index_t out_stride) {
  EINSPAN_DISPATCH(sum_rows_f64)(p, rows, n, row_stride, o, out_stride);
}
}  // namespace einspan::detail
#endif
