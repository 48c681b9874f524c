// Inputs at the ends of the integer range, which the sanitizer build runs: huge steps and strides
// must not overflow, and shapes whose byte size exceeds the address space are a ValueError before
// anything is allocated. (Slices with extreme bounds and steps against NumPy: indexing_fixture_test.)
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <limits>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;

TEST(limits, huge_steps_on_a_strided_matrix) {
  const auto m = arange<std::int64_t>(0, 12).reshape({3, 4});
  const index_t huge = index_t{1} << 62, lowest = std::numeric_limits<index_t>::min();
  // m[::2**62, ::-2**63] is [[3]]: one row, one column, no stride * step formed.
  const auto v = m[{slice(_, _, huge), slice(_, _, lowest)}];
  EXPECT_EQ(v.shape(), (Dims{1, 1}));
  EXPECT_EQ(to_vector(v), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(to_vector(m[{slice(1, _, huge)}]), (std::vector<std::int64_t>{4, 5, 6, 7}));
}

TEST(limits, iterating_a_length_one_axis_with_a_huge_stride) {
  // Every reachable offset is 0..2; the stride of the length-1 axis is never applied.
  const auto buffer = arange<double>(0, 3);
  const Tensor<double> t(buffer.buffer(), Layout{Dims{1, 3}, Dims{index_t{1} << 62, 1}, 0});
  EXPECT_EQ(to_vector(t), (std::vector<double>{0, 1, 2}));
}

TEST(limits, shapes_too_big_for_memory_are_a_value_error) {
  const index_t big = index_t{1} << 40;
  expect_error<ValueError>([&] { (void)zeros<double>({big, big}); },
                           "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size "
                           "(shape (1099511627776, 1099511627776), 8 bytes per element)");
  expect_error<ValueError>([&] { (void)Tensor<float>::fresh({big, 1 << 23}); }, "array is too big");
  EXPECT_EQ(zeros<double>({0, big, big}).size(), 0);  // empty: nothing to allocate
}

// Found by fuzz/einsum_spec, slicing strided views of empty operands: an empty tensor's strides
// wrap (they are never used), and slicing multiplied them by the step and the start, a signed
// overflow. They are now kept as they are, with the offset.
TEST(limits, slicing_an_empty_tensor_with_wrapped_strides) {
  const index_t big = index_t{1} << 31;
  const auto t = zeros<double>({0, 4, big, big});  // row-major strides (2**93 wrapped, 2**62, 2**31, 1)
  const auto stepped = t[{_, slice(_, _, 2)}];       // 2**62 * 2 would overflow
  EXPECT_EQ(stepped.shape(), (Dims{0, 2, big, big}));
  EXPECT_EQ(stepped.data(), t.data());
  const auto picked = t[{_, 3}];  // 3 * 2**62 would overflow
  EXPECT_EQ(picked.shape(), (Dims{0, big, big}));
  EXPECT_EQ(picked.data(), t.data());
  const auto reversed = t[{_, slice(3, 0, -1), slice(1, _, 2)}];
  EXPECT_EQ(reversed.shape(), (Dims{0, 3, big / 2, big}));
}

// An empty layout is one with a zero dimension. A broadcast view of 2**66 elements, whose size
// wraps to 0, was taken for empty too, and its slices lost their offset (read from element 0).
TEST(limits, slicing_a_broadcast_view_whose_size_wraps) {
  const auto a = arange<std::int64_t>(0, 4);
  const auto b = a.broadcast_to({index_t{1} << 32, index_t{1} << 32, 4});
  const auto tail = b[{0, 0, slice(1, _)}];
  EXPECT_EQ(to_vector(tail), (std::vector<std::int64_t>{1, 2, 3}));
  const auto reversed = b[{-1, 7, slice(_, _, -2)}];
  EXPECT_EQ(to_vector(reversed), (std::vector<std::int64_t>{3, 1}));
}

// C++ leaves these conversions undefined; NumPy gives INT_MIN with a RuntimeWarning. einspan
// throws ValueError, with Python's words for NaN and infinity (int(float('nan'))).
TEST(limits, float_to_integer_conversions_that_do_not_fit_are_a_value_error) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  expect_error<ValueError>([&] { (void)from_vector<double>({1, nan}).astype<std::int64_t>(); },
                           "cannot convert float NaN to integer");
  expect_error<ValueError>([&] { (void)from_vector<double>({-inf}).astype<std::int32_t>(); },
                           "cannot convert float infinity to integer");
  expect_error<ValueError>([&] { (void)from_vector<double>({1e20}).astype<std::int64_t>(); },
                           "cannot convert 1e+20 to int64: out of range");
  expect_error<ValueError>([&] { (void)from_vector<float>({-1.0f}).astype<std::uint8_t>(); },
                           "cannot convert -1 to uint8: out of range");
  // The exact ends: 2^63 does not fit int64, -2^63 does; 256 does not fit uint8, 255.9 truncates to 255.
  expect_error<ValueError>([&] { (void)from_vector<double>({0x1p63}).astype<std::int64_t>(); }, "out of range");
  expect_error<ValueError>([&] { (void)from_vector<double>({256.0}).astype<std::uint8_t>(); }, "out of range");
  expect_error<ValueError>([&] { (void)from_vector<double>({-129.0}).astype<std::int8_t>(); }, "out of range");
  expect_error<ValueError>([&] { (void)from_vector<float>({0x1p31f}).astype<std::int32_t>(); }, "out of range");
  expect_error<ValueError>([&] { (void)from_vector<double>({0x1p64}).astype<std::uint64_t>(); }, "out of range");
  EXPECT_EQ(to_vector(from_vector<double>({-0x1p63, 0x1p63 - 1024}).astype<std::int64_t>()),
            (std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max() - 1023}));
  EXPECT_EQ(to_vector(from_vector<double>({255.9, -0.9, 0.5}).astype<std::uint8_t>()), (std::vector<std::uint8_t>{255, 0, 0}));
  EXPECT_EQ(to_vector(from_vector<double>({-128.9, 127.9, -2.5}).astype<std::int8_t>()), (std::vector<std::int8_t>{-128, 127, -2}));
  EXPECT_EQ(to_vector(from_vector<float>({0x1p31f - 128, -0x1p31f}).astype<std::int32_t>()),
            (std::vector<std::int32_t>{2147483520, std::numeric_limits<std::int32_t>::min()}));
  EXPECT_EQ(to_vector(from_vector<double>({0x1p64 - 2048}).astype<std::uint64_t>()),
            (std::vector<std::uint64_t>{~std::uint64_t{0} - 2047}));
  // bool is not an integer target here: NaN is truthy, as in NumPy.
  EXPECT_EQ(to_vector(from_vector<double>({nan, 0.0}).astype<bool>()), (std::vector<bool>{true, false}));
}

