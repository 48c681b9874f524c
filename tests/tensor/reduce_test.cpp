// Reductions against brute-force loops over multi-indices: every subset of axes of a rank-3
// tensor, with and without keepdims, over contiguous, transposed, strided and reversed inputs;
// NumPy's result types, empty reductions, NaN, ties, out-parameter forms and errors.
#include <cmath>
#include <cstdlib>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "support/counting_new.hpp"
#include "support/multi_index.hpp"

using namespace einspan;

using einspan_test::allocations;

namespace {

using Index_ = einspan_test::MultiIndex;
using einspan_test::all_indices;

template <class T>
T& element(const Tensor<T>& t, const Index_& idx) {
  index_t off = t.offset();
  for (std::size_t k = 0; k < t.ndim(); ++k) off += idx[k] * t.strides()[k];
  return t.buffer().get()[off];
}

// The output index of an input index: reduced axes dropped (or set to 0 with keepdims).
Index_ project(const Index_& idx, const std::vector<bool>& reduced, bool keepdims) {
  Index_ out;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (!reduced[k]) out.push_back(idx[k]);
    else if (keepdims) out.push_back(0);
  }
  return out;
}

template <class T>
Tensor<T> random_tensor(Dims shape, std::mt19937& rng) {
  auto t = empty<T>(shape);
  std::uniform_int_distribution<int> u(-50, 50);
  // Small integers: sums are exact in every type, so float results can be compared exactly
  // whatever the summation order.
  for (T& x : t) x = static_cast<T>(u(rng));
  return t;
}

// Logical shape (3, 4, 5) with several memory layouts.
std::vector<std::pair<std::string, Tensor<double>>> inputs(std::mt19937& rng) {
  return {
      {"contiguous", random_tensor<double>({3, 4, 5}, rng)},
      {"transposed", random_tensor<double>({5, 4, 3}, rng).transpose()},
      {"strided", random_tensor<double>({3, 8, 5}, rng)[{_, slice(_, _, 2)}]},
      {"reversed", random_tensor<double>({3, 4, 5}, rng)[{slice(_, _, -1), _, slice(_, _, -1)}]},
      {"middle_first", random_tensor<double>({4, 3, 5}, rng).swapaxes(0, 1)},
  };
}

struct Brute {
  std::map<Index_, double> sum, sumsq, lo, hi;
  std::map<Index_, index_t> count;
};

Brute brute_force(const Tensor<double>& t, const std::vector<bool>& reduced, bool keepdims) {
  Brute b;
  for (const Index_& idx : all_indices(t.shape())) {
    const Index_ o = project(idx, reduced, keepdims);
    const double v = element(t, idx);
    const bool first = b.count[o]++ == 0;
    b.sum[o] += v;
    b.sumsq[o] += v * v;
    b.lo[o] = first ? v : std::min(b.lo[o], v);
    b.hi[o] = first ? v : std::max(b.hi[o], v);
  }
  return b;
}

}  // namespace

static_assert(std::is_same_v<decltype(sum(Tensor<std::int32_t>())), Tensor<std::int64_t>>);
static_assert(std::is_same_v<decltype(sum(Tensor<bool>())), Tensor<std::int64_t>>);
static_assert(std::is_same_v<decltype(sum(Tensor<float>())), Tensor<float>>);
static_assert(std::is_same_v<decltype(mean(Tensor<std::int64_t>())), Tensor<double>>);
static_assert(std::is_same_v<decltype(mean(Tensor<float>())), Tensor<float>>);
static_assert(std::is_same_v<decltype(norm(Tensor<std::int32_t>())), Tensor<double>>);
static_assert(std::is_same_v<decltype(min(Tensor<std::int32_t>())), Tensor<std::int32_t>>);
static_assert(std::is_same_v<decltype(argmin(Tensor<float>(), 0)), Tensor<std::int64_t>>);

