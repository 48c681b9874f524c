#pragma once
// Basic indexing, NumPy style: integers, start:stop:step slices, newaxis and ellipsis.
//
//   NumPy            einspan
//   a[::2]           a[{slice(_, _, 2)}]
//   a[1:3]           a[{slice(1, 3)}]
//   a[::-1]          a[{slice(_, _, -1)}]
//   a[:, None]       a[{_, newaxis}]
//   a[..., 0]        a[{ellipsis, 0}]
//   a[2]             a[2]
//
// `_` stands for an omitted bound, and on its own for the full slice `:`.
#include <concepts>
#include <einspan/tensor/layout.hpp>
#include <optional>
#include <span>
#include <variant>

namespace einspan {

struct All {};
// An omitted slice bound, or on its own the full slice `:`.
inline constexpr All _{};

struct NewAxis {};
inline constexpr NewAxis newaxis{};

struct Ellipsis {};
inline constexpr Ellipsis ellipsis{};

// A slice bound: an integer or `_` (omitted).
struct Bound {
  std::optional<index_t> value;
  constexpr Bound(All) {}
  template <std::integral I>
  constexpr Bound(I i) : value(static_cast<index_t>(i)) {}
};

struct Slice {
  std::optional<index_t> start;
  std::optional<index_t> stop;
  index_t step = 1;
};

// slice(start, stop, step) mirrors Python's start:stop:step; any bound may be `_`.
constexpr Slice slice(Bound start, Bound stop, index_t step = 1) {
  return Slice{start.value, stop.value, step};
}

// One entry of an index expression.
class Index {
 public:
  using Variant = std::variant<index_t, Slice, NewAxis, Ellipsis>;
  template <std::integral I>
  constexpr Index(I i) : entry_(static_cast<index_t>(i)) {}
  constexpr Index(Slice s) : entry_(s) {}
  constexpr Index(All) : entry_(Slice{}) {}
  constexpr Index(NewAxis n) : entry_(n) {}
  constexpr Index(Ellipsis e) : entry_(e) {}
  const Variant& entry() const { return entry_; }

 private:
  Variant entry_;
};

// The layout selected by `indices`; never copies. Throws IndexError for an integer out of range
// or too many indices, ValueError for a zero step or a second ellipsis.
Layout apply_indices(const Layout& layout, std::span<const Index> indices);

namespace detail {
// apply_indices writing into `out`, which must be empty (default-constructed Layout); Tensor's
// indexing builds the view's layout in place this way. Same errors.
void apply_indices_into(const Layout& layout, std::span<const Index> indices, Layout& out);
}  // namespace detail

// Start, length and step of a slice over a dimension of size n, with Python's clamping rules.
struct SliceRange {
  index_t start;
  index_t length;
  index_t step;
};
SliceRange resolve_slice(const Slice& slice, index_t n);

}  // namespace einspan
