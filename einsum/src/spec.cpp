#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan {

namespace {

// Text from the user as a message shows it: bytes outside printable ASCII as \xNN, and a long
// spec cut after its first 100 characters, so that a megabyte of spec is not a megabyte of message.
std::string printable(std::string_view text) {
  constexpr std::size_t shown = 100;
  std::string out;
  for (const char c : text.substr(0, text.size() > 2 * shown ? shown : text.size())) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  if (text.size() > 2 * shown) out += fmt::format("... ({} characters)", text.size());
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
    throw ValueError(fmt::format("einsum spec \"{}\": {} comma-separated term{} but {} operand{} given", printable(spec),
                                 parsed.input_count, parsed.input_count == 1 ? "" : "s", operand_count,
                                 operand_count == 1 ? "" : "s"));
  return parsed;
}

namespace detail {
void einsum_spec_error_at_compile_time(const char* message) { throw ValueError(message); }
}  // namespace detail

}  // namespace einspan