TEST(reduce, every_axis_subset_matches_brute_force) {
  std::mt19937 rng(21);
  const std::vector<std::vector<index_t>> subsets = {{0}, {1}, {2}, {-1}, {0, 1}, {0, 2}, {1, 2}, {2, 0}, {0, 1, 2}};
  for (const auto& [name, t] : inputs(rng)) {
    for (const auto& axes : subsets) {
      std::vector<bool> reduced(3, false);
      for (const index_t a : axes) reduced[static_cast<std::size_t>(a < 0 ? a + 3 : a)] = true;
      for (const bool keepdims : {false, true}) {
        const std::string what = name + " axes " + testing::PrintToString(axes) + (keepdims ? " keepdims" : "");
        const Axes ax{std::span<const index_t>(axes)};
        const Brute b = brute_force(t, reduced, keepdims);
        const auto s = sum(t, ax, keepdims), m = mean(t, ax, keepdims), lo = min(t, ax, keepdims),
                   hi = max(t, ax, keepdims), n = norm(t, ax, keepdims);
        Dims expected_shape;
        for (std::size_t k = 0; k < 3; ++k)
          if (!reduced[k]) expected_shape.push_back(t.shape()[k]);
          else if (keepdims) expected_shape.push_back(1);
        ASSERT_EQ(s.shape(), expected_shape) << what;
        ASSERT_EQ(n.shape(), expected_shape) << what;
        for (const auto& [o, total] : b.sum) {
          EXPECT_EQ(element(s, o), total) << what;
          EXPECT_DOUBLE_EQ(element(m, o), total / static_cast<double>(b.count.at(o))) << what;
          EXPECT_EQ(element(lo, o), b.lo.at(o)) << what;
          EXPECT_EQ(element(hi, o), b.hi.at(o)) << what;
          EXPECT_DOUBLE_EQ(element(n, o), std::sqrt(b.sumsq.at(o))) << what;
        }
      }
    }
  }
}

TEST(reduce, all_axes_default_gives_zero_d) {
  const auto a = from_vector<std::int32_t>({1, 2, 3, 4, 5, 6}, {2, 3});
  const auto s = sum(a);
  EXPECT_EQ(s.ndim(), 0u);
  EXPECT_EQ(s.item(), 21);
  EXPECT_EQ(sum(a, Axes::all(), true).shape(), (Dims{1, 1}));
  EXPECT_DOUBLE_EQ(mean(a).item(), 3.5);
  EXPECT_EQ(min(a).item(), 1);
  EXPECT_EQ(max(a).item(), 6);
  EXPECT_DOUBLE_EQ(norm(from_vector<double>({3, 4})).item(), 5.0);
  // axis=() reduces nothing, as NumPy.
  EXPECT_EQ(sum(a, Axes(std::span<const index_t>{})).shape(), (Dims{2, 3}));
}

