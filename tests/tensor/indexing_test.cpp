// bincount, take, boolean-mask selection, stack, concatenate, allclose, array_equal: each against
// hand-computed NumPy results or a plain loop, plus every error path.
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <vector>

using namespace einspan;

TEST(bincount, counts_with_minlength_and_weights) {
  const auto labels = from_vector<std::int64_t>({0, 1, 1, 3, 2, 1, 7});
  // np.bincount([0, 1, 1, 3, 2, 1, 7]) -> [1 3 1 1 0 0 0 1]
  EXPECT_EQ(to_vector(bincount(labels)), (std::vector<std::int64_t>{1, 3, 1, 1, 0, 0, 0, 1}));
  EXPECT_EQ(bincount(labels, 10).shape(), (Dims{10}));
  EXPECT_EQ(bincount(labels, 3).shape(), (Dims{8}));
  EXPECT_EQ(to_vector(bincount(zeros<std::int32_t>({0}), 4)), (std::vector<std::int64_t>{0, 0, 0, 0}));
  // np.bincount([0, 1, 1, 2], weights=[0.5, 1, 2, 4]) -> [0.5 3. 4.]
  const auto w = bincount(from_vector<std::int32_t>({0, 1, 1, 2}), from_vector<double>({0.5, 1, 2, 4}));
  EXPECT_EQ(to_vector(w), (std::vector<double>{0.5, 3, 4}));
  // A strided view of labels.
  const auto strided = from_vector<std::int64_t>({2, 9, 2, 9, 0, 9})[{slice(_, _, 2)}];
  EXPECT_EQ(to_vector(bincount(strided)), (std::vector<std::int64_t>{1, 0, 2}));
}

TEST(bincount, errors) {
  try {
    bincount(from_vector<std::int64_t>({1, -1}));
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "'list' argument must have no negative elements (found -1)");
  }
  EXPECT_THROW(bincount(from_vector<std::int64_t>({1}), -1), ValueError);
  EXPECT_THROW(bincount(zeros<std::int64_t>({2, 2})), ValueError);
  EXPECT_THROW(bincount(from_vector<std::int64_t>({1, 2}), from_vector<double>({1.0})), ShapeError);
}

TEST(take, one_hot_rows_of_eye) {
  // np.eye(3)[[2, 0, 2, 1]]
  const auto labels = from_vector<std::int64_t>({2, 0, 2, 1});
  const auto onehot = take(eye<double>(3), labels, 0);
  ASSERT_EQ(onehot.shape(), (Dims{4, 3}));
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(onehot(i, j), labels(i) == j ? 1.0 : 0.0);
}

TEST(take, any_axis_with_multidimensional_and_negative_indices) {
  std::mt19937 rng(31);
  auto t = empty<std::int32_t>({3, 4, 5});
  std::uniform_int_distribution<int> u(-100, 100);
  for (auto& x : t) x = u(rng);
  const auto view = t.transpose({2, 0, 1});  // (5, 3, 4), non-contiguous
  const auto idx = from_vector<std::int32_t>({1, -1, 0, 2, 2, -3}, {2, 3});
  const auto r = take(view, idx, 1);  // (5,) + (2, 3) + (4,)
  ASSERT_EQ(r.shape(), (Dims{5, 2, 3, 4}));
  for (index_t a = 0; a < 5; ++a)
    for (index_t i = 0; i < 2; ++i)
      for (index_t j = 0; j < 3; ++j)
        for (index_t c = 0; c < 4; ++c) {
          const index_t k = idx(i, j) < 0 ? idx(i, j) + 3 : idx(i, j);
          EXPECT_EQ(r(a, i, j, c), view(a, k, c));
        }
  // Without axis: over the flattened tensor.
  const auto flat = take(from_vector<double>({1, 2, 3, 4}, {2, 2}).T(), from_vector<std::int64_t>({1, 3}));
  EXPECT_EQ(to_vector(flat), (std::vector<double>{3, 4}));
}

TEST(take, errors_name_the_index) {
  try {
    take(eye<double>(3), from_vector<std::int64_t>({0, 5}), 0);
    ADD_FAILURE();
  } catch (const IndexError& e) {
    EXPECT_STREQ(e.what(), "index 5 is out of bounds for axis 0 with size 3");
  }
  try {
    take(eye<double>(3), from_vector<std::int64_t>({-4}), 1);
    ADD_FAILURE();
  } catch (const IndexError& e) {
    EXPECT_STREQ(e.what(), "index -4 is out of bounds for axis 1 with size 3");
  }
  EXPECT_THROW(take(eye<double>(3), from_vector<std::int64_t>({0}), 2), AxisError);
  EXPECT_THROW(take(zeros<double>({0}), from_vector<std::int64_t>({0})), IndexError);
  EXPECT_EQ(take(zeros<double>({0}), zeros<std::int64_t>({0})).shape(), (Dims{0}));
}

TEST(select, rows_where_labels_match) {
  // data[labels == 1] for the k-means centroid update.
  const auto data = from_vector<double>({0, 1, 10, 11, 20, 21, 30, 31}, {4, 2});
  const auto labels = from_vector<std::int64_t>({1, 0, 1, 1});
  const auto picked = select(data, labels == 1);
  ASSERT_EQ(picked.shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(picked), (std::vector<double>{0, 1, 20, 21, 30, 31}));
  EXPECT_EQ(select(data, labels == 5).shape(), (Dims{0, 2}));
  // A full-shape mask gives a 1-d result in C order, also through a transposed view.
  const auto t = data.T();  // [[0 10 20 30] [1 11 21 31]]
  EXPECT_EQ(to_vector(select(t, t > 15)), (std::vector<double>{20, 30, 21, 31}));
}

