// Elementwise math: every operation against a plain loop over multi-indices that reads operands
// through their raw shape/strides, over contiguous, transposed, strided, reversed, broadcast and
// 0-d operands; NumPy's promotion table; integer edge cases; in-place and out forms; errors.
#include <cmath>
#include <cstdlib>
#include <einspan/tensor.hpp>
#include <functional>
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support/counting_new.hpp"
#include "support/multi_index.hpp"

using namespace einspan;

using einspan_test::allocations;

namespace {

using Index_ = einspan_test::MultiIndex;
using einspan_test::all_indices;

// t's element at a multi-index of a (possibly larger) broadcast shape: right-aligned, size-1
// dimensions pinned to 0, offset computed from the raw strides.
template <class T>
T at_broadcast(const Tensor<T>& t, const Index_& idx) {
  const std::size_t pad = idx.size() - t.ndim();
  index_t off = t.offset();
  for (std::size_t k = 0; k < t.ndim(); ++k) off += (t.shape()[k] == 1 ? 0 : idx[pad + k]) * t.strides()[k];
  return t.buffer().get()[off];
}

template <class T>
Tensor<T> random_tensor(Dims shape, std::mt19937& rng, double lo = -4, double hi = 4) {
  auto t = empty<T>(shape);
  std::uniform_real_distribution<double> u(lo, hi);
  for (T& x : t) x = static_cast<T>(std::is_integral_v<T> ? std::round(u(rng)) : u(rng));
  return t;
}

// Operands of logical shape (3,4) or broadcastable to it, with every stride pattern.
template <class T>
std::vector<std::pair<std::string, Tensor<T>>> operand_zoo(std::mt19937& rng) {
  return {
      {"contiguous", random_tensor<T>({3, 4}, rng)},
      {"transposed", random_tensor<T>({4, 3}, rng).T()},
      {"strided", random_tensor<T>({3, 8}, rng)[{_, slice(_, _, 2)}]},
      {"reversed", random_tensor<T>({3, 4}, rng)[{slice(_, _, -1), slice(_, _, -1)}]},
      {"row", random_tensor<T>({4}, rng)},
      {"column", random_tensor<T>({3, 1}, rng)},
      {"zero_d", random_tensor<T>({}, rng)},
      {"broadcast_view", random_tensor<T>({4}, rng).broadcast_to({3, 4})},
  };
}

template <class R, class X, class Y, class Ref>
void expect_matches(const Tensor<R>& got, const Tensor<X>& x, const Tensor<Y>& y, Ref ref, const std::string& what) {
  const Dims shape = broadcast_shapes({x.shape(), y.shape()});
  ASSERT_EQ(got.shape(), shape) << what;
  for (const Index_& idx : all_indices(shape)) {
    const R expected = static_cast<R>(ref(at_broadcast(x, idx), at_broadcast(y, idx)));
    const R actual = at_broadcast(got, idx);
    if constexpr (std::is_floating_point_v<R>) {
      if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(actual)) << what;
        continue;
      }
    }
    EXPECT_EQ(actual, expected) << what;
  }
}

}  // namespace

// ---- promotion --------------------------------------------------------------------------------

