#pragma once
// The one order in which einspan adds floating-point numbers: eager sum, mean, nansum, norm, the
// lazy sum of an expression and einsum's reductions over an index all use it, so the same data
// give the same bits whatever the entry point and whatever the instruction-set level
// (docs/reductions.md). It is NumPy 1.24's order for a contiguous run, so a contiguous float64 or
// float32 sum also gives NumPy's bits:
//
//   sum(acc, x[0..n))   = for each chunk of 8192 elements in turn: acc = acc + pairwise(chunk)
//                         (NumPy's reduction hands its inner loop at most one buffer, 8192
//                         elements, at a time and adds each result to the running output)
//   pairwise(x[0..n))   = n < 8:    ((0 + x0) + x1) + ... in sequence
//                         n <= 128: eight partial sums r[j] = x[j] + x[j+8] + x[j+16] + ... over
//                                   the whole octets, then ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
//                                   then the last n % 8 elements in sequence
//                         else:     pairwise(first m) + pairwise(rest), m = n/2 rounded down to a
//                                   multiple of 8 (NumPy's pairwise_sum, loops_utils.h.src)
//
// The order names eight partial sums, not a register width: the dispatched kernels
// (src/sum_kernels.cpp) keep the eight in one 512-bit register, two 256-bit or four 128-bit ones
// and compute several leaves at once, and every level adds the same numbers in the same order.
// Error bound: |computed - exact| <= (c + 16 + log2(8192 / 128)) * eps * sum|x| to first order,
// c = the number of chunks (NumPy's bound too).
//
// This file holds the order as a template over any element source (the lazy evaluator's cursors,
// strided runs, mapped elements such as nansum's), and the entry points of the dispatched kernels
// for contiguous float and double runs; both give the same bits.
#include <algorithm>
#include <array>
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

inline constexpr index_t pairwise_leaf = 128;     // NumPy's PW_BLOCKSIZE
inline constexpr index_t pairwise_chunk = 8192;  // NumPy's default buffer size (np.getbufsize())

// Where a pairwise node of n > pairwise_leaf elements splits: n/2 rounded down to a multiple of 8.
constexpr index_t pairwise_split(index_t n) {
  const index_t half = n / 2;
  return half - half % 8;
}

// pairwise(load(0..n)) for n <= pairwise_leaf; load(i) returns element i as Acc.
template <class Acc, class Load>
Acc pairwise_leaf_sum(const Load& load, index_t n) {
  if (n < 8) {
    Acc s = Acc{0};
    for (index_t i = 0; i < n; ++i) s += load(i);
    return s;
  }
  Acc r[8];
  for (index_t j = 0; j < 8; ++j) r[j] = load(j);
  index_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (index_t j = 0; j < 8; ++j) r[j] += load(i + j);
  Acc s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; ++i) s += load(i);
  return s;
}

// The leaf sums of four rows at once (load(k, i) is element i of row k, n <= pairwise_leaf): the
// same order as pairwise_leaf_sum per row, with four independent chains that overlap.
template <class Acc, class Load>
std::array<Acc, 4> pairwise_leaf_sums4(const Load& load, index_t n) {
  std::array<Acc, 4> s{};
  if (n < 8) {
    for (index_t i = 0; i < n; ++i)
      for (int k = 0; k < 4; ++k) s[k] += load(k, i);
    return s;
  }
  Acc r[4][8];
  for (int k = 0; k < 4; ++k)
    for (index_t j = 0; j < 8; ++j) r[k][j] = load(k, j);
  index_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 4; ++k)
      for (index_t j = 0; j < 8; ++j) r[k][j] += load(k, i + j);
  for (int k = 0; k < 4; ++k) {
    s[k] = ((r[k][0] + r[k][1]) + (r[k][2] + r[k][3])) + ((r[k][4] + r[k][5]) + (r[k][6] + r[k][7]));
    for (index_t t = i; t < n; ++t) s[k] += load(k, t);
  }
  return s;
}

// pairwise(load(offset..offset + n)).
template <class Acc, class Load>
Acc pairwise_sum_range(const Load& load, index_t offset, index_t n) {
  if (n <= pairwise_leaf) return pairwise_leaf_sum<Acc>([&](index_t i) { return load(offset + i); }, n);
  const index_t m = pairwise_split(n);
  const Acc first = pairwise_sum_range<Acc>(load, offset, m);
  return first + pairwise_sum_range<Acc>(load, offset + m, n - m);
}

// acc + the sum of load(0..n) in einspan's order (chunks of pairwise_chunk added in turn).
template <class Acc, class Load>
Acc pairwise_sum(Acc acc, const Load& load, index_t n) {
  for (index_t c = 0; c < n; c += pairwise_chunk) acc += pairwise_sum_range<Acc>(load, c, std::min(pairwise_chunk, n - c));
  return acc;
}

// ---- dispatched kernels for contiguous runs (src/sum_kernels.cpp), the same bits as above ----
// acc + the sum of p[0..n).
float sum_contiguous(float acc, const float* p, index_t n);
double sum_contiguous(double acc, const double* p, index_t n);
// o[r * out_stride] += the sum of row r, for rows p + r * row_stride of n elements each.
void sum_rows(const float* p, index_t rows, index_t n, index_t row_stride, float* o, index_t out_stride);
void sum_rows(const double* p, index_t rows, index_t n, index_t row_stride, double* o, index_t out_stride);

}  // namespace einspan::detail
