#pragma once
// The register tile shared by ArgminPlan and einsum's small-GEMM path: tile_rows rows of a
// row-major A against one packed panel of B (depth x panel width, the width a few vectors),
// accumulated over the contraction in vector registers. GCC/Clang vector extensions keep one
// source for SSE, AVX2 and AVX-512 builds.
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

}  // namespace einspan::detail::tile
