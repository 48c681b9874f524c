// matmul between CscMatrix and dense tensors of any strides, on either side, against a brute-force
// dense product; every OpenMP schedule of the A @ X kernel; the workshop's one-hot update step.
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <einspan/sparse/detail/spmm.hpp>
#include <gtest/gtest.h>

#include "support/expect_error.hpp"
#include <omp.h>

#include "random_sparse.hpp"

using namespace einspan;
using namespace einspan::sparse;
using einspan::sparse::test_support::random_cases;
using einspan::sparse::test_support::random_triplets;
using einspan::sparse::test_support::tensor_of;
using einspan::sparse::test_support::values_of;

using einspan_test::expect_error;

namespace {

// Row-major (m x k) @ (k x n) by the textbook triple loop.
template <class T>
std::vector<T> dense_product(const std::vector<T>& a, const std::vector<T>& b, index_t m, index_t k, index_t n) {
  std::vector<T> out(static_cast<std::size_t>(m * n), T{0});
  for (index_t i = 0; i < m; ++i)
    for (index_t l = 0; l < k; ++l)
      for (index_t j = 0; j < n; ++j)
        out[static_cast<std::size_t>(i * n + j)] +=
            a[static_cast<std::size_t>(i * k + l)] * b[static_cast<std::size_t>(l * n + j)];
  return out;
}

template <class T>
Tensor<T> random_dense(std::mt19937_64& rng, index_t rows, index_t cols) {
  std::uniform_int_distribution<int> value(-5, 5);
  Tensor<T> out = Tensor<T>::fresh({rows, cols});
  for (T& x : out) x = static_cast<T>(value(rng));
  return out;
}

// The same logical (rows x cols) matrix as several views with different strides: contiguous, a
// transposed view, a strided slice of a larger buffer, and a reversed view.
template <class T>
std::vector<std::pair<std::string, Tensor<T>>> views_of(const Tensor<T>& m) {
  const index_t rows = m.shape()[0], cols = m.shape()[1];
  std::vector<std::pair<std::string, Tensor<T>>> views;
  views.emplace_back("contiguous", m);
  Tensor<T> t = m.T().copy();  // (cols x rows) contiguous; its .T() is m with strides (1, rows)
  views.emplace_back("transposed", t.T());
  Tensor<T> big = zeros<T>({2 * rows + 1, 3 * cols + 1});
  Tensor<T> sliced = big[{slice(1, _, 2), slice(_, _, 3)}][{slice(0, rows), slice(0, cols)}];
  sliced.assign(m);
  views.emplace_back("sliced", sliced);
  Tensor<T> flipped = m[{slice(_, _, -1), slice(_, _, -1)}].copy();
  views.emplace_back("reversed", flipped[{slice(_, _, -1), slice(_, _, -1)}]);
  return views;
}

}  // namespace

template <class T>
class sparse_matmul : public ::testing::Test {};
using element_types_under_test = ::testing::Types<float, double>;
TYPED_TEST_SUITE(sparse_matmul, element_types_under_test);

TYPED_TEST(sparse_matmul, sparse_times_dense_any_strides) {
  using T = TypeParam;
  std::mt19937_64 rng(21);
  for (const auto& c : random_cases()) {
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    for (const index_t d : {index_t{0}, index_t{1}, index_t{3}, index_t{17}}) {
      const Tensor<T> x = random_dense<T>(rng, c.cols, d);
      const auto expected = dense_product(t.dense(), values_of(x), c.rows, c.cols, d);
      for (const auto& [name, view] : views_of(x)) {
        SCOPED_TRACE(fmt::format("A ({}, {}) density {} @ X {} ({}, {})", c.rows, c.cols, c.density, name, c.cols, d));
        const Tensor<T> y = matmul(a, view);
        EXPECT_EQ(y.shape(), (Dims{c.rows, d}));
        EXPECT_EQ(values_of(y), expected);
        // Into a strided out view, prefilled with garbage that must be overwritten.
        Tensor<T> big = full<T>({c.rows, 2 * d + 1}, T{99});
        const Tensor<T> out = big[{_, slice(1, _, 2)}];
        matmul(a, view, out);
        EXPECT_EQ(values_of(out), expected);
      }
    }
  }
}

