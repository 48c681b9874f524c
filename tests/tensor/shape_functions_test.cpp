// The shape functions (flip, moveaxis, swapaxes, roll, tile, repeat, pad, vstack, hstack, split,
// array_split, meshgrid, ravel) replayed against NumPy: tests/data/shape/shape.json holds NumPy's
// results (shape, values, and whether each result shares memory with the input) or the exception
// it raised, for contiguous and non-contiguous int64 inputs; make_shape.py wrote it. Then the
// element types, views versus copies, to_vector, flatten, ravel_view and the Eigen maps.
#include <einspan/tensor.hpp>
#include <einspan/tensor/eigen.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"

#include "support/expect_error.hpp"

using namespace einspan;
using einspan_test::expect_error;
using einspan_test::dims_of;
using nlohmann::json;
using i64 = std::int64_t;

namespace {

const json& fixture() {
  static const json data = einspan_test::read_json_fixture("shape/shape.json");
  return data;
}

// An int (one entry) or a list of ints.
Dims list_of(const json& x) {
  Dims d;
  if (x.is_number()) {
    d.push_back(x.get<index_t>());
  } else {
    for (const auto& n : x) d.push_back(n.get<index_t>());
  }
  return d;
}

// The case's input: an int64 arange of the given shape, seen through the named view.
Tensor<i64> source(const json& spec) {
  const Dims shape = list_of(spec["shape"]);
  Tensor<i64> a = arange<i64>(shape_size(shape)).reshape(shape);
  const std::string view = spec.value("view", "");
  if (view == "T") return a.T();
  if (view == "flip") return flip(a);
  if (view == "step") return a[{ellipsis, slice(_, _, 2)}];
  return a;
}

std::span<const index_t> span_of(const Dims& d) { return {d.begin(), d.size()}; }

PadWidth width_of(const json& w) {
  if (w.is_number()) return PadWidth(w.get<index_t>());
  if (!w.empty() && w[0].is_array()) return PadWidth(w.get<std::vector<std::vector<index_t>>>());
  return PadWidth(w.get<std::vector<index_t>>());
}

// Runs the case through einspan; one result, or the pieces of split and meshgrid.
std::vector<Tensor<i64>> run(const json& c, const std::vector<Tensor<i64>>& xs) {
  const std::string f = c["function"];
  const json& k = c["args"];
  const auto one = [](Tensor<i64> t) { return std::vector<Tensor<i64>>{std::move(t)}; };
  const std::span<const Tensor<i64>> all(xs);
  if (f == "flip") return one(k.contains("axes") ? flip(xs[0], span_of(list_of(k["axes"]))) : flip(xs[0]));
  if (f == "moveaxis") return one(moveaxis(xs[0], span_of(list_of(k["source"])), span_of(list_of(k["destination"]))));
  if (f == "swapaxes") return one(swapaxes(xs[0], k["i"].get<index_t>(), k["j"].get<index_t>()));
  if (f == "roll") {
    if (!k.contains("axes")) return one(roll(xs[0], k["shift"].get<index_t>()));
    return one(roll(xs[0], span_of(list_of(k["shift"])), span_of(list_of(k["axes"]))));
  }
  if (f == "tile") return one(tile(xs[0], span_of(list_of(k["reps"]))));
  if (f == "repeat") {
    const json& r = k["repeats"];
    if (!k.contains("axis"))
      return one(r.is_number() ? repeat(xs[0], r.get<index_t>()) : repeat(xs[0], span_of(list_of(r))));
    const auto axis = k["axis"].get<index_t>();
    return one(r.is_number() ? repeat(xs[0], r.get<index_t>(), axis) : repeat(xs[0], span_of(list_of(r)), axis));
  }
  if (f == "pad") {
    std::optional<i64> value;
    if (k.contains("constant")) value = k["constant"].get<i64>();
    return one(pad(xs[0], width_of(k["width"]), k.value("mode", "constant"), value));
  }
  if (f == "vstack") return one(vstack(all));
  if (f == "hstack") return one(hstack(all));
  if (f == "split" || f == "array_split") {
    const json& s = k["sections"];
    const auto axis = k.value("axis", index_t{0});
    if (!s.is_number()) return split(xs[0], span_of(list_of(s)), axis);
    return f == "split" ? split(xs[0], s.get<index_t>(), axis) : array_split(xs[0], s.get<index_t>(), axis);
  }
  if (f == "meshgrid") return meshgrid(all, k.value("indexing", "xy"));
  if (f == "ravel") return one(ravel(xs[0]));
  throw std::logic_error("unknown function " + f);
}

// The error the case expects: NumPy's class and message, unless einspan's differ (the fixture
// then says which and why).
void expect_case_error(const json& c, const std::vector<Tensor<i64>>& xs) {
  const json& numpy = c["error"];
  const json ours = c.value("einspan", json::object());
  const std::string cls = ours.value("class", numpy["class"].get<std::string>());
  const std::string message = ours.value("message", numpy["message"].get<std::string>());
  const auto f = [&] { run(c, xs); };
  if (cls == "ValueError") {
    expect_error<ValueError>(f, message);
  } else if (cls == "ShapeError") {
    expect_error<ShapeError>(f, message);
  } else if (cls == "AxisError") {
    expect_error<AxisError>(f, message);
  } else {
    ADD_FAILURE() << "no einspan class for NumPy's " << cls;
  }
}

}  // namespace