static_assert(std::is_same_v<promote_t<bool, bool>, bool>);
static_assert(std::is_same_v<promote_t<bool, std::int32_t>, std::int32_t>);
static_assert(std::is_same_v<promote_t<std::int32_t, std::int64_t>, std::int64_t>);
static_assert(std::is_same_v<promote_t<std::int32_t, float>, double>);
static_assert(std::is_same_v<promote_t<std::int64_t, float>, double>);
static_assert(std::is_same_v<promote_t<float, std::int32_t>, double>);
static_assert(std::is_same_v<promote_t<bool, float>, float>);
static_assert(std::is_same_v<promote_t<float, double>, double>);
static_assert(std::is_same_v<promote_t<float, float>, float>);
static_assert(std::is_same_v<scalar_promote_t<float, double>, float>);
static_assert(std::is_same_v<scalar_promote_t<std::int32_t, int>, std::int32_t>);
static_assert(std::is_same_v<scalar_promote_t<std::int32_t, double>, double>);
static_assert(std::is_same_v<scalar_promote_t<bool, int>, std::int64_t>);
static_assert(std::is_same_v<scalar_promote_t<bool, bool>, bool>);
static_assert(std::is_same_v<decltype(Tensor<float>() * 0.5), Tensor<float>>);
static_assert(std::is_same_v<decltype(Tensor<std::int32_t>() / Tensor<std::int32_t>()), Tensor<double>>);
static_assert(std::is_same_v<decltype(Tensor<float>() / 2), Tensor<float>>);
static_assert(std::is_same_v<decltype(Tensor<std::int64_t>() < 2.5), Tensor<bool>>);
static_assert(std::is_same_v<decltype(sqrt(Tensor<std::int32_t>())), Tensor<double>>);
static_assert(std::is_same_v<decltype(sqrt(Tensor<float>())), Tensor<float>>);
static_assert(std::is_same_v<decltype(square(Tensor<std::int32_t>())), Tensor<std::int32_t>>);
static_assert(std::is_same_v<decltype(where(Tensor<bool>(), Tensor<std::int32_t>(), 0.5)), Tensor<double>>);
static_assert(std::is_same_v<decltype(where(Tensor<bool>(), 1, 0)), Tensor<std::int64_t>>);

// Same-kind casting for in-place operators: int += double must not compile, double += int must.
template <class A, class B>
concept can_add_assign = requires(const A& a, const B& b) { a += b; };
static_assert(can_add_assign<Tensor<double>, Tensor<std::int32_t>>);
static_assert(can_add_assign<Tensor<std::int64_t>, Tensor<std::int32_t>>);
static_assert(!can_add_assign<Tensor<std::int32_t>, double>);
static_assert(!can_add_assign<Tensor<std::int64_t>, Tensor<float>>);
template <class A, class B>
concept can_divide_assign = requires(const A& a, const B& b) { a /= b; };
static_assert(!can_divide_assign<Tensor<std::int32_t>, Tensor<std::int32_t>>);  // true division gives double
static_assert(can_divide_assign<Tensor<float>, int>);
template <class A, class B>
concept can_subtract = requires(const A& a, const B& b) { subtract(a, b); };
static_assert(can_subtract<Tensor<float>, Tensor<bool>>);

TEST(elementwise_promotion, mixed_tensor_values_follow_the_table) {
  const Tensor<std::int32_t> i = from_vector<std::int32_t>({1, 2, 3});
  const Tensor<float> f = from_vector<float>({0.5f, 0.25f, 0.1f});
  const Tensor<double> sum = i + f;  // int32 + float32 -> float64
  EXPECT_DOUBLE_EQ(sum(2), 3 + static_cast<double>(0.1f));
  const Tensor<bool> b = from_vector<bool>({true, false, true});
  const Tensor<bool> b_or = b + b;  // bool + bool is logical or
  const Tensor<bool> b_and = b * from_vector<bool>({true, true, false});
  EXPECT_EQ(std::vector<bool>(b_or.begin(), b_or.end()), (std::vector<bool>{true, false, true}));
  EXPECT_EQ(std::vector<bool>(b_and.begin(), b_and.end()), (std::vector<bool>{true, false, false}));
  const Tensor<std::int64_t> counted = b + 1;  // weak int with bool -> int64
  EXPECT_EQ(counted(0), 2);
  const Tensor<double> halves = i / 2;
  EXPECT_DOUBLE_EQ(halves(0), 0.5);
  const Tensor<std::int32_t> shifted = i + 1;
  EXPECT_EQ(shifted(2), 4);
  const Tensor<double> mixed = i + 1.5;
  EXPECT_DOUBLE_EQ(mixed(0), 2.5);
}

TEST(elementwise_promotion, integer_scalar_out_of_range_throws) {
  const Tensor<std::int32_t> i = from_vector<std::int32_t>({1, 2, 3});
  try {
    (void)(i + (std::int64_t{1} << 40));
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "Python integer 1099511627776 out of bounds for int32");
  }
  EXPECT_NO_THROW((void)(i + std::int64_t{2147483647}));
}

// ---- binary operations over every stride pattern ----------------------------------------------

