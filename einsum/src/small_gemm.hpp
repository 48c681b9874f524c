#pragma once
// Products with few columns and a short contraction, such as k-means' (n, d) x (d, k) with d and
// k in the tens, or a batch of 64 x 48 x 32 products. A general GEMM spends most of such a
// product packing A and handling edges; this path reads A in place, packs only the small B (on
// the stack), and runs the register tile of tile_kernel.hpp over it.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

// Measured against OpenBLAS on one thread (Zen 3, m >= 32): the tile is 10-20% faster up to 96
// columns at k = 32 and up to 64 columns at k = 64; the limits keep packed B within one 40 KB
// stack buffer (k * n elements, plus the padding of the last panel).
inline constexpr index_t small_gemm_max_columns = 64;
inline constexpr index_t small_gemm_max_depth = 128;
inline constexpr index_t small_gemm_max_elements = 4096;  // k * n

// True when C = A * B of n columns and contraction k with a row-major A takes the small path.
inline bool small_gemm_fits(index_t n, index_t k, bool a_row_major) {
  return a_row_major && n <= small_gemm_max_columns && k <= small_gemm_max_depth && n * k <= small_gemm_max_elements;
}

// C (m x n, row-major, rows c_outer apart) = A (m x k, row-major, rows a_outer apart) * B (k x n,
// row- or column-major, outer stride b_outer). Requires small_gemm_fits(n, k, true).
template <class T>
void small_gemm(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, bool b_row_major,
                index_t b_outer, T* c, index_t c_outer);
// Defined in small_gemm.cpp, one kernel per instruction-set level.
template <>
void small_gemm<float>(index_t, index_t, index_t, const float*, index_t, const float*, bool, index_t, float*, index_t);
template <>
void small_gemm<double>(index_t, index_t, index_t, const double*, index_t, const double*, bool, index_t, double*,
                        index_t);

}  // namespace einspan::detail
