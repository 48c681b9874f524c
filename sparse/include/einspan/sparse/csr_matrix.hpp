#pragma once
// CsrMatrix<T>: the compressed sparse row form, a small companion of CscMatrix for code that wants
// SciPy's tocsr() arrays (row pointers, column indices). It has no arithmetic of its own.
//
// The CSR arrays of A are exactly the CSC arrays of A^T, so a CsrMatrix is stored as the
// CscMatrix of its transpose and inherits its invariants and checks: indptr has rows + 1 entries,
// indices are column indices in [0, cols), canonical form means sorted columns within each row.
#include <einspan/sparse/csc_matrix.hpp>

namespace einspan::sparse {

template <SparseElement T>
class CsrMatrix {
 public:
  CsrMatrix() = default;

  // From raw CSR arrays (csr_matrix((data, indices, indptr), shape=shape)), checked as the CSC
  // constructor checks them, as the CSC arrays of the transpose (so "row index" in a message means
  // a column index here).
  // Throws ValueError or IndexError.
  CsrMatrix(Shape2 shape, std::vector<T> data, std::vector<index_t> indices, std::vector<index_t> indptr)
      : transposed_(Shape2{shape[1], shape[0]}, std::move(data), std::move(indices), std::move(indptr)) {}

  // Wraps the CSC matrix of A^T as the CSR matrix of A (no copy when moved in).
  static CsrMatrix from_transposed_csc(CscMatrix<T> transposed) {
    CsrMatrix out;
    out.transposed_ = std::move(transposed);
    return out;
  }

  Shape2 shape() const { return {transposed_.cols(), transposed_.rows()}; }
  index_t rows() const { return transposed_.cols(); }
  index_t cols() const { return transposed_.rows(); }
  index_t nnz() const { return transposed_.nnz(); }
  std::span<const index_t> indptr() const { return transposed_.indptr(); }
  std::span<const index_t> indices() const { return transposed_.indices(); }
  std::span<const T> data() const { return transposed_.data(); }
  bool has_canonical_format() const { return transposed_.has_canonical_format(); }

  // A fresh C-contiguous rows x cols tensor; duplicates are summed.
  Tensor<T> to_dense() const { return transposed_.to_dense().T().copy(); }
  // The same matrix in CSC form (a copy), canonical when this one has no duplicates.
  CscMatrix<T> tocsc() const { return transposed_.transpose(); }
  // The CSC matrix of A^T, which shares this object's arrays (a reference, no copy).
  const CscMatrix<T>& transposed_csc() const { return transposed_; }

 private:
  CscMatrix<T> transposed_;
};

}  // namespace einspan::sparse
