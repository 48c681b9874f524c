// The instruction-set level (isa.hpp): what the CPU supports, checked against the compiler's own
// CPU detection, and EINSPAN_ISA's effect on Highway's dispatch. The ctest variants isa.<level>.*
// (tests/CMakeLists.txt) run this and the kernel tests with EINSPAN_ISA set.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <einspan/tensor/isa.hpp>
#include <hwy/targets.h>
#include <string>

using namespace einspan;

namespace {

bool has(const std::vector<Isa>& levels, Isa level) {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

TEST(Isa, SupportedLevelsStartWithGenericAndAscend) {
  const auto levels = supported_isas();
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), Isa::generic);
  EXPECT_TRUE(std::is_sorted(levels.begin(), levels.end()));
}

#if defined(__x86_64__)
TEST(Isa, SupportedLevelsAgreeWithTheCompilersCpuDetection) {
  const auto levels = supported_isas();
  if (has(levels, Isa::avx2)) {
    EXPECT_TRUE(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"));
  }
  if (has(levels, Isa::avx512)) {
    EXPECT_TRUE(__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"));
  }
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq")) {
    EXPECT_TRUE(has(levels, Isa::avx512));
  }
  // x86-64-v2 is what every x86-64 CPU of the last 15 years has.
  if (__builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("avx2")) EXPECT_TRUE(has(levels, Isa::sse4));
}
#endif

TEST(Isa, ActiveLevelIsTheForcedOneOrTheBest) {
  const char* forced = std::getenv("EINSPAN_ISA");
  if (forced != nullptr && *forced != '\0') {
    EXPECT_EQ(isa_name(active_isa()), std::string(forced));
  } else {
    EXPECT_EQ(active_isa(), supported_isas().back());
  }
}

#if HWY_ARCH_X86
TEST(Isa, ForcedLevelDisablesEveryBetterHighwayTarget) {
  const Isa level = active_isa();
  const auto targets = static_cast<std::uint32_t>(hwy::SupportedTargets());
  if (level < Isa::avx512) EXPECT_EQ(targets & HWY_AVX3, 0u);
  if (level < Isa::avx2) EXPECT_EQ(targets & HWY_AVX2, 0u);
  if (level < Isa::sse4) EXPECT_EQ(targets & HWY_SSE4, 0u);
  if (level >= Isa::avx2) EXPECT_NE(targets & HWY_AVX2, 0u);
}
#endif

TEST(Isa, NamesAreTheEnvironmentSpellings) {
  EXPECT_EQ(isa_name(Isa::generic), "generic");
  EXPECT_EQ(isa_name(Isa::sse4), "sse4");
  EXPECT_EQ(isa_name(Isa::avx2), "avx2");
  EXPECT_EQ(isa_name(Isa::avx512), "avx512");
}

}  // namespace
