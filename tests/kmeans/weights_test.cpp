// Weighted k-means (sample_weight) against scikit-learn's recorded weighted fits
// (tests/data/kmeans/weighted_*, see make_fixtures.py) and against the fit of repeated rows, which
// integer weights must reproduce.
#include <gtest/gtest.h>

#include <cmath>
#include <einspan/kmeans.hpp>
#include <einspan/sparse/csc_matrix.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/npy.hpp>
#include <einspan/tensor/random.hpp>
#include <string>
#include <vector>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;

namespace {

std::string fixture(const std::string& name) { return std::string(EINSPAN_TEST_DATA_DIR) + "/kmeans/" + name + ".npy"; }

template <class T>
void expect_near_tensors(const Tensor<T>& got, const Tensor<T>& want, double relative) {
  ASSERT_EQ(got.shape(), want.shape());
  const Tensor<T> a = got.contiguous(), b = want.contiguous();
  for (index_t i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    ASSERT_NEAR(x, y, relative * std::max(1.0, std::abs(y))) << "element " << i;
  }
}

// The rows of x, row i repeated counts[i] times (the oracle for integer weights), and where each
// original row's first copy lands.
template <class T>
Tensor<T> repeat_rows(const Tensor<T>& x, const std::vector<index_t>& counts, std::vector<index_t>* first_copy) {
  index_t total = 0;
  for (const index_t c : counts) total += c;
  Tensor<T> out = empty<T>({total, x.dim(1)});
  index_t r = 0;
  for (index_t i = 0; i < x.dim(0); ++i) {
    first_copy->push_back(r);
    for (index_t c = 0; c < counts[static_cast<std::size_t>(i)]; ++c, ++r)
      for (index_t q = 0; q < x.dim(1); ++q) out(r, q) = x(i, q);
  }
  return out;
}

// Integer weights 0..3 (about a quarter of them 0) for n rows.
std::vector<index_t> integer_weights(index_t n, std::uint64_t seed) {
  const Tensor<std::int64_t> w = Generator(seed).integers(0, 4, {n});
  return std::vector<index_t>(w.begin(), w.end());
}

template <class T>
Tensor<T> as_weights(const std::vector<index_t>& counts) {
  Tensor<T> w = empty<T>({static_cast<index_t>(counts.size())});
  for (std::size_t i = 0; i < counts.size(); ++i) w(static_cast<index_t>(i)) = static_cast<T>(counts[i]);
  return w;
}

}  // namespace

TEST(kmeans_weights, weighted_fit_matches_sklearn_from_same_start) {
  const auto x = load_npy_as<double>(fixture("lloyd_data"));
  const auto init = load_npy_as<double>(fixture("lloyd_init"));
  const auto w = load_npy_as<double>(fixture("weighted_weights"));
  const auto labels = load_npy_as<std::int64_t>(fixture("weighted_labels"));
  const auto centroids = load_npy_as<double>(fixture("weighted_centroids"));
  const double inertia = load_npy_as<double>(fixture("weighted_inertia"))(0);
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    const auto r = kmeans(x, init, {.k = 10, .max_iter = 50, .tol = 0, .threads = threads, .min_work_per_thread = 0,
                                    .block_rows = threads == 1 ? 0 : 128}, w);
    ASSERT_EQ(r.labels.shape(), labels.shape());
    for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
    EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
    expect_near_tensors(r.centroids, centroids, 1e-12);
    // The per-iteration inertia is the weighted one too: the last equals the final inertia.
    EXPECT_NEAR(r.inertia_history.back(), inertia, 1e-9 * inertia);
  }
}

TEST(kmeans_weights, weighted_reseeding_matches_sklearn) {
  const auto x = load_npy_as<double>(fixture("empty_data"));
  const auto init = load_npy_as<double>(fixture("empty_init"));
  const auto w = load_npy_as<double>(fixture("weighted_empty_weights"));
  const auto labels = load_npy_as<std::int64_t>(fixture("weighted_empty_labels"));
  const double inertia = load_npy_as<double>(fixture("weighted_empty_inertia"))(0);
  const auto r = kmeans(x, init, {.k = 4, .max_iter = 20, .tol = 0}, w);
  EXPECT_GE(r.reseeded, 1);
  for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
  EXPECT_NEAR(r.inertia, inertia, 1e-9 * inertia);
  expect_near_tensors(r.centroids, load_npy_as<double>(fixture("weighted_empty_centroids")), 1e-12);
  // Right after the re-seeding iteration: the point's old cluster has lost w x and w.
  const auto step = kmeans(x, init, {.k = 4, .max_iter = 1, .tol = 0}, w);
  EXPECT_EQ(step.reseeded, 1);
  expect_near_tensors(step.centroids, load_npy_as<double>(fixture("weighted_empty_step_centroids")), 1e-12);
}

