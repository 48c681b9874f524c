// Lazy, fused expressions (expression.hpp) against the eager operators as an independent oracle:
// evaluate(e) and sum(e, ...) must equal the same expression computed eagerly (allclose, same shape
// and type) on random data, over broadcasting, strided/transposed/reversed leaves, scalars, 0-d and
// empty shapes, out-parameters and errors. Also: the lazy overloads never take Tensor op Tensor,
// and an expression keeps its operands alive.
#include <cmath>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <type_traits>

#include "support/counting_new.hpp"
#include "support/expect_error.hpp"

using namespace einspan;

using einspan_test::allocations_during;
using einspan_test::expect_error;

namespace {

template <class T>
Tensor<T> random_tensor(Dims shape, unsigned seed, double lo = -3, double hi = 3) {
  auto t = empty<T>(shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  for (T& x : t) x = static_cast<T>(u(rng));
  return t;
}

// Same shape, same element type, close values.
template <class A, class B>
void expect_same(const Tensor<A>& got, const Tensor<B>& want, double rtol = 1e-12) {
  static_assert(std::is_same_v<A, B>, "lazy and eager results differ in element type");
  ASSERT_EQ(got.shape(), want.shape());
  EXPECT_TRUE(allclose(got, want, rtol, 1e-12)) << array_repr(got) << "\nwant\n" << array_repr(want);
}

// ---- the lazy overloads leave eager Tensor op Tensor alone ----------------------------------------

TEST(expression, tensor_op_tensor_stays_eager) {
  const auto a = random_tensor<double>({4, 3}, 1), b = random_tensor<double>({3}, 2);
  static_assert(std::is_same_v<decltype(a - b), Tensor<double>>);
  static_assert(std::is_same_v<decltype(square(a - b)), Tensor<double>>);
  static_assert(std::is_same_v<decltype(-a), Tensor<double>>);
  static_assert(std::is_same_v<decltype(minimum(a, b)), Tensor<double>>);
  static_assert(std::is_same_v<decltype(a * 2.0), Tensor<double>>);
  static_assert(Expression<decltype(lazy(a))>);
  static_assert(Expression<decltype(lazy(a) - b)>);
  static_assert(Expression<decltype(a - lazy(b))>);
  static_assert(Expression<decltype(2.0 * lazy(a))>);
  static_assert(Expression<decltype(-lazy(a))>);
  static_assert(!Expression<Tensor<double>>);
  static_assert(std::is_same_v<decltype(sum(lazy(a) - b, 1)), Tensor<double>>);
}

// ---- the workshop's broadcasting examples ---------------------------------------------------------

TEST(expression, broadcasts_row_over_matrix) {
  const auto a = random_tensor<double>({4, 3}, 3), b = random_tensor<double>({3}, 4);
  const auto e = lazy(a) + b;
  EXPECT_EQ(e.shape(), (Dims{4, 3}));
  expect_same(evaluate(e), a + b);
  expect_same(evaluate(b + lazy(a)), b + a);
}

TEST(expression, broadcasts_column_against_row) {
  const auto a = random_tensor<double>({4, 1}, 5), b = random_tensor<double>({3}, 6);
  const auto e = lazy(a) * b;
  EXPECT_EQ(e.shape(), (Dims{4, 3}));
  expect_same(evaluate(e), a * b);
  // The inner axis is broadcast (stride 0) for a: the strided path.
  expect_same(evaluate(lazy(a) - lazy(b)), a - b);
}

TEST(expression, mismatch_throws_at_construction_naming_both_shapes) {
  const auto a = random_tensor<double>({4, 3}, 7), b = random_tensor<double>({1, 4}, 8);
  expect_error<ShapeError>([&] { (void)(lazy(a) + b); }, "(4,3) (1,4)");
  expect_error<ShapeError>([&] { (void)(square(lazy(a)) - b); }, "(4,3) (1,4)");
  expect_error<ShapeError>([&] { (void)(b * lazy(a)); }, "(1,4) (4,3)");
}

// ---- the k-means lines --------------------------------------------------------------------------

TEST(expression, kmeans_v4_assignment_line) {
  const auto data = random_tensor<double>({50, 7}, 9), centroids = random_tensor<double>({5, 7}, 10);
  const auto lazy_dist = sum(square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]), 2);
  const auto eager_dist = sum(square(data[{_, newaxis}] - centroids[{newaxis}]), 2);
  expect_same(lazy_dist, eager_dist);
  EXPECT_TRUE(array_equal(argmin(lazy_dist, 1), argmin(eager_dist, 1)));
  // The workshop's sizes (d = 26: three chunks of eight plus a tail of two).
  const auto big = random_tensor<double>({300, 26}, 11), cent = random_tensor<double>({26, 26}, 12);
  expect_same(sum(square(lazy(big[{_, newaxis}]) - cent[{newaxis}]), 2),
              sum(square(big[{_, newaxis}] - cent[{newaxis}]), 2));
}

