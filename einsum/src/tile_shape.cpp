// The register tile's vector width on the avx512 level (tile_layout.hpp).
//
// The 8 x 3 tile runs with 256-bit or 512-bit vectors on avx512 (32 registers either way). Which is
// faster depends on the core's FMA units, so the rule goes by CPU:
//   AMD family 19h (Zen 4, the only avx512 cores of that family): 256. Zen 4 executes a 512-bit FMA
//     as two 256-bit halves on its two 256-bit pipes, so both widths have the same peak; the
//     narrower panel pads fewer columns and measured 0-15% faster (bench/argmin_bench, Zen 4 EPYC,
//     2 cores under load; bench/RESULTS.md has the table).
//   Everything else (Intel cores with two 512-bit FMA units, Zen 5): 512. A loop of independent
//     FMAs measured 79.5 GFLOP/s with 512-bit vectors against 39.5 with 256-bit ones on such an
//     Intel Xeon (issue #12) and 114 against 57.6 on Zen 5 (family 1Ah), where the 512-bit tile
//     ran ArgminPlan 1.2-1.8x faster than the 256-bit one (docs/einsum.md has the table).
// EINSPAN_TILE_BITS=256|512 overrides the rule (to measure both on one machine).
#include "tile_layout.hpp"
#include <cstdlib>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <string_view>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace einspan::detail {

namespace {

// True on an AMD CPU of family 19h (cpuid leaf 0 vendor, leaf 1 family).
bool amd_family_19h() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(0, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool amd = ebx == 0x68747541 && edx == 0x69746e65 && ecx == 0x444d4163;  // "AuthenticAMD"
  if (!amd || __get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  const unsigned base = (eax >> 8) & 0xf, extended = (eax >> 20) & 0xff;
  return (base == 0xf ? base + extended : base) == 0x19;
#else
  return false;
#endif
}

int choose_avx512_tile_bits() {
  if (const char* forced = std::getenv("EINSPAN_TILE_BITS"); forced != nullptr && *forced != '\0') {
    const std::string_view bits(forced);
    if (bits == "256") return 256;
    if (bits == "512") return 512;
    throw ValueError(fmt::format("EINSPAN_TILE_BITS={}: expected 256 or 512", bits));
  }
  return amd_family_19h() ? 256 : 512;
}

}  // namespace

int avx512_tile_bits() {
  static const int bits = choose_avx512_tile_bits();
  return bits;
}

}  // namespace einspan::detail