TEST(elementwise_binary, every_operand_pair_matches_loop_oracle) {
  std::mt19937 rng(7);
  const auto xs = operand_zoo<double>(rng);
  const auto ys = operand_zoo<double>(rng);
  for (const auto& [xn, x] : xs) {
    for (const auto& [yn, y] : ys) {
      const std::string what = xn + " op " + yn;
      expect_matches(x + y, x, y, std::plus<>{}, what + " +");
      expect_matches(x - y, x, y, std::minus<>{}, what + " -");
      expect_matches(x * y, x, y, std::multiplies<>{}, what + " *");
      expect_matches(x / y, x, y, std::divides<>{}, what + " /");
      expect_matches(minimum(x, y), x, y, [](double a, double b) { return a < b ? a : b; }, what + " min");
      expect_matches(maximum(x, y), x, y, [](double a, double b) { return a > b ? a : b; }, what + " max");
      expect_matches(x < y, x, y, std::less<>{}, what + " <");
      expect_matches(x <= y, x, y, std::less_equal<>{}, what + " <=");
      expect_matches(x > y, x, y, std::greater<>{}, what + " >");
      expect_matches(x >= y, x, y, std::greater_equal<>{}, what + " >=");
      expect_matches(x == y, x, y, std::equal_to<>{}, what + " ==");
      expect_matches(x != y, x, y, std::not_equal_to<>{}, what + " !=");
    }
  }
}

TEST(elementwise_binary, mixed_types_over_views_match_loop_oracle) {
  std::mt19937 rng(8);
  const auto xs = operand_zoo<std::int32_t>(rng);
  const auto ys = operand_zoo<float>(rng);
  for (const auto& [xn, x] : xs) {
    for (const auto& [yn, y] : ys) {
      const Tensor<double> got = x * y;
      expect_matches(got, x, y, [](std::int32_t a, float b) { return static_cast<double>(a) * static_cast<double>(b); },
                     xn + " * " + yn);
    }
  }
}

TEST(elementwise_binary, scalars_on_either_side) {
  const auto a = from_vector<double>({1, 2, 3, 4}, {2, 2});
  const auto left = 10 - a, right = a - 10, scaled = 0.5 * a;
  const auto cmp = 2 < a;
  for (index_t i = 0; i < 2; ++i) {
    for (index_t j = 0; j < 2; ++j) {
      EXPECT_EQ(left(i, j), 10 - a(i, j));
      EXPECT_EQ(right(i, j), a(i, j) - 10);
      EXPECT_EQ(scaled(i, j), 0.5 * a(i, j));
      EXPECT_EQ(cmp(i, j), 2 < a(i, j));
    }
  }
  EXPECT_EQ((a / 0.0)(0, 0), std::numeric_limits<double>::infinity());
}

TEST(elementwise_binary, workshop_kmeans_broadcast_shapes) {
  std::mt19937 rng(9);
  const auto data = random_tensor<double>({7, 3}, rng), centroids = random_tensor<double>({4, 3}, rng);
  const auto diff = data[{_, newaxis}] - centroids[{newaxis}];
  ASSERT_EQ(diff.shape(), (Dims{7, 4, 3}));
  for (index_t n = 0; n < 7; ++n)
    for (index_t k = 0; k < 4; ++k)
      for (index_t d = 0; d < 3; ++d) EXPECT_EQ(diff(n, k, d), data(n, d) - centroids(k, d));
  const auto row = data - centroids[0];
  for (index_t n = 0; n < 7; ++n)
    for (index_t d = 0; d < 3; ++d) EXPECT_EQ(row(n, d), data(n, d) - centroids(0, d));
}

TEST(elementwise_binary, mismatched_shapes_throw_numpy_message) {
  const auto a = zeros<double>({4, 3}), b = zeros<double>({1, 4});
  try {
    (void)(a + b);
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (4,3) (1,4)");
  }
  EXPECT_THROW((void)(a < b), ShapeError);
  EXPECT_THROW((void)minimum(a, b), ShapeError);
  EXPECT_THROW((void)where(zeros<bool>({2}), a, 0.0), ShapeError);
}

TEST(elementwise_binary, zero_size_operands_give_zero_size_results) {
  const auto a = zeros<double>({0, 3});
  const auto r = a + ones<double>({3});
  EXPECT_EQ(r.shape(), (Dims{0, 3}));
  EXPECT_EQ((a * 2).shape(), (Dims{0, 3}));
  EXPECT_THROW((void)(a + ones<double>({2, 3})), ShapeError);
}

