#pragma once
// The register-blocked kernel behind ArgminPlan. A tile of tile_rows rows of x runs against
// one packed panel of c (depth x panel width, the width a few vectors): the tile_rows x width
// scores accumulate in vector registers over the contraction, starting from the offsets, and
// are then folded into each row's running minimum lane by lane. GCC/Clang vector extensions
// keep one source for SSE, AVX2 and AVX-512 builds.
#include <cstdint>
#include <cstring>
#include <einspan/tensor/dims.hpp>
#include <limits>

namespace einspan::detail::argmin {

// 32-byte vectors even where AVX-512 exists: on current cores 512-bit FMAs have the same
// throughput per cycle, and narrower lanes pad k less (26 columns take 28 lanes, not 32).
inline constexpr int vector_bytes = 32;

template <class T>
struct Simd;
template <>
struct Simd<double> {
  typedef double vec __attribute__((vector_size(vector_bytes)));
  typedef std::int64_t ivec __attribute__((vector_size(vector_bytes)));
};
template <>
struct Simd<float> {
  typedef float vec __attribute__((vector_size(vector_bytes)));
  typedef std::int32_t ivec __attribute__((vector_size(vector_bytes)));
};

template <class T>
inline constexpr int lanes = vector_bytes / static_cast<int>(sizeof(T));

// tile_rows x panel_vectors accumulators, the panel's vectors and one broadcast must fit the
// register file, with the panel's vectors loaded once per step of the contraction. 16 vector
// registers (AVX2): 5 x 2 + 2 + 1; BLIS's 6 x 2 fits too, but measured 3-8% slower here (Zen 3,
// k = 26 and 64, same run). 32 registers (AVX-512): 8 x 3 + 3 + 1.
#if defined(__AVX512F__)
inline constexpr int tile_rows = 8;
inline constexpr int panel_vectors = 3;
#else
inline constexpr int tile_rows = 5;
inline constexpr int panel_vectors = 2;
#endif

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

template <class V, class T>
inline V load(const T* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

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
  for (index_t p = 0; p < depth; ++p) {
    vec c[Vectors];
    for (int v = 0; v < Vectors; ++v) c[v] = load<vec>(panel + p * Vectors * L + v * L);
    for (int r = 0; r < tile_rows; ++r) {
      const T xr = rows[r][p];
      for (int v = 0; v < Vectors; ++v) acc[r][v] += c[v] * xr;
    }
  }
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
