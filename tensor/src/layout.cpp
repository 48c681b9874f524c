#include <cstdint>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/layout.hpp>

namespace einspan {

Dims row_major_strides(std::span<const index_t> shape) {
  Dims strides(shape.size());
  // Unsigned, so that the strides of an empty shape like (0, 2**40, 2**40), which are never
  // used, wrap instead of overflowing; allocations check their size first (check_allocation_size).
  std::uint64_t stride = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = static_cast<index_t>(stride);
    stride *= static_cast<std::uint64_t>(std::max<index_t>(shape[i], 1));
  }
  return strides;
}

Layout Layout::row_major(Dims shape) {
  Dims strides = row_major_strides(shape);
  return Layout{std::move(shape), std::move(strides), 0};
}

bool Layout::is_c_contiguous() const {
  if (size() == 0) return true;
  index_t expected = 1;
  for (std::size_t i = ndim(); i-- > 0;) {
    if (shape[i] == 1) continue;
    if (strides[i] != expected) return false;
    expected *= shape[i];
  }
  return true;
}

bool Layout::is_f_contiguous() const {
  if (size() == 0) return true;
  index_t expected = 1;
  for (std::size_t i = 0; i < ndim(); ++i) {
    if (shape[i] == 1) continue;
    if (strides[i] != expected) return false;
    expected *= shape[i];
  }
  return true;
}

std::size_t normalize_axis(index_t axis, std::size_t ndim) {
  const auto n = static_cast<index_t>(ndim);
  if (axis < -n || axis >= n)
    throw AxisError(fmt::format("axis {} is out of bounds for array of dimension {}", axis, ndim));
  return static_cast<std::size_t>(axis < 0 ? axis + n : axis);
}

Extent extent(const Layout& layout) {
  Extent e{layout.offset, layout.offset};
  if (layout.size() == 0) return e;
  for (std::size_t i = 0; i < layout.ndim(); ++i) {
    const index_t reach = (layout.shape[i] - 1) * layout.strides[i];
    (reach < 0 ? e.lo : e.hi) += reach;
  }
  return e;
}

}  // namespace einspan
