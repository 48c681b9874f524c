// bincount(labels, minlength, out): counts against a plain loop, errors, and no allocation
// (support/counting_new.hpp counts heap allocations around the call).
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <random>
#include <vector>

#include "support/counting_new.hpp"
#include "support/expect_error.hpp"

using einspan_test::allocations_during;

using namespace einspan;

namespace {

template <class I>
std::vector<std::int64_t> brute_force_counts(const std::vector<I>& labels, index_t length) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(length), 0);
  for (const I v : labels)
    for (index_t bin = 0; bin < length; ++bin)
      if (static_cast<index_t>(v) == bin) ++counts[static_cast<std::size_t>(bin)];
  return counts;
}

template <class I>
void check_random_labels(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 25);
  std::vector<I> raw(1000);
  for (I& v : raw) v = static_cast<I>(pick(rng));
  raw[17] = 25;  // the top label occurs, so the length is max + 1 = 26 = minlength
  const auto labels = from_vector<I>(raw);
  auto out = full<std::int64_t>({26}, -7);  // stale contents must be overwritten
  const long allocated = allocations_during([&] { bincount(labels, 26, out); });
  EXPECT_EQ(allocated, 0);
  EXPECT_EQ(std::vector<std::int64_t>(out.begin(), out.end()), brute_force_counts(raw, 26));
}

}  // namespace

TEST(bincount_out, matches_a_plain_loop_and_allocates_nothing) {
  check_random_labels<std::int32_t>(1);
  check_random_labels<std::int64_t>(2);
}

TEST(bincount_out, minlength_longer_than_the_labels_need) {
  const auto labels = from_vector<std::int64_t>({0, 1, 1, 3});
  auto out = zeros<std::int64_t>({6});
  bincount(labels, 6, out);
  // np.bincount([0, 1, 1, 3], minlength=6) -> [1 2 0 1 0 0]
  EXPECT_EQ(std::vector<std::int64_t>(out.begin(), out.end()), (std::vector<std::int64_t>{1, 2, 0, 1, 0, 0}));
}

TEST(bincount_out, writes_through_a_strided_out_view) {
  const auto labels = from_vector<std::int32_t>({2, 2, 0});
  auto base = full<std::int64_t>({6}, 9);
  bincount(labels, 3, base[{slice(_, _, 2)}]);
  EXPECT_EQ(std::vector<std::int64_t>(base.begin(), base.end()), (std::vector<std::int64_t>{1, 9, 0, 9, 2, 9}));
}

TEST(bincount_out, errors_name_the_shapes) {
  const auto labels = from_vector<std::int64_t>({0, 4});
  auto wrong = full<std::int64_t>({3}, 5);
  einspan_test::expect_error<ShapeError>([&] { bincount(labels, 3, wrong); }, "expected (5,)");
  EXPECT_EQ(std::vector<std::int64_t>(wrong.begin(), wrong.end()), (std::vector<std::int64_t>{5, 5, 5}));
  auto two_d = zeros<std::int64_t>({5, 1});
  einspan_test::expect_error<ShapeError>([&] { bincount(labels, 0, two_d); }, "(5, 1)");
  auto out = zeros<std::int64_t>({5});
  einspan_test::expect_error<ValueError>([&] { bincount(from_vector<std::int64_t>({1, -1}), 0, out); }, "negative");
  einspan_test::expect_error<ValueError>([&] { bincount(labels, -1, out); }, "minlength");
}
