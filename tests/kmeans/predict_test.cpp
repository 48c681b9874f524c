// kmeans_predict, kmeans_transform and kmeans_score against scikit-learn's KMeans.predict,
// transform and score on a recorded model (tests/data/kmeans/model_*, make_fixtures.py), against
// a brute-force reference, and against the fit's own labels and inertia.
#include <gtest/gtest.h>

#include "support/expect_error.hpp"
#include <cmath>
#include <cstring>
#include <einspan/kmeans.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <limits>
#include <string>

using namespace einspan;
using einspan_test::expect_error;

namespace {

std::string fixture(const std::string& name) { return std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/" + name + ".npy"; }

// ||x_i - c_j||^2 from the differences, in long double: the reference every distance is held to.
template <class T>
long double squared_distance(const Tensor<T>& x, index_t i, const Tensor<T>& c, index_t j) {
  long double total = 0;
  for (index_t f = 0; f < x.dim(1); ++f) {
    const long double diff = static_cast<long double>(x(i, f)) - static_cast<long double>(c(j, f));
    total += diff * diff;
  }
  return total;
}

}  // namespace

TEST(KMeansPredict, matches_scikit_learn_on_a_recorded_model) {
  const auto centroids = load_npy_as<double>(fixture("lloyd_centroids"));
  const auto points = load_npy_as<double>(fixture("model_points"));
  EXPECT_TRUE(array_equal(kmeans_predict(centroids, points), load_npy_as<std::int64_t>(fixture("model_labels"))));
  const Tensor<double> expected = load_npy_as<double>(fixture("model_distances"));
  const Tensor<double> got = kmeans_transform(centroids, points);
  ASSERT_EQ(got.shape(), expected.shape());
  for (index_t i = 0; i < got.dim(0); ++i)
    for (index_t j = 0; j < got.dim(1); ++j) ASSERT_NEAR(got(i, j), expected(i, j), 1e-12) << i << ", " << j;
  const double score = load_npy_as<double>(fixture("model_score"))(0);
  EXPECT_NEAR(kmeans_score(centroids, points), score, 1e-12 * std::abs(score));
}

// Several blocks (the fit's block is 32768 / d rows), every thread count, both precisions.
template <class T>
void check_against_brute_force() {
  Generator g(11);
  const Tensor<T> x = g.random({30000, 6}).astype<T>(), c = g.random({13, 6}).astype<T>();
  Tensor<std::int64_t> nearest = empty<std::int64_t>({x.dim(0)});
  long double inertia = 0;
  for (index_t i = 0; i < x.dim(0); ++i) {
    long double best = std::numeric_limits<long double>::infinity();
    for (index_t j = 0; j < c.dim(0); ++j)
      if (const long double dist = squared_distance(x, i, c, j); dist < best) best = dist, nearest(i) = j;
    inertia += best;
  }
  const double tolerance = std::is_same_v<T, float> ? 1e-5 : 1e-12;
  const Tensor<std::int64_t> one = kmeans_predict(c, x, 1);
  const Tensor<T> distances = kmeans_transform(c, x, 1);
  const double score = kmeans_score(c, x, 1);
  // Random points sit on no tie, except within rounding of the expanded distance in float32.
  index_t differ = 0;
  for (index_t i = 0; i < x.dim(0); ++i) differ += one(i) != nearest(i);
  EXPECT_LE(differ, (std::is_same_v<T, float> ? 3 : 0));
  for (index_t i = 0; i < x.dim(0); i += 7)
    for (index_t j = 0; j < c.dim(0); ++j)
      ASSERT_NEAR(distances(i, j), std::sqrt(static_cast<double>(squared_distance(x, i, c, j))), tolerance) << i << ", " << j;
  EXPECT_NEAR(-score, static_cast<double>(inertia), tolerance * static_cast<double>(inertia));
  for (const int threads : {2, 3, 4}) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    EXPECT_TRUE(array_equal(kmeans_predict(c, x, threads), one));
    EXPECT_TRUE(array_equal(kmeans_transform(c, x, threads), distances));
    Tensor<std::int64_t> labels;
    const double again = kmeans_score(c, x, threads), both = kmeans_predict_and_score(c, x, labels, threads);
    EXPECT_EQ(std::memcmp(&again, &score, sizeof score), 0);
    EXPECT_EQ(std::memcmp(&both, &score, sizeof score), 0);
    EXPECT_TRUE(array_equal(labels, one));
  }
}

TEST(KMeansPredict, agrees_with_brute_force_on_every_thread_count_float64) { check_against_brute_force<double>(); }
TEST(KMeansPredict, agrees_with_brute_force_on_every_thread_count_float32) { check_against_brute_force<float>(); }

// The fit's labels describe its final centroids, computed by the same kernel: predict gives them
// back bit for bit, and score its inertia.
TEST(KMeansPredict, gives_back_the_fit_labels_and_inertia) {
  const Tensor<double> x = Generator(4).random({20000, 5});
  KMeansOptions options;
  options.k = 17;
  options.max_iter = 30;
  for (const bool single : {false, true}) {
    SCOPED_TRACE(single ? "float32" : "float64");
    if (single) {
      const Tensor<float> xf = x.astype<float>();
      const KMeansResult<float> fit = kmeans(xf, options);
      EXPECT_TRUE(array_equal(kmeans_predict(fit.centroids, xf), fit.labels));
      EXPECT_NEAR(-kmeans_score(fit.centroids, xf), fit.inertia, 1e-9 * fit.inertia);
    } else {
      const KMeansResult<double> fit = kmeans(x, options);
      EXPECT_TRUE(array_equal(kmeans_predict(fit.centroids, x), fit.labels));
      EXPECT_NEAR(-kmeans_score(fit.centroids, x), fit.inertia, 1e-12 * fit.inertia);
    }
  }
}

TEST(KMeansPredict, bad_arguments_are_typed_errors_naming_the_shapes) {
  const Tensor<double> c = zeros<double>({3, 4}), x = zeros<double>({10, 4});
  expect_error<ShapeError>([&] { kmeans_predict(c, zeros<double>({10, 5})); }, "x has shape (10, 5), expected (n, 4)");
  expect_error<ShapeError>([&] { kmeans_transform(zeros<double>({4}), x); }, "centroids must be a (k, d) matrix");
  expect_error<ShapeError>([&] { kmeans_score(zeros<double>({0, 4}), x); }, "k >= 1, got shape (0, 4)");
  expect_error<ValueError>([&] { kmeans_predict(c, zeros<double>({0, 4})); }, "x has no rows");
  Tensor<double> bad = x.copy();
  bad(7, 2) = std::numeric_limits<double>::quiet_NaN();
  expect_error<ValueError>([&] { kmeans_predict(c, bad); }, "kmeans_predict: x contains NaN or infinity");
  Tensor<std::int64_t> labels;
  expect_error<ShapeError>([&] { kmeans_predict_and_score(c, zeros<double>({10, 5}), labels); },
                           "kmeans_predict_and_score: x has shape (10, 5), expected (n, 4)");
  const Tensor<double> bad_centroids = bad[{slice(6, 9)}].contiguous();
  expect_error<ValueError>([&] { kmeans_score(bad_centroids, x); }, "kmeans_score: centroids contain NaN or infinity");
}
