#pragma once
// One matrix product: C (m x n, row-major, outer stride c_outer) = A * B, with A
// (m x k) and B (k x n) each row- or column-major. Instantiated for float and double only, in
// gemm.cpp; it runs the small-GEMM path, OpenBLAS or Eigen, as lowering.cpp chooses.
#include <einspan/einsum/gemm_engine.hpp>
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer);

// The engine of this process: choose_gemm_engine(openblas_get_corename(), this CPU's GEMM level),
// decided at the first call.
const GemmEngineChoice& active_gemm_engine();

}  // namespace einspan::detail
