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

}  // namespace einspan
