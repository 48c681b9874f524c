#include <einspan/sparse/matmul_argmin.hpp>

#include "matmul_argmin_kernel.hpp"
#include <einspan/tensor/error.hpp>

namespace einspan::sparse {

template <SparseElement T>
void matmul_argmin(const CsrMatrix<T>& a, const Tensor<T>& b, const Tensor<T>& bias, T alpha, index_t row_begin,
                   index_t row_end, std::span<std::int64_t> labels, std::span<T> minima) {
  if (b.ndim() != 2 || b.dim(0) != a.cols() || b.dim(1) < 1)
    throw ShapeError(fmt::format("matmul_argmin: B has shape {}, expected ({}, k) with k >= 1 for A of shape ({}, {})",
                                 format_shape(b.shape()), a.cols(), a.rows(), a.cols()));
  const index_t k = b.dim(1);
  if (bias.ndim() != 1 || bias.dim(0) != k)
    throw ShapeError(fmt::format("matmul_argmin: bias has shape {}, expected ({},)", format_shape(bias.shape()), k));
  if (!b.is_contiguous() || !bias.is_contiguous())
    throw ValueError("matmul_argmin: B and bias must be C-contiguous (use .contiguous())");
  if (row_begin < 0 || row_end < row_begin || row_end > a.rows())
    throw ValueError(fmt::format("matmul_argmin: rows [{}, {}) are not within the {} rows of A", row_begin, row_end,
                                 a.rows()));
  const auto m = static_cast<std::size_t>(row_end - row_begin);
  if (labels.size() != m || minima.size() != m)
    throw ShapeError(fmt::format("matmul_argmin: {} rows, but labels hold {} and minima {} values", m, labels.size(),
                                 minima.size()));
  detail::csr_matmul_argmin(a.indptr().data(), a.indices().data(), a.data().data(), b.data(), bias.data(), alpha, k,
                            row_begin, row_end, labels.data(), minima.data());
}

template void matmul_argmin(const CsrMatrix<float>&, const Tensor<float>&, const Tensor<float>&, float, index_t, index_t,
                            std::span<std::int64_t>, std::span<float>);
template void matmul_argmin(const CsrMatrix<double>&, const Tensor<double>&, const Tensor<double>&, double, index_t,
                            index_t, std::span<std::int64_t>, std::span<double>);

}  // namespace einspan::sparse
