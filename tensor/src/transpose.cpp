// The SIMD body of a transposed copy of 8-byte elements (detail/copy.hpp), one per
// instruction-set level: 4 x 4 blocks transposed in 256-bit registers where the level has them.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "transpose.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <algorithm>
#include <hwy/cache_control.h>
#include <cstdint>
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX2
// One 4 x 4 block transposed in registers: d[i * d_row + j] = s[i + j * s_col].
template <bool Stream>
HWY_INLINE void transpose_4x4(double* d, index_t d_row, const double* s, index_t s_col) {
  const hn::CappedTag<double, 4> tag;
  const auto r0 = hn::LoadU(tag, s), r1 = hn::LoadU(tag, s + s_col);
  const auto r2 = hn::LoadU(tag, s + 2 * s_col), r3 = hn::LoadU(tag, s + 3 * s_col);
  const auto t0 = hn::InterleaveLower(tag, r0, r1), t1 = hn::InterleaveUpper(tag, r0, r1);
  const auto t2 = hn::InterleaveLower(tag, r2, r3), t3 = hn::InterleaveUpper(tag, r2, r3);
  const decltype(t0) out[4] = {hn::ConcatLowerLower(tag, t2, t0), hn::ConcatLowerLower(tag, t3, t1),
                               hn::ConcatUpperUpper(tag, t2, t0), hn::ConcatUpperUpper(tag, t3, t1)};
  for (index_t k = 0; k < 4; ++k) {
    if constexpr (Stream) {
      hn::Stream(out[k], tag, d + k * d_row);
    } else {
      hn::StoreU(out[k], tag, d + k * d_row);
    }
  }
}

// Source rows are read 16 at a time from left to right (sequential streams the prefetcher follows).
template <bool Stream>
void transpose_blocks_simd(double* dst, index_t d_row, const double* src, index_t s_col, index_t rows, index_t cols) {
  constexpr index_t b = transpose_block, band = 2 * transpose_block;
  for (index_t j_band = 0; j_band < cols; j_band += band) {
    const index_t j_end = std::min(cols, j_band + band);
    for (index_t i0 = 0; i0 < rows; i0 += b)
      for (index_t j0 = j_band; j0 < j_end; j0 += b)
        for (index_t i = i0; i < i0 + b; i += 4)
          for (index_t j = j0; j < j0 + b; j += 4)
            transpose_4x4<Stream>(dst + i * d_row + j, d_row, src + i + j * s_col, s_col);
  }
  if constexpr (Stream) hwy::FlushStream();
}

void transpose_blocks_8byte(std::uint64_t* dst, index_t d_row, const std::uint64_t* src, index_t s_col, index_t rows,
                            index_t cols) {
  auto* d = reinterpret_cast<double*>(dst);
  const auto* s = reinterpret_cast<const double*>(src);
  // Destinations of at least this size are written with non-temporal stores: the result does not
  // fit in cache anyway, and streaming saves the read-for-ownership of every destination line
  // (memcpy does the same for large copies).
  constexpr std::size_t streaming_store_bytes = std::size_t{16} << 20;
  const bool aligned = reinterpret_cast<std::uintptr_t>(dst) % 32 == 0 && d_row % 4 == 0;
  if (aligned && static_cast<std::size_t>(rows * cols) * sizeof(double) >= streaming_store_bytes) {
    transpose_blocks_simd<true>(d, d_row, s, s_col, rows, cols);
  } else {
    transpose_blocks_simd<false>(d, d_row, s, s_col, rows, cols);
  }
}
#else
// Levels without 256-bit registers: the portable block copy.
void transpose_blocks_8byte(std::uint64_t* dst, index_t d_row, const std::uint64_t* src, index_t s_col, index_t rows,
                            index_t cols) {
  transpose_blocks_portable(dst, d_row, src, s_col, rows, cols);
}
#endif

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {
HWY_EXPORT(transpose_blocks_8byte);

void transpose_blocks_8byte(std::uint64_t* dst, index_t d_row, const std::uint64_t* src, index_t s_col, index_t rows,
                            index_t cols) {
  EINSPAN_DISPATCH(transpose_blocks_8byte)(dst, d_row, src, s_col, rows, cols);
}
}  // namespace einspan::detail
#endif
