// ArgminPlan's kernel, one per instruction-set level: the register tile (tile_kernel.hpp) starts
// from the offsets and its scores are folded into each row's running minimum lane by lane.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "argmin_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/cache_control.h>
#include <hwy/highway.h>

#include "argmin_kernel.hpp"
#include "tile_kernel.hpp"
#include <algorithm>
#include <einspan/tensor/detail/simd/dispatch.hpp>
#include <limits>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

// The best score and its column so far, per row and lane: lane l of row r has seen columns
// l, l + L, l + 2L, ... in increasing order, so a strict < keeps the first of equal scores.
template <class C>
struct RunningMin {
  using DI = hn::RebindToSigned<typename C::D>;
  typename C::V value[C::rows];
  hn::Vec<DI> column[C::rows];
};

// Folds columns [first, first + Vectors * L) of the panel into `best` for the tile's rows.
// panel is depth x (Vectors * L), row-major; offset holds the panel's Vectors * L offsets.
template <class C, int Vectors, class T>
HWY_INLINE void fold_panel(const T* const (&rows)[C::rows], index_t depth, const T* panel, const T* offset,
                           index_t first, RunningMin<C>& best) {
  const typename C::D d;
  const typename RunningMin<C>::DI di;
  using column_t = hn::TFromD<decltype(di)>;
  constexpr int L = C::lanes;
  typename C::V acc[C::rows][Vectors];
  for (int v = 0; v < Vectors; ++v) {
    const auto o = hn::LoadU(d, offset + v * L);
    for (int r = 0; r < C::rows; ++r) acc[r][v] = o;
  }
  tile::accumulate_tile<C, Vectors>(rows, depth, panel, acc);
  const auto lane = hn::Iota(di, 0);
  for (int v = 0; v < Vectors; ++v) {
    const auto column = hn::Add(lane, hn::Set(di, static_cast<column_t>(first + v * L)));
    for (int r = 0; r < C::rows; ++r) {
      const auto less = hn::Lt(acc[r][v], best.value[r]);
      best.value[r] = hn::IfThenElse(less, acc[r][v], best.value[r]);
      best.column[r] = hn::IfThenElse(hn::RebindMask(di, less), column, best.column[r]);
    }
  }
}

// The smallest of row r's lane minima and the lowest column among equal values, by two
// reductions over the lanes, not a scalar scan: which lane wins is data-dependent, and a branch
// per lane mispredicted often enough to cost a quarter of the k-means assignment.
template <class C, class T>
HWY_INLINE void finish_row(const RunningMin<C>& best, int r, std::int64_t& column, T& value) {
  const typename C::D d;
  const typename RunningMin<C>::DI di;
  using column_t = hn::TFromD<decltype(di)>;
  const auto v = best.value[r];
  auto smallest = hn::MinOfLanes(d, v);
  auto at = hn::Eq(v, smallest);
  // Highway 1.0.3's emulated 128-bit MinOfLanes starts from the largest finite value, so a row
  // whose lanes are all +inf (no score below +inf) matches no lane; every lane ties then. The
  // values are never NaN (a NaN score never passes the strict <).
  if (hn::AllFalse(d, at)) {
    smallest = v;
    at = hn::Eq(v, v);
  }
  const auto at_smallest = hn::RebindMask(di, at);
  const auto columns = hn::IfThenElse(at_smallest, best.column[r], hn::Set(di, std::numeric_limits<column_t>::max()));
  value = hn::GetLane(smallest);
  column = static_cast<std::int64_t>(hn::GetLane(hn::MinOfLanes(di, columns)));
}

// Asks for the cache lines of the tile after the one at row r0 (`depth` elements of each row).
// A tile reads its rows a column at a time, all rows at once; when A streams from memory, the
// hardware prefetchers follow that too late: ArgminPlan at (1000000, 32, 64) float64 ran at 56
// GFLOP/s without this and 92 with it on AMD Zen 5 (512-bit tile), 43 and 51 on its avx2 level
// (bench/argmin_bench, 2026-12-02). Two or four tiles ahead measured no better than one. The
// small-GEMM path (small_gemm.cpp), whose tile stores its scores, measured 2x slower with it at
// the same shapes, so only ArgminPlan asks.
template <class C, class T>
HWY_INLINE void prefetch_next_rows(const T* base, index_t row_stride, index_t m, index_t r0, index_t depth) {
  constexpr index_t line = 64 / sizeof(T);
  const index_t end = std::min<index_t>(m, r0 + 2 * C::rows);
  for (index_t r = r0 + C::rows; r < end; ++r)
    for (index_t p = 0; p < depth; p += line) hwy::Prefetch(base + r * row_stride + p);
}

template <class C, class T>
void argmin_rows(const ArgminTask<T>& t) {
  const typename C::D d;
  const typename RunningMin<C>::DI di;
  for (index_t r0 = 0; r0 < t.m; r0 += C::rows) {
    const T* rows[C::rows];
    tile::tile_row_pointers<C>(t.x, t.row_stride, t.m, r0, rows);
    RunningMin<C> best;
    for (int r = 0; r < C::rows; ++r) {
      best.value[r] = hn::Set(d, std::numeric_limits<T>::infinity());
      best.column[r] = hn::Zero(di);
    }
    prefetch_next_rows<C>(t.x, t.row_stride, t.m, r0, t.depth);
    tile::for_each_panel<C>(*t.layout, t.panels, t.depth, [&]<int Vectors>(const T* panel, index_t first) {
      fold_panel<C, Vectors>(rows, t.depth, panel, t.offsets + first, first, best);
    });
    const int valid = static_cast<int>(std::min<index_t>(C::rows, t.m - r0));
    for (int r = 0; r < valid; ++r) {
      std::int64_t column;
      T value;
      finish_row<C>(best, r, column, value);
      t.labels[(r0 + r) * t.label_stride] = column;
      if (t.values) t.values[(r0 + r) * t.value_stride] = value;
    }
  }
}

template <class T>
void argmin_any(const ArgminTask<T>& t) {
  tile::with_config<T>(t.layout->shape, [&]<class C>() { argmin_rows<C>(t); });
}

}  // namespace

void argmin_tile_double(const ArgminTask<double>& t) { argmin_any(t); }
void argmin_tile_float(const ArgminTask<float>& t) { argmin_any(t); }
TileShape tile_shape_double() { return tile::level_shape<double>(); }
TileShape tile_shape_float() { return tile::level_shape<float>(); }

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {

HWY_EXPORT(argmin_tile_double);
HWY_EXPORT(argmin_tile_float);
HWY_EXPORT(tile_shape_double);
HWY_EXPORT(tile_shape_float);

template <>
void argmin_tile<double>(const ArgminTask<double>& t) {
  EINSPAN_DISPATCH(argmin_tile_double)(t);
}
template <>
void argmin_tile<float>(const ArgminTask<float>& t) {
  EINSPAN_DISPATCH(argmin_tile_float)(t);
}
template <>
TileShape tile_shape<double>() {
  return EINSPAN_DISPATCH(tile_shape_double)();
}
template <>
TileShape tile_shape<float>() {
  return EINSPAN_DISPATCH(tile_shape_float)();
}

}  // namespace einspan::detail
#endif
