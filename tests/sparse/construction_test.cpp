// Building a CscMatrix: triplets, dense, raw arrays, identity, one-hot; and every construction error.
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>

#include "support/expect_error.hpp"

#include "random_sparse.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan::sparse::test_support::random_cases;
using einspan::sparse::test_support::random_triplets;
using einspan::sparse::test_support::values_of;

using einspan_test::expect_error;

namespace {

template <class T>
std::vector<T> vec(std::span<const T> s) {
  return std::vector<T>(s.begin(), s.end());
}

}  // namespace

template <class T>
class construction : public ::testing::Test {};
using element_types_under_test = ::testing::Types<float, double>;
TYPED_TEST_SUITE(construction, element_types_under_test);

TYPED_TEST(construction, triplets_match_scipy_arrays_with_duplicates_summed) {
  using T = TypeParam;
  // scipy.sparse.csc_matrix(([1, 2, 3, 4, 5], ([2, 0, 2, 1, 2], [0, 0, 0, 2, 1])), shape=(3, 4)):
  // indptr [0 2 3 4 4], indices [0 2 2 1], data [2 4 5 4]
  const std::vector<T> values{1, 2, 3, 4, 5};
  const std::vector<index_t> rows{2, 0, 2, 1, 2}, cols{0, 0, 0, 2, 1};
  const auto a = CscMatrix<T>::from_triplets(values, rows, cols, {3, 4});
  EXPECT_EQ(a.shape(), (Shape2{3, 4}));
  EXPECT_EQ(a.nnz(), 4);
  EXPECT_EQ(vec(a.indptr()), (std::vector<index_t>{0, 2, 3, 4, 4}));
  EXPECT_EQ(vec(a.indices()), (std::vector<index_t>{0, 2, 2, 1}));
  EXPECT_EQ(vec(a.data()), (std::vector<T>{2, 4, 5, 4}));
  EXPECT_TRUE(a.has_canonical_format());
  a.check_format();
}

TYPED_TEST(construction, triplets_infer_the_shape_and_keep_explicit_zeros) {
  using T = TypeParam;
  const std::vector<T> values{0, 7};
  const std::vector<index_t> rows{4, 1}, cols{0, 2};
  const auto a = CscMatrix<T>::from_triplets(values, rows, cols);
  EXPECT_EQ(a.shape(), (Shape2{5, 3}));
  EXPECT_EQ(a.nnz(), 2);  // SciPy keeps the explicit zero too
  EXPECT_EQ(vec(a.indices()), (std::vector<index_t>{4, 1}));
}

TYPED_TEST(construction, random_triplets_against_the_dense_oracle) {
  using T = TypeParam;
  std::mt19937_64 rng(5);
  for (const auto& c : random_cases()) {
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    EXPECT_TRUE(a.has_canonical_format());
    EXPECT_EQ(values_of(a.to_dense()), t.dense());
    // from_dense stores exactly the nonzeros of the oracle, column by column.
    const auto b = CscMatrix<T>::from_dense(a.to_dense());
    const auto dense = t.dense();
    EXPECT_EQ(b.nnz(), static_cast<index_t>(std::count_if(dense.begin(), dense.end(), [](T x) { return x != 0; })));
    EXPECT_EQ(values_of(b.to_dense()), dense);
    EXPECT_TRUE(b.has_canonical_format());
  }
}

TYPED_TEST(construction, from_dense_reads_any_strides) {
  using T = TypeParam;
  // m = [[0, 1, 2], [3, 0, 5]]; its transpose view [[0, 3], [1, 0], [2, 5]] is not contiguous.
  const Tensor<T> m{{0, 1, 2}, {3, 0, 5}};
  const auto a = CscMatrix<T>::from_dense(m.T());
  EXPECT_EQ(a.shape(), (Shape2{3, 2}));
  EXPECT_EQ(vec(a.indptr()), (std::vector<index_t>{0, 2, 4}));
  EXPECT_EQ(vec(a.indices()), (std::vector<index_t>{1, 2, 0, 2}));
  EXPECT_EQ(vec(a.data()), (std::vector<T>{1, 2, 3, 5}));
  // A reversed, strided 1-d view becomes one row: m[1, ::-2] = [5, 3].
  const auto row = CscMatrix<T>::from_dense(m[{1, slice(_, _, -2)}]);
  EXPECT_EQ(row.shape(), (Shape2{1, 2}));
  EXPECT_EQ(vec(row.data()), (std::vector<T>{5, 3}));
}