template <class T>
void expect_integer_weights_repeat_rows(double tol) {
  const Tensor<T> x = Generator(3).random({700, 5}).template astype<T>();
  const std::vector<index_t> counts = integer_weights(700, 4);
  std::vector<index_t> first_copy;
  const Tensor<T> repeated = repeat_rows(x, counts, &first_copy);
  const Tensor<T> w = as_weights<T>(counts);
  const Tensor<T> ones = full<T>({repeated.dim(0)}, T{1});
  // The weighted draws of k-means++ pick the same rows as the draws over the repeated rows.
  const Tensor<T> init = kmeans_plusplus(x, 7, 11, w);
  expect_near_tensors(init, kmeans_plusplus(repeated, 7, 11, ones), 0);
  const KMeansOptions options{.k = 7, .max_iter = 100, .tol = tol};
  const auto weighted = kmeans(x, init, options, w);
  const auto plain = kmeans(repeated, init, options);
  EXPECT_EQ(weighted.iterations, plain.iterations);  // tol's variance is weighted too
  const double eps = sizeof(T) == 4 ? 1e-5 : 1e-12;
  expect_near_tensors(weighted.centroids, plain.centroids, eps);
  EXPECT_NEAR(weighted.inertia, plain.inertia, eps * plain.inertia);
  for (index_t i = 0; i < x.dim(0); ++i) {
    if (counts[static_cast<std::size_t>(i)] > 0) {
      ASSERT_EQ(weighted.labels(i), plain.labels(first_copy[i])) << "row " << i;
    }
  }
  // The whole fit from k-means++ too.
  const auto weighted_pp = kmeans(x, {.k = 7, .tol = tol, .seed = 11}, w);
  const auto plain_pp = kmeans(repeated, {.k = 7, .tol = tol, .seed = 11}, ones);
  expect_near_tensors(weighted_pp.centroids, plain_pp.centroids, eps);
}

TEST(kmeans_weights, integer_weights_give_the_fit_of_repeated_rows) {
  expect_integer_weights_repeat_rows<double>(0);
  expect_integer_weights_repeat_rows<double>(1e-3);
  expect_integer_weights_repeat_rows<float>(0);
}

TEST(kmeans_weights, zero_weight_rows_do_not_move_the_centroids) {
  const Tensor<double> x = Generator(5).random({400, 3});
  Tensor<double> w = Generator(6).uniform(0.5, 2.0, {400});
  for (index_t i = 0; i < 400; i += 3) w(i) = 0;
  std::vector<index_t> keep(400, 1);
  for (index_t i = 0; i < 400; i += 3) keep[static_cast<std::size_t>(i)] = 0;
  std::vector<index_t> first_copy;
  const Tensor<double> kept = repeat_rows(x, keep, &first_copy);
  Tensor<double> kept_w = empty<double>({kept.dim(0)});
  for (index_t i = 0; i < 400; ++i)
    if (keep[static_cast<std::size_t>(i)]) kept_w(first_copy[i]) = w(i);
  const Tensor<double> init = kmeans_plusplus(kept, 6, 2);
  const auto with_zeros = kmeans(x, init, {.k = 6, .max_iter = 60, .tol = 0}, w);
  const auto without = kmeans(kept, init, {.k = 6, .max_iter = 60, .tol = 0}, kept_w);
  expect_near_tensors(with_zeros.centroids, without.centroids, 1e-12);
  EXPECT_NEAR(with_zeros.inertia, without.inertia, 1e-12 * without.inertia);
  // The draws never pick a row of weight 0.
  for (const std::uint64_t seed : {0u, 1u, 2u, 3u}) {
    for (const Tensor<double>& c : {kmeans_plusplus(x, 6, seed, w), random_init(x, 6, seed, w)})
      for (index_t j = 0; j < 6; ++j) {
        index_t row = -1;
        for (index_t i = 0; i < 400 && row < 0; ++i)
          if (x(i, 0) == c(j, 0) && x(i, 1) == c(j, 1) && x(i, 2) == c(j, 2)) row = i;
        ASSERT_GE(row, 0);
        EXPECT_GT(w(row), 0) << "seed " << seed << " centre " << j;
      }
  }
}

TEST(kmeans_weights, scaling_the_weights_changes_nothing) {
  // sklearn's test_scaled_weights: w and w / 2 give the same labels and centroids, from k-means++.
  const Tensor<double> x = Generator(9).random({500, 4});
  const Tensor<double> w = Generator(10).uniform(0.0, 1.0, {500});
  Tensor<double> half = empty<double>({500});
  multiply(w, 0.5, half);
  const auto a = kmeans(x, {.k = 5, .seed = 3}, w);
  const auto b = kmeans(x, {.k = 5, .seed = 3}, half);
  for (index_t i = 0; i < 500; ++i) ASSERT_EQ(a.labels(i), b.labels(i));
  expect_near_tensors(a.centroids, b.centroids, 1e-12);
  EXPECT_NEAR(b.inertia, 0.5 * a.inertia, 1e-12 * a.inertia);
}

