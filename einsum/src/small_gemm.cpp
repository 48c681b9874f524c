// The small GEMM (small_gemm.hpp), one per instruction-set level: B packed on the stack as the
// level's register-tile panels (tile_kernel.hpp), A read in place.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "small_gemm.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "small_gemm.hpp"
#include "tile_kernel.hpp"
#include <algorithm>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

// Packed B: k * n elements, plus the last panel's padding (fewer than one vector of the widest
// level, 64 bytes) per row.
template <class T>
constexpr index_t packed_capacity = small_gemm_max_elements + small_gemm_max_depth * index_t{64 / sizeof(T)};

// Writes the tile's rows of its panel (columns [first, first + Vectors * L) of C), dropping
// padding lanes.
template <class C, int Vectors, class T>
HWY_INLINE void store_tile(const typename C::V (&acc)[C::rows][Vectors], int rows, T* c, index_t c_outer,
                           index_t first, index_t n) {
  const typename C::D d;
  constexpr int L = C::lanes;
  for (int r = 0; r < rows; ++r) {
    T* out = c + r * c_outer + first;
    for (int v = 0; v < Vectors; ++v) {
      const index_t valid = std::min<index_t>(L, n - first - v * L);
      if (valid == L)
        hn::StoreU(acc[r][v], d, out + v * L);
      else
        hn::BlendedStore(acc[r][v], hn::FirstN(d, static_cast<std::size_t>(valid)), d, out + v * L);
    }
  }
}

template <class C, class T>
void small_gemm_with(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, bool b_row_major,
                     index_t b_outer, T* c, index_t c_outer) {
  const TilePanels panels(C::shape, n);
  alignas(64) T packed[packed_capacity<T>];
  panels.pack<T>(packed, k,
                 [&](index_t p, index_t j) { return b_row_major ? b[p * b_outer + j] : b[j * b_outer + p]; });
  for (index_t r0 = 0; r0 < m; r0 += C::rows) {
    const T* rows[C::rows];
    tile::tile_row_pointers<C>(a, a_outer, m, r0, rows);
    const int valid = static_cast<int>(std::min<index_t>(C::rows, m - r0));
    tile::for_each_panel<C>(panels, packed, k, [&]<int Vectors>(const T* panel, index_t first) {
      typename C::V acc[C::rows][Vectors];
      for (auto& row : acc)
        for (auto& v : row) v = hn::Zero(typename C::D());
      tile::accumulate_tile<C, Vectors>(rows, k, panel, acc);
      store_tile<C, Vectors>(acc, valid, c + r0 * c_outer, c_outer, first, n);
    });
  }
}

template <class T>
void small_gemm_any(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, bool b_row_major,
                    index_t b_outer, T* c, index_t c_outer) {
  if (m <= 0 || n <= 0) return;
  tile::with_config<T>(tile::level_shape<T>(), [&]<class C>() {
    small_gemm_with<C>(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
  });
}

}  // namespace

void small_gemm_double(index_t m, index_t n, index_t k, const double* a, index_t a_outer, const double* b,
                       bool b_row_major, index_t b_outer, double* c, index_t c_outer) {
  small_gemm_any(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
}
void small_gemm_float(index_t m, index_t n, index_t k, const float* a, index_t a_outer, const float* b,
                      bool b_row_major, index_t b_outer, float* c, index_t c_outer) {
  small_gemm_any(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
}

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {

HWY_EXPORT(small_gemm_double);
HWY_EXPORT(small_gemm_float);

template <>
void small_gemm<double>(index_t m, index_t n, index_t k, const double* a, index_t a_outer, const double* b,
                        bool b_row_major, index_t b_outer, double* c, index_t c_outer) {
  EINSPAN_DISPATCH(small_gemm_double)(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
}
template <>
void small_gemm<float>(index_t m, index_t n, index_t k, const float* a, index_t a_outer, const float* b,
                       bool b_row_major, index_t b_outer, float* c, index_t c_outer) {
  EINSPAN_DISPATCH(small_gemm_float)(m, n, k, a, a_outer, b, b_row_major, b_outer, c, c_outer);
}

}  // namespace einspan::detail
#endif