TYPED_TEST(construction, raw_arrays_are_taken_as_given) {
  using T = TypeParam;
  // Unsorted rows and a duplicate are legal CSC, just not canonical (as in SciPy).
  const CscMatrix<T> a({3, 2}, {1, 2, 4}, {2, 0, 2}, {0, 3, 3});
  EXPECT_FALSE(a.has_canonical_format());
  EXPECT_FALSE(a.has_sorted_indices());
  EXPECT_EQ(values_of(a.to_dense()), (std::vector<T>{2, 0, 0, 0, 5, 0}));
  const CscMatrix<T> b({3, 2}, {1, 2}, {0, 0}, {0, 2, 2});
  EXPECT_TRUE(b.has_sorted_indices());
  EXPECT_FALSE(b.has_canonical_format());
}

TYPED_TEST(construction, identity_and_empty) {
  using T = TypeParam;
  const auto i = CscMatrix<T>::identity(4);
  EXPECT_EQ(values_of(i.to_dense()), values_of(eye<T>(4)));
  EXPECT_EQ(CscMatrix<T>::identity(0).shape(), (Shape2{0, 0}));
  const CscMatrix<T> z({3, 5});
  EXPECT_EQ(z.nnz(), 0);
  EXPECT_EQ(vec(z.indptr()), (std::vector<index_t>(6, 0)));
  EXPECT_EQ(values_of(z.to_dense()), (std::vector<T>(15, 0)));
  EXPECT_EQ(CscMatrix<T>().shape(), (Shape2{0, 0}));
}

TYPED_TEST(construction, one_hot_is_the_scipy_one_hot_matrix) {
  using T = TypeParam;
  // csc_matrix((np.ones(5), ([1, 0, 2, 2, 1], np.arange(5))), shape=(3, 5)).toarray()
  const std::vector<index_t> labels{1, 0, 2, 2, 1};
  const auto a = one_hot_csc<T>(labels, 3);
  EXPECT_EQ(values_of(a.to_dense()), (std::vector<T>{0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0}));
  EXPECT_TRUE(a.has_canonical_format());
  a.check_format();
  // The same as the general triplet constructor builds.
  const std::vector<T> ones(5, T{1});
  const std::vector<index_t> cols{0, 1, 2, 3, 4};
  const auto b = CscMatrix<T>::from_triplets(ones, labels, cols, {3, 5});
  EXPECT_EQ(vec(a.indptr()), vec(b.indptr()));
  EXPECT_EQ(vec(a.indices()), vec(b.indices()));
  // From a strided tensor view: labels[::-1] = [1, 2, 2, 0, 1].
  const Tensor<index_t> lt{1, 0, 2, 2, 1};
  EXPECT_EQ(vec(one_hot_csc<T>(lt[{slice(_, _, -1)}], 3).indices()), (std::vector<index_t>{1, 2, 2, 0, 1}));
  // Rebuilding in place with other labels.
  auto c = a;
  const std::vector<index_t> fewer{0, 0};
  c.assign_one_hot(fewer, 2);
  EXPECT_EQ(values_of(c.to_dense()), (std::vector<T>{1, 1, 0, 0}));
  EXPECT_EQ(one_hot_csc<T>(std::span<const index_t>{}, 4).shape(), (Shape2{4, 0}));
}

TYPED_TEST(construction, is_one_hot_is_remembered_and_forgotten) {
  using T = TypeParam;
  const std::vector<index_t> labels{1, 0, 2, 2, 1};
  auto a = one_hot_csc<T>(labels, 3);
  EXPECT_TRUE(a.is_one_hot());
  EXPECT_TRUE(CscMatrix<T>::identity(3).is_one_hot());
  const auto copy = a;
  EXPECT_TRUE(copy.is_one_hot());
  // The same matrix from triplets is not known to be one-hot (no scan).
  const std::vector<T> ones(5, T{1});
  const std::vector<index_t> cols{0, 1, 2, 3, 4};
  EXPECT_FALSE(CscMatrix<T>::from_triplets(ones, labels, cols, {3, 5}).is_one_hot());
  EXPECT_FALSE((a * T{1}).is_one_hot());
  EXPECT_FALSE((a / T{2}).is_one_hot());
  a.data()[0] = T{4};  // a writable span forgets it; entry 0 is (label 1, column 0)
  EXPECT_FALSE(a.is_one_hot());
  EXPECT_TRUE(copy.is_one_hot());
  EXPECT_EQ(values_of(a.to_dense()), (std::vector<T>{0, 1, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 1, 1, 0}));
}

