#pragma once
// The SpMM kernel behind matmul(A, X) for a CSC matrix on the left, exposed with its schedule so
// that the benchmark can compare the schedules. Library users call matmul (matmul.hpp).
#include <einspan/sparse/csc_matrix.hpp>

namespace einspan::sparse::detail {

// A 2-d strided operand: element (i, c) is ptr[i * row_stride + c * col_stride].
template <class T>
struct StridedMatrix {
  T* ptr;
  index_t rows;
  index_t cols;
  index_t row_stride;
  index_t col_stride;
};

// A 1-d strided operand: element i is ptr[i * stride]. A null ptr means "not wanted".
template <class T>
struct StridedVector {
  T* ptr = nullptr;
  index_t stride = 1;
};

// How A @ X is spread over OpenMP threads. Scattering rows of X into output rows races when two
// threads hit the same output row, so each schedule gives every output element one writer:
//   partition_rows:      thread t owns a contiguous block of output rows and scans all of A,
//                        skipping entries of other rows. No scratch, no reduction, but every
//                        thread reads all of indices, and the work follows the row distribution.
//   thread_accumulators: the columns of A are split into nnz-balanced blocks; thread 0 scatters
//                        into out, every other thread into a private rows x d block (thread-local,
//                        reused across calls); then the blocks are added into out, split by rows.
//                        Costs (threads - 1) * rows * (d + 1) extra memory and a reduction pass.
//   serial:              one thread.
//   automatic:           serial below a work threshold, otherwise thread_accumulators when the
//                        scratch is small next to the work (rows * threads <= nnz / 4), else
//                        partition_rows. See docs/sparse.md for the measurements behind it.
enum class SpmmSchedule { automatic, serial, partition_rows, thread_accumulators };

// out = A @ x, for x of shape (A.cols, d) and out of shape (A.rows, d); shapes already checked and
// out not overlapping x. When row_sums.ptr is set, also row_sums = A.sum(axis=1) (length A.rows,
// not overlapping out or x) from the same pass over A. Allocates nothing except thread-local
// scratch on a thread's first call (the thread_accumulators blocks, the one-hot kernel's padded
// rows), which later calls of the same size reuse.
template <SparseElement T>
void spmm_csc_dense(const CscMatrix<T>& a, StridedMatrix<const T> x, StridedMatrix<T> out,
                    SpmmSchedule schedule = SpmmSchedule::automatic, StridedVector<T> row_sums = {});

// Allocates the calling thread's one-hot kernel scratch for an A of `rows` rows and an x of `cols`
// columns (see reserve_matmul_scratch in matmul.hpp).
template <SparseElement T>
void reserve_spmm_scratch(index_t rows, index_t cols);

}  // namespace einspan::sparse::detail