TYPED_TEST(sparse_matmul, dense_times_sparse_any_strides) {
  using T = TypeParam;
  std::mt19937_64 rng(22);
  for (const auto& c : random_cases()) {
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    for (const index_t m : {index_t{0}, index_t{1}, index_t{4}, index_t{33}}) {
      const Tensor<T> x = random_dense<T>(rng, m, c.rows);
      const auto expected = dense_product(values_of(x), t.dense(), m, c.rows, c.cols);
      for (const auto& [name, view] : views_of(x)) {
        SCOPED_TRACE(fmt::format("X {} ({}, {}) @ A ({}, {}) density {}", name, m, c.rows, c.rows, c.cols, c.density));
        EXPECT_EQ(values_of(matmul(view, a)), expected);
        Tensor<T> out_t = full<T>({c.cols, m}, T{99});
        matmul(view, a, out_t.T());  // a transposed out view
        EXPECT_EQ(values_of(out_t.T()), expected);
      }
    }
  }
}

TYPED_TEST(sparse_matmul, vectors_on_either_side) {
  using T = TypeParam;
  std::mt19937_64 rng(23);
  for (const auto& c : random_cases()) {
    SCOPED_TRACE(fmt::format("shape ({}, {}) density {}", c.rows, c.cols, c.density));
    const auto t = random_triplets<T>(rng, c.rows, c.cols, c.density);
    const auto a = CscMatrix<T>::from_triplets(t.values, t.r, t.c, {c.rows, c.cols});
    // x as a reversed view of a column of a random matrix.
    const Tensor<T> xs = random_dense<T>(rng, c.cols, 2);
    const Tensor<T> x = xs[{slice(_, _, -1), 1}];
    const auto ax = matmul(a, x);
    EXPECT_EQ(ax.shape(), (Dims{c.rows}));
    EXPECT_EQ(values_of(ax), dense_product(t.dense(), values_of(x), c.rows, c.cols, 1));
    const Tensor<T> v = random_dense<T>(rng, 1, c.rows)[0];
    const auto va = matmul(v, a);
    EXPECT_EQ(va.shape(), (Dims{c.cols}));
    EXPECT_EQ(values_of(va), dense_product(values_of(v), t.dense(), 1, c.rows, c.cols));
  }
}

TYPED_TEST(sparse_matmul, every_schedule_gives_the_same_product) {
  using T = TypeParam;
  std::mt19937_64 rng(24);
  using sparse::detail::SpmmSchedule;
  // Large enough that `automatic` goes parallel, plus a small and an unbalanced one.
  struct Shape {
    index_t k, n, d;
  };
  for (const Shape s : {Shape{26, 5000, 26}, Shape{3, 7, 2}, Shape{1, 300, 5}, Shape{300, 3, 4}}) {
    std::vector<index_t> labels(static_cast<std::size_t>(s.n));
    std::uniform_int_distribution<index_t> label(0, s.k - 1);
    for (auto& l : labels) l = label(rng) * label(rng) / s.k;  // skewed towards row 0
    std::vector<T> counts(static_cast<std::size_t>(s.k), T{0});  // bincount, by hand
    for (const index_t l : labels) counts[static_cast<std::size_t>(l)] += T{1};
    const auto one_hot = one_hot_csc<T>(labels, s.k);
    const auto a = one_hot * T{2};
    const Tensor<T> x = random_dense<T>(rng, s.n, s.d);
    const auto expected = dense_product(values_of(a.to_dense()), values_of(x), s.k, s.n, s.d);
    std::vector<T> half;  // the one-hot product
    for (const T e : expected) half.push_back(e / 2);
    for (const int threads : {1, 2, 3}) {
      omp_set_num_threads(threads);
      for (const auto schedule : {SpmmSchedule::automatic, SpmmSchedule::serial, SpmmSchedule::partition_rows,
                                  SpmmSchedule::thread_accumulators}) {
        SCOPED_TRACE(fmt::format("k {} n {} d {}, {} threads, schedule {}", s.k, s.n, s.d, threads,
                                 static_cast<int>(schedule)));
        Tensor<T> out = full<T>({s.k, s.d}, T{99});
        sparse::detail::spmm_csc_dense<T>(a, {x.data(), s.n, s.d, s.d, 1}, {out.data(), s.k, s.d, s.d, 1}, schedule);
        EXPECT_EQ(values_of(out), expected);
        // The one-hot kernel, with the row sums (bincount) from the same pass.
        Tensor<T> sums = full<T>({s.k}, T{99});
        sparse::detail::spmm_csc_dense<T>(one_hot, {x.data(), s.n, s.d, s.d, 1}, {out.data(), s.k, s.d, s.d, 1},
                                          schedule, {sums.data(), 1});
        EXPECT_EQ(values_of(out), half);
        EXPECT_EQ(values_of(sums), counts);
        // A transposed X and a column-major out go through the strided loops.
        const Tensor<T> xt = x.T().copy();
        Tensor<T> out_t = full<T>({s.d, s.k}, T{99});
        sparse::detail::spmm_csc_dense<T>(a, {xt.data(), s.n, s.d, 1, s.n}, {out_t.data(), s.k, s.d, 1, s.k}, schedule);
        EXPECT_EQ(values_of(out_t.T()), expected);
      }
    }
  }
  omp_set_num_threads(omp_get_num_procs());
}

