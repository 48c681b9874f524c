#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan::detail {

std::string printable_excerpt(std::string_view text, std::size_t limit) {
  const bool cut = text.size() > 2 * limit;
  std::string out;
  for (const char c : cut ? text.substr(0, limit) : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", byte);
    }
  }
  if (cut) out += fmt::format("... ({} characters)", text.size());
  return out;
}

}  // namespace einspan::detail
