// The GEMM engine decision (OpenBLAS or Eigen, einspan/einsum/gemm_engine.hpp) for OpenBLAS's real
// core names against every CPU level, and Eigen's per-level GEMM kernels (the fallback) against
// a brute-force product.
//
// The oracle for the decision is not einspan's table: it is what the kernels of Debian's
// libopenblasp-r0.3.21.so use, read off their disassembly (objdump -d of dgemm_kernel_<CORE> and
// sgemm_kernel_<CORE>: the widest register, and whether 256/512-bit FMA instructions occur),
// combined with the documented rule "Eigen when its kernel for the CPU is wider, or has the FMA
// the OpenBLAS kernel lacks". Eigen's kernels: 128-bit SSE2 without FMA (generic, also on an
// SSE4 CPU), 256-bit FMA (avx2), 512-bit FMA (avx512).
#include "../../einsum/src/gemm_eigen.hpp"  // white-box: the fallback kernels themselves

#include <einspan/einsum.hpp>
#include <einspan/einsum/gemm_engine.hpp>
#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace einspan;

namespace {

struct KernelFacts {
  const char* core;
  int vector_bits;  // widest register the dgemm/sgemm kernels use
  bool wide_fma;    // FMA on 256-bit or wider registers
};

// From the disassembly of Debian's OpenBLAS 0.3.21 (the comment at the top). Cores whose
// kernels use FMA only on 128-bit registers (FMA4/FMA3 in the Bulldozer family) count as
// wide_fma = false.
const std::vector<KernelFacts> debian_0_3_21 = {
    {"Prescott", 128, false},    {"Core2", 128, false},      {"Penryn", 128, false},
    {"Dunnington", 128, false},  {"Nehalem", 128, false},    {"Atom", 128, false},
    {"Nano", 128, false},        {"Opteron", 128, false},    {"Opteron_SSE3", 128, false},
    {"Barcelona", 128, false},   {"Bobcat", 128, false},     {"Bulldozer", 128, false},
    {"Piledriver", 128, false},  {"Steamroller", 128, false}, {"Excavator", 128, false},
    {"Sandybridge", 256, false}, {"Haswell", 256, true},     {"Zen", 256, true},
    {"SkylakeX", 512, true},     {"Cooperlake", 512, true},
};

// Whether Eigen's kernel for a CPU at `cpu` beats OpenBLAS's kernel by width or FMA.
bool eigen_is_wider(Isa cpu, const KernelFacts& k) {
  switch (cpu) {
    case Isa::generic:
    case Isa::sse4:
      return false;  // Eigen's generic kernel: 128-bit, no FMA, nothing above any OpenBLAS kernel
    case Isa::avx2:
      return k.vector_bits < 256 || !k.wide_fma;
    case Isa::avx512:
      return k.vector_bits < 512;
  }
  return false;
}

const Isa all_levels[] = {Isa::generic, Isa::sse4, Isa::avx2, Isa::avx512};

Isa eigen_level(Isa cpu) { return cpu == Isa::sse4 ? Isa::generic : cpu; }

}  // namespace

TEST(einsum_gemm_engine, every_real_core_against_every_cpu_level) {
  for (const KernelFacts& k : debian_0_3_21) {
    for (Isa cpu : all_levels) {
      const GemmEngineChoice got = choose_gemm_engine(k.core, cpu);
      const GemmEngine want = eigen_is_wider(cpu, k) ? GemmEngine::eigen : GemmEngine::openblas;
      EXPECT_EQ(got.engine, want) << k.core << " on a " << isa_name(cpu) << " CPU";
      EXPECT_EQ(got.eigen_isa, eigen_level(cpu)) << k.core << " on a " << isa_name(cpu) << " CPU";
    }
  }
}

TEST(einsum_gemm_engine, misdetection_as_prescott_falls_back_to_eigen_at_the_cpu_level) {
  // The case: a new Xeon (AVX-512) that OpenBLAS 0.3.21 runs on its Prescott kernels.
  EXPECT_EQ(choose_gemm_engine("Prescott", Isa::avx512), (GemmEngineChoice{GemmEngine::eigen, Isa::avx512}));
  EXPECT_EQ(choose_gemm_engine("Prescott", Isa::avx2), (GemmEngineChoice{GemmEngine::eigen, Isa::avx2}));
  // An AVX-512 CPU reported as an AVX2 core loses half its vector width.
  EXPECT_EQ(choose_gemm_engine("Haswell", Isa::avx512), (GemmEngineChoice{GemmEngine::eigen, Isa::avx512}));
}

TEST(einsum_gemm_engine, correct_detection_keeps_openblas) {
  EXPECT_EQ(choose_gemm_engine("SkylakeX", Isa::avx512).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("Cooperlake", Isa::avx512).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("Zen", Isa::avx2).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("Haswell", Isa::avx2).engine, GemmEngine::openblas);
  // A kernel above the CPU's level (EINSPAN_ISA forcing a lower level) is OpenBLAS's business.
  EXPECT_EQ(choose_gemm_engine("Cooperlake", Isa::avx2).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("Nehalem", Isa::sse4).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("Prescott", Isa::generic).engine, GemmEngine::openblas);
}

TEST(einsum_gemm_engine, core_names_compare_without_case) {
  // Builds without DYNAMIC_ARCH report their target in capitals.
  EXPECT_EQ(openblas_core_isa("PRESCOTT"), Isa::generic);
  EXPECT_EQ(openblas_core_isa("SKYLAKEX"), Isa::avx512);
  EXPECT_EQ(openblas_core_isa("zen"), Isa::avx2);
  EXPECT_EQ(openblas_core_isa("OPTERON_SSE3"), Isa::generic);
  EXPECT_EQ(choose_gemm_engine("PRESCOTT", Isa::avx2).engine, GemmEngine::eigen);
}

