#pragma once
// Strided copy with conversion: the kernel behind contiguous(), copy(), assign() and astype().
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/layout.hpp>

namespace einspan::detail {

// Copies src (already broadcast to dst's shape) into dst, converting element type. When the two
// disagree on which dimension is unit-stride (a transpose), it copies in square tiles so that
// both sides stay in cache, which keeps a transposed copy near memcpy speed.
template <class D, class S>
void copy_elements(D* dst, const Layout& dst_layout, const S* src, const Layout& src_layout) {
  const auto nest = make_loop_nest<2>(dst_layout.shape, {std::span<const index_t>(dst_layout.strides),
                                                         std::span<const index_t>(src_layout.strides)});
  const std::size_t rank = nest.shape.size();
  const bool transposed = rank >= 2 && nest.strides[0][rank - 1] == 1 && nest.strides[1][rank - 1] != 1 &&
                          nest.strides[1][rank - 2] == 1;
  if (!transposed) {
    for_each_element(nest, [](D& d, const S& s) { d = static_cast<D>(s); }, dst, src);
    return;
  }
  // Tile the two innermost dimensions; the outer ones (if any) are walked by a nest of their own.
  constexpr index_t tile = 32;
  const index_t rows = nest.shape[rank - 2], cols = nest.shape[rank - 1];
  const index_t d_row = nest.strides[0][rank - 2], s_col = nest.strides[1][rank - 1];
  LoopNest<2> outer;
  outer.shape.assign(nest.shape.begin(), nest.shape.end() - 2);
  for (std::size_t k = 0; k < 2; ++k) outer.strides[k].assign(nest.strides[k].begin(), nest.strides[k].end() - 2);
  // An outer nest of rank 0 still runs once, for the 2-d tile loop itself.
  for_each_run(
      outer,
      [&](index_t n, const std::array<index_t, 2>& s, D* d0, const S* s0) {
        for (index_t o = 0; o < n; ++o, d0 += s[0], s0 += s[1]) {
          for (index_t i0 = 0; i0 < rows; i0 += tile) {
            for (index_t j0 = 0; j0 < cols; j0 += tile) {
              const index_t i1 = std::min(rows, i0 + tile), j1 = std::min(cols, j0 + tile);
              for (index_t i = i0; i < i1; ++i)
                for (index_t j = j0; j < j1; ++j) d0[i * d_row + j] = static_cast<D>(s0[i + j * s_col]);
            }
          }
        }
      },
      dst, src);
}

}  // namespace einspan::detail
