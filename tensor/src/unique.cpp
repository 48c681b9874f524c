// unique and its indexed forms, compiled once per element type.
#include <einspan/tensor/unique.hpp>

#include "sort_kernels.hpp"

namespace einspan::detail {

namespace {
// The same value in NumPy 1.24's unique: == for numbers, and every NaN equal to every NaN.
template <class T>
bool same_value(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a == b || (a != a && b != b);
  else return a == b;
}
}  // namespace

template <Element T>
Tensor<T> unique_values(const Tensor<T>& a) {
  Tensor<T> sorted = a.ravel().copy();
  Scratch<T> tmp;
  T* p = sorted.data();
  const index_t n = sorted.size();
  sort_contiguous(p, n, tmp);
  index_t m = 0;
  for (index_t i = 0; i < n; ++i)
    if (m == 0 || !same_value(p[i], p[m - 1])) p[m++] = p[i];
  Tensor<T> out = Tensor<T>::fresh({m});
  std::copy(p, p + m, out.data());
  return out;
}

namespace {
// unique_counts: no index is needed, so the values themselves are sorted (half the bytes of
// (key, index) records, and no gather through the permutation), then runs are counted.
template <class T>
UniqueAll<T> unique_values_and_counts(const Tensor<T>& a) {
  Tensor<T> sorted = a.ravel().copy();
  Scratch<T> tmp;
  T* p = sorted.data();
  const index_t n = sorted.size();
  sort_contiguous(p, n, tmp);
  std::vector<std::int64_t> counts;
  index_t m = 0;
  for (index_t i = 0; i < n; ++i) {
    if (m == 0 || sort_key(p[i]) != sort_key(p[m - 1])) {
      p[m++] = p[i];
      counts.push_back(1);
    } else {
      ++counts.back();
    }
  }
  UniqueAll<T> out;
  out.values = Tensor<T>::fresh({m});
  std::copy(p, p + m, out.values.data());
  out.counts = Tensor<std::int64_t>::fresh({m});
  std::copy(counts.begin(), counts.end(), out.counts.data());
  return out;
}
}  // namespace

template <Element T>
UniqueAll<T> unique_with_indices(const Tensor<T>& a, bool want_index, bool want_inverse, bool want_counts) {
  if (!want_index && !want_inverse) return unique_values_and_counts(a);
  const Tensor<T> flat = a.ravel().contiguous();
  const index_t n = flat.size();
  const T* x = flat.data();
  Scratch<KeyIndex<T>> records, tmp;
  KeyIndex<T>* r = records.get(n);
  for (index_t i = 0; i < n; ++i) r[i] = {sort_key(x[i]), i};
  sort_records(r, n, tmp);
  // Equal keys are equal values here: sort_key maps -0.0 and +0.0, and every NaN, to one key.
  index_t m = 0;
  for (index_t i = 0; i < n; ++i)
    if (i == 0 || r[i].key != r[i - 1].key) ++m;
  UniqueAll<T> out;
  out.values = Tensor<T>::fresh({m});
  if (want_index) out.indices = Tensor<std::int64_t>::fresh({m});
  if (want_inverse) out.inverse_indices = Tensor<std::int64_t>::fresh({n});
  if (want_counts) out.counts = Tensor<std::int64_t>::fresh({m});
  T* values = out.values.data();
  std::int64_t* first = want_index ? out.indices.data() : nullptr;
  std::int64_t* inverse = want_inverse ? out.inverse_indices.data() : nullptr;
  std::int64_t* counts = want_counts ? out.counts.data() : nullptr;
  index_t g = -1, start = 0;
  for (index_t i = 0; i < n; ++i) {
    if (i == 0 || r[i].key != r[i - 1].key) {
      if (counts && g >= 0) counts[g] = i - start;
      ++g;
      start = i;
      values[g] = x[r[i].index];
      if (first) first[g] = r[i].index;
    }
    if (inverse) inverse[r[i].index] = g;
  }
  if (counts && g >= 0) counts[g] = n - start;
  return out;
}

#define EINSPAN_UNIQUE_INSTANTIATE(T)                     \
  template Tensor<T> unique_values<T>(const Tensor<T>&); \
  template UniqueAll<T> unique_with_indices<T>(const Tensor<T>&, bool, bool, bool);
EINSPAN_UNIQUE_INSTANTIATE(float)
EINSPAN_UNIQUE_INSTANTIATE(double)
EINSPAN_UNIQUE_INSTANTIATE(bool)
EINSPAN_UNIQUE_INSTANTIATE(std::int8_t)
EINSPAN_UNIQUE_INSTANTIATE(std::int16_t)
EINSPAN_UNIQUE_INSTANTIATE(std::int32_t)
EINSPAN_UNIQUE_INSTANTIATE(std::int64_t)
EINSPAN_UNIQUE_INSTANTIATE(std::uint8_t)
EINSPAN_UNIQUE_INSTANTIATE(std::uint16_t)
EINSPAN_UNIQUE_INSTANTIATE(std::uint32_t)
EINSPAN_UNIQUE_INSTANTIATE(std::uint64_t)

}  // namespace einspan::detail
