// ArgminPlan against a plain triple loop. Integer-valued operands make every score exact in
// float and double, so labels and minima compare exactly and ties (frequent with small
// integers) check the lowest-index rule.
#include <einspan/einsum.hpp>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <support/counting_new.hpp>
#include <support/expect_error.hpp>

using namespace einspan;
using einspan_test::expect_error;

namespace {

template <class T>
Tensor<T> small_integers(Dims shape, std::mt19937& rng, int low = -3, int high = 3) {
  Tensor<T> t = zeros<T>(shape);
  std::uniform_int_distribution<int> value(low, high);
  T* p = t.data();
  for (index_t i = 0; i < t.size(); ++i) p[i] = static_cast<T>(value(rng));
  return t;
}

struct Expected {
  std::vector<std::int64_t> labels;
  std::vector<double> minima;
};

// argmin_j offset[j] + scale * sum_p x[i, p] c[j, p], the first j on ties; c is (k, d).
template <class T>
Expected brute_force(const Tensor<T>& x, const Tensor<T>& c, const Tensor<T>& offset, double scale) {
  Expected e;
  for (index_t i = 0; i < x.dim(0); ++i) {
    double best = std::numeric_limits<double>::infinity();
    std::int64_t best_j = 0;
    for (index_t j = 0; j < c.dim(0); ++j) {
      double dot = 0;
      for (index_t p = 0; p < x.dim(1); ++p) dot += static_cast<double>(x(i, p)) * static_cast<double>(c(j, p));
      const double score = static_cast<double>(offset(j)) + scale * dot;
      if (score < best) {
        best = score;
        best_j = j;
      }
    }
    e.labels.push_back(best_j);
    e.minima.push_back(best);
  }
  return e;
}

template <class T>
void expect_matches(const Expected& e, const Tensor<std::int64_t>& labels, const Tensor<T>& minima,
                    const std::string& what) {
  ASSERT_EQ(static_cast<std::size_t>(labels.size()), e.labels.size()) << what;
  for (index_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(labels(i), e.labels[static_cast<std::size_t>(i)]) << what << " row " << i;
    EXPECT_EQ(static_cast<double>(minima(i)), e.minima[static_cast<std::size_t>(i)]) << what << " row " << i;
  }
}

template <class T>
class ArgminPlanTyped : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(ArgminPlanTyped, FloatTypes);

// Every tile-height remainder and panel-width remainder of both vector widths, with depths
// below, at and above a vector.
TYPED_TEST(ArgminPlanTyped, MatchesBruteForceOverShapes) {
  using T = TypeParam;
  std::mt19937 rng(7);
  for (index_t m : {1, 5, 6, 7, 8, 9, 13, 50})
    for (index_t k : {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 23, 24, 25, 26, 31, 33, 49, 64})
      for (index_t d : {1, 2, 3, 26}) {
        const Tensor<T> x = small_integers<T>({m, d}, rng);
        const Tensor<T> c = small_integers<T>({k, d}, rng);
        const Tensor<T> offset = small_integers<T>({k}, rng, -8, 8);
        for (T scale : {T{1}, T{-1}, T{2}}) {
          ArgminPlan<T> plan("nd,kd->nk", c, offset, scale);
          Tensor<std::int64_t> labels = full<std::int64_t>({m}, -7);
          Tensor<T> minima = zeros<T>({m});
          plan(x, labels, minima);
          expect_matches(brute_force(x, c, offset, static_cast<double>(scale)), labels, minima,
                         fmt::format("m={} k={} d={} scale={}", m, k, d, scale));
        }
      }
}

TYPED_TEST(ArgminPlanTyped, SecondOperandTransposedAndAnyLetters) {
  using T = TypeParam;
  std::mt19937 rng(11);
  const Tensor<T> x = small_integers<T>({37, 5}, rng);
  const Tensor<T> c = small_integers<T>({19, 5}, rng);
  const Tensor<T> offset = small_integers<T>({19}, rng);
  const Tensor<T> c_t = c.T().copy();  // (d, k), C order
  ArgminPlan<T> plan("ij,jk->ik", c_t, offset);
  Tensor<std::int64_t> labels = zeros<std::int64_t>({37});
  Tensor<T> minima = zeros<T>({37});
  plan(x, labels, minima);
  expect_matches(brute_force(x, c, offset, 1.0), labels, minima, "ij,jk->ik");
}

// Views as operands: x with a row step and x transposed (rows not unit-stride, copied), c as a
// transposed view, labels and minima written through strides.
TYPED_TEST(ArgminPlanTyped, StridedOperandsAndOutputs) {
  using T = TypeParam;
  std::mt19937 rng(3);
  const Tensor<T> big = small_integers<T>({40, 9}, rng);
  const Tensor<T> x = big[{slice(1, _, 3), slice(0, 7)}];  // (13, 7), row stride 27
  const Tensor<T> x_t = small_integers<T>({7, 13}, rng).T();  // (13, 7), element stride 13
  const Tensor<T> c_storage = small_integers<T>({7, 10}, rng);
  const Tensor<T> c = c_storage.T();  // (10, 7) view of a (7, 10) buffer
  const Tensor<T> offset = small_integers<T>({10}, rng);
  ArgminPlan<T> plan("nd,kd->nk", c, offset, T{-1});
  for (const Tensor<T>& rows : {x, x_t}) {
    Tensor<std::int64_t> label_storage = full<std::int64_t>({26}, -1);
    Tensor<T> minima_storage = zeros<T>({13, 2});
    const Tensor<std::int64_t> labels = label_storage[{slice(_, _, -2)}];
    const Tensor<T> minima = minima_storage[{_, 1}];
    plan(rows, labels, minima);
    expect_matches(brute_force(rows, c, offset, -1.0), labels, minima, "strided");
    for (index_t i = 0; i < 26; i += 2) EXPECT_EQ(label_storage(i), -1) << "label slot " << i << " is not in the view";
    for (index_t i = 0; i < 13; ++i) EXPECT_EQ(minima_storage(i, 0), T{0}) << "minima column 0 is not in the view";
  }
}

// The k-means use: offset 0.5 ||c||^2 and scale -1 pick the nearest centroid (real-valued data,
// so the check is on distances, computed directly, not on exact labels).
TEST(ArgminPlan, NearestCentroidByExpandedNorm) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  const index_t n = 500, k = 26, d = 26;
  Tensor<double> x = zeros<double>({n, d}), c = zeros<double>({k, d}), half = zeros<double>({k});
  for (index_t i = 0; i < n; ++i)
    for (index_t p = 0; p < d; ++p) x(i, p) = u(rng);
  for (index_t j = 0; j < k; ++j)
    for (index_t p = 0; p < d; ++p) c(j, p) = u(rng);
  for (index_t j = 0; j < k; ++j)
    for (index_t p = 0; p < d; ++p) half(j) += 0.5 * c(j, p) * c(j, p);
  Tensor<std::int64_t> labels = zeros<std::int64_t>({n});
  ArgminPlan<double>("nd,kd->nk", c, half, -1.0)(x, labels);
  for (index_t i = 0; i < n; ++i) {
    auto dist = [&](index_t j) {
      double s = 0;
      for (index_t p = 0; p < d; ++p) s += (x(i, p) - c(j, p)) * (x(i, p) - c(j, p));
      return s;
    };
    double nearest = dist(0);
    for (index_t j = 1; j < k; ++j) nearest = std::min(nearest, dist(j));
    EXPECT_LE(dist(labels(i)), nearest * (1 + 1e-12)) << "row " << i;
  }
}

