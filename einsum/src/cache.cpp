// The string entry point's plan cache, and the checks EinsumPlan makes before running a program.
#include "program.hpp"

#include <einspan/einsum/element.hpp>
#include <einspan/tensor/error.hpp>
#include <mutex>
#include <unordered_map>

namespace einspan::detail {

std::shared_ptr<const Program> compile_shared(std::string_view spec, std::span<const Layout* const> inputs,
                                              std::span<const index_t> out_strides, bool allow_gemm) {
  return std::make_shared<const Program>(compile_program(spec, inputs, out_strides, allow_gemm));
}

void check_plan_shapes(const Program& program, std::span<const Layout* const> inputs, const Layout& out) {
  bool same = inputs.size() == program.inputs.size() && out.shape == program.out.shape;
  for (std::size_t k = 0; same && k < inputs.size(); ++k) same = inputs[k]->shape == program.inputs[k].shape;
  if (same) return;
  std::string compiled, given;
  // Appended piecewise: `" " + string` trips g++ 12's -Wrestrict false positive.
  for (const Layout& l : program.inputs) compiled.append(" ").append(format_shape_compact(l.shape));
  for (const Layout* l : inputs) given.append(" ").append(format_shape_compact(l->shape));
  throw ShapeError(fmt::format(
      "EinsumPlan for \"{}\" was compiled for operands{} and output {}, called with operands{} and output {}",
      program.spec, compiled, format_shape_compact(program.out.shape), given, format_shape_compact(out.shape)));
}

void throw_out_overlaps(std::string_view spec, std::size_t operand) {
  throw ValueError(fmt::format("einsum \"{}\": out shares its buffer with operand {}; pass a separate output", spec,
                               operand));
}

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  // 64-bit FNV-1a step over a whole word, then a multiply to spread it.
  h ^= v;
  return h * 0x100000001b3ULL;
}

std::uint64_t key_hash(std::string_view spec, std::span<const Layout* const> inputs) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : spec) h = mix(h, static_cast<unsigned char>(c));
  for (const Layout* l : inputs) {
    h = mix(h, l->ndim());
    for (const index_t d : l->shape) h = mix(h, static_cast<std::uint64_t>(d));
    for (const index_t s : l->strides) h = mix(h, static_cast<std::uint64_t>(s));
  }
  return h;
}

// Bounded so that a program feeding ever-new shapes cannot grow it without limit.
constexpr std::size_t cache_capacity = 1024;

}  // namespace

template <class T>
std::shared_ptr<const Program> cached_program(std::string_view spec, std::span<const Layout* const> inputs) {
  static std::mutex mutex;
  static std::unordered_multimap<std::uint64_t, std::shared_ptr<const Program>> cache;
  const std::uint64_t h = key_hash(spec, inputs);
  {
    const std::lock_guard lock(mutex);
    const auto [first, last] = cache.equal_range(h);
    for (auto it = first; it != last; ++it)
      if (it->second->spec == spec && program_matches(*it->second, inputs, nullptr)) return it->second;
  }
  // Compile outside the lock: two threads may both compile a new key; the second insert is harmless.
  auto program = compile_shared(spec, inputs, {}, std::is_floating_point_v<T>);
  const std::lock_guard lock(mutex);
  if (cache.size() >= cache_capacity) cache.clear();
  cache.emplace(h, program);
  return program;
}

#define EINSPAN_DEFINE_CACHED_PROGRAM(T) \
  template std::shared_ptr<const Program> cached_program<T>(std::string_view, std::span<const Layout* const>);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DEFINE_CACHED_PROGRAM)
#undef EINSPAN_DEFINE_CACHED_PROGRAM

}  // namespace einspan::detail
