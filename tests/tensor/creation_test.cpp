// Creation functions against NumPy's documented semantics; the float values quoted are what NumPy
// 1.24 gives (repr of the elements), so they are compared exactly.
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <vector>

using namespace einspan;
using i32 = std::int32_t;
using i64 = std::int64_t;

TEST(creation, zeros_ones_full_empty_have_shape_values_and_c_strides) {
  const auto z = zeros<double>({2, 3});
  EXPECT_EQ(z.shape(), (Dims{2, 3}));
  EXPECT_EQ(z.strides(), (Dims{3, 1}));
  EXPECT_EQ(to_vector(z), std::vector<double>(6, 0.0));
  EXPECT_EQ(to_vector(ones<i32>({4})), std::vector<i32>(4, 1));
  EXPECT_EQ(to_vector(full<i64>({2, 2}, 7)), std::vector<i64>(4, 7));
  EXPECT_EQ(to_vector(full<bool>({3}, true)), std::vector<bool>(3, true));
  const auto e = empty<float>({3, 0, 2});
  EXPECT_EQ(e.size(), 0);
  EXPECT_EQ(e.strides(), (Dims{2, 2, 1}));  // NumPy treats zero-size dims as 1 for strides
  EXPECT_TRUE(e.is_contiguous());
}

TEST(creation, zero_d_tensors) {
  const auto s = scalar<double>(2.5);
  EXPECT_EQ(s.ndim(), 0u);
  EXPECT_EQ(s.size(), 1);
  EXPECT_EQ(s.item(), 2.5);
  EXPECT_EQ(zeros<i64>({}).ndim(), 0u);
  EXPECT_EQ(zeros<i64>({}).item(), 0);
}

TEST(creation, integer_arange_follows_the_length_rule) {
  EXPECT_EQ(to_vector(arange<i64>(5)), (std::vector<i64>{0, 1, 2, 3, 4}));
  EXPECT_EQ(to_vector(arange<i64>(2, 10, 3)), (std::vector<i64>{2, 5, 8}));
  EXPECT_EQ(to_vector(arange<i64>(10, 0, -3)), (std::vector<i64>{10, 7, 4, 1}));
  EXPECT_EQ(to_vector(arange<i32>(-2, 3)), (std::vector<i32>{-2, -1, 0, 1, 2}));
  EXPECT_EQ(arange<i64>(5, 5).size(), 0);
  EXPECT_EQ(arange<i64>(5, 0).size(), 0);  // positive step, stop below start
  EXPECT_EQ(arange<i64>(-3).size(), 0);
}

TEST(creation, float_arange_matches_numpy_bit_for_bit) {
  // np.arange(0.0, 1.0, 0.1)
  EXPECT_EQ(to_vector(arange<double>(0.0, 1.0, 0.1)),
            (std::vector<double>{0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001,
                                 0.7000000000000001, 0.8, 0.9}));
  // np.arange(1.0, 2.0, 0.1): NumPy steps by (start + step) - start, not by step.
  EXPECT_EQ(to_vector(arange<double>(1.0, 2.0, 0.1)),
            (std::vector<double>{1.0, 1.1, 1.2000000000000002, 1.3000000000000003, 1.4000000000000004,
                                 1.5000000000000004, 1.6000000000000005, 1.7000000000000006, 1.8000000000000007,
                                 1.9000000000000008}));
  EXPECT_EQ(to_vector(arange<double>(-1.5, 1.0, 0.5)), (std::vector<double>{-1.5, -1.0, -0.5, 0.0, 0.5}));
  // np.arange(0, 1, 0.1, dtype=np.float32)[9] == 0.90000004: float32 arithmetic
  EXPECT_EQ(arange<float>(0.0f, 1.0f, 0.1f)(9), 0.90000004f);
}

TEST(creation, float_arange_length_is_ceil_of_the_span_over_the_step) {
  // (0.4 - 0.1) / 0.1 = 3.0000000000000004, so np.arange(0.1, 0.4, 0.1) has 4 elements: the
  // "stop" 0.4 (well, 0.4000000000000001) is included. NumPy documents this sharp edge.
  EXPECT_EQ(arange<double>(0.1, 0.4, 0.1).size(), 4);
  // (1.3 - 1) / 0.1 = 3.0000000000000004 as well: np.arange(1, 1.3, 0.1) has 4 elements.
  EXPECT_EQ(arange<double>(1.0, 1.3, 0.1).size(), 4);
  EXPECT_EQ(arange<double>(0.0, 1.0, 0.25).size(), 4);
  EXPECT_EQ(arange<double>(1.0, 0.0, -0.3).size(), 4);  // 1.0 0.7 0.4 0.1
}

TEST(creation, linspace_matches_numpy) {
  EXPECT_EQ(to_vector(linspace<double>(0.0, 1.0, 7)),
            (std::vector<double>{0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666,
                                 0.8333333333333333, 1.0}));
  EXPECT_EQ(to_vector(linspace<double>(2.0, 3.0, 5, false)), (std::vector<double>{2.0, 2.2, 2.4, 2.6, 2.8}));
  EXPECT_EQ(to_vector(linspace<double>(-1.0, 1.0, 4)),
            (std::vector<double>{-1.0, -0.33333333333333337, 0.33333333333333326, 1.0}));
  EXPECT_EQ(to_vector(linspace<double>(5.0, 7.0, 1)), (std::vector<double>{5.0}));
  EXPECT_EQ(linspace<double>(5.0, 7.0, 0).size(), 0);
  EXPECT_EQ(linspace<double>(0.0, 1.0).size(), 50);  // NumPy's default num
}

