#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan {

std::string format_spec_error(std::string_view spec, const SpecError& error) {
  const auto at = static_cast<std::size_t>(error.position);
  if (at < spec.size())
    return fmt::format("einsum spec \"{}\": {} ('{}' at position {})", detail::printable_excerpt(spec), describe(error.kind),
                       detail::printable_excerpt(spec.substr(at, 1)), at);
  return fmt::format("einsum spec \"{}\": {} (at position {})", detail::printable_excerpt(spec), describe(error.kind), at);
}

ParsedSpec parse_spec_or_throw(std::string_view spec, std::size_t operand_count) {
  ParsedSpec parsed = parse_spec(spec);
  if (!parsed.ok()) throw ValueError(format_spec_error(spec, parsed.error));
  if (static_cast<std::size_t>(parsed.input_count) != operand_count)
    throw ValueError(fmt::format("einsum spec \"{}\": {} comma-separated term{} but {} operand{} given", detail::printable_excerpt(spec),
                                 parsed.input_count, parsed.input_count == 1 ? "" : "s", operand_count,
                                 operand_count == 1 ? "" : "s"));
  return parsed;
}

namespace detail {
void einsum_spec_error_at_compile_time(const char* message) { throw ValueError(message); }
}  // namespace detail

}  // namespace einspan
