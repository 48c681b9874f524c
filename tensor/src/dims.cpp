#include <einspan/tensor/dims.hpp>

namespace einspan {

namespace {
std::string format_tuple(std::span<const index_t> shape, const char* separator) {
  if (shape.size() == 1) return fmt::format("({},)", shape[0]);
  return fmt::format("({})", fmt::join(shape, separator));
}
}  // namespace

std::string format_shape(std::span<const index_t> shape) { return format_tuple(shape, ", "); }

std::string format_shape_compact(std::span<const index_t> shape) { return format_tuple(shape, ","); }

}  // namespace einspan