TEST(reduce, integer_sums_promote_to_int64) {
  const auto big = full<std::int32_t>({4}, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(sum(big).item(), 4 * std::int64_t{std::numeric_limits<std::int32_t>::max()});
  const auto flags = from_vector<bool>({true, false, true, true});
  EXPECT_EQ(sum(flags).item(), 3);
  EXPECT_DOUBLE_EQ(mean(flags).item(), 0.75);
}

TEST(reduce, long_float_sums_are_accurate) {
  // 1e6 copies of 0.1f: naive float accumulation drifts by ~1%; pairwise stays close.
  const auto t = full<float>({1000000}, 0.1f);
  EXPECT_NEAR(sum(t).item(), 100000.0f, 5.0f);
  const auto col = full<float>({1000000, 1}, 0.1f);
  EXPECT_NEAR(sum(col, 0).item(), 100000.0f, 5.0f);
}

TEST(reduce, large_inputs_take_the_parallel_path) {
  std::mt19937 rng(25);
  const index_t rows = 1030, cols = 1025;
  ASSERT_GT(rows * cols, detail::parallel_min_elements);
  const auto t = random_tensor<std::int64_t>({rows, cols}, rng);
  const auto by_row = sum(t, 1), by_column = sum(t, 0), column_max = max(t.T(), 1);
  index_t wrong = 0;
  for (index_t i = 0; i < rows; ++i) {
    std::int64_t total = 0;
    for (index_t j = 0; j < cols; ++j) total += t(i, j);
    wrong += by_row(i) != total;
  }
  for (index_t j = 0; j < cols; ++j) {
    std::int64_t total = 0, top = t(0, j);
    for (index_t i = 0; i < rows; ++i) {
      total += t(i, j);
      top = std::max(top, t(i, j));
    }
    wrong += by_column(j) != total;
    wrong += column_max(j) != top;
  }
  EXPECT_EQ(wrong, 0);
}

TEST(reduce, empty_reductions_behave_as_numpy) {
  const auto e = zeros<double>({0, 3});
  EXPECT_EQ(sum(e).item(), 0.0);
  const auto s0 = sum(e, 0);
  EXPECT_EQ(std::vector<double>(s0.begin(), s0.end()), (std::vector<double>{0, 0, 0}));
  EXPECT_TRUE(std::isnan(mean(e).item()));
  EXPECT_TRUE(std::isnan(mean(e, 0)(1)));
  try {
    min(e, 0);
    ADD_FAILURE();
  } catch (const ValueError& err) {
    EXPECT_STREQ(err.what(), "zero-size array to reduction operation minimum which has no identity");
  }
  try {
    max(e);
    ADD_FAILURE();
  } catch (const ValueError& err) {
    EXPECT_STREQ(err.what(), "zero-size array to reduction operation maximum which has no identity");
  }
  // The result itself is empty: no error, as NumPy.
  EXPECT_EQ(min(e, 1).shape(), (Dims{0}));
  EXPECT_EQ(argmin(e, 1).shape(), (Dims{0}));
  try {
    argmin(e, 0);
    ADD_FAILURE();
  } catch (const ValueError& err) {
    EXPECT_STREQ(err.what(), "attempt to get argmin of an empty sequence");
  }
  EXPECT_THROW(argmax(e), ValueError);
}

TEST(reduce, nan_propagates_through_min_max) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto a = from_vector<double>({1, nan, 0, 2, 3, 4}, {2, 3});
  EXPECT_TRUE(std::isnan(min(a).item()));
  const auto by_row = max(a, 1);
  EXPECT_TRUE(std::isnan(by_row(0)));
  EXPECT_EQ(by_row(1), 4);
  const auto by_column = min(a, 0);
  EXPECT_TRUE(std::isnan(by_column(1)));
  EXPECT_EQ(by_column(2), 0);
}

// Rows long enough for the vector min/max kernel (four registers, then a scalar tail), float and
// double, against a scalar scan: every length from 1 to 80, a NaN at every position of one row.
template <class T>
void check_long_row_min_max() {
  std::mt19937 rng(7);
  std::uniform_real_distribution<T> value(-100, 100);
  const T nan = std::numeric_limits<T>::quiet_NaN();
  for (index_t length = 1; length <= 80; ++length) {
    auto t = empty<T>({length + 1, length});
    for (index_t i = 0; i <= length; ++i)
      for (index_t j = 0; j < length; ++j) t(i, j) = value(rng);
    for (index_t j = 0; j < length; ++j) t(j, j) = nan;  // row j has a NaN at column j; the last row none
    const auto lo = min(t, 1), hi = max(t, 1);
    for (index_t j = 0; j < length; ++j) {
      EXPECT_TRUE(std::isnan(lo(j))) << "length " << length << " NaN at " << j;
      EXPECT_TRUE(std::isnan(hi(j))) << "length " << length << " NaN at " << j;
    }
    T expect_lo = t(length, 0), expect_hi = t(length, 0);
    for (index_t j = 1; j < length; ++j) {
      expect_lo = std::min(expect_lo, t(length, j));
      expect_hi = std::max(expect_hi, t(length, j));
    }
    EXPECT_EQ(lo(length), expect_lo) << "length " << length;
    EXPECT_EQ(hi(length), expect_hi) << "length " << length;
  }
}

TEST(reduce, long_rows_min_max_match_a_scalar_scan_and_propagate_every_nan) {
  check_long_row_min_max<double>();
  check_long_row_min_max<float>();
}

TEST(reduce, axis_errors) {
  const auto a = zeros<double>({2, 3});
  try {
    sum(a, 2);
    ADD_FAILURE();
  } catch (const AxisError& e) {
    EXPECT_STREQ(e.what(), "axis 2 is out of bounds for array of dimension 2");
  }
  EXPECT_THROW(sum(a, -3), AxisError);
  try {
    sum(a, {0, -2});
    ADD_FAILURE();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "duplicate value in 'axis'");
  }
  EXPECT_THROW(argmin(a, 2), AxisError);
}

