#pragma once
// NumPy's broadcasting rules: shapes are aligned on the right, a missing dimension counts as 1,
// a dimension of 1 stretches to match, any other mismatch fails.
#include <einspan/tensor/layout.hpp>
#include <initializer_list>
#include <vector>

namespace einspan {

// The broadcast shape of all operands. Throws ShapeError
// "operands could not be broadcast together with shapes (4,3) (1,4)".
Dims broadcast_shapes(std::span<const Dims> shapes);
Dims broadcast_shapes(std::initializer_list<Dims> shapes);

// `layout` stretched to `shape` with zero strides on the stretched dimensions (a view).
// Throws ShapeError "cannot broadcast array of shape (3,) to shape (4,4)".
Layout broadcast_layout(const Layout& layout, std::span<const index_t> shape);

}  // namespace einspan