TEST(shape_functions, match_numpy_fixture) {
  const json& cases = fixture()["cases"];
  ASSERT_GT(cases.size(), 100u);
  for (const json& c : cases) {
    SCOPED_TRACE(c.dump());
    std::vector<Tensor<i64>> xs;
    for (const json& spec : c["inputs"]) xs.push_back(source(spec));
    if (c.contains("error")) {
      expect_case_error(c, xs);
      continue;
    }
    const std::vector<Tensor<i64>> results = run(c, xs);
    // NumPy's results, or einspan's where the fixture says they differ and why.
    const json& expected = c.contains("einspan") && c["einspan"].contains("results") ? c["einspan"]["results"] : c["results"];
    ASSERT_EQ(results.size(), expected.size());
    for (std::size_t r = 0; r < results.size(); ++r) {
      EXPECT_EQ(results[r].shape(), list_of(expected[r]["shape"])) << "result " << r;
      EXPECT_EQ(to_vector(results[r]), expected[r]["values"].get<std::vector<i64>>()) << "result " << r;
      // A view where NumPy's is one, a copy where NumPy copies.
      if (!xs.empty()) {
        EXPECT_EQ(shares_memory(results[r], xs[0]), expected[r]["shares"].get<bool>()) << "result " << r;
      }
    }
  }
}

TEST(shape_functions, views_write_through_and_copies_do_not) {
  const auto a = arange<i64>(6).reshape({2, 3});
  flip(a, 1)(0, 0) = 100;  // a[0, 2]
  moveaxis(a, 0, 1)(1, 0) = 101;  // a[0, 1]
  split(a, 3, 1)[0](1, 0) = 102;  // a[1, 0]
  EXPECT_EQ(to_vector(a), (std::vector<i64>{0, 101, 100, 102, 4, 5}));
  auto rolled = roll(a, 1, 1);
  auto tiled = tile(a, 2);
  auto padded = pad(a, 1);
  rolled.fill(-1);
  tiled.fill(-1);
  padded.fill(-1);
  EXPECT_EQ(to_vector(a), (std::vector<i64>{0, 101, 100, 102, 4, 5}));
  // np.roll(a, (1, 1), axis=1): the shifts of one axis add up.
  EXPECT_EQ(to_vector(roll(a, {1, 1}, 1)), to_vector(roll(a, 2, 1)));
  // flip of a flip is the original layout.
  EXPECT_EQ(flip(flip(a)).layout(), a.layout());
}

