// Every error path of the tensor core: the exception type, that it is an einspan::Error, and that
// the message names the shapes, axes or indices involved (in NumPy's words where NumPy has them).
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <string>

using namespace einspan;
using i64 = std::int64_t;

namespace {

// The message of the exception of type E thrown by f, or a description of what happened instead.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    const Error* base = &e;  // every einspan error derives from einspan::Error
    return base->what();
  } catch (const std::exception& e) {
    return std::string("wrong exception type: ") + e.what();
  }
  return "nothing thrown";
}

Tensor<i64> m34() { return arange<i64>(12).reshape({3, 4}); }

}  // namespace

// ---- element access ---------------------------------------------------------------------------

TEST(errors, at_out_of_bounds_names_index_axis_and_size) {
  const auto a = arange<i64>(4);
  EXPECT_EQ(message_of<IndexError>([&] { a.at(5); }), "index 5 is out of bounds for axis 0 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { a.at(-5); }), "index -5 is out of bounds for axis 0 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { m34().at(1, 4); }), "index 4 is out of bounds for axis 1 with size 4");
  EXPECT_EQ(a.at(-1), 3);  // in range: negative wraps
}

TEST(errors, wrong_number_of_indices) {
  EXPECT_EQ(message_of<IndexError>([&] { m34()(1); }), "1 indices given for a 2-dimensional tensor of shape (3, 4)");
  EXPECT_EQ(message_of<IndexError>([&] { m34().at(1, 2, 3); }),
            "3 indices given for a 2-dimensional tensor of shape (3, 4)");
  EXPECT_EQ(message_of<IndexError>([&] { scalar<i64>(1)(0); }), "1 indices given for a 0-dimensional tensor of shape ()");
}

#ifndef NDEBUG
TEST(errors, call_operator_checks_bounds_in_debug_builds) {
  EXPECT_EQ(message_of<IndexError>([&] { m34()(3, 0); }), "index 3 is out of bounds for axis 0 with size 3");
}
#endif

TEST(errors, item_needs_exactly_one_element) {
  EXPECT_EQ(message_of<ValueError>([&] { arange<i64>(2).item(); }),
            "can only convert an array of size 1 to a scalar, got shape (2,)");
  EXPECT_EQ(message_of<ValueError>([&] { zeros<i64>({0, 2}).item(); }),
            "can only convert an array of size 1 to a scalar, got shape (0, 2)");
}

TEST(errors, dim_with_a_bad_axis) {
  EXPECT_EQ(message_of<AxisError>([&] { m34().dim(2); }), "axis 2 is out of bounds for array of dimension 2");
  EXPECT_EQ(message_of<AxisError>([&] { m34().dim(-3); }), "axis -3 is out of bounds for array of dimension 2");
}

// ---- indexing ---------------------------------------------------------------------------------

TEST(errors, integer_index_out_of_bounds) {
  const auto a = arange<i64>(4);
  EXPECT_EQ(message_of<IndexError>([&] { a[5]; }), "index 5 is out of bounds for axis 0 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { a[-5]; }), "index -5 is out of bounds for axis 0 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { m34()[{0, 4}]; }), "index 4 is out of bounds for axis 1 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { m34()[{ellipsis, -5}]; }), "index -5 is out of bounds for axis 1 with size 4");
  EXPECT_EQ(message_of<IndexError>([&] { zeros<i64>({0})[0]; }), "index 0 is out of bounds for axis 0 with size 0");
}

TEST(errors, too_many_indices) {
  EXPECT_EQ(message_of<IndexError>([&] { m34()[{0, 0, 0}]; }),
            "too many indices for array: array is 2-dimensional, but 3 were indexed");
  EXPECT_EQ(message_of<IndexError>([&] { scalar<i64>(1)[0]; }),
            "too many indices for array: array is 0-dimensional, but 1 were indexed");
  // newaxis and ellipsis do not count.
  EXPECT_EQ((m34()[{newaxis, 0, ellipsis, 0, newaxis}]).shape(), (Dims{1, 1}));
}

TEST(errors, second_ellipsis) {
  EXPECT_EQ(message_of<IndexError>([&] { m34()[{ellipsis, 0, ellipsis}]; }),
            "an index can only have a single ellipsis ('...')");
}

TEST(errors, zero_slice_step) {
  EXPECT_EQ(message_of<ValueError>([&] { arange<i64>(4)[{slice(_, _, 0)}]; }), "slice step cannot be zero");
}

// ---- axes -------------------------------------------------------------------------------------

TEST(errors, transpose_axes) {
  const auto t = zeros<i64>({2, 3, 4});
  EXPECT_EQ(message_of<ValueError>([&] { t.transpose({1, 0}); }), "axes don't match array");
  EXPECT_EQ(message_of<ValueError>([&] { t.transpose({0, 1, 1}); }), "repeated axis in transpose");
  EXPECT_EQ(message_of<ValueError>([&] { t.transpose({0, 1, -2}); }), "repeated axis in transpose");
  EXPECT_EQ(message_of<AxisError>([&] { t.transpose({0, 1, 3}); }), "axis 3 is out of bounds for array of dimension 3");
  EXPECT_EQ(message_of<AxisError>([&] { t.swapaxes(0, -4); }), "axis -4 is out of bounds for array of dimension 3");
}

