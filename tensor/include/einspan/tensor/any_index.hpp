#pragma once
// AnyIndex: one entry of an advanced index expression. Besides everything a basic Index holds
// (integers, slices, newaxis, ellipsis) it may hold an integer index array or a boolean mask, as in
// NumPy's a[idx], a[mask], a[:, idx], a[mask_rows, :]. Indexed<E> (indexed.hpp) is what such an
// expression returns; this file holds the index arithmetic, apart from any data movement.
#include <einspan/tensor/element.hpp>
#include <einspan/tensor/slice.hpp>
#include <memory>

namespace einspan {

template <Element E>
class Tensor;

// An index array as the indexing arithmetic reads it: integers as int64 (converted once, as NumPy
// converts them to intp), masks as bool, with the layout of the array they came from. Holding the
// buffer keeps it alive.
struct IndexArray {
  std::shared_ptr<const index_t> indices;  // set for an integer array
  std::shared_ptr<const bool> mask;        // set for a boolean mask
  Layout layout;
};

class AnyIndex {
 public:
  using Variant = std::variant<Index, IndexArray>;
  template <class X>
    requires std::constructible_from<Index, X>
  AnyIndex(X&& basic) : entry_(Index(std::forward<X>(basic))) {}
  // An integer array of any integer element type and any shape, or a boolean mask (defined in
  // indexed.hpp, where Tensor is complete).
  template <Element A>
  AnyIndex(const Tensor<A>& array);
  const Variant& entry() const { return entry_; }

 private:
  Variant entry_;
};

namespace detail {

// What an index expression with arrays selects from a layout. At each position p (in C order) of
// the broadcast index shape, the result holds one block of the source: the elements at buffer
// offset offsets[p] laid out as `block` (the axes that the basic entries keep). The result's shape
// is block.shape with index_shape inserted at index_axis: in place of the index arrays when they
// are adjacent in the expression, first when they are separated by a slice, newaxis or ellipsis
// (NumPy's rule). Integers count as 0-d index arrays once any array is present, as in NumPy.
struct AdvancedPlan {
  Dims shape;
  Dims index_shape;
  std::size_t index_axis = 0;
  Layout block;  // offset 0: each block starts at its entry of offsets
  // One per index position, C order over index_shape. A tensor buffer rather than a vector: large
  // buffers are reused across calls (storage.hpp), which spares a[mask] = 0 on 8M elements the
  // page faults of a fresh 32 MB array each time.
  std::shared_ptr<index_t> offsets;
  index_t positions = 0;
  std::span<const index_t> offset_list() const { return {offsets.get(), static_cast<std::size_t>(positions)}; }

  // Set instead of offsets for a lone boolean mask over leading axes that fuse into evenly strided
  // rows (a[mask], data[labels == i], a[mask] = 0): row r starts at row_base + r * row_stride and is
  // selected when mask_rows[r]. The data movement then walks the mask once, with no offset list.
  std::shared_ptr<const bool> mask_rows;  // contiguous, `rows` entries; positions of them are true
  index_t rows = 0;
  index_t row_base = 0;
  index_t row_stride = 0;
};

// Throws IndexError for an index out of range ("index 5 is out of bounds for axis 0 with size 3",
// negative indices wrap), a mask whose shape does not match the axes it indexes, too many indices
// or a second ellipsis; ShapeError when the index arrays do not broadcast together; ValueError for
// a zero slice step.
AdvancedPlan plan_advanced_index(const Layout& layout, std::span<const AnyIndex> indices);

}  // namespace detail

}  // namespace einspan
