// Type promotion and integer arithmetic for every pair of element types, against NumPy itself
// (tests/data/promotion/promotion.json, written by make_promotion.py): np.result_type, and the
// dtype and values of + - * / // % < == on arrays chosen to wrap, divide by zero and floor
// negative quotients; plus the weak-scalar rule for Python scalars next to each type.
//
// Compile time is kept small: result types are type computations, and the values of the eight
// operations go through one helper per compute type (11 instantiations, not 121), on operands
// converted as einspan's kernels convert them; only + runs einspan's mixed-type path (operands
// converted inside the kernel), once for every unordered pair of distinct types.
#include <boost/mp11/algorithm.hpp>
#include <cmath>
#include <einspan/tensor.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

#include "support/json_fixture.hpp"
#include <string>

using namespace einspan;
using einspan_test::dims_of;
using nlohmann::json;
namespace mp = boost::mp11;

namespace {

const json& fixture() {
  static const json f = einspan_test::read_json_fixture("promotion/promotion.json");
  return f;
}

template <class T>
std::string name_of() {
  return std::string(detail::type_name<T>());
}

// One of the fixture's input arrays ("left" or "right") of type A, converted to C with
// static_cast as einspan's kernels convert operands (A = C: the array itself). Built straight from
// the JSON, so that no conversion kernel is instantiated per pair.
template <class A, class C = A>
Tensor<C> input(const char* side) {
  const json& values = fixture()[side][name_of<A>()];
  Tensor<C> t = empty<C>({static_cast<index_t>(values.size())});
  for (std::size_t i = 0; i < values.size(); ++i) {
    const json& v = values[i];
    A x;
    if constexpr (std::is_same_v<A, bool>) x = v.get<bool>();
    else if constexpr (std::is_floating_point_v<A>) x = static_cast<A>(v.get<double>());
    else if constexpr (std::is_unsigned_v<A>) x = static_cast<A>(v.get<std::uint64_t>());
    else x = static_cast<A>(v.get<std::int64_t>());
    t.data()[i] = static_cast<C>(x);
  }
  return t;
}

// A tensor's elements as the fixture writes them: numbers, booleans, "inf", "-inf", "nan".
template <class T>
json as_json(const Tensor<T>& t) {
  json out = json::array();
  for (const T x : t) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(x)) out.push_back("nan");
      else if (std::isinf(x)) out.push_back(x > 0 ? "inf" : "-inf");
      else out.push_back(static_cast<double>(x));
    } else if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) {
      out.push_back(x);
    } else {
      out.push_back(static_cast<std::int64_t>(x));
    }
  }
  return out;
}

// NumPy's dtype and values for one operation against einspan's result.
template <class R>
void expect_result(const json& expected, const Tensor<R>& got, const std::string& what) {
  EXPECT_EQ(expected["dtype"].get<std::string>(), name_of<R>()) << what;
  EXPECT_EQ(expected["values"], as_json(got)) << what;
}

// The result element type of operation Op on tensors of A and B, without instantiating it.
template <class Op, class A, class B>
using result_of = typename Op::template result_type<detail::compute_t<Tensor<A>, Tensor<B>>>;

template <class A, class B>
void expect_result_types(const json& ops, const std::string& pair) {
  const auto expect = [&](const char* op, std::string got) {
    if (ops.contains(op)) {
      EXPECT_EQ(ops[op]["dtype"].get<std::string>(), got) << pair << " " << op;
    }
  };
  expect("add", name_of<result_of<detail::add_op, A, B>>());
  expect("subtract", name_of<result_of<detail::subtract_op, A, B>>());
  expect("multiply", name_of<result_of<detail::multiply_op, A, B>>());
  expect("true_divide", name_of<result_of<detail::divide_op, A, B>>());
  expect("floor_divide", name_of<result_of<detail::floor_divide_op, A, B>>());
  expect("remainder", name_of<result_of<detail::remainder_op, A, B>>());
  expect("less", name_of<result_of<detail::less_op, A, B>>());
  expect("equal", name_of<result_of<detail::equal_op, A, B>>());
}

