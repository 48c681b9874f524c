// The kernel of matmul_argmin (matmul_argmin_kernel.hpp), compiled once per instruction-set level:
// a row's k scores are built a panel of up to 8 registers at a time, over all of the row's
// entries, so the only memory traffic is the rows of B (as memory operands of the FMAs).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "matmul_argmin_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "matmul_argmin_kernel.hpp"
#include <algorithm>
#include <utility>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::sparse::detail::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

// A panel's scores live in at most this many registers: enough independent multiply-add chains
// to cover the FMA latency (4 cycles, 2 per cycle on Zen and Intel's big cores), with registers to
// spare for the broadcast value.
constexpr int panel_vectors = 8;

// Columns [j0, j0 + V * lanes) of row i's scores, computed in registers over the row's entries:
// acc = bias + alpha * sum_p data[p] * b[indices[p], j0:]. Updates (best, at) where a score is
// strictly lower, so that the first index wins ties. Only whole, unaligned loads: the 128-bit and
// scalar levels' MaskedLoad is a full aligned load, which a row of B need not allow.
template <int V, class T>
inline void panel(const index_t* indices, const T* data, index_t p0, index_t p1, const T* b, const T* bias, T alpha,
                  index_t k, index_t j0, T& best, index_t& at) {
  const hn::ScalableTag<T> dt;
  const auto n = static_cast<index_t>(hn::Lanes(dt));
  hn::Vec<decltype(dt)> acc[V];
  for (int t = 0; t < V; ++t) acc[t] = hn::LoadU(dt, bias + j0 + t * n);
  for (index_t p = p0; p < p1; ++p) {
    const auto v = hn::Set(dt, alpha * data[p]);
    const T* row = b + indices[p] * k + j0;
    for (int t = 0; t < V; ++t) acc[t] = hn::MulAdd(v, hn::LoadU(dt, row + t * n), acc[t]);
  }
  auto low = acc[0];
  for (int t = 1; t < V; ++t) low = hn::Min(low, acc[t]);
  const T panel_best = hn::GetLane(hn::MinOfLanes(dt, low));
  if (!(panel_best < best)) return;
  alignas(64) T spill[V * HWY_MAX_BYTES / sizeof(T)];  // the panel's scores, to find the minimum's index
  for (int t = 0; t < V; ++t) hn::StoreU(acc[t], dt, spill + t * n);
  index_t j = 0;
  while (spill[j] != panel_best) ++j;
  best = panel_best;
  at = j0 + j;
}

// Columns [j0, k), fewer than a register, one scalar at a time.
template <class T>
inline void tail(const index_t* indices, const T* data, index_t p0, index_t p1, const T* b, const T* bias, T alpha,
                 index_t k, index_t j0, T& best, index_t& at) {
  T acc[HWY_MAX_BYTES / sizeof(T)];
  const index_t width = k - j0;
  for (index_t j = 0; j < width; ++j) acc[j] = bias[j0 + j];
  for (index_t p = p0; p < p1; ++p) {
    const T v = alpha * data[p];
    const T* row = b + indices[p] * k + j0;
    for (index_t j = 0; j < width; ++j) acc[j] += v * row[j];
  }
  for (index_t j = 0; j < width; ++j)
    if (acc[j] < best) best = acc[j], at = j0 + j;
}

template <class T>
void rows_argmin(const index_t* indptr, const index_t* indices, const T* data, const T* b, const T* bias, T alpha,
                 index_t k, index_t row_begin, index_t row_end, std::int64_t* labels, T* minima) {
  const hn::ScalableTag<T> dt;
  const auto n = static_cast<index_t>(hn::Lanes(dt));
  const index_t vectors = k / n;  // whole registers; the last k % n columns go to tail()
  for (index_t i = row_begin; i < row_end; ++i) {
    const index_t p0 = indptr[i], p1 = indptr[i + 1];
    T best = hwy::HighestValue<T>();
    index_t at = 0;
    // Whole panels, then the remaining whole vectors as one narrower panel, then the tail.
    index_t v0 = 0;
    for (; v0 + panel_vectors <= vectors; v0 += panel_vectors)
      panel<panel_vectors>(indices, data, p0, p1, b, bias, alpha, k, v0 * n, best, at);
    const index_t rest = vectors - v0;
    [&]<int... R>(std::integer_sequence<int, R...>) {
      ((rest == R + 1 ? panel<R + 1>(indices, data, p0, p1, b, bias, alpha, k, v0 * n, best, at) : void()), ...);
    }(std::make_integer_sequence<int, panel_vectors - 1>{});
    if (vectors * n < k) tail(indices, data, p0, p1, b, bias, alpha, k, vectors * n, best, at);
    // Scores all at the largest finite value or above: index 0, as argmin gives the first of equals.
    labels[i - row_begin] = at;
    minima[i - row_begin] = best;
  }
}

}  // namespace

void csr_matmul_argmin_double(const index_t* indptr, const index_t* indices, const double* data, const double* b,
                              const double* bias, double alpha, index_t k, index_t row_begin, index_t row_end,
                              std::int64_t* labels, double* minima) {
  rows_argmin(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels, minima);
}
void csr_matmul_argmin_float(const index_t* indptr, const index_t* indices, const float* data, const float* b,
                             const float* bias, float alpha, index_t k, index_t row_begin, index_t row_end,
                             std::int64_t* labels, float* minima) {
  rows_argmin(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels, minima);
}

}  // namespace einspan::sparse::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::sparse::detail {

HWY_EXPORT(csr_matmul_argmin_double);
HWY_EXPORT(csr_matmul_argmin_float);

void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const double* data, const double* b,
                       const double* bias, double alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, double* minima) {
  EINSPAN_DISPATCH(csr_matmul_argmin_double)(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels,
                                             minima);
}
void csr_matmul_argmin(const index_t* indptr, const index_t* indices, const float* data, const float* b,
                       const float* bias, float alpha, index_t k, index_t row_begin, index_t row_end,
                       std::int64_t* labels, float* minima) {
  EINSPAN_DISPATCH(csr_matmul_argmin_float)(indptr, indices, data, b, bias, alpha, k, row_begin, row_end, labels,
                                            minima);
}

}  // namespace einspan::sparse::detail
#endif