// ---- argmin / argmax ---------------------------------------------------------------------------

TEST(reduce_arg, every_axis_and_layout_matches_brute_force_with_lowest_index_ties) {
  std::mt19937 rng(22);
  for (auto [name, t] : inputs(rng)) {
    // Few distinct values so that ties are common.
    for (double& x : t) x = std::round(x / 40);
    for (index_t axis = 0; axis < 3; ++axis) {
      for (const bool keepdims : {false, true}) {
        const auto lo = argmin(t, axis, keepdims), hi = argmax(t, axis, keepdims);
        std::vector<bool> reduced(3, false);
        reduced[static_cast<std::size_t>(axis)] = true;
        for (const Index_& idx : all_indices(t.shape())) {
          if (idx[static_cast<std::size_t>(axis)] != 0) continue;
          // Brute force along the axis from this starting index.
          Index_ cur = idx;
          index_t best_lo = 0, best_hi = 0;
          for (index_t r = 0; r < t.shape()[static_cast<std::size_t>(axis)]; ++r) {
            cur[static_cast<std::size_t>(axis)] = r;
            Index_ lo_at = idx, hi_at = idx;
            lo_at[static_cast<std::size_t>(axis)] = best_lo;
            hi_at[static_cast<std::size_t>(axis)] = best_hi;
            if (element(t, cur) < element(t, lo_at)) best_lo = r;
            if (element(t, cur) > element(t, hi_at)) best_hi = r;
          }
          const Index_ o = project(idx, reduced, keepdims);
          EXPECT_EQ(element(lo, o), best_lo) << name << " axis " << axis;
          EXPECT_EQ(element(hi, o), best_hi) << name << " axis " << axis;
        }
      }
    }
  }
}

// Every row length from 1 to 140 crosses all of the contiguous scans (scalar, the two-pass short
// row scan up to 128, the one-pass vector scan beyond); few distinct values make ties common, and
// some rows get NaNs at random positions (the first NaN must win, NumPy's rule).
template <class T>
void check_rows_against_a_sequential_scan() {
  const T nan = std::numeric_limits<T>::quiet_NaN();
  std::mt19937 rng(31);
  std::uniform_int_distribution<int> small(0, 3), coin(0, 3);
  for (index_t length = 1; length <= 140; ++length) {
    std::uniform_int_distribution<index_t> where(0, length - 1);
    auto t = empty<T>({50, length});
    for (T& x : t) x = static_cast<T>(small(rng));
    for (index_t i = 0; i < 50; ++i)
      if (coin(rng) == 0)
        for (int k = 0; k < 2; ++k) t(i, where(rng)) = nan;
    const auto lo = argmin(t, 1), hi = argmax(t, 1);
    for (index_t i = 0; i < 50; ++i) {
      index_t first_nan = -1, best_lo = 0, best_hi = 0;
      for (index_t r = 0; r < length; ++r) {
        const T v = t(i, r);
        if (std::isnan(v) && first_nan < 0) first_nan = r;
        if (v < t(i, best_lo)) best_lo = r;
        if (v > t(i, best_hi)) best_hi = r;
      }
      EXPECT_EQ(lo(i), first_nan >= 0 ? first_nan : best_lo) << "length " << length << " row " << i;
      EXPECT_EQ(hi(i), first_nan >= 0 ? first_nan : best_hi) << "length " << length << " row " << i;
    }
  }
}

TEST(reduce_arg, contiguous_rows_with_ties_and_nans_match_a_sequential_scan) {
  check_rows_against_a_sequential_scan<double>();
  check_rows_against_a_sequential_scan<float>();
}

TEST(reduce_arg, flattened_index_is_c_order) {
  const auto a = from_vector<double>({3, 1, 4, 1, 5, 9, 2, 6}, {2, 4});
  EXPECT_EQ(argmin(a).item(), 1);
  EXPECT_EQ(argmax(a).item(), 5);
  // Transposed: C order of the view, not of memory. a.T = [[3,5],[1,9],[4,2],[1,6]]
  EXPECT_EQ(argmax(a.T()).item(), 3);
  EXPECT_EQ(argmin(a.T()).item(), 2);
}

