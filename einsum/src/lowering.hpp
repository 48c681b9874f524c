#pragma once
// einsum's lowering: the choice of kernel for every step of a compiled program, made here and
// nowhere else (docs/einsum.md, "Lowering"). program.cpp builds the steps these choices name;
// execute.cpp and gemm.cpp run them. Which GEMM library runs on this CPU is a separate,
// process-wide decision (gemm_engine.cpp).
#include <cstddef>
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

// Whether a two-operand contraction with an m x n result (per batch index) summing k elements
// becomes a GEMM step; otherwise the fused multiply-and-sum loop runs it. GEMM needs a floating
// element type (allow_gemm) and a summed label.
bool contraction_uses_gemm(bool allow_gemm, bool sums_a_label, index_t m, index_t n, index_t k);

// The kernel of one product C (m x n) = A (m x k) * B (k x n), given A's storage order and the
// largest of the three outer strides.
enum class GemmKernel { small_tile, openblas, eigen };
GemmKernel gemm_kernel(index_t m, index_t n, index_t k, bool a_row_major, index_t largest_outer);

// How a GEMM step of `count` products of m x n x k is spread over threads: whole products per
// thread, or (fewer products than threads) each product cut into row_blocks blocks of rows.
struct GemmSchedule {
  int threads = 1;
  bool whole_products = true;
  index_t row_blocks = 1;
};
GemmSchedule gemm_schedule(index_t count, index_t m, index_t n, index_t k, bool a_row_major);

// Whether a non-accumulating elementwise product of two operands writes its output of
// out_elements elements with non-temporal stores (float and double only).
bool streams_output(bool floating, bool accumulate, int input_count, index_t out_elements, std::size_t element_size);

}  // namespace einspan::detail
