#pragma once
// The sorting machinery shared by sort.cpp, unique.cpp and quantile.cpp: NumPy's order as an
// unsigned key, the LSD radix sort on that key, and the walk over the 1-d lanes of an axis.
//
// Why radix: measured on this project's machine (AMD EPYC, Zen 4, KVM, 2 cores, AVX-512; g++ 12
// -O3 -march=native; 2026-12-02; CPU time, the machine shared with other builds) against
// Debian's NumPy 1.24.2 in the same run (bench/compare_sorting.py), 1M standard-normal doubles:
// np.sort 87 ms and std::sort 88 ms, so this NumPy build does not use an AVX-512 quicksort for
// float64 on this CPU although it reports AVX512_SKX/ICL; this LSD radix sort (8 one-byte
// passes) 31 ms. argsort(kind="stable"): NumPy 147 ms, radix on (key, index) records 62 ms. For
// int64 labels in [0, 2^20) only 3 passes run: 12 ms against np.sort's 62 ms.
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
#include <vector>

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
      // NaNs to the end, then a plain comparison sort of the rest: faster than stable_sort on
      // sort_key for rows of 100 doubles. Not stable, so -0.0 and +0.0 may swap, as they may in
      // NumPy's default quicksort.
      T* const end = std::partition(a, a + n, [](T x) { return x == x; });
      std::sort(a, end);
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

// The values of the order statistics ks (sorted, unique, in [0, m)) of p[0..m), which holds no
// NaN, into out[0..ks.size()); p's order may change. Long slices of 4- and 8-byte types take a
// radix select: one pass counts the top 16 bits of each key, and only the elements of the
// buckets that hold a kth are copied out and selected among (for 1M normal doubles a bucket
// holds at most ~2% of them), which is cheaper than std::nth_element's passes over everything.
// A bucket holding more than a quarter of the slice (data concentrated in a few top-bit
// patterns) falls back to nth_element over the whole slice.
inline constexpr index_t radix_select_min_elements = index_t{1} << 16;

template <class T>
void select_values(T* p, index_t m, std::span<const index_t> ks, T* out, Scratch<T>& scratch) {
  const auto nth_everything = [&] {
    index_t lo = 0;
    for (std::size_t j = 0; j < ks.size(); ++j) {
      std::nth_element(p + lo, p + ks[j], p + m);
      out[j] = p[ks[j]];
      lo = ks[j] + 1;
    }
  };
  if constexpr (sizeof(T) < 4) {
    nth_everything();
  } else {
    if (m < radix_select_min_elements) return nth_everything();
    constexpr int shift = 8 * sizeof(T) - 16;
    std::vector<std::uint32_t> hist(65536, 0);
    for (index_t i = 0; i < m; ++i) ++hist[sort_key(p[i]) >> shift];
    // The bucket of each kth, and how many elements lie in lower buckets.
    std::vector<std::size_t> bucket(ks.size());
    std::vector<index_t> below(ks.size());
    std::size_t b = 0;
    index_t cum = 0;
    for (std::size_t j = 0; j < ks.size(); ++j) {
      while (cum + hist[b] <= ks[j]) cum += hist[b++];
      bucket[j] = b;
      below[j] = cum;
      if (hist[b] > m / 4) return nth_everything();
    }
    for (std::size_t j = 0; j < ks.size();) {
      const std::size_t bj = bucket[j];
      const index_t count = hist[bj];
      T* c = scratch.get(count);
      index_t filled = 0;
      for (index_t i = 0; i < m; ++i)
        if ((sort_key(p[i]) >> shift) == bj) c[filled++] = p[i];
      index_t lo = 0;
      for (; j < ks.size() && bucket[j] == bj; ++j) {
        const index_t k = ks[j] - below[j];
        std::nth_element(c + lo, c + k, c + count);
        out[j] = c[k];
        lo = k + 1;
      }
    }
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
