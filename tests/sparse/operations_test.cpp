// Operations on CscMatrix against a dense oracle computed from the triplets: transpose, tocsr,
// sum_duplicates, eliminate_zeros, column slicing, sums and scaling.
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>

#include "random_sparse.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan::sparse::test_support::random_cases;
using einspan::sparse::test_support::random_triplets;
using einspan::sparse::test_support::tensor_of;
using einspan::sparse::test_support::values_of;

namespace {

template <class T>
std::vector<T> vec(std::span<const T> s) {
  return std::vector<T>(s.begin(), s.end());
}

// A rows x cols row-major matrix transposed, by index arithmetic.
template <class T>
std::vector<T> transposed(const std::vector<T>& m, index_t rows, index_t cols) {
  std::vector<T> out(m.size());
  for (index_t i = 0; i < rows; ++i)
    for (index_t j = 0; j < cols; ++j) out[static_cast<std::size_t>(j * rows + i)] = m[static_cast<std::size_t>(i * cols + j)];
  return out;
}

// A raw, non-canonical CSC built from the triplets: sorted by column, rows in input order.
template <class T>
CscMatrix<T> raw_from(const test_support::Triplets<T>& t) {
  std::vector<index_t> indptr(static_cast<std::size_t>(t.cols) + 1, 0), indices;
  std::vector<T> data;
  for (index_t j = 0; j < t.cols; ++j) {
    for (std::size_t p = 0; p < t.values.size(); ++p) {
      if (t.c[p] != j) continue;
      indices.push_back(t.r[p]);
      data.push_back(t.values[p]);
    }
    indptr[static_cast<std::size_t>(j) + 1] = static_cast<index_t>(indices.size());
  }
  return CscMatrix<T>({t.rows, t.cols}, std::move(data), std::move(indices), std::move(indptr));
}

}  // namespace

template <class T>
class operations : public ::testing::Test {};
using element_types_under_test = ::testing::Types<float, double>;
TYPED_TEST_SUITE(operations, element_types_under_test);

TYPED_TEST(operations, transpose_and_tocsr_against_the_oracle) {
  using T = TypeParam;
  std::mt19937_64 rng(11);
  for (const auto& c : random_cases()) {
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    const auto at = a.transpose();
    EXPECT_EQ(at.shape(), (Shape2{c.cols, c.rows}));
    EXPECT_TRUE(at.has_canonical_format());
    EXPECT_EQ(values_of(at.to_dense()), transposed(t.dense(), c.rows, c.cols));
    const auto csr = a.tocsr();
    EXPECT_EQ(csr.shape(), a.shape());
    EXPECT_EQ(values_of(csr.to_dense()), t.dense());
    EXPECT_TRUE(csr.has_canonical_format());
    // CSR arrays, checked entry by entry: row i holds columns indices[p] for p in its range.
    for (index_t i = 0; i < c.rows; ++i)
      for (index_t p = csr.indptr()[i]; p < csr.indptr()[i + 1]; ++p)
        EXPECT_EQ(csr.data()[p], t.dense()[static_cast<std::size_t>(i * c.cols + csr.indices()[p])]);
    const auto back = csr.tocsc();
    EXPECT_EQ(vec(back.indptr()), vec(a.indptr()));
    EXPECT_EQ(vec(back.indices()), vec(a.indices()));
    EXPECT_EQ(vec(back.data()), vec(a.data()));
  }
}

TYPED_TEST(operations, sum_duplicates_makes_raw_arrays_canonical) {
  using T = TypeParam;
  std::mt19937_64 rng(12);
  for (const auto& c : random_cases()) {
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    auto a = raw_from(t);
    EXPECT_EQ(a.nnz(), static_cast<index_t>(t.values.size()));
    EXPECT_EQ(values_of(a.to_dense()), t.dense());
    a.sum_duplicates();
    EXPECT_TRUE(a.has_canonical_format());
    a.check_format();
    EXPECT_EQ(values_of(a.to_dense()), t.dense());
    const auto b = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    EXPECT_EQ(vec(a.indptr()), vec(b.indptr()));
    EXPECT_EQ(vec(a.indices()), vec(b.indices()));
  }
}

TYPED_TEST(operations, sum_duplicates_keeps_cancelled_sums_and_eliminate_zeros_drops_them) {
  using T = TypeParam;
  // Column 0: rows [2, 0, 2] with values [3, 1, -3]; column 1: an explicit zero at row 1.
  CscMatrix<T> a({3, 2}, {3, 1, -3, 0}, {2, 0, 2, 1}, {0, 3, 4});
  a.sum_duplicates();
  EXPECT_EQ(vec(a.indptr()), (std::vector<index_t>{0, 2, 3}));
  EXPECT_EQ(vec(a.indices()), (std::vector<index_t>{0, 2, 1}));
  EXPECT_EQ(vec(std::span<const T>(a.data())), (std::vector<T>{1, 0, 0}));
  a.eliminate_zeros();
  EXPECT_EQ(vec(a.indptr()), (std::vector<index_t>{0, 1, 1}));
  EXPECT_EQ(vec(a.indices()), (std::vector<index_t>{0}));
  a.check_format();
  // NaN is not zero.
  CscMatrix<T> n({1, 1}, {std::numeric_limits<T>::quiet_NaN()}, {0}, {0, 1});
  n.eliminate_zeros();
  EXPECT_EQ(n.nnz(), 1);
}

