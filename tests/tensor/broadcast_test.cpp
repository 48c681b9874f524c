// NumPy's broadcasting rules: the workshop's slide examples, edge cases, and a property test
// against a reference that pads on the left and looks at the set of sizes in each dimension.
#include <einspan/tensor.hpp>
#include <array>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace einspan;

namespace {

// The exception message of broadcast_shapes, or "" when it succeeds.
std::string broadcast_error(std::initializer_list<Dims> shapes) {
  try {
    broadcast_shapes(shapes);
  } catch (const ShapeError& e) {
    return e.what();
  }
  return "";
}

// Reference written differently from the implementation: left-pad every shape with ones, then a
// dimension is valid when its set of sizes other than 1 has at most one element.
std::optional<std::vector<index_t>> reference_broadcast(const std::vector<std::vector<index_t>>& shapes) {
  std::size_t rank = 0;
  for (const auto& s : shapes) rank = std::max(rank, s.size());
  std::vector<std::vector<index_t>> padded;
  for (const auto& s : shapes) {
    std::vector<index_t> p(rank - s.size(), 1);
    p.insert(p.end(), s.begin(), s.end());
    padded.push_back(p);
  }
  std::vector<index_t> result;
  for (std::size_t d = 0; d < rank; ++d) {
    std::set<index_t> sizes;
    for (const auto& p : padded) sizes.insert(p[d]);
    sizes.erase(1);
    if (sizes.size() > 1) return std::nullopt;
    result.push_back(sizes.empty() ? 1 : *sizes.begin());
  }
  return result;
}

std::string python_tuple(const std::vector<index_t>& s) {
  std::string out = "(";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(s[i]);
  }
  return out + (s.size() == 1 ? ",)" : ")");
}

}  // namespace

TEST(broadcast_shapes, slide_matrix_plus_row) {
  EXPECT_EQ(broadcast_shapes({Dims{4, 3}, Dims{3}}), (Dims{4, 3}));
  EXPECT_EQ(broadcast_shapes({Dims{3}, Dims{4, 3}}), (Dims{4, 3}));
}

TEST(broadcast_shapes, slide_mismatch_names_both_shapes) {
  EXPECT_EQ(broadcast_error({Dims{4, 3}, Dims{1, 4}}),
            "operands could not be broadcast together with shapes (4,3) (1,4)");
  EXPECT_THROW(broadcast_shapes({Dims{4, 3}, Dims{1, 4}}), ShapeError);
  EXPECT_THROW(broadcast_shapes({Dims{4, 3}, Dims{1, 4}}), Error);
}

TEST(broadcast_shapes, slide_column_plus_row_makes_outer_shape) {
  EXPECT_EQ(broadcast_shapes({Dims{4, 1}, Dims{3}}), (Dims{4, 3}));
}

TEST(broadcast_shapes, slide_kmeans_difference) {
  const index_t n = 5000, k = 26, d = 26;
  EXPECT_EQ(broadcast_shapes({Dims{n, 1, d}, Dims{1, k, d}}), (Dims{n, k, d}));
  // data - centroids[0]: (n, d) with (d,)
  EXPECT_EQ(broadcast_shapes({Dims{n, d}, Dims{d}}), (Dims{n, d}));
}

TEST(broadcast_shapes, zero_dimensional_operands) {
  EXPECT_EQ(broadcast_shapes({Dims{}, Dims{}}), Dims{});
  EXPECT_EQ(broadcast_shapes({Dims{}, Dims{3}}), (Dims{3}));
  EXPECT_EQ(broadcast_shapes({Dims{2, 5}, Dims{}}), (Dims{2, 5}));
  EXPECT_EQ(broadcast_shapes({Dims{}}), Dims{});
  EXPECT_EQ(broadcast_shapes(std::span<const Dims>{}), Dims{});
}

TEST(broadcast_shapes, zero_size_dimensions) {
  EXPECT_EQ(broadcast_shapes({Dims{0}, Dims{1}}), (Dims{0}));
  EXPECT_EQ(broadcast_shapes({Dims{1}, Dims{0}}), (Dims{0}));
  EXPECT_EQ(broadcast_shapes({Dims{0}, Dims{0}}), (Dims{0}));
  EXPECT_EQ(broadcast_shapes({Dims{0, 3}, Dims{3}}), (Dims{0, 3}));
  EXPECT_EQ(broadcast_shapes({Dims{0}, Dims{}}), (Dims{0}));
  EXPECT_EQ(broadcast_error({Dims{0}, Dims{2}}), "operands could not be broadcast together with shapes (0,) (2,)");
  EXPECT_EQ(broadcast_error({Dims{2}, Dims{0}}), "operands could not be broadcast together with shapes (2,) (0,)");
}

TEST(broadcast_shapes, three_and_more_operands) {
  EXPECT_EQ(broadcast_shapes({Dims{2, 1, 1}, Dims{1, 3, 1}, Dims{1, 1, 4}}), (Dims{2, 3, 4}));
  EXPECT_EQ(broadcast_shapes({Dims{5}, Dims{1, 5}, Dims{3, 1}, Dims{}}), (Dims{3, 5}));
  // The message names every operand, including those that agree.
  EXPECT_EQ(broadcast_error({Dims{2, 1}, Dims{3}, Dims{4}}),
            "operands could not be broadcast together with shapes (2,1) (3,) (4,)");
  // The mismatch may be between the second and third operands only.
  EXPECT_EQ(broadcast_error({Dims{1}, Dims{3}, Dims{4}}),
            "operands could not be broadcast together with shapes (1,) (3,) (4,)");
}

