// The register tile shared by ArgminPlan and einsum's small-GEMM path: `rows` rows of a row-major
// A against one packed panel of B (depth x panel width, the width a few vectors), accumulated over
// the contraction in vector registers with Highway's MulAdd.
//
// Included only inside a dispatched kernel file's per-level compilation (Highway's "-inl.h"
// pattern: no #pragma once, a guard that flips with HWY_TARGET_TOGGLE), so every level gets its own
// instantiation at its own width: see tensor/detail/simd/dispatch.hpp.
#if defined(EINSPAN_EINSUM_TILE_KERNEL_HPP_) == defined(HWY_TARGET_TOGGLE)
#ifdef EINSPAN_EINSUM_TILE_KERNEL_HPP_
#undef EINSPAN_EINSUM_TILE_KERNEL_HPP_
#else
#define EINSPAN_EINSUM_TILE_KERNEL_HPP_
#endif

#include "tile_layout.hpp"
#include <algorithm>
#include <einspan/tensor/error.hpp>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE::tile {
namespace hn = hwy::HWY_NAMESPACE;

// rows x panel_vectors accumulators, the panel's vectors and one broadcast must fit the register
// file, with the panel's vectors loaded once per step of the contraction.
// 16 vector registers (generic, sse4, avx2): 5 x 2 + 2 + 1; BLIS's 6 x 2 fits too, but measured
// 3-8% slower (Zen 3, k = 26 and 64, same run).
// 32 registers (avx512): 8 x 3 + 3 + 1, with 512-bit vectors or, where avx512_tile_bits() says so,
// 256-bit ones (the rule and its numbers: tile_shape.cpp).
// Bits = 0 takes the level's full width.
template <class T, int Bits>
struct Tag {
  using type = hn::CappedTag<T, Bits / 8 / sizeof(T)>;
};
template <class T>
struct Tag<T, 0> {
  using type = hn::ScalableTag<T>;
};

template <class T, int Bits>
struct Config {
  using D = typename Tag<T, Bits>::type;
  using V = hn::Vec<D>;
  static constexpr bool wide_file = HWY_TARGET <= HWY_AVX3;  // 32 registers
  static constexpr int rows = wide_file ? 8 : 5;
  static constexpr int panel_vectors = wide_file ? 3 : 2;
  static constexpr int lanes = static_cast<int>(hn::MaxLanes(D()));
  static constexpr TileShape shape{rows, lanes, panel_vectors};
};

template <class T>
inline TileShape level_shape() {
  // Read on every level, so that a bad EINSPAN_TILE_BITS is an error wherever it is set.
  [[maybe_unused]] const int avx512_bits = avx512_tile_bits();
  if constexpr (HWY_TARGET <= HWY_AVX3) {
    if (avx512_bits == 256) return Config<T, 256>::shape;
  }
  return Config<T, 0>::shape;
}

// Calls f.template operator()<C>() with the Config whose shape is `shape` (the one B was packed for).
template <class T, class F>
HWY_INLINE void with_config(const TileShape& shape, F&& f) {
  if constexpr (HWY_TARGET <= HWY_AVX3) {
    if (shape == Config<T, 256>::shape) {
      f.template operator()<Config<T, 256>>();
      return;
    }
  }
  if (!(shape == Config<T, 0>::shape))
    throw Error("einsum: internal error, a tile packed for another instruction-set level");
  f.template operator()<Config<T, 0>>();
}

// acc[r][v] += sum over p of rows[r][p] * panel[p][v-th vector], for every row of the tile.
// panel is depth x (Vectors * lanes), row-major.
template <class C, int Vectors, class T>
HWY_INLINE void accumulate_tile(const T* const (&rows)[C::rows], index_t depth, const T* panel,
                                typename C::V (&acc)[C::rows][Vectors]) {
  const typename C::D d;
  constexpr int L = C::lanes;
  for (index_t p = 0; p < depth; ++p) {
    typename C::V c[Vectors];
    for (int v = 0; v < Vectors; ++v) c[v] = hn::LoadU(d, panel + (p * Vectors + v) * L);
    for (int r = 0; r < C::rows; ++r) {
      const auto x = hn::Set(d, rows[r][p]);
      for (int v = 0; v < Vectors; ++v) acc[r][v] = hn::MulAdd(c[v], x, acc[r][v]);
    }
  }
}

// Calls f.template operator()<Vectors>(panel, first) for every panel of `packed` in column order,
// with Vectors a compile-time constant so that the tile's accumulators stay in registers.
template <class C, class T, class F>
HWY_INLINE void for_each_panel(const TilePanels& layout, const T* packed, index_t depth, F&& f) {
  const T* panel = packed;
  index_t first = 0;
  for (index_t p = 0; p < layout.full; ++p, panel += layout.full_width * depth, first += layout.full_width)
    f.template operator()<C::panel_vectors>(panel, first);
  static_assert(C::panel_vectors >= 2 && C::panel_vectors <= 3, "the tail panel is dispatched for 1 to 3 vectors");
  switch (layout.tail_vectors) {
    case 1:
      f.template operator()<1>(panel, first);
      break;
    case 2:
      f.template operator()<2>(panel, first);
      break;
    case 3:
      if constexpr (C::panel_vectors >= 3) f.template operator()<3>(panel, first);
      break;
    default:
      break;
  }
}

// The rows of the tile starting at row r0 of an m-row matrix; a short last tile repeats its last
// row, whose results the caller computes and drops.
template <class C, class T>
HWY_INLINE void tile_row_pointers(const T* base, index_t row_stride, index_t m, index_t r0,
                                  const T* (&rows)[C::rows]) {
  for (int r = 0; r < C::rows; ++r) rows[r] = base + std::min<index_t>(r0 + r, m - 1) * row_stride;
}

}  // namespace einspan::detail::HWY_NAMESPACE::tile
HWY_AFTER_NAMESPACE();

#endif  // per-target include guard
