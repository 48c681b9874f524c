#pragma once
// The sorted unique elements of a tensor, with NumPy 1.24's return_index, return_inverse and
// return_counts as the array API's unique_all / unique_counts / unique_inverse.
//
//   NumPy                                                einspan
//   np.unique(a)                                         unique(a)
//   np.unique(a, return_counts=True)                     auto [values, counts] = unique_counts(a)
//   np.unique(a, return_inverse=True)                    auto [values, inverse] = unique_inverse(a)
//   np.unique(a, return_index=True, return_inverse=True,
//             return_counts=True)                        auto [values, index, inverse, counts] = unique_all(a)
//   np.unique(a, return_index=True)                      unique_all(a).indices
//
// Every form works on the flattened array (NumPy's default axis=None; unique along an axis is not
// in einspan). values is sorted in NumPy's order; NaNs collapse to one NaN at the end, counted by
// counts and indexed by its first occurrence (NumPy 1.24's equal_nan=True); -0.0 and +0.0 are
// one value, shown by unique_all/unique_inverse as whichever comes first in the input and by
// unique/unique_counts as either (NumPy's plain unique does not promise which either). indices are first
// occurrences; inverse_indices is 1-d of a.size() elements (NumPy 1.24's shape for axis=None;
// NumPy 2.0 gives it a's shape), with values[inverse_indices] == a.ravel(). Index tensors are
// Tensor<int64_t>.
//
// Cost: unique sorts a copy of the elements (radix sort, see sort.hpp) and keeps the first of
// each run; the other forms sort (key, index) records, stable, which is about twice the work.
#include <einspan/tensor/tensor.hpp>

namespace einspan {

template <Element T>
struct UniqueAll {
  Tensor<T> values;
  Tensor<std::int64_t> indices;
  Tensor<std::int64_t> inverse_indices;
  Tensor<std::int64_t> counts;
};
template <Element T>
struct UniqueCounts {
  Tensor<T> values;
  Tensor<std::int64_t> counts;
};
template <Element T>
struct UniqueInverse {
  Tensor<T> values;
  Tensor<std::int64_t> inverse_indices;
};

namespace detail {
template <Element T>
Tensor<T> unique_values(const Tensor<T>& a);
template <Element T>
UniqueAll<T> unique_with_indices(const Tensor<T>& a, bool want_index, bool want_inverse, bool want_counts);

#define EINSPAN_UNIQUE_EXTERN(T)                                   \
  extern template Tensor<T> unique_values<T>(const Tensor<T>&); \
  extern template UniqueAll<T> unique_with_indices<T>(const Tensor<T>&, bool, bool, bool);
EINSPAN_UNIQUE_EXTERN(float)
EINSPAN_UNIQUE_EXTERN(double)
EINSPAN_UNIQUE_EXTERN(bool)
EINSPAN_UNIQUE_EXTERN(std::int8_t)
EINSPAN_UNIQUE_EXTERN(std::int16_t)
EINSPAN_UNIQUE_EXTERN(std::int32_t)
EINSPAN_UNIQUE_EXTERN(std::int64_t)
EINSPAN_UNIQUE_EXTERN(std::uint8_t)
EINSPAN_UNIQUE_EXTERN(std::uint16_t)
EINSPAN_UNIQUE_EXTERN(std::uint32_t)
EINSPAN_UNIQUE_EXTERN(std::uint64_t)
#undef EINSPAN_UNIQUE_EXTERN
}  // namespace detail

// The sorted unique elements of a (flattened): a fresh 1-d tensor. Never throws for a valid a.
template <Element T>
Tensor<T> unique(const Tensor<T>& a) {
  return detail::unique_values(a);
}

// values, the first index of each value in a.ravel(), the inverse (values[inverse] rebuilds
// a.ravel()) and the count of each value: fresh 1-d tensors.
template <Element T>
UniqueAll<T> unique_all(const Tensor<T>& a) {
  return detail::unique_with_indices(a, true, true, true);
}
template <Element T>
UniqueCounts<T> unique_counts(const Tensor<T>& a) {
  UniqueAll<T> r = detail::unique_with_indices(a, false, false, true);
  return {std::move(r.values), std::move(r.counts)};
}
template <Element T>
UniqueInverse<T> unique_inverse(const Tensor<T>& a) {
  UniqueAll<T> r = detail::unique_with_indices(a, false, true, false);
  return {std::move(r.values), std::move(r.inverse_indices)};
}

}  // namespace einspan
