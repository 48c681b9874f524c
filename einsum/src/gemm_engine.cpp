// The GEMM engine: which of OpenBLAS and Eigen runs einsum's GEMM steps, decided once per process.
//
// Why a decision at all: OpenBLAS's DYNAMIC_ARCH build chooses its kernels from the CPU's model
// number, and a model it does not know gets its Prescott (SSE3) kernels. Debian's 0.3.21 does this
// on new Intel Xeons, where it then ran `ij,jk->ik` 512^3 at 18 GFLOP/s against Eigen's 90 (issue
// #12). Setting OPENBLAS_CORETYPE from here cannot fix that: OpenBLAS reads it in its ELF
// constructor, which has run before any code of ours (docs/einsum.md, "GEMM engine").
#include "gemm.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <einspan/einsum/gemm_engine.hpp>
#ifdef EINSPAN_USE_OPENBLAS
#include <cblas.h>
#endif
#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace einspan {

namespace {

struct CoreLevel {
  std::string_view core;
  Isa isa;
};

// Every x86-64 core name of OpenBLAS's DYNAMIC_ARCH (driver/others/dynamic.c, corename[]; Debian's
// 0.3.21 knows all but SapphireRapids, which later releases add), with the vector level of its dgemm/sgemm kernels (kernel/x86_64/KERNEL.<core>; confirmed on
// Debian's libopenblasp-r0.3.21.so by disassembling dgemm_kernel_<CORE>: zmm registers only in
// SKYLAKEX and COOPERLAKE, 256-bit FMA in HASWELL and ZEN, 256-bit without FMA in SANDYBRIDGE,
// 128-bit FMA4/FMA3 in the Bulldozer family, SSE elsewhere).
constexpr std::array<CoreLevel, 27> openblas_cores{{
    {"Unknown", Isa::generic},
    {"Katmai", Isa::generic},
    {"Coppermine", Isa::generic},
    {"Northwood", Isa::generic},
    {"Prescott", Isa::generic},  // what 0.3.21 falls back to for a CPU model it does not know
    {"Banias", Isa::generic},
    {"Atom", Isa::generic},
    {"Core2", Isa::generic},
    {"Penryn", Isa::sse4},
    {"Dunnington", Isa::sse4},
    {"Nehalem", Isa::sse4},
    {"Athlon", Isa::generic},
    {"Opteron", Isa::generic},
    {"Opteron_SSE3", Isa::generic},
    {"Barcelona", Isa::generic},
    {"Nano", Isa::generic},
    {"Sandybridge", Isa::sse4},  // 256-bit AVX without FMA: below an FMA kernel
    {"Bobcat", Isa::generic},
    {"Bulldozer", Isa::sse4},  // 128-bit FMA4
    {"Piledriver", Isa::sse4},  // 128-bit FMA3/FMA4
    {"Haswell", Isa::avx2},
    {"Steamroller", Isa::sse4},
    {"Excavator", Isa::sse4},
    {"Zen", Isa::avx2},
    {"SkylakeX", Isa::avx512},
    {"Cooperlake", Isa::avx512},
    {"SapphireRapids", Isa::avx512},
}};

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The levels Eigen's product kernel is compiled for (gemm_eigen_<level>.cpp): SSE4 adds nothing
// to a GEMM kernel over SSE2, so an SSE4 CPU runs the generic one.
Isa eigen_isa_for(Isa cpu) { return cpu == Isa::sse4 ? Isa::generic : cpu; }

// The level at which this CPU runs a GEMM fastest: its best level, except AMD Zen 4 (family 19h
// with AVX-512), which executes a 512-bit FMA in two 256-bit halves. There, on one core
// (2026-12-02, 2-core EPYC; bench/RESULTS.md has the table), Eigen's 512-bit kernel was no faster
// than its 256-bit one (512^3: 45-50 against 39-49 GFLOP/s; nd,kd->nk 20000x64, 256x64: 25-30
// against 26-35) and 20% slower than OpenBLAS's 256-bit Zen kernels on nd,kd->nk (37-39), so Zen 4
// counts as avx2 here, and an OpenBLAS that picked 256-bit kernels for it is kept.
Isa cpu_gemm_isa() {
  const Isa best = active_isa();
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (best == Isa::avx512 && __get_cpuid(0, &eax, &ebx, &ecx, &edx)) {
    const bool amd = ebx == 0x68747541 && edx == 0x69746e65 && ecx == 0x444d4163;  // "AuthenticAMD"
    if (amd && __get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
      const unsigned family = ((eax >> 8) & 0xf) + ((eax >> 20) & 0xff);
      if (family == 0x19) return Isa::avx2;
    }
  }
#endif
  return best;
}

}  // namespace

std::optional<Isa> openblas_core_isa(std::string_view core) {
  for (const CoreLevel& c : openblas_cores)
    if (same_name(c.core, core)) return c.isa;
  return std::nullopt;
}

GemmEngineChoice choose_gemm_engine(std::string_view openblas_core, Isa cpu) {
  const Isa eigen = eigen_isa_for(cpu);
  if (openblas_core.empty()) return {GemmEngine::eigen, eigen};
  const std::optional<Isa> blas = openblas_core_isa(openblas_core);
  if (blas && *blas < eigen) return {GemmEngine::eigen, eigen};
  return {GemmEngine::openblas, eigen};
}

std::string openblas_core_name() {
#ifdef EINSPAN_USE_OPENBLAS
  return openblas_get_corename();
#else
  return "";
#endif
}

std::string gemm_engine_name() {
  const GemmEngineChoice& e = detail::active_gemm_engine();
  if (e.engine == GemmEngine::openblas) return "openblas:" + openblas_core_name();
  return "eigen:" + std::string(isa_name(e.eigen_isa));
}

namespace detail {

const GemmEngineChoice& active_gemm_engine() {
  static const GemmEngineChoice choice = choose_gemm_engine(openblas_core_name(), cpu_gemm_isa());
  return choice;
}

}  // namespace detail

}  // namespace einspan
