// Writes as NumPy users spell them: assignment through basic views, index arrays and masks, with
// NumPy's broadcasting of the right side, its overlap rule and its errors. Expected values are
// NumPy's, worked out from its documented semantics (each noted beside the check); the fixture
// test (indexing_fixture_test.cpp) replays many more cases that NumPy itself computed.
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <vector>

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;

TEST(assignment, the_issue_spellings_write_through) {
  auto a = zeros<double>({3, 3});
  a[{_, 1}] = ones<double>({3});  // a[:, 1] = 1
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 1, 0, 0, 1, 0, 0, 1, 0}));
  a[a > 0.5] = 7.0;  // a[a > 0.5] = 7
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 7, 0, 0, 7, 0, 0, 7, 0}));
}

TEST(assignment, basic_views_broadcast_the_right_side) {
  auto a = arange<double>(0, 12).reshape({3, 4});
  a[{slice(1, 3)}] = 0.0;  // a[1:3] = 0
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0}));
  a[{_, slice(_, _, 2)}] = from_vector<double>({5, 6});  // a[:, ::2] = [5, 6]
  EXPECT_EQ(to_vector(a), (std::vector<double>{5, 1, 6, 3, 5, 0, 6, 0, 5, 0, 6, 0}));
  a[2] = 9;  // a[2] = 9: an integer scalar converts to the element type
  EXPECT_EQ(to_vector(a[2]), (std::vector<double>{9, 9, 9, 9}));
  a.T() = arange<double>(0, 12).reshape({4, 3});  // a.T[...] = arange(12).reshape(4, 3)
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11}));
  a(1, 2) = -1.0;
  EXPECT_EQ(a(1, 2), -1.0);
  // A (1, 4) value fits a (4,) view: NumPy's setitem drops leading ones.
  a[0] = from_vector<double>({1, 2, 3, 4}, {1, 4});
  EXPECT_EQ(to_vector(a[0]), (std::vector<double>{1, 2, 3, 4}));
}

TEST(assignment, right_side_is_read_as_if_copied_first) {
  auto x = arange<double>(0, 5);
  x[{slice(1, _)}] = x[{slice(_, -1)}];  // x[1:] = x[:-1] -> [0, 0, 1, 2, 3]
  EXPECT_EQ(to_vector(x), (std::vector<double>{0, 0, 1, 2, 3}));
  auto m = arange<double>(0, 6).reshape({2, 3});
  m[{ellipsis, 0}] = m[{ellipsis, 2}];  // m[..., 0] = m[..., 2]
  EXPECT_EQ(to_vector(m), (std::vector<double>{2, 1, 2, 5, 4, 5}));
  auto s = arange<double>(0, 4).reshape({2, 2});
  s.T() = s;  // s.T[...] = s: s becomes its transpose
  EXPECT_EQ(to_vector(s), (std::vector<double>{0, 2, 1, 3}));
}

TEST(assignment, converts_as_numpy_setitem) {
  auto d = zeros<double>({3});
  d[{_}] = from_vector<std::int64_t>({1, 2, 3});
  EXPECT_EQ(to_vector(d), (std::vector<double>{1, 2, 3}));
  auto i = zeros<std::int32_t>({2});
  i[{_}] = from_vector<double>({1.7, -2.7});  // truncates toward zero, as NumPy's unsafe cast
  EXPECT_EQ(to_vector(i), (std::vector<std::int32_t>{1, -2}));
  i[{_}] = 2.9;
  EXPECT_EQ(to_vector(i), (std::vector<std::int32_t>{2, 2}));
  EXPECT_THROW(i[{_}] = (std::int64_t{1} << 40), ValueError);  // NumPy 2: OverflowError
}

TEST(assignment, a_named_handle_rebinds) {
  const auto a = zeros<double>({3, 3});
  const auto b = ones<double>({3});
  Tensor<double> v = a[{_, 1}];
  v = b;  // Python's v = b: v now names b, a is untouched
  EXPECT_TRUE(shares_memory(v, b));
  EXPECT_EQ(to_vector(a), std::vector<double>(9, 0.0));
  v[ellipsis] = 5.0;  // v[...] = 5 writes b
  EXPECT_EQ(to_vector(b), (std::vector<double>{5, 5, 5}));
}