TYPED_TEST(construction, assign_one_hot_rebuilds_in_place_growing_and_shrinking) {
  using T = TypeParam;
  // Oracle: SciPy's csc_matrix((ones(n), (labels, arange(n))), shape=(k, n)) arrays are
  // indptr = 0..n, indices = labels, data = ones.
  const auto expect_one_hot = [](const CscMatrix<T>& m, const std::vector<index_t>& labels, index_t k) {
    const auto n = static_cast<index_t>(labels.size());
    EXPECT_EQ(m.shape(), (Shape2{k, n}));
    std::vector<index_t> indptr;
    for (index_t j = 0; j <= n; ++j) indptr.push_back(j);
    EXPECT_EQ(vec(m.indptr()), indptr);
    EXPECT_EQ(vec(m.indices()), labels);
    EXPECT_EQ(vec(m.data()), std::vector<T>(labels.size(), T{1}));
    EXPECT_TRUE(m.is_one_hot());
    m.check_format();
  };
  // Start from a matrix whose values are not ones and whose indptr is not 0..n.
  CscMatrix<T> m({2, 3}, {T{5}, T{6}, T{7}, T{8}}, {0, 1, 0, 1}, {0, 2, 2, 4});
  std::mt19937_64 rng(3);
  for (const std::size_t n : {std::size_t{4}, std::size_t{9}, std::size_t{2}, std::size_t{0}, std::size_t{7},
                              std::size_t{7}, std::size_t{30}}) {
    const index_t k = 1 + static_cast<index_t>(n % 5);
    std::uniform_int_distribution<index_t> label(0, k - 1);
    std::vector<index_t> labels(n);
    for (auto& l : labels) l = label(rng);
    SCOPED_TRACE(fmt::format("n {} k {}", n, k));
    m.assign_one_hot(labels, k);
    expect_one_hot(m, labels, k);
  }
  // A failed rebuild leaves the matrix as it was.
  const std::vector<index_t> good{2, 0, 1}, bad{2, 0, 3};
  m.assign_one_hot(good, 3);
  EXPECT_THROW(m.assign_one_hot(bad, 3), IndexError);
  expect_one_hot(m, good, 3);
}

TYPED_TEST(construction, weighted_one_hot_is_the_scipy_matrix_of_those_values) {
  using T = TypeParam;
  // csc_matrix(([.5, 2, 0, 3, 1], ([1, 0, 2, 2, 1], np.arange(5))), shape=(3, 5)).toarray()
  const std::vector<index_t> labels{1, 0, 2, 2, 1};
  const std::vector<T> weights{T(0.5), T(2), T(0), T(3), T(1)};
  CscMatrix<T> m = one_hot_csc<T>(labels, 3);  // rebuilt from a one-hot matrix: it stops being one
  m.assign_one_hot(labels, 3, weights);
  EXPECT_EQ(values_of(m.to_dense()), (std::vector<T>{0, 2, 0, 0, 0, T(0.5), 0, 0, 0, 1, 0, 0, 0, 3, 0}));
  EXPECT_FALSE(m.is_one_hot());
  m.check_format();
  // Its product with data is the weighted cluster sums; its row sums the clusters' weights.
  const Tensor<T> x{{T(1), T(2)}, {T(3), T(4)}, {T(5), T(6)}, {T(7), T(8)}, {T(9), T(10)}};
  Tensor<T> sums = zeros<T>({3, 2}), weight = zeros<T>({3});
  matmul_with_row_sums(m, x, sums, weight);
  EXPECT_EQ(values_of(sums), (std::vector<T>{6, 8, T(9.5), 11, 21, 24}));
  EXPECT_EQ(values_of(weight), (std::vector<T>{2, T(1.5), 3}));
  // Back to ones, shorter.
  const std::vector<index_t> two{0, 1};
  m.assign_one_hot(two, 2);
  EXPECT_TRUE(m.is_one_hot());
  EXPECT_EQ(values_of(m.to_dense()), (std::vector<T>{1, 0, 0, 1}));
  const std::vector<T> one_value{T(1)};
  expect_error<ShapeError>([&] { m.assign_one_hot(labels, 3, one_value); }, "5 labels but 1 values");
  const std::vector<index_t> bad{0, 3};
  const std::vector<T> two_values{T(1), T(1)};
  EXPECT_THROW(m.assign_one_hot(bad, 3, two_values), IndexError);
}

