// The vectorised float functions (exp, log, sin, ... on float32/float64: vector_math.hpp), through
// the public elementwise functions: error in ULPs against the C library's long double functions
// on many inputs per function, exact special values (NaN, infinities, signed zeros, poles,
// overflow, underflow, huge arguments), strided and in-place runs giving the contiguous bits, and
// all of it again under every instruction-set level this CPU supports (the test program runs
// itself with EINSPAN_ISA set).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <einspan/tensor.hpp>
#include <einspan/tensor/isa.hpp>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace einspan;

namespace {

// |result - reference| in units of the last place of T at the reference (the spacing of the
// correctly rounded result and the next larger float; denorm_min below the normal range).
template <class T>
double ulp_error(T result, long double reference) {
  if (std::isnan(reference)) return std::isnan(result) ? 0 : std::numeric_limits<double>::infinity();
  const T rounded = static_cast<T>(reference);
  if (std::isinf(rounded) || std::isinf(result))
    return result == rounded ? 0 : std::numeric_limits<double>::infinity();
  const T magnitude = std::abs(rounded);
  const T spacing = std::nextafter(magnitude, std::numeric_limits<T>::infinity()) - magnitude;
  return static_cast<double>(std::abs(static_cast<long double>(result) - reference) / spacing);
}

using Reference = long double (*)(long double);

struct Function {
  const char* name;
  Tensor<float> (*f32)(const Tensor<float>&);
  Tensor<double> (*f64)(const Tensor<double>&);
  Reference reference;
  // Max ULP error (docs/elementwise.md): Highway's documented bound, or the measured one rounded
  // up to half an ULP where Highway's is exceeded (log1p, arcsin: 2.3 measured, 2 documented).
  double bound32, bound64;
  // Input ranges [lo, hi] sampled uniformly, and whether magnitudes are also sampled
  // log-uniformly (random exponents) over [tiny, hi].
  std::vector<std::pair<double, double>> ranges;
  bool log_uniform;
};

#define EINSPAN_FN(name) [](const Tensor<float>& t) { return name(t); }, [](const Tensor<double>& t) { return name(t); }
#define EINSPAN_REF(name) [](long double x) { return std::name(x); }

const std::vector<Function>& functions() {
  static const std::vector<Function> table = {
      {"exp", EINSPAN_FN(exp), EINSPAN_REF(exp), 1, 1, {{-1, 1}, {-110, 100}, {-750, 712}}, false},
      {"expm1", EINSPAN_FN(expm1), EINSPAN_REF(expm1), 4, 4, {{-1, 1}, {-0.4, 0.4}, {-120, 100}, {-760, 712}}, true},
      {"log", EINSPAN_FN(log), EINSPAN_REF(log), 4, 4, {{0.5, 2}, {0, 1e6}}, true},
      {"log2", EINSPAN_FN(log2), EINSPAN_REF(log2), 2, 2, {{0.5, 2}, {0, 1e6}}, true},
      {"log10", EINSPAN_FN(log10), EINSPAN_REF(log10), 2, 2, {{0.5, 2}, {0, 1e6}}, true},
      {"log1p", EINSPAN_FN(log1p), EINSPAN_REF(log1p), 2.5, 2.5, {{-1, 1}, {-1e-3, 1e-3}, {0, 1e6}}, true},
      {"sin", EINSPAN_FN(sin), EINSPAN_REF(sin), 3, 3, {{-7, 7}, {-100, 100}, {-39000, 39000}, {-1e6, 1e6}}, true},
      {"cos", EINSPAN_FN(cos), EINSPAN_REF(cos), 3, 3, {{-7, 7}, {-100, 100}, {-39000, 39000}, {-1e6, 1e6}}, true},
      {"arcsin", EINSPAN_FN(arcsin), EINSPAN_REF(asin), 2.5, 2.5, {{-1, 1}, {-0.5, 0.5}, {-1.5, 1.5}}, false},
      {"arccos", EINSPAN_FN(arccos), EINSPAN_REF(acos), 2, 2, {{-1, 1}, {-0.5, 0.5}, {-1.5, 1.5}}, false},
      {"arctan", EINSPAN_FN(arctan), EINSPAN_REF(atan), 3, 3, {{-2, 2}, {-100, 100}}, true},
      {"sinh", EINSPAN_FN(sinh), EINSPAN_REF(sinh), 4, 4, {{-1, 1}, {-100, 100}, {-720, 720}}, true},
      {"tanh", EINSPAN_FN(tanh), EINSPAN_REF(tanh), 4, 4, {{-1, 1}, {-25, 25}}, true},
      {"sqrt", EINSPAN_FN(sqrt), EINSPAN_REF(sqrt), 0.5, 0.5, {{0, 4}, {-1, 1}}, true},
  };
  return table;
}
#undef EINSPAN_FN
#undef EINSPAN_REF

// Samples of every range of f: uniform, and with log_uniform also +-2^e * [1, 2) for random
// exponents e from the smallest subnormal to the range's largest magnitude.
template <class T>
std::vector<T> samples(const Function& f, std::size_t per_range) {
  std::mt19937_64 rng(42);
  std::vector<T> xs;
  for (const auto& [lo, hi] : f.ranges) {
    std::uniform_real_distribution<double> u(lo, hi);
    for (std::size_t i = 0; i < per_range; ++i) xs.push_back(static_cast<T>(u(rng)));
    if (!f.log_uniform) continue;
    const double top = std::max(std::abs(lo), std::abs(hi));
    const int e_min = std::numeric_limits<T>::min_exponent - std::numeric_limits<T>::digits;
    const int e_max = std::ilogb(top);
    std::uniform_int_distribution<int> e(e_min, e_max);
    std::uniform_real_distribution<double> m(1, 2);
    for (std::size_t i = 0; i < per_range; ++i) {
      double x = std::ldexp(m(rng), e(rng));
      if (lo < 0 && (i % 2 == 1 || hi <= 0)) x = -x;
      if (x >= lo && x <= hi) xs.push_back(static_cast<T>(x));
    }
  }
  return xs;
}

Tensor<float> tensor_of(const std::vector<float>& v) { return from_vector(v); }
Tensor<double> tensor_of(const std::vector<double>& v) { return from_vector(v); }

template <class T>
Tensor<T> call(const Function& f, const Tensor<T>& t) {
  if constexpr (std::is_same_v<T, float>) return f.f32(t);
  else return f.f64(t);
}

template <class T>
void check_ulp_bounds() {
  for (const Function& f : functions()) {
    const std::vector<T> xs = samples<T>(f, 60000);
    const auto result = to_vector(call(f, tensor_of(xs)));
    ASSERT_EQ(result.size(), xs.size());
    double worst = 0;
    T worst_x = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double e = ulp_error(result[i], f.reference(static_cast<long double>(xs[i])));
      if (e > worst) worst = e, worst_x = xs[i];
    }
    const double bound = sizeof(T) == 4 ? f.bound32 : f.bound64;
    std::printf("%-6s %s level %-7s max error %.2f ULP at x = %.17g (%zu inputs)\n", f.name,
                sizeof(T) == 4 ? "float32" : "float64", std::string(isa_name(active_isa())).c_str(), worst,
                static_cast<double>(worst_x), xs.size());
    EXPECT_LE(worst, bound) << f.name << " at x = " << worst_x;
  }
}

