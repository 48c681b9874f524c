#pragma once
// The instruction-set level einspan's kernels run at.
//
// einspan's hot kernels (the register tile behind einsum and k-means, the reductions, the
// transposed copy, the one-hot SpMM, ...) are compiled once per level and one is chosen at run
// time, so a library built on one machine runs at full speed on a newer one and still runs on an
// older one. NumPy, OpenBLAS and simdjson do the same.
//
//   level    x86-64 name   what it adds
//   generic  x86-64        portable C++ (SSE2 on x86-64)
//   sse4     x86-64-v2     SSE4.1/4.2, POPCNT
//   avx2     x86-64-v3     AVX2, FMA, BMI2 (256-bit vectors)
//   avx512   x86-64-v4     AVX-512 F/VL/DQ/BW (512-bit vectors, 32 registers)
//
// The level is chosen once, at the first call of a dispatched kernel: the best one the CPU
// supports, or the lower one that the environment variable EINSPAN_ISA names (generic, sse4, avx2,
// avx512), to reproduce a report from an older machine or test every kernel on this one.
#include <string_view>
#include <vector>

namespace einspan {

enum class Isa { generic, sse4, avx2, avx512 };

// The level the kernels use in this process. Throws ValueError, on the first call only, when
// EINSPAN_ISA names no level or one this CPU does not support.
Isa active_isa();

// The levels this CPU supports, lowest first (always starts with generic).
std::vector<Isa> supported_isas();

// "generic", "sse4", "avx2" or "avx512".
std::string_view isa_name(Isa level);

}  // namespace einspan
