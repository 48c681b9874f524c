// median, quantile and percentile kernels, compiled once per element type.
#include <einspan/tensor/quantile.hpp>

#include "sort_kernels.hpp"

namespace einspan::detail {

std::vector<double> checked_quantiles(std::span<const double> q, bool percent) {
  std::vector<double> out(q.begin(), q.end());
  for (double& x : out) {
    if (percent) x = x / 100.0;
    if (!(x >= 0.0 && x <= 1.0))
      throw ValueError(percent ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]");
  }
  return out;
}

namespace {

// x rounded to a double in memory: keeps the compiler from fusing a product and the following
// add into one FMA (-march=native, -ffp-contract=fast), which rounds once where NumPy's separate
// ufuncs round twice; that gave 1-ulp differences from np.percentile.
inline double rounded(double x) {
  asm volatile("" : "+m"(x));
  return x;
}

// The slices of `a` over the reduced axes as the rows of a fresh C-contiguous (rows, m) copy:
// kept axes first, reduced axes last, each group in its own order.
template <class T>
struct Slices {
  Tensor<T> data;
  index_t rows;
  index_t m;
};

template <class T>
Slices<T> gather_slices(const Tensor<T>& a, const Dims& mask) {
  Dims perm;
  for (std::size_t i = 0; i < a.ndim(); ++i)
    if (!mask[i]) perm.push_back(static_cast<index_t>(i));
  for (std::size_t i = 0; i < a.ndim(); ++i)
    if (mask[i]) perm.push_back(static_cast<index_t>(i));
  const index_t m = reduced_count(a.shape(), mask);
  const index_t rows = m == 0 ? shape_size(reduced_shape(a.shape(), mask, false)) : a.size() / m;
  return {a.transpose(std::span<const index_t>(perm)).copy(), rows, m};
}

}  // namespace

template <Element T>
void median_rows(const Tensor<T>& a, const Dims& mask, mean_t<T>* out) {
  using R = mean_t<T>;
  const Slices<T> s = gather_slices(a, mask);
  const index_t m = s.m;
  Scratch<T> scratch;
  for (index_t r = 0; r < s.rows; ++r) {
    T* p = s.data.data() + r * m;
    if (m == 0 || has_nan(p, m)) {
      out[r] = std::numeric_limits<R>::quiet_NaN();
      continue;
    }
    const index_t k = m / 2;
    if (m % 2 == 1) {
      T mid;
      select_values(p, m, std::span<const index_t>(&k, 1), &mid, scratch);
      out[r] = static_cast<R>(mid);
    } else {
      const index_t ks[2] = {k - 1, k};
      T mid[2];
      select_values(p, m, std::span<const index_t>(ks), mid, scratch);
      out[r] = (static_cast<R>(mid[0]) + static_cast<R>(mid[1])) / R{2};
    }
  }
}

template <Element T>
void quantile_rows(const Tensor<T>& a, const Dims& mask, std::span<const double> q, double* out) {
  const Slices<T> s = gather_slices(a, mask);
  const index_t m = s.m;
  const auto nq = static_cast<index_t>(q.size());
  if (m == 0) throw IndexError("cannot do a non-empty take from an empty axes.");
  if (s.rows == 0 || nq == 0) return;
  // NumPy's _quantile with method "linear": the virtual index (n - 1) * q, its floor and the next
  // index (both the last index when the virtual index reaches it), and the weight measured from
  // the (possibly clamped to -1, NumPy's "last") previous index.
  std::vector<index_t> prev(q.size()), next(q.size());
  std::vector<double> gamma(q.size());
  Dims ks;
  for (std::size_t j = 0; j < q.size(); ++j) {
    const double virtual_index = static_cast<double>(m - 1) * q[j];
    double p = std::floor(virtual_index);
    double nx = p + 1;
    if (virtual_index >= static_cast<double>(m - 1)) p = nx = -1;
    gamma[j] = virtual_index - p;
    prev[j] = p < 0 ? m - 1 : static_cast<index_t>(p);
    next[j] = nx < 0 ? m - 1 : static_cast<index_t>(nx);
    ks.push_back(prev[j]);
    ks.push_back(next[j]);
  }
  std::sort(ks.begin(), ks.end());
  ks.resize(static_cast<std::size_t>(std::unique(ks.begin(), ks.end()) - ks.begin()));
  // Where each needed order statistic lands in `selected`.
  const auto slot = [&](index_t k) { return std::lower_bound(ks.begin(), ks.end(), k) - ks.begin(); };
  Scratch<T> scratch, selected_storage;
  T* selected = selected_storage.get(static_cast<index_t>(ks.size()));
  for (index_t r = 0; r < s.rows; ++r) {
    T* p = s.data.data() + r * m;
    if (has_nan(p, m)) {
      for (index_t j = 0; j < nq; ++j) out[j * s.rows + r] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    select_values(p, m, std::span<const index_t>(ks), selected, scratch);
    for (index_t j = 0; j < nq; ++j) {
      const T lo = selected[slot(prev[j])], hi = selected[slot(next[j])];
      // NumPy subtracts in the input's type; for integers we subtract in double (no wrap).
      double diff;
      if constexpr (std::is_floating_point_v<T>) diff = static_cast<double>(static_cast<T>(hi - lo));
      else diff = static_cast<double>(hi) - static_cast<double>(lo);
      const double g = gamma[j];
      out[j * s.rows + r] =
          g >= 0.5 ? static_cast<double>(hi) - rounded(diff * (1 - g)) : static_cast<double>(lo) + rounded(diff * g);
    }
  }
}

#define EINSPAN_QUANTILE_INSTANTIATE(T)                                     \
  template void median_rows<T>(const Tensor<T>&, const Dims&, mean_t<T>*); \
  template void quantile_rows<T>(const Tensor<T>&, const Dims&, std::span<const double>, double*);
EINSPAN_QUANTILE_INSTANTIATE(float)
EINSPAN_QUANTILE_INSTANTIATE(double)
EINSPAN_QUANTILE_INSTANTIATE(std::int8_t)
EINSPAN_QUANTILE_INSTANTIATE(std::int16_t)
EINSPAN_QUANTILE_INSTANTIATE(std::int32_t)
EINSPAN_QUANTILE_INSTANTIATE(std::int64_t)
EINSPAN_QUANTILE_INSTANTIATE(std::uint8_t)
EINSPAN_QUANTILE_INSTANTIATE(std::uint16_t)
EINSPAN_QUANTILE_INSTANTIATE(std::uint32_t)
EINSPAN_QUANTILE_INSTANTIATE(std::uint64_t)
template void median_rows<bool>(const Tensor<bool>&, const Dims&, double*);

}  // namespace einspan::detail