TYPED_TEST(sparse_matmul, workshop_one_hot_update_step) {
  using T = TypeParam;
  // labels [1, 0, 2, 2, 1] and a 5x2 data matrix whose per-cluster row sums are the slide's
  // [[8, 6], [17, 3], [6, 15]]: cluster 0 = row 1, cluster 1 = rows 0 + 4, cluster 2 = rows 2 + 3.
  const std::vector<index_t> labels{1, 0, 2, 2, 1};
  const Tensor<T> data{{1, 2}, {8, 6}, {2, 7}, {4, 8}, {16, 1}};
  const auto one_hot = one_hot_csc<T>(labels, 3);
  const Tensor<T> sums = matmul(one_hot, data);
  EXPECT_EQ(values_of(sums), (std::vector<T>{8, 6, 17, 3, 6, 15}));
  // Divided by the counts (the row sums of the one-hot matrix): the new centroids.
  const Tensor<T> counts = one_hot.sum(1);
  EXPECT_EQ(values_of(counts), (std::vector<T>{1, 2, 2}));
  std::vector<T> centroids;
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2; ++j) centroids.push_back(sums(i, j) / counts(i));
  EXPECT_EQ(centroids, (std::vector<T>{8, 6, 8.5, 1.5, 3, 7.5}));
  // The same sums through the transposed data view (data.T.T).
  const Tensor<T> data_t = data.T().copy();
  EXPECT_EQ(values_of(matmul(one_hot, data_t.T())), (std::vector<T>{8, 6, 17, 3, 6, 15}));
}

TYPED_TEST(sparse_matmul, every_row_length_one_hot_or_not_with_row_sums) {
  using T = TypeParam;
  // d from 0 to 65 covers every tail d % lanes of the unit-stride kernels (lanes = 4 doubles or
  // 8 floats) and every register count of the one-hot kernel with counts (1 to 8 registers, then
  // the general loop); the one-hot matrix takes the kernels without multiplications, the same
  // matrix scaled by 1 the general one. X as a column slice of a wider matrix has gaps between
  // its rows, which the counting kernel's whole-register loads read into and must mask.
  std::mt19937_64 rng(25);
  const index_t k = 5, n = 40;
  std::vector<index_t> labels(static_cast<std::size_t>(n));
  std::uniform_int_distribution<index_t> label(0, k - 1);
  for (auto& l : labels) l = label(rng);
  std::vector<T> counts(static_cast<std::size_t>(k), T{0});  // bincount, by hand
  for (const index_t l : labels) counts[static_cast<std::size_t>(l)] += T{1};
  const auto one_hot = one_hot_csc<T>(labels, k);
  const auto general = one_hot * T{1};
  ASSERT_TRUE(one_hot.is_one_hot());
  ASSERT_FALSE(general.is_one_hot());
  const auto weighted = one_hot * T{3};
  std::vector<T> weighted_counts;
  for (const T c : counts) weighted_counts.push_back(3 * c);
  for (index_t d = 0; d < 66; ++d) {
    const Tensor<T> x = random_dense<T>(rng, n, d);
    const auto expected = dense_product(values_of(one_hot.to_dense()), values_of(x), k, n, d);
    for (const auto* a : {&one_hot, &general}) {
      SCOPED_TRACE(fmt::format("d {} one-hot {}", d, a->is_one_hot()));
      EXPECT_EQ(values_of(matmul(*a, x)), expected);
      Tensor<T> out = full<T>({k, d}, T{99}), sums = full<T>({k}, T{99});
      matmul_with_row_sums(*a, x, out, sums);
      EXPECT_EQ(values_of(out), expected);
      EXPECT_EQ(values_of(sums), counts);
    }
    {
      SCOPED_TRACE(fmt::format("d {}, X a column slice", d));
      const Tensor<T> wide = random_dense<T>(rng, n, d + 3);
      const Tensor<T> sliced = wide[{_, slice(1, d + 1)}];
      Tensor<T> out = full<T>({k, d}, T{99}), sums = full<T>({k}, T{99});
      matmul_with_row_sums(one_hot, sliced, out, sums);
      EXPECT_EQ(values_of(out), dense_product(values_of(one_hot.to_dense()), values_of(sliced), k, n, d));
      EXPECT_EQ(values_of(sums), counts);
    }
    // Row sums of a matrix whose values are not ones, into a strided view.
    Tensor<T> out = full<T>({k, d}, T{99}), sums_buffer = full<T>({2 * k}, T{99});
    matmul_with_row_sums(weighted, x, out, sums_buffer[{slice(_, _, 2)}]);
    std::vector<T> tripled;
    for (const T e : expected) tripled.push_back(3 * e);
    EXPECT_EQ(values_of(out), tripled);
    EXPECT_EQ(values_of(sums_buffer[{slice(_, _, 2)}]), weighted_counts);
  }
  // A vector on the right: row sums and A @ x.
  const Tensor<T> v = random_dense<T>(rng, n, 1)[{_, 0}];
  Tensor<T> out = empty<T>({k}), sums = empty<T>({k});
  matmul_with_row_sums(one_hot, v, out, sums);
  EXPECT_EQ(values_of(out), dense_product(values_of(one_hot.to_dense()), values_of(v), k, n, 1));
  EXPECT_EQ(values_of(sums), counts);
}

