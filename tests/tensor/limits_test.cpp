// Inputs at the ends of the integer range, which the sanitizer build runs: huge steps and strides
// must not overflow, and shapes whose byte size exceeds the address space are a ValueError before
// anything is allocated. (Slices with extreme bounds and steps against NumPy: indexing_fixture_test.)
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <limits>

#include "support/expect_error.hpp"
#include "support/values.hpp"

using namespace einspan;
using einspan_test::expect_error;
using einspan_test::values;

TEST(limits, huge_steps_on_a_strided_matrix) {
  const auto m = arange<std::int64_t>(0, 12).reshape({3, 4});
  const index_t huge = index_t{1} << 62, lowest = std::numeric_limits<index_t>::min();
  // m[::2**62, ::-2**63] is [[3]]: one row, one column, no stride * step formed.
  const auto v = m[{slice(_, _, huge), slice(_, _, lowest)}];
  EXPECT_EQ(v.shape(), (Dims{1, 1}));
  EXPECT_EQ(values(v), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(values(m[{slice(1, _, huge)}]), (std::vector<std::int64_t>{4, 5, 6, 7}));
}

TEST(limits, iterating_a_length_one_axis_with_a_huge_stride) {
  // Every reachable offset is 0..2; the stride of the length-1 axis is never applied.
  const auto buffer = arange<double>(0, 3);
  const Tensor<double> t(buffer.buffer(), Layout{Dims{1, 3}, Dims{index_t{1} << 62, 1}, 0});
  EXPECT_EQ(values(t), (std::vector<double>{0, 1, 2}));
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
  EXPECT_EQ(values(tail), (std::vector<std::int64_t>{1, 2, 3}));
  const auto reversed = b[{-1, 7, slice(_, _, -2)}];
  EXPECT_EQ(values(reversed), (std::vector<std::int64_t>{3, 1}));
}
