// Unary functions of a temporary (square(a - b)) may compute in the temporary's own buffer, and
// large buffers are recycled between allocations. Neither may ever be visible: results equal a
// plain loop, and memory that someone else can see (an lvalue's buffer, a view's parent,
// from_external memory) is never written.
#include <cmath>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <vector>

using namespace einspan;

TEST(temporaries, square_of_a_difference_matches_a_plain_loop) {
  // Large enough (3 MB) to go through the recycled-buffer path too.
  const auto data = arange<double>(5000 * 26 * 3).reshape({5000 * 3, 26});
  const auto row = arange<double>(26) * 0.5;
  for (int round = 0; round < 3; ++round) {
    const auto sq = square(data - row);
    ASSERT_EQ(sq.shape(), (Dims{5000 * 3, 26}));
    for (index_t i = 0; i < 5000 * 3; i += 997)
      for (index_t j = 0; j < 26; ++j) {
        const double v = static_cast<double>(i * 26 + j) - 0.5 * static_cast<double>(j);
        ASSERT_EQ(sq(i, j), v * v);
      }
  }
}

TEST(temporaries, an_lvalue_and_its_views_are_never_overwritten) {
  const auto a = from_vector<double>({1, -2, 3, -4});
  const auto r = square(a.reshape({2, 2}));  // a temporary view, but a's buffer is shared
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, -2, 3, -4}));
  EXPECT_EQ(to_vector(r), (std::vector<double>{1, 4, 9, 16}));
  const auto h = square(Tensor<double>(a));  // a temporary handle to a's buffer
  EXPECT_EQ(to_vector(a), (std::vector<double>{1, -2, 3, -4}));
  EXPECT_EQ(to_vector(h), (std::vector<double>{1, 4, 9, 16}));
}

TEST(temporaries, external_memory_is_never_written) {
  std::vector<double> mine{1, 2, 3};
  const auto r = square(from_external(mine.data(), {3}));
  EXPECT_EQ(mine, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(to_vector(r), (std::vector<double>{1, 4, 9}));
}

TEST(temporaries, non_contiguous_temporaries_and_type_changes_get_a_fresh_result) {
  const auto m = arange<double>(6).reshape({2, 3});
  const auto t = square(m.copy().T());  // owned but transposed: not rewritten in place
  EXPECT_EQ(t.shape(), (Dims{3, 2}));
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_EQ(to_vector(t), (std::vector<double>{0, 9, 1, 16, 4, 25}));
  const auto ints = arange<std::int32_t>(4);
  const auto roots = sqrt(ints + 0);  // int32 -> double: a fresh double result
  EXPECT_DOUBLE_EQ(roots(3), std::sqrt(3.0));
}

TEST(temporaries, recycled_buffers_do_not_alias_live_tensors) {
  // Two live 2 MB results of the same size, freed and allocated again in turn: each must keep
  // its own values.
  std::vector<Tensor<double>> live;
  for (int i = 0; i < 6; ++i) {
    live.push_back(full<double>({1 << 18}, static_cast<double>(i)));
    if (live.size() > 2) live.erase(live.begin());
    for (std::size_t k = 0; k < live.size(); ++k)
      EXPECT_EQ(live[k](index_t{12345}), static_cast<double>(i - static_cast<int>(live.size() - 1 - k)));
  }
}