TEST(reduce_arg, first_nan_wins) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto a = from_vector<double>({3, nan, 1, nan});
  EXPECT_EQ(argmin(a).item(), 1);
  EXPECT_EQ(argmax(a).item(), 1);
  const auto m = from_vector<double>({3, 1, nan, 0, 5, nan}, {3, 2});
  const auto by_column = argmin(m, 0);
  EXPECT_EQ(by_column(0), 1);
  EXPECT_EQ(by_column(1), 2);
}

TEST(reduce_arg, long_axis_over_blocks_of_outputs) {
  // An outer-axis argmax over more outputs than one stack block holds.
  std::mt19937 rng(23);
  const auto t = random_tensor<std::int64_t>({9, 700}, rng);
  const auto got = argmax(t, 0);
  for (index_t j = 0; j < 700; ++j) {
    index_t best = 0;
    for (index_t i = 1; i < 9; ++i)
      if (t(i, j) > t(best, j)) best = i;
    EXPECT_EQ(got(j), best);
  }
}

// ---- out-parameter forms (k-means' inner loop) ---------------------------------------------------

TEST(reduce_out, sum_and_argmin_into_existing_tensors_allocate_nothing) {
  std::mt19937 rng(24);
  const auto dist3 = random_tensor<double>({40, 6, 5}, rng);
  auto dist = empty<double>({40, 6});
  auto labels = empty<std::int64_t>({40});
  auto counts_by_column = empty<double>({1, 6, 5});
  const long before = allocations.load();
  sum(dist3, 2, dist);
  argmin(dist, 1, labels);
  sum(dist3, 0, counts_by_column);  // keepdims-shaped out is accepted too
  EXPECT_EQ(allocations.load(), before);
  const auto expected = sum(dist3, 2);
  EXPECT_TRUE(array_equal(dist, expected));
  EXPECT_TRUE(array_equal(labels, argmin(expected, 1)));
  EXPECT_TRUE(array_equal(counts_by_column, sum(dist3, 0, true)));
}

TEST(reduce_out, wrong_out_shape_or_overlap_throws) {
  const auto a = zeros<double>({4, 3});
  auto wrong = empty<double>({4});
  try {
    sum(a, 1, empty<double>({3}));
    ADD_FAILURE();
  } catch (const ShapeError& e) {
    EXPECT_STREQ(e.what(), "sum: output array of shape (3,) does not match the result shape (4,)");
  }
  EXPECT_THROW(argmin(a, 0, empty<std::int64_t>({4})), ShapeError);
  EXPECT_THROW(sum(a, 0, a[0]), ValueError);
  const auto ints = zeros<std::int64_t>({4, 3});
  EXPECT_THROW(argmin(ints, 1, ints[{_, 0}]), ValueError);
  sum(a, 1, wrong);
  EXPECT_EQ(wrong(0), 0.0);
}

// ---- the 8-, 16- and unsigned integer types ---------------------------------------------------------

static_assert(std::is_same_v<decltype(sum(Tensor<std::uint8_t>())), Tensor<std::uint64_t>>);  // np.sum(uint8)
static_assert(std::is_same_v<decltype(sum(Tensor<std::uint32_t>())), Tensor<std::uint64_t>>);
static_assert(std::is_same_v<decltype(sum(Tensor<std::int8_t>())), Tensor<std::int64_t>>);
static_assert(std::is_same_v<decltype(sum(Tensor<std::int16_t>())), Tensor<std::int64_t>>);
static_assert(std::is_same_v<decltype(mean(Tensor<std::uint16_t>())), Tensor<double>>);
static_assert(std::is_same_v<decltype(min(Tensor<std::uint8_t>())), Tensor<std::uint8_t>>);