TEST(expression, kmeans_row_broadcast_line) {
  const auto data = random_tensor<double>({300, 26}, 13), centroids = random_tensor<double>({26, 26}, 14);
  expect_same(sum(square(lazy(data) - centroids[0]), 1), sum(square(data - centroids[0]), 1));
  expect_same(evaluate(square(lazy(data) - centroids[0])), square(data - centroids[0]));
}

// ---- views as leaves ----------------------------------------------------------------------------

TEST(expression, strided_transposed_and_reversed_leaves) {
  const auto base = random_tensor<double>({8, 10}, 15);
  const auto strided = base[{slice(_, _, 2), slice(1, _, 3)}];  // (4, 3), strides (20, 3)
  const auto transposed = random_tensor<double>({3, 4}, 16).T();  // (4, 3), strides (1, 4)
  const auto reversed = random_tensor<double>({4, 3}, 17)[{slice(_, _, -1), slice(_, _, -1)}];
  const auto e = square(lazy(strided) - transposed) * reversed + 1.5;
  expect_same(evaluate(e), square(strided - transposed) * reversed + 1.5);
  expect_same(sum(e, 0), sum(square(strided - transposed) * reversed + 1.5, 0));
  expect_same(sum(e, 1), sum(square(strided - transposed) * reversed + 1.5, 1));
  // A fully transposed operand pair.
  const auto m = random_tensor<double>({5, 6}, 18);
  expect_same(evaluate(lazy(m.T()) * m.T()), m.T() * m.T());
  expect_same(sum(lazy(m.T()) / 3.0, 1), sum(m.T() / 3.0, 1));
}

TEST(expression, unary_and_binary_functions) {
  const auto a = random_tensor<double>({6, 5}, 19), b = random_tensor<double>({5}, 20, 0.5, 4);
  expect_same(evaluate(abs(lazy(a))), abs(a));
  expect_same(evaluate(-lazy(a) + b), -a + b);
  expect_same(evaluate(negative(lazy(a))), negative(a));
  expect_same(evaluate(sqrt(lazy(b) * 2.0)), sqrt(b * 2.0));
  expect_same(evaluate(exp(lazy(a))), exp(a));
  expect_same(evaluate(log(lazy(a) * a + 1.0)), log(a * a + 1.0));
  expect_same(evaluate(minimum(lazy(a), b)), minimum(a, b));
  expect_same(evaluate(maximum(a, lazy(b) - 2.0)), maximum(a, b - 2.0));
  expect_same(evaluate(divide(lazy(a), b)), a / b);
  expect_same(evaluate(add(subtract(lazy(a), b), multiply(lazy(a), b))), (a - b) + a * b);
}

