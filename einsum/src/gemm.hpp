#pragma once
// One matrix product: C (m x n, row-major, outer stride c_outer) = A * B, with A
// (m x k) and B (k x n) each row- or column-major. Instantiated for float and double only, in
// gemm.cpp, so that Eigen's product code is compiled once.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

// `threads` > 1 lets the engine spread this one product over that many threads of its own
// (OpenBLAS's pool); callers pass it only outside their own parallel regions, and only when
// gemm_threads_itself says the engine can. 1 runs the product in the calling thread.
template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer, int threads = 1);

// True when gemm(m, n, k, ...) of this shape can use threads of its own: the OpenBLAS engine, not
// the small-GEMM path. Otherwise callers split the product across their threads themselves.
bool gemm_threads_itself(index_t m, index_t n, index_t k, bool a_row_major);

}  // namespace einspan::detail
