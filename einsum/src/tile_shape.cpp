// The register tile's vector width on the avx512 level (tile_layout.hpp).
#include "tile_layout.hpp"
#include <cstdlib>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <string_view>

namespace einspan::detail {

namespace {

int choose_avx512_tile_bits() {
  if (const char* forced = std::getenv("EINSPAN_TILE_BITS"); forced != nullptr && *forced != '\0') {
    const std::string_view bits(forced);
    if (bits == "256") return 256;
    if (bits == "512") return 512;
    throw ValueError(fmt::format("EINSPAN_TILE_BITS={}: expected 256 or 512", bits));
  }
  return 512;
}

}  // namespace

int avx512_tile_bits() {
  static const int bits = choose_avx512_tile_bits();
  return bits;
}

}  // namespace einspan::detail