TEST(kmeans_weights, first_draw_is_proportional_to_weight) {
  // Three points with weights 1, 2, 7: over 4000 seeds the first centre (k = 1) of either init is
  // each point about 10%, 20%, 70% of the time (3 standard deviations: under 1.5 points).
  const Tensor<double> x = Tensor<double>{0.0, 1.0, 2.0}.reshape({3, 1});
  const Tensor<double> w{1.0, 2.0, 7.0};
  for (const bool plusplus : {true, false}) {
    std::vector<int> hits(3);
    for (std::uint64_t seed = 0; seed < 4000; ++seed) {
      const Tensor<double> c = plusplus ? kmeans_plusplus(x, 1, seed, w) : random_init(x, 1, seed, w);
      ++hits[static_cast<std::size_t>(c(0, 0))];
    }
    EXPECT_NEAR(hits[0] / 4000.0, 0.1, 0.015) << plusplus;
    EXPECT_NEAR(hits[1] / 4000.0, 0.2, 0.02) << plusplus;
    EXPECT_NEAR(hits[2] / 4000.0, 0.7, 0.022) << plusplus;
  }
}

TEST(kmeans_weights, unit_weights_give_the_unweighted_fit) {
  const auto x = load_npy_as<double>(fixture("lloyd_data"));
  const auto init = load_npy_as<double>(fixture("lloyd_init"));
  const auto r = kmeans(x, init, {.k = 10, .max_iter = 50, .tol = 0}, full<double>({1000}, 1.0));
  const auto labels = load_npy_as<std::int64_t>(fixture("lloyd_labels"));
  for (index_t i = 0; i < labels.size(); ++i) ASSERT_EQ(r.labels(i), labels(i)) << "point " << i;
  expect_near_tensors(r.centroids, load_npy_as<double>(fixture("lloyd_centroids")), 1e-12);
}

TEST(kmeans_weights, bad_weights_are_typed_errors_naming_the_problem) {
  const Tensor<double> x = Generator(1).random({20, 2});
  const KMeansOptions o{.k = 3};
  expect_error<ShapeError>([&] { kmeans(x, o, zeros<double>({19})); }, "sample_weight has shape (19,), expected (20,)");
  expect_error<ShapeError>([&] { kmeans(x, o, zeros<double>({20, 1})); }, "sample_weight has shape (20, 1)");
  Tensor<double> w = full<double>({20}, 1.0);
  w(7) = -0.5;
  expect_error<ValueError>([&] { kmeans(x, o, w); }, "sample_weight must be >= 0, got -0.5 for row 7");
  w(7) = std::nan("");
  expect_error<ValueError>([&] { kmeans(x, o, w); }, "sample_weight contains NaN or infinity");
  w.fill(0.0);
  w(3) = w(4) = 1.0;
  expect_error<ValueError>([&] { kmeans(x, o, w); }, "sample_weight has 2 positive values, fewer than k=3");
  expect_error<ValueError>([&] { kmeans_plusplus(x, 3, 0, w); }, "fewer than k=3");
  expect_error<ValueError>([&] { random_init(x, 3, 0, w); }, "fewer than k=3");
  expect_error<ValueError>([&] { kmeans(x, x[{slice(0, 3)}], {.k = 3}, w); }, "fewer than k=3");
}

TEST(kmeans_weights, an_empty_cluster_takes_the_farthest_point_of_positive_weight) {
  // Everything is nearest to 0 at first; the farthest point, 10, has weight 0, so the empty
  // cluster takes 5 (scikit-learn 1.2 would take 10 with weight 0 and move the cluster to 0).
  const Tensor<double> x = Tensor<double>{0.0, 0.1, 0.2, 10.0, 5.0}.reshape({5, 1});
  const Tensor<double> w{1.0, 1.0, 1.0, 0.0, 1.0};
  const Tensor<double> init = Tensor<double>{0.0, 100.0}.reshape({2, 1});
  const auto dense = kmeans(x, init, {.k = 2, .max_iter = 1, .tol = 0}, w);
  const auto csr = kmeans(sparse::CscMatrix<double>::from_dense(x).tocsr(), init,
                          {.k = 2, .max_iter = 1, .tol = 0}, w);
  for (const auto* r : {&dense, &csr}) {
    EXPECT_EQ(r->reseeded, 1);
    EXPECT_NEAR(r->centroids(0, 0), 0.1, 1e-15);
    EXPECT_EQ(r->centroids(1, 0), 5.0);
  }
}
