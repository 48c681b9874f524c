// Eigen's GEMM for x86-64 with AVX-512 F, VL, DQ and BW (einspan's avx512 level), compiled with
// those flags (einsum/CMakeLists.txt); see gemm_eigen_body.hpp.
#if defined(__x86_64__)
#if !defined(__AVX512F__) || !defined(__AVX512VL__) || !defined(__AVX512DQ__) || !defined(__AVX512BW__)
#error "gemm_eigen_avx512.cpp is compiled with -mavx512f -mavx512vl -mavx512dq -mavx512bw (einsum/CMakeLists.txt)"
#endif
#define Eigen einspan_eigen_avx512
#include "gemm_eigen_body.hpp"

EINSPAN_DEFINE_EIGEN_GEMM(avx512)
#endif
