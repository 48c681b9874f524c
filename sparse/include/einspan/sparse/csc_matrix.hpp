#pragma once
// CscMatrix<T>: a sparse matrix in compressed sparse column form, as scipy.sparse.csc_matrix,
// for T = float or double with 64-bit indices.
//
// Storage, in SciPy's names: the stored entries of column j are
//   rows indices[p] and values data[p] for p in [indptr[j], indptr[j + 1]).
//
// Structural invariants, true of every CscMatrix (each constructor checks them, every operation
// keeps them; check_format() checks them again):
//   indptr.size() == cols + 1, indptr[0] == 0, indptr non-decreasing,
//   indptr[cols] == nnz == indices.size() == data.size(), 0 <= indices[p] < rows.
// Canonical form, in addition (SciPy's has_canonical_format): within every column the row indices
// are strictly increasing, i.e. sorted and without duplicates. Explicit zeros may still be stored
// (as in SciPy); eliminate_zeros() drops them.
//
// Which form you get: from_triplets, from_dense, identity, one_hot_csc and sum_duplicates return
// canonical form, and so do transpose and tocsr of a matrix without duplicates; the raw-array
// constructor keeps what it is given (it accepts unsorted rows and duplicates, as SciPy does);
// columns(), eliminate_zeros() and scaling keep the form of their input. Everything accepts
// non-canonical input and treats duplicates as summed (to_dense, sum, matmul), except the Eigen
// view, which needs canonical form.
//
// Unlike Tensor, a CscMatrix is a value: copying it copies its three arrays.
#include <array>
#include <concepts>
#include <einspan/tensor/slice.hpp>
#include <einspan/tensor/tensor.hpp>
#include <span>
#include <vector>

namespace einspan::sparse {

// The element types a sparse matrix may hold.
template <class T>
concept SparseElement = std::same_as<T, float> || std::same_as<T, double>;

// (rows, cols).
using Shape2 = std::array<index_t, 2>;

template <SparseElement T>
class CsrMatrix;

template <SparseElement T>
class CscMatrix {
 public:
  using value_type = T;

  // The 0 x 0 matrix.
  CscMatrix() : CscMatrix(Shape2{0, 0}) {}

  // An all-zero matrix with no stored entries (scipy.sparse.csc_matrix((M, N))). Throws
  // ValueError for a negative dimension.
  explicit CscMatrix(Shape2 shape);

  // From raw CSC arrays (csc_matrix((data, indices, indptr), shape=shape)). The vectors are
  // taken over, not copied, when moved in. Checks every structural invariant listed above and
  // throws ValueError (lengths that disagree, indptr not starting at 0, not non-decreasing or not
  // ending at nnz, a negative dimension) or IndexError (a row index outside [0, rows)), naming the
  // array, the position and the values. Unsorted rows and duplicates are accepted as they are.
  CscMatrix(Shape2 shape, std::vector<T> data, std::vector<index_t> indices, std::vector<index_t> indptr);

  // From triplets, as csc_matrix((values, (rows, cols)), shape=shape): entry p is values[p] at
  // (rows[p], cols[p]); duplicates are summed, explicit zeros are kept (as SciPy does). The result
  // is in canonical form. Two counting sorts order the entries and a linear pass merges the
  // duplicates: O(nnz + M + N). Without a shape it is (max(rows) + 1, max(cols) + 1). Throws ValueError when the three lengths disagree or the shape
  // cannot be inferred from empty arrays, IndexError naming the position of an index outside the
  // shape (or negative). Copies the inputs.
  static CscMatrix from_triplets(std::span<const T> values, std::span<const index_t> rows,
                                 std::span<const index_t> cols, Shape2 shape);
  static CscMatrix from_triplets(std::span<const T> values, std::span<const index_t> rows,
                                 std::span<const index_t> cols);

  // The nonzero entries of a dense tensor of any strides (csc_matrix(dense)), in canonical form.
  // A 1-d tensor of length N becomes a 1 x N matrix, as in SciPy. NaN counts as nonzero, -0.0 as
  // zero. Throws ShapeError for any other rank.
  static CscMatrix from_dense(const Tensor<T>& dense);

  // The n x n identity (scipy.sparse.identity(n, format="csc")). Throws ValueError for n < 0.
  static CscMatrix identity(index_t n);

  // ---- the arrays -------------------------------------------------------------------------
  Shape2 shape() const { return {rows_, cols_}; }
  index_t rows() const { return rows_; }
  index_t cols() const { return cols_; }
  // Number of stored entries, explicit zeros and duplicates included (SciPy's nnz).
  index_t nnz() const { return static_cast<index_t>(data_.size()); }
  std::span<const index_t> indptr() const { return indptr_; }
  std::span<const index_t> indices() const { return indices_; }
  std::span<const T> data() const { return data_; }
  // The values may be written in place (A.data *= 2 in SciPy); the structure may not. Taking
  // this writable span forgets is_one_hot() (the values may change through it).
  std::span<T> data() {
    one_hot_ = false;
    return data_;
  }

