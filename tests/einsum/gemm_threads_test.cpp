// GEMM steps large enough (m n k times the batch >= 2^20 multiply-adds) to run on several threads:
// a broadcast batch of products split across threads, one small-GEMM product cut into many row
// blocks, and one general product cut into one row block per thread. Each against plain loops; the operands
// hold small integers, so every sum is exact and the results must be equal, not close.
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>

using namespace einspan;

namespace {

Tensor<double> integers(const Dims& shape, index_t seed) {
  Tensor<double> t = empty<double>(shape);
  for (index_t i = 0; i < t.size(); ++i) t.data()[i] = static_cast<double>((i * 7 + seed) % 11) - 5;
  return t;
}

// The sum over p < k of a(p) * b(p): one element of a product, from a row of A and a column of B.
template <class A, class B>
double dot(index_t k, A&& a, B&& b) {
  double s = 0;
  for (index_t p = 0; p < k; ++p) s += a(p) * b(p);
  return s;
}

}  // namespace

TEST(einsum_gemm_threads, broadcast_batch_of_products) {
  // The suite's ellipsis spec: 32 products of 64x32 @ 32x48 (3.1M multiply-adds), A broadcast
  // along the second batch dimension and B along the first.
  const Tensor<double> a = integers({4, 1, 64, 32}, 1), b = integers({1, 8, 32, 48}, 2);
  const auto c = einsum("...ij,...jk->...ik", a, b);
  ASSERT_EQ(c.shape(), (Dims{4, 8, 64, 48}));
  const double* pc = c.data();
  index_t wrong = 0;
  for (index_t x = 0; x < 4; ++x)
    for (index_t y = 0; y < 8; ++y)
      for (index_t i = 0; i < 64; ++i)
        for (index_t j = 0; j < 48; ++j) {
          const double want = dot(
              32, [&](index_t p) { return a.data()[(x * 64 + i) * 32 + p]; },
              [&](index_t p) { return b.data()[(y * 32 + p) * 48 + j]; });
          wrong += pc[((x * 8 + y) * 64 + i) * 48 + j] != want;
        }
  EXPECT_EQ(wrong, 0);
}

TEST(einsum_gemm_threads, small_gemm_product_in_row_blocks) {
  // Few columns and a short contraction (the small-GEMM path), enough rows for several row
  // blocks of uneven length: 2003 x 26 @ 26 x 29, B transposed as in k-means' 'nd,kd->nk'.
  const index_t m = 2003, d = 26, n = 29;
  const Tensor<double> x = integers({m, d}, 3), c = integers({n, d}, 4);
  const auto out = einsum("nd,kd->nk", x, c);
  ASSERT_EQ(out.shape(), (Dims{m, n}));
  index_t wrong = 0;
  for (index_t i = 0; i < m; ++i)
    for (index_t j = 0; j < n; ++j) {
      const double want = dot(
          d, [&](index_t p) { return x.data()[i * d + p]; }, [&](index_t p) { return c.data()[j * d + p]; });
      wrong += out.data()[i * n + j] != want;
    }
  EXPECT_EQ(wrong, 0);
}

TEST(einsum_gemm_threads, one_large_product_into_a_strided_out) {
  // Too wide for the small path (OpenBLAS or Eigen per row block), written through the plan into
  // a column-major output: computed as C^T = B^T A^T, whose left operand B^T is column-major, so
  // each block's row offset is applied along a column-major operand.
  const index_t m = 150, k = 97, n = 131;
  const Tensor<double> a = integers({k, m}, 5).T(), b = integers({k, n}, 6);
  const Tensor<double> out = zeros<double>({n, m}).T();
  EinsumPlan<double> plan("ij,jk->ik", a, b);
  plan(out, a, b);
  index_t wrong = 0;
  for (index_t i = 0; i < m; ++i)
    for (index_t j = 0; j < n; ++j) {
      const double want = dot(
          k, [&](index_t p) { return a.data()[p * m + i]; }, [&](index_t p) { return b.data()[p * n + j]; });
      wrong += out(i, j) != want;
    }
  EXPECT_EQ(wrong, 0);
}
