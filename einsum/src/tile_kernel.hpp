#pragma once
// The register tile shared by ArgminPlan and einsum's small-GEMM path: tile_rows rows of a
// row-major A against one packed panel of B (depth x panel width, the width a few vectors),
// accumulated over the contraction in vector registers. GCC/Clang vector extensions keep one
// source for SSE, AVX2 and AVX-512 builds.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <einspan/tensor/dims.hpp>

namespace einspan::detail::tile {

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

template <class V, class T>
inline V load(const T* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// acc[r][v] += sum over p of rows[r][p] * panel[p][v-th vector], for every row of the tile.
// panel is depth x (Vectors * L), row-major.
template <class T, int Vectors>
[[gnu::always_inline]] inline void accumulate_tile(const T* const (&rows)[tile_rows], index_t depth, const T* panel,
                                                   typename Simd<T>::vec (&acc)[tile_rows][Vectors]) {
  using vec = typename Simd<T>::vec;
  constexpr int L = lanes<T>;
  for (index_t p = 0; p < depth; ++p) {
    vec c[Vectors];
    for (int v = 0; v < Vectors; ++v) c[v] = load<vec>(panel + p * Vectors * L + v * L);
    for (int r = 0; r < tile_rows; ++r) {
      const T xr = rows[r][p];
      for (int v = 0; v < Vectors; ++v) acc[r][v] += c[v] * xr;
    }
  }
}

// The columns of B cut into panels of panel_vectors vectors, the last one as narrow as its
// columns allow, each packed as a depth x width row-major block so that the tile loads a panel row
// as whole vectors. Padding columns are packed as zeros.
template <class T>
struct Panels {
  static constexpr index_t full_width = panel_vectors * lanes<T>;
  index_t columns;
  index_t full;      // panels of full_width columns
  int tail_vectors;  // vectors in the last, narrower panel (0: none)

  explicit Panels(index_t n)
      : columns(n), full(n / full_width),
        tail_vectors(static_cast<int>((n - n / full_width * full_width + lanes<T> - 1) / lanes<T>)) {}

  index_t width(index_t panel) const { return panel < full ? full_width : tail_vectors * lanes<T>; }
  index_t padded_columns() const { return full * full_width + tail_vectors * lanes<T>; }

  // Packs element(p, j) of B (depth x columns) into `out`, which holds depth * padded_columns().
  template <class Element>
  void pack(T* out, index_t depth, Element&& element) const {
    for (index_t panel = 0, first = 0; first < columns; first += width(panel), ++panel) {
      const index_t w = width(panel);
      for (index_t p = 0; p < depth; ++p)
        for (index_t j = 0; j < w; ++j) out[p * w + j] = first + j < columns ? element(p, first + j) : T{0};
      out += w * depth;
    }
  }

  // Calls f.template operator()<Vectors>(panel, first) for every panel of `packed` in column order,
  // with Vectors a compile-time constant so that the tile's accumulators stay in registers.
  template <class F>
  void for_each(const T* packed, index_t depth, F&& f) const {
    const T* panel = packed;
    index_t first = 0;
    for (index_t p = 0; p < full; ++p, panel += full_width * depth, first += full_width)
      f.template operator()<panel_vectors>(panel, first);
    static_assert(panel_vectors <= 3, "the tail panel is dispatched for 1 to 3 vectors");
    switch (tail_vectors) {
      case 1:
        f.template operator()<1>(panel, first);
        break;
      case 2:
        f.template operator()<2>(panel, first);
        break;
      case 3:
        f.template operator()<3>(panel, first);
        break;
      default:
        break;
    }
  }
};

// The rows of the tile starting at row r0 of an m-row matrix; a short last tile repeats its last
// row, whose results the caller computes and drops.
template <class T>
inline void tile_row_pointers(const T* base, index_t row_stride, index_t m, index_t r0, const T* (&rows)[tile_rows]) {
  for (int r = 0; r < tile_rows; ++r) rows[r] = base + std::min<index_t>(r0 + r, m - 1) * row_stride;
}

}  // namespace einspan::detail::tile