TEST(broadcast_shapes, rank_eight_and_beyond) {
  EXPECT_EQ(broadcast_shapes({Dims{2, 1, 3, 1, 4, 1, 5, 1}, Dims{1, 6, 1, 7, 1, 8, 1, 9}}),
            (Dims{2, 6, 3, 7, 4, 8, 5, 9}));
  EXPECT_EQ(broadcast_shapes({Dims{1, 1, 1, 1, 1, 1, 1, 2}, Dims{3, 1}}), (Dims{1, 1, 1, 1, 1, 1, 3, 2}));
  // Rank 10 spills Dims to the heap; the rule does not change.
  EXPECT_EQ(broadcast_shapes({Dims{2, 1, 1, 1, 1, 1, 1, 1, 1, 3}, Dims{4, 1}}), (Dims{2, 1, 1, 1, 1, 1, 1, 1, 4, 3}));
  EXPECT_EQ(broadcast_error({Dims{2, 1, 1, 1, 1, 1, 1, 3}, Dims{2, 1, 1, 1, 1, 1, 1, 4}}),
            "operands could not be broadcast together with shapes (2,1,1,1,1,1,1,3) (2,1,1,1,1,1,1,4)");
}

TEST(broadcast_shapes, property_matches_reference_on_random_tuples) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> operand_count(1, 4), rank(0, 8), pick(0, 6);
  int failures = 0, successes = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    std::vector<std::vector<index_t>> shapes(static_cast<std::size_t>(operand_count(rng)));
    std::vector<Dims> dims;
    for (auto& s : shapes) {
      s.resize(static_cast<std::size_t>(rank(rng)));
      // Mostly 1 and 3 so that many tuples broadcast; 0 and 2 make the mismatches.
      constexpr std::array<index_t, 7> sizes{1, 1, 1, 3, 3, 0, 2};
      for (auto& d : s) d = sizes[static_cast<std::size_t>(pick(rng))];
      dims.emplace_back(s.begin(), s.end());
    }
    const auto expected = reference_broadcast(shapes);
    if (expected) {
      ++successes;
      Dims got;
      ASSERT_NO_THROW(got = broadcast_shapes(dims)) << "trial " << trial;
      EXPECT_EQ(std::vector<index_t>(got.begin(), got.end()), *expected) << "trial " << trial;
    } else {
      ++failures;
      std::string message = "operands could not be broadcast together with shapes";
      for (const auto& s : shapes) {
        message += ' ';
        message += python_tuple(s);
      }
      try {
        broadcast_shapes(dims);
        ADD_FAILURE() << "no error for " << message;
      } catch (const ShapeError& e) {
        EXPECT_EQ(e.what(), message);
      }
    }
  }
  // The generator must exercise both outcomes substantially.
  EXPECT_GT(failures, 500);
  EXPECT_GT(successes, 500);
}

TEST(broadcast_layout, stretched_dimensions_get_zero_strides) {
  const Layout row = Layout::row_major({3});
  const Layout out = broadcast_layout(row, std::vector<index_t>{4, 3});
  EXPECT_EQ(out.shape, (Dims{4, 3}));
  EXPECT_EQ(out.strides, (Dims{0, 1}));

  const Layout column = Layout::row_major({4, 1});
  EXPECT_EQ(broadcast_layout(column, std::vector<index_t>{4, 3}).strides, (Dims{1, 0}));
}

TEST(broadcast_layout, refuses_shapes_it_cannot_reach) {
  const Layout row = Layout::row_major({3});
  try {
    broadcast_layout(row, std::vector<index_t>{4, 4});
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "cannot broadcast array of shape (3,) to shape (4,4)");
  }
  // Broadcasting never removes dimensions.
  EXPECT_THROW(broadcast_layout(Layout::row_major({2, 3}), std::vector<index_t>{3}), ShapeError);
}

// Found by fuzz/broadcast: a negative size was broadcast like any other ((-1,) gave (-1,), and a
// size-1 tensor broadcast_to (-1,) made a view of shape (-1,)); NumPy raises ValueError.
TEST(broadcast_shapes, negative_dimensions_are_a_value_error) {
  try {
    broadcast_shapes({Dims{4, 3}, Dims{-1}});
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "negative dimensions are not allowed: (-1,)");
  }
  EXPECT_THROW(broadcast_shapes({Dims{-1}}), ValueError);
  EXPECT_THROW(broadcast_shapes({Dims{2}, Dims{3, -1}}), ValueError);  // before the mismatch of 2 and 3
  EXPECT_THROW(broadcast_shapes({Dims{1, std::numeric_limits<index_t>::min()}, Dims{}}), ValueError);
  EXPECT_THROW(broadcast_layout(Layout::row_major({1}), std::vector<index_t>{-1}), ValueError);
  EXPECT_THROW(ones<double>({1}).broadcast_to({2, -3}), ValueError);
  EXPECT_EQ(broadcast_shapes({Dims{0}, Dims{1}}), (Dims{0}));  // zero is a size like any other
}

TEST(broadcast_to, view_reads_source_elements) {
  const auto col = from_vector<int>({1, 2}, {2, 1});
  const auto b = col.broadcast_to({2, 3});
  EXPECT_TRUE(shares_memory(b, col));
  std::vector<int> got(b.begin(), b.end());
  EXPECT_EQ(got, (std::vector<int>{1, 1, 1, 2, 2, 2}));
}
