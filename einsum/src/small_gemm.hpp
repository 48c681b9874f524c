#pragma once
// Products with few columns and a short contraction, such as k-means' (n, d) x (d, k) with d and
// k in the tens. A general GEMM spends most of such a product packing A and handling edges; this
// path reads A in place, packs only the small B (on the stack), and runs the register tile of
// tile_kernel.hpp over it.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

inline constexpr index_t small_gemm_max_columns = 32;
inline constexpr index_t small_gemm_max_depth = 128;

// True when C = A * B of n columns and contraction k with a row-major A takes the small path.
inline bool small_gemm_fits(index_t n, index_t k, bool a_row_major) {
  return a_row_major && n <= small_gemm_max_columns && k <= small_gemm_max_depth;
}

// C (m x n, row-major, rows c_outer apart) = A (m x k, row-major, rows a_outer apart) * B (k x n,
// row- or column-major, outer stride b_outer). Requires small_gemm_fits(n, k, true).
template <class T>
void small_gemm(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, bool b_row_major,
                index_t b_outer, T* c, index_t c_outer);

}  // namespace einspan::detail
