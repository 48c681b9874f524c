#pragma once
// Strided copy with conversion: the kernel behind contiguous(), copy(), assign() and astype().
#include <algorithm>
#include <cstdint>
#include <einspan/tensor/detail/float_to_integer.hpp>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/layout.hpp>
#include <type_traits>

namespace einspan::detail {

// A transposed copy moves data in 8 x 8 blocks: each block reads 8 whole cache lines of the
// source and writes 8 whole lines of the destination, so no line has to survive in cache between
// uses. Power-of-two row lengths (4096 doubles) map every row of a column to the same cache set,
// and a naive tiled loop that relies on lines staying cached thrashes (3x slower than memcpy).
inline constexpr index_t transpose_block = 8;

// The full 8 x 8 blocks of a transposed copy of 8-byte elements, in SIMD registers at the
// instruction-set level chosen at run time (tensor/src/transpose.cpp).
void transpose_blocks_8byte(std::uint64_t* dst, index_t d_row, const std::uint64_t* src, index_t s_col, index_t rows,
                            index_t cols);

// The full 8 x 8 blocks of a transposed copy, any element types: through a small local block.
template <class D, class S>
void transpose_blocks_portable(D* dst, index_t d_row, const S* src, index_t s_col, index_t rows, index_t cols) {
  constexpr index_t b = transpose_block, band = 4 * transpose_block;
  for (index_t i_band = 0; i_band < rows; i_band += band) {
    const index_t i_end = std::min(rows, i_band + band);
    for (index_t j0 = 0; j0 < cols; j0 += b) {
      for (index_t i0 = i_band; i0 < i_end; i0 += b) {
        D block[b][b];
        for (index_t jj = 0; jj < b; ++jj)
          for (index_t ii = 0; ii < b; ++ii) block[ii][jj] = static_cast<D>(src[(i0 + ii) + (j0 + jj) * s_col]);
        for (index_t ii = 0; ii < b; ++ii)
          for (index_t jj = 0; jj < b; ++jj) dst[(i0 + ii) * d_row + j0 + jj] = block[ii][jj];
      }
    }
  }
}

template <class D, class S>
void transpose_blocks(D* dst, index_t d_row, const S* src, index_t s_col, index_t rows, index_t cols) {
  if constexpr (std::is_same_v<D, S> && sizeof(D) == sizeof(std::uint64_t) && std::is_trivially_copyable_v<D>) {
    // Same-size bit copies go through SIMD registers; no arithmetic touches the values.
    transpose_blocks_8byte(reinterpret_cast<std::uint64_t*>(dst), d_row, reinterpret_cast<const std::uint64_t*>(src),
                           s_col, rows, cols);
  } else {
    transpose_blocks_portable(dst, d_row, src, s_col, rows, cols);
  }
}

// dst[i * d_row + j] = src[i + j * s_col] for i < rows, j < cols: dst is unit-stride along j,
// src along i.
template <class D, class S>
void copy_transposed(D* dst, index_t d_row, const S* src, index_t s_col, index_t rows, index_t cols) {
  const index_t full_rows = rows / transpose_block * transpose_block;
  const index_t full_cols = cols / transpose_block * transpose_block;
  if (full_rows > 0 && full_cols > 0) transpose_blocks(dst, d_row, src, s_col, full_rows, full_cols);
  // The ragged right and bottom edges, element by element.
  for (index_t i = 0; i < full_rows; ++i)
    for (index_t j = full_cols; j < cols; ++j) dst[i * d_row + j] = static_cast<D>(src[i + j * s_col]);
  for (index_t i = full_rows; i < rows; ++i)
    for (index_t j = 0; j < cols; ++j) dst[i * d_row + j] = static_cast<D>(src[i + j * s_col]);
}

// Copies src (already broadcast to dst's shape) into dst, converting element type. When the two
// disagree on which dimension is unit-stride (a transpose), the two innermost dimensions go
// through copy_transposed, which keeps a transposed copy near memcpy speed. A floating source
// for an integer destination is checked first (float_to_integer.hpp): ValueError, nothing written.
template <class D, class S>
void copy_elements(D* dst, const Layout& dst_layout, const S* src, const Layout& src_layout) {
  if constexpr (is_float_to_integer_v<D, S>) check_float_to_integer<D>(src_layout.shape, src_layout.strides, src);
  const auto nest = make_loop_nest<2>(dst_layout.shape, {std::span<const index_t>(dst_layout.strides),
                                                         std::span<const index_t>(src_layout.strides)});
  const std::size_t rank = nest.shape.size();
  const bool transposed = rank >= 2 && nest.strides[0][rank - 1] == 1 && nest.strides[1][rank - 1] != 1 &&
                          nest.strides[1][rank - 2] == 1;
  if (!transposed) {
    for_each_element(nest, [](D& d, const S& s) { d = static_cast<D>(s); }, dst, src);
    return;
  }
  const index_t rows = nest.shape[rank - 2], cols = nest.shape[rank - 1];
  const index_t d_row = nest.strides[0][rank - 2], s_col = nest.strides[1][rank - 1];
  LoopNest<2> outer;
  outer.shape.assign(nest.shape.begin(), nest.shape.end() - 2);
  for (std::size_t k = 0; k < 2; ++k) outer.strides[k].assign(nest.strides[k].begin(), nest.strides[k].end() - 2);
  // An outer nest of rank 0 still runs once, for the 2-d copy itself.
  for_each_run(
      outer,
      [&](index_t n, const std::array<index_t, 2>& s, D* d0, const S* s0) {
        for (index_t o = 0; o < n; ++o, d0 += s[0], s0 += s[1]) copy_transposed(d0, d_row, s0, s_col, rows, cols);
      },
      dst, src);
}

}  // namespace einspan::detail
