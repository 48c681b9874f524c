#pragma once
// Eigen's product kernel compiled once per instruction-set level, for the GEMM engine's Eigen
// path: gemm_eigen_generic.cpp (baseline x86-64), gemm_eigen_avx2.cpp (-mavx2 -mfma) and
// gemm_eigen_avx512.cpp (AVX-512 F/VL/DQ/BW), flags set in einsum/CMakeLists.txt. Each of those
// files renames Eigen's namespace (gemm_eigen_body.hpp says why), so no instantiation is shared
// between levels, or with a consumer's own Eigen code.
#include <einspan/tensor/dims.hpp>
#include <einspan/tensor/isa.hpp>

namespace einspan::detail {

// C = A * B as gemm() (gemm.hpp) says, on Eigen's kernel for `level` (generic, avx2 or avx512;
// sse4 runs the generic one). Requires a CPU that supports `level`.
template <class T>
void eigen_gemm(Isa level, index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer,
                const T* b, bool b_row_major, index_t b_outer, T* c, index_t c_outer);

// The per-level entry points behind eigen_gemm (the avx2 and avx512 ones exist on x86-64 only).
template <class T>
void eigen_gemm_generic(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
                        bool b_row_major, index_t b_outer, T* c, index_t c_outer);
template <class T>
void eigen_gemm_avx2(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
                     bool b_row_major, index_t b_outer, T* c, index_t c_outer);
template <class T>
void eigen_gemm_avx512(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
                       bool b_row_major, index_t b_outer, T* c, index_t c_outer);

}  // namespace einspan::detail
