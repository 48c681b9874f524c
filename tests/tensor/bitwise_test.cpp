// Bitwise and logical operations against values from NumPy's documentation of each ufunc
// (np.bitwise_and(13, 17) == 1, np.invert(np.array([13], np.uint8)) == 242, ...) and NumPy's
// shift rule for counts outside [0, bits).
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>


using namespace einspan;

TEST(bitwise, and_or_xor_as_numpys_examples) {
  const auto a = from_vector<std::int64_t>({13, 13, 14});
  EXPECT_EQ(to_vector(a & from_vector<std::int64_t>({17, 1, 6})), (std::vector<std::int64_t>{1, 1, 6}));
  EXPECT_EQ(to_vector(a | 16), (std::vector<std::int64_t>{29, 29, 30}));
  EXPECT_EQ(to_vector(bitwise_xor(a, from_vector<std::int64_t>({17, 1, 6}))), (std::vector<std::int64_t>{28, 12, 8}));
  // np.bitwise_and(np.array([-1, -2], np.int8), 3) == [3, 2]: two's complement bits.
  EXPECT_EQ(to_vector(from_vector<std::int8_t>({-1, -2}) & 3), (std::vector<std::int8_t>{3, 2}));
  const auto p = from_vector<bool>({true, true, false, false}), q = from_vector<bool>({true, false, true, false});
  EXPECT_EQ(to_vector(p & q), (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(to_vector(p | q), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(to_vector(p ^ q), (std::vector<bool>{false, true, true, false}));
}

TEST(bitwise, operands_promote_and_broadcast_as_arithmetic) {
  const auto u = from_vector<std::uint8_t>({0xF0, 0x0F});
  const auto s = from_vector<std::int16_t>({0x1FF, -1, 7}, {3, 1});
  const auto r = u | s;  // uint8 with int16: int16, shape (3, 2)
  static_assert(std::is_same_v<decltype(r)::value_type, std::int16_t>);
  EXPECT_EQ(r.shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(r), (std::vector<std::int16_t>{0x1FF, 0x1FF, -1, -1, 0xF7, 0x0F}));
  static_assert(std::is_same_v<decltype(u & 1)::value_type, std::uint8_t>);  // weak scalar
  static_assert(std::is_same_v<decltype(from_vector<bool>({true}) & u)::value_type, std::uint8_t>);
}

TEST(bitwise, invert_is_bitwise_not_and_logical_not_on_bool) {
  EXPECT_EQ(to_vector(~from_vector<std::uint8_t>({13})), (std::vector<std::uint8_t>{242}));  // NumPy's example
  EXPECT_EQ(to_vector(invert(from_vector<std::uint16_t>({13}))), (std::vector<std::uint16_t>{65522}));
  EXPECT_EQ(to_vector(~from_vector<std::int32_t>({13, -1, 0})), (std::vector<std::int32_t>{-14, 0, -1}));
  EXPECT_EQ(to_vector(~from_vector<bool>({true, false})), (std::vector<bool>{false, true}));
}

TEST(bitwise, shifts_follow_numpys_rule_for_every_count) {
  EXPECT_EQ(to_vector(left_shift(from_vector<std::int64_t>({5}), from_vector<std::int64_t>({1, 2, 3}))),
            (std::vector<std::int64_t>{10, 20, 40}));  // np.left_shift(5, [1, 2, 3])
  EXPECT_EQ(to_vector(from_vector<std::int64_t>({10}) >> from_vector<std::int64_t>({1, 2, 3})),
            (std::vector<std::int64_t>{5, 2, 1}));  // np.right_shift(10, [1, 2, 3])
  // Counts of the bit width or more, and negative ones: 0, or -1 for a negative right operand.
  const auto counts = from_vector<std::int64_t>({63, 64, 100, -1});
  EXPECT_EQ(to_vector(from_vector<std::int64_t>({1}) << counts),
            (std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 0, 0, 0}));
  EXPECT_EQ(to_vector(from_vector<std::int64_t>({-8}) >> counts), (std::vector<std::int64_t>{-1, -1, -1, -1}));
  EXPECT_EQ(to_vector(from_vector<std::int64_t>({8}) >> counts), (std::vector<std::int64_t>{0, 0, 0, 0}));
  EXPECT_EQ(to_vector(from_vector<std::uint8_t>({0x81}) << 1), (std::vector<std::uint8_t>{0x02}));  // wraps in uint8
  EXPECT_EQ(to_vector(from_vector<std::int8_t>({-128}) >> 7), (std::vector<std::int8_t>{-1}));
}

TEST(bitwise, compound_forms_write_through_views) {
  auto a = from_vector<std::int32_t>({1, 2, 3, 4});
  a[{slice(_, _, 2)}] |= 8;
  EXPECT_EQ(to_vector(a), (std::vector<std::int32_t>{9, 2, 11, 4}));
  a &= from_vector<std::int32_t>({3});
  EXPECT_EQ(to_vector(a), (std::vector<std::int32_t>{1, 2, 3, 0}));
  a ^= a;
  EXPECT_EQ(to_vector(a), (std::vector<std::int32_t>{0, 0, 0, 0}));
}

TEST(logical, any_type_gives_bool_with_nonzero_true) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto x = from_vector<double>({2.0, 0.0, nan, 0.0}), y = from_vector<double>({0.5, 3.0, 0.0, 0.0});
  EXPECT_EQ(to_vector(logical_and(x, y)), (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(to_vector(logical_or(x, y)), (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(to_vector(logical_xor(x, y)), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(to_vector(logical_not(x)), (std::vector<bool>{false, true, false, true}));
  // np.logical_xor([True, True, False, False], [True, False, True, False]), and with an int scalar.
  const auto p = from_vector<bool>({true, true, false, false}), q = from_vector<bool>({true, false, true, false});
  EXPECT_EQ(to_vector(logical_xor(p, q)), (std::vector<bool>{false, true, true, false}));
  EXPECT_EQ(to_vector(logical_and(from_vector<std::int64_t>({0, 5}), 1)), (std::vector<bool>{false, true}));
  Tensor<bool> out = empty<bool>({4});
  logical_or(p, q, out);
  EXPECT_EQ(to_vector(out), (std::vector<bool>{true, true, true, false}));
}
