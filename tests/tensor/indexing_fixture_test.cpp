// Advanced indexing and assignment replayed against NumPy: tests/data/indexing/indexing.json holds
// NumPy's results (shape and values, or the array after an assignment, or the exception class) for
// index arrays, masks, mixed entries and every placement rule, and for nonzero and its family;
// make_indexing.py wrote it.
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"
#include <optional>


using namespace einspan;
using einspan_test::dims_of;
using nlohmann::json;

namespace {

const json& fixture() {
  static const json data = einspan_test::read_json_fixture("indexing/indexing.json");
  return data;
}

template <class T>
Tensor<T> array_of(const json& values, const json& shape) {
  return from_vector(values.get<std::vector<T>>(), std::span<const index_t>(dims_of(shape)));
}

Tensor<double> source(const json& c) { return arange<double>(0, shape_size(dims_of(c["shape"]))).reshape(dims_of(c["shape"])); }

// The case's index as AnyIndex entries, and as basic Index entries when it has no arrays.
struct ParsedIndex {
  std::vector<AnyIndex> any;
  std::optional<std::vector<Index>> basic = std::vector<Index>{};
};

ParsedIndex parse_index(const json& entries) {
  ParsedIndex out;
  const auto add = [&](Index i) {
    out.any.emplace_back(i);
    if (out.basic) out.basic->push_back(i);
  };
  for (const json& e : entries) {
    if (e.contains("int")) {
      add(e["int"].get<index_t>());
    } else if (e.contains("newaxis")) {
      add(newaxis);
    } else if (e.contains("ellipsis")) {
      add(ellipsis);
    } else if (e.contains("slice")) {
      const auto bound = [](const json& b) { return b.is_null() ? Bound(_) : Bound(b.get<index_t>()); };
      const json& s = e["slice"];
      add(slice(bound(s[0]), bound(s[1]), s[2].is_null() ? 1 : s[2].get<index_t>()));
    } else {
      out.basic.reset();
      if (e.contains("mask")) out.any.emplace_back(array_of<bool>(e["mask"], e["shape"]));
      else if (e["dtype"] == "int32") out.any.emplace_back(array_of<std::int32_t>(e["array"], e["shape"]));
      else out.any.emplace_back(array_of<std::int64_t>(e["array"], e["shape"]));
    }
  }
  return out;
}

// NumPy's exception class as einspan's: setitem shape errors are ValueError in NumPy, ShapeError here.
template <class F>
void expect_numpy_error(const std::string& numpy_error, F&& f) {
  if (numpy_error == "IndexError") EXPECT_THROW(f(), IndexError);
  else EXPECT_THROW(f(), ShapeError);
}

}  // namespace

