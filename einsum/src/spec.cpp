#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan {

namespace {

// The spec as a message shows it: bytes other than printable ASCII as \xNN, so that a NUL cannot
// cut the message short (what() is a C string) and control bytes do not reach the terminal.
std::string printable(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c >= 0x20 && c < 0x7f) out += c;
    else out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
  }
  return out;
}

}  // namespace

std::string format_spec_error(std::string_view spec, const SpecError& error) {
  const auto at = static_cast<std::size_t>(error.position);
  if (at < spec.size())
    return fmt::format("einsum spec \"{}\": {} ('{}' at position {})", printable(spec), describe(error.kind),
                       printable(spec.substr(at, 1)), at);
  return fmt::format("einsum spec \"{}\": {} (at position {})", printable(spec), describe(error.kind), at);
}

ParsedSpec parse_spec_or_throw(std::string_view spec, std::size_t operand_count) {
  ParsedSpec parsed = parse_spec(spec);
  if (!parsed.ok()) throw ValueError(format_spec_error(spec, parsed.error));
  if (static_cast<std::size_t>(parsed.input_count) != operand_count)
    throw ValueError(fmt::format("einsum spec \"{}\": {} comma-separated term{} but {} operand{} given", spec,
                                 parsed.input_count, parsed.input_count == 1 ? "" : "s", operand_count,
                                 operand_count == 1 ? "" : "s"));
  return parsed;
}

namespace detail {
void einsum_spec_error_at_compile_time(const char* message) { throw ValueError(message); }
}  // namespace detail

}  // namespace einspan