TEST(einsum_gemm_engine, unknown_core_is_trusted_and_no_openblas_means_eigen) {
  EXPECT_EQ(openblas_core_isa("NEOVERSEN1"), std::nullopt);
  EXPECT_EQ(openblas_core_isa("Prescott2"), std::nullopt);
  EXPECT_EQ(openblas_core_isa(""), std::nullopt);
  EXPECT_EQ(choose_gemm_engine("NEOVERSEN1", Isa::avx512).engine, GemmEngine::openblas);
  EXPECT_EQ(choose_gemm_engine("", Isa::avx2), (GemmEngineChoice{GemmEngine::eigen, Isa::avx2}));
  EXPECT_EQ(choose_gemm_engine("", Isa::sse4), (GemmEngineChoice{GemmEngine::eigen, Isa::generic}));
}

TEST(einsum_gemm_engine, name_of_this_process_engine) {
  const std::string name = gemm_engine_name();
  const std::string core = openblas_core_name();
  if (name.rfind("openblas:", 0) == 0) {
    EXPECT_EQ(name, "openblas:" + core);
  } else {
    ASSERT_EQ(name.rfind("eigen:", 0), 0u) << name;
    const std::string level = name.substr(6);
    EXPECT_TRUE(level == "generic" || level == "avx2" || level == "avx512") << name;
  }
  // The decision is made once: the same answer every time.
  EXPECT_EQ(gemm_engine_name(), name);
}

namespace {

// A (m x k) stored row-major (rows `outer` apart) or column-major (columns `outer` apart), small
// integers, so that every sum of products is exact in float and double.
template <class T>
std::vector<T> integer_matrix(index_t rows, index_t cols, bool row_major, index_t outer, int seed) {
  std::vector<T> v(static_cast<std::size_t>((row_major ? rows : cols) * outer), T(-1000));  // padding poisoned
  for (index_t i = 0; i < rows; ++i)
    for (index_t j = 0; j < cols; ++j)
      v[static_cast<std::size_t>(row_major ? i * outer + j : j * outer + i)] =
          static_cast<T>((i * 7 + j * 3 + seed) % 9 - 4);
  return v;
}

template <class T>
void check_level(Isa level, index_t m, index_t n, index_t k) {
  for (bool a_row : {true, false}) {
    for (bool b_row : {true, false}) {
      const index_t a_outer = (a_row ? k : m) + 3, b_outer = (b_row ? n : k) + 5, c_outer = n + 2;
      const std::vector<T> a = integer_matrix<T>(m, k, a_row, a_outer, 1);
      const std::vector<T> b = integer_matrix<T>(k, n, b_row, b_outer, 2);
      std::vector<T> c(static_cast<std::size_t>(m * c_outer), T(77));  // the padding must stay 77
      detail::eigen_gemm<T>(level, m, n, k, a.data(), a_row, a_outer, b.data(), b_row, b_outer, c.data(), c_outer);
      index_t wrong = 0;
      for (index_t i = 0; i < m; ++i) {
        for (index_t j = 0; j < n; ++j) {
          T want = 0;
          for (index_t p = 0; p < k; ++p)
            want += a[static_cast<std::size_t>(a_row ? i * a_outer + p : p * a_outer + i)] *
                    b[static_cast<std::size_t>(b_row ? p * b_outer + j : j * b_outer + p)];
          wrong += c[static_cast<std::size_t>(i * c_outer + j)] != want;
        }
        for (index_t j = n; j < c_outer; ++j) wrong += c[static_cast<std::size_t>(i * c_outer + j)] != T(77);
      }
      EXPECT_EQ(wrong, 0) << isa_name(level) << " " << m << "x" << n << "x" << k << " A "
                          << (a_row ? "row" : "column") << "-major, B " << (b_row ? "row" : "column") << "-major";
    }
  }
}

}  // namespace

TEST(einsum_gemm_engine, eigen_kernels_of_every_supported_level_equal_brute_force) {
  const std::vector<Isa> supported = supported_isas();
  for (Isa level : {Isa::generic, Isa::avx2, Isa::avx512}) {
    if (std::find(supported.begin(), supported.end(), level) == supported.end()) {
      std::printf("[ SKIPPED  ] level %s: the CPU does not support it\n", std::string(isa_name(level)).c_str());
      continue;
    }
    // Sizes off every register-tile and cache-block multiple, and one beyond Eigen's depth block.
    check_level<double>(level, 37, 29, 41);
    check_level<float>(level, 37, 29, 41);
    check_level<double>(level, 130, 70, 300);
    check_level<float>(level, 9, 200, 17);
  }
}

TEST(einsum_gemm_engine, einsum_on_the_chosen_engine_equals_brute_force) {
  // ij,jk->ik at a size beyond the small-GEMM path, so it runs on the engine gemm_engine_name() names.
  const index_t m = 70, k = 150, n = 90;
  Tensor<double> a = empty<double>({m, k}), b = empty<double>({k, n});
  for (index_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<double>(i % 7 - 3);
  for (index_t i = 0; i < b.size(); ++i) b.data()[i] = static_cast<double>(i % 5 - 2);
  const Tensor<double> c = einsum("ij,jk->ik", a, b);
  index_t wrong = 0;
  for (index_t i = 0; i < m; ++i)
    for (index_t j = 0; j < n; ++j) {
      double want = 0;
      for (index_t p = 0; p < k; ++p) want += a.data()[i * k + p] * b.data()[p * n + j];
      wrong += c.data()[i * n + j] != want;
    }
  EXPECT_EQ(wrong, 0) << gemm_engine_name();
}
