#include <cmath>
#include <einspan/tensor/detail/float_to_integer.hpp>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>

namespace einspan::detail {

void throw_float_to_integer_error(double value, bool to_signed, int to_bits) {
  if (std::isnan(value)) throw ValueError("cannot convert float NaN to integer");
  if (std::isinf(value)) throw ValueError("cannot convert float infinity to integer");
  throw ValueError(fmt::format("cannot convert {} to {}int{}: out of range", value, to_signed ? "" : "u", to_bits));
}

}  // namespace einspan::detail
