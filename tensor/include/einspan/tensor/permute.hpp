#pragma once
// View operations that move, add, remove or fuse axes without touching data.
#include <einspan/tensor/layout.hpp>
#include <string_view>

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
// The given axes reversed (np.flip): each stride negated and the offset moved to the axis's
// last element. Throws AxisError, and ValueError "repeated axis".
Layout flip_layout(const Layout& layout, std::span<const index_t> axes);
// Every axis reversed (np.flip without axis).
Layout flip_layout(const Layout& layout);
// Axes `source` moved to positions `destination`, the others kept in order (np.moveaxis).
// Throws AxisError "source: axis 3 is out of bounds for array of dimension 2", ValueError
// "repeated axis in `source` argument" and "`source` and `destination` arguments must have the
// same number of elements".
Layout moveaxis_layout(const Layout& layout, std::span<const index_t> source, std::span<const index_t> destination);

namespace detail {
// Axes mapped into [0, ndim) (NumPy's normalize_axis_tuple). `argument` names the argument in
// the messages when not empty: AxisError "source: axis 3 is out of bounds for array of
// dimension 2", ValueError "repeated axis in `source` argument" (else "repeated axis").
Dims normalize_axes(std::span<const index_t> axes, std::size_t ndim, std::string_view argument = {});
}  // namespace detail

}  // namespace einspan
