// k-means on CSR data against scikit-learn's sparse KMeans(algorithm="lloyd") recorded by
// tests/data/kmeans/make_fixtures.py (sparse_*), and against einspan's dense fit of the same
// values, whose own agreement with scikit-learn fit_test.cpp checks.
#include <gtest/gtest.h>

#include <cmath>
#include <einspan/kmeans.hpp>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/sparse/csr_matrix.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <string>
#include <vector>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;
using sparse::CsrMatrix;

namespace {

std::string fixture(const std::string& name) { return std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/" + name + ".npy"; }

template <class T>
std::vector<T> values(const std::string& name) {
  const Tensor<T> t = load_npy_as<T>(fixture(name), Casting::unsafe);
  return std::vector<T>(t.begin(), t.end());
}

// The fixture's CSR matrix, from SciPy's own arrays.
template <class T>
CsrMatrix<T> fixture_matrix() {
  const std::vector<index_t> shape = values<index_t>("sparse_shape");
  return CsrMatrix<T>({shape[0], shape[1]}, values<T>("sparse_data"), values<index_t>("sparse_indices"),
                      values<index_t>("sparse_indptr"));
}

template <class T>
void expect_near_tensors(const Tensor<T>& got, const Tensor<T>& want, double tolerance) {
  ASSERT_EQ(got.shape(), want.shape());
  const Tensor<T> a = got.contiguous(), b = want.contiguous();
  for (index_t i = 0; i < a.size(); ++i) ASSERT_NEAR(a.data()[i], b.data()[i], tolerance) << "element " << i;
}

void expect_labels(const Tensor<std::int64_t>& got, const Tensor<std::int64_t>& want) {
  ASSERT_EQ(got.shape(), want.shape());
  for (index_t i = 0; i < got.size(); ++i) ASSERT_EQ(got(i), want(i)) << "point " << i;
}

// A random CSR matrix with about `per_row` entries per row, some rows empty.
CsrMatrix<double> random_csr(index_t n, index_t d, index_t per_row, std::uint64_t seed) {
  Generator rng(seed);
  const Tensor<std::int64_t> counts = rng.integers(0, 2 * per_row + 1, {n});
  std::vector<double> data;
  std::vector<index_t> indices, indptr{0};
  for (index_t i = 0; i < n; ++i) {
    const Tensor<std::int64_t> cols = rng.choice(d, std::min(d, counts(i)), false);
    std::vector<index_t> sorted(cols.begin(), cols.end());
    std::sort(sorted.begin(), sorted.end());
    for (const index_t c : sorted) {
      indices.push_back(c);
      data.push_back(rng.uniform(0.1, 1.0, {1})(0));
    }
    indptr.push_back(static_cast<index_t>(indices.size()));
  }
  return CsrMatrix<double>({n, d}, std::move(data), std::move(indices), std::move(indptr));
}

}  // namespace

TEST(kmeans_sparse, lloyd_matches_sklearn_from_same_start) {
  const CsrMatrix<double> x = fixture_matrix<double>();
  const auto init = load_npy_as<double>(fixture("sparse_init"));
  const double inertia = load_npy_as<double>(fixture("sparse_inertia"))(0);
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    const auto r = kmeans(x, init, {.k = 12, .max_iter = 40, .tol = 0, .threads = threads, .min_work_per_thread = 0,
                                    .block_rows = threads == 1 ? 0 : 100});
    expect_labels(r.labels, load_npy_as<std::int64_t>(fixture("sparse_labels")));
    EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
    EXPECT_NEAR(r.inertia_history.back(), inertia, 1e-9 * inertia);
    expect_near_tensors(r.centroids, load_npy_as<double>(fixture("sparse_centroids")), 1e-12);
    EXPECT_EQ(r.threads_run, threads);
  }
}

TEST(kmeans_sparse, weighted_lloyd_matches_sklearn) {
  const auto init = load_npy_as<double>(fixture("sparse_init"));
  const auto w = load_npy_as<double>(fixture("sparse_weights"));
  const auto r = kmeans(fixture_matrix<double>(), init, {.k = 12, .max_iter = 40, .tol = 0}, w);
  expect_labels(r.labels, load_npy_as<std::int64_t>(fixture("sparse_weighted_labels")));
  const double inertia = load_npy_as<double>(fixture("sparse_weighted_inertia"))(0);
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
  expect_near_tensors(r.centroids, load_npy_as<double>(fixture("sparse_weighted_centroids")), 1e-12);
}

TEST(kmeans_sparse, float32_fit_agrees_with_sklearn_to_float32_rounding) {
  const auto init = load_npy_as<double>(fixture("sparse_init")).astype<float>();
  const auto r = kmeans(fixture_matrix<float>(), init, {.k = 12, .max_iter = 40, .tol = 0});
  const auto labels = load_npy_as<std::int64_t>(fixture("sparse_labels"));
  index_t same = 0;
  for (index_t i = 0; i < labels.size(); ++i) same += r.labels(i) == labels(i);
  EXPECT_GE(same, labels.size() * 99 / 100);
  const double inertia = load_npy_as<double>(fixture("sparse_inertia"))(0);
  EXPECT_NEAR(r.inertia, inertia, 1e-3 * inertia);
}

TEST(kmeans_sparse, kmeanspp_mean_inertia_within_two_percent_of_sklearn) {
  const CsrMatrix<double> x = fixture_matrix<double>();
  double total = 0;
  for (std::uint64_t seed = 0; seed < 40; ++seed) total += kmeans(x, {.k = 12, .seed = seed}).inertia;
  const double sklearn = load_npy_as<double>(fixture("sparse_pp_inertia"))(0);
  EXPECT_NEAR(total / 40, sklearn, 0.02 * sklearn);
}

