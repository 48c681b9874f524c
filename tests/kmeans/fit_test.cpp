// k-means against scikit-learn's recorded results (tests/data/kmeans, see make_fixtures.py) and
// brute-force references.
#include <gtest/gtest.h>

#include <cmath>
#include <einspan/kmeans.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/npy.hpp>
#include <limits>
#include <random>
#include <string>

using namespace einspan;

namespace {

std::string fixture(const std::string& name) { return std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/" + name + ".npy"; }

// Brute-force nearest centroid and inertia, with no expanded-norm trick.
template <class T>
double brute_inertia(const Tensor<T>& x, const Tensor<T>& c, std::vector<std::int64_t>* labels = nullptr) {
  double total = 0;
  for (index_t i = 0; i < x.dim(0); ++i) {
    double best = std::numeric_limits<double>::infinity();
    std::int64_t arg = -1;
    for (index_t j = 0; j < c.dim(0); ++j) {
      double s = 0;
      for (index_t q = 0; q < x.dim(1); ++q) s += std::pow(double(x(i, q)) - double(c(j, q)), 2);
      if (s < best) best = s, arg = j;
    }
    total += best;
    if (labels) labels->push_back(arg);
  }
  return total;
}

Tensor<double> uniform_data(index_t n, index_t d, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Tensor<double> x = empty<double>({n, d});
  for (double& v : x) v = u(rng);
  return x;
}

}  // namespace

TEST(kmeans_fit, lloyd_matches_sklearn_from_same_start) {
  const auto x = load_npy_as<double>(fixture("lloyd_data"));
  const auto init = load_npy_as<double>(fixture("lloyd_init"));
  const auto labels = load_npy_as<std::int64_t>(fixture("lloyd_labels"));
  const auto centroids = load_npy_as<double>(fixture("lloyd_centroids"));
  const double inertia = load_npy_as<double>(fixture("lloyd_inertia"))(0);
  const auto r = kmeans(x, init, {.k = 10, .max_iter = 50, .tol = 0});
  EXPECT_EQ(r.iterations, 50);  // tol = 0: exactly max_iter, though sklearn stops at strict convergence
  ASSERT_EQ(r.labels.shape(), labels.shape());
  for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
  for (index_t j = 0; j < 10; ++j)
    for (index_t q = 0; q < 8; ++q) EXPECT_NEAR(r.centroids(j, q), centroids(j, q), 1e-12);
  EXPECT_EQ(r.inertia_history.size(), 50u);
  for (std::size_t i = 1; i < r.inertia_history.size(); ++i)
    EXPECT_LE(r.inertia_history[i], r.inertia_history[i - 1] * (1 + 1e-12));  // Lloyd never increases inertia
  EXPECT_NEAR(r.inertia, brute_inertia(x, r.centroids), 1e-9 * inertia);
  EXPECT_TRUE(r.converged);  // the labels stopped changing long before 50 iterations
}

TEST(kmeans_fit, lloyd_matches_sklearn_with_threads_and_small_blocks) {
  const auto x = load_npy_as<double>(fixture("lloyd_data"));
  const auto init = load_npy_as<double>(fixture("lloyd_init"));
  const auto labels = load_npy_as<std::int64_t>(fixture("lloyd_labels"));
  const double inertia = load_npy_as<double>(fixture("lloyd_inertia"))(0);
  const auto r =
      kmeans(x, init, {.k = 10, .max_iter = 50, .tol = 0, .threads = 2, .min_work_per_thread = 0, .block_rows = 77});
  for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
}

TEST(kmeans_fit, float32_fit_agrees_with_float64) {
  const auto x = load_npy_as<double>(fixture("lloyd_data"));
  const auto init = load_npy_as<double>(fixture("lloyd_init"));
  const double inertia = load_npy_as<double>(fixture("lloyd_inertia"))(0);
  const auto r = kmeans(x.astype<float>(), init.astype<float>(), {.k = 10, .max_iter = 50, .tol = 0});
  EXPECT_EQ(r.centroids.shape(), Dims({10, 8}));
  EXPECT_NEAR(r.inertia, inertia, 1e-4 * inertia);
}

TEST(kmeans_fit, empty_cluster_reseeded_as_sklearn) {
  const auto x = load_npy_as<double>(fixture("empty_data"));
  const auto init = load_npy_as<double>(fixture("empty_init"));
  const auto labels = load_npy_as<std::int64_t>(fixture("empty_labels"));
  const double inertia = load_npy_as<double>(fixture("empty_inertia"))(0);
  const auto r = kmeans(x, init, {.k = 4, .max_iter = 20, .tol = 0});
  EXPECT_EQ(r.reseeded, 1);
  for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
}

TEST(kmeans_fit, several_empty_clusters_take_the_farthest_points) {
  // Points 0..5 near the origin, one far point at 10 and one at 20; three centroids far away
  // attract nothing, so two are re-seeded... all three in fact: from 20, 10 and the next farthest.
  const auto x = from_vector<double>({0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 10.0, 20.0}, {8, 1});
  const auto init = from_vector<double>({0.0, -100.0, -200.0, -300.0}, {4, 1});
  const auto r = kmeans(x, init, {.k = 4, .max_iter = 1, .tol = 0});
  EXPECT_EQ(r.reseeded, 3);
  // Farthest from centroid 0 first: 20 -> cluster 1, 10 -> cluster 2, 0.5 -> cluster 3.
  EXPECT_DOUBLE_EQ(r.centroids(1, 0), 20.0);
  EXPECT_DOUBLE_EQ(r.centroids(2, 0), 10.0);
  EXPECT_DOUBLE_EQ(r.centroids(3, 0), 0.5);
  EXPECT_NEAR(r.centroids(0, 0), (0.0 + 0.1 + 0.2 + 0.3 + 0.4) / 5, 1e-15);
  for (const double c : r.centroids) EXPECT_TRUE(std::isfinite(c));
}

TEST(kmeans_fit, duplicate_points_never_give_nan) {
  Tensor<double> x = full<double>({10, 3}, 1.5);
  const auto r = kmeans(x, {.k = 3, .max_iter = 5, .tol = 0, .init = KMeansInit::random});
  for (const double c : r.centroids) EXPECT_DOUBLE_EQ(c, 1.5);
  EXPECT_DOUBLE_EQ(r.inertia, 0.0);
}

TEST(kmeans_fit, kmeanspp_mean_inertia_within_one_percent_of_sklearn) {
  const auto x = load_npy_as<double>(fixture("pp_data"));
  const double sklearn_mean = load_npy_as<double>(fixture("pp_inertia"))(0);
  double total = 0;
  for (std::uint64_t seed = 0; seed < 10; ++seed) total += kmeans(x, {.k = 12, .seed = seed}).inertia;
  EXPECT_NEAR(total / 10, sklearn_mean, 0.01 * sklearn_mean);
}

TEST(kmeans_fit, n_init_keeps_the_best_run) {
  const auto x = uniform_data(400, 3, 5);
  // Run 0 of n_init uses options.seed itself, so the best of 8 can only improve on one run.
  const auto multi = kmeans(x, {.k = 7, .init = KMeansInit::random, .n_init = 8, .seed = 100});
  const auto single = kmeans(x, {.k = 7, .init = KMeansInit::random, .n_init = 1, .seed = 100});
  EXPECT_LE(multi.inertia, single.inertia);
  EXPECT_NEAR(multi.inertia, brute_inertia(x, multi.centroids), 1e-9 * multi.inertia);
  EXPECT_LT(multi.best_run, 8);
}

TEST(kmeans_fit, tol_stops_early_and_reports_convergence) {
  const auto x = uniform_data(500, 4, 9);
  const auto r = kmeans(x, {.k = 5, .max_iter = 300, .tol = 1e-4, .seed = 3});
  EXPECT_TRUE(r.converged);
  EXPECT_LT(r.iterations, 300);
  EXPECT_EQ(r.inertia_history.size(), static_cast<std::size_t>(r.iterations));
  const auto fixed = kmeans(x, {.k = 5, .max_iter = 7, .tol = 0, .seed = 3});
  EXPECT_EQ(fixed.iterations, 7);
}

TEST(kmeans_fit, labels_are_the_nearest_final_centroid) {
  const auto x = uniform_data(300, 5, 1);
  const auto r = kmeans(x, {.k = 6, .max_iter = 3, .tol = 0, .seed = 1});
  std::vector<std::int64_t> expected;
  const double inertia = brute_inertia(x, r.centroids, &expected);
  for (index_t i = 0; i < 300; ++i) ASSERT_EQ(r.labels(i), expected[i]);
  EXPECT_NEAR(r.inertia, inertia, 1e-12 * inertia);
}

TEST(kmeans_fit, random_init_picks_distinct_points) {
  const auto x = uniform_data(50, 2, 4);
  const auto c = random_init(x, 50, 11);
  std::vector<std::pair<double, double>> rows;
  for (index_t j = 0; j < 50; ++j) rows.emplace_back(c(j, 0), c(j, 1));
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(std::unique(rows.begin(), rows.end()), rows.end());
}

TEST(kmeans_fit, on_iteration_reports_every_iteration) {
  const auto x = uniform_data(100, 2, 2);
  std::vector<index_t> seen;
  KMeansOptions o{.k = 3, .max_iter = 6, .tol = 0};
  o.on_iteration = [&](const KMeansIteration& it) { seen.push_back(it.iteration); };
  kmeans(x, o);
  EXPECT_EQ(seen, (std::vector<index_t>{1, 2, 3, 4, 5, 6}));
}
