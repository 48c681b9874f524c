#pragma once
// Inner loops of the generic einsum step. Each handles one run of n elements with the operands'
// strides along it; unit-stride and broadcast (stride 0) cases get their own loops so that the
// compiler vectorises them. Floating sums follow tensor/detail/pairwise_sum.hpp; dot products use
// eight independent accumulators: without -ffast-math the compiler may not reorder a
// floating-point sum, but it vectorises eight explicit ones.
#include <cstdint>
#include <type_traits>
#include <einspan/tensor/detail/pairwise_sum.hpp>
#include <einspan/tensor/dims.hpp>

namespace einspan::detail {

// Integer sums and products are computed in an unsigned type so that overflow wraps modulo 2^bits,
// as NumPy's einsum does, instead of being undefined behaviour: signed overflow is UB, and 8- and
// 16-bit operands are promoted to int before the operator (uint16 65535 * 65535 overflows int).
// Converting back to T keeps the low bits; the result does not depend on the summation order.
// Floating types compute as themselves.
template <class T, bool = std::is_integral_v<T>>
struct arith {
  using type = T;
};
template <class T>
struct arith<T, true> {
  using type = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
};
template <class T>
using arith_t = typename arith<T>::type;

template <class T>
T add(T a, T b) {
  return static_cast<T>(static_cast<arith_t<T>>(a) + static_cast<arith_t<T>>(b));
}
template <class T>
T mul(T a, T b) {
  return static_cast<T>(static_cast<arith_t<T>>(a) * static_cast<arith_t<T>>(b));
}

// acc + the sum of a run. Floating sums add in the one order of tensor/detail/pairwise_sum.hpp,
// so einsum's reductions over an index ('i->', 'ij->i') give the bits of einspan::sum and of
// NumPy's np.sum; integer sums wrap (their order does not matter).
template <class T>
T sum_run(T acc, const T* a, index_t sa, index_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    if (sa == 1) return sum_contiguous(acc, a, n);
    return pairwise_sum<T>(acc, [a, sa](index_t i) { return a[i * sa]; }, n);
  } else {
    using A = arith_t<T>;
    A s[8] = {};
    index_t i = 0;
    if (sa == 1) {
      for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j) s[j] += static_cast<A>(a[i + j]);
      for (; i < n; ++i) s[0] += static_cast<A>(a[i]);
    } else {
      for (; i < n; ++i) s[0] += static_cast<A>(a[i * sa]);
    }
    return add(acc, static_cast<T>(((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))));
  }
}

template <class T>
T dot_run(const T* a, index_t sa, const T* b, index_t sb, index_t n) {
  if (sb == 0) return mul(sum_run(T{0}, a, sa, n), *b);
  if (sa == 0) return mul(sum_run(T{0}, b, sb, n), *a);
  using A = arith_t<T>;
  A acc[8] = {};
  index_t i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 8 <= n; i += 8)
      for (int j = 0; j < 8; ++j) acc[j] += static_cast<A>(a[i + j]) * static_cast<A>(b[i + j]);
    for (; i < n; ++i) acc[0] += static_cast<A>(a[i]) * static_cast<A>(b[i]);
  } else {
    for (; i < n; ++i) acc[0] += static_cast<A>(a[i * sa]) * static_cast<A>(b[i * sb]);
  }
  return static_cast<T>(((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])));
}

// o[i] (+)= a[i] * b[i] along a run where the output moves.
template <bool Accumulate, class T>
void product_run(T* o, index_t so, const T* a, index_t sa, const T* b, index_t sb, index_t n) {
  const auto put = [](T& dst, T v) {
    if constexpr (Accumulate)
      dst = add(dst, v);
    else
      dst = v;
  };
  if (so == 1 && sa == 1 && sb == 1) {
    for (index_t i = 0; i < n; ++i) put(o[i], mul(a[i], b[i]));
  } else if (so == 1 && sa == 1 && sb == 0) {
    const T s = *b;
    for (index_t i = 0; i < n; ++i) put(o[i], mul(a[i], s));
  } else if (so == 1 && sa == 0 && sb == 1) {
    const T s = *a;
    for (index_t i = 0; i < n; ++i) put(o[i], mul(s, b[i]));
  } else {
    for (index_t i = 0; i < n; ++i) put(o[i * so], mul(a[i * sa], b[i * sb]));
  }
}

// o[i] = a[i] * b[i] along a unit-stride output run, a and b of stride 0 or 1, with non-temporal
// stores: for outputs far larger than the cache (`i,j->ij` into 32 MB) this saves the
// read-for-ownership of every destination line, half of the memory traffic. One kernel per
// instruction-set level (stream_kernel.cpp); the caller issues hwy::FlushStream() once the whole
// output is written.
void product_run_streaming(double* o, const double* a, index_t sa, const double* b, index_t sb, index_t n);
void product_run_streaming(float* o, const float* a, index_t sa, const float* b, index_t sb, index_t n);

template <bool Accumulate, class T>
void copy_run(T* o, index_t so, const T* a, index_t sa, index_t n) {
  if (so == 1 && sa == 1) {
    for (index_t i = 0; i < n; ++i) {
      if constexpr (Accumulate)
        o[i] = add(o[i], a[i]);
      else
        o[i] = a[i];
    }
  } else {
    for (index_t i = 0; i < n; ++i) {
      if constexpr (Accumulate)
        o[i * so] = add(o[i * so], a[i * sa]);
      else
        o[i * so] = a[i * sa];
    }
  }
}

}  // namespace einspan::detail