TEST(ArgminPlan, ResetRepacksWithoutAllocating) {
  std::mt19937 rng(9);
  const Tensor<double> x = small_integers<double>({29, 6}, rng);
  const Tensor<double> c1 = small_integers<double>({11, 6}, rng), c2 = small_integers<double>({11, 6}, rng);
  const Tensor<double> o1 = small_integers<double>({11}, rng), o2 = small_integers<double>({11}, rng);
  ArgminPlan<double> plan("nd,kd->nk", c1, o1);
  Tensor<std::int64_t> labels = zeros<std::int64_t>({29});
  Tensor<double> minima = zeros<double>({29});
  const long allocations = einspan_test::allocations_during([&] {
    plan.reset(c2, o2);
    plan(x, labels, minima);
    plan(x, labels);
  });
  EXPECT_EQ(allocations, 0);
  expect_matches(brute_force(x, c2, o2, 1.0), labels, minima, "after reset");
  EXPECT_EQ(plan.rows_of_c(), 11);
  EXPECT_EQ(plan.depth(), 6);
}

// NaN scores are skipped as np.nanargmin does; a row with nothing below +inf gets label 0.
TEST(ArgminPlan, NanScoresAreSkipped) {
  const Tensor<double> x = from_vector<double>({1, 1, std::nan(""), 1}, {2, 2});
  const Tensor<double> c = from_vector<double>({1, 0, 0, 1, 1, 1}, {3, 2});
  const Tensor<double> offset = from_vector<double>({std::nan(""), 5, 4}, {3});
  Tensor<std::int64_t> labels = zeros<std::int64_t>({2});
  Tensor<double> minima = zeros<double>({2});
  ArgminPlan<double>("nd,kd->nk", c, offset)(x, labels, minima);
  EXPECT_EQ(labels(0), 1);  // scores: nan, 6, 6 -> the first of the tie
  EXPECT_EQ(minima(0), 6.0);
  EXPECT_EQ(labels(1), 0);  // every score NaN
  EXPECT_EQ(minima(1), std::numeric_limits<double>::infinity());
}

