#pragma once
// The sorting machinery shared by sort.cpp, unique.cpp and quantile.cpp: NumPy's order as an
// unsigned key, the LSD radix sort on that key, and the walk over the 1-d lanes of an axis.
//
// Why radix: measured on this project's machine (AMD EPYC Zen 4, KVM, AVX-512; g++ 12 -O2,
// 2026-12-02) against Debian's NumPy 1.24 in the same session, for 1M standard-normal doubles:
// NumPy's np.sort (which on this build does not use the AVX-512 quicksort for float64: 1.24 has
// it for 16-bit types only) takes ~65-90 ms, std::sort ~70 ms, this LSD radix sort (8 one-byte
// passes over the keys) ~12 ms; argsort stable: NumPy ~140 ms (timsort/radix mix), radix on
// (key, index) records ~20 ms. The numbers behind the thresholds are in bench/sorting_bench.cpp.
//
// The rule: a lane of at least radix_min_elements elements is radix-sorted; a shorter one is
// sorted by comparison (std::sort on (key, index) for argsort, which is stable because the
// indices break ties), where the radix sort's fixed cost (zeroing and scanning 256 counters
// per byte of key) would dominate.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <einspan/tensor/detail/strided_loop.hpp>
#include <einspan/tensor/tensor.hpp>
#include <memory>
#include <type_traits>

namespace einspan::detail {

inline constexpr index_t radix_min_elements = 256;

template <class T>
using sort_key_t = std::conditional_t<
    sizeof(T) == 1, std::uint8_t,
    std::conditional_t<sizeof(T) == 2, std::uint16_t, std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;

// An unsigned integer whose order is NumPy's order of x: for floats, -inf < ... < -0.0 == +0.0 <
// ... < +inf < NaN (every NaN maps to the same, largest key); for signed integers the sign bit
// flipped.
template <class T>
inline sort_key_t<T> sort_key(T x) {
  using K = sort_key_t<T>;
  constexpr K sign = K{1} << (8 * sizeof(K) - 1);
  if constexpr (std::is_floating_point_v<T>) {
    if (x != x) return static_cast<K>(~K{0});
    if (x == T{0}) x = T{0};  // -0.0 -> +0.0
    const K b = std::bit_cast<K>(x);
    return (b & sign) ? static_cast<K>(~b) : static_cast<K>(b | sign);
  } else if constexpr (std::is_same_v<T, bool>) {
    return static_cast<K>(x);
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<K>(static_cast<K>(x) ^ sign);
  } else {
    return x;
  }
}

// a < b in NumPy's order (NaN after everything, NaNs equal to one another).
template <class T>
inline bool nan_last_less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a < b || (b != b && a == a);
  else return a < b;
}

template <class T>
bool has_nan(const T* p, index_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    bool any = false;
    for (index_t i = 0; i < n; ++i) any |= p[i] != p[i];
    return any;
  } else {
    return false;
  }
}

// An uninitialised scratch array that grows and never shrinks (std::vector<bool> has no data()).
template <class T>
class Scratch {
 public:
  T* get(index_t n) {
    if (n > size_) {
      data_ = std::make_unique_for_overwrite<T[]>(static_cast<std::size_t>(n));
      size_ = n;
    }
    return data_.get();
  }

 private:
  std::unique_ptr<T[]> data_;
  index_t size_ = 0;
};

// Stable LSD radix sort of a[0..n) by key_of(a[i]) (an unsigned integer), one byte per pass,
// using tmp[0..n) as the other buffer. A pass whose byte is the same for every element is skipped.
template <class R, class KeyOf>
void lsd_radix_sort(R* a, R* tmp, index_t n, KeyOf key_of) {
  using K = decltype(key_of(a[0]));
  constexpr int passes = sizeof(K);
  std::array<std::array<index_t, 256>, passes> hist{};
  for (index_t i = 0; i < n; ++i) {
    const K k = key_of(a[i]);
    for (int p = 0; p < passes; ++p) ++hist[p][(k >> (8 * p)) & 0xff];
  }
  const K first = key_of(a[0]);
  R* src = a;
  R* dst = tmp;
  for (int p = 0; p < passes; ++p) {
    auto& h = hist[p];
    if (h[(first >> (8 * p)) & 0xff] == n) continue;
    index_t sum = 0;
    for (auto& c : h) {
      const index_t count = c;
      c = sum;
      sum += count;
    }
    for (index_t i = 0; i < n; ++i) {
      const R r = src[i];
      dst[h[(key_of(r) >> (8 * p)) & 0xff]++] = r;
    }
    std::swap(src, dst);
  }
  if (src != a) std::copy(src, src + n, a);
}

// Sorts a[0..n) in NumPy's order (stable). tmp is scratch space.
template <class T>
void sort_contiguous(T* a, index_t n, Scratch<T>& tmp) {
  if (n < 2) return;
  if constexpr (std::is_same_v<T, bool>) {
    // Two values: count them.
    const index_t trues = std::count(a, a + n, true);
    std::fill(a, a + (n - trues), false);
    std::fill(a + (n - trues), a + n, true);
  } else {
    if (n >= radix_min_elements) {
      lsd_radix_sort(a, tmp.get(n), n, [](T x) { return sort_key(x); });
    } else if constexpr (std::is_floating_point_v<T>) {
      std::stable_sort(a, a + n, [](T x, T y) { return sort_key(x) < sort_key(y); });
    } else {
      std::sort(a, a + n);
    }
  }
}

template <class T>
struct KeyIndex {
  sort_key_t<T> key;
  std::int64_t index;
};

// Sorts records by key, stable (records arrive in index order).
template <class T>
void sort_records(KeyIndex<T>* r, index_t n, Scratch<KeyIndex<T>>& tmp) {
  if (n < 2) return;
  if (n >= radix_min_elements) {
    lsd_radix_sort(r, tmp.get(n), n, [](const KeyIndex<T>& x) { return x.key; });
  } else {
    std::sort(r, r + n, [](const KeyIndex<T>& x, const KeyIndex<T>& y) {
      return x.key < y.key || (x.key == y.key && x.index < y.index);
    });
  }
}

// Calls fn(lane_in, lane_out) with the first element of each 1-d lane along `axis` of `in` and of
// the same-shaped `out`; the lanes' strides are in.strides()[axis] and out.strides()[axis].
template <class A, class B, class Fn>
void for_each_lane(const Tensor<A>& in, std::size_t axis, const Tensor<B>& out, Fn&& fn) {
  if (in.size() == 0) return;
  Dims shape = in.shape();
  shape[axis] = 1;
  const auto nest = make_loop_nest<2>(std::span<const index_t>(shape),
                                      {std::span<const index_t>(out.strides()), std::span<const index_t>(in.strides())});
  for_each_element(nest, [&](B& o, A& x) { fn(static_cast<const A*>(&x), &o); }, out.data(), in.data());
}

}  // namespace einspan::detail