TEST(elementwise_binary, large_operands_take_the_parallel_path) {
  // Beyond detail::parallel_min_elements, with transposed and reversed operands so that the
  // threads split a real nest.
  std::mt19937 rng(10);
  const index_t rows = 1030, cols = 1025;
  ASSERT_GT(rows * cols, detail::parallel_min_elements);
  const auto x = random_tensor<double>({rows, cols}, rng);
  const auto y = random_tensor<double>({cols, rows}, rng).T();
  const auto z = x[{slice(_, _, -1)}];
  const auto sum = x + y, product = z * y;
  index_t wrong = 0;
  for (index_t i = 0; i < rows; ++i)
    for (index_t j = 0; j < cols; ++j) {
      wrong += sum(i, j) != x(i, j) + y(i, j);
      wrong += product(i, j) != x(rows - 1 - i, j) * y(i, j);
    }
  EXPECT_EQ(wrong, 0);
}

// ---- integer semantics ------------------------------------------------------------------------

TEST(elementwise_integers, overflow_wraps_as_numpy) {
  constexpr std::int32_t lo = std::numeric_limits<std::int32_t>::min(), hi = std::numeric_limits<std::int32_t>::max();
  const auto a = from_vector<std::int32_t>({hi, lo, lo});
  EXPECT_EQ((a + 1)(0), lo);
  EXPECT_EQ((a - 1)(1), hi);
  EXPECT_EQ((a * 2)(0), -2);
  EXPECT_EQ((-a)(1), lo);
  EXPECT_EQ(abs(a)(2), lo);  // np.abs(np.int32(-2**31)) == -2**31
  EXPECT_EQ(abs(from_vector<std::int64_t>({-5}))(0), 5);
}

TEST(elementwise_integers, floor_divide_and_remainder_follow_python_and_zero_gives_zero) {
  const auto a = from_vector<std::int64_t>({-7, 7, 7, -7, 5, std::numeric_limits<std::int64_t>::min(), 6});
  const auto b = from_vector<std::int64_t>({2, -2, 2, -2, 0, -1, 3});
  const auto q = floor_divide(a, b), r = remainder(a, b);
  // Python: -7//2, 7//-2, 7//2, -7//-2, 5//0 (NumPy: 0), INT64_MIN//-1 (NumPy: wraps), 6//3
  EXPECT_EQ(std::vector<std::int64_t>(q.begin(), q.end()),
            (std::vector<std::int64_t>{-4, -4, 3, 3, 0, std::numeric_limits<std::int64_t>::min(), 2}));
  EXPECT_EQ(std::vector<std::int64_t>(r.begin(), r.end()), (std::vector<std::int64_t>{1, -1, 1, -1, 0, 0, 0}));
  const auto fq = floor_divide(from_vector<double>({-7.0, 7.5}), 2.0);
  EXPECT_EQ(fq(0), -4.0);
  EXPECT_EQ(fq(1), 3.0);
  // NumPy's divmod, not floor(a / b): 1 / 0.1 rounds up to 10.0, yet 1 // 0.1 is 9.0 (values
  // printed by NumPy 1.24: [9. nan nan 69.] and float32 [9. -10.]).
  const auto inf = std::numeric_limits<double>::infinity();
  const auto fd = floor_divide(from_vector<double>({1.0, inf, -inf, 7.0}), 0.1);
  EXPECT_EQ(fd(0), 9.0);
  EXPECT_TRUE(std::isnan(fd(1)) && std::isnan(fd(2)));
  EXPECT_EQ(fd(3), 69.0);
  const auto ff = floor_divide(from_vector<float>({1.0f, -1.0f}), 0.1f);
  EXPECT_EQ(ff(0), 9.0f);
  EXPECT_EQ(ff(1), -10.0f);
  const auto fr = remainder(from_vector<double>({-7.0, 7.0}), -2.0);
  EXPECT_EQ(fr(0), -1.0);
  EXPECT_EQ(fr(1), -1.0);
  // True division of integers never divides by an integer zero.
  const auto t = from_vector<std::int32_t>({1, 0}) / from_vector<std::int32_t>({0, 0});
  EXPECT_EQ(t(0), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(t(1)));
}

// ---- NaN --------------------------------------------------------------------------------------

