#include <einspan/tensor/error.hpp>
#include <einspan/tensor/rearrange.hpp>

namespace einspan::detail {

Dims roll_shifts(const Dims& shape, std::span<const index_t> shifts, std::span<const index_t> axes) {
  const std::size_t count = std::max(shifts.size(), axes.size());
  if ((shifts.size() != count && shifts.size() != 1) || (axes.size() != count && axes.size() != 1))
    throw ValueError(fmt::format("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                                 "between arg 0 with shape ({},) and arg 1 with shape ({},).",
                                 shifts.size(), axes.size()));
  Dims total(shape.size(), 0);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t axis = normalize_axis(axes[axes.size() == 1 ? 0 : k], shape.size());
    total[axis] += shifts[shifts.size() == 1 ? 0 : k];
  }
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const index_t n = shape[i];
    // Python's modulo: the result has the sign of n, so a left shift becomes a right one.
    total[i] = n == 0 ? 0 : ((total[i] % n) + n) % n;
  }
  return total;
}

}  // namespace einspan::detail
