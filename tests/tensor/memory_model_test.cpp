// The workshop's memory-model slide: reshape, [::2] and .T are views over one buffer.
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <vector>

using namespace einspan;

TEST(memory_model, slide_views_share_one_buffer) {
  // np.arange(10, 90, 10) -> [10 20 30 40 50 60 70 80]
  const auto a = arange<std::int64_t>(10, 90, 10);
  EXPECT_EQ(to_vector(a), (std::vector<std::int64_t>{10, 20, 30, 40, 50, 60, 70, 80}));

  // a.reshape(4, 2) -> [[10 20] [30 40] [50 60] [70 80]], strides (16, 8) bytes = (2, 1) elements
  const auto b = a.reshape({4, 2});
  EXPECT_EQ(b.shape(), (Dims{4, 2}));
  EXPECT_EQ(b.strides(), (Dims{2, 1}));
  EXPECT_EQ(to_vector(b), to_vector(a));

  // b[::2] -> [[10 20] [50 60]], strides (32, 8) bytes = (4, 1) elements
  const auto c = b[{slice(_, _, 2)}];
  EXPECT_EQ(c.shape(), (Dims{2, 2}));
  EXPECT_EQ(c.strides(), (Dims{4, 1}));
  EXPECT_EQ(to_vector(c), (std::vector<std::int64_t>{10, 20, 50, 60}));

  // c.T -> [[10 50] [20 60]], strides (8, 32) bytes = (1, 4) elements
  const auto d = c.T();
  EXPECT_EQ(d.strides(), (Dims{1, 4}));
  EXPECT_EQ(to_vector(d), (std::vector<std::int64_t>{10, 50, 20, 60}));

  for (const auto* view : {&b, &c, &d}) EXPECT_TRUE(shares_memory(a, *view));

  // Writing through the last view changes the original: d[0, 1] is a[4].
  d(0, 1) = -1;
  EXPECT_EQ(a(4), -1);
}
