#pragma once
// NumPy's broadcasting rules: shapes are aligned on the right, a missing dimension counts as 1,
// a dimension of 1 stretches to match, any other mismatch fails.
#include <einspan/tensor/layout.hpp>
#include <initializer_list>
#include <vector>

namespace einspan {

// The broadcast shape of all operands. Throws ShapeError
// "operands could not be broadcast together with shapes (4,3) (1,4)", and ValueError for a
// negative dimension.
Dims broadcast_shapes(std::span<const Dims> shapes);
Dims broadcast_shapes(std::initializer_list<Dims> shapes);

// `layout` stretched to `shape` with zero strides on the stretched dimensions (a view).
// Throws ShapeError "cannot broadcast array of shape (3,) to shape (4,4)", ValueError for a
// negative dimension in `shape`.
Layout broadcast_layout(const Layout& layout, std::span<const index_t> shape);

// The right-hand side of an assignment `target[...] = value` stretched to the target's shape:
// as broadcast_layout, but leading dimensions of size 1 beyond the target's rank are dropped
// (NumPy's setitem accepts a (1, 3) value for a (3,) target). Throws ShapeError "could not
// broadcast input array from shape (2,) into shape (3,)".
Layout broadcast_assignment_layout(const Layout& value, std::span<const index_t> shape);

}  // namespace einspan