// The values of all eight operations, computed on operands already converted to the compute
// type C, as einspan's kernels convert them: one instantiation per C.
template <class C>
void expect_values_in(const Tensor<C>& a, const Tensor<C>& b, const json& ops, const std::string& pair) {
  if constexpr (std::is_same_v<C, bool>) {
    EXPECT_FALSE(ops.contains("subtract")) << "NumPy refuses bool - bool; einspan does not compile it";
  } else {
    expect_result(ops["subtract"], a - b, pair + " subtract");
  }
  expect_result(ops["add"], a + b, pair + " add");
  expect_result(ops["multiply"], a * b, pair + " multiply");
  expect_result(ops["true_divide"], a / b, pair + " true_divide");
  expect_result(ops["floor_divide"], floor_divide(a, b), pair + " floor_divide");
  expect_result(ops["remainder"], remainder(a, b), pair + " remainder");
  expect_result(ops["less"], a < b, pair + " less");
  expect_result(ops["equal"], a == b, pair + " equal");
}

std::map<std::pair<std::string, std::string>, const json*> pairs_by_name() {
  std::map<std::pair<std::string, std::string>, const json*> out;
  for (const json& p : fixture()["pairs"]) out[{p["a"], p["b"]}] = &p;
  return out;
}

using type_pairs = mp::mp_product<mp::mp_list, element_types, element_types>;

}  // namespace

// np.result_type of every pair, and NumPy's table row by row in the header comment.
TEST(promotion, result_type_of_every_pair_is_numpys) {
  ASSERT_EQ(fixture()["pairs"].size(), 121u);
  const auto pairs = pairs_by_name();
  int checked = 0;
  mp::mp_for_each<type_pairs>([&](auto pair) {
    using A = mp::mp_first<decltype(pair)>;
    using B = mp::mp_second<decltype(pair)>;
    const auto it = pairs.find({name_of<A>(), name_of<B>()});
    ASSERT_NE(it, pairs.end()) << name_of<A>() << ", " << name_of<B>();
    const json& entry = *it->second;
    EXPECT_EQ(entry["result_type"].get<std::string>(), (name_of<promote_t<A, B>>())) << name_of<A>() << ", " << name_of<B>();
    expect_result_types<A, B>(entry["ops"], name_of<A>() + ", " + name_of<B>());
    ++checked;
  });
  EXPECT_EQ(checked, 121);
}

// A few rows written out, so that a reader sees the rules without the fixture.
static_assert(std::is_same_v<promote_t<std::int8_t, std::uint8_t>, std::int16_t>);
static_assert(std::is_same_v<promote_t<std::int64_t, std::uint64_t>, double>);
static_assert(std::is_same_v<promote_t<std::uint8_t, float>, float>);
static_assert(std::is_same_v<promote_t<std::int16_t, float>, float>);
static_assert(std::is_same_v<promote_t<std::int32_t, float>, double>);
static_assert(std::is_same_v<promote_t<std::uint16_t, float>, float>);
static_assert(std::is_same_v<promote_t<std::uint32_t, float>, double>);
static_assert(std::is_same_v<promote_t<std::uint32_t, std::int8_t>, std::int64_t>);
static_assert(std::is_same_v<promote_t<bool, std::uint8_t>, std::uint8_t>);
static_assert(std::is_same_v<scalar_promote_t<std::uint8_t, int>, std::uint8_t>);
static_assert(std::is_same_v<scalar_promote_t<std::int16_t, double>, double>);
static_assert(std::is_same_v<sum_t<std::uint8_t>, std::uint64_t> && std::is_same_v<sum_t<std::int8_t>, std::int64_t>);
static_assert(std::is_same_v<mean_t<std::uint16_t>, double>);

TEST(promotion, values_of_every_operation_for_every_pair_are_numpys) {
  const auto pairs = pairs_by_name();
  int checked = 0;
  mp::mp_for_each<type_pairs>([&](auto pair) {
    using A = mp::mp_first<decltype(pair)>;
    using B = mp::mp_second<decltype(pair)>;
    using C = detail::compute_t<Tensor<A>, Tensor<B>>;
    const std::string name = name_of<A>() + ", " + name_of<B>();
    const json& ops = (*pairs.at({name_of<A>(), name_of<B>()}))["ops"];
    expect_values_in<C>(input<A, C>("left"), input<B, C>("right"), ops, name);
    ++checked;
  });
  EXPECT_EQ(checked, 121);
}

// The mixed-type path itself, where the kernel converts each operand element by element: a + b
// for every pair of distinct types, each unordered pair once (a kernel instantiation costs about
// 0.4 s of compile time at -O3; b + a converts the same way with the roles swapped).
TEST(promotion, mixed_type_add_converts_inside_the_kernel_as_numpy) {
  const auto pairs = pairs_by_name();
  int checked = 0;
  mp::mp_for_each<type_pairs>([&](auto pair) {
    using A = mp::mp_first<decltype(pair)>;
    using B = mp::mp_second<decltype(pair)>;
    if constexpr (mp::mp_find<element_types, A>::value < mp::mp_find<element_types, B>::value) {
      const json& ops = (*pairs.at({name_of<A>(), name_of<B>()}))["ops"];
      expect_result(ops["add"], input<A>("left") + input<B>("right"), name_of<A>() + " + " + name_of<B>());
      ++checked;
    }
  });
  EXPECT_EQ(checked, 55);
}

