#pragma once
// The rows k-means reads: a dense (n, d) tensor or a CSR matrix, through the few operations that
// the initialisations and the model functions need, so that one implementation serves both.
#include <algorithm>
#include <einspan/einsum.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/tensor.hpp>

namespace einspan::kmeans_detail {

// Rows per block of the CSR fit's assignment and of the CSR model functions: enough to amortise a
// block's scheduling, few enough that the blocks balance over the threads.
inline constexpr index_t sparse_block_rows = 1024;

template <class Rows>
struct rows_element;
template <class T>
struct rows_element<Tensor<T>> {
  using type = T;
};
template <class T>
struct rows_element<sparse::CsrMatrix<T>> {
  using type = T;
};
template <class Rows>
using rows_element_t = typename rows_element<Rows>::type;

template <class T>
index_t row_count(const Tensor<T>& x) {
  return x.dim(0);
}
template <class T>
index_t row_count(const sparse::CsrMatrix<T>& x) {
  return x.rows();
}
template <class T>
index_t feature_count(const Tensor<T>& x) {
  return x.dim(1);
}
template <class T>
index_t feature_count(const sparse::CsrMatrix<T>& x) {
  return x.cols();
}

// ||x_i||^2 for the rows [begin, end).
template <class T>
Tensor<T> squared_row_norms(const Tensor<T>& x, index_t begin, index_t end) {
  const Tensor<T> rows = x[{slice(begin, end)}];
  return einsum("md,md->m", rows, rows);
}
template <class T>
Tensor<T> squared_row_norms(const sparse::CsrMatrix<T>& x, index_t begin, index_t end) {
  Tensor<T> out = zeros<T>({end - begin});
  const auto indptr = x.indptr();
  const auto data = x.data();
  for (index_t i = begin; i < end; ++i)
    for (index_t p = indptr[i]; p < indptr[i + 1]; ++p) out(i - begin) += data[p] * data[p];
  return out;
}

// x_i . c_j for the rows [begin, end) and the rows of cands (c, d): an (end - begin, c) tensor.
template <class T>
Tensor<T> row_dots(const Tensor<T>& x, index_t begin, index_t end, const Tensor<T>& cands) {
  return einsum("md,cd->mc", x[{slice(begin, end)}], cands);
}
template <class T>
Tensor<T> row_dots(const sparse::CsrMatrix<T>& x, index_t begin, index_t end, const Tensor<T>& cands) {
  // cands @ X[begin:end].T through the CSC form of X.T, whose columns are X's rows.
  return sparse::matmul(cands, x.transposed_csc().columns(slice(begin, end))).T();
}

// out (d,) = row `row` of x.
template <class T>
void copy_row(const Tensor<T>& x, index_t row, const Tensor<T>& out) {
  out.assign(x[row]);
}
template <class T>
void copy_row(const sparse::CsrMatrix<T>& x, index_t row, const Tensor<T>& out) {
  out.fill(T{0});
  const auto indptr = x.indptr();
  for (index_t p = indptr[row]; p < indptr[row + 1]; ++p) out(x.indices()[p]) += x.data()[p];
}

// ||x_i - c||^2 for row i of a CSR matrix and a dense row c (d,) with ||c||^2 = c_norm, computed
// from the differences: c_norm + sum over the row's entries of (x - c)^2 - c^2 (scikit-learn's
// _euclidean_sparse_dense), in double, clipped at 0. The row must have no duplicate columns.
template <class T>
double squared_distance(const sparse::CsrMatrix<T>& x, index_t i, const T* c, double c_norm) {
  double total = c_norm;
  for (index_t p = x.indptr()[i]; p < x.indptr()[i + 1]; ++p) {
    const double cq = c[x.indices()[p]], diff = static_cast<double>(x.data()[p]) - cq;
    total += diff * diff - cq * cq;
  }
  return std::max(0.0, total);
}

}  // namespace einspan::kmeans_detail
