// Advanced indexing and assignment replayed against NumPy: tests/data/indexing/indexing.json holds
// NumPy's results (shape and values, or the array after an assignment, or the exception class) for
// index arrays, masks, mixed entries and every placement rule; make_indexing.py wrote it.
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <optional>

using namespace einspan;
using nlohmann::json;

namespace {

const json& fixture() {
  static const json data = [] {
    std::ifstream in(std::string(EINSPAN_TEST_DATA_DIR) + "/indexing/indexing.json");
    return json::parse(in);
  }();
  return data;
}

Dims dims_of(const json& shape) {
  Dims d;
  for (const auto& n : shape) d.push_back(n.get<index_t>());
  return d;
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

std::vector<double> values(const Tensor<double>& t) { return std::vector<double>(t.begin(), t.end()); }

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
    EXPECT_EQ(values(r), c["result"].get<std::vector<double>>());
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
      const std::vector<double> before = values(a);
      expect_numpy_error(c["error"], write);
      EXPECT_EQ(values(a), before);  // a failed assignment writes nothing
      continue;
    }
    write();
    EXPECT_EQ(values(a), c["after"].get<std::vector<double>>());
  }
}
