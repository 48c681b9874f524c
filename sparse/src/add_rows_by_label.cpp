#include <einspan/sparse/add_rows_by_label.hpp>

#include <einspan/tensor/error.hpp>

namespace einspan::sparse {

template <SparseElement T>
void add_rows_by_label(const CsrMatrix<T>& a, std::span<const std::int64_t> labels, std::span<const T> weights,
                       const Tensor<T>& sums, const Tensor<T>& counts) {
  const auto n = static_cast<std::size_t>(a.rows());
  if (labels.size() != n || (!weights.empty() && weights.size() != n))
    throw ShapeError(fmt::format("add_rows_by_label: {} rows, but {} labels and {} weights", n, labels.size(),
                                 weights.size()));
  const index_t k = counts.ndim() == 1 ? counts.dim(0) : -1;
  if (k < 0 || sums.ndim() != 2 || sums.dim(0) != k || sums.dim(1) != a.cols())
    throw ShapeError(fmt::format("add_rows_by_label: sums {} and counts {} do not fit (k, {}) and (k,)",
                                 format_shape(sums.shape()), format_shape(counts.shape()), a.cols()));
  if (!sums.is_contiguous() || !counts.is_contiguous())
    throw ValueError("add_rows_by_label: sums and counts must be C-contiguous");
  for (std::size_t i = 0; i < n; ++i)
    if (labels[i] < 0 || labels[i] >= k)
      throw IndexError(fmt::format("add_rows_by_label: label {} of row {} is out of range [0, {})", labels[i], i, k));
  const index_t* indptr = a.indptr().data();
  const index_t* indices = a.indices().data();
  const T* data = a.data().data();
  T* out = sums.data();
  T* total = counts.data();
  const index_t d = a.cols();
  for (std::size_t i = 0; i < n; ++i) {
    const T w = weights.empty() ? T{1} : weights[i];
    T* row = out + labels[i] * d;
    for (index_t p = indptr[i]; p < indptr[i + 1]; ++p) row[indices[p]] += w * data[p];
    total[labels[i]] += w;
  }
}

template void add_rows_by_label(const CsrMatrix<float>&, std::span<const std::int64_t>, std::span<const float>,
                                const Tensor<float>&, const Tensor<float>&);
template void add_rows_by_label(const CsrMatrix<double>&, std::span<const std::int64_t>, std::span<const double>,
                                const Tensor<double>&, const Tensor<double>&);

}  // namespace einspan::sparse
