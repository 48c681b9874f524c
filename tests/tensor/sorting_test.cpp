// sort, argsort, partition, searchsorted, unique, median, quantile and percentile replayed against
// NumPy (tests/data/sorting/sorting.json, written by make_sorting.py), plus property tests.
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"
#include <random>


using namespace einspan;
using einspan_test::dims_of;
using nlohmann::json;

namespace {

const json& cases() {
  static const json data = einspan_test::read_json_fixture("sorting/sorting.json")["cases"];
  return data;
}

// Integers as JSON integers (exact beyond 2^53), the rest through fixture_number.
template <class T>
T number(const json& j) {
  if (std::is_integral_v<T> && j.is_number_integer()) return j.get<T>();
  return static_cast<T>(einspan_test::fixture_number(j));
}

template <class T>
Tensor<T> array_of(const json& a) {
  Tensor<T> t = Tensor<T>::fresh(dims_of(a["shape"]));
  T* p = t.data();
  for (const auto& v : a["values"]) *p++ = number<T>(v);
  return t;
}

// Calls fn.template operator()<T>() with T the einspan type of a NumPy dtype name.
template <class Fn>
void with_dtype(const std::string& dtype, Fn&& fn) {
  if (dtype == "float64") fn.template operator()<double>();
  else if (dtype == "float32") fn.template operator()<float>();
  else if (dtype == "int64") fn.template operator()<std::int64_t>();
  else if (dtype == "int32") fn.template operator()<std::int32_t>();
  else if (dtype == "int16") fn.template operator()<std::int16_t>();
  else if (dtype == "int8") fn.template operator()<std::int8_t>();
  else if (dtype == "uint64") fn.template operator()<std::uint64_t>();
  else if (dtype == "uint32") fn.template operator()<std::uint32_t>();
  else if (dtype == "uint16") fn.template operator()<std::uint16_t>();
  else if (dtype == "uint8") fn.template operator()<std::uint8_t>();
  else if (dtype == "bool") fn.template operator()<bool>();
  else FAIL() << "dtype " << dtype;
}

// The same for the few dtypes a case family uses (searchsorted: float64 and int64), so that a
// nested dispatch does not instantiate 11 x 11 type pairs.
template <class Fn>
void with_search_dtype(const std::string& dtype, Fn&& fn) {
  if (dtype == "float64") fn.template operator()<double>();
  else if (dtype == "int64") fn.template operator()<std::int64_t>();
  else FAIL() << "dtype " << dtype;
}

template <class T>
bool same(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a == b || (a != a && b != b);
  else return a == b;
}

// The result equals NumPy's: shape, and values exactly (NaN equal to NaN, -0.0 to +0.0).
template <class T>
void expect_array(const Tensor<T>& got, const json& expected) {
  EXPECT_EQ(format_shape(got.shape()), format_shape(dims_of(expected["shape"])));
  const auto want = to_vector(array_of<T>(expected));
  const auto have = to_vector(got);
  ASSERT_EQ(have.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_TRUE(same(have[i], want[i])) << "at " << i << ": " << +have[i] << " vs NumPy " << +want[i];
}

// fn() throws the einspan counterpart of NumPy's exception, with NumPy's words in its message.
template <class Fn>
void expect_numpy_error(const json& c, Fn&& fn) {
  const std::string cls = c["error"], words = c["message"];
  try {
    fn();
    ADD_FAILURE() << "no exception; NumPy raised " << cls << ": " << words;
  } catch (const AxisError& e) {
    EXPECT_EQ(cls, "AxisError") << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  } catch (const IndexError& e) {
    EXPECT_EQ(cls, "IndexError") << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  } catch (const ValueError& e) {
    EXPECT_EQ(cls, "ValueError") << e.what();
    // NumPy's median/quantile say "repeated axis" where its reductions (and einspan's Axes) say
    // "duplicate value in 'axis'".
    if (words != "repeated axis") {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  }
}

std::optional<index_t> sort_axis(const json& axis) {
  if (axis.is_null()) return std::nullopt;
  return axis.get<index_t>();
}

Axes reduce_axes(const json& axis) {
  if (axis.is_null()) return Axes::all();
  if (axis.is_array()) {
    static thread_local Dims list;
    list = dims_of(axis);
    return Axes(std::span<const index_t>(list));
  }
  return Axes(axis.get<index_t>());
}

// Runs check(case) for every fixture case of function `fn`, and counts them.
template <class Check>
void for_cases(const std::string& fn, Check&& check) {
  int n = 0;
  for (const json& c : cases()) {
    if (c["fn"] != fn) continue;
    SCOPED_TRACE(c["name"].get<std::string>());
    check(c);
    ++n;
  }
  EXPECT_GT(n, 0);
}

}  // namespace

// ---- against NumPy ------------------------------------------------------------------------------

TEST(sorting_fixture, sort_matches_numpy_nan_last) {
  for_cases("sort", [](const json& c) {
    with_dtype(c["input"]["dtype"], [&]<class T>() {
      const auto a = array_of<T>(c["input"]);
      if (c.contains("error")) return expect_numpy_error(c, [&] { sort(a, sort_axis(c["axis"])); });
      expect_array(sort(a, sort_axis(c["axis"])), c["result"]);
    });
  });
}

TEST(sorting_fixture, argsort_matches_numpy_stable) {
  for_cases("argsort", [](const json& c) {
    with_dtype(c["input"]["dtype"], [&]<class T>() {
      const auto a = array_of<T>(c["input"]);
      if (c.contains("error")) return expect_numpy_error(c, [&] { argsort(a, sort_axis(c["axis"])); });
      if (a.ndim() == 0 && !c["axis"].is_null()) return;  // NumPy's [0] for a 0-d argsort: not copied
      expect_array(argsort(a, sort_axis(c["axis"])), c["result"]);
    });
  });
}

// partition's contract: along the axis, position kth holds np.sort's value there, nothing before
// it is larger and nothing after it smaller; argpartition's indices gather the same.
TEST(sorting_fixture, partition_places_kth_as_numpy_sort_does) {
  for_cases("partition", [](const json& c) {
    with_dtype(c["input"]["dtype"], [&]<class T>() {
      const auto a = array_of<T>(c["input"]);
      const Dims kth = dims_of(c["kth"]);
      const auto axis = sort_axis(c["axis"]);
      const std::span<const index_t> ks(kth);
      if (c.contains("error")) {
        expect_numpy_error(c, [&] { partition(a, ks, axis); });
        expect_numpy_error(c, [&] { argpartition(a, ks, axis); });
        return;
      }
      const auto sorted = array_of<T>(c["result"]);
      const auto p = partition(a, ks, axis);
      const auto idx = argpartition(a, ks, axis);
      if (a.size() == 0) {
        EXPECT_EQ(p.shape(), sorted.shape());
        EXPECT_EQ(idx.shape(), sorted.shape());
        return;
      }
      // Move the axis last so each lane is a row.
      const Tensor<T> src = axis ? a : a.ravel();
      const std::size_t ax = axis ? normalize_axis(*axis, a.ndim()) : 0;
      const auto last = [&](auto t) { return t.swapaxes(static_cast<index_t>(ax), -1).copy().reshape({-1, t.shape()[ax]}); };
      const auto P = last(p), S = last(sorted), A = last(src);
      const auto I = last(idx);
      const auto less = [](T x, T y) { return x < y || (y != y && x == x); };
      for (index_t r = 0; r < P.shape()[0]; ++r) {
        const index_t n = P.shape()[1];
        for (index_t k : kth) {
          if (k < 0) k += n;
          EXPECT_TRUE(same(P(r, k), S(r, k))) << "row " << r << " kth " << k;
          EXPECT_TRUE(same(A(r, I(r, k)), S(r, k))) << "argpartition row " << r << " kth " << k;
          for (index_t i = 0; i < n; ++i) {
            if (i < k) {
              EXPECT_FALSE(less(S(r, k), P(r, i)));
              EXPECT_FALSE(less(S(r, k), A(r, I(r, i))));
            } else if (i > k) {
              EXPECT_FALSE(less(P(r, i), S(r, k)));
              EXPECT_FALSE(less(A(r, I(r, i)), S(r, k)));
            }
          }
        }
        // Both are permutations of the lane.
        std::vector<T> sp, ss;
        std::vector<std::int64_t> si;
        for (index_t i = 0; i < n; ++i) {
          sp.push_back(P(r, i));
          ss.push_back(S(r, i));
          si.push_back(I(r, i));
        }
        std::sort(sp.begin(), sp.end(), less);
        std::sort(si.begin(), si.end());
        for (index_t i = 0; i < n; ++i) {
          EXPECT_TRUE(same(sp[i], ss[i]));
          EXPECT_EQ(si[i], i);
        }
      }
    });
  });
}

TEST(sorting_fixture, searchsorted_matches_numpy) {
  for_cases("searchsorted", [](const json& c) {
    with_search_dtype(c["input"]["dtype"], [&]<class T>() {
      with_search_dtype(c["v"]["dtype"], [&]<class U>() {
        {
          const auto a = array_of<T>(c["input"]);
          const auto v = array_of<U>(c["v"]);
          const std::string side = c["side"];
          if (c.contains("error")) return expect_numpy_error(c, [&] { searchsorted(a, v, side); });
          expect_array(searchsorted(a, v, side), c["result"]);
          expect_array(searchsorted(a, v, side == "left" ? Side::left : Side::right), c["result"]);
        }
      });
    });
  });
}

TEST(sorting_fixture, unique_all_matches_numpy_equal_nan) {
  for_cases("unique", [](const json& c) {
    with_dtype(c["input"]["dtype"], [&]<class T>() {
      const auto a = array_of<T>(c["input"]);
      const json& r = c["results"];
      expect_array(unique(a), r[0]);
      const auto [values, indices, inverse, counts] = unique_all(a);
      expect_array(values, r[0]);
      expect_array(indices, r[1]);
      expect_array(inverse, r[2]);
      expect_array(counts, r[3]);
      expect_array(unique_counts(a).counts, r[3]);
      expect_array(unique_inverse(a).inverse_indices, r[2]);
    });
  });
}

TEST(sorting_fixture, median_matches_numpy) {
  for_cases("median", [](const json& c) {
    with_dtype(c["input"]["dtype"], [&]<class T>() {
      const auto a = array_of<T>(c["input"]);
      const bool keepdims = c["keepdims"];
      if (c.contains("error")) return expect_numpy_error(c, [&] { median(a, reduce_axes(c["axis"]), keepdims); });
      expect_array(median(a, reduce_axes(c["axis"]), keepdims), c["result"]);
    });
  });
}

TEST(sorting_fixture, quantile_and_percentile_match_numpy_linear) {
  for (const std::string fn : {"quantile", "percentile"}) {
    for_cases(fn, [&](const json& c) {
      with_dtype(c["input"]["dtype"], [&]<class T>() {
        if constexpr (!std::is_same_v<T, bool>) {
          const auto a = array_of<T>(c["input"]);
          const bool keepdims = c["keepdims"];
          const bool percent = fn == "percentile";
          const auto run = [&] {
            if (c["q"].is_array()) {
              std::vector<double> q;
              for (const auto& x : c["q"]) q.push_back(number<double>(x));
              const std::span<const double> qs(q);
              return percent ? percentile(a, qs, reduce_axes(c["axis"]), keepdims)
                             : quantile(a, qs, reduce_axes(c["axis"]), keepdims);
            }
            const double q = number<double>(c["q"]);
            return percent ? percentile(a, q, reduce_axes(c["axis"]), keepdims)
                           : quantile(a, q, reduce_axes(c["axis"]), keepdims);
          };
          if (c.contains("error")) return expect_numpy_error(c, run);
          expect_array(run(), c["result"]);
        }
      });
    });
  }
}

// ---- properties -----------------------------------------------------------------------------------

// argsort of 5000 doubles with ties, NaNs and signed zeros: a permutation that sorts in NumPy's
// order, equal elements in input order.
TEST(sorting_properties, argsort_is_a_stable_sorting_permutation) {
  std::mt19937_64 rng(3);
  auto a = empty<double>({5000});
  for (double& x : a) {
    const auto r = rng() % 40;
    x = r == 0 ? std::numeric_limits<double>::quiet_NaN() : r == 1 ? -0.0 : static_cast<double>(r % 13) - 6.0;
  }
  const auto idx = to_vector(argsort(a));
  const auto v = to_vector(a);
  std::vector<bool> seen(v.size());
  const auto key = [](double x) { return x != x ? 2.0 : x == 0 ? 0.0 : x / 16; };  // NaN above all
  for (std::size_t i = 0; i < idx.size(); ++i) {
    ASSERT_FALSE(seen[idx[i]]);
    seen[idx[i]] = true;
    if (i > 0) {
      const double p = key(v[idx[i - 1]]), q = key(v[idx[i]]);
      ASSERT_LE(p, q) << i;
      if (p == q) {
        ASSERT_LT(idx[i - 1], idx[i]) << "not stable at " << i;
      }
    }
  }
  const auto s = to_vector(sort(a));
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_TRUE(same(s[i], v[idx[i]]));
}

// Views are sorted as their elements, not their memory: reversed and transposed operands.
TEST(sorting_properties, sort_of_a_strided_view_equals_sort_of_its_copy) {
  auto m = empty<std::int64_t>({20, 30});
  std::int64_t k = 0;
  for (auto& x : m) x = (k++ * 7919) % 601;
  const auto t = m.T()[{slice(_, _, -1)}];
  for (index_t axis : {0, 1})
    EXPECT_EQ(to_vector(sort(t, axis)), to_vector(sort(t.copy(), axis))) << axis;
  EXPECT_EQ(to_vector(argsort(t, 0)), to_vector(argsort(t.copy(), 0)));
  EXPECT_EQ(to_vector(unique(t)), to_vector(unique(t.copy())));
  EXPECT_EQ(to_vector(median(t, 1)), to_vector(median(t.copy(), 1)));
}

TEST(sorting_properties, unique_inverse_rebuilds_the_input_and_counts_sum_to_its_size) {
  std::mt19937_64 rng(5);
  auto a = empty<std::int32_t>({40, 25});
  for (auto& x : a) x = static_cast<std::int32_t>(rng() % 97) - 48;
  const auto [values_, indices, inverse, counts] = unique_all(a);
  const auto flat = to_vector(a.ravel());
  const auto v = to_vector(values_);
  const auto inv = to_vector(inverse);
  for (std::size_t i = 0; i < flat.size(); ++i) EXPECT_EQ(v[inv[i]], flat[i]);
  std::int64_t total = 0;
  for (auto c : to_vector(counts)) total += c;
  EXPECT_EQ(total, a.size());
  const auto first = to_vector(indices);
  for (std::size_t g = 0; g < v.size(); ++g) {
    EXPECT_EQ(flat[first[g]], v[g]);
    for (std::int64_t i = 0; i < first[g]; ++i) EXPECT_NE(flat[i], v[g]);
  }
}

TEST(sorting_properties, median_and_quantile_leave_the_input_unchanged) {
  const Tensor<double> a{5.0, 1.0, 4.0, 2.0, 3.0};
  EXPECT_EQ(median(a).item(), 3.0);
  EXPECT_EQ(quantile(a, 0.25).item(), 2.0);
  EXPECT_EQ(percentile(a, {0.0, 100.0}).shape(), (Dims{2}));
  EXPECT_EQ(to_vector(a), (std::vector<double>{5.0, 1.0, 4.0, 2.0, 3.0}));
}

// ---- NumPy's documented examples ----------------------------------------------------------------

TEST(sorting_docs, searchsorted_scalar_and_sides) {
  const Tensor<std::int64_t> a{1, 2, 3, 4, 5};
  EXPECT_EQ(searchsorted(a, 3), 2);
  EXPECT_EQ(searchsorted(a, 3, Side::right), 3);
  EXPECT_EQ(searchsorted(a, 3, "right"), 3);
  EXPECT_EQ(searchsorted(a, 2.5), 2);
  EXPECT_EQ(to_vector(searchsorted(a, Tensor<std::int64_t>{-10, 10, 2, 3})), (std::vector<std::int64_t>{0, 5, 1, 2}));
  EXPECT_THROW(searchsorted(a, 3, "up"), ValueError);
}

TEST(sorting_docs, sort_axis_none_flattens_and_argsort_returns_int64) {
  const Tensor<std::int32_t> a{{1, 4}, {3, 1}};
  EXPECT_EQ(to_vector(sort(a)), (std::vector<std::int32_t>{1, 4, 1, 3}));
  EXPECT_EQ(to_vector(sort(a, std::nullopt)), (std::vector<std::int32_t>{1, 1, 3, 4}));
  EXPECT_EQ(to_vector(sort(a, 0)), (std::vector<std::int32_t>{1, 1, 3, 4}));
  static_assert(std::is_same_v<decltype(argsort(a)), Tensor<std::int64_t>>);
  EXPECT_EQ(to_vector(argsort(Tensor<std::int64_t>{3, 1, 2})), (std::vector<std::int64_t>{1, 2, 0}));
  const Tensor<double> p{3.0, 4.0, 2.0, 1.0};
  EXPECT_EQ(partition(p, 3)(3), 4.0);
  EXPECT_EQ(to_vector(partition(p, {1, 2})), (std::vector<double>{1.0, 2.0, 3.0, 4.0}));
}

// Slices of >= 2^16 elements take the radix select (src/sort_kernels.hpp); its answers must be
// the order statistics a full sort gives, for spread data and for data in one top-bits bucket
// (the nth_element fallback), and for a 4-byte type.
TEST(sorting_properties, long_slices_select_the_same_order_statistics_as_a_sort) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> g;
  for (const index_t n : {index_t{100001}, index_t{100000}}) {
    auto spread = empty<double>({n});
    auto narrow = empty<double>({n});
    auto ints = empty<std::int32_t>({n});
    for (index_t i = 0; i < n; ++i) {
      spread(i) = g(rng) * 100;
      narrow(i) = 1.0 + std::abs(g(rng)) * 1e-9;
      ints(i) = static_cast<std::int32_t>(rng() % 2001) - 1000;
    }
    for (const auto& a : {spread, narrow}) {
      const auto s = to_vector(sort(a));
      const double expected = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      EXPECT_EQ(median(a).item(), expected) << n;
      const double v = 0.9 * static_cast<double>(n - 1);
      const auto lo = static_cast<std::size_t>(v);
      const double want = s[lo] + (s[lo + 1] - s[lo]) * (v - static_cast<double>(lo));
      EXPECT_DOUBLE_EQ(quantile(a, {0.0, 0.9})(1), want) << n;
      EXPECT_EQ(quantile(a, {0.0, 0.9})(0), s[0]) << n;
    }
    const auto si = to_vector(sort(ints));
    const double expected = n % 2 ? si[n / 2] : (double(si[n / 2 - 1]) + double(si[n / 2])) / 2;
    EXPECT_EQ(median(ints).item(), expected) << n;
  }
}
