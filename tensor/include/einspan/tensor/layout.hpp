#pragma once
// Layout: how a tensor's logical indices map to offsets in its buffer, as (shape, strides, offset)
// with strides counted in elements. Every view operation is a pure function Layout -> Layout
// (see slice.hpp, reshape.hpp, permute.hpp, broadcast.hpp); Tensor<T> only adds the buffer.
#include <einspan/tensor/dims.hpp>

namespace einspan {

struct Layout {
  Dims shape;
  Dims strides;
  index_t offset = 0;

  std::size_t ndim() const { return shape.size(); }
  index_t size() const { return shape_size(shape); }

  // Row-major (C order) layout of a fresh buffer with this shape.
  static Layout row_major(Dims shape);

  // True if elements are laid out in C order without gaps (size-1 dimensions may have any stride).
  bool is_c_contiguous() const;
  // True if elements are laid out in Fortran order without gaps.
  bool is_f_contiguous() const;

  friend bool operator==(const Layout&, const Layout&) = default;
};

// C-order strides for a shape, in elements.
Dims row_major_strides(std::span<const index_t> shape);

// Maps a possibly negative axis into [0, ndim); throws AxisError
// "axis 3 is out of bounds for array of dimension 2".
std::size_t normalize_axis(index_t axis, std::size_t ndim);

// Smallest and largest buffer offsets the layout touches (offset, offset) for empty layouts,
// so that two views of one buffer can be tested for overlap.
struct Extent {
  index_t lo;
  index_t hi;
};
Extent extent(const Layout& layout);

}  // namespace einspan
