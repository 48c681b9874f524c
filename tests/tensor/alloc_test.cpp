// Creating a view never touches the heap for rank <= 8: shape and strides live inline in Dims and
// the buffer is shared by reference count. support/counting_new.hpp counts
// allocations around each view operation.
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>

#include "support/counting_new.hpp"

using einspan_test::allocations_during;

using namespace einspan;

TEST(alloc, the_counter_sees_allocations) {
  EXPECT_GE(allocations_during([] { (void)zeros<double>({2, 2}); }), 1);
  // Rank 9 spills shape and strides to the heap: the counter must notice.
  const auto t = zeros<double>({1, 1, 1, 1, 1, 1, 1, 1, 2});
  EXPECT_GE(allocations_during([&] { (void)t.T(); }), 1);
}

TEST(alloc, creating_views_allocates_nothing_at_rank_8) {
  const auto t = zeros<double>({2, 3, 1, 4, 2, 1, 3, 2});  // rank 8
  const auto m = zeros<double>({6, 8});
  const Dims target{5, 6, 8};
  EXPECT_EQ(allocations_during([&] { (void)t[{1, slice(_, _, -1), _, slice(1, 3)}]; }), 0) << "slicing";
  EXPECT_EQ(allocations_during([&] { (void)t[{ellipsis, 0}]; }), 0) << "ellipsis";
  EXPECT_EQ(allocations_during([&] { (void)t[{0, newaxis}]; }), 0) << "newaxis";
  EXPECT_EQ(allocations_during([&] { (void)t[1]; }), 0) << "integer index";
  EXPECT_EQ(allocations_during([&] { (void)t.T(); }), 0) << "T";
  EXPECT_EQ(allocations_during([&] { (void)t.transpose({7, 6, 5, 4, 3, 2, 1, 0}); }), 0) << "transpose(axes)";
  EXPECT_EQ(allocations_during([&] { (void)t.swapaxes(0, 7); }), 0) << "swapaxes";
  EXPECT_EQ(allocations_during([&] { (void)t.squeeze(); }), 0) << "squeeze";
  EXPECT_EQ(allocations_during([&] { (void)t.squeeze(2); }), 0) << "squeeze(axis)";
  EXPECT_EQ(allocations_during([&] { (void)m.expand_dims(1); }), 0) << "expand_dims";
  EXPECT_EQ(allocations_during([&] { (void)t.diagonal(0, 1, 6); }), 0) << "diagonal";
  EXPECT_EQ(allocations_during([&] { (void)m.broadcast_to(target); }), 0) << "broadcast_to";
  EXPECT_EQ(allocations_during([&] { (void)m.reshape({2, 3, 2, 4}); }), 0) << "reshape (view)";
  EXPECT_EQ(allocations_during([&] { (void)m.reshape({-1}); }), 0) << "reshape(-1)";
  EXPECT_EQ(allocations_during([&] { (void)m.contiguous(); }), 0) << "contiguous of a contiguous tensor";
  EXPECT_EQ(allocations_during([&] { Tensor<double> copy = t; (void)copy; }), 0) << "copying the handle";
}

TEST(alloc, copies_do_allocate) {
  const auto m = zeros<double>({6, 8});
  EXPECT_GE(allocations_during([&] { (void)m.T().reshape({-1}); }), 1);  // reshape that must copy
  EXPECT_GE(allocations_during([&] { (void)m.copy(); }), 1);
}