TEST(VectorMath, Float64WithinUlpBoundOfLongDouble) { check_ulp_bounds<double>(); }
TEST(VectorMath, Float32WithinUlpBoundOfLongDouble) { check_ulp_bounds<float>(); }

// ---- exact special values --------------------------------------------------------------------

template <class T>
void expect_same_value(T got, T want, const char* name, T x) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << name << "(" << x << ") = " << got << ", want nan";
  } else {
    EXPECT_EQ(got, want) << name << "(" << x << ")";
    EXPECT_EQ(std::signbit(got), std::signbit(want)) << name << "(" << x << ") sign of " << got;
  }
}

struct Special {
  const char* name;
  double x;
  double want;  // exact (what C99 Annex F and NumPy give)
};

template <class T>
void check_specials() {
  using lim = std::numeric_limits<T>;
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const double tiny = static_cast<double>(lim::denorm_min()), huge = static_cast<double>(lim::max());
  const double overflow = sizeof(T) == 4 ? 89 : 710, underflow = sizeof(T) == 4 ? -104 : -746;
  const double pi_2 = static_cast<double>(static_cast<T>(1.5707963267948966192313216916L));
  const std::vector<Special> table = {
      {"exp", nan, nan}, {"exp", inf, inf}, {"exp", -inf, 0}, {"exp", 0.0, 1}, {"exp", -0.0, 1},
      {"exp", overflow, inf}, {"exp", underflow, 0}, {"exp", huge, inf}, {"exp", -huge, 0}, {"exp", tiny, 1},
      {"expm1", nan, nan}, {"expm1", inf, inf}, {"expm1", -inf, -1}, {"expm1", 0.0, 0.0}, {"expm1", -0.0, -0.0},
      {"expm1", overflow, inf}, {"expm1", -huge, -1}, {"expm1", tiny, tiny},
      {"log", nan, nan}, {"log", 0.0, -inf}, {"log", -0.0, -inf}, {"log", -1, nan}, {"log", -inf, nan},
      {"log", inf, inf}, {"log", 1, 0}, {"log", -tiny, nan},
      {"log2", 0.0, -inf}, {"log2", -1, nan}, {"log2", inf, inf}, {"log2", 1, 0}, {"log2", 8, 3},
      {"log2", tiny, sizeof(T) == 4 ? -149 : -1074}, {"log2", nan, nan},
      {"log10", 0.0, -inf}, {"log10", -1, nan}, {"log10", inf, inf}, {"log10", 1, 0}, {"log10", nan, nan},
      {"log10", 1000, 3}, {"log10", 100, 2}, {"log10", 0.01, -2}, {"log2", 0.25, -2}, {"log2", 1024, 10},
      {"log1p", -1, -inf}, {"log1p", -2, nan}, {"log1p", 0.0, 0.0}, {"log1p", -0.0, -0.0}, {"log1p", inf, inf},
      {"log1p", -inf, nan}, {"log1p", nan, nan}, {"log1p", tiny, tiny},
      {"sin", 0.0, 0.0}, {"sin", -0.0, -0.0}, {"sin", inf, nan}, {"sin", -inf, nan}, {"sin", nan, nan},
      {"sin", tiny, tiny}, {"sin", -tiny, -tiny},
      {"cos", 0.0, 1}, {"cos", -0.0, 1}, {"cos", inf, nan}, {"cos", -inf, nan}, {"cos", nan, nan}, {"cos", tiny, 1},
      {"arcsin", 0.0, 0.0}, {"arcsin", -0.0, -0.0}, {"arcsin", 1, pi_2}, {"arcsin", -1, -pi_2},
      {"arcsin", 1.5, nan}, {"arcsin", -inf, nan}, {"arcsin", nan, nan}, {"arcsin", tiny, tiny},
      {"arccos", 1, 0}, {"arccos", 0.0, pi_2}, {"arccos", 2, nan}, {"arccos", inf, nan}, {"arccos", nan, nan},
      {"arctan", 0.0, 0.0}, {"arctan", -0.0, -0.0}, {"arctan", inf, pi_2}, {"arctan", -inf, -pi_2},
      {"arctan", nan, nan}, {"arctan", tiny, tiny},
      {"sinh", 0.0, 0.0}, {"sinh", -0.0, -0.0}, {"sinh", inf, inf}, {"sinh", -inf, -inf}, {"sinh", nan, nan},
      {"sinh", overflow + 1, inf}, {"sinh", -overflow - 1, -inf}, {"sinh", tiny, tiny},
      {"tanh", 0.0, 0.0}, {"tanh", -0.0, -0.0}, {"tanh", inf, 1}, {"tanh", -inf, -1}, {"tanh", nan, nan},
      {"tanh", 1000, 1}, {"tanh", -1000, -1}, {"tanh", tiny, tiny},
      {"sqrt", 0.0, 0.0}, {"sqrt", -0.0, -0.0}, {"sqrt", -1, nan}, {"sqrt", inf, inf}, {"sqrt", -inf, nan},
      {"sqrt", nan, nan}, {"sqrt", 4, 2}, {"sqrt", sizeof(T) == 4 ? 0x1p-148 : 0x1p-1074, sizeof(T) == 4 ? 0x1p-74 : 0x1p-537},
  };
  for (const Function& f : functions()) {
    std::vector<T> xs, want;
    for (const Special& s : table)
      if (std::string(s.name) == f.name) xs.push_back(static_cast<T>(s.x)), want.push_back(static_cast<T>(s.want));
    ASSERT_FALSE(xs.empty()) << f.name;
    // Each special alone in a vector of ordinary values, at every lane position and in the tail,
    // then all of them side by side.
    for (std::size_t k = 0; k < xs.size(); ++k) {
      for (std::size_t at = 0; at < 19; ++at) {
        std::vector<T> v(19, T(0.25));
        v[at] = xs[k];
        const auto got = to_vector(call(f, tensor_of(v)));
        expect_same_value(got[at], want[k], f.name, xs[k]);
        EXPECT_LE(ulp_error(got[(at + 1) % 19], f.reference(0.25L)), sizeof(T) == 4 ? f.bound32 : f.bound64)
            << f.name << "(0.25) beside " << f.name << "(" << xs[k] << ")";
      }
    }
    const auto got = to_vector(call(f, tensor_of(xs)));
    for (std::size_t k = 0; k < xs.size(); ++k) expect_same_value(got[k], want[k], f.name, xs[k]);
  }
}

