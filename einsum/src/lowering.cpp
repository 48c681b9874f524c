#include "lowering.hpp"

#include "gemm.hpp"
#include "small_gemm.hpp"
#include <algorithm>
#include <einspan/tensor/detail/parallel.hpp>
#include <limits>
#ifdef EINSPAN_USE_OPENBLAS
#include <cblas.h>
#endif

namespace einspan::detail {

namespace {

// Below this many multiply-adds a GEMM call costs more than the fused loop it replaces.
constexpr index_t gemm_min_multiply_adds = 4096;

// Rows per block when one product is cut into row blocks for the small-GEMM path: each block packs
// B again (at most small_gemm_max_elements), so blocks can be small, and several per thread let
// the others take over the share of a thread that another process has descheduled.
constexpr index_t small_gemm_block_rows = 256;

// Outputs at least this large are written with non-temporal stores (the same threshold as the
// strided copy's).
constexpr std::size_t streaming_output_bytes = std::size_t{16} << 20;

}  // namespace

bool contraction_uses_gemm(bool allow_gemm, bool sums_a_label, index_t m, index_t n, index_t k) {
  return allow_gemm && sums_a_label && m > 1 && n > 1 && k > 0 && m * n * k >= gemm_min_multiply_adds;
}

GemmKernel gemm_kernel(index_t m, index_t n, index_t k, bool a_row_major, index_t largest_outer) {
  if (small_gemm_fits(n, k, a_row_major)) return GemmKernel::small_tile;
#ifdef EINSPAN_USE_OPENBLAS
  // BLAS takes 32-bit sizes and leading dimensions >= 1; anything else goes to Eigen.
  constexpr index_t blas_max = std::numeric_limits<blasint>::max();
  if (active_gemm_engine().engine == GemmEngine::openblas && m > 0 && n > 0 && k > 0 &&
      std::max({m, n, k, largest_outer}) <= blas_max)
    return GemmKernel::openblas;
#else
  (void)m, (void)largest_outer;
#endif
  return GemmKernel::eigen;
}

GemmSchedule gemm_schedule(index_t count, index_t m, index_t n, index_t k, bool a_row_major) {
  // Chunks: whole products, or row blocks of at least 64 rows of one product.
  GemmSchedule s;
  s.threads = parallel_threads(m * n * k * count, count * std::max<index_t>(1, m / 64));
  s.whole_products = s.threads <= 1 || count >= s.threads;
  if (s.whole_products) return s;
  // The small-GEMM path repacks only a small B per block; a general GEMM packs all of B per block,
  // so one block per thread (smaller blocks measured slower: 512^3 took 1.3x as long with 8).
  s.row_blocks = small_gemm_fits(n, k, a_row_major) ? std::clamp<index_t>(m / small_gemm_block_rows, 1, 4 * index_t{s.threads})
                                                    : std::clamp<index_t>(m / 64, 1, s.threads);
  return s;
}

bool streams_output(bool floating, bool accumulate, int input_count, index_t out_elements, std::size_t element_size) {
  return floating && !accumulate && input_count == 2 &&
         static_cast<std::size_t>(out_elements) * element_size >= streaming_output_bytes;
}

}  // namespace einspan::detail
