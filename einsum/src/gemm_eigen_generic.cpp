// Eigen's GEMM for baseline x86-64 (SSE2) and any other architecture; see gemm_eigen_body.hpp.
#define Eigen einspan_eigen_generic
#include "gemm_eigen_body.hpp"

EINSPAN_DEFINE_EIGEN_GEMM(generic)
