// matmul, dot, vdot, inner, outer, trace and tensordot replayed against NumPy:
// tests/data/linalg/linalg.json holds NumPy's result (dtype, shape, values) or exception (class,
// message) for every case, written by make_linalg.py. The other tests check what the fixture
// cannot: the out forms, strided and overlapping operands, wrap-around, and that a 2-d matmul is
// einsum's ij,jk->ik.
#include <einspan/einsum.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"


using namespace einspan;
using einspan_test::dims_of;
using nlohmann::json;

namespace {

const json& fixture() {
  static const json data = einspan_test::read_json_fixture("linalg/linalg.json");
  return data;
}

// Every value in the fixture is a small integer or a bool, exact as a double; one JSON conversion
// for all element types keeps the compile time down.
std::vector<double> doubles(const json& values) {
  std::vector<double> v;
  for (const auto& x : values) v.push_back(x.is_boolean() ? double(x.get<bool>()) : x.get<double>());
  return v;
}

template <class T>
Tensor<T> tensor_of(const json& operand) {
  const std::vector<double> v = doubles(operand["values"]);
  Tensor<T> t = Tensor<T>::fresh(dims_of(operand["shape"]));
  for (std::size_t i = 0; i < v.size(); ++i) t.data()[i] = static_cast<T>(v[i]);
  return t;
}

// The element types the fixture uses, by NumPy's name.
template <class F>
void with_type(const std::string& dtype, F&& f) {
  if (dtype == "float64") f(double{});
  else if (dtype == "float32") f(float{});
  else if (dtype == "int32") f(std::int32_t{});
  else if (dtype == "int8") f(std::int8_t{});
  else if (dtype == "uint8") f(std::uint8_t{});
  else if (dtype == "bool") f(bool{});
  else FAIL() << "no dispatch for " << dtype;
}

// The operand type pairs of the fixture: each pair instantiates every function once, so the list
// is short (compile time).
template <class F>
void with_types(const std::string& ta, const std::string& tb, F&& f) {
  const std::string pair = ta + "," + tb;
  if (ta == tb) with_type(ta, [&](auto x) { f(x, x); });
  else if (pair == "int8,uint8") f(std::int8_t{}, std::uint8_t{});
  else if (pair == "uint8,int8") f(std::uint8_t{}, std::int8_t{});
  else if (pair == "int32,float32") f(std::int32_t{}, float{});
  else FAIL() << "no dispatch for " << pair;
}

template <class R>
void expect_result(const Tensor<R>& r, const json& expected) {
  EXPECT_EQ(std::string(dtype_name<R>()), expected["dtype"].get<std::string>());
  EXPECT_EQ(r.shape(), dims_of(expected["shape"]));
  std::vector<double> got;
  for (const R x : to_vector(r)) got.push_back(static_cast<double>(x));
  EXPECT_EQ(got, doubles(expected["values"]));
}

template <class A, class B>
auto call(const std::string& fn, const Tensor<A>& a, const Tensor<B>& b, const json& args) {
  if (fn == "matmul") return matmul(a, b);
  if (fn == "dot") return dot(a, b);
  if (fn == "vdot") return vdot(a, b);
  if (fn == "inner") return inner(a, b);
  if (fn == "outer") return outer(a, b);
  if (fn != "tensordot") throw std::logic_error("unknown function " + fn);
  if (args.contains("axes")) return tensordot(a, b, args["axes"].get<index_t>());
  const std::vector<index_t> axes_a = args["axes_a"], axes_b = args["axes_b"];
  return tensordot(a, b, std::span<const index_t>(axes_a), std::span<const index_t>(axes_b));
}

// einspan's error class for NumPy's: shape mismatches that NumPy reports as ValueError are
// ShapeError; the rest keep NumPy's class. The message must contain NumPy's words.
template <class F>
void expect_numpy_error(const json& error, F&& f) {
  const std::string type = error["type"], message = error["message"];
  const bool value_error = message.find("does not have enough dimensions") != std::string::npos ||
                           message == "axes don't match array" || message.starts_with("diag requires") ||
                           message.starts_with("axis1 and axis2");
  try {
    f();
    ADD_FAILURE() << "no exception; NumPy raised " << type << ": " << message;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    if (type == "IndexError") EXPECT_NE(dynamic_cast<const IndexError*>(&e), nullptr) << e.what();
    else if (type == "AxisError") EXPECT_NE(dynamic_cast<const AxisError*>(&e), nullptr) << e.what();
    else if (value_error) EXPECT_NE(dynamic_cast<const ValueError*>(&e), nullptr) << e.what();
    else EXPECT_NE(dynamic_cast<const ShapeError*>(&e), nullptr) << e.what();
  }
}

void replay(const json& c) {
  SCOPED_TRACE(c["name"].get<std::string>());
  const std::string fn = c["fn"];
  if (fn == "trace") {
    with_type(c["a"]["dtype"], [&](auto x) {
      const auto a = tensor_of<decltype(x)>(c["a"]);
      const json& args = c["args"];
      const auto run = [&] {
        return trace(a, args.value("offset", index_t{0}), args.value("axis1", index_t{0}), args.value("axis2", index_t{1}));
      };
      if (c.contains("error")) expect_numpy_error(c["error"], run);
      else expect_result(run(), c["result"]);
    });
    return;
  }
  with_types(c["a"]["dtype"], c["b"]["dtype"], [&](auto x, auto y) {
    const auto a = tensor_of<decltype(x)>(c["a"]);
    const auto b = tensor_of<decltype(y)>(c["b"]);
    if (c.contains("error")) {
      expect_numpy_error(c["error"], [&] { (void)call(fn, a, b, c["args"]); });
      return;
    }
    expect_result(call(fn, a, b, c["args"]), c["result"]);
    // The out form writes the same values (float64 cases only: each other type would compile
    // its own copy kernels, and the out form's type handling is one static_assert).
    if constexpr (std::is_same_v<decltype(x), double> && std::is_same_v<decltype(y), double>) {
      if (fn == "matmul") {
        const Tensor<double> out = zeros<double>(dims_of(c["result"]["shape"]));
        matmul(a, b, out);
        expect_result(out, c["result"]);
      }
    }
  });
}

Tensor<double> counting(Dims shape) {
  const index_t n = shape_size(shape);
  return (remainder(arange<double>(0, static_cast<double>(n)), 7.0) - 3.0).reshape(shape);
}

}  // namespace