TEST(errors, squeeze_an_axis_that_is_not_one) {
  const auto t = zeros<i64>({1, 3});
  EXPECT_EQ(message_of<ValueError>([&] { t.squeeze(1); }),
            "cannot select an axis to squeeze out which has size not equal to one (axis 1 of shape (1, 3) has size 3)");
  EXPECT_EQ(message_of<AxisError>([&] { t.squeeze(2); }), "axis 2 is out of bounds for array of dimension 2");
}

TEST(errors, expand_dims_axis_counts_the_new_rank) {
  const auto a = arange<i64>(3);
  EXPECT_EQ(message_of<AxisError>([&] { a.expand_dims(2); }), "axis 2 is out of bounds for array of dimension 2");
  EXPECT_EQ(message_of<AxisError>([&] { a.expand_dims(-3); }), "axis -3 is out of bounds for array of dimension 2");
}

TEST(errors, diagonal) {
  EXPECT_EQ(message_of<ValueError>([&] { arange<i64>(3).diagonal(); }),
            "diag requires an array of at least two dimensions");
  EXPECT_EQ(message_of<ValueError>([&] { m34().diagonal(0, 1, -1); }), "axis1 and axis2 cannot be the same");
  EXPECT_EQ(message_of<AxisError>([&] { m34().diagonal(0, 0, 2); }), "axis 2 is out of bounds for array of dimension 2");
}

// ---- shapes -----------------------------------------------------------------------------------

TEST(errors, broadcast_to_an_incompatible_shape) {
  EXPECT_EQ(message_of<ShapeError>([&] { arange<i64>(3).broadcast_to({4, 4}); }),
            "cannot broadcast array of shape (3,) to shape (4,4)");
  EXPECT_EQ(message_of<ShapeError>([&] { m34().broadcast_to({4}); }), "cannot broadcast array of shape (3,4) to shape (4,)");
  EXPECT_EQ(message_of<ShapeError>([&] { m34().broadcast_to({}); }), "cannot broadcast array of shape (3,4) to shape ()");
}

TEST(errors, assign_from_an_incompatible_shape) {
  EXPECT_EQ(message_of<ShapeError>([&] { zeros<i64>({2, 2}).assign(arange<i64>(3)); }),
            "could not broadcast input array from shape (3,) into shape (2,2)");  // NumPy's a[...] = b
}

TEST(errors, reshape) {
  const auto a = arange<i64>(8);
  EXPECT_EQ(message_of<ShapeError>([&] { a.reshape({3, 3}); }), "cannot reshape array of size 8 into shape (3,3)");
  EXPECT_EQ(message_of<ShapeError>([&] { a.reshape({3, -1}); }), "cannot reshape array of size 8 into shape (3,-1)");
  EXPECT_EQ(message_of<ShapeError>([&] { zeros<i64>({0, 2}).reshape({-1, 0}); }),
            "cannot reshape array of size 0 into shape (-1,0)");
  EXPECT_EQ(message_of<ValueError>([&] { a.reshape({-1, -1}); }), "can only specify one unknown dimension");
  EXPECT_EQ(message_of<ValueError>([&] { a.reshape({-2, -4}); }), "negative dimensions not allowed in shape (-2, -4)");
}

// ---- creation ---------------------------------------------------------------------------------

TEST(errors, creation) {
  EXPECT_EQ(message_of<ValueError>([&] { zeros<double>({2, -1}); }), "negative dimensions are not allowed: (2, -1)");
  EXPECT_EQ(message_of<ValueError>([&] { eye<double>(-2); }), "negative dimensions are not allowed: (-2, -2)");
  EXPECT_EQ(message_of<ValueError>([&] { arange<i64>(0, 5, 0); }), "arange: step cannot be zero");
  EXPECT_EQ(message_of<ValueError>([&] { linspace<double>(0, 1, -1); }), "Number of samples, -1, must be non-negative.");
  EXPECT_EQ(message_of<ShapeError>([&] { from_vector(std::vector<i64>{1, 2, 3, 4, 5}, {2, 3}); }),
            "cannot reshape array of size 5 into shape (2,3)");
  std::vector<double> memory(6);
  EXPECT_EQ(message_of<ShapeError>([&] { from_external(memory.data(), {2, 3}, {1}); }),
            "from_external: 1 strides given for shape (2, 3)");
  EXPECT_EQ(message_of<ShapeError>([&] { Tensor<i64>{{1, 2}, {3}}; }),
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 "
            "dimensions. The detected shape was (2,) + inhomogeneous part.");
}

TEST(errors, every_error_is_an_einspan_error_and_a_runtime_error) {
  EXPECT_THROW(arange<i64>(3)[7], Error);
  EXPECT_THROW(arange<i64>(3).reshape({2}), Error);
  EXPECT_THROW(arange<i64>(3).transpose({1}), std::runtime_error);
}
