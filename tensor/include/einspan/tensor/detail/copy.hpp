#pragma once
// Strided copy with conversion: the kernel behind contiguous(), copy(), assign() and astype().
#include <algorithm>
#include <cstdint>
#include <einspan/tensor/detail/float_to_integer.hpp>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/layout.hpp>
#include <type_traits>
#if defined(__AVX__)
#include <immintrin.h>
#endif

namespace einspan::detail {

// A transposed copy moves data in 8 x 8 blocks: each block reads 8 whole cache lines of the
// source and writes 8 whole lines of the destination, so no line has to survive in cache between
// uses. Power-of-two row lengths (4096 doubles) map every row of a column to the same cache set,
// and a naive tiled loop that relies on lines staying cached thrashes (3x slower than memcpy).
inline constexpr index_t transpose_block = 8;

#if defined(__AVX__)
// Destinations of at least this size are written with non-temporal stores: the result does not
// fit in cache anyway, and streaming saves the read-for-ownership of every destination line
// (memcpy does the same for large copies).
inline constexpr std::size_t streaming_store_bytes = std::size_t{16} << 20;

// One 4 x 4 block of 8-byte elements transposed in registers: d[i * d_row + j] = s[i + j * s_col].
template <bool Stream>
inline void transpose_4x4_avx(double* d, index_t d_row, const double* s, index_t s_col) {
  const __m256d r0 = _mm256_loadu_pd(s), r1 = _mm256_loadu_pd(s + s_col);
  const __m256d r2 = _mm256_loadu_pd(s + 2 * s_col), r3 = _mm256_loadu_pd(s + 3 * s_col);
  const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
  const __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
  const __m256d out[4] = {_mm256_permute2f128_pd(t0, t2, 0x20), _mm256_permute2f128_pd(t1, t3, 0x20),
                          _mm256_permute2f128_pd(t0, t2, 0x31), _mm256_permute2f128_pd(t1, t3, 0x31)};
  for (index_t k = 0; k < 4; ++k) {
    if constexpr (Stream) {
      _mm256_stream_pd(d + k * d_row, out[k]);
    } else {
      _mm256_storeu_pd(d + k * d_row, out[k]);
    }
  }
}

// The full 8 x 8 blocks of a transposed copy of 8-byte elements. Source rows are read 16 at a
// time from left to right (sequential streams the prefetcher follows).
template <bool Stream>
inline void transpose_blocks_avx(double* dst, index_t d_row, const double* src, index_t s_col, index_t rows,
                                 index_t cols) {
  constexpr index_t b = transpose_block, band = 2 * transpose_block;
  for (index_t j_band = 0; j_band < cols; j_band += band) {
    const index_t j_end = std::min(cols, j_band + band);
    for (index_t i0 = 0; i0 < rows; i0 += b)
      for (index_t j0 = j_band; j0 < j_end; j0 += b)
        for (index_t i = i0; i < i0 + b; i += 4)
          for (index_t j = j0; j < j0 + b; j += 4) transpose_4x4_avx<Stream>(dst + i * d_row + j, d_row, src + i + j * s_col, s_col);
  }
  if constexpr (Stream) _mm_sfence();
}
#endif

// The full 8 x 8 blocks of a transposed copy, any element types: through a small local block.
template <class D, class S>
void transpose_blocks(D* dst, index_t d_row, const S* src, index_t s_col, index_t rows, index_t cols) {
  constexpr index_t b = transpose_block;
#if defined(__AVX__)
  if constexpr (std::is_same_v<D, S> && sizeof(D) == sizeof(double) && std::is_trivially_copyable_v<D>) {
    // Same-size bit copies go through double registers; no arithmetic touches the values.
    auto* d = reinterpret_cast<double*>(dst);
    const auto* s = reinterpret_cast<const double*>(src);
    const bool aligned = reinterpret_cast<std::uintptr_t>(dst) % 32 == 0 && d_row % 4 == 0;
    if (aligned && static_cast<std::size_t>(rows * cols) * sizeof(D) >= streaming_store_bytes) {
      transpose_blocks_avx<true>(d, d_row, s, s_col, rows, cols);
    } else {
      transpose_blocks_avx<false>(d, d_row, s, s_col, rows, cols);
    }
    return;
  }
#endif
  constexpr index_t band = 4 * transpose_block;
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
