#pragma once
// reshape as NumPy does it: a view whenever the existing strides can express the new shape,
// otherwise the caller must copy. One dimension may be -1 and is inferred.
#include <einspan/tensor/layout.hpp>
#include <optional>

namespace einspan {

// The shape with its -1 (at most one) replaced by the inferred size. Throws ShapeError
// "cannot reshape array of size 8 into shape (3,3)" when sizes disagree.
Dims resolve_reshape(index_t size, std::span<const index_t> new_shape);

// The layout of `layout` viewed with `new_shape` (already resolved), or nullopt when no strides
// can describe it without copying (NumPy's _attempt_nocopy_reshape, C order).
std::optional<Layout> reshape_view(const Layout& layout, std::span<const index_t> new_shape);

namespace detail {

// resolve_reshape writing into `shape` (which must not alias new_shape); allocates nothing for
// ranks up to 8. Same errors.
void resolve_reshape_into(index_t size, std::span<const index_t> new_shape, Dims& shape);

// reshape_view in place: `out.shape` already holds the resolved new shape; fills out.strides and
// out.offset and returns true, or returns false when a copy is needed. Tensor::reshape builds the
// view's layout inside the new Tensor this way, so that no Layout is copied or moved.
bool reshape_into(const Layout& layout, Layout& out);

}  // namespace detail

}  // namespace einspan
