// Generator: bit-identical to NumPy for the same seed (the expected values below were printed by
// NumPy 1.24, with the Python line given next to each), plus statistical and property checks.
#include <algorithm>
#include <cmath>
#include <einspan/tensor.hpp>
#include <einspan/tensor/random.hpp>
#include <gtest/gtest.h>
#include <limits>
#include <set>
#include <vector>

using namespace einspan;
using i64 = std::int64_t;

namespace {

template <class F>
std::string thrown_message(F&& f) {
  try {
    f();
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no ValueError";
}

double mean(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double variance(const std::vector<double>& x) {
  const double m = mean(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size());
}

}  // namespace

// ---- NumPy's streams --------------------------------------------------------------------------

TEST(random, raw_bits_match_numpy_pcg64_seeded_by_seed_sequence) {
  // np.random.default_rng(42).bit_generator.random_raw(3)
  Generator g(42);
  EXPECT_EQ(g.next_uint64(), 14276969152011380360ull);
  EXPECT_EQ(g.next_uint64(), 8095878257575067585ull);
  EXPECT_EQ(g.next_uint64(), 15838336090824644132ull);
  // default_rng(0) and a seed that needs two 32-bit entropy words, default_rng(2**40).
  EXPECT_EQ(Generator(0).next_uint64(), 11749869230777074271ull);
  EXPECT_EQ(Generator(1ull << 40).next_uint64(), 6655761860222389633ull);
}

TEST(random, random_and_uniform_match_numpy) {
  // default_rng(123).random(3)
  EXPECT_EQ(to_vector(Generator(123).random({3})),
            (std::vector<double>{0.6823518632481435, 0.053821018802222675, 0.22035987277261138}));
  // default_rng(1).uniform(-2, 3, 3)
  EXPECT_EQ(to_vector(Generator(1).uniform(-2, 3, {3})),
            (std::vector<double>{0.5591081235012836, 2.7523184816296764, -1.2792019364018312}));
}

TEST(random, integers_match_numpy_lemire) {
  // default_rng(3).integers(0, 10, 8): 32-bit Lemire on buffered halves of 64-bit draws
  EXPECT_EQ(to_vector(Generator(3).integers(0, 10, {8})), (std::vector<i64>{8, 0, 1, 2, 1, 8, 8, 5}));
  // default_rng(3).integers(-5, 2**40, 3): 64-bit Lemire
  EXPECT_EQ(to_vector(Generator(3).integers(-5, i64{1} << 40, {3})),
            (std::vector<i64>{94172255179, 260375905578, 881010591533}));
  // default_rng(3).integers(-2**63, 2**63 - 1, 2): a range wider than int64
  EXPECT_EQ(to_vector(Generator(3).integers(std::numeric_limits<i64>::min(), std::numeric_limits<i64>::max(), {2})),
            (std::vector<i64>{-7643423770429963529, -4854989227711015948}));
  // default_rng(3).integers(0, 2**32, 3): the full 32-bit range takes raw 32-bit draws
  EXPECT_EQ(to_vector(Generator(3).integers(0, i64{1} << 32, {3})), (std::vector<i64>{3485385464, 367860371, 770692085}));
}

TEST(random, permutation_and_choice_match_numpy) {
  // default_rng(5).permutation(10), default_rng(11).permutation(20)
  EXPECT_EQ(to_vector(Generator(5).permutation(10)), (std::vector<i64>{7, 6, 1, 3, 2, 4, 0, 9, 5, 8}));
  EXPECT_EQ(to_vector(Generator(11).permutation(20)),
            (std::vector<i64>{18, 2, 15, 9, 8, 1, 11, 6, 17, 5, 13, 4, 0, 3, 19, 12, 10, 7, 16, 14}));
  // default_rng(5).choice(10, 4, replace=False): Floyd's algorithm, then a shuffle
  EXPECT_EQ(to_vector(Generator(5).choice(10, 4, false)), (std::vector<i64>{4, 0, 8, 6}));
  // default_rng(7).choice(20000, 500, replace=False): large share, partial shuffle
  const auto tail = Generator(7).choice(20000, 500, false);
  EXPECT_EQ(to_vector(tail[{slice(_, 5)}]), (std::vector<i64>{7349, 10231, 16198, 13269, 12921}));
  EXPECT_EQ(to_vector(tail[{slice(-3, _)}]), (std::vector<i64>{13682, 12501, 18898}));
  // default_rng(7).choice(20000, 100, replace=False): Floyd's algorithm
  const auto floyd = Generator(7).choice(20000, 100, false);
  EXPECT_EQ(to_vector(floyd[{slice(_, 5)}]), (std::vector<i64>{13617, 235, 19359, 1829, 19997}));
  EXPECT_EQ(to_vector(floyd[{slice(-3, _)}]), (std::vector<i64>{4941, 15802, 19350}));
  // default_rng(7).choice(10, 5): with replacement, integers(0, 10)
  EXPECT_EQ(to_vector(Generator(7).choice(10, 5)), (std::vector<i64>{9, 6, 6, 8, 5}));
}

TEST(random, normal_matches_numpy_polar_method) {
  // np.random.RandomState(np.random.PCG64(2024)).normal(1.0, 2.0, 5)
  const std::vector<double> expected{-1.1520977729491473, 2.3245956007781383, 2.9754146629997553,
                                     -0.25694112373646183, -1.1193898605921455};
  const auto got = to_vector(Generator(2024).normal(1.0, 2.0, {5}));
  ASSERT_EQ(got.size(), expected.size());
  // log() may differ by an ulp between C libraries; allow a few ulps.
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-14) << "i=" << i;
}

// ---- determinism ------------------------------------------------------------------------------

TEST(random, same_seed_same_stream_different_seed_different_stream) {
  Generator a(99), b(99), c(100);
  EXPECT_EQ(to_vector(a.integers(0, 1000, {50})), to_vector(b.integers(0, 1000, {50})));
  EXPECT_EQ(to_vector(a.normal(0, 1, {7})), to_vector(b.normal(0, 1, {7})));
  EXPECT_NE(to_vector(Generator(99).random({10})), to_vector(c.random({10})));
}

TEST(random, shapes_are_respected) {
  Generator g(1);
  EXPECT_EQ(g.random({2, 3}).shape(), (Dims{2, 3}));
  EXPECT_EQ(g.integers(0, 5, {4, 0}).size(), 0);
  EXPECT_EQ(g.normal(0, 1, {}).ndim(), 0u);
  EXPECT_EQ(g.permutation(0).size(), 0);
  EXPECT_EQ(g.choice(0, 0, false).size(), 0);
  EXPECT_THROW(g.random({-1}), ValueError);
}

// ---- statistics (fixed seed, so these are deterministic; bounds are several sigma wide) -------

TEST(random, uniform_moments) {
  const auto x = to_vector(Generator(2).uniform(-1.0, 3.0, {100000}));
  EXPECT_NEAR(mean(x), 1.0, 0.02);              // sd of the mean: 4/sqrt(12e5) = 0.0037
  EXPECT_NEAR(variance(x), 16.0 / 12.0, 0.02);  // (b-a)^2/12
  EXPECT_GE(*std::min_element(x.begin(), x.end()), -1.0);
  EXPECT_LT(*std::max_element(x.begin(), x.end()), 3.0);
}

TEST(random, normal_moments) {
  const auto x = to_vector(Generator(3).normal(5.0, 2.0, {100000}));
  EXPECT_NEAR(mean(x), 5.0, 0.03);     // sd of the mean: 2/sqrt(1e5) = 0.0063
  EXPECT_NEAR(variance(x), 4.0, 0.1);  // sd of the variance: 4*sqrt(2/1e5) = 0.018
  // About 68.3% within one standard deviation.
  const auto within = std::count_if(x.begin(), x.end(), [](double v) { return std::abs(v - 5.0) < 2.0; });
  EXPECT_NEAR(static_cast<double>(within) / 1e5, 0.6827, 0.01);
}

TEST(random, integers_are_in_range_and_uniform) {
  const auto x = to_vector(Generator(4).integers(-3, 7, {100000}));
  std::vector<double> counts(10, 0.0);
  for (i64 v : x) {
    ASSERT_GE(v, -3);
    ASSERT_LT(v, 7);
    counts[static_cast<std::size_t>(v + 3)] += 1;
  }
  double chi2 = 0;
  for (double c : counts) chi2 += (c - 1e4) * (c - 1e4) / 1e4;
  EXPECT_LT(chi2, 30.0);  // 9 degrees of freedom: P(chi2 > 30) < 0.001
  // A one-value range always gives that value.
  EXPECT_EQ(to_vector(Generator(4).integers(5, 6, {3})), (std::vector<i64>{5, 5, 5}));
}

// ---- permutation and choice properties -------------------------------------------------------

TEST(random, permutation_is_a_permutation) {
  auto p = to_vector(Generator(8).permutation(1000));
  std::vector<i64> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  for (i64 i = 0; i < 1000; ++i) ASSERT_EQ(sorted[static_cast<std::size_t>(i)], i);
  EXPECT_FALSE(std::is_sorted(p.begin(), p.end()));
}

TEST(random, choice_without_replacement_is_distinct) {
  Generator g(9);
  for (auto [n, k] : {std::pair<i64, i64>{50, 50}, {100000, 1000}, {20000, 15000}, {10, 1}}) {
    const auto c = to_vector(g.choice(n, k, false));
    ASSERT_EQ(static_cast<i64>(c.size()), k);
    const std::set<i64> distinct(c.begin(), c.end());
    EXPECT_EQ(static_cast<i64>(distinct.size()), k) << "n=" << n << " k=" << k;
    EXPECT_GE(*distinct.begin(), 0);
    EXPECT_LT(*distinct.rbegin(), n);
  }
}

TEST(random, choice_with_replacement_repeats) {
  const auto c = to_vector(Generator(10).choice(3, 100));
  const std::set<i64> distinct(c.begin(), c.end());
  EXPECT_EQ(distinct, (std::set<i64>{0, 1, 2}));
}

// ---- errors -----------------------------------------------------------------------------------

TEST(random, bad_arguments_throw_value_error_naming_them) {
  Generator g(0);
  EXPECT_EQ(thrown_message([&] { g.uniform(2.0, 1.0, {3}); }), "uniform: high - low < 0 (low=2, high=1)");
  EXPECT_NE(thrown_message([&] { g.uniform(0.0, std::numeric_limits<double>::infinity(), {3}); }).find("exceeds"),
            std::string::npos);
  EXPECT_EQ(thrown_message([&] { g.normal(0.0, -1.0, {3}); }), "normal: scale < 0 (stddev=-1)");
  EXPECT_THROW(g.normal(0.0, std::numeric_limits<double>::quiet_NaN(), {3}), ValueError);
  EXPECT_EQ(thrown_message([&] { g.integers(5, 5, {3}); }), "integers: low >= high (low=5, high=5)");
  EXPECT_EQ(thrown_message([&] { g.permutation(-1); }), "permutation: n must be non-negative, got -1");
  EXPECT_EQ(thrown_message([&] { g.choice(3, 4, false); }),
            "choice: Cannot take a larger sample than population when replace is False (population 3, sample 4)");
  EXPECT_EQ(thrown_message([&] { g.choice(0, 1); }),
            "choice: a must be a positive integer unless no samples are taken (a=0, size=1)");
  EXPECT_EQ(thrown_message([&] { g.choice(5, -1); }), "choice: negative dimensions are not allowed (size=-1)");
}