TEST(expression, minimum_propagates_nan) {
  const Tensor<double> a{1.0, std::numeric_limits<double>::quiet_NaN(), 3.0};
  const Tensor<double> b{std::numeric_limits<double>::quiet_NaN(), 2.0, 1.0};
  const auto got = evaluate(minimum(lazy(a), b));
  EXPECT_TRUE(std::isnan(got(0)));
  EXPECT_TRUE(std::isnan(got(1)));
  EXPECT_EQ(got(2), 1.0);
}

// ---- scalars ------------------------------------------------------------------------------------

TEST(expression, scalars_on_both_sides) {
  const auto a = random_tensor<double>({3, 4}, 21, 0.5, 3);
  expect_same(evaluate(2.0 * lazy(a)), 2.0 * a);
  expect_same(evaluate(lazy(a) * 2), a * 2);
  expect_same(evaluate(1 - lazy(a)), 1 - a);
  expect_same(evaluate(lazy(a) - 1), a - 1);
  expect_same(evaluate(1.0 / lazy(a)), 1.0 / a);
  expect_same(evaluate(lazy(a) / 4.0), a / 4.0);
  expect_same(evaluate(minimum(lazy(a), 1.0)), minimum(a, 1.0));
  expect_same(evaluate(maximum(2, lazy(a))), maximum(2, a));
}

// ---- 0-d and zero-size --------------------------------------------------------------------------

TEST(expression, zero_d_operands) {
  const auto s = scalar<double>(2.5), a = random_tensor<double>({3}, 22);
  const auto e = lazy(s) * s + 1.0;
  EXPECT_EQ(e.shape(), Dims{});
  expect_same(evaluate(e), s * s + 1.0);
  EXPECT_EQ(evaluate(e).item(), 7.25);
  expect_same(evaluate(lazy(s) - a), s - a);
  expect_same(sum(e), sum(s * s + 1.0));
  expect_same(mean(lazy(a) - s), mean(a - s));
}

TEST(expression, zero_size_shapes) {
  const auto a = zeros<double>({0, 3}), b = random_tensor<double>({3}, 23);
  const auto e = square(lazy(a) - b);
  EXPECT_EQ(e.shape(), (Dims{0, 3}));
  expect_same(evaluate(e), square(a - b));
  expect_same(sum(e, 0), sum(square(a - b), 0));  // sum of nothing: zeros of shape (3,)
  expect_same(sum(e, 1), sum(square(a - b), 1));  // shape (0,)
  EXPECT_EQ(sum(e).item(), 0.0);
  EXPECT_TRUE(std::isnan(mean(e).item()));
}

// ---- reductions ---------------------------------------------------------------------------------

TEST(expression, sum_over_each_axis_all_axes_and_keepdims) {
  const auto a = random_tensor<double>({4, 5, 6}, 24), b = random_tensor<double>({5, 1}, 25);
  const auto e = square(lazy(a) - b) * 0.5;
  const auto eager = square(a - b) * 0.5;
  for (index_t axis = -3; axis < 3; ++axis) {
    SCOPED_TRACE(axis);
    expect_same(sum(e, axis), sum(eager, axis));
    expect_same(sum(e, axis, true), sum(eager, axis, true));
    expect_same(mean(e, axis), mean(eager, axis));
  }
  expect_same(sum(e), sum(eager));
  expect_same(sum(e, Axes::all(), true), sum(eager, Axes::all(), true));
  expect_same(sum(e, {0, 2}), sum(eager, {0, 2}));
  expect_same(sum(e, {1, 2}, true), sum(eager, {1, 2}, true));
  expect_same(mean(e, {0, 1}), mean(eager, {0, 1}));
  expect_error<AxisError>([&] { (void)sum(e, 3); }, "axis 3 is out of bounds for array of dimension 3");
  expect_error<ValueError>([&] { (void)sum(e, {1, 1}); }, "duplicate value in 'axis'");
}

