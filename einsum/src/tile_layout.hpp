#pragma once
// The shape of the register tile (tile_kernel.hpp) and the packing of B into its panels: index
// arithmetic only, no SIMD, so it is compiled once and shared by every instruction-set level.
// The shape comes from the level chosen at run time (tile_shape<T>()), and a packed B remembers
// the shape it was packed for, so the kernel that reads it never disagrees with the packing.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

// rows x panel_vectors accumulators of `lanes` elements each.
struct TileShape {
  int rows = 0;
  int lanes = 0;
  int panel_vectors = 0;
  friend bool operator==(const TileShape&, const TileShape&) = default;
};

// The tile of the level in use for element type T (float or double); the same on every call.
template <class T>
TileShape tile_shape();
template <>
TileShape tile_shape<float>();  // defined in argmin_kernel.cpp
template <>
TileShape tile_shape<double>();

// The vector width of the tile on the avx512 level: 512, or 256 where the rule in
// tile_shape.cpp says 256-bit vectors are as fast (or the environment variable
// EINSPAN_TILE_BITS=256|512 says so; ValueError for any other value). Read once.
int avx512_tile_bits();

// The columns of B cut into panels of panel_vectors vectors, the last one as narrow as its
// columns allow, each packed as a depth x width row-major block so that the tile loads a panel row
// as whole vectors. Padding columns are packed as zeros.
struct TilePanels {
  TileShape shape;
  index_t columns = 0;
  index_t full_width = 0;  // columns of a full panel
  index_t full = 0;        // panels of full_width columns
  int tail_vectors = 0;    // vectors in the last, narrower panel (0: none); at most panel_vectors

  TilePanels() = default;
  TilePanels(TileShape s, index_t n)
      : shape(s), columns(n), full_width(index_t{s.panel_vectors} * s.lanes), full(n / full_width),
        tail_vectors(static_cast<int>((n - n / full_width * full_width + s.lanes - 1) / s.lanes)) {}

  index_t width(index_t panel) const { return panel < full ? full_width : index_t{tail_vectors} * shape.lanes; }
  index_t padded_columns() const { return full * full_width + index_t{tail_vectors} * shape.lanes; }

  // Packs element(p, j) of B (depth x columns) into `out`, which holds depth * padded_columns().
  template <class T, class Element>
  void pack(T* out, index_t depth, Element&& element) const {
    for (index_t panel = 0, first = 0; first < columns; first += width(panel), ++panel) {
      const index_t w = width(panel);
      for (index_t p = 0; p < depth; ++p)
        for (index_t j = 0; j < w; ++j) out[p * w + j] = first + j < columns ? element(p, first + j) : T{0};
      out += w * depth;
    }
  }
};

}  // namespace einspan::detail