// NumPy 2's weak scalars: the Python scalar takes the array's type unless of a higher kind, and
// an integer the array's type cannot hold is an error (NumPy: OverflowError; einspan: ValueError
// with NumPy's message).
namespace {
// `a + s` runs einspan's scalar path (the scalar converted once by scalar_as, which throws for an
// integer out of range); * and // are checked in the compute type through the same tensor-tensor
// kernels as above, with the scalar converted by the same scalar_as.
template <class T, class S>
void expect_scalar_case(const json& entry, S s) {
  using C = detail::compute_t<Tensor<T>, S>;
  const std::string op = entry["op"], what = name_of<T>() + " " + op + " " + entry["scalar"].get<std::string>();
  const auto run = [&] {
    if (op == "add") {
      expect_result(entry, input<T>("left") + s, what);
    } else {
      const Tensor<C> a = input<T, C>("left"), b = scalar<C>(detail::scalar_as<C>(s));
      if (op == "multiply") expect_result(entry, a * b, what);
      else expect_result(entry, floor_divide(a, b), what);
    }
  };
  if (entry.contains("error")) {
    try {
      run();
      ADD_FAILURE() << what << ": no exception; NumPy says " << entry["error"];
    } catch (const ValueError& e) {
      EXPECT_EQ(std::string(e.what()), entry["error"].get<std::string>()) << what;
    }
  } else {
    run();
  }
}
}  // namespace

TEST(promotion, python_scalars_follow_numpy_2s_weak_rule) {
  int checked = 0;
  mp::mp_for_each<element_types>([&](auto tag) {
    using T = decltype(tag);
    for (const json& entry : fixture()["scalars"]) {
      if (entry["a"] != name_of<T>()) continue;
      const std::string s = entry["scalar"];
      if (s == "int_3") expect_scalar_case<T>(entry, 3);
      else if (s == "float_0.5") expect_scalar_case<T>(entry, 0.5);
      else if (s == "int_300") expect_scalar_case<T>(entry, 300);
      else if (s == "int_-1") expect_scalar_case<T>(entry, -1);
      else ADD_FAILURE() << "unknown scalar case " << s;
      ++checked;
    }
  });
  EXPECT_EQ(checked, 11 * 4 * 3);
}

// The casting table of AnyTensor and load_npy_as against np.can_cast for all 121 pairs.
TEST(promotion, can_cast_is_numpys_for_every_pair) {
  // np.can_cast(from, to, rule); rows and columns in DType order: float32, float64, int32, int64,
  // bool, uint8, int8, uint16, int16, uint32, uint64.
  const bool safe[11][11] = {
      {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // float32
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // float64
      {0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0},  // int32
      {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0},  // int64
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // bool
      {1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1},  // uint8
      {1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0},  // int8
      {1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1},  // uint16
      {1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0},  // int16
      {0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1},  // uint32
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1},  // uint64
  };
  const bool same_kind[11][11] = {
      {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // float32
      {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},  // float64
      {1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0},  // int32
      {1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0},  // int64
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // bool
      {1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1},  // uint8
      {1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0},  // int8
      {1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1},  // uint16
      {1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0},  // int16
      {1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1},  // uint32
      {1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1},  // uint64
  };
  for (int i = 0; i < 11; ++i)
    for (int j = 0; j < 11; ++j) {
      const auto from = static_cast<DType>(i), to = static_cast<DType>(j);
      EXPECT_EQ(can_cast(from, to, Casting::safe), safe[i][j]) << dtype_name(from) << "->" << dtype_name(to);
      EXPECT_EQ(can_cast(from, to, Casting::same_kind), same_kind[i][j]) << dtype_name(from) << "->" << dtype_name(to);
      EXPECT_TRUE(can_cast(from, to, Casting::unsafe));
    }
  // The compile-time rule of out-parameters is the same_kind row.
  static_assert(can_cast_same_kind_v<std::uint8_t, std::int8_t> && !can_cast_same_kind_v<std::int8_t, std::uint8_t>);
  static_assert(!can_cast_same_kind_v<float, std::uint64_t> && can_cast_same_kind_v<std::uint64_t, float>);
}
