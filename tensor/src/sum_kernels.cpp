// The contiguous float and double sums of detail/pairwise_sum.hpp, one per instruction-set level,
// all in the order that header defines. The eight partial sums of a leaf are one vector of eight
// lanes (a GCC vector extension: one 512-bit register at the AVX-512 level, two 256-bit or four
// 128-bit ones below), so every level adds the same numbers in the same order. A single leaf is
// a chain of dependent adds (16 adds of 3-4 cycles for 128 elements); four leaves are summed at
// once, so four chains overlap, and the tree of leaves is then combined in the header's order.
// GCC warns that a 32- or 64-byte vector returned at the generic level would be passed in
// another way than at the AVX levels; these helpers are inlined within this file, so no ABI
// crosses a level.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sum_kernels.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <cstring>
#include <einspan/tensor/detail/pairwise_sum.hpp>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {

template <class T>
struct Octet {
  typedef T type __attribute__((vector_size(8 * sizeof(T))));
};
template <class T>
using octet_t = typename Octet<T>::type;

template <class T>
HWY_INLINE octet_t<T> load_octet(const T* p) {
  octet_t<T> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The end of a leaf: ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then p[i..n) in sequence.
template <class T>
HWY_INLINE T finish_leaf(octet_t<T> r, const T* p, index_t i, index_t n) {
  T s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; ++i) s += p[i];
  return s;
}

template <class T>
T leaf_sum(const T* p, index_t n) {
  if (n < 8) {
    T s = T{0};
    for (index_t i = 0; i < n; ++i) s += p[i];
    return s;
  }
  octet_t<T> r = load_octet(p);
  index_t i = 8;
  for (; i + 8 <= n; i += 8) r += load_octet(p + i);
  return finish_leaf(r, p, i, n);
}

// Four leaves of at least 8 elements each: their common octets interleaved, then each its own.
template <class T>
HWY_INLINE void leaf_sums4(const T* p0, const T* p1, const T* p2, const T* p3, index_t n0, index_t n1, index_t n2,
                           index_t n3, T* out) {
  octet_t<T> r0 = load_octet(p0), r1 = load_octet(p1), r2 = load_octet(p2), r3 = load_octet(p3);
  const index_t common = std::min(std::min(n0, n1), std::min(n2, n3));
  index_t i = 8;
  for (; i + 8 <= common; i += 8) {
    r0 += load_octet(p0 + i);
    r1 += load_octet(p1 + i);
    r2 += load_octet(p2 + i);
    r3 += load_octet(p3 + i);
  }
  const auto finish = [i](octet_t<T> r, const T* p, index_t n) {
    index_t j = i;
    for (; j + 8 <= n; j += 8) r += load_octet(p + j);
    return finish_leaf(r, p, j, n);
  };
  out[0] = finish(r0, p0, n0);
  out[1] = finish(r1, p1, n1);
  out[2] = finish(r2, p2, n2);
  out[3] = finish(r3, p3, n3);
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
