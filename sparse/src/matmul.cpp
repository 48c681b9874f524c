// matmul between a CscMatrix and a dense Tensor: shape checks, views, and the X @ A kernel.
#include <einspan/sparse/detail/spmm.hpp>
#include <einspan/sparse/matmul.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/detail/parallel.hpp>

namespace einspan::sparse {

namespace {

using detail::StridedMatrix;

template <class T>
void check_rank(const Tensor<T>& x, const char* role) {
  if (x.ndim() != 1 && x.ndim() != 2)
    throw ShapeError(fmt::format("matmul: the dense {} must be 1-d or 2-d, got shape {}", role,
                                 format_shape(x.shape())));
}

// A vector (n,) on the given side reads as an (n, 1) column on the right, a (1, n) row on the left.
template <class T, class P>
StridedMatrix<P> as_matrix(const Tensor<T>& x, P* ptr, bool vector_is_column) {
  if (x.ndim() == 2) return {ptr, x.shape()[0], x.shape()[1], x.strides()[0], x.strides()[1]};
  if (vector_is_column) return {ptr, x.shape()[0], 1, x.strides()[0], 0};
  return {ptr, 1, x.shape()[0], 0, x.strides()[0]};
}

Dims result_shape(index_t rows, index_t cols, std::size_t dense_ndim, bool dense_on_right) {
  if (dense_ndim == 2) return {rows, cols};
  return {dense_on_right ? rows : cols};
}

template <class T>
void check_out(const Tensor<T>& out, const Tensor<T>& x, const Dims& expected) {
  if (out.shape() != expected)
    throw ShapeError(fmt::format("matmul: out has shape {}, expected {}", format_shape(out.shape()),
                                 format_shape(expected)));
  for (std::size_t i = 0; i < out.ndim(); ++i)
    if (out.strides()[i] == 0 && out.shape()[i] > 1)
      throw ValueError(fmt::format("matmul: out of shape {} has a zero stride (a broadcast view); it must be writable "
                                   "element by element",
                                   format_shape(out.shape())));
  if (may_share_memory(out, x)) throw ValueError("matmul: out shares memory with the dense operand");
}

std::string shapes_not_aligned(std::span<const index_t> a, std::span<const index_t> b, std::size_t a_dim,
                               std::size_t b_dim) {
  return fmt::format("matmul: shapes {} and {} not aligned: {} (dim {}) != {} (dim {})", format_shape(a),
                     format_shape(b), a[a_dim], a_dim, b[b_dim], b_dim);
}

// out = x @ A: out[i, j] = sum over column j of A of data[p] * x[i, indices[p]].
template <class T>
void dense_times_csc(StridedMatrix<const T> x, const CscMatrix<T>& a, StridedMatrix<T> out) {
  const index_t* indptr = a.indptr().data();
  const index_t* indices = a.indices().data();
  const T* data = a.data().data();
  const auto column_dot = [&](index_t i, index_t j) {
    const T* xrow = x.ptr + i * x.row_stride;
    T acc{0};
    for (index_t p = indptr[j]; p < indptr[j + 1]; ++p) acc += data[p] * xrow[indices[p] * x.col_stride];
    out.ptr[i * out.row_stride + j * out.col_stride] = acc;
  };
  // Every output element has one writer either way; split the longer of the two output axes.
  const int threads = einspan::detail::parallel_threads(x.rows * a.nnz(), std::max(x.rows, a.cols()));
  if (x.rows >= a.cols()) {
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (index_t i = 0; i < x.rows; ++i)
      for (index_t j = 0; j < a.cols(); ++j) column_dot(i, j);
  } else {
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (index_t j = 0; j < a.cols(); ++j)
      for (index_t i = 0; i < x.rows; ++i) column_dot(i, j);
  }
}

}  // namespace

template <SparseElement T>
void matmul(const CscMatrix<T>& a, const Tensor<T>& x, const Tensor<T>& out) {
  check_rank(x, "right operand");
  if (x.shape()[0] != a.cols()) {
    const Shape2 as = a.shape();
    throw ShapeError(shapes_not_aligned(as, x.shape(), 1, 0));
  }
  check_out(out, x, result_shape(a.rows(), x.ndim() == 2 ? x.shape()[1] : 1, x.ndim(), true));
  detail::spmm_csc_dense(a, as_matrix<T, const T>(x, x.data(), true), as_matrix<T, T>(out, out.data(), true));
}

template <SparseElement T>
void matmul_with_row_sums(const CscMatrix<T>& a, const Tensor<T>& x, const Tensor<T>& out, const Tensor<T>& row_sums) {
  check_rank(x, "right operand");
  if (x.shape()[0] != a.cols()) {
    const Shape2 as = a.shape();
    throw ShapeError(shapes_not_aligned(as, x.shape(), 1, 0));
  }
  check_out(out, x, result_shape(a.rows(), x.ndim() == 2 ? x.shape()[1] : 1, x.ndim(), true));
  if (row_sums.shape() != Dims{a.rows()})
    throw ShapeError(fmt::format("matmul_with_row_sums: row_sums has shape {}, expected ({},)",
                                 format_shape(row_sums.shape()), a.rows()));
  if (row_sums.size() > 1 && row_sums.strides()[0] == 0)
    throw ValueError("matmul_with_row_sums: row_sums is a broadcast view (zero stride); it must be writable");
  if (may_share_memory(row_sums, x) || may_share_memory(row_sums, out))
    throw ValueError("matmul_with_row_sums: row_sums shares memory with the dense operand or with out");
  detail::spmm_csc_dense(a, as_matrix<T, const T>(x, x.data(), true), as_matrix<T, T>(out, out.data(), true),
                         detail::SpmmSchedule::automatic, {row_sums.data(), row_sums.strides()[0]});
}

template <SparseElement T>
void reserve_matmul_scratch(index_t rows, index_t cols) {
  if (rows < 0 || cols < 0)
    throw ValueError(fmt::format("reserve_matmul_scratch: sizes must be non-negative, got {} rows and {} columns", rows,
                                 cols));
  detail::reserve_spmm_scratch<T>(rows, cols);
}

template <SparseElement T>
Tensor<T> matmul(const CscMatrix<T>& a, const Tensor<T>& x) {
  check_rank(x, "right operand");
  if (x.shape()[0] != a.cols()) {
    const Shape2 as = a.shape();
    throw ShapeError(shapes_not_aligned(as, x.shape(), 1, 0));
  }
  Tensor<T> out = empty<T>(result_shape(a.rows(), x.ndim() == 2 ? x.shape()[1] : 1, x.ndim(), true));
  matmul(a, x, out);
  return out;
}

template <SparseElement T>
void matmul(const Tensor<T>& x, const CscMatrix<T>& a, const Tensor<T>& out) {
  check_rank(x, "left operand");
  const std::size_t inner = x.ndim() - 1;
  if (x.shape()[inner] != a.rows()) {
    const Shape2 as = a.shape();
    throw ShapeError(shapes_not_aligned(x.shape(), as, inner, 0));
  }
  check_out(out, x, result_shape(x.ndim() == 2 ? x.shape()[0] : 1, a.cols(), x.ndim(), false));
  dense_times_csc(as_matrix<T, const T>(x, x.data(), false), a, as_matrix<T, T>(out, out.data(), false));
}

template <SparseElement T>
Tensor<T> matmul(const Tensor<T>& x, const CscMatrix<T>& a) {
  check_rank(x, "left operand");
  const std::size_t inner = x.ndim() - 1;
  if (x.shape()[inner] != a.rows()) {
    const Shape2 as = a.shape();
    throw ShapeError(shapes_not_aligned(x.shape(), as, inner, 0));
  }
  Tensor<T> out = empty<T>(result_shape(x.ndim() == 2 ? x.shape()[0] : 1, a.cols(), x.ndim(), false));
  matmul(x, a, out);
  return out;
}

#define EINSPAN_SPARSE_INSTANTIATE_MATMUL(T)                                   \
  template Tensor<T> matmul<T>(const CscMatrix<T>&, const Tensor<T>&);         \
  template Tensor<T> matmul<T>(const Tensor<T>&, const CscMatrix<T>&);         \
  template void matmul<T>(const CscMatrix<T>&, const Tensor<T>&, const Tensor<T>&); \
  template void matmul<T>(const Tensor<T>&, const CscMatrix<T>&, const Tensor<T>&);     \
  template void matmul_with_row_sums<T>(const CscMatrix<T>&, const Tensor<T>&, const Tensor<T>&, const Tensor<T>&); \
  template void reserve_matmul_scratch<T>(index_t, index_t);
EINSPAN_SPARSE_INSTANTIATE_MATMUL(float)
EINSPAN_SPARSE_INSTANTIATE_MATMUL(double)
#undef EINSPAN_SPARSE_INSTANTIATE_MATMUL

}  // namespace einspan::sparse