TEST(shape_functions, work_on_every_kind_of_element_type) {
  // np.roll(np.array([True, False, False]), 1) -> [False  True False]
  EXPECT_EQ(to_vector(roll(Tensor<bool>{true, false, false}, 1)), (std::vector<bool>{false, true, false}));
  // np.tile(np.array([1, 2], dtype=np.uint8), 2) -> [1 2 1 2]
  EXPECT_EQ(to_vector(tile(Tensor<std::uint8_t>{1, 2}, 2)), (std::vector<std::uint8_t>{1, 2, 1, 2}));
  // np.pad(np.array([1.5, 2.5], dtype=np.float32), 1, constant_values=-1) -> [-1.  1.5  2.5 -1. ]
  EXPECT_EQ(to_vector(pad(Tensor<float>{1.5f, 2.5f}, 1, "constant", -1.0f)), (std::vector<float>{-1, 1.5f, 2.5f, -1}));
  // np.repeat(np.array([7, -8], dtype=np.int8), [2, 1]) -> [ 7  7 -8]
  EXPECT_EQ(to_vector(repeat(Tensor<std::int8_t>{7, -8}, {2, 1})), (std::vector<std::int8_t>{7, 7, -8}));
  // np.pad(np.array([1, 2, 3], dtype=np.uint64), 2, 'reflect') -> [3 2 1 2 3 2 1]
  EXPECT_EQ(to_vector(pad(Tensor<std::uint64_t>{1, 2, 3}, 2, "reflect")), (std::vector<std::uint64_t>{3, 2, 1, 2, 3, 2, 1}));
  // np.hstack([np.array([1.0]), np.array([2.0, 3.0])]) -> [1. 2. 3.]
  EXPECT_EQ(to_vector(hstack({Tensor<double>{1.0}, Tensor<double>{2.0, 3.0}})), (std::vector<double>{1, 2, 3}));
  const auto grid = meshgrid({Tensor<std::int16_t>{1, 2}, Tensor<std::int16_t>{3, 4, 5}});
  EXPECT_EQ(grid[1].shape(), (Dims{3, 2}));
  EXPECT_EQ(to_vector(grid[1]), (std::vector<std::int16_t>{3, 3, 4, 4, 5, 5}));
}

TEST(shape_functions, meshgrid_without_copy_returns_broadcast_views) {
  const auto x = arange<double>(3), y = arange<double>(2);
  const auto grid = meshgrid({x, y}, "xy", false);
  EXPECT_EQ(grid[0].buffer(), x.buffer());
  EXPECT_EQ(grid[0].strides(), (Dims{0, 1}));
  EXPECT_EQ(grid[1].strides(), (Dims{1, 0}));
  const auto copied = meshgrid({x, y});
  EXPECT_TRUE(copied[0].is_contiguous());
  EXPECT_FALSE(may_share_memory(copied[0], x));
}

TEST(shape_functions, pad_constant_is_converted_and_leaves_no_uninitialised_element) {
  // np.pad(np.ones((2, 2)), ((0, 1), (2, 0)), constant_values=9): every border element is 9.
  const auto p = pad(ones<double>({2, 2}), {{0, 1}, {2, 0}}, "constant", 9);
  EXPECT_EQ(to_vector(p), (std::vector<double>{9, 9, 1, 1, 9, 9, 1, 1, 9, 9, 9, 9}));
}

