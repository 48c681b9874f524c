#pragma once
// Products of a CscMatrix and a dense Tensor, on either side: A @ X is matmul(A, X) and X @ A is
// matmul(X, A). X may be 1-d (a vector: SpMV) or 2-d (SpMM) and have any strides: transposed,
// sliced, reversed or broadcast views are read in place, never copied.
//
// A @ X scatters: column j of A adds data[p] * X[j, :] to output row indices[p]. With OpenMP and
// enough work it runs on all threads without races (see detail/spmm.hpp for the two schedules).
// X @ A gathers: output column j is a combination of the columns of X named by column j of A.
//
// Shape mismatches throw ShapeError naming both shapes, in NumPy's words:
//   "matmul: shapes (3, 4) and (5, 2) not aligned: 4 (dim 1) != 5 (dim 0)".
#include <einspan/sparse/csc_matrix.hpp>

namespace einspan::sparse {

// A @ x for x of shape (cols,) -> (rows,), or of shape (cols, d) -> (rows, d). Returns a fresh
// C-contiguous tensor. Throws ShapeError (rank other than 1 or 2, or mismatched inner sizes).
template <SparseElement T>
Tensor<T> matmul(const CscMatrix<T>& a, const Tensor<T>& x);

// x @ A for x of shape (rows,) -> (cols,), or of shape (m, rows) -> (m, cols). Returns a fresh
// C-contiguous tensor. Throws ShapeError.
template <SparseElement T>
Tensor<T> matmul(const Tensor<T>& x, const CscMatrix<T>& a);

// Out-parameter forms: write the product into `out`, which must already have the result's shape
// (any strides; it is overwritten, not accumulated into). They allocate nothing, except that A @ X
// keeps thread-local scratch (the per-thread schedule's blocks, the one-hot kernel's padded rows),
// allocated on a thread's first call that needs it (or a larger one) and reused by later calls;
// reserve_matmul_scratch below allocates a thread's one-hot scratch ahead of its first call.
// Throw ShapeError when out has the wrong shape, ValueError when out shares memory with x.
template <SparseElement T>
void matmul(const CscMatrix<T>& a, const Tensor<T>& x, const Tensor<T>& out);
template <SparseElement T>
void matmul(const Tensor<T>& x, const CscMatrix<T>& a, const Tensor<T>& out);

// out = A @ x and row_sums = A.sum(axis=1), from one pass over A. For a one-hot A
// (one_hot_csc(labels, k)) that is the k-means update: the per-cluster sums of x's rows and
// np.bincount(labels, minlength=k), in the time of the product alone. x and out as in matmul;
// row_sums of shape (A.rows,), any strides. Both are overwritten. Allocates nothing but the
// scratch described above. Throws ShapeError for wrong shapes, ValueError when an output is a
// broadcast view or shares memory with x or with the other output.
template <SparseElement T>
void matmul_with_row_sums(const CscMatrix<T>& a, const Tensor<T>& x, const Tensor<T>& out, const Tensor<T>& row_sums);

// Allocates now the calling thread's scratch for a one-thread A @ X (matmul or
// matmul_with_row_sums) with A of `rows` rows and X of `cols` columns, so that the thread's first
// such call allocates nothing. For a team of threads that must not allocate once its work has
// started, whichever thread takes the first product: the k-means fit calls it on every thread of
// its team. Throws ValueError for a negative size.
template <SparseElement T>
void reserve_matmul_scratch(index_t rows, index_t cols);

}  // namespace einspan::sparse