TYPED_TEST(construction, raw_array_errors_name_what_is_wrong) {
  using T = TypeParam;
  using V = std::vector<T>;
  using I = std::vector<index_t>;
  expect_error<ValueError>([] { CscMatrix<T>({3, 4}, V{1}, I{0}, I{0, 1, 1, 1}); },
                           "indptr has length 4, expected cols + 1 = 5 for shape (3, 4)");
  expect_error<ValueError>([] { CscMatrix<T>({3, 2}, V{1, 2}, I{0}, I{0, 1, 1}); },
                           "indices and data must have the same length, got 1 and 2");
  expect_error<ValueError>([] { CscMatrix<T>({3, 2}, V{1}, I{0}, I{1, 1, 1}); }, "indptr must start with 0, got indptr[0] = 1");
  expect_error<ValueError>([] { CscMatrix<T>({9, 4}, V(5, 1), I{0, 1, 2, 3, 4}, I{0, 2, 5, 4, 5}); },
                           "indptr is not non-decreasing at position 3 (5 > 4)");
  expect_error<ValueError>([] { CscMatrix<T>({3, 2}, V{1, 2}, I{0, 1}, I{0, 1, 1}); },
                           "indptr must end with nnz = len(indices) = 2, got indptr[2] = 1");
  expect_error<IndexError>([] { CscMatrix<T>({3, 2}, V{1, 2}, I{0, 3}, I{0, 1, 2}); },
                           "row index 3 at position 1 (column 1) is out of range for 3 rows");
  expect_error<IndexError>([] { CscMatrix<T>({3, 2}, V{1, 2}, I{-1, 0}, I{0, 1, 2}); },
                           "row index -1 at position 0 (column 0) is out of range for 3 rows");
  expect_error<ValueError>([] { CscMatrix<T>(Shape2{-1, 2}); }, "negative dimensions are not allowed: (-1, 2)");
  expect_error<ValueError>([] { CscMatrix<T>({2, -3}, V{}, I{}, I{0}); }, "negative dimensions are not allowed: (2, -3)");
  expect_error<ValueError>([] { CscMatrix<T>::identity(-2); }, "negative dimensions are not allowed: (-2, -2)");
  // Every error is an einspan::Error.
  EXPECT_THROW((CscMatrix<T>({3, 2}, V{1}, I{0}, I{0, 1})), einspan::Error);
}

TYPED_TEST(construction, triplet_errors_name_what_is_wrong) {
  using T = TypeParam;
  using V = std::vector<T>;
  using I = std::vector<index_t>;
  expect_error<ValueError>([] { CscMatrix<T>::from_triplets(V{1, 2}, I{0}, I{0, 1}, {2, 2}); },
                           "values, rows and cols must have the same length, got 2, 1 and 2");
  expect_error<IndexError>([] { CscMatrix<T>::from_triplets(V{1, 2}, I{0, 2}, I{0, 1}, {2, 2}); },
                           "row index 2 at position 1 is out of range for shape (2, 2)");
  expect_error<IndexError>([] { CscMatrix<T>::from_triplets(V{1, 2}, I{0, 1}, I{-1, 1}, {2, 2}); },
                           "column index -1 at position 0 is out of range for shape (2, 2)");
  expect_error<ValueError>([] { CscMatrix<T>::from_triplets(V{}, I{}, I{}); },
                           "cannot infer dimensions from zero sized index arrays");
  expect_error<ValueError>([] { CscMatrix<T>::from_triplets(V{1}, I{0}, I{0}, {1, -1}); },
                           "negative dimensions are not allowed");
  EXPECT_EQ(CscMatrix<T>::from_triplets(V{}, I{}, I{}, {2, 3}).nnz(), 0);
}

TYPED_TEST(construction, dense_and_one_hot_errors) {
  using T = TypeParam;
  expect_error<ShapeError>([] { CscMatrix<T>::from_dense(zeros<T>({2, 2, 2})); },
                           "from_dense: expected a 1-d or 2-d tensor, got shape (2, 2, 2)");
  const std::vector<index_t> labels{0, 1, 3, 2};
  expect_error<IndexError>([&] { one_hot_csc<T>(labels, 3); }, "label 3 at position 2 is out of range [0, 3)");
  const std::vector<index_t> negative{-1};
  expect_error<IndexError>([&] { one_hot_csc<T>(negative, 3); }, "label -1 at position 0 is out of range [0, 3)");
  expect_error<ValueError>([] { one_hot_csc<T>(std::span<const index_t>{}, -1); }, "k must be >= 0, got -1");
  expect_error<ShapeError>([] { one_hot_csc<T>(zeros<index_t>({2, 2}), 3); }, "labels must be 1-d, got shape (2, 2)");
}