TEST(VectorMath, Float64SpecialValues) { check_specials<double>(); }
TEST(VectorMath, Float32SpecialValues) { check_specials<float>(); }

// Huge arguments of sin and cos (beyond Highway's range reduction) are within 1 ULP, as the
// C library's, instead of garbage.
TEST(VectorMath, SinCosOfHugeArgumentsStayAccurate) {
  const std::vector<double> xs = {39001.0, 1e6, 1e10, 1e22, 1e300, -1e300, 0x1p1000, 1.7976931348623157e308};
  const auto s = to_vector(sin(from_vector(xs))), c = to_vector(cos(from_vector(xs)));
  for (std::size_t i = 0; i < xs.size(); ++i) {
    EXPECT_LE(ulp_error(s[i], std::sin(static_cast<long double>(xs[i]))), 1) << "sin(" << xs[i] << ")";
    EXPECT_LE(ulp_error(c[i], std::cos(static_cast<long double>(xs[i]))), 1) << "cos(" << xs[i] << ")";
  }
}

// ---- layouts ---------------------------------------------------------------------------------

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Strided, reversed, in-place, out-parameter and 2-d runs give exactly the contiguous result
// (inputs beyond some functions' domains too: arcsin(20) is NaN in every layout).
TEST(VectorMath, EveryLayoutGivesTheContiguousBits) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.01, 20);
  std::vector<double> v(3001);
  for (double& x : v) x = u(rng);
  const auto base = from_vector(v);
  for (const Function& f : functions()) {
    const auto contiguous = to_vector(f.f64(base[{slice(0, _, 2)}].copy()));
    const auto strided = to_vector(f.f64(base[{slice(0, _, 2)}]));
    EXPECT_TRUE(same_bits(strided, contiguous)) << f.name << " on a strided view";
    auto reversed = to_vector(f.f64(base[{slice(_, _, -1)}]));
    const auto forward = to_vector(f.f64(base));
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_TRUE(same_bits(reversed, forward)) << f.name << " on a reversed view";
    const auto matrix = f.f64(base[{slice(0, 3000)}].reshape({60, 50}).transpose());
    const auto matrix_copy = f.f64(base[{slice(0, 3000)}].reshape({60, 50}).transpose().copy());
    EXPECT_TRUE(same_bits(to_vector(matrix), to_vector(matrix_copy))) << f.name << " on a transposed view";
  }
  // In place (a temporary's buffer) and into an out-parameter.
  const auto want = to_vector(exp(base));
  EXPECT_EQ(to_vector(exp(base.copy())), want);
  auto out = empty<double>({3001});
  exp(base, out);
  EXPECT_EQ(to_vector(out), want);
  // float32 strided as well.
  const auto b32 = base.astype<float>();
  EXPECT_EQ(to_vector(sin(b32[{slice(1, _, 3)}])), to_vector(sin(b32[{slice(1, _, 3)}].copy())));
}