TEST(select, mask_shape_mismatch_is_an_index_error) {
  const auto data = zeros<double>({3, 2});
  try {
    select(data, zeros<bool>({2}));
    ADD_FAILURE();
  } catch (const IndexError& e) {
    EXPECT_STREQ(e.what(),
                 "boolean index did not match indexed array along dimension 0; dimension is 3 but corresponding "
                 "boolean dimension is 2");
  }
  EXPECT_THROW(select(data, zeros<bool>({3, 2, 1})), IndexError);
}

TEST(stack, new_axis_anywhere) {
  const auto a = from_vector<std::int64_t>({1, 2, 3}), b = from_vector<std::int64_t>({4, 5, 6});
  const auto s0 = stack({a, b}, 0), s1 = stack({a, b}, 1), sm = stack({a, b}, -1);
  EXPECT_EQ(s0.shape(), (Dims{2, 3}));
  EXPECT_EQ(to_vector(s0), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(s1.shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(s1), (std::vector<std::int64_t>{1, 4, 2, 5, 3, 6}));
  EXPECT_EQ(to_vector(sm), to_vector(s1));
  EXPECT_EQ(stack({scalar(1.0), scalar(2.0)}).shape(), (Dims{2}));
}

TEST(stack, errors) {
  EXPECT_THROW(stack(std::span<const Tensor<double>>{}), ValueError);
  try {
    stack({zeros<double>({2, 3}), zeros<double>({2, 2})});
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "all input arrays must have the same shape, got (2, 3) and (2, 2)");
  }
  EXPECT_THROW(stack({zeros<double>({2})}, 2), AxisError);
}

TEST(concatenate, along_any_axis_with_views) {
  const auto a = from_vector<double>({1, 2, 3, 4}, {2, 2});
  const auto b = from_vector<double>({5, 6}, {1, 2});
  EXPECT_EQ(to_vector(concatenate({a, b}, 0)), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  const auto c = concatenate({a.T(), b.T()}, 1);  // [[1 3 5] [2 4 6]]
  EXPECT_EQ(c.shape(), (Dims{2, 3}));
  EXPECT_EQ(to_vector(c), (std::vector<double>{1, 3, 5, 2, 4, 6}));
  EXPECT_EQ(concatenate({a, zeros<double>({0, 2})}, 0).shape(), (Dims{2, 2}));
}

TEST(concatenate, errors_in_numpy_words) {
  try {
    concatenate({zeros<double>({2, 3}), zeros<double>({2, 2})}, 0);
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(),
                 "all the input array dimensions except for the concatenation axis must match exactly, but along "
                 "dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2");
  }
  EXPECT_THROW(concatenate({zeros<double>({2}), zeros<double>({2, 1})}), ShapeError);
  try {
    concatenate({scalar(1.0), scalar(2.0)});
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "zero-dimensional arrays cannot be concatenated");
  }
  EXPECT_THROW(concatenate(std::span<const Tensor<double>>{}), ValueError);
  EXPECT_THROW(concatenate({zeros<double>({2})}, 1), AxisError);
}

TEST(allclose, tolerances_nan_inf_and_broadcasting) {
  const auto a = from_vector<double>({1.0, 2.0, 1e10});
  EXPECT_TRUE(allclose(a, a + 1e-9));
  EXPECT_FALSE(allclose(a, a + 1e-3));
  EXPECT_TRUE(allclose(a, a + 1e-3, 1e-3, 1e-2));
  // rtol scales with |b|: 1e10 vs 1e10 + 1e4 is close (1e4 <= 1e-5 * 1e10).
  EXPECT_TRUE(allclose(from_vector<double>({1e10}), from_vector<double>({1e10 + 1e4})));
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(allclose(from_vector<double>({inf}), from_vector<double>({inf})));
  EXPECT_FALSE(allclose(from_vector<double>({inf}), from_vector<double>({-inf})));
  EXPECT_FALSE(allclose(from_vector<double>({nan}), from_vector<double>({nan})));
  EXPECT_TRUE(allclose(ones<float>({2, 3}), scalar(1.0)));
  EXPECT_TRUE(allclose(from_vector<std::int32_t>({1, 2}), from_vector<double>({1.0, 2.0})));
  EXPECT_THROW(allclose(ones<double>({2}), ones<double>({3})), ShapeError);
}

TEST(array_equal, shape_and_values) {
  const auto a = from_vector<std::int64_t>({1, 2, 3, 4}, {2, 2});
  EXPECT_TRUE(array_equal(a, a.copy()));
  EXPECT_FALSE(array_equal(a, a.T()));
  EXPECT_TRUE(array_equal(a.T(), from_vector<std::int64_t>({1, 3, 2, 4}, {2, 2})));
  EXPECT_FALSE(array_equal(a, a.reshape({4})));
  EXPECT_TRUE(array_equal(a, a.astype<double>()));
  // int64 values that double cannot tell apart are still compared exactly.
  const std::int64_t big = (std::int64_t{1} << 53) + 1;
  EXPECT_FALSE(array_equal(from_vector<std::int64_t>({big}), from_vector<std::int64_t>({big - 1})));
}