TEST(linalg, every_fixture_case_matches_numpy) {
  ASSERT_GE(fixture()["cases"].size(), 100u);
  for (const json& c : fixture()["cases"]) replay(c);
}

TEST(linalg, matmul_of_two_matrices_is_einsums_gemm_bit_for_bit) {
  // Large enough for the GEMM path (m n k >= 4096); same spec, same plan, so the same bits.
  const Tensor<double> a = counting({64, 96}) * 0.1, b = counting({96, 80}) * 0.3;
  EXPECT_EQ(to_vector(matmul(a, b)), to_vector(einsum("ij,jk->ik", a, b)));
  EXPECT_NE(EinsumPlan<double>("ij,jk->ik", a, b).explain().find("GEMM"), std::string::npos);
}

TEST(linalg, strided_operands_give_the_contiguous_result) {
  const Tensor<double> a = counting({6, 8}), b = counting({8, 5});
  const Tensor<double> at = a.T(), stepped = a[{slice(_, _, 2)}];  // (8, 6) and (3, 8)
  EXPECT_EQ(to_vector(matmul(at, counting({6, 4}))), to_vector(matmul(at.copy(), counting({6, 4}))));
  EXPECT_EQ(to_vector(matmul(stepped, b)), to_vector(matmul(stepped.copy(), b)));
  EXPECT_EQ(to_vector(dot(b.T(), stepped.T())), to_vector(dot(b.T().copy(), stepped.T().copy())));
  EXPECT_EQ(to_vector(outer(at, b.T())), to_vector(outer(at.copy(), b.T().copy())));
  EXPECT_EQ(to_vector(vdot(at, a)), to_vector(vdot(at.copy(), a)));  // same size, other shape: raveled
}

TEST(linalg, matmul_batch_broadcasts_a_size_one_dimension_without_copying_it_out) {
  // (2,1,3,4) @ (5,4,2): every (i, j) block is a[i, 0] @ b[j].
  const Tensor<double> a = counting({2, 1, 3, 4}), b = counting({5, 4, 2});
  const Tensor<double> r = matmul(a, b);
  ASSERT_EQ(r.shape(), (Dims{2, 5, 3, 2}));
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 5; ++j) EXPECT_EQ(to_vector(r[{i, j}]), to_vector(matmul(a[{i, 0}], b[j])));
}

TEST(linalg, matmul_out_accepts_strides_and_overlap_and_checks_the_shape) {
  const Tensor<double> a = counting({3, 3}), b = counting({3, 3}) + 1.0;
  const std::vector<double> expected = to_vector(matmul(a, b));
  const Tensor<double> transposed = zeros<double>({3, 3}).T();  // not C-contiguous
  matmul(a, b, transposed);
  EXPECT_EQ(to_vector(transposed), expected);
  const Tensor<double> in_place = a.copy();
  matmul(in_place, b, in_place);  // out is an operand: read as if copied first
  EXPECT_EQ(to_vector(in_place), expected);
  EXPECT_THROW(matmul(a, b, zeros<double>({3, 4})), ShapeError);
  EXPECT_THROW(matmul(a, b, zeros<double>({1, 3, 3})), ShapeError);  // NumPy would broadcast out; einspan refuses
  EXPECT_THROW(matmul(a, b, zeros<double>({3}).broadcast_to({3, 3})), ValueError);  // not one element per result
  const Tensor<bool> flags = zeros<bool>({3, 3});
  matmul(a > 0.0, b > 0.0, flags);
  EXPECT_EQ(to_vector(flags), to_vector(matmul(a > 0.0, b > 0.0)));
}

TEST(linalg, integer_products_wrap_and_bool_products_do_not) {
  const Tensor<std::int8_t> x = full<std::int8_t>({1, 1}, 100), y = full<std::int8_t>({1, 1}, 2);
  EXPECT_EQ(matmul(x, y).item(), -56);  // 200 wraps in int8, as NumPy's
  // 256 true products: a uint8 count would wrap to 0 (false); bool is the OR of ANDs.
  EXPECT_TRUE(matmul(ones<bool>({1, 256}), ones<bool>({256, 1})).item());
  EXPECT_TRUE(dot(ones<bool>({256}), ones<bool>({256})).item());
}

TEST(linalg, tensordot_refuses_a_negative_axis_count) {
  // NumPy treats axes=-1 as 0 (an outer product); einspan says what was meant.
  EXPECT_THROW(tensordot(counting({2, 3}), counting({3, 2}), -1), ValueError);
}

TEST(linalg, trace_out_accumulates_in_outs_type) {
  const Tensor<std::int32_t> a = {{1, 2}, {3, 4}};
  const Tensor<double> out = zeros<double>({});
  trace(a, 0, 0, 1, out);
  EXPECT_EQ(out.item(), 5.0);
  EXPECT_EQ(trace(a, 1).item(), 2);
}
