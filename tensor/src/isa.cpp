#include <einspan/tensor/error.hpp>
#include <einspan/tensor/isa.hpp>
#include <array>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hwy/targets.h>

namespace einspan {

namespace {

constexpr std::array<Isa, 4> all_levels{Isa::generic, Isa::sse4, Isa::avx2, Isa::avx512};

// The Highway targets of each level and above; Highway's target bits are smaller for better
// targets. On other architectures every target counts as generic.
std::uint32_t highway_targets_above(Isa level) {
#if HWY_ARCH_X86
  switch (level) {
    case Isa::generic:
      return HWY_SSSE3 | HWY_SSE4 | HWY_AVX2 | HWY_AVX3 | HWY_AVX3_DL;
    case Isa::sse4:
      return HWY_AVX2 | HWY_AVX3 | HWY_AVX3_DL;
    case Isa::avx2:
      return HWY_AVX3 | HWY_AVX3_DL;
    case Isa::avx512:
      return 0;
  }
#endif
  (void)level;
  return 0;
}

bool cpu_supports(std::uint32_t cpu_targets, Isa level) {
#if HWY_ARCH_X86
  switch (level) {
    case Isa::generic:
      return true;
    case Isa::sse4:
      return (cpu_targets & HWY_SSE4) != 0;
    case Isa::avx2:
      return (cpu_targets & HWY_AVX2) != 0;
    case Isa::avx512:
      return (cpu_targets & HWY_AVX3) != 0;
  }
#endif
  return level == Isa::generic;
}

// No heap: the first dispatched kernel may run inside an out-form call that promises no allocation.
struct Choice {
  std::array<bool, all_levels.size()> supported{};
  Isa active = Isa::generic;
};

std::vector<std::string_view> supported_names(const Choice& choice) {
  std::vector<std::string_view> names;
  for (Isa level : all_levels)
    if (choice.supported[static_cast<std::size_t>(level)]) names.push_back(isa_name(level));
  return names;
}

Choice choose() {
  // Read before anything is disabled: what the CPU itself supports.
  const auto cpu_targets = static_cast<std::uint32_t>(hwy::SupportedTargets());
  Choice choice;
  for (Isa level : all_levels) {
    choice.supported[static_cast<std::size_t>(level)] = cpu_supports(cpu_targets, level);
    if (choice.supported[static_cast<std::size_t>(level)]) choice.active = level;
  }
  if (const char* forced = std::getenv("EINSPAN_ISA"); forced != nullptr && *forced != '\0') {
    bool found = false;
    for (Isa level : all_levels) {
      if (isa_name(level) != forced) continue;
      if (!cpu_supports(cpu_targets, level))
        throw ValueError(fmt::format("EINSPAN_ISA={}: this CPU supports only {}", forced,
                                     fmt::join(supported_names(choice), ", ")));
      choice.active = level;
      found = true;
    }
    if (!found)
      throw ValueError(fmt::format("EINSPAN_ISA={}: not a level; expected one of {}", forced,
                                   fmt::join(supported_names(choice), ", ")));
  }
  if (const std::uint32_t above = highway_targets_above(choice.active)) hwy::DisableTargets(above);
  return choice;
}

const Choice& chosen() {
  static const Choice choice = choose();
  return choice;
}

}  // namespace

Isa active_isa() { return chosen().active; }

std::vector<Isa> supported_isas() {
  std::vector<Isa> levels;
  for (Isa level : all_levels)
    if (chosen().supported[static_cast<std::size_t>(level)]) levels.push_back(level);
  return levels;
}

std::string_view isa_name(Isa level) {
  switch (level) {
    case Isa::generic:
      return "generic";
    case Isa::sse4:
      return "sse4";
    case Isa::avx2:
      return "avx2";
    case Isa::avx512:
      return "avx512";
  }
  return "unknown";
}

}  // namespace einspan
