// The formatter against NumPy's own repr()/str() output (tests/data/format_goldens.txt, written by
// tests/data/make_format_goldens.py): every case below builds the same array as the script does.
#include <cmath>
#include <einspan/tensor.hpp>
#include <einspan/tensor/format.hpp>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <string>

using namespace einspan;
using i32 = std::int32_t;
using i64 = std::int64_t;

namespace {

std::map<std::string, std::string> load_goldens() {
  std::ifstream in(std::string(EINSPAN_TEST_DATA_DIR) + "/format_goldens.txt");
  std::map<std::string, std::string> goldens;
  std::string line, name;
  while (std::getline(in, line)) {
    if (line.rfind("### ", 0) == 0) {
      name = line.substr(4);
      goldens[name];
    } else {
      std::string& text = goldens[name];
      if (!text.empty()) text += '\n';
      text += line;
    }
  }
  return goldens;
}

const std::map<std::string, std::string>& goldens() {
  static const auto g = load_goldens();
  return g;
}

template <class T>
std::string repr(const Tensor<T>& t) {
  return fmt::format("{}", t);
}
template <class T>
std::string str(const Tensor<T>& t) {
  return fmt::format("{:s}", t);
}

template <class T>
Tensor<T> divided(Tensor<T> t, T by) {
  for (T& x : t) x /= by;
  return t;
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

const std::map<std::string, std::function<std::string()>>& cases() {
  static const std::map<std::string, std::function<std::string()>> c = {
      // integers
      {"int_2x2", [] { return repr(Tensor<i64>{{10, 20}, {50, 60}}); }},
      {"slide_arange", [] { return repr(arange<i64>(10, 90, 10)); }},
      {"slide_reshape", [] { return repr(arange<i64>(10, 90, 10).reshape({4, 2})); }},
      {"slide_step", [] { return repr(arange<i64>(10, 90, 10).reshape({4, 2})[{slice(_, _, 2)}]); }},
      {"slide_transpose", [] { return repr(arange<i64>(10, 90, 10).reshape({4, 2})[{slice(_, _, 2)}].T()); }},
      {"int_negative", [] { return repr(Tensor<i64>{-1, 10, -100}); }},
      {"int_large", [] { return repr(Tensor<i64>{123456789012, -5}); }},
      {"int32_1d", [] { return repr(arange<i32>(5)); }},
      {"int32_2d", [] { return repr(arange<i32>(6).reshape({2, 3})); }},
      {"int_3d", [] { return repr(arange<i64>(24).reshape({2, 3, 4})); }},
      {"int_4d", [] { return repr(arange<i64>(16).reshape({2, 2, 2, 2})); }},
      {"int_wrap", [] { return repr(arange<i64>(40)); }},
      {"int32_wrap", [] { return repr(arange<i32>(30)); }},
      {"int32_dtype_own_line", [] { return repr(arange<i32>(14)); }},
      {"int_transposed", [] { return repr(arange<i64>(6).reshape({2, 3}).T()); }},
      {"int_reversed", [] { return repr(arange<i64>(10)[{slice(_, _, -3)}]); }},
      {"int_summary_1d", [] { return repr(arange<i64>(2000)); }},
      {"int_summary_2d", [] { return repr(arange<i64>(2000).reshape({40, 50})); }},
      {"int_summary_3d", [] { return repr(arange<i64>(3000).reshape({10, 10, 30})); }},
      {"int_summary_short_axis", [] { return repr(arange<i64>(1010).reshape({2, 505})); }},
      {"int32_summary", [] { return repr(arange<i32>(1001)); }},
      {"int_0d", [] { return repr(scalar<i64>(5)); }},
      {"int32_0d", [] { return repr(scalar<i32>(-7)); }},
      // the other integer types
      {"uint8_1d", [] { return repr(Tensor<std::uint8_t>{250, 4, 0}); }},
      {"int8_extremes", [] { return repr(Tensor<std::int8_t>{-128, 127, -1}); }},
      {"uint16_2d", [] { return repr(arange<std::uint16_t>(6).reshape({2, 3})); }},
      {"int16_negative", [] { return repr(Tensor<std::int16_t>{-32768, 5}); }},
      {"uint32_max", [] { return repr(Tensor<std::uint32_t>{4294967295u, 0}); }},
      {"uint64_max", [] { return repr(Tensor<std::uint64_t>{18446744073709551615ull, 1}); }},
      {"uint8_summary",
       [] {
         Tensor<std::uint8_t> t = empty<std::uint8_t>({1001});
         for (i64 i = 0; i < 1001; ++i) t(i) = static_cast<std::uint8_t>(i % 256);
         return repr(t);
       }},
      {"uint16_dtype_own_line", [] { return repr(arange<std::uint16_t>(14)); }},
      {"int16_0d", [] { return repr(scalar<std::int16_t>(-7)); }},
      {"uint64_0d", [] { return repr(scalar<std::uint64_t>(18446744073709551615ull)); }},
      {"empty_uint8", [] { return repr(zeros<std::uint8_t>({0})); }},
      {"empty_int8_2d", [] { return repr(zeros<std::int8_t>({2, 0})); }},
      // floats
      {"float_simple", [] { return repr(Tensor<double>{1.0, 2.5}); }},
      {"float_tenths", [] { return repr(Tensor<double>{0.1, 0.2}); }},
      {"float_2d", [] { return repr(Tensor<double>{{1.5, -2.25}, {3.0, 4.125}}); }},
      {"float_arange", [] { return repr(arange<double>(0.0, 1.0, 0.1)); }},
      {"float_linspace", [] { return repr(linspace<double>(0, 1, 7)); }},
      {"float_thirds", [] { return repr(Tensor<double>{1.0 / 3, 2.0 / 3, 1.0}); }},
      {"float_pi_e", [] { return repr(Tensor<double>{M_PI, M_E}); }},
      {"float_integral", [] { return repr(Tensor<double>{1.0, 2.0, 3.0}); }},
      {"float_zeros", [] { return repr(zeros<double>({2, 3})); }},
      {"float_eye", [] { return repr(eye<double>(3)); }},
      {"float_negzero", [] { return repr(Tensor<double>{-0.0, 1.0}); }},
      {"float_wide", [] { return repr(arange<double>(0.0, 30.0, 1.5)); }},  // np.arange(20) * 1.5
      {"float_large_positional", [] { return repr(Tensor<double>{12345678.5, 99999.0}); }},
      {"float_sci_large", [] { return repr(Tensor<double>{1e10, 1.0}); }},
      {"float_sci_small", [] { return repr(Tensor<double>{1e-5, 1.0}); }},
      {"float_sci_ratio", [] { return repr(Tensor<double>{1.5, 2000.0}); }},
      {"float_sci_mixed", [] { return repr(Tensor<double>{1.5e-7, -2.0, 3e5}); }},
      {"float_sci_3digit_exp", [] { return repr(Tensor<double>{1e100, 1e-5}); }},
      {"float_sci_2d", [] { return repr(Tensor<double>{{1e-10, 1.0}, {2.5, 1e10}}); }},
      {"float_sci_cutoff", [] { return repr(Tensor<double>{1.23456789012e-7, 1.0}); }},
      {"float_sci_nan", [] { return repr(Tensor<double>{nan, 1e-5, -1.0}); }},
      {"float_negative_positional", [] { return repr(Tensor<double>{-1.5, 100.25, -0.001}); }},
      {"float_nan_inf", [] { return repr(Tensor<double>{nan, inf, -inf, 1.0}); }},
      {"float_all_nan", [] { return repr(Tensor<double>{nan, nan}); }},
      {"float_inf_only", [] { return repr(Tensor<double>{inf, -inf}); }},
      {"float_summary", [] { return repr(linspace<double>(0, 1, 1001)); }},
      {"float_summary_2d", [] { return repr(divided(arange<double>(1200).reshape({30, 40}), 8.0)); }},
      {"float_0d", [] { return repr(scalar<double>(2.5)); }},
      {"float_0d_integral", [] { return repr(scalar<double>(3.0)); }},
      {"float32_tenths", [] { return repr(Tensor<float>{0.1f, 0.2f, 0.3f}); }},
      {"float32_thirds", [] { return repr(divided(arange<float>(6).reshape({2, 3}), 3.0f)); }},
      {"float32_0d", [] { return repr(scalar<float>(1.5f)); }},
      {"float32_sci", [] { return repr(Tensor<float>{1e-6f, 1.0f}); }},
      // bools
      {"bool_1d", [] { return repr(Tensor<bool>{true, false, true}); }},
      {"bool_2d", [] { return repr(Tensor<bool>{{true, false}, {false, true}}); }},
      {"bool_0d", [] { return repr(scalar<bool>(true)); }},
      {"bool_summary",
       [] {
         Tensor<bool> t = empty<bool>({1500});
         for (i64 i = 0; i < 1500; ++i) t(i) = i % 3 == 0;
         return repr(t);
       }},
      // empty
      {"empty_float", [] { return repr(zeros<double>({0})); }},
      {"empty_int", [] { return repr(zeros<i64>({0})); }},
      {"empty_int32", [] { return repr(zeros<i32>({0})); }},
      {"empty_2d", [] { return repr(zeros<double>({2, 0})); }},
      {"empty_bool_2d", [] { return repr(zeros<bool>({0, 3})); }},
      // str()
      {"str_int_2d", [] { return str(Tensor<i64>{{1, 2}, {3, 4}}); }},
      {"str_float", [] { return str(Tensor<double>{1.0, 2.5}); }},
      {"str_bool", [] { return str(Tensor<bool>{true, false}); }},
      {"str_wrap", [] { return str(arange<i64>(40)); }},
      {"str_summary", [] { return str(arange<i64>(2000).reshape({2, 1000})); }},
      {"str_empty_2d", [] { return str(zeros<double>({2, 0})); }},
      {"str_0d_int", [] { return str(scalar<i64>(5)); }},
      {"str_0d_float", [] { return str(scalar<double>(3.0)); }},
      {"str_0d_small", [] { return str(scalar<double>(1e-5)); }},
      {"str_0d_big", [] { return str(scalar<double>(1e16)); }},
      {"str_0d_bool", [] { return str(scalar<bool>(false)); }},
      {"str_uint8", [] { return str(Tensor<std::uint8_t>{1, 200}); }},
      {"str_0d_int8", [] { return str(scalar<std::int8_t>(-5)); }},
      {"str_0d_uint64", [] { return str(scalar<std::uint64_t>(18446744073709551615ull)); }},
  };
  return c;
}

}  // namespace

TEST(format, every_golden_has_a_case_and_back) {
  ASSERT_FALSE(goldens().empty()) << "could not read format_goldens.txt";
  for (const auto& [name, text] : goldens()) EXPECT_TRUE(cases().count(name)) << "no C++ case for golden " << name;
  for (const auto& [name, make] : cases()) EXPECT_TRUE(goldens().count(name)) << "no golden for case " << name;
}

TEST(format, matches_numpy_repr_and_str) {
  for (const auto& [name, make] : cases()) {
    const auto golden = goldens().find(name);
    if (golden == goldens().end()) continue;
    EXPECT_EQ(make(), golden->second) << "case " << name;
  }
}

TEST(format, repr_of_a_view_reads_through_its_strides) {
  // Same values, different memory: a negative-step, non-contiguous view prints in logical order.
  const auto base = arange<i64>(12).reshape({3, 4});
  EXPECT_EQ(repr(base[{slice(_, _, -1), slice(1, _, 2)}]), "array([[ 9, 11],\n       [ 5,  7],\n       [ 1,  3]])");
}

TEST(format, shapes_print_as_python_tuples) {
  EXPECT_EQ(fmt::format("{}", Dims{4, 3}), "(4, 3)");
  EXPECT_EQ(fmt::format("{}", Dims{3}), "(3,)");
  EXPECT_EQ(fmt::format("{}", Dims{}), "()");
}

TEST(format, dtype_names_follow_numpy) {
  EXPECT_STREQ(dtype_name<float>(), "float32");
  EXPECT_STREQ(dtype_name<double>(), "float64");
  EXPECT_STREQ(dtype_name<i32>(), "int32");
  EXPECT_STREQ(dtype_name<i64>(), "int64");
  EXPECT_STREQ(dtype_name<bool>(), "bool");
  EXPECT_STREQ(dtype_name<std::uint8_t>(), "uint8");
  EXPECT_STREQ(dtype_name<std::int8_t>(), "int8");
  EXPECT_STREQ(dtype_name<std::uint16_t>(), "uint16");
  EXPECT_STREQ(dtype_name<std::int16_t>(), "int16");
  EXPECT_STREQ(dtype_name<std::uint32_t>(), "uint32");
  EXPECT_STREQ(dtype_name<std::uint64_t>(), "uint64");
}