TEST(creation, eye_with_offsets) {
  EXPECT_EQ(to_vector(eye<double>(3)), (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  // np.eye(2, 3, k=1)
  EXPECT_EQ(to_vector(eye<i64>(2, 3, 1)), (std::vector<i64>{0, 1, 0, 0, 0, 1}));
  // np.eye(3, k=-1)
  EXPECT_EQ(to_vector(eye<i64>(3, -1, -1)), (std::vector<i64>{0, 0, 0, 1, 0, 0, 0, 1, 0}));
  // k beyond the matrix: all zeros
  EXPECT_EQ(to_vector(eye<i64>(2, 4, 5)), std::vector<i64>(8, 0));
  EXPECT_EQ(eye<i64>(2, 4, 5).shape(), (Dims{2, 4}));
}

TEST(creation, from_vector_copies_and_infers_minus_one) {
  std::vector<i64> source{1, 2, 3, 4, 5, 6};
  const auto t = from_vector(source, {2, -1});
  EXPECT_EQ(t.shape(), (Dims{2, 3}));
  source[0] = 100;  // a copy: the tensor does not see it
  EXPECT_EQ(t(0, 0), 1);
  EXPECT_EQ(from_vector(source).shape(), (Dims{6}));
  EXPECT_EQ(from_vector(std::vector<double>{}).shape(), (Dims{0}));
}

TEST(creation, nested_initializer_lists) {
  const Tensor<i64> m{{1, 2, 3}, {4, 5, 6}};
  EXPECT_EQ(m.shape(), (Dims{2, 3}));
  EXPECT_EQ(m(1, 0), 4);
  const Tensor<double> cube{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  EXPECT_EQ(cube.shape(), (Dims{2, 2, 2}));
  EXPECT_EQ(cube(1, 0, 1), 6.0);
  EXPECT_TRUE(cube.is_contiguous());
  const Tensor<bool> flags{true, false};
  EXPECT_EQ(flags.shape(), (Dims{2}));
  EXPECT_EQ(Tensor<float>().shape(), (Dims{0}));
}

TEST(creation, ragged_initializer_lists_throw_shape_error) {
  EXPECT_THROW((Tensor<i64>{{1, 2}, {3}}), ShapeError);
  EXPECT_THROW((Tensor<i64>{{{1, 2}, {3, 4}}, {{5, 6}}}), ShapeError);
  try {
    Tensor<i64>{{1, 2, 3}, {4, 5}};
    FAIL() << "no ShapeError";
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("inhomogeneous"), std::string::npos) << e.what();
  }
}

TEST(creation, astype_converts_like_numpy_and_always_copies) {
  const Tensor<double> d{1.7, -1.7, 2.5};
  EXPECT_EQ(to_vector(d.astype<i32>()), (std::vector<i32>{1, -1, 2}));  // truncation toward zero
  EXPECT_EQ(to_vector(Tensor<double>{0.0, 2.0, -0.5}.astype<bool>()), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(to_vector(Tensor<bool>{true, false}.astype<float>()), (std::vector<float>{1.0f, 0.0f}));
  // From a transposed view: the result is C-contiguous, in logical order.
  const auto m = arange<i64>(6).reshape({2, 3}).T();
  const auto f = m.astype<double>();
  EXPECT_TRUE(f.is_contiguous());
  EXPECT_EQ(to_vector(f), (std::vector<double>{0, 3, 1, 4, 2, 5}));
  // Same type is still a copy.
  const auto same = m.astype<i64>();
  EXPECT_NE(same.buffer(), m.buffer());
}

TEST(creation, contiguous_copies_only_when_needed_copy_always) {
  const auto a = arange<i64>(12).reshape({3, 4});
  EXPECT_EQ(a.contiguous().buffer(), a.buffer());  // already C-contiguous: same memory
  EXPECT_NE(a.copy().buffer(), a.buffer());
  const auto t = a.T();
  EXPECT_FALSE(t.is_contiguous());
  const auto c = t.contiguous();
  EXPECT_NE(c.buffer(), a.buffer());
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_EQ(c.strides(), (Dims{3, 1}));
  EXPECT_EQ(to_vector(c), to_vector(t));
  // A contiguous slice (a row range) is contiguous even with an offset.
  const auto rows = a[{slice(1, 3)}];
  EXPECT_TRUE(rows.is_contiguous());
  EXPECT_EQ(rows.contiguous().buffer(), a.buffer());
  EXPECT_FALSE((a[{_, slice(_, _, 2)}]).is_contiguous());
}

TEST(creation, is_contiguous_ignores_size_one_dimensions_like_numpy) {
  const auto a = arange<i64>(4).reshape({4, 1});
  EXPECT_TRUE(a.T().is_contiguous());  // shape (1, 4), strides (1, 1)
  EXPECT_TRUE((arange<i64>(3)[{_, newaxis}].is_contiguous()));
  EXPECT_FALSE(arange<i64>(6)[{slice(_, _, -1)}].is_contiguous());
}
