#pragma once
// Zero-copy Eigen maps of 1-d and 2-d tensors. Not part of <einspan/tensor.hpp>: a consumer that
// includes this header needs Eigen (Debian's libeigen3-dev) and links Eigen3::Eigen, as
// einspan::einsum and einspan::sparse already do; the tensor module itself does not depend on it.
//
//   NumPy / Eigen wish                    einspan
//   Eigen::Map of a 1-d array             as_eigen_vector(v)       (any positive stride)
//   Eigen::Map of a 2-d array             as_eigen(m)              (any positive strides, row-major Map)
//   the same, unit stride along rows      as_eigen_row_major(m)    (a C-contiguous row layout; fastest)
//   the same, unit stride along columns   as_eigen_col_major(m)    (a.T() of a C-contiguous tensor)
//
// Every map aliases the tensor's buffer: writes through it are writes to the tensor, and it does
// not keep the buffer alive (keep a Tensor handle for as long as the map is used). Strides that
// Eigen cannot express (negative, from flip or a [::-1] slice, or zero, from broadcast_to) throw
// ValueError naming the shape and strides; write t.copy() to map a copy instead. Axes of length
// 0 or 1 accept any stride (it is never used).
#include <Eigen/Core>
#include <einspan/tensor/tensor.hpp>

namespace einspan {

template <Element T>
using EigenVectorMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>, Eigen::Unaligned, Eigen::InnerStride<Eigen::Dynamic>>;
template <Element T>
using EigenMatrixMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, Eigen::Unaligned,
                                  Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;
template <Element T>
using EigenRowMajorMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, Eigen::Unaligned,
                                    Eigen::OuterStride<Eigen::Dynamic>>;
template <Element T>
using EigenColMajorMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>, Eigen::Unaligned,
                                    Eigen::OuterStride<Eigen::Dynamic>>;

namespace detail {

[[noreturn]] void throw_eigen_layout(const char* what, std::size_t rank, const Layout& layout, const char* why);

// The stride of axis k as Eigen takes it: any positive value, or `natural` for an axis of length
// <= 1. Throws ValueError otherwise.
inline Eigen::Index eigen_stride(const char* what, const Layout& layout, std::size_t k, index_t natural) {
  if (layout.shape[k] <= 1) return natural;
  if (layout.strides[k] <= 0)
    throw_eigen_layout(what, layout.ndim(), layout,
                       "Eigen maps need positive strides (negative: a flipped view; zero: a broadcast one)");
  return layout.strides[k];
}

inline void check_eigen_rank(const char* what, const Layout& layout, std::size_t rank) {
  if (layout.ndim() != rank)
    throw ValueError(fmt::format("{}: expected a {}-d tensor, got shape {}", what, rank, format_shape(layout.shape)));
}

}  // namespace detail

// A map of the 1-d tensor v (no copy). Throws ValueError for another rank or a stride <= 0.
template <Element T>
EigenVectorMap<T> as_eigen_vector(const Tensor<T>& v) {
  detail::check_eigen_rank("as_eigen_vector", v.layout(), 1);
  const auto s = detail::eigen_stride("as_eigen_vector", v.layout(), 0, 1);
  return EigenVectorMap<T>(v.data(), v.shape()[0], Eigen::InnerStride<Eigen::Dynamic>(s));
}

// A row-major map of the 2-d tensor m with both strides as they are (no copy): m(i, j) is
// map(i, j). Works for any positive strides, including transposed views; Eigen vectorises only
// when the column stride is 1 (see as_eigen_row_major). Throws ValueError for another rank or a
// stride <= 0.
template <Element T>
EigenMatrixMap<T> as_eigen(const Tensor<T>& m) {
  detail::check_eigen_rank("as_eigen", m.layout(), 2);
  const auto col = detail::eigen_stride("as_eigen", m.layout(), 1, 1);
  const auto row = detail::eigen_stride("as_eigen", m.layout(), 0, m.shape()[1] * col);
  return EigenMatrixMap<T>(m.data(), m.shape()[0], m.shape()[1], Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(row, col));
}

// A row-major map with unit column stride (C-contiguous rows, any positive row stride: a
// C-contiguous matrix or a slice of its rows or columns). Throws ValueError otherwise.
template <Element T>
EigenRowMajorMap<T> as_eigen_row_major(const Tensor<T>& m) {
  detail::check_eigen_rank("as_eigen_row_major", m.layout(), 2);
  if (m.shape()[1] > 1 && m.strides()[1] != 1)
    detail::throw_eigen_layout("as_eigen_row_major", 2, m.layout(), "the column stride must be 1");
  const auto row = detail::eigen_stride("as_eigen_row_major", m.layout(), 0, m.shape()[1]);
  return EigenRowMajorMap<T>(m.data(), m.shape()[0], m.shape()[1], Eigen::OuterStride<Eigen::Dynamic>(row));
}

// A column-major map with unit row stride (Fortran-ordered columns: the transpose of a
// C-contiguous matrix). Throws ValueError otherwise.
template <Element T>
EigenColMajorMap<T> as_eigen_col_major(const Tensor<T>& m) {
  detail::check_eigen_rank("as_eigen_col_major", m.layout(), 2);
  if (m.shape()[0] > 1 && m.strides()[0] != 1)
    detail::throw_eigen_layout("as_eigen_col_major", 2, m.layout(), "the row stride must be 1");
  const auto col = detail::eigen_stride("as_eigen_col_major", m.layout(), 1, m.shape()[0]);
  return EigenColMajorMap<T>(m.data(), m.shape()[0], m.shape()[1], Eigen::OuterStride<Eigen::Dynamic>(col));
}

}  // namespace einspan