TEST(kmeans_sparse, same_fit_as_the_dense_matrix_of_the_same_values) {
  const CsrMatrix<double> x = random_csr(900, 60, 5, 1);
  const Tensor<double> dense = x.to_dense();
  // The initialisations draw the same rows; the fits from them agree.
  for (const std::uint64_t seed : {0u, 1u, 2u}) {
    EXPECT_TRUE(array_equal(kmeans_plusplus(x, 9, seed), kmeans_plusplus(dense, 9, seed))) << seed;
    EXPECT_TRUE(array_equal(random_init(x, 9, seed), random_init(dense, 9, seed))) << seed;
  }
  const Tensor<double> w = Generator(4).uniform(0.0, 2.0, {900});
  EXPECT_TRUE(array_equal(kmeans_plusplus(x, 9, 5, w), kmeans_plusplus(dense, 9, 5, w)));
  for (const bool weighted : {false, true}) {
    SCOPED_TRACE(weighted);
    const KMeansOptions options{.k = 9, .tol = 1e-4, .seed = 3};
    const auto a = weighted ? kmeans(x, options, w) : kmeans(x, options);
    const auto b = weighted ? kmeans(dense, options, w) : kmeans(dense, options);
    EXPECT_EQ(a.iterations, b.iterations);
    expect_labels(a.labels, b.labels);
    expect_near_tensors(a.centroids, b.centroids, 1e-12);
    EXPECT_NEAR(a.inertia, b.inertia, 1e-10 * b.inertia);
  }
}

TEST(kmeans_sparse, empty_clusters_are_reseeded_as_the_dense_fit_does) {
  const CsrMatrix<double> x = random_csr(500, 20, 4, 2);
  const Tensor<double> dense = x.to_dense();
  Tensor<double> init = dense[{slice(0, 5)}].copy();
  init[3].fill(50.0);  // nothing is nearest to it: re-seeded from the farthest point
  init[4].fill(60.0);
  const auto a = kmeans(x, init, {.k = 5, .max_iter = 30, .tol = 0});
  const auto b = kmeans(dense, init, {.k = 5, .max_iter = 30, .tol = 0});
  EXPECT_GE(a.reseeded, 2);
  EXPECT_EQ(a.reseeded, b.reseeded);
  expect_labels(a.labels, b.labels);
  expect_near_tensors(a.centroids, b.centroids, 1e-12);
}

TEST(kmeans_sparse, bad_input_is_a_typed_error) {
  const CsrMatrix<double> x = random_csr(30, 6, 2, 3);
  expect_error<ValueError>([&] { kmeans(x, {.k = 31}); }, "k=31 is larger than the number of samples n=30");
  expect_error<ValueError>([&] { kmeans(CsrMatrix<double>({0, 4}, {}, {}, {0}), {.k = 1}); }, "data is empty");
  expect_error<ShapeError>([&] { kmeans(x, zeros<double>({3, 5}), {.k = 3}); }, "expected (3, 6)");
  expect_error<ShapeError>([&] { kmeans(x, {.k = 3}, zeros<double>({29})); }, "sample_weight has shape (29,)");
  const CsrMatrix<double> nan({2, 2}, {1.0, std::nan("")}, {0, 1}, {0, 1, 2});
  expect_error<ValueError>([&] { kmeans(nan, {.k = 1}); }, "data contains NaN or infinity");
  const CsrMatrix<double> duplicates({2, 3}, {1.0, 2.0, 3.0}, {1, 1, 0}, {0, 2, 3});
  expect_error<ValueError>([&] { kmeans(duplicates, {.k = 1}); }, "CSR data must be canonical");
}

TEST(kmeans_sparse, predict_transform_score_match_sklearn_model) {
  const auto centroids = load_npy_as<double>(fixture("sparse_centroids"));
  const CsrMatrix<double> y({300, 400}, values<double>("sparse_model_data"), values<index_t>("sparse_model_indices"),
                            values<index_t>("sparse_model_indptr"));
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    expect_labels(kmeans_predict(centroids, y, threads), load_npy_as<std::int64_t>(fixture("sparse_model_labels")));
    expect_near_tensors(kmeans_transform(centroids, y, threads), load_npy_as<double>(fixture("sparse_model_distances")),
                        1e-12);
    const double score = load_npy_as<double>(fixture("sparse_model_score"))(0);
    EXPECT_NEAR(kmeans_score(centroids, y, threads), score, 1e-12 * std::abs(score));
  }
  // predict on the training rows gives the fit's labels, as the dense predict does.
  const CsrMatrix<double> x = fixture_matrix<double>();
  const auto fit = kmeans(x, load_npy_as<double>(fixture("sparse_init")), {.k = 12, .max_iter = 40, .tol = 0});
  for (const int threads : {1, 2}) {  // 1500 rows: two blocks
    expect_labels(kmeans_predict(fit.centroids, x, threads), fit.labels);
    EXPECT_NEAR(-kmeans_score(fit.centroids, x, threads), fit.inertia, 1e-12 * fit.inertia);
    Tensor<std::int64_t> labels;
    EXPECT_EQ(kmeans_predict_and_score(fit.centroids, x, labels, threads), kmeans_score(fit.centroids, x, threads));
    expect_labels(labels, fit.labels);
  }
  expect_error<ShapeError>([&] { kmeans_predict(zeros<double>({3, 5}), x); }, "expected (n, 5)");
}