TEST(indexing_fixture, reads_match_numpy) {
  ASSERT_GE(fixture()["reads"].size(), 25u);
  for (const json& c : fixture()["reads"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const Tensor<double> a = source(c);
    const ParsedIndex index = parse_index(c["index"]);
    if (c.contains("error")) {
      expect_numpy_error(c["error"], [&] { (void)a.index(std::span<const AnyIndex>(index.any)); });
      continue;
    }
    const Tensor<double> r = a.index(std::span<const AnyIndex>(index.any));
    EXPECT_EQ(r.shape(), dims_of(c["result_shape"]));
    EXPECT_EQ(to_vector(r), c["result"].get<std::vector<double>>());
    EXPECT_FALSE(may_share_memory(r, a));  // advanced indexing always copies
  }
}

TEST(indexing_fixture, writes_match_numpy) {
  ASSERT_GE(fixture()["writes"].size(), 14u);
  for (const json& c : fixture()["writes"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const Tensor<double> a = source(c);
    const ParsedIndex index = parse_index(c["index"]);
    const Tensor<double> value = array_of<double>(c["value"], c["value_shape"]);
    const bool compound = c["op"] == "+=";
    const auto write = [&] {
      if (index.basic) {
        const Tensor<double> view = a.index(std::span<const Index>(*index.basic));
        if (compound) view += value;
        else a.index(std::span<const Index>(*index.basic)) = value;
      } else if (compound) {
        a.index(std::span<const AnyIndex>(index.any)) += value;
      } else {
        a.index(std::span<const AnyIndex>(index.any)) = value;
      }
    };
    if (c.contains("error")) {
      const std::vector<double> before = to_vector(a);
      expect_numpy_error(c["error"], write);
      EXPECT_EQ(to_vector(a), before);  // a failed assignment writes nothing
      continue;
    }
    write();
    EXPECT_EQ(to_vector(a), c["after"].get<std::vector<double>>());
  }
}

namespace {

template <class T>
void check_search_case(const json& c) {
  const Dims shape = dims_of(c["shape"]);
  std::vector<T> data;
  for (const json& v : c["values"]) data.push_back(v.is_null() ? static_cast<T>(NAN) : v.get<T>());
  const Tensor<T> a = from_vector(data, std::span<const index_t>(shape));
  const std::vector<Tensor<std::int64_t>> nz = nonzero(a);
  ASSERT_EQ(nz.size(), c["nonzero"].size());
  for (std::size_t k = 0; k < nz.size(); ++k) EXPECT_EQ(to_vector(nz[k]), c["nonzero"][k].get<std::vector<std::int64_t>>());
  EXPECT_EQ(to_vector(where(a)[0]), to_vector(nz[0]));
  EXPECT_EQ(to_vector(argwhere(a)), c["argwhere"].get<std::vector<std::int64_t>>());
  EXPECT_EQ(argwhere(a).shape(), (Dims{static_cast<index_t>(c["count_nonzero"]), static_cast<index_t>(shape.size())}));
  EXPECT_EQ(to_vector(flatnonzero(a)), c["flatnonzero"].get<std::vector<std::int64_t>>());
  EXPECT_EQ(count_nonzero(a), c["count_nonzero"].get<std::int64_t>());
  for (std::size_t k = 0; k < shape.size(); ++k)
    EXPECT_EQ(to_vector(count_nonzero(a, static_cast<index_t>(k))), c["count_nonzero_axis"][k].get<std::vector<std::int64_t>>());
}

}  // namespace

TEST(indexing_fixture, nonzero_argwhere_flatnonzero_count_nonzero_match_numpy) {
  ASSERT_GE(fixture()["searches"].size(), 8u);
  for (const json& c : fixture()["searches"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    if (c["dtype"] == "bool") check_search_case<bool>(c);
    else if (c["dtype"] == "float64") check_search_case<double>(c);
    else check_search_case<std::int64_t>(c);
  }
}

TEST(nonzero, bool_kernel_matches_a_plain_loop_for_every_length_and_offset) {
  // The 8-wide kernel against a loop, for lengths around its step and strided (copied) input.
  std::vector<bool> pattern;
  for (int i = 0; i < 300; ++i) pattern.push_back((i * 7919 % 13) < 6 || i % 17 == 0);
  for (index_t n = 0; n <= 70; ++n) {
    auto a = Tensor<bool>::fresh({2 * n});
    for (index_t i = 0; i < 2 * n; ++i) a(i) = pattern[static_cast<std::size_t>(i)];
    const Tensor<bool> strided = a[{slice(_, _, 2)}];
    std::vector<std::int64_t> expected;
    for (index_t i = 0; i < n; ++i)
      if (pattern[static_cast<std::size_t>(2 * i)]) expected.push_back(i);
    EXPECT_EQ(to_vector(flatnonzero(strided)), expected) << "n = " << n;
    EXPECT_EQ(count_nonzero(strided), static_cast<std::int64_t>(expected.size()));
  }
}

TEST(nonzero, zero_dimensional_input_is_an_error_as_in_numpy_2) {
  EXPECT_THROW(nonzero(full<double>({}, 1.0)), ValueError);
  EXPECT_EQ(argwhere(full<double>({}, 1.0)).shape(), (Dims{1, 0}));  // np.argwhere(np.float64(1)).shape
}

TEST(nonzero, its_result_indexes_the_nonzero_elements) {
  // a[np.nonzero(a)] lists the non-zero elements in C order.
  const auto a = from_vector<double>({0, 1.5, 0, 0, -2, 3}, {2, 3});
  const auto nz = nonzero(a);
  const Tensor<double> picked = a[{nz[0], nz[1]}];
  EXPECT_EQ(to_vector(picked), (std::vector<double>{1.5, -2, 3}));
}

TEST(indexing_fixture, slices_at_the_ends_of_the_int64_range_match_numpy) {
  // Run under UBSan too (scripts/test): no step, bound or stride computation may overflow.
  ASSERT_GE(fixture()["slices"].size(), 1000u);
  for (const json& c : fixture()["slices"]) {
    const auto bound = [](const json& b) { return b.is_null() ? Bound(_) : Bound(b.get<index_t>()); };
    const json& s = c["slice"];
    const Tensor<std::int64_t> a = arange<std::int64_t>(0, c["n"].get<index_t>());
    const Tensor<std::int64_t> r = a[{slice(bound(s[0]), bound(s[1]), s[2].get<index_t>())}];
    EXPECT_EQ(to_vector(r), c["result"].get<std::vector<std::int64_t>>()) << c.dump();
  }
}
