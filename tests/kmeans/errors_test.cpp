// k-means argument errors: each is a typed einspan error whose message names the problem.
#include <gtest/gtest.h>

#include "support/expect_error.hpp"

#include <cmath>
#include <einspan/kmeans.hpp>
#include <einspan/tensor/create.hpp>
#include <limits>
#include <string>

using namespace einspan;

using einspan_test::expect_error;

namespace {

Tensor<double> grid(index_t n, index_t d) {
  Tensor<double> x = empty<double>({n, d});
  index_t i = 0;
  for (double& v : x) v = static_cast<double>(i++ % 7);
  return x;
}

}  // namespace

TEST(kmeans_errors, k_must_be_positive) {
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = 0}); }, "k must be positive, got 0");
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = -3}); }, "got -3");
}

TEST(kmeans_errors, k_larger_than_n) {
  expect_error<ValueError>([] { kmeans(grid(4, 2), {.k = 5}); }, "k=5 is larger than the number of samples n=4");
}

TEST(kmeans_errors, empty_data) {
  expect_error<ValueError>([] { kmeans(empty<double>({0, 3}), {.k = 1}); }, "data is empty (shape (0, 3))");
}

TEST(kmeans_errors, data_must_be_2d) {
  expect_error<ShapeError>([] { kmeans(zeros<double>({10}), {.k = 1}); }, "must be 2-d");
}

TEST(kmeans_errors, nan_and_infinity) {
  Tensor<double> x = grid(10, 2);
  x(3, 1) = std::numeric_limits<double>::quiet_NaN();
  expect_error<ValueError>([&] { kmeans(x, {.k = 2}); }, "NaN or infinity");
  Tensor<float> y = grid(10, 2).astype<float>();
  y(0, 0) = std::numeric_limits<float>::infinity();
  expect_error<ValueError>([&] { kmeans(y, {.k = 2}); }, "NaN or infinity");
}

TEST(kmeans_errors, initial_centroids_of_wrong_shape) {
  expect_error<ShapeError>([] { kmeans(grid(10, 2), zeros<double>({3, 4}), {.k = 3}); },
                           "initial centroids have shape (3, 4), expected (3, 2)");
  expect_error<ShapeError>([] { kmeans(grid(10, 2), zeros<double>({2, 2}), {.k = 3}); }, "expected (3, 2)");
  expect_error<ShapeError>([] { kmeans(grid(10, 2), zeros<double>({6}), {.k = 3}); }, "shape (6,)");
  Tensor<double> c = zeros<double>({2, 2});
  c(1, 1) = std::numeric_limits<double>::quiet_NaN();
  expect_error<ValueError>([&] { kmeans(grid(10, 2), c, {.k = 2}); }, "initial centroids contain NaN");
}

TEST(kmeans_errors, bad_options) {
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = 2, .max_iter = 0}); }, "max_iter must be positive");
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = 2, .tol = -1}); }, "tol must be >= 0");
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = 2, .n_init = 0}); }, "n_init must be positive");
  expect_error<ValueError>([] { kmeans(grid(10, 2), {.k = 2, .min_work_per_thread = -1}); },
                           "min_work_per_thread must be >= 0, got -1");
  expect_error<ValueError>([] { parse_kmeans_init("kmeans++"); }, "got \"kmeans++\"");
  EXPECT_TRUE((std::is_base_of_v<Error, ValueError>));
}
