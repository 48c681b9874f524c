// Eigen interop: a zero-copy Eigen view of a CscMatrix, and CscMatrix built from Eigen matrices.
#include <Eigen/SparseCore>
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>

#include "random_sparse.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan::sparse::test_support::random_cases;
using einspan::sparse::test_support::random_triplets;
using einspan::sparse::test_support::values_of;

template <class T>
class eigen_interop : public ::testing::Test {};
using element_types_under_test = ::testing::Types<float, double>;
TYPED_TEST_SUITE(eigen_interop, element_types_under_test);

TYPED_TEST(eigen_interop, view_aliases_the_arrays_and_reads_the_same_matrix) {
  using T = TypeParam;
  std::mt19937_64 rng(31);
  for (const auto& c : random_cases()) {
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    const auto view = as_eigen(a);
    EXPECT_EQ(view.rows(), c.rows);
    EXPECT_EQ(view.cols(), c.cols);
    EXPECT_EQ(view.nonZeros(), a.nnz());
    // No copy: Eigen reads our buffers.
    EXPECT_EQ(view.outerIndexPtr(), a.indptr().data());
    EXPECT_EQ(view.innerIndexPtr(), a.indices().data());
    EXPECT_EQ(view.valuePtr(), a.data().data());
    // Eigen's own dense conversion against the oracle, element by element.
    const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> dense = Eigen::SparseMatrix<T>(view).toDense();
    const auto expected = t.dense();
    for (index_t i = 0; i < c.rows; ++i)
      for (index_t j = 0; j < c.cols; ++j) EXPECT_EQ(dense(i, j), expected[static_cast<std::size_t>(i * c.cols + j)]);
    // Round trip through Eigen.
    const auto back = from_eigen(view);
    EXPECT_EQ(values_of(back.to_dense()), expected);
    EXPECT_TRUE(back.has_canonical_format());
  }
}

TYPED_TEST(eigen_interop, from_eigen_built_with_set_from_triplets) {
  using T = TypeParam;
  // Eigen sums duplicates in setFromTriplets, as SciPy does.
  std::vector<Eigen::Triplet<T, index_t>> triplets{{2, 0, 1}, {0, 1, 4}, {2, 0, 2}, {1, 2, 5}};
  Eigen::SparseMatrix<T, Eigen::ColMajor, index_t> m(3, 3);
  m.setFromTriplets(triplets.begin(), triplets.end());
  const auto a = from_eigen(m);
  EXPECT_EQ(values_of(a.to_dense()), (std::vector<T>{0, 4, 0, 0, 0, 5, 3, 0, 0}));
  // Also from a row-major Eigen matrix with 32-bit indices, and from an expression.
  Eigen::SparseMatrix<T, Eigen::RowMajor, int> r = m;
  EXPECT_EQ(values_of(from_eigen(r).to_dense()), values_of(a.to_dense()));
  EXPECT_EQ(values_of(from_eigen(Eigen::SparseMatrix<T>(m.transpose())).to_dense()),
            values_of(a.transpose().to_dense()));
  EXPECT_EQ(values_of(from_eigen(m * T{2}).to_dense()), values_of((a * T{2}).to_dense()));
  // An uncompressed Eigen matrix (after insert) is compressed first.
  Eigen::SparseMatrix<T, Eigen::ColMajor, index_t> u(2, 2);
  u.insert(1, 1) = 3;
  u.insert(0, 1) = 2;
  EXPECT_FALSE(u.isCompressed());
  EXPECT_EQ(values_of(from_eigen(u).to_dense()), (std::vector<T>{0, 2, 0, 3}));
}

TYPED_TEST(eigen_interop, eigen_products_through_the_view) {
  using T = TypeParam;
  const std::vector<index_t> labels{1, 0, 2, 2, 1};
  const auto one_hot = one_hot_csc<T>(labels, 3);
  Eigen::Matrix<T, 5, 2> data;
  data << 1, 2, 8, 6, 2, 7, 4, 8, 16, 1;
  const Eigen::Matrix<T, 3, 2> sums = as_eigen(one_hot) * data;
  EXPECT_EQ(sums(0, 0), 8);
  EXPECT_EQ(sums(1, 0), 17);
  EXPECT_EQ(sums(2, 1), 15);
}

TYPED_TEST(eigen_interop, view_requires_canonical_form) {
  using T = TypeParam;
  CscMatrix<T> a({3, 1}, {1, 2}, {2, 0}, {0, 2});
  EXPECT_THROW(as_eigen(a), ValueError);
  a.sum_duplicates();
  EXPECT_EQ(as_eigen(a).nonZeros(), 2);
}