TEST(expression, long_sums_are_accurate) {
  // Longer than one pairwise block (4096) in the run, and every tail length 0..7.
  for (const index_t n : {10000, 8193, 8199}) {
    const auto a = random_tensor<double>({2, n}, 26), b = random_tensor<double>({n}, 27);
    expect_same(sum(lazy(a) * b, 1), sum(a * b, 1), 1e-10);
    expect_same(sum(lazy(a) * b), sum(a * b), 1e-10);
  }
  for (index_t n = 1; n <= 17; ++n) {
    const auto a = random_tensor<double>({3, n}, 28);
    expect_same(sum(lazy(a) + 1.0, 1), sum(a + 1.0, 1));
  }
}

TEST(expression, large_expressions_split_across_threads) {
  // Above 2^20 elements the outermost dimension is split across OpenMP threads.
  const auto data = random_tensor<double>({1500, 30}, 42), centroids = random_tensor<double>({25, 30}, 43);
  const auto e = square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]);  // (1500, 25, 30)
  const auto eager = square(data[{_, newaxis}] - centroids[{newaxis}]);
  expect_same(evaluate(e), eager);
  expect_same(sum(e, 2), sum(eager, 2));
  expect_same(sum(e, 1), sum(eager, 1));
  expect_same(sum(e, 0), sum(eager, 0), 1e-10);
}

TEST(expression, row_sums_do_not_depend_on_grouping) {
  // Rows are summed four at a time; each must get exactly the bits it gets alone.
  const auto a = random_tensor<double>({7, 29}, 40), b = random_tensor<double>({29}, 41);
  const auto all = sum(square(lazy(a) - b), 1);
  for (index_t r = 0; r < 7; ++r) {
    const auto one = sum(square(lazy(a[{slice(r, r + 1)}]) - b), 1);
    EXPECT_EQ(all(r), one(0)) << "row " << r;
  }
}

TEST(expression, sum_into_out) {
  const auto a = random_tensor<double>({6, 4}, 29), b = random_tensor<double>({4}, 30);
  auto out = full<double>({6}, 99.0);
  sum(square(lazy(a) - b), 1, out);
  expect_same(out, sum(square(a - b), 1));
  auto kept = full<double>({1, 4}, 99.0);
  sum(square(lazy(a) - b), 0, kept);
  expect_same(kept, sum(square(a - b), 0, true));
  expect_error<ShapeError>([&] { sum(lazy(a) - b, 1, zeros<double>({4})); }, "(4,)");
  expect_error<ValueError>([&] { sum(lazy(a) - b, 1, a[{_, 0}]); }, "overlaps");
}

// ---- evaluate into out --------------------------------------------------------------------------

TEST(expression, evaluate_into_out_allocates_nothing) {
  const auto a = random_tensor<double>({5, 3}, 31), b = random_tensor<double>({3}, 32);
  auto out = zeros<double>({5, 3});
  const auto e = square(lazy(a) - b) + 1.0;
  const long count = allocations_during([&] { evaluate(e, out); });
  EXPECT_EQ(count, 0);
  expect_same(out, square(a - b) + 1.0);
  // Into a transposed view and a float tensor (same_kind cast).
  auto t = zeros<double>({3, 5});
  evaluate(e, t.T());
  expect_same(t.T().copy(), square(a - b) + 1.0);
  auto f = zeros<float>({5, 3});
  evaluate(e, f);
  EXPECT_TRUE(allclose(f, square(a - b) + 1.0, 1e-6, 1e-6));
  expect_error<ShapeError>([&] { evaluate(e, zeros<double>({3, 5})); }, "(3,5)");
  expect_error<ShapeError>([&] { evaluate(e, zeros<double>({5, 3, 1})); }, "(5,3)");
}

