// The one-hot SpMM kernel (one_hot_kernel.hpp), one per instruction-set level, in chunks of 32
// bytes: one register on avx2 and avx512 (whose 512-bit registers would pad a row to 64 bytes),
// two on sse4. One chunk width on every level keeps the choice of this path the same everywhere.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "one_hot_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "one_hot_kernel.hpp"
#include <algorithm>
#include <cstdint>
#include <einspan/tensor/detail/simd/dispatch.hpp>
#include <utility>

HWY_BEFORE_NAMESPACE();
namespace einspan::sparse::detail::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

// Output row r is accumulated in a scratch row of Vectors whole registers holding out[r, 0:d]
// and, in lane d, the count, so a column of A costs Vectors register updates and nothing else: no
// scalar count update, no partial-register tail, and the register count a compile-time constant (a
// runtime trip count measured 10% slower, the tail and count another 10%). The last register is
// loaded whole, reading past the end of X's row into the next row or the gap between rows, and
// masked; the rows whose over-read would pass the end of X's last row take the element-wise path.
template <int Vectors, class T>
void counted(const index_t* rows, StridedMatrix<const T> x, StridedMatrix<T> out, StridedVector<T> row_sums,
             T* padded, index_t j_lo, index_t j_hi) {
  const hn::CappedTag<T, one_hot_lanes<T>> dc;  // one chunk, or a part of it on narrower levels
  constexpr index_t w = one_hot_lanes<T>, width = Vectors * w;
  constexpr index_t n = static_cast<index_t>(hn::MaxLanes(dc)), parts = w / n;
  const index_t d = x.cols, tail = d - (Vectors - 1) * w;  // the last chunk's X lanes
  std::fill_n(padded, out.rows * width, T{0});
  hn::Mask<decltype(dc)> keep[parts];
  hn::Vec<decltype(dc)> count_lane[parts];
  for (index_t s = 0; s < parts; ++s) {
    keep[s] = hn::FirstN(dc, static_cast<std::size_t>(std::clamp<index_t>(tail - s * n, 0, n)));
    const auto lane = hn::Iota(dc, static_cast<T>(s * n));
    count_lane[s] = hn::IfThenElseZero(hn::Eq(lane, hn::Set(dc, static_cast<T>(tail))), hn::Set(dc, T{1}));
  }
  // Rows from j_safe on would read past the end of X's last row.
  const index_t last_end = (x.rows - 1) * x.row_stride + d;
  const index_t safe_rows = last_end >= width ? (last_end - width) / x.row_stride + 1 : 0;
  const index_t j_safe = std::clamp<index_t>(safe_rows, j_lo, j_hi);
  for (index_t j = j_lo; j < j_safe; ++j) {
    T* o = padded + rows[j] * width;
    const T* xr = x.ptr + j * x.row_stride;
    for (index_t c = 0; c < (Vectors - 1) * w; c += n) hn::Store(hn::Add(hn::Load(dc, o + c), hn::LoadU(dc, xr + c)), dc, o + c);
    for (index_t s = 0; s < parts; ++s) {
      const index_t c = (Vectors - 1) * w + s * n;
      const auto last = hn::Add(hn::IfThenElseZero(keep[s], hn::LoadU(dc, xr + c)), count_lane[s]);
      hn::Store(hn::Add(hn::Load(dc, o + c), last), dc, o + c);
    }
  }
  for (index_t j = j_safe; j < j_hi; ++j) {
    T* o = padded + rows[j] * width;
    const T* xr = x.ptr + j * x.row_stride;
    for (index_t c = 0; c < d; ++c) o[c] += xr[c];
    o[d] += T{1};
  }
  for (index_t r = 0; r < out.rows; ++r) {
    T* o = out.ptr + r * out.row_stride;
    const T* p = padded + r * width;
    for (index_t c = 0; c < d; ++c) o[c] += p[c];
    if (row_sums.ptr) row_sums.ptr[r * row_sums.stride] += p[d];
  }
}

template <class T>
void counted_any(int vectors, const index_t* rows, StridedMatrix<const T> x, StridedMatrix<T> out,
                 StridedVector<T> row_sums, T* scratch, index_t j_lo, index_t j_hi) {
  [&]<int... V>(std::integer_sequence<int, V...>) {
    ((vectors == V + 1 ? counted<V + 1>(rows, x, out, row_sums, scratch, j_lo, j_hi) : void()), ...);
  }(std::make_integer_sequence<int, max_counted_vectors>{});
}

}  // namespace

void one_hot_counted_double(int vectors, const index_t* rows, StridedMatrix<const double> x, StridedMatrix<double> out,
                            StridedVector<double> row_sums, double* scratch, index_t j_lo, index_t j_hi) {
  counted_any(vectors, rows, x, out, row_sums, scratch, j_lo, j_hi);
}
void one_hot_counted_float(int vectors, const index_t* rows, StridedMatrix<const float> x, StridedMatrix<float> out,
                           StridedVector<float> row_sums, float* scratch, index_t j_lo, index_t j_hi) {
  counted_any(vectors, rows, x, out, row_sums, scratch, j_lo, j_hi);
}

}  // namespace einspan::sparse::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::sparse::detail {

HWY_EXPORT(one_hot_counted_double);
HWY_EXPORT(one_hot_counted_float);

void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const double> x, StridedMatrix<double> out,
                             StridedVector<double> row_sums, double* scratch, index_t j_lo, index_t j_hi) {
  EINSPAN_DISPATCH(one_hot_counted_double)(vectors, rows, x, out, row_sums, scratch, j_lo, j_hi);
}
void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const float> x, StridedMatrix<float> out,
                             StridedVector<float> row_sums, float* scratch, index_t j_lo, index_t j_hi) {
  EINSPAN_DISPATCH(one_hot_counted_float)(vectors, rows, x, out, row_sums, scratch, j_lo, j_hi);
}

}  // namespace einspan::sparse::detail
#endif
