#pragma once
// Which engine runs einsum's GEMM steps (the products the small-GEMM path does not take): OpenBLAS
// when einspan is built with it (EINSPAN_USE_OPENBLAS, the default) and its kernels use the
// CPU's vector level, else Eigen's product kernel compiled for that level. The choice is made
// once per process, at the first GEMM; docs/einsum.md ("GEMM engine") has the rule's numbers.
#include <einspan/tensor/isa.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace einspan {

enum class GemmEngine { openblas, eigen };

struct GemmEngineChoice {
  GemmEngine engine;
  // The level of Eigen's kernel on this CPU: the engine when `engine` is eigen, and for the
  // products OpenBLAS cannot take (a size beyond its 32-bit integers) when it is openblas.
  Isa eigen_isa;
  friend bool operator==(const GemmEngineChoice&, const GemmEngineChoice&) = default;
};

// The vector level of the GEMM kernels OpenBLAS runs for the core `core` (a name
// openblas_get_corename() returns, compared without regard to case): generic for SSE2/SSE3/SSSE3
// kernels, sse4 for the other 128-bit ones and Sandybridge's 256-bit kernels without FMA, avx2 for
// 256-bit FMA kernels (Haswell, Zen), avx512 for SkylakeX, Cooperlake and SapphireRapids.
// nullopt for a name that is not one of OpenBLAS's x86-64 cores (a newer OpenBLAS, another
// architecture).
std::optional<Isa> openblas_core_isa(std::string_view core);

// The engine for a CPU whose GEMM level is `cpu` when OpenBLAS runs its `openblas_core` kernels
// (empty: einspan is built without OpenBLAS). Eigen is chosen when its kernel for `cpu` (compiled
// for generic, avx2 or avx512) is at a higher level than OpenBLAS's kernels; OpenBLAS otherwise,
// also for a core name openblas_core_isa does not know. Pure; throws nothing.
GemmEngineChoice choose_gemm_engine(std::string_view openblas_core, Isa cpu);

// The engine of this process, as "openblas:<core>" (e.g. "openblas:Cooperlake") or
// "eigen:<level>" (e.g. "eigen:avx2"). Decides the engine if no GEMM has yet.
std::string gemm_engine_name();

// openblas_get_corename() (e.g. "Prescott" when OpenBLAS misdetects the CPU), or "" when einspan
// is built without OpenBLAS.
std::string openblas_core_name();

}  // namespace einspan
