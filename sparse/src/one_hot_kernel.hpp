#pragma once
// The one-hot SpMM kernel of the k-means update step (one_hot_kernel.cpp, one per
// instruction-set level): out[rows[j], :] += x[j, :] and row_sums[rows[j]] += 1 for the columns j
// of a one-hot A, through a scratch row of whole registers per output row.
#include <cstddef>
#include <einspan/sparse/detail/spmm.hpp>

namespace einspan::sparse::detail {

// Elements per 32-byte chunk of the scratch rows; every level uses the same chunks (two registers
// each on the 128-bit levels), so the choice of this path does not depend on the level.
template <class T>
inline constexpr index_t one_hot_lanes = 32 / sizeof(T);

// The path takes rows of d < (max_counted_vectors - 1) * one_hot_lanes + one_hot_lanes elements
// plus the count: d / one_hot_lanes + 1 <= max_counted_vectors chunks.
inline constexpr int max_counted_vectors = 8;

// The chunks of one scratch row for rows of `cols` elements (their count included), or 0 where
// such a row does not fit the path.
template <class T>
constexpr int counted_vectors(index_t cols) {
  const index_t vectors = cols / one_hot_lanes<T> + 1;
  return cols > 0 && vectors <= max_counted_vectors ? static_cast<int>(vectors) : 0;
}

// Elements of the scratch for `rows` output rows of `vectors` chunks each.
template <class T>
constexpr std::size_t counted_scratch_elements(index_t rows, int vectors) {
  return static_cast<std::size_t>(rows) * static_cast<std::size_t>(vectors) * one_hot_lanes<T>;
}

// Adds columns [j_lo, j_hi) of the one-hot A (row of column j: rows[j]) into out and, when
// row_sums.ptr is set, their counts into row_sums. `scratch` holds
// counted_scratch_elements<T>(out.rows, vectors) elements, 64-byte aligned, with vectors =
// counted_vectors<T>(x.cols) > 0. Requires unit column strides and x.row_stride >= x.cols.
void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const double> x, StridedMatrix<double> out,
                             StridedVector<double> row_sums, double* scratch, index_t j_lo, index_t j_hi);
void scatter_one_hot_counted(int vectors, const index_t* rows, StridedMatrix<const float> x, StridedMatrix<float> out,
                             StridedVector<float> row_sums, float* scratch, index_t j_lo, index_t j_hi);

}  // namespace einspan::sparse::detail