TEST(expression, evaluate_into_an_operand) {
  // The very same view: read then written element by element.
  auto a = random_tensor<double>({4, 4}, 33);
  const auto want = a * 2.0 + 1.0;
  evaluate(lazy(a) * 2.0 + 1.0, a);
  expect_same(a, want);
  // Overlapping another way (transposed, shifted): the leaf is copied first, as NumPy does.
  auto m = random_tensor<double>({4, 4}, 34);
  const auto want_t = m + m.T();
  evaluate(lazy(m) + m.T(), m);
  expect_same(m, want_t);
  auto v = random_tensor<double>({9}, 35);
  const auto want_s = v[{slice(0, 8)}] * 3.0;
  evaluate(lazy(v[{slice(0, 8)}]) * 3.0, v[{slice(1, 9)}]);
  expect_same(v[{slice(1, 9)}].copy(), want_s);
}

// ---- types --------------------------------------------------------------------------------------

TEST(expression, promotes_as_the_eager_operators) {
  const auto f = random_tensor<float>({4, 3}, 36);
  const auto d = random_tensor<double>({3}, 37);
  static_assert(std::is_same_v<decltype(lazy(f) * 2.0)::value_type, float>);   // weak scalar
  static_assert(std::is_same_v<decltype(lazy(f) - d)::value_type, double>);
  static_assert(std::is_same_v<decltype(square(lazy(d) - f))::value_type, double>);
  expect_same(evaluate(lazy(f) - d), f - d);
  expect_same(evaluate(square(lazy(f) * 0.5f) + d), square(f * 0.5f) + d);
  expect_same(evaluate(lazy(f) * f), f * f);
  expect_same(sum(square(lazy(f) - f[0]), 1), sum(square(f - f[0]), 1));  // float sums stay float
  const auto i = arange<std::int32_t>(0, 12).reshape({4, 3});
  static_assert(std::is_same_v<decltype(lazy(i) + 1)::value_type, std::int32_t>);
  static_assert(std::is_same_v<decltype(lazy(i) / 2)::value_type, double>);
  static_assert(std::is_same_v<decltype(sqrt(lazy(i)))::value_type, double>);
  expect_same(evaluate(lazy(i) * 3 - i), i * 3 - i);
  expect_same(evaluate(lazy(i) / 2), i / 2);
  expect_same(evaluate(lazy(i) + f), i + f);
  expect_same(sum(lazy(i) * i, 0), sum(i * i, 0));  // int64
  expect_same(mean(lazy(i) + 1, 1), mean(i + 1, 1));
  expect_error<ValueError>([&] { (void)(lazy(i) + (std::int64_t{1} << 40)); }, "out of bounds for int32");
  const Tensor<bool> mask{true, false, true};
  static_assert(std::is_same_v<decltype(lazy(mask) + 1)::value_type, std::int64_t>);
  expect_same(evaluate(lazy(mask) + 1), mask + 1);
  expect_same(sum(lazy(mask) * mask), sum(mask * mask));  // int64
  const auto big = arange<std::int64_t>(0, 6) * std::int64_t{1'000'000'000'000};
  expect_same(evaluate(lazy(big) - big[{slice(_, _, -1)}]), big - big[{slice(_, _, -1)}]);
}

// ---- lifetime -----------------------------------------------------------------------------------

TEST(expression, keeps_its_operands_alive) {
  auto make = [] {
    const auto a = random_tensor<double>({4, 3}, 38);
    const auto b = random_tensor<double>({3}, 39);
    auto e = square(lazy(a[{slice(_, _, -1)}]) - b) * 2.0;  // a view of a temporary, too
    return e;                                               // a and b are destroyed here
  };
  const auto e = make();
  const auto a = random_tensor<double>({4, 3}, 38), b = random_tensor<double>({3}, 39);
  expect_same(evaluate(e), square(a[{slice(_, _, -1)}] - b) * 2.0);
  expect_same(sum(e, 1), sum(square(a[{slice(_, _, -1)}] - b) * 2.0, 1));
}

TEST(expression, reads_elements_at_evaluation) {
  auto a = zeros<double>({3});
  const auto e = lazy(a) + 1.0;
  a.fill(5.0);
  EXPECT_TRUE(array_equal(evaluate(e), full<double>({3}, 6.0)));
}

}  // namespace