TEST(elementwise_nan, minimum_and_maximum_propagate_nan_from_either_side) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto a = from_vector<double>({nan, 1.0, 2.0}), b = from_vector<double>({0.0, nan, 1.0});
  const auto lo = minimum(a, b), hi = maximum(a, b);
  EXPECT_TRUE(std::isnan(lo(0)) && std::isnan(lo(1)));
  EXPECT_TRUE(std::isnan(hi(0)) && std::isnan(hi(1)));
  EXPECT_EQ(lo(2), 1.0);
  EXPECT_EQ(hi(2), 2.0);
  EXPECT_FALSE((a == a)(0));
  EXPECT_TRUE((a != a)(0));
}

// ---- unary ------------------------------------------------------------------------------------

TEST(elementwise_unary, functions_match_std_over_views) {
  std::mt19937 rng(11);
  for (const auto& [name, x] : operand_zoo<double>(rng)) {
    const auto pos = abs(x) + 0.5;
    const auto checks = std::vector<std::pair<Tensor<double>, std::function<double(double)>>>{
        {-x, [](double v) { return -v; }},
        {abs(x), [](double v) { return std::fabs(v); }},
        {square(x), [](double v) { return v * v; }},
    };
    for (const auto& [got, ref] : checks) {
      ASSERT_EQ(got.shape(), x.shape()) << name;
      for (const Index_& idx : all_indices(x.shape())) EXPECT_EQ(at_broadcast(got, idx), ref(at_broadcast(x, idx))) << name;
    }
    // exp and log run vectorised kernels within a few ULPs of the C library (vector_math_test
    // bounds them against long double); sqrt is correctly rounded in both.
    const auto within_4_ulps = [](double got, double want) {
      return std::abs(got - want) <= 4 * std::numeric_limits<double>::epsilon() * std::abs(want);
    };
    const auto exps = exp(x), roots = sqrt(pos), logs = log(pos);
    for (const Index_& idx : all_indices(x.shape())) {
      EXPECT_PRED2(within_4_ulps, at_broadcast(exps, idx), std::exp(at_broadcast(x, idx))) << name;
      EXPECT_EQ(at_broadcast(roots, idx), std::sqrt(at_broadcast(pos, idx))) << name;
      EXPECT_PRED2(within_4_ulps, at_broadcast(logs, idx), std::log(at_broadcast(pos, idx))) << name;
    }
  }
  EXPECT_TRUE(std::isnan(sqrt(from_vector<double>({-1.0}))(0)));
  EXPECT_EQ(log(from_vector<double>({0.0}))(0), -std::numeric_limits<double>::infinity());
  const Tensor<double> int_roots = sqrt(from_vector<std::int32_t>({4, 9}));
  EXPECT_EQ(int_roots(1), 3.0);
  const Tensor<float> bool_exp = exp(from_vector<bool>({false}));
  EXPECT_EQ(bool_exp(0), 1.0f);
}

// ---- where ------------------------------------------------------------------------------------

TEST(elementwise_where, picks_and_broadcasts_all_three) {
  const auto cond = from_vector<bool>({true, false, true}, {3, 1});
  const auto a = from_vector<std::int32_t>({1, 2}, {2});
  const Tensor<double> r = where(cond, a, 0.5);
  ASSERT_EQ(r.shape(), (Dims{3, 2}));
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(r(i, j), cond(i, 0) ? a(j) : 0.5);
  const auto x = from_vector<double>({-1, 2, -3});
  const auto relu = where(x > 0, x, 0.0);
  EXPECT_EQ(std::vector<double>(relu.begin(), relu.end()), (std::vector<double>{0, 2, 0}));
}

// ---- in-place and out-parameter forms ---------------------------------------------------------

TEST(elementwise_inplace, compound_assignment_broadcasts_only_the_right_side) {
  auto a = from_vector<double>({1, 2, 3, 4, 5, 6}, {2, 3});
  const auto before = a.copy();
  const auto row = from_vector<double>({10, 20, 30});
  a += row;
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(a(i, j), before(i, j) + row(j));
  a *= 2;
  EXPECT_EQ(a(1, 2), 2 * (6 + 30));
  const Tensor<double>& same = a;  // a -= a, spelled so that clang does not warn of self-assignment
  a -= same;
  EXPECT_EQ(a(1, 1), 0);
  try {
    row += a;
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)");
  }
  // Writing through a view changes the base.
  auto base = zeros<std::int64_t>({2, 4});
  base[{_, slice(_, _, 2)}] += std::int64_t{7};
  EXPECT_EQ(std::vector<std::int64_t>(base.begin(), base.end()), (std::vector<std::int64_t>{7, 0, 7, 0, 7, 0, 7, 0}));
}

