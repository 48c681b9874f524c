// The streaming product of the generic einsum step (kernels.hpp), one per instruction-set level:
// o[i] = a[i] * b[i] with non-temporal stores of the level's full vectors (plain stores on the
// generic level, which has none).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "stream_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels.hpp"
#include <cstdint>
#include <einspan/tensor/detail/simd/dispatch.hpp>
#include <hwy/cache_control.h>

HWY_BEFORE_NAMESPACE();
namespace einspan::detail::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

template <class T>
void streaming_product(T* o, const T* a, index_t sa, const T* b, index_t sb, index_t n) {
  const hn::ScalableTag<T> d;
  const auto L = static_cast<index_t>(hn::Lanes(d));
  index_t i = 0;
  // Non-temporal stores need whole aligned vectors.
  for (; i < n && reinterpret_cast<std::uintptr_t>(o + i) % (L * sizeof(T)) != 0; ++i) o[i] = a[i * sa] * b[i * sb];
  const auto a0 = hn::Set(d, *a), b0 = hn::Set(d, *b);
  for (; i + L <= n; i += L) {
    const auto x = sa ? hn::LoadU(d, a + i) : a0;
    const auto y = sb ? hn::LoadU(d, b + i) : b0;
    hn::Stream(hn::Mul(x, y), d, o + i);
  }
  for (; i < n; ++i) o[i] = a[i * sa] * b[i * sb];
}

}  // namespace

void product_run_streaming_double(double* o, const double* a, index_t sa, const double* b, index_t sb, index_t n) {
  streaming_product(o, a, sa, b, sb, n);
}
void product_run_streaming_float(float* o, const float* a, index_t sa, const float* b, index_t sb, index_t n) {
  streaming_product(o, a, sa, b, sb, n);
}

}  // namespace einspan::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::detail {

HWY_EXPORT(product_run_streaming_double);
HWY_EXPORT(product_run_streaming_float);

void product_run_streaming(double* o, const double* a, index_t sa, const double* b, index_t sb, index_t n) {
  EINSPAN_DISPATCH(product_run_streaming_double)(o, a, sa, b, sb, n);
}
void product_run_streaming(float* o, const float* a, index_t sa, const float* b, index_t sb, index_t n) {
  EINSPAN_DISPATCH(product_run_streaming_float)(o, a, sa, b, sb, n);
}

}  // namespace einspan::detail
#endif