TEST(assignment, shape_errors_name_both_shapes_and_write_nothing) {
  auto a = zeros<double>({3, 3});
  expect_error<ShapeError>([&] { a[{_, 1}] = from_vector<double>({1, 2}); },
                           "could not broadcast input array from shape (2,) into shape (3,)");
  expect_error<ShapeError>([&] { a[from_vector<std::int64_t>({0, 1})] = from_vector<double>({1, 2}); },
                           "shape mismatch: value array of shape (2,) could not be broadcast to indexing result of "
                           "shape (2,3)");
  EXPECT_EQ(to_vector(a), std::vector<double>(9, 0.0));
}

TEST(advanced_assignment, index_arrays_of_every_integer_type_and_shape) {
  auto a = zeros<double>({4});
  a[from_vector<std::int32_t>({3, -4})] = 1.0;  // negative indices wrap
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, 0, 0, 1}));
  a[from_vector<std::int64_t>({1, 2, 1, 2}, {2, 2})] = from_vector<double>({5, 6, 7, 8}, {2, 2});
  // a[[[1, 2], [1, 2]]] = [[5, 6], [7, 8]]: the later write of each repeated index wins.
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, 7, 8, 1}));
  a[from_vector<std::int64_t>({0, 0})] += 1.0;  // a[[0, 0]] += 1 adds once
  EXPECT_EQ(a(0), 2.0);
  a[from_vector<std::int64_t>({3})].fill(-1.0);  // fill on the temporary writes back too
  EXPECT_EQ(a(3), -1.0);
  expect_error<IndexError>([&] { a[from_vector<std::int64_t>({0, 4})] = 0.0; },
                           "index 4 is out of bounds for axis 0 with size 4");
}

TEST(advanced_assignment, index_arrays_of_the_small_and_unsigned_types) {
  auto a = arange<double>(0, 6);
  EXPECT_EQ(to_vector(a[from_vector<std::uint8_t>({5, 0})]), (std::vector<double>{5, 0}));
  EXPECT_EQ(to_vector(a[from_vector<std::int8_t>({-1, -6})]), (std::vector<double>{5, 0}));
  EXPECT_EQ(to_vector(a[from_vector<std::uint16_t>({2})]), (std::vector<double>{2}));
  EXPECT_EQ(to_vector(a[from_vector<std::int16_t>({-2})]), (std::vector<double>{4}));
  a[from_vector<std::uint32_t>({1, 3})] = -1.0;
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, -1, 2, -1, 4, 5}));
  a[from_vector<std::uint64_t>({4})] += 10.0;
  EXPECT_EQ(a(4), 14.0);
  // np.arange(6)[np.array([2**63], dtype=np.uint64)] is an IndexError, not a wrapped index.
  expect_error<IndexError>([&] { (void)a[from_vector<std::uint64_t>({std::uint64_t{1} << 63})]; },
                           "index 9223372036854775808 is out of bounds");
  expect_error<IndexError>([&] { (void)a[from_vector<std::uint8_t>({6})]; },
                           "index 6 is out of bounds for axis 0 with size 6");
  auto small = zeros<std::uint8_t>({3});
  small[from_vector<std::int64_t>({0, 2})] = 300 - 45;  // fits uint8
  EXPECT_EQ(to_vector(small), (std::vector<std::uint8_t>{255, 0, 255}));
  EXPECT_THROW(small[from_vector<std::int64_t>({1})] = 300, ValueError);  // NumPy 2: out of bounds for uint8
}

TEST(advanced_assignment, mixed_entries_in_the_index_operator) {
  auto a = arange<double>(0, 12).reshape({3, 4});
  const auto cols = from_vector<std::int64_t>({3, 0});
  EXPECT_EQ(to_vector(a[{_, cols}]), (std::vector<double>{3, 0, 7, 4, 11, 8}));  // a[:, [3, 0]]
  const auto rows = from_vector<bool>({true, false, true});
  EXPECT_EQ(to_vector(a[{rows, _}]), (std::vector<double>{0, 1, 2, 3, 8, 9, 10, 11}));  // a[[T, F, T], :]
  EXPECT_EQ(to_vector(a[{rows, cols}]), (std::vector<double>{3, 8}));  // a[[T, F, T], [3, 0]]
  a[{rows, slice(1, 3)}] = 0.0;  // a[[T, F, T], 1:3] = 0
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 0, 0, 3, 4, 5, 6, 7, 8, 0, 0, 11}));
}