  // ---- form -------------------------------------------------------------------------------
  // Re-checks the structural invariants; throws as the raw-array constructor does. They always
  // hold, so this is SciPy's check_format() for code that wants to say so.
  void check_format() const;
  // Rows sorted within every column (duplicates allowed). O(nnz).
  bool has_sorted_indices() const;
  // Rows strictly increasing within every column: sorted and no duplicates. O(nnz).
  bool has_canonical_format() const;
  // In place: sorts the rows of every column and sums duplicates, giving canonical form. Sums
  // that cancel stay as explicit zeros, as in SciPy. Stable: duplicates are added in storage order.
  // O(nnz + cols) when every column's rows are already sorted; otherwise each unsorted column
  // is stable-sorted, O(m log m) for a column of m entries.
  void sum_duplicates();
  // In place: removes stored entries equal to zero (NaN stays). Keeps the form.
  void eliminate_zeros();
  // True when this matrix is known to hold exactly one stored 1 per column (indptr = 0..cols,
  // data all ones), as one_hot_csc, assign_one_hot and identity build it. A remembered fact, O(1),
  // not a scan: a matrix built from raw arrays or triplets reports false even if it happens to
  // be one-hot, and the non-const data() and scaling forget it. matmul(A, X) uses it to skip
  // indptr and the multiplications by 1.
  bool is_one_hot() const { return one_hot_; }

  // ---- conversions (all copy) -------------------------------------------------------------
  // A fresh C-contiguous rows x cols tensor; duplicates are summed.
  Tensor<T> to_dense() const;
  // A^T as a CscMatrix (not SciPy's CSR of the same arrays: one type is simpler to use). It is
  // in canonical form when A has no duplicates (rows come out sorted by the counting sort);
  // duplicates stay duplicates. O(nnz + rows + cols).
  CscMatrix transpose() const;
  // The same matrix in CSR form; its arrays are those of transpose(). O(nnz + rows + cols).
  CsrMatrix<T> tocsr() const;

  // ---- slicing and reductions -------------------------------------------------------------
  // A[:, s] for a slice of columns, any step (negative too), as a fresh CscMatrix. Throws
  // ValueError for a zero step.
  CscMatrix columns(Slice s) const;
  // Sum of all entries (A.sum()).
  T sum() const;
  // Sum over an axis as a 1-d tensor: axis 0 gives the column sums (length cols), axis 1 the row
  // sums (length rows); negative axes count from the end. scipy's csc_array returns this 1-d
  // shape; csc_matrix returns a (1, N) / (M, 1) np.matrix instead. Throws AxisError.
  Tensor<T> sum(index_t axis) const;

  // ---- scaling ----------------------------------------------------------------------------
  CscMatrix& operator*=(T factor);
  CscMatrix& operator/=(T divisor);
  friend CscMatrix operator*(CscMatrix a, T factor) { return a *= factor; }
  friend CscMatrix operator*(T factor, CscMatrix a) { return a *= factor; }
  friend CscMatrix operator/(CscMatrix a, T divisor) { return a /= divisor; }

  // Rebuilds this matrix as the (k, n) one-hot matrix of labels in place (see one_hot_csc in
  // one_hot.hpp, which calls it): O(n), and no allocation once the arrays have held n entries.
  // When this matrix is already one-hot (is_one_hot()), indptr and data are only extended or
  // shortened, so a k-means iteration rewrites just the row indices. Throws as one_hot_csc does,
  // leaving the matrix unchanged. Spans from data() taken before the call must not be written
  // through after it.
  void assign_one_hot(std::span<const index_t> labels, index_t k);
  // The same with values[j] in place of the 1 of column j: SciPy's
  // csc_matrix((values, (labels, arange(n))), shape=(k, n)). Its product with data gives weighted
  // cluster sums, and its row sums the clusters' weights (the weighted k-means update). Not
  // is_one_hot(). Throws ShapeError when labels and values differ in length, and as above.
  void assign_one_hot(std::span<const index_t> labels, index_t k, std::span<const T> values);

 private:
  struct Unchecked {};
  CscMatrix(Unchecked, Shape2 shape, std::vector<T> data, std::vector<index_t> indices, std::vector<index_t> indptr)
      : rows_(shape[0]), cols_(shape[1]), indptr_(std::move(indptr)), indices_(std::move(indices)),
        data_(std::move(data)) {}

  index_t rows_ = 0;
  index_t cols_ = 0;
  bool one_hot_ = false;
  std::vector<index_t> indptr_;
  std::vector<index_t> indices_;
  std::vector<T> data_;
};

extern template class CscMatrix<float>;
extern template class CscMatrix<double>;

}  // namespace einspan::sparse
