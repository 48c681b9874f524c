#include "gemm.hpp"

// einsum decides about threads itself (run_gemm splits rows or batches across OpenMP threads
// only when the product is large): Eigen's own heuristic starts threads for products as small
// as 5000x26x26, which costs more than it saves, and far more on a loaded machine.
#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>

namespace einspan::detail {

namespace {

template <class T, int Order>
using MatrixMap = Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Order>, Eigen::Unaligned,
                             Eigen::OuterStride<>>;

template <class T, int AOrder, int BOrder>
void gemm_as(index_t m, index_t n, index_t k, const T* a, index_t a_outer, const T* b, index_t b_outer, T* c,
             index_t c_outer) {
  using Out = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, Eigen::Unaligned,
                         Eigen::OuterStride<>>;
  Out cm(c, m, n, Eigen::OuterStride<>(c_outer));
  const MatrixMap<T, AOrder> am(a, m, k, Eigen::OuterStride<>(a_outer));
  const MatrixMap<T, BOrder> bm(b, k, n, Eigen::OuterStride<>(b_outer));
  cm.noalias() = am * bm;
}

}  // namespace

template <class T>
void gemm(index_t m, index_t n, index_t k, const T* a, bool a_row_major, index_t a_outer, const T* b,
          bool b_row_major, index_t b_outer, T* c, index_t c_outer) {
  constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
  if (a_row_major && b_row_major) {
    gemm_as<T, R, R>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else if (a_row_major) {
    gemm_as<T, R, C>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else if (b_row_major) {
    gemm_as<T, C, R>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  } else {
    gemm_as<T, C, C>(m, n, k, a, a_outer, b, b_outer, c, c_outer);
  }
}

template void gemm<float>(index_t, index_t, index_t, const float*, bool, index_t, const float*, bool, index_t, float*,
                          index_t);
template void gemm<double>(index_t, index_t, index_t, const double*, bool, index_t, const double*, bool, index_t,
                           double*, index_t);

}  // namespace einspan::detail