TEST(advanced_assignment, masks_over_strided_rows) {
  // b = a[:, ::2] has rows of two elements two apart: the mask's blocks are not contiguous.
  auto a = arange<double>(0, 12).reshape({3, 4});
  const Tensor<double> b = a[{_, slice(_, _, 2)}];
  const auto rows = from_vector<bool>({true, false, true});
  EXPECT_EQ(to_vector(b[rows]), (std::vector<double>{0, 2, 8, 10}));  // b[[T, F, T]]
  b[rows] = from_vector<double>({-1, -2});                        // b[[T, F, T]] = [-1, -2]
  EXPECT_EQ(to_vector(a), (std::vector<double>{-1, 1, -2, 3, 4, 5, 6, 7, -1, 9, -2, 11}));
  b[rows] = 0.0;
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 1, 0, 3, 4, 5, 6, 7, 0, 9, 0, 11}));
}

TEST(advanced_assignment, a_named_copy_does_not_write_back) {
  auto a = arange<double>(0, 4);
  const auto idx = from_vector<std::int64_t>({1, 2});
  auto s = a[idx];  // s = a[[1, 2]]
  s += 10.0;        // changes s only, as in NumPy
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(to_vector<double>(s), (std::vector<double>{11, 12}));
  Tensor<double> t = a[a > 1.5];
  EXPECT_FALSE(may_share_memory(t, a));
  EXPECT_EQ(mean(a[a > 1.5]).item(), 2.5);  // an Indexed reads as the Tensor it holds
}

TEST(advanced_assignment, value_overlapping_the_target_is_read_first) {
  auto a = arange<double>(0, 5);
  a[from_vector<std::int64_t>({1, 2, 3, 4})] = a[{slice(_, 4)}];  // a[[1, 2, 3, 4]] = a[:4]
  EXPECT_EQ(to_vector(a), (std::vector<double>{0, 0, 1, 2, 3}));
}

TEST(copies, select_and_take_stay_copies) {
  const auto a = arange<double>(0, 6).reshape({3, 2});
  const auto idx = from_vector<std::int64_t>({2, 0});
  const Tensor<double> taken = take(a, idx, 0);
  const Tensor<double> selected = select(a, from_vector<bool>({true, false, true}));
  EXPECT_FALSE(may_share_memory(taken, a));
  EXPECT_FALSE(may_share_memory(selected, a));
  EXPECT_EQ(to_vector(taken), (std::vector<double>{4, 5, 0, 1}));
  EXPECT_EQ(to_vector(selected), (std::vector<double>{0, 1, 4, 5}));
}

TEST(advanced_indexing, errors_name_the_index_axis_and_shapes) {
  const auto a = zeros<double>({3, 4});
  expect_error<IndexError>([&] { (void)a[{_, from_vector<std::int64_t>({-5})}]; },
                           "index -5 is out of bounds for axis 1 with size 4");
  expect_error<IndexError>([&] { (void)a[from_vector<bool>({true, false})]; },
                           "boolean index did not match indexed array along dimension 0; dimension is 3 but "
                           "corresponding boolean dimension is 2");
  expect_error<IndexError>([&] { (void)a[{from_vector<std::int64_t>({0, 1}), from_vector<std::int64_t>({0, 1, 2})}]; },
                           "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)");
  expect_error<IndexError>([&] { (void)a[{from_vector<std::int64_t>({0}), 1, 2}]; },
                           "too many indices for array: array is 2-dimensional, but 3 were indexed");
  expect_error<IndexError>([&] { (void)a[full<bool>({}, true)]; }, "write a[{newaxis}] for a[True]");
  expect_error<IndexError>([&] { (void)a[{ellipsis, from_vector<std::int64_t>({0}), ellipsis}]; },
                           "an index can only have a single ellipsis ('...')");
}
