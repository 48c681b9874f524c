#pragma once
// One matrix product: C (m x n, row-major, outer stride c_outer) = A * B, with A
// (m x k) and B (k x n) each row- or column-major. Instantiated for float and double only, in
// gemm.cpp, so that Eigen's product code is compiled once.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer);

}  // namespace einspan::detail
