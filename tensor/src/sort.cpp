// sort, argsort, partition, argpartition and searchsorted kernels, compiled once per element type.
#include <einspan/tensor/detail/map_kernel.hpp>
#include <einspan/tensor/sort.hpp>
#include <functional>

#include "sort_kernels.hpp"

namespace einspan::detail {

Dims normalize_kth(std::span<const index_t> kth, index_t n) {
  Dims out;
  for (const index_t k : kth) {
    const index_t kk = k < 0 ? k + n : k;
    if (kk < 0 || kk >= n) throw ValueError(fmt::format("kth(={}) out of bounds ({})", kk, n));
    out.push_back(kk);
  }
  std::sort(out.begin(), out.end());
  out.resize(static_cast<std::size_t>(std::unique(out.begin(), out.end()) - out.begin()));
  return out;
}

Side parse_side(std::string_view side) {
  if (side == "left") return Side::left;
  if (side == "right") return Side::right;
  throw ValueError(fmt::format("search side must be 'left' or 'right' (got '{}')", printable_excerpt(side)));
}

namespace {

// Copies a lane of n elements (stride s) into dst, or back.
template <class T>
void gather(T* dst, const T* src, index_t n, index_t s) {
  if (s == 1) std::copy(src, src + n, dst);
  else
    for (index_t i = 0; i < n; ++i) dst[i] = src[i * s];
}
template <class T>
void scatter(T* dst, index_t s, const T* src, index_t n) {
  if (s == 1) std::copy(src, src + n, dst);
  else
    for (index_t i = 0; i < n; ++i) dst[i * s] = src[i];
}

// Places each kth of ks (sorted) in a[0..n): nth_element on the part after the previous kth.
template <class It, class Less>
void select_kths(It a, index_t n, std::span<const index_t> ks, Less less) {
  index_t lo = 0;
  for (const index_t k : ks) {
    std::nth_element(a + lo, a + k, a + n, less);
    lo = k + 1;
  }
}

}  // namespace

template <Element T>
void sort_lanes(const Tensor<T>& in, std::size_t axis, const Tensor<T>& out) {
  const index_t n = in.shape()[axis], si = in.strides()[axis], so = out.strides()[axis];
  Scratch<T> lane, tmp;
  for_each_lane(in, axis, out, [&](const T* x, T* o) {
    T* work = so == 1 ? o : lane.get(n);
    gather(work, x, n, si);
    sort_contiguous(work, n, tmp);
    if (work != o) scatter(o, so, work, n);
  });
}

template <Element T>
void argsort_lanes(const Tensor<T>& in, std::size_t axis, const Tensor<std::int64_t>& out) {
  const index_t n = in.shape()[axis], si = in.strides()[axis], so = out.strides()[axis];
  Scratch<KeyIndex<T>> records, tmp;
  for_each_lane(in, axis, out, [&](const T* x, std::int64_t* o) {
    KeyIndex<T>* r = records.get(n);
    for (index_t i = 0; i < n; ++i) r[i] = {sort_key(x[i * si]), i};
    sort_records(r, n, tmp);
    for (index_t i = 0; i < n; ++i) o[i * so] = r[i].index;
  });
}

template <Element T>
void partition_lanes(const Tensor<T>& in, std::size_t axis, std::span<const index_t> ks, const Tensor<T>& out) {
  const index_t n = in.shape()[axis], si = in.strides()[axis], so = out.strides()[axis];
  Scratch<T> lane;
  for_each_lane(in, axis, out, [&](const T* x, T* o) {
    T* work = so == 1 ? o : lane.get(n);
    gather(work, x, n, si);
    if (has_nan(work, n)) select_kths(work, n, ks, nan_last_less<T>);
    else select_kths(work, n, ks, std::less<T>{});
    if (work != o) scatter(o, so, work, n);
  });
}

template <Element T>
void argpartition_lanes(const Tensor<T>& in, std::size_t axis, std::span<const index_t> ks,
                        const Tensor<std::int64_t>& out) {
  const index_t n = in.shape()[axis], si = in.strides()[axis], so = out.strides()[axis];
  Scratch<KeyIndex<T>> records;
  for_each_lane(in, axis, out, [&](const T* x, std::int64_t* o) {
    KeyIndex<T>* r = records.get(n);
    for (index_t i = 0; i < n; ++i) r[i] = {sort_key(x[i * si]), i};
    select_kths(r, n, ks, [](const KeyIndex<T>& a, const KeyIndex<T>& b) { return a.key < b.key; });
    for (index_t i = 0; i < n; ++i) o[i * so] = r[i].index;
  });
}

template <Element T>
void searchsorted_into(const T* a, index_t n, const Tensor<T>& v, Side side, const Tensor<std::int64_t>& out) {
  const auto search = [a, n, side](T x) -> std::int64_t {
    if (side == Side::left) return std::lower_bound(a, a + n, x, nan_last_less<T>) - a;
    return std::upper_bound(a, a + n, x, nan_last_less<T>) - a;
  };
  map_kernel(search, std::span<const index_t>(out.shape()), out.data(), std::span<const index_t>(out.strides()),
             KernelArg<T>{v.data(), v.strides()});
}

#define EINSPAN_SORT_INSTANTIATE(T)                                                                           \
  template void sort_lanes<T>(const Tensor<T>&, std::size_t, const Tensor<T>&);                              \
  template void argsort_lanes<T>(const Tensor<T>&, std::size_t, const Tensor<std::int64_t>&);                \
  template void partition_lanes<T>(const Tensor<T>&, std::size_t, std::span<const index_t>, const Tensor<T>&); \
  template void argpartition_lanes<T>(const Tensor<T>&, std::size_t, std::span<const index_t>,              \
                                      const Tensor<std::int64_t>&);                                          \
  template void searchsorted_into<T>(const T*, index_t, const Tensor<T>&, Side, const Tensor<std::int64_t>&);
EINSPAN_SORT_INSTANTIATE(float)
EINSPAN_SORT_INSTANTIATE(double)
EINSPAN_SORT_INSTANTIATE(bool)
EINSPAN_SORT_INSTANTIATE(std::int8_t)
EINSPAN_SORT_INSTANTIATE(std::int16_t)
EINSPAN_SORT_INSTANTIATE(std::int32_t)
EINSPAN_SORT_INSTANTIATE(std::int64_t)
EINSPAN_SORT_INSTANTIATE(std::uint8_t)
EINSPAN_SORT_INSTANTIATE(std::uint16_t)
EINSPAN_SORT_INSTANTIATE(std::uint32_t)
EINSPAN_SORT_INSTANTIATE(std::uint64_t)

}  // namespace einspan::detail
