#include <algorithm>
#include <cstddef>
#include <einspan/tensor/dims.hpp>
#include <einspan/tensor/error.hpp>
#include <limits>

namespace einspan {

namespace {
std::string format_tuple(std::span<const index_t> shape, const char* separator) {
  if (shape.size() == 1) return fmt::format("({},)", shape[0]);
  return fmt::format("({})", fmt::join(shape, separator));
}
}  // namespace

std::string format_shape(std::span<const index_t> shape) { return format_tuple(shape, ", "); }

std::string format_shape_compact(std::span<const index_t> shape) { return format_tuple(shape, ","); }

void detail::check_allocation_size(std::span<const index_t> shape, std::size_t element_bytes) {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return;
  index_t bytes = static_cast<index_t>(element_bytes);
  for (const index_t d : shape)
    if (__builtin_mul_overflow(bytes, d, &bytes))
      throw ValueError(fmt::format("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum "
                                   "possible size (shape {}, {} bytes per element)",
                                   format_shape(shape), element_bytes));
}

}  // namespace einspan
