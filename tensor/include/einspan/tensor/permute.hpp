#pragma once
// View operations that move, add, remove or fuse axes without touching data.
#include <einspan/tensor/layout.hpp>

namespace einspan {

// Axes reversed (a.T).
Layout transpose_layout(const Layout& layout);
// Axes permuted: result axis i is input axis axes[i]. Throws AxisError/ValueError
// ("axes don't match array", "repeated axis in transpose").
Layout transpose_layout(const Layout& layout, std::span<const index_t> axes);
// Every size-1 axis removed.
Layout squeeze_layout(const Layout& layout);
// The given size-1 axis removed; ValueError if its size is not 1.
Layout squeeze_layout(const Layout& layout, index_t axis);
// A size-1 axis inserted so that it becomes axis `axis` of the result (negative counts from the end).
Layout expand_dims_layout(const Layout& layout, index_t axis);
// The diagonal of axes (axis1, axis2) with the given offset, appended as the last axis (NumPy's order).
Layout diagonal_layout(const Layout& layout, index_t offset, index_t axis1, index_t axis2);
// Axes a and b swapped.
Layout swapaxes_layout(const Layout& layout, index_t a, index_t b);

}  // namespace einspan
