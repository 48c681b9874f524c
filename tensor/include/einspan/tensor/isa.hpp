#pragma once
// TEMPORARY stand-in for the SIMD foundation's header (issue #12), so that the GEMM engine can be
// written before it lands on main; replaced by the foundation's file at the merge.
#include <string_view>

namespace einspan {

enum class Isa { generic, sse4, avx2, avx512 };

inline Isa active_isa() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw"))
    return Isa::avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::avx2;
  if (__builtin_cpu_supports("sse4.2")) return Isa::sse4;
#endif
  return Isa::generic;
}

inline std::string_view isa_name(Isa isa) {
  switch (isa) {
    case Isa::generic: return "generic";
    case Isa::sse4: return "sse4";
    case Isa::avx2: return "avx2";
    case Isa::avx512: return "avx512";
  }
  return "generic";
}

}  // namespace einspan
