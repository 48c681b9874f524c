#pragma once
// The epilogue of ArgminPlan's register tile (tile_kernel.hpp): the tile's scores, accumulated
// from the offsets, are folded into each row's running minimum lane by lane.
#include "tile_kernel.hpp"
#include <limits>

namespace einspan::detail::argmin {

using tile::lanes;
using tile::load;
using tile::panel_vectors;
using tile::Simd;
using tile::tile_rows;

// The best score and its column so far, per row and lane: lane l of row r has seen columns
// l, l + L, l + 2L, ... in increasing order, so a strict < keeps the first of equal scores.
template <class T>
struct RunningMin {
  typename Simd<T>::vec value[tile_rows];
  typename Simd<T>::ivec column[tile_rows];

  RunningMin() {
    for (int r = 0; r < tile_rows; ++r) {
      value[r] = typename Simd<T>::vec{} + std::numeric_limits<T>::infinity();
      column[r] = typename Simd<T>::ivec{};
    }
  }
};

// Folds columns [first, first + Vectors * L) of the panel into `best` for the tile's rows.
// panel is depth x (Vectors * L), row-major; offset holds the panel's Vectors * L offsets.
template <class T, int Vectors>
[[gnu::always_inline]] inline void fold_panel(const T* const (&rows)[tile_rows], index_t depth, const T* panel,
                                              const T* offset, index_t first, RunningMin<T>& best) {
  using vec = typename Simd<T>::vec;
  using ivec = typename Simd<T>::ivec;
  using column_t = decltype(ivec{}[0]);
  constexpr int L = lanes<T>;
  vec acc[tile_rows][Vectors];
  for (int v = 0; v < Vectors; ++v) {
    const vec o = load<vec>(offset + v * L);
    for (int r = 0; r < tile_rows; ++r) acc[r][v] = o;
  }
  tile::accumulate_tile<T, Vectors>(rows, depth, panel, acc);
  ivec lane{};
  for (int l = 0; l < L; ++l) lane[l] = static_cast<column_t>(l);
  for (int v = 0; v < Vectors; ++v) {
    const ivec column = lane + static_cast<column_t>(first + v * L);
    for (int r = 0; r < tile_rows; ++r) {
      const ivec less = acc[r][v] < best.value[r];
      best.value[r] = less ? acc[r][v] : best.value[r];
      best.column[r] = less ? column : best.column[r];
    }
  }
}

// The smallest of row r's lane minima; the lowest column among equal values. A butterfly over the
// lanes with selects, not a scalar scan: which lane wins is data-dependent, and a branch per lane
// mispredicted often enough to cost a quarter of the k-means assignment.
template <class T>
inline void finish_row(const RunningMin<T>& best, int r, std::int64_t& column, T& value) {
  using vec = typename Simd<T>::vec;
  using ivec = typename Simd<T>::ivec;
  vec v = best.value[r];
  ivec c = best.column[r];
  for (int step = lanes<T> / 2; step >= 1; step /= 2) {
    vec v_other;
    ivec c_other;
    for (int l = 0; l < lanes<T>; ++l) {
      v_other[l] = v[l ^ step];
      c_other[l] = c[l ^ step];
    }
    const ivec take = (v_other < v) | ((v_other == v) & (c_other < c));
    v = take ? v_other : v;
    c = take ? c_other : c;
  }
  value = v[0];
  column = c[0];
}

}  // namespace einspan::detail::argmin