TEST(ArgminPlan, EmptyBlockIsANoOp) {
  const Tensor<double> c = ones<double>({3, 2}), offset = zeros<double>({3});
  Tensor<std::int64_t> labels = zeros<std::int64_t>({0});
  ArgminPlan<double>("nd,kd->nk", c, offset)(zeros<double>({0, 2}), labels);
  EXPECT_EQ(labels.size(), 0);
}

TEST(ArgminPlan, ErrorsNameSpecAndShapes) {
  const Tensor<double> c = ones<double>({4, 3}), offset = zeros<double>({4});
  for (const char* spec : {"nd,kd->kn", "nd,kd->n", "nd,kd", "nd,nd->nn", "...d,kd->nk", "nd,kdd->nk"})
    expect_error<ValueError>([&] { ArgminPlan<double>(spec, c, offset); }, spec);
  expect_error<ValueError>([&] { ArgminPlan<double>("nd,kd,kd->nk", c, offset); }, "2 operands given");
  expect_error<ShapeError>([&] { ArgminPlan<double>("nd,kd->nk", ones<double>({4}), offset); }, "(4,)");
  expect_error<ShapeError>([&] { ArgminPlan<double>("nd,kd->nk", c, zeros<double>({3})); }, "offset has shape (3,), expected (4,)");
  expect_error<ShapeError>([&] { ArgminPlan<double>("nd,dk->nk", c, offset); }, "offset has shape (4,), expected (3,)");
  expect_error<ValueError>([&] { ArgminPlan<double>("nd,kd->nk", zeros<double>({0, 3}), zeros<double>({0})); },
                           "no columns");
  ArgminPlan<double> plan("nd,kd->nk", c, offset);
  Tensor<std::int64_t> labels = zeros<std::int64_t>({5});
  expect_error<ShapeError>([&] { plan(ones<double>({5, 2}), labels); }, "first operand has shape (5, 2), expected (m, 3)");
  expect_error<ShapeError>([&] { plan(ones<double>({6, 3}), labels); }, "labels have shape (5,), expected (6,)");
  Tensor<double> minima = zeros<double>({4});
  expect_error<ShapeError>([&] { plan(ones<double>({5, 3}), labels, minima); }, "min_values have shape (4,)");
  expect_error<ShapeError>([&] { plan.reset(ones<double>({3, 3}), zeros<double>({3})); }, "expected (4, 3)");
}

}  // namespace