TEST(elementwise_inplace, overlapping_operands_read_before_write) {
  // a[1:] += a[:-1] must use the old values (NumPy copies overlapping inputs).
  auto a = from_vector<std::int64_t>({1, 2, 3, 4, 5});
  a[{slice(1, _)}] += a[{slice(_, -1)}];
  EXPECT_EQ(std::vector<std::int64_t>(a.begin(), a.end()), (std::vector<std::int64_t>{1, 3, 5, 7, 9}));
  // m += m.T on a square matrix.
  auto m = from_vector<double>({1, 2, 3, 4}, {2, 2});
  m += m.T();
  EXPECT_EQ(std::vector<double>(m.begin(), m.end()), (std::vector<double>{2, 5, 5, 8}));
  // a row broadcast from the output itself.
  auto r = from_vector<double>({1, 2, 3, 4}, {2, 2});
  r -= r[0];
  EXPECT_EQ(std::vector<double>(r.begin(), r.end()), (std::vector<double>{0, 0, 2, 2}));
}

TEST(elementwise_out, out_forms_write_in_place_and_allocate_nothing) {
  std::mt19937 rng(12);
  const auto data = random_tensor<double>({50, 6}, rng), centroids = random_tensor<double>({5, 6}, rng);
  auto diff = empty<double>({50, 5, 6});
  auto cmp = empty<bool>({50, 5, 6});
  const auto lhs = data[{_, newaxis}];
  const auto rhs = centroids[{newaxis}];
  const long before = allocations.load();
  subtract(lhs, rhs, diff);
  less(lhs, rhs, cmp);
  multiply(diff, diff, diff);  // out aliases both inputs exactly
  add(diff, 1.0, diff);
  divide(diff, 2.0, diff);
  maximum(diff, 0.75, diff);
  sqrt(diff, diff);
  where(cmp, diff, 0.0, diff);
  EXPECT_EQ(allocations.load(), before);
  for (index_t n = 0; n < 50; ++n)
    for (index_t k = 0; k < 5; ++k)
      for (index_t d = 0; d < 6; ++d) {
        const double v = data(n, d) - centroids(k, d);
        const double expected = data(n, d) < centroids(k, d) ? std::sqrt(std::max((v * v + 1) / 2, 0.75)) : 0.0;
        EXPECT_DOUBLE_EQ(diff(n, k, d), expected);
      }
}

TEST(elementwise_out, out_may_be_a_strided_view_of_a_larger_buffer) {
  auto big = zeros<float>({4, 6});
  const auto a = from_vector<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  add(a, a, big[{slice(1, 3), slice(_, _, 2)}]);
  EXPECT_EQ(big(1, 0), 2.0f);
  EXPECT_EQ(big(2, 4), 12.0f);
  EXPECT_EQ(big(1, 1), 0.0f);
  EXPECT_EQ(big(0, 0), 0.0f);
  // A wider out type is allowed (same_kind): int32 results into an int64 tensor.
  auto wide = empty<std::int64_t>({3});
  add(from_vector<std::int32_t>({1, 2, 3}), 1, wide);
  EXPECT_EQ(wide(2), 4);
}

TEST(elementwise_out, wrong_out_shape_throws_numpy_message) {
  const auto a = zeros<double>({4, 3}), b = zeros<double>({3});
  auto out = empty<double>({3});
  try {
    add(a, b, out);
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (4,3)");
  }
  EXPECT_THROW(sqrt(a, out), ShapeError);
  EXPECT_THROW(where(zeros<bool>({4, 3}), a, b, out), ShapeError);
  // An out with extra broadcast dimensions is also refused (NumPy would broadcast; we require exact).
  auto bigger = empty<double>({2, 4, 3});
  EXPECT_THROW(add(a, b, bigger), ShapeError);
}
