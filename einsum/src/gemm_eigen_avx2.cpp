// Eigen's GEMM for x86-64 with AVX2 and FMA, compiled with -mavx2 -mfma (einsum/CMakeLists.txt);
// see gemm_eigen_body.hpp.
#if defined(__x86_64__)
#if !defined(__AVX2__) || !defined(__FMA__)
#error "gemm_eigen_avx2.cpp is compiled with -mavx2 -mfma (einsum/CMakeLists.txt)"
#endif
#define Eigen einspan_eigen_avx2
#include "gemm_eigen_body.hpp"

EINSPAN_DEFINE_EIGEN_GEMM(avx2)
#endif
