// One summation order (tensor/detail/pairwise_sum.hpp): sum, the lazy sum of an expression, mean
// and einsum's reductions over an index give the same bits on the same data; those bits are
// NumPy's np.sum's (tests/data/summation/make_summation.py) under every instruction-set level;
// and the error stays within the pairwise bound of a long-double reference.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <einspan/einsum.hpp>
#include <einspan/tensor.hpp>
#include <gtest/gtest.h>
#include <string>
#include <type_traits>
#include <unistd.h>
#include <vector>

#include "support/json_fixture.hpp"

using namespace einspan;

namespace {

// x[i] as make_summation.py builds it: integers and powers of two, so both sides get the same bits.
template <class T>
Tensor<T> data(index_t n) {
  auto t = zeros<T>({n});
  for (index_t i = 0; i < n; ++i) {
    const std::uint64_t h = 6364136223846793005ULL * static_cast<std::uint64_t>(i) + 1442695040888963407ULL;
    const double m = static_cast<double>(h >> 11);
    t.data()[i] = static_cast<T>((m - 0x1p52) * std::ldexp(1.0, static_cast<int>(i % 7) - 52));
  }
  return t;
}

template <class T>
using bits_t = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;

template <class T>
bits_t<T> bits(T v) {
  bits_t<T> b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

const std::vector<index_t> lengths = {0, 1, 7, 8, 9, 127, 128, 129, 1000, 8191, 8192, 8193, 100000, 1000000};

template <class T>
class Summation : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(Summation, FloatTypes);

// The same bits from every entry point of a full sum over a contiguous run.
TYPED_TEST(Summation, full_sums_agree_to_the_bit) {
  using T = TypeParam;
  for (const index_t n : lengths) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const auto a = data<T>(n);
    const T s = sum(a).item();
    EXPECT_EQ(bits(sum(lazy(a)).item()), bits(s)) << "lazy sum";
    EXPECT_EQ(bits(einsum("i->", a).item()), bits(s)) << "einsum i->";
    if (n > 0) {
      EXPECT_EQ(bits(mean(a).item()), bits(static_cast<T>(s / static_cast<T>(n)))) << "mean = sum / n";
      EXPECT_EQ(bits(mean(lazy(a)).item()), bits(static_cast<T>(s / static_cast<T>(n)))) << "lazy mean";
    }
    // A C-contiguous matrix is one run: its full sum is the flat sum.
    if (n % 8 == 0 && n > 0) {
      const auto m = a.reshape({8, n / 8});
      EXPECT_EQ(bits(sum(m).item()), bits(s)) << "sum of the (8, n/8) matrix";
      EXPECT_EQ(bits(einsum("ij->", m).item()), bits(s)) << "einsum ij->";
    }
    // A lazy product sums in the same order as the eager product's sum.
    const auto b = data<T>(n + 3)[{slice(3, n + 3)}];
    EXPECT_EQ(bits(sum(lazy(a) * b).item()), bits(sum(a * b).item())) << "sum(lazy(a) * b)";
  }
}

// Row sums: each row in the order of a 1-d sum, whichever entry point and however many rows.
TYPED_TEST(Summation, row_sums_agree_to_the_bit) {
  using T = TypeParam;
  for (const auto [rows, cols] : std::vector<std::array<index_t, 2>>{
           {1, 0}, {3, 1}, {5, 7}, {6, 8}, {9, 26}, {4, 127}, {4, 128}, {5, 129}, {3, 1000}, {2, 8193}, {130, 26}}) {
    SCOPED_TRACE("shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")");
    const auto m = data<T>(rows * cols).reshape({rows, cols});
    const auto s = sum(m, 1), lz = sum(lazy(m), 1), es = einsum("ij->i", m), mn = mean(m, 1);
    for (index_t r = 0; r < rows; ++r) {
      const T row = sum(m[r]).item();
      EXPECT_EQ(bits(s[r].item()), bits(row)) << "row " << r;
      EXPECT_EQ(bits(lz[r].item()), bits(row)) << "lazy, row " << r;
      EXPECT_EQ(bits(es[r].item()), bits(row)) << "einsum ij->i, row " << r;
      if (cols > 0) {
        EXPECT_EQ(bits(mn[r].item()), bits(static_cast<T>(row / static_cast<T>(cols)))) << "mean, row " << r;
      }
    }
    // The transposed matrix reduced over its first axis walks the same rows in memory order.
    const auto t = sum(m.transpose(), 0);
    for (index_t r = 0; r < rows; ++r) EXPECT_EQ(bits(t[r].item()), bits(s[r].item())) << "sum(m.T, 0), row " << r;
  }
}

// NumPy's bits: a contiguous float64 or float32 sum is NumPy 1.24's np.sum, and so are row sums.
TYPED_TEST(Summation, equals_numpy_bit_for_bit) {
  using T = TypeParam;
  const auto fixture = einspan_test::read_json_fixture("summation/summation.json");
  const nlohmann::json& cases = fixture[std::is_same_v<T, double> ? "float64" : "float32"];
  SCOPED_TRACE(std::string("level ") + std::string(isa_name(active_isa())));
  for (const auto& c : cases["sums"]) {
    const index_t n = c["n"].get<index_t>();
    EXPECT_EQ(bits(sum(data<T>(n)).item()), c["bits"].get<bits_t<T>>()) << "np.sum of " << n << " elements";
  }
  for (const auto& c : cases["rows"]) {
    const Dims shape = einspan_test::dims_of(c["shape"]);
    const auto s = sum(data<T>(shape[0] * shape[1]).reshape(shape), 1);
    for (index_t r = 0; r < shape[0]; ++r)
      EXPECT_EQ(bits(s[r].item()), c["bits"][static_cast<std::size_t>(r)].get<bits_t<T>>())
          << "np.sum(axis=1) of shape (" << shape[0] << ", " << shape[1] << "), row " << r;
  }
}

// |sum - exact| <= (chunks + 16 + log2(8192 / 128)) * eps * sum|x|, the exact sum computed in
// long double with Kahan compensation (64-bit significand: far below the float64 error bound).
TYPED_TEST(Summation, error_within_the_pairwise_bound) {
  using T = TypeParam;
  for (const index_t n : lengths) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const auto a = data<T>(n);
    long double exact = 0, carry = 0, magnitude = 0;
    for (index_t i = 0; i < n; ++i) {
      const long double y = static_cast<long double>(a.data()[i]) - carry;
      const long double t = exact + y;
      carry = (t - exact) - y;
      exact = t;
      magnitude += std::fabs(static_cast<long double>(a.data()[i]));
    }
    const long double chunks = static_cast<long double>((n + 8191) / 8192);
    const long double bound = (chunks + 22) * std::numeric_limits<T>::epsilon() * magnitude;
    EXPECT_LE(std::fabs(static_cast<long double>(sum(a).item()) - exact), bound);
  }
  // Where a running sum drifts: 10^6 copies of 0.1f sum to 100958.34 one by one.
  const auto tenths = full<float>({1000000}, 0.1f);
  const double expected = 1e6 * static_cast<double>(0.1f);
  EXPECT_LE(std::fabs(static_cast<double>(sum(tenths).item()) - expected), (122 + 22) * 0x1p-23 * expected);
}