TEST(to_vector, gives_c_order_of_any_view) {
  const auto a = arange<i64>(6).reshape({2, 3});
  EXPECT_EQ(to_vector(a.T()), (std::vector<i64>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(to_vector(a[{_, slice(_, _, -2)}]), (std::vector<i64>{2, 0, 5, 3}));
  EXPECT_EQ(to_vector(scalar<i64>(4)), (std::vector<i64>{4}));
  EXPECT_EQ(to_vector(zeros<i64>({0, 3})), (std::vector<i64>{}));
  EXPECT_EQ(to_vector(Tensor<bool>{{true, false}, {false, true}}.T()), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(to_vector(scalar<double>(2.5).broadcast_to({3})), (std::vector<double>{2.5, 2.5, 2.5}));
}

TEST(ravel, is_a_view_when_it_can_be_and_flatten_always_copies) {
  const auto a = arange<i64>(6).reshape({2, 3});
  EXPECT_EQ(ravel(a).buffer(), a.buffer());
  EXPECT_NE(ravel(a.T()).buffer(), a.buffer());  // NumPy copies here too
  // np.ravel(a[:, ::2]) and np.ravel(a[::-1, ::-1]) copy; ravel_view walks them with one stride.
  const auto stepped = a.reshape({-1})[{slice(_, _, 2)}];
  EXPECT_NE(ravel(stepped).buffer(), a.buffer());
  EXPECT_EQ(ravel_view(stepped).strides(), (Dims{2}));
  EXPECT_EQ(ravel_view(flip(a)).buffer(), a.buffer());
  EXPECT_EQ(to_vector(ravel_view(flip(a))), (std::vector<i64>{5, 4, 3, 2, 1, 0}));
  expect_error<ValueError>([&] { ravel_view(a.T()); }, "shape (3, 2) and strides (1, 3) cannot be flattened without a copy");
  const Tensor<i64> f = a.flatten();
  EXPECT_NE(f.buffer(), a.buffer());
  EXPECT_EQ(to_vector(a.T().flatten()), (std::vector<i64>{0, 3, 1, 4, 2, 5}));
}

TEST(as_eigen, maps_without_copying_in_both_orders) {
  const auto a = arange<double>(6).reshape({2, 3});
  const auto m = as_eigen(a);
  EXPECT_EQ(m.rows(), 2);
  EXPECT_EQ(m(1, 2), 5.0);
  EXPECT_EQ(m.data(), a.data());
  auto r = as_eigen_row_major(a);
  r(0, 1) = 10;
  EXPECT_EQ(a(0, 1), 10.0);
  const auto c = as_eigen_col_major(a.T());  // (3, 2) with strides (1, 3)
  EXPECT_EQ(c.rows(), 3);
  EXPECT_EQ(c(2, 1), 5.0);
  EXPECT_EQ(c.outerStride(), 3);
  const auto t = as_eigen(a.T());  // general strides: (1, 3)
  EXPECT_EQ(t(2, 1), 5.0);
  EXPECT_EQ((t * as_eigen(a)).trace(), (as_eigen(a) * as_eigen(a).transpose()).trace());
  const auto v = as_eigen_vector(a[{_, 2}]);  // stride 3
  EXPECT_EQ(v.size(), 2);
  EXPECT_EQ(v(1), 5.0);
  EXPECT_EQ(v.innerStride(), 3);
  // Every element type Eigen can hold: int64 and bool maps too.
  const auto ints = arange<i64>(4);
  EXPECT_EQ(as_eigen_vector(ints).sum(), 6);
  EXPECT_EQ(as_eigen(Tensor<bool>{{true, false}}).cols(), 2);
}

TEST(as_eigen, refuses_strides_eigen_cannot_express) {
  const auto a = arange<double>(6).reshape({2, 3});
  expect_error<ValueError>([&] { as_eigen_vector(flip(a[0])); }, "shape (3,) and strides (-1,)");
  expect_error<ValueError>([&] { as_eigen(a[0].broadcast_to({2, 3})); }, "strides (0, 1)");
  expect_error<ValueError>([&] { as_eigen_row_major(a.T()); }, "the column stride must be 1");
  expect_error<ValueError>([&] { as_eigen_col_major(a); }, "the row stride must be 1");
  expect_error<ValueError>([&] { as_eigen(a[0]); }, "expected a 2-d tensor, got shape (3,)");
  // A length-1 axis may have any stride: a single row of a broadcast is fine.
  EXPECT_EQ(as_eigen(a[{slice(0, 1)}].broadcast_to({1, 3})).cols(), 3);
}
