#include "small_gemm.hpp"

#include "tile_kernel.hpp"
#include <algorithm>

namespace einspan::detail {

using tile::lanes;
using tile::tile_rows;

namespace {

// Packed B: k * n elements, plus the last panel's padding (fewer than lanes<T> columns) per row.
template <class T>
constexpr index_t packed_capacity = small_gemm_max_elements + small_gemm_max_depth * lanes<T>;

// Writes row r of the tile's panel (columns [first, first + width) of C), dropping padding lanes.
template <class T, int Vectors>
void store_tile(const typename tile::Simd<T>::vec (&acc)[tile_rows][Vectors], int rows, T* c, index_t c_outer,
                index_t first, index_t n) {
  constexpr int L = lanes<T>;
  for (int r = 0; r < rows; ++r) {
    T* out = c + r * c_outer + first;
    for (int v = 0; v < Vectors; ++v) {
      const index_t valid = std::min<index_t>(L, n - first - v * L);
      if (valid == L)
        std::memcpy(out + v * L, &acc[r][v], sizeof acc[r][v]);
      else
        for (index_t l = 0; l < valid; ++l) out[v * L + l] = acc[r][v][l];
    }
  }
}

template <class T, int Vectors>
void panel_product(const T* const (&rows)[tile_rows], int valid_rows, index_t k, const T* panel, T* c,
                   index_t c_outer, index_t first, index_t n) {
  typename tile::Simd<T>::vec acc[tile_rows][Vectors] = {};
  tile::accumulate_tile<T, Vectors>(rows, k, panel, acc);
  store_tile<T, Vectors>(acc, valid_rows, c, c_outer, first, n);
}

}  // namespace

template <class T>
void small_gemm(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, bool b_row_major,
                index_t b_outer, T* c, index_t c_outer) {
  if (m <= 0 || n <= 0) return;
  const tile::Panels<T> panels(n);
  alignas(64) T packed[packed_capacity<T>];
  panels.pack(packed, k, [&](index_t p, index_t j) { return b_row_major ? b[p * b_outer + j] : b[j * b_outer + p]; });
  for (index_t r0 = 0; r0 < m; r0 += tile_rows) {
    const T* rows[tile_rows];
    tile::tile_row_pointers(a, a_outer, m, r0, rows);
    const int valid = static_cast<int>(std::min<index_t>(tile_rows, m - r0));
    panels.for_each(packed, k, [&]<int Vectors>(const T* panel, index_t first) {
      panel_product<T, Vectors>(rows, valid, k, panel, c + r0 * c_outer, c_outer, first, n);
    });
  }
}

template void small_gemm<float>(index_t, index_t, index_t, const float*, index_t, const float*, bool, index_t, float*,
                                index_t);
template void small_gemm<double>(index_t, index_t, index_t, const double*, index_t, const double*, bool, index_t,
                                 double*, index_t);

}  // namespace einspan::detail
