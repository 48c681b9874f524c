#pragma once
// Inner loops of the generic einsum step. Each handles one run of n elements with the operands'
// strides along it; unit-stride and broadcast (stride 0) cases get their own loops so that the
// compiler vectorises them. Sums use eight independent accumulators: without -ffast-math the
// compiler may not reorder a floating-point sum, but it vectorises eight explicit ones.
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

template <class T>
T sum_run(const T* a, index_t sa, index_t n) {
  T acc[8] = {};
  index_t i = 0;
  if (sa == 1) {
    for (; i + 8 <= n; i += 8)
      for (int j = 0; j < 8; ++j) acc[j] += a[i + j];
    for (; i < n; ++i) acc[0] += a[i];
  } else {
    for (; i < n; ++i) acc[0] += a[i * sa];
  }
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

template <class T>
T dot_run(const T* a, index_t sa, const T* b, index_t sb, index_t n) {
  if (sb == 0) return sum_run(a, sa, n) * *b;
  if (sa == 0) return sum_run(b, sb, n) * *a;
  T acc[8] = {};
  index_t i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 8 <= n; i += 8)
      for (int j = 0; j < 8; ++j) acc[j] += a[i + j] * b[i + j];
    for (; i < n; ++i) acc[0] += a[i] * b[i];
  } else {
    for (; i < n; ++i) acc[0] += a[i * sa] * b[i * sb];
  }
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// o[i] (+)= a[i] * b[i] along a run where the output moves.
template <bool Accumulate, class T>
void product_run(T* o, index_t so, const T* a, index_t sa, const T* b, index_t sb, index_t n) {
  const auto put = [](T& dst, T v) {
    if constexpr (Accumulate)
      dst += v;
    else
      dst = v;
  };
  if (so == 1 && sa == 1 && sb == 1) {
    for (index_t i = 0; i < n; ++i) put(o[i], a[i] * b[i]);
  } else if (so == 1 && sa == 1 && sb == 0) {
    const T s = *b;
    for (index_t i = 0; i < n; ++i) put(o[i], a[i] * s);
  } else if (so == 1 && sa == 0 && sb == 1) {
    const T s = *a;
    for (index_t i = 0; i < n; ++i) put(o[i], s * b[i]);
  } else {
    for (index_t i = 0; i < n; ++i) put(o[i * so], a[i * sa] * b[i * sb]);
  }
}

template <bool Accumulate, class T>
void copy_run(T* o, index_t so, const T* a, index_t sa, index_t n) {
  if (so == 1 && sa == 1) {
    for (index_t i = 0; i < n; ++i) {
      if constexpr (Accumulate)
        o[i] += a[i];
      else
        o[i] = a[i];
    }
  } else {
    for (index_t i = 0; i < n; ++i) {
      if constexpr (Accumulate)
        o[i * so] += a[i * sa];
      else
        o[i * so] = a[i * sa];
    }
  }
}

}  // namespace einspan::detail