// One checksum of every sum above, printed so that runs under different levels can be compared.
std::string checksum_line() {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the bits
  const auto mix = [&h](std::uint64_t v) {
    for (int k = 0; k < 8; ++k) h = (h ^ ((v >> (8 * k)) & 0xff)) * 1099511628211ULL;
  };
  for (const index_t n : lengths) {
    mix(bits(sum(data<double>(n)).item()));
    mix(bits(sum(data<float>(n)).item()));
    mix(bits(sum(lazy(data<double>(n))).item()));
    mix(bits(einsum("i->", data<float>(n)).item()));
  }
  const auto m = data<double>(130 * 26).reshape({130, 26});
  for (const double v : to_vector(sum(m, 1))) mix(bits(v));
  char line[64];
  std::snprintf(line, sizeof line, "summation checksum %016llx", static_cast<unsigned long long>(h));
  return line;
}

TEST(Summation, prints_its_checksum) {
  const std::string line = checksum_line();
  std::printf("%s at level %s\n", line.c_str(), std::string(isa_name(active_isa())).c_str());
  EXPECT_EQ(line.size(), 35u);
}

// The same program under every level this CPU supports (EINSPAN_ISA, read once per process)
// prints the same checksum as this process.
TEST(Summation, same_bits_under_every_level) {
  const std::string mine = checksum_line();
  char self[4096];
  const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(length, 0);
  self[length] = '\0';
  for (const Isa level : supported_isas()) {
    const std::string name(isa_name(level));
    const std::string command = "EINSPAN_ISA=" + name +
                                " '" + std::string(self) + "' --gtest_filter=Summation.prints_its_checksum 2>&1";
    FILE* child = popen(command.c_str(), "r");
    ASSERT_NE(child, nullptr);
    std::string output;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, child)) output += buffer;
    EXPECT_EQ(pclose(child), 0) << output;
    EXPECT_NE(output.find(mine + " at level " + name), std::string::npos) << "under EINSPAN_ISA=" << name << ":\n"
                                                                        << output;
  }
}

}  // namespace
