#pragma once
// The one-hot SpMM kernel of the k-means update step (one_hot_kernel.cpp, one per
// instruction-set level): out[rows[j], :] += x[j, :] and row_sums[rows[j]] += 1 for the columns j
// of a one-hot A, through a scratch row of whole registers per output row.
#include <einspan/sparse/detail/spmm.hpp>

namespace einspan::sparse::detail {

// Elements per 32-byte chunk of the scratch rows; every level uses the same chunks (two registers
// each on the 128-bit levels), so the choice of this path does not depend on the level.
template <class T>
inline constexpr index_t one_hot_lanes = 32 / sizeof(T);

// The path takes rows of d < (max_counted_vectors - 1) * one_hot_lanes + one_hot_lanes elements
// plus the count: d / one_hot_lanes + 1 <= max_counted_vectors chunks.
inline constexpr int max_counted_vectors = 8;

// Adds columns [j_lo, j_hi) of the one-hot A (row of column j: rows[j]) into out and, when
// row_sums.ptr is set, their counts into row_sums. `scratch` holds out.rows * vectors *
// one_hot_lanes<T> elements, 64-byte aligned; vectors = x.cols / one_hot_lanes<T> + 1, at most
// max_counted_vectors. Requires unit column strides and x.row_stride >= x.cols >= 1.
void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const double> x, StridedMatrix<double> out,
                             StridedVector<double> row_sums, double* scratch, index_t j_lo, index_t j_hi);
void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const float> x, StridedMatrix<float> out,
                             StridedVector<float> row_sums, float* scratch, index_t j_lo, index_t j_hi);

}  // namespace einspan::sparse::detail
