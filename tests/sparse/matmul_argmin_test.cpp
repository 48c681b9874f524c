// matmul_argmin against a brute-force oracle: the dense scores bias + alpha * (A @ B) computed in
// long double from the triplets, their first minimum and its value. Small-integer values keep
// every score exact in float and double, so ties are real ties and the results compare with ==.
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/sparse/matmul_argmin.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <random>

#include "random_sparse.hpp"
#include "support/expect_error.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan_test::expect_error;

namespace {

template <class T>
class matmul_argmin_test : public ::testing::Test {};
using Types = ::testing::Types<float, double>;
TYPED_TEST_SUITE(matmul_argmin_test, Types);

// The CSR matrix of the triplets (rows, cols): the CSC of the transposed triplets.
template <class T>
CsrMatrix<T> csr_of(const test_support::Triplets<T>& t) {
  return CsrMatrix<T>::from_transposed_csc(CscMatrix<T>::from_triplets(t.values, t.c, t.r, {t.cols, t.rows}));
}

}  // namespace

TYPED_TEST(matmul_argmin_test, labels_and_minima_are_the_dense_scores_first_minimum) {
  using T = TypeParam;
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> small(-3, 3);
  // k around the vector widths (2 to 16 lanes), their tails, and past one and two panels of 8
  // registers (ties across panels); rows with no entry take bias's argmin.
  for (const index_t k : {1, 3, 4, 7, 8, 9, 16, 17, 40, 65, 130, 131}) {
    SCOPED_TRACE(k);
    const auto t = test_support::random_triplets<T>(rng, 60, 23, 0.2);
    const CsrMatrix<T> a = csr_of(t);
    Tensor<T> b = empty<T>({23, k}), bias = empty<T>({k});
    for (T& v : b) v = static_cast<T>(small(rng));
    for (T& v : bias) v = static_cast<T>(small(rng));
    const std::vector<T> dense = t.dense();
    for (const T alpha : {T(-2), T(1)}) {
      std::vector<std::int64_t> labels(40);
      std::vector<T> minima(40);
      matmul_argmin(a, b, bias, alpha, 10, 50, std::span(labels), std::span(minima));
      for (index_t i = 10; i < 50; ++i) {
        long double best = 0;
        index_t at = -1;
        for (index_t j = 0; j < k; ++j) {
          long double s = bias(j);
          for (index_t q = 0; q < 23; ++q) s += static_cast<long double>(alpha) * dense[i * 23 + q] * b(q, j);
          if (at < 0 || s < best) best = s, at = j;
        }
        ASSERT_EQ(labels[i - 10], at) << "row " << i;
        ASSERT_EQ(static_cast<long double>(minima[i - 10]), best) << "row " << i;
      }
    }
  }
}

TYPED_TEST(matmul_argmin_test, wrong_operands_are_typed_errors) {
  using T = TypeParam;
  const CsrMatrix<T> a({3, 4}, {T(1), T(2)}, {0, 3}, {0, 1, 1, 2});
  std::vector<std::int64_t> labels(3);
  std::vector<T> minima(3);
  const Tensor<T> b = zeros<T>({4, 5}), bias = zeros<T>({5});
  expect_error<ShapeError>([&] { matmul_argmin(a, zeros<T>({3, 5}), bias, T(1), 0, 3, std::span(labels), std::span(minima)); },
                           "B has shape (3, 5), expected (4, k)");
  expect_error<ShapeError>([&] { matmul_argmin(a, b, zeros<T>({4}), T(1), 0, 3, std::span(labels), std::span(minima)); },
                           "bias has shape (4,), expected (5,)");
  expect_error<ValueError>([&] { matmul_argmin(a, zeros<T>({5, 4}).T(), bias, T(1), 0, 3, std::span(labels), std::span(minima)); },
                           "C-contiguous");
  expect_error<ValueError>([&] { matmul_argmin(a, b, bias, T(1), 1, 4, std::span(labels), std::span(minima)); },
                           "rows [1, 4) are not within the 3 rows");
  expect_error<ShapeError>([&] { matmul_argmin(a, b, bias, T(1), 0, 2, std::span(labels), std::span(minima)); },
                           "2 rows, but labels hold 3");
}