TYPED_TEST(operations, column_slices_match_the_oracle) {
  using T = TypeParam;
  std::mt19937_64 rng(13);
  const std::vector<Slice> slices = {slice(_, _), slice(1, 4), slice(_, _, 2), slice(_, _, -1), slice(-3, _),
                                     slice(5, 2, -2), slice(3, 3), slice(100, 200)};
  for (const auto& c : random_cases()) {
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    const Tensor<T> dense = tensor_of(t.dense(), c.rows, c.cols);
    for (const Slice& s : slices) {
      SCOPED_TRACE(fmt::format("shape ({}, {}) slice {}:{}:{}", c.rows, c.cols, s.start.value_or(-999),
                               s.stop.value_or(-999), s.step));
      const auto sub = a.columns(s);
      const Tensor<T> expected = dense[{_, s}];  // einspan's dense slicing, itself tested against NumPy's rules
      EXPECT_EQ(sub.shape(), (Shape2{expected.shape()[0], expected.shape()[1]}));
      EXPECT_EQ(values_of(sub.to_dense()), values_of(expected));
      EXPECT_TRUE(sub.has_canonical_format());
    }
  }
  EXPECT_THROW(CscMatrix<T>({2, 2}).columns(slice(_, _, 0)), ValueError);
}

TYPED_TEST(operations, sums_and_scaling_match_the_oracle) {
  using T = TypeParam;
  std::mt19937_64 rng(14);
  for (const auto& c : random_cases()) {
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    const auto dense = t.dense();
    std::vector<T> col_sums(static_cast<std::size_t>(c.cols), 0), row_sums(static_cast<std::size_t>(c.rows), 0);
    T total = 0;
    for (index_t i = 0; i < c.rows; ++i)
      for (index_t j = 0; j < c.cols; ++j) {
        const T x = dense[static_cast<std::size_t>(i * c.cols + j)];
        col_sums[static_cast<std::size_t>(j)] += x;
        row_sums[static_cast<std::size_t>(i)] += x;
        total += x;
      }
    EXPECT_EQ(a.sum(), total);
    EXPECT_EQ(values_of(a.sum(0)), col_sums);
    EXPECT_EQ(values_of(a.sum(1)), row_sums);
    EXPECT_EQ(values_of(a.sum(-1)), row_sums);
    EXPECT_EQ(a.sum(0).shape(), (Dims{c.cols}));

    std::vector<T> scaled = dense;
    for (T& x : scaled) x *= T{3};
    EXPECT_EQ(values_of((a * T{3}).to_dense()), scaled);
    EXPECT_EQ(values_of((T{3} * a).to_dense()), scaled);
    EXPECT_EQ(values_of(((a * T{3}) / T{3}).to_dense()), dense);
    auto b = a;
    b *= T{3};
    EXPECT_EQ(values_of(b.to_dense()), scaled);
    EXPECT_EQ(values_of(a.to_dense()), dense);  // a CscMatrix is a value: b was a copy
  }
  EXPECT_THROW(CscMatrix<T>({2, 2}).sum(2), AxisError);
}

TYPED_TEST(operations, data_is_writable_in_place) {
  using T = TypeParam;
  auto a = CscMatrix<T>::identity(3);
  for (T& x : a.data()) x = 7;
  EXPECT_EQ(values_of(a.to_dense()), (std::vector<T>{7, 0, 0, 0, 7, 0, 0, 0, 7}));
}

TYPED_TEST(operations, csr_raw_arrays_are_checked) {
  using T = TypeParam;
  // [[1, 0, 2], [0, 0, 3]] in CSR
  const CsrMatrix<T> m({2, 3}, {1, 2, 3}, {0, 2, 2}, {0, 2, 3});
  EXPECT_EQ(values_of(m.to_dense()), (std::vector<T>{1, 0, 2, 0, 0, 3}));
  EXPECT_EQ(values_of(m.tocsc().to_dense()), (std::vector<T>{1, 0, 2, 0, 0, 3}));
  EXPECT_THROW((CsrMatrix<T>({2, 3}, {1}, {3}, {0, 1, 1})), IndexError);
  EXPECT_THROW((CsrMatrix<T>({2, 3}, {1}, {0}, {0, 1, 1, 1})), ValueError);
}
