// any/all, isnan/isinf/isfinite, clip and the *_like constructors against NumPy's documented
// results (including its empty-reduction and NaN rules).
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <limits>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;

namespace {
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
}

TEST(any_all, numpys_examples_and_empty_reductions) {
  // np.all([[True, False], [True, True]]) is False; along axis 0: [True, False].
  const auto m = from_vector<bool>({true, false, true, true}, {2, 2});
  EXPECT_FALSE(all(m)());
  EXPECT_EQ(to_vector(all(m, 0)), (std::vector<bool>{true, false}));
  EXPECT_EQ(to_vector(any(m, 1)), (std::vector<bool>{true, true}));
  // np.any(np.nan) and np.all([-1, 4, 5]) are True; np.any([]) False and np.all([]) True.
  EXPECT_TRUE(any(scalar<double>(not_a_number))());
  EXPECT_TRUE(all(from_vector<std::int64_t>({-1, 4, 5}))());
  EXPECT_FALSE(any(empty<double>({0}))());
  EXPECT_TRUE(all(empty<double>({0}))());
  EXPECT_EQ(to_vector(any(zeros<float>({2, 0}), 1)), (std::vector<bool>{false, false}));
  EXPECT_EQ(any(zeros<float>({2, 3}), 1, true).shape(), (Dims{2, 1}));
  expect_error<AxisError>([&] { (void)any(m, 2); }, "axis 2");
}

TEST(classify, isnan_isinf_isfinite) {
  const auto x = from_vector<double>({1.0, not_a_number, inf, -inf, 0.0});
  EXPECT_EQ(to_vector(isnan(x)), (std::vector<bool>{false, true, false, false, false}));
  EXPECT_EQ(to_vector(isinf(x)), (std::vector<bool>{false, false, true, true, false}));
  EXPECT_EQ(to_vector(isfinite(x)), (std::vector<bool>{true, false, false, false, true}));
  EXPECT_EQ(to_vector(isfinite(from_vector<float>({std::numeric_limits<float>::max(), -std::numeric_limits<float>::infinity()}))), (std::vector<bool>{true, false}));
  EXPECT_EQ(to_vector(isnan(from_vector<std::int32_t>({1, 2}))), (std::vector<bool>{false, false}));
  EXPECT_EQ(to_vector(isfinite(from_vector<std::int32_t>({1}))), (std::vector<bool>{true}));
}

TEST(clip, numpys_examples) {
  const auto a = arange<std::int64_t>(0, 10);
  // np.clip(a, 1, 8) == [1, 1, 2, 3, 4, 5, 6, 7, 8, 8]; np.clip(a, 8, 1) == [1] * 10.
  EXPECT_EQ(to_vector(clip(a, 1, 8)), (std::vector<std::int64_t>{1, 1, 2, 3, 4, 5, 6, 7, 8, 8}));
  EXPECT_EQ(to_vector(clip(a, 8, 1)), std::vector<std::int64_t>(10, 1));
  // np.clip(a, [3, 4, 1, 1, 1, 4, 4, 4, 4, 4], 8): a broadcast bound.
  const auto lo = from_vector<std::int64_t>({3, 4, 1, 1, 1, 4, 4, 4, 4, 4});
  EXPECT_EQ(to_vector(clip(a, lo, 8)), (std::vector<std::int64_t>{3, 4, 2, 3, 4, 5, 6, 7, 8, 8}));
  static_assert(std::is_same_v<decltype(clip(from_vector<std::uint8_t>({1}), 0, 3))::value_type, std::uint8_t>);
  const auto c = clip(from_vector<double>({-2.0, not_a_number, 5.0}), 0.0, 1.0);
  EXPECT_EQ(c(0), 0.0);
  EXPECT_TRUE(std::isnan(c(1)));
  EXPECT_EQ(c(2), 1.0);
}

TEST(like, shape_and_type_of_the_argument_or_the_one_given) {
  const auto t = arange<std::int32_t>(0, 6).reshape({2, 3}).T();  // a view: the result is C-contiguous
  const auto z = zeros_like(t);
  static_assert(std::is_same_v<decltype(z)::value_type, std::int32_t>);
  EXPECT_EQ(z.shape(), (Dims{3, 2}));
  EXPECT_TRUE(z.is_contiguous());
  EXPECT_EQ(to_vector(z), std::vector<std::int32_t>(6, 0));
  EXPECT_EQ(to_vector(ones_like<double>(t)), std::vector<double>(6, 1.0));
  EXPECT_EQ(empty_like<float>(t).shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(full_like(t, 2.9)), std::vector<std::int32_t>(6, 2));  // np.full_like truncates
  expect_error<ValueError>([&] { (void)full_like(t, not_a_number); }, "cannot convert float NaN to integer");
}

// Values that are exact (or correctly rounded constants) in any libm, so the oracle does not
// depend on the implementation under test; arguments outside a domain give NaN, as NumPy.
TEST(transcendental, exact_values_and_domains) {
  const double pi = 3.141592653589793;
  const auto zero = from_vector<double>({0.0}), one = from_vector<double>({1.0});
  for (const Tensor<double>& r : {sin(zero), tan(zero), arctan(zero), sinh(zero), tanh(zero), expm1(zero), log1p(zero)})
    EXPECT_EQ(r(0), 0.0);
  EXPECT_EQ(cos(zero)(0), 1.0);
  EXPECT_EQ(cosh(zero)(0), 1.0);
  EXPECT_EQ(arccos(one)(0), 0.0);
  EXPECT_DOUBLE_EQ(arcsin(one)(0), pi / 2);
  EXPECT_DOUBLE_EQ(arctan(one)(0), pi / 4);
  EXPECT_EQ(to_vector(exp2(from_vector<double>({3, -1, 10}))), (std::vector<double>{8, 0.5, 1024}));
  EXPECT_EQ(to_vector(log2(from_vector<double>({8, 0.25, 1024}))), (std::vector<double>{3, -2, 10}));
  EXPECT_EQ(to_vector(log10(from_vector<double>({1000, 0.01}))), (std::vector<double>{3, -2}));
  EXPECT_TRUE(std::isnan(arcsin(from_vector<double>({2.0}))(0)));
  EXPECT_TRUE(std::isnan(log1p(from_vector<double>({-2.0}))(0)));
  // Integers compute in float64 (float32 for 8- and 16-bit ones; NumPy uses float16 there).
  static_assert(std::is_same_v<decltype(sin(arange<std::int64_t>(0, 2)))::value_type, double>);
  static_assert(std::is_same_v<decltype(log2(from_vector<std::uint8_t>({4})))::value_type, float>);
  EXPECT_EQ(log2(from_vector<std::uint8_t>({4}))(0), 2.0f);
}
