// Construction, validation and the form-changing operations of CscMatrix.
#include <algorithm>
#include <cstdint>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/create.hpp>
#include <limits>
#include <numeric>

namespace einspan::sparse {

namespace {

void check_shape(Shape2 shape) {
  if (shape[0] < 0 || shape[1] < 0)
    throw ValueError(fmt::format("negative dimensions are not allowed: {}", format_shape(shape)));
}

// The structural invariants of (indptr, indices, data) for a rows x cols CSC matrix, with messages
// that name the array, the position and the values.
void check_arrays(Shape2 shape, std::span<const index_t> indptr, std::span<const index_t> indices,
                  std::size_t data_size) {
  check_shape(shape);
  const auto [rows, cols] = shape;
  if (static_cast<index_t>(indptr.size()) - 1 != cols)
    throw ValueError(fmt::format("indptr has length {}, expected cols + 1 = {} for shape {}", indptr.size(),
                                 static_cast<std::uint64_t>(cols) + 1, format_shape(shape)));
  if (indices.size() != data_size)
    throw ValueError(
        fmt::format("indices and data must have the same length, got {} and {}", indices.size(), data_size));
  if (indptr[0] != 0) throw ValueError(fmt::format("indptr must start with 0, got indptr[0] = {}", indptr[0]));
  for (std::size_t j = 1; j < indptr.size(); ++j)
    if (indptr[j] < indptr[j - 1])
      throw ValueError(
          fmt::format("indptr is not non-decreasing at position {} ({} > {})", j, indptr[j - 1], indptr[j]));
  if (indptr.back() != static_cast<index_t>(indices.size()))
    throw ValueError(fmt::format("indptr must end with nnz = len(indices) = {}, got indptr[{}] = {}", indices.size(),
                                 indptr.size() - 1, indptr.back()));
  for (index_t j = 0; j < cols; ++j)
    for (index_t p = indptr[j]; p < indptr[j + 1]; ++p)
      if (indices[p] < 0 || indices[p] >= rows)
        throw IndexError(fmt::format("row index {} at position {} (column {}) is out of range for {} rows",
                                     indices[p], p, j, rows));
}

}  // namespace

template <SparseElement T>
CscMatrix<T>::CscMatrix(Shape2 shape)
    : rows_(shape[0]), cols_(shape[1]), indptr_(static_cast<std::size_t>(std::max<index_t>(shape[1], 0) + 1), 0) {
  check_shape(shape);
}

template <SparseElement T>
CscMatrix<T>::CscMatrix(Shape2 shape, std::vector<T> data, std::vector<index_t> indices, std::vector<index_t> indptr)
    : rows_(shape[0]), cols_(shape[1]), indptr_(std::move(indptr)), indices_(std::move(indices)),
      data_(std::move(data)) {
  check_format();
}

template <SparseElement T>
void CscMatrix<T>::check_format() const {
  check_arrays(shape(), indptr_, indices_, data_.size());
}

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::from_triplets(std::span<const T> values, std::span<const index_t> rows,
                                         std::span<const index_t> cols, Shape2 shape) {
  check_shape(shape);
  if (rows.size() != values.size() || cols.size() != values.size())
    throw ValueError(fmt::format("from_triplets: values, rows and cols must have the same length, got {}, {} and {}",
                                 values.size(), rows.size(), cols.size()));
  const std::size_t n = values.size();
  for (std::size_t p = 0; p < n; ++p) {
    if (rows[p] < 0 || rows[p] >= shape[0])
      throw IndexError(fmt::format("from_triplets: row index {} at position {} is out of range for shape {}", rows[p],
                                   p, format_shape(shape)));
    if (cols[p] < 0 || cols[p] >= shape[1])
      throw IndexError(fmt::format("from_triplets: column index {} at position {} is out of range for shape {}",
                                   cols[p], p, format_shape(shape)));
  }
  // Two stable counting sorts, by row then by column, leave every column's rows in increasing
  // order (and duplicates in input order), in O(nnz + rows + cols) without comparisons.
  std::vector<index_t> row_start(static_cast<std::size_t>(shape[0]) + 1, 0);
  for (const index_t r : rows) ++row_start[static_cast<std::size_t>(r) + 1];
  std::partial_sum(row_start.begin(), row_start.end(), row_start.begin());
  std::vector<index_t> by_row(n);
  for (std::size_t p = 0; p < n; ++p) by_row[static_cast<std::size_t>(row_start[rows[p]]++)] = static_cast<index_t>(p);

  std::vector<index_t> indptr(static_cast<std::size_t>(shape[1]) + 1, 0);
  for (const index_t c : cols) ++indptr[static_cast<std::size_t>(c) + 1];
  std::partial_sum(indptr.begin(), indptr.end(), indptr.begin());
  std::vector<index_t> next(indptr.begin(), indptr.end() - 1);
  std::vector<index_t> indices(n);
  std::vector<T> data(n);
  for (const index_t p : by_row) {
    const auto q = static_cast<std::size_t>(next[static_cast<std::size_t>(cols[p])]++);
    indices[q] = rows[p];
    data[q] = values[p];
  }
  CscMatrix out(Unchecked{}, shape, std::move(data), std::move(indices), std::move(indptr));
  out.sum_duplicates();  // the rows of every column are sorted, so this only merges duplicates: O(nnz + N)
  return out;
}

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::from_triplets(std::span<const T> values, std::span<const index_t> rows,
                                         std::span<const index_t> cols) {
  if (rows.empty() || cols.empty())
    throw ValueError("from_triplets: cannot infer dimensions from zero sized index arrays; pass a shape");
  const index_t max_row = *std::max_element(rows.begin(), rows.end());
  const index_t max_col = *std::max_element(cols.begin(), cols.end());
  if (max_row == std::numeric_limits<index_t>::max() || max_col == std::numeric_limits<index_t>::max())
    throw ValueError("from_triplets: an index of 2**63 - 1 leaves no room for the inferred shape");
  return from_triplets(values, rows, cols, Shape2{max_row + 1, max_col + 1});
}

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::from_dense(const Tensor<T>& dense) {
  if (dense.ndim() != 1 && dense.ndim() != 2)
    throw ShapeError(fmt::format("from_dense: expected a 1-d or 2-d tensor, got shape {}", format_shape(dense.shape())));
  const bool vector = dense.ndim() == 1;
  const index_t rows = vector ? 1 : dense.shape()[0];
  const index_t cols = vector ? dense.shape()[0] : dense.shape()[1];
  const index_t row_stride = vector ? 0 : dense.strides()[0];
  const index_t col_stride = vector ? dense.strides()[0] : dense.strides()[1];
  const T* base = dense.data();
  std::vector<index_t> indptr(static_cast<std::size_t>(cols) + 1, 0);
  std::vector<index_t> indices;
  std::vector<T> data;
  for (index_t j = 0; j < cols; ++j) {
    for (index_t i = 0; i < rows; ++i) {
      const T x = base[i * row_stride + j * col_stride];
      if (x != T{0}) {
        indices.push_back(i);
        data.push_back(x);
      }
    }
    indptr[static_cast<std::size_t>(j) + 1] = static_cast<index_t>(indices.size());
  }
  return CscMatrix(Unchecked{}, Shape2{rows, cols}, std::move(data), std::move(indices), std::move(indptr));
}

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::identity(index_t n) {
  check_shape(Shape2{n, n});
  std::vector<index_t> indptr(static_cast<std::size_t>(n) + 1);
  std::iota(indptr.begin(), indptr.end(), index_t{0});
  std::vector<index_t> indices(static_cast<std::size_t>(n));
  std::iota(indices.begin(), indices.end(), index_t{0});
  CscMatrix out(Unchecked{}, Shape2{n, n}, std::vector<T>(static_cast<std::size_t>(n), T{1}), std::move(indices),
                std::move(indptr));
  out.one_hot_ = true;
  return out;
}

namespace {

// Every label in [0, k), checked in one branch-free pass (a count vectorises; a bool |= does not,
// and was 7x slower) before anything is written; the culprit is looked for only on failure. A
// negative label wraps to a huge unsigned one, so one comparison covers both ends.
void check_labels(std::span<const index_t> labels, index_t k) {
  if (k < 0) throw ValueError(fmt::format("one_hot_csc: the number of clusters k must be >= 0, got {}", k));
  const auto limit = static_cast<std::uint64_t>(k);
  std::uint64_t out_of_range = 0;
  for (const index_t label : labels) out_of_range += static_cast<std::uint64_t>(label) >= limit;
  if (out_of_range != 0) {
    const auto bad = std::find_if(labels.begin(), labels.end(), [&](index_t l) { return l < 0 || l >= k; });
    throw IndexError(fmt::format("one_hot_csc: label {} at position {} is out of range [0, {})", *bad,
                                 bad - labels.begin(), k));
  }
}

}  // namespace

template <SparseElement T>
void CscMatrix<T>::assign_one_hot(std::span<const index_t> labels, index_t k) {
  check_labels(labels, k);
  const std::size_t n = labels.size();
  // One entry per column: indptr is 0..n, the rows are the labels, the values ones. A matrix that
  // is one-hot already has the first min(old n, n) of those, so only the difference is written.
  // resize() and assign() reuse capacity, so the k-means iterations do not allocate.
  const std::size_t kept = one_hot_ ? std::min(n, static_cast<std::size_t>(cols_)) : 0;
  if (!one_hot_) data_.clear();
  data_.resize(n, T{1});
  indptr_.resize(n + 1);
  std::iota(indptr_.begin() + static_cast<std::ptrdiff_t>(kept), indptr_.end(), static_cast<index_t>(kept));
  indices_.assign(labels.begin(), labels.end());
  rows_ = k;
  cols_ = static_cast<index_t>(n);
  one_hot_ = true;
}

template <SparseElement T>
void CscMatrix<T>::assign_one_hot(std::span<const index_t> labels, index_t k, std::span<const T> values) {
  if (values.size() != labels.size())
    throw ShapeError(fmt::format("one_hot_csc: {} labels but {} values", labels.size(), values.size()));
  check_labels(labels, k);
  indptr_.resize(labels.size() + 1);
  std::iota(indptr_.begin(), indptr_.end(), index_t{0});
  indices_.assign(labels.begin(), labels.end());
  data_.assign(values.begin(), values.end());
  rows_ = k;
  cols_ = static_cast<index_t>(labels.size());
  one_hot_ = false;
}

// ---- form ---------------------------------------------------------------------------------

template <SparseElement T>
bool CscMatrix<T>::has_sorted_indices() const {
  for (index_t j = 0; j < cols_; ++j)
    for (index_t p = indptr_[j] + 1; p < indptr_[j + 1]; ++p)
      if (indices_[p - 1] > indices_[p]) return false;
  return true;
}

template <SparseElement T>
bool CscMatrix<T>::has_canonical_format() const {
  for (index_t j = 0; j < cols_; ++j)
    for (index_t p = indptr_[j] + 1; p < indptr_[j + 1]; ++p)
      if (indices_[p - 1] >= indices_[p]) return false;
  return true;
}

template <SparseElement T>
void CscMatrix<T>::sum_duplicates() {
  if (has_canonical_format()) return;
  std::vector<std::pair<index_t, T>> column;
  index_t write = 0;
  index_t start = 0;  // indptr_[j] before it is overwritten
  for (index_t j = 0; j < cols_; ++j) {
    const index_t stop = indptr_[j + 1];
    column.assign(static_cast<std::size_t>(stop - start), {});
    for (index_t p = start; p < stop; ++p) column[static_cast<std::size_t>(p - start)] = {indices_[p], data_[p]};
    // A column whose rows are sorted (every column that from_triplets builds) only merges.
    if (!std::is_sorted(indices_.begin() + start, indices_.begin() + stop))
      std::stable_sort(column.begin(), column.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t q = 0; q < column.size(); ++q) {
      if (q > 0 && column[q].first == column[q - 1].first) {
        data_[write - 1] += column[q].second;
      } else {
        indices_[write] = column[q].first;
        data_[write] = column[q].second;
        ++write;
      }
    }
    start = stop;
    indptr_[j + 1] = write;
  }
  indices_.resize(static_cast<std::size_t>(write));
  data_.resize(static_cast<std::size_t>(write));
}

template <SparseElement T>
void CscMatrix<T>::eliminate_zeros() {
  index_t write = 0;
  index_t start = 0;
  for (index_t j = 0; j < cols_; ++j) {
    const index_t stop = indptr_[j + 1];
    for (index_t p = start; p < stop; ++p) {
      if (data_[p] != T{0}) {
        indices_[write] = indices_[p];
        data_[write] = data_[p];
        ++write;
      }
    }
    start = stop;
    indptr_[j + 1] = write;
  }
  indices_.resize(static_cast<std::size_t>(write));
  data_.resize(static_cast<std::size_t>(write));
}

// ---- conversions --------------------------------------------------------------------------

template <SparseElement T>
Tensor<T> CscMatrix<T>::to_dense() const {
  Tensor<T> out = zeros<T>({rows_, cols_});
  T* d = out.data();
  for (index_t j = 0; j < cols_; ++j)
    for (index_t p = indptr_[j]; p < indptr_[j + 1]; ++p) d[indices_[p] * cols_ + j] += data_[p];
  return out;
}

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::transpose() const {
  // Counting sort of the entries by row; walking the columns in order leaves each row's columns
  // sorted, which is canonical form for the transpose when there are no duplicates.
  std::vector<index_t> indptr(static_cast<std::size_t>(rows_) + 1, 0);
  for (const index_t r : indices_) ++indptr[static_cast<std::size_t>(r) + 1];
  std::partial_sum(indptr.begin(), indptr.end(), indptr.begin());
  std::vector<index_t> next(indptr.begin(), indptr.end() - 1);
  std::vector<index_t> indices(indices_.size());
  std::vector<T> data(data_.size());
  for (index_t j = 0; j < cols_; ++j) {
    for (index_t p = indptr_[j]; p < indptr_[j + 1]; ++p) {
      const auto q = static_cast<std::size_t>(next[static_cast<std::size_t>(indices_[p])]++);
      indices[q] = j;
      data[q] = data_[p];
    }
  }
  return CscMatrix(Unchecked{}, Shape2{cols_, rows_}, std::move(data), std::move(indices), std::move(indptr));
}

template <SparseElement T>
CsrMatrix<T> CscMatrix<T>::tocsr() const {
  return CsrMatrix<T>::from_transposed_csc(transpose());
}

// ---- slicing and reductions ---------------------------------------------------------------

template <SparseElement T>
CscMatrix<T> CscMatrix<T>::columns(Slice s) const {
  const SliceRange range = resolve_slice(s, cols_);
  std::vector<index_t> indptr(static_cast<std::size_t>(range.length) + 1, 0);
  for (index_t q = 0; q < range.length; ++q) {
    const index_t j = range.start + q * range.step;
    indptr[static_cast<std::size_t>(q) + 1] = indptr[static_cast<std::size_t>(q)] + (indptr_[j + 1] - indptr_[j]);
  }
  std::vector<index_t> indices(static_cast<std::size_t>(indptr.back()));
  std::vector<T> data(indices.size());
  for (index_t q = 0; q < range.length; ++q) {
    const index_t j = range.start + q * range.step;
    std::copy(indices_.begin() + indptr_[j], indices_.begin() + indptr_[j + 1], indices.begin() + indptr[q]);
    std::copy(data_.begin() + indptr_[j], data_.begin() + indptr_[j + 1], data.begin() + indptr[q]);
  }
  return CscMatrix(Unchecked{}, Shape2{rows_, range.length}, std::move(data), std::move(indices), std::move(indptr));
}

template <SparseElement T>
T CscMatrix<T>::sum() const {
  return std::accumulate(data_.begin(), data_.end(), T{0});
}

template <SparseElement T>
Tensor<T> CscMatrix<T>::sum(index_t axis) const {
  const std::size_t a = normalize_axis(axis, 2);
  Tensor<T> out = zeros<T>({a == 0 ? cols_ : rows_});
  T* o = out.data();
  if (a == 0) {
    for (index_t j = 0; j < cols_; ++j)
      o[j] = std::accumulate(data_.begin() + indptr_[j], data_.begin() + indptr_[j + 1], T{0});
  } else {
    for (std::size_t p = 0; p < data_.size(); ++p) o[indices_[p]] += data_[p];
  }
  return out;
}

// ---- scaling ------------------------------------------------------------------------------

template <SparseElement T>
CscMatrix<T>& CscMatrix<T>::operator*=(T factor) {
  one_hot_ = false;
  for (T& x : data_) x *= factor;
  return *this;
}

template <SparseElement T>
CscMatrix<T>& CscMatrix<T>::operator/=(T divisor) {
  one_hot_ = false;
  for (T& x : data_) x /= divisor;
  return *this;
}

template class CscMatrix<float>;
template class CscMatrix<double>;

}  // namespace einspan::sparse