TYPED_TEST(sparse_matmul, row_sums_errors) {
  using T = TypeParam;
  const auto a = one_hot_csc<T>(std::vector<index_t>{0, 1, 1, 0}, 2);
  const Tensor<T> x = zeros<T>({4, 3}), out = zeros<T>({2, 3});
  expect_error<ShapeError>([&] { matmul_with_row_sums(a, x, out, zeros<T>({3})); },
                           "matmul_with_row_sums: row_sums has shape (3,), expected (2,)");
  expect_error<ShapeError>([&] { matmul_with_row_sums(a, zeros<T>({3, 3}), out, zeros<T>({2})); },
                           "matmul: shapes (2, 4) and (3, 3) not aligned");
  expect_error<ValueError>([&] { matmul_with_row_sums(a, x, out, zeros<T>({1}).broadcast_to({2})); }, "broadcast");
  expect_error<ValueError>([&] { matmul_with_row_sums(a, x, out, out[0][{slice(0, 2)}]); }, "shares memory");
  expect_error<ValueError>([&] { matmul_with_row_sums(a, x, out, x[0][{slice(0, 2)}]); }, "shares memory");
}

TYPED_TEST(sparse_matmul, shape_errors_name_both_shapes) {
  using T = TypeParam;
  const CscMatrix<T> a({3, 4});
  expect_error<ShapeError>([&] { matmul(a, zeros<T>({5, 2})); },
                           "matmul: shapes (3, 4) and (5, 2) not aligned: 4 (dim 1) != 5 (dim 0)");
  expect_error<ShapeError>([&] { matmul(a, zeros<T>({5})); }, "matmul: shapes (3, 4) and (5,) not aligned");
  expect_error<ShapeError>([&] { matmul(zeros<T>({2, 4}), a); },
                           "matmul: shapes (2, 4) and (3, 4) not aligned: 4 (dim 1) != 3 (dim 0)");
  expect_error<ShapeError>([&] { matmul(zeros<T>({4}), a); }, "matmul: shapes (4,) and (3, 4) not aligned");
  expect_error<ShapeError>([&] { matmul(a, zeros<T>({4, 2, 1})); }, "must be 1-d or 2-d, got shape (4, 2, 1)");
  expect_error<ShapeError>([&] { matmul(a, zeros<T>({4, 2}), zeros<T>({3, 3})); },
                           "matmul: out has shape (3, 3), expected (3, 2)");
  expect_error<ShapeError>([&] { matmul(zeros<T>({2, 3}), a, zeros<T>({4, 2})); },
                           "matmul: out has shape (4, 2), expected (2, 4)");
  const Tensor<T> x = zeros<T>({4, 3});
  expect_error<ValueError>([&] { matmul(a, x, x[{slice(0, 3)}]); }, "out shares memory with the dense operand");
  expect_error<ValueError>([&] { matmul(a, x, zeros<T>({1, 3}).broadcast_to({3, 3})); }, "zero stride");
}