TEST(limits, a_failed_float_to_integer_write_leaves_the_target_untouched) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto a = arange<std::int64_t>(0, 6).reshape({2, 3});
  // Strided source (a transposed view) and a broadcast one: checked before the first write.
  const auto source = from_vector<double>({7, 8, 9, 10, 11, nan}).reshape({3, 2}).T();
  expect_error<ValueError>([&] { a[ellipsis] = source; }, "cannot convert float NaN to integer");
  expect_error<ValueError>([&] { a[{_, slice(1, _)}] = from_vector<double>({5, 1e300}); }, "out of range");
  expect_error<ValueError>([&] { a[{0}] = nan; }, "cannot convert float NaN to integer");
  EXPECT_EQ(to_vector(a), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
  a[{1}] = 2.9;  // a float scalar truncates, as NumPy's setitem
  EXPECT_EQ(to_vector(a), (std::vector<std::int64_t>{0, 1, 2, 2, 2, 2}));
}

TEST(limits, arange_lengths_beyond_int64_or_undefined_are_numpys_value_errors) {
  expect_error<ValueError>([] { (void)arange<double>(0, 1e300, 1e-300); }, "Maximum allowed size exceeded");
  expect_error<ValueError>([] { (void)arange<double>(0, std::numeric_limits<double>::infinity()); },
                           "Maximum allowed size exceeded");
  expect_error<ValueError>([] { (void)arange<double>(0, std::numeric_limits<double>::quiet_NaN()); },
                           "arange: cannot compute length");
  expect_error<ValueError>([] { (void)arange<std::int64_t>(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()); },
                           "Maximum allowed size exceeded");
  // Representable lengths still reach the allocation check rather than the allocator.
  expect_error<ValueError>([] { (void)arange<double>(0, 0x1p62); }, "array is too big");
  // volatile: a constant num lets g++ warn about the fill loop that the size check never reaches.
  volatile index_t huge = index_t{1} << 62;
  expect_error<ValueError>([&] { (void)linspace<double>(0, 1, huge); }, "array is too big");
  expect_error<ValueError>([] { (void)eye<double>(index_t{1} << 40); }, "array is too big");
  expect_error<ValueError>([] { (void)eye<double>(-1); }, "negative dimensions are not allowed");
}

// tile and repeat multiply user counts into dimensions: a product beyond int64 is NumPy's
// "array is too big", not a wrapped dimension; one that fits but cannot be allocated is too.
TEST(limits, tile_and_repeat_counts_beyond_int64_are_a_value_error) {
  const auto a = arange<std::int64_t>(0, 4);
  const index_t big = index_t{1} << 62;
  expect_error<ValueError>([&] { (void)tile(a, {big}); }, "array is too big");
  expect_error<ValueError>([&] { (void)tile(a, {index_t{1} << 40, index_t{1} << 40}); }, "array is too big");
  expect_error<ValueError>([&] { (void)repeat(a, big); }, "array is too big");
  expect_error<ValueError>([&] { (void)repeat(a.reshape({2, 2}), big, 1); }, "array is too big");
  expect_error<ValueError>([&] { (void)repeat(a, {big, big, big, big}); }, "array is too big");
  expect_error<ValueError>([&] { (void)repeat(a, -1); }, "negative");
}