// Integer inputs compute in double (NumPy's float result type) and match the float64 kernel.
TEST(VectorMath, IntegerInputsUseTheFloatResult) {
  const auto ints = arange<std::int32_t>(0, 50);
  const auto as_double = ints.astype<double>();
  const auto got = to_vector(log1p(ints));
  const auto want = to_vector(log1p(as_double));
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_LE(ulp_error(got[i], std::log1p(static_cast<long double>(i))), 2) << i;
}

// ---- every instruction-set level ---------------------------------------------------------------

// Under EINSPAN_ISA the process runs at that level (checked here, in the child runs below).
TEST(VectorMath, RunsAtTheLevelEinspanIsaNames) {
  if (const char* forced = std::getenv("EINSPAN_ISA")) EXPECT_EQ(isa_name(active_isa()), forced);
  else EXPECT_EQ(active_isa(), supported_isas().back());
}

// Runs this file's other tests again at every level the CPU supports, each in a child process
// with EINSPAN_ISA set (the level is fixed at a process's first kernel call).
TEST(VectorMath, EveryLevelPassesTheSameTests) {
  if (std::getenv("EINSPAN_ISA") != nullptr) GTEST_SKIP() << "already a child run";
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  for (Isa level : supported_isas()) {
    const std::string command = "EINSPAN_ISA=" + std::string(isa_name(level)) + " '" + self +
                                "' --gtest_brief=1 '--gtest_filter=VectorMath.*-*EveryLevel*'";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
  }
}

}  // namespace
