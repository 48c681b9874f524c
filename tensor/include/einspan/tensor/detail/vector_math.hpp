#pragma once
// Vectorised float math for contiguous runs: out[i] = f(in[i]) for i < n, one entry point per
// function and element type (tensor/src/math_kernels.cpp, dispatched per instruction-set level).
//
// Built on Highway's contrib math (hwy/contrib/math/math-inl.h). Its polynomials are accurate only
// on a documented domain and do not handle NaN, infinities or overflow; a lane outside the domain
// (see math_kernels.cpp for each function's) is recomputed with the C library's function, so the
// special values and huge arguments give the C library's results. docs/elementwise.md lists the
// measured error of each function.
//
// `in` and `out` may be the same array (in place); any other overlap is not allowed. The
// elementwise functions (elementwise.hpp) call these through map_kernel for every run of a
// float32/float64 input whose result has the input's type.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

#define EINSPAN_VECTOR_MATH_DECLARE(name)                     \
  void vector_##name(const float* in, float* out, index_t n);  \
  void vector_##name(const double* in, double* out, index_t n);
EINSPAN_VECTOR_MATH_DECLARE(exp)
EINSPAN_VECTOR_MATH_DECLARE(expm1)
EINSPAN_VECTOR_MATH_DECLARE(log)
EINSPAN_VECTOR_MATH_DECLARE(log2)
EINSPAN_VECTOR_MATH_DECLARE(log10)
EINSPAN_VECTOR_MATH_DECLARE(log1p)
EINSPAN_VECTOR_MATH_DECLARE(sin)
EINSPAN_VECTOR_MATH_DECLARE(cos)
EINSPAN_VECTOR_MATH_DECLARE(arcsin)
EINSPAN_VECTOR_MATH_DECLARE(arccos)
EINSPAN_VECTOR_MATH_DECLARE(arctan)
EINSPAN_VECTOR_MATH_DECLARE(sinh)
EINSPAN_VECTOR_MATH_DECLARE(tanh)
EINSPAN_VECTOR_MATH_DECLARE(sqrt)
#undef EINSPAN_VECTOR_MATH_DECLARE

}  // namespace einspan::detail