namespace {
// Values over T's whole range (8-bit types then have many ties among 350 elements).
template <class T>
Tensor<T> full_range_tensor(Dims shape, std::mt19937_64& rng) {
  auto t = empty<T>(shape);
  if constexpr (std::is_signed_v<T>) {
    std::uniform_int_distribution<std::int64_t> u(std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
    for (T& x : t) x = static_cast<T>(u(rng));
  } else {
    std::uniform_int_distribution<std::uint64_t> u(0, std::numeric_limits<T>::max());
    for (T& x : t) x = static_cast<T>(u(rng));
  }
  return t;
}
}  // namespace

template <class T>
class reduce_small_ints : public ::testing::Test {};
using SmallIntegerTypes =
    ::testing::Types<std::uint8_t, std::int8_t, std::uint16_t, std::int16_t, std::uint32_t, std::uint64_t>;
TYPED_TEST_SUITE(reduce_small_ints, SmallIntegerTypes);

// sum (wrapping modulo 2^64 in int64/uint64, as NumPy's), mean, min, max, argmin and argmax over
// each axis of a (5, 70) tensor and its transpose, against loops over the elements.
TYPED_TEST(reduce_small_ints, sum_mean_min_max_argmin_argmax_match_brute_force) {
  using T = TypeParam;
  using S = sum_t<T>;
  std::mt19937_64 rng(sizeof(T) * 2 + std::is_signed_v<T>);
  const Tensor<T> base = full_range_tensor<T>({5, 70}, rng);
  for (const Tensor<T>& t : {base, base.T().copy().T(), base[{slice(_, _, -1), slice(_, _, 2)}]}) {
    const index_t rows = t.shape()[0], cols = t.shape()[1];
    for (const index_t axis : {0, 1}) {
      const index_t outer = axis == 0 ? cols : rows, inner = axis == 0 ? rows : cols;
      const auto at = [&](index_t o, index_t i) { return axis == 0 ? t(i, o) : t(o, i); };
      const Tensor<S> s = sum(t, axis);
      const Tensor<double> m = mean(t, axis);
      const Tensor<T> lo = min(t, axis), hi = max(t, axis);
      const Tensor<std::int64_t> amin = argmin(t, axis), amax = argmax(t, axis);
      for (index_t o = 0; o < outer; ++o) {
        std::uint64_t total = 0;  // wraps modulo 2^64, as the int64/uint64 sum does
        double exact = 0;
        index_t imin = 0, imax = 0;
        for (index_t i = 0; i < inner; ++i) {
          total += static_cast<std::uint64_t>(at(o, i));
          exact += static_cast<double>(at(o, i));
          if (at(o, i) < at(o, imin)) imin = i;
          if (at(o, i) > at(o, imax)) imax = i;
        }
        const std::string what = fmt::format("axis {} index {}", axis, o);
        EXPECT_EQ(s(o), static_cast<S>(total)) << what;
        if constexpr (sizeof(T) < 8) EXPECT_EQ(m(o), exact / static_cast<double>(inner)) << what;  // sums are exact
        else EXPECT_NEAR(m(o), exact / static_cast<double>(inner), 1e-12 * std::abs(exact / inner) + 1) << what;
        EXPECT_EQ(lo(o), at(o, imin)) << what;
        EXPECT_EQ(hi(o), at(o, imax)) << what;
        EXPECT_EQ(amin(o), imin) << what;  // the first of equal values, as NumPy
        EXPECT_EQ(amax(o), imax) << what;
      }
    }
    // Over everything: the flattened (C-order) index and the whole sum.
    std::uint64_t total = 0;
    index_t flat = 0, best = 0;
    for (index_t r = 0; r < rows; ++r)
      for (index_t c = 0; c < cols; ++c, ++flat) {
        total += static_cast<std::uint64_t>(t(r, c));
        if (t(r, c) < t(best / cols, best % cols)) best = flat;
      }
    EXPECT_EQ(sum(t).item(), static_cast<S>(total));
    EXPECT_EQ(argmin(t).item(), best);
  }
}

// np.sum of uint64 wraps around (no promotion beyond 64 bits); np.sum of int8 does not wrap at 8 bits.
TEST(reduce, small_integer_sums_do_not_wrap_at_their_own_width) {
  EXPECT_EQ(sum(full<std::uint8_t>({4}, 200)).item(), 800u);
  EXPECT_EQ(sum(full<std::int8_t>({3}, -128)).item(), -384);
  EXPECT_EQ(sum(Tensor<std::uint64_t>{std::numeric_limits<std::uint64_t>::max(), 2}).item(), 1u);
  EXPECT_EQ(min(Tensor<std::uint16_t>{7, 65535, 0, 3}).item(), 0);
  EXPECT_EQ(argmax(Tensor<std::uint16_t>{7, 65535, 0, 65535}).item(), 1);
}
