#pragma once
// Tensor<T>: a strided view over a shared, 64-byte aligned buffer, with NumPy's memory model.
//
// A Tensor is a handle, like a NumPy array object: copying a Tensor copies the handle, not the
// data, and every view (slicing, reshape, transpose, broadcast_to...) shares the buffer and keeps
// it alive. Constness is shallow, as for std::span: a const Tensor& can still write its elements.
// Writes through a view are visible through every other view of the same buffer. Use copy() or
// contiguous() when a private copy is wanted.
//
// Assignment follows Python: `v = other` on a named handle rebinds it (no element changes), and
// assigning to a temporary view writes its elements, as NumPy's `a[...] = x`:
//
//   NumPy                  einspan
//   a[:, 1] = b            a[{_, 1}] = b              (b broadcasts to the view's shape)
//   a[1:3] = 0             a[{slice(1, 3)}] = 0.0
//   a[..., 0] = a[..., 1]  a[{ellipsis, 0}] = a[{ellipsis, 1}]   (overlap: read as if copied first)
//   a.T[...] = b           a.T() = b
//   a[mask] = 0, a[idx] = v   see indexed.hpp
//
// Every other spelling either writes or does not compile: a scalar or a tensor of another element
// type assigned to a named Tensor, and any write to a const temporary (what select, take, copy and
// astype return: fresh copies, so writing them would change nothing), fail with a message that
// says what to write instead.
#include <einspan/tensor/broadcast.hpp>
#include <einspan/tensor/detail/copy.hpp>
#include <einspan/tensor/detail/storage.hpp>
#include <einspan/tensor/element.hpp>
#include <einspan/tensor/error.hpp>
#include <einspan/tensor/permute.hpp>
#include <einspan/tensor/promote.hpp>
#include <einspan/tensor/reshape.hpp>
#include <einspan/tensor/slice.hpp>
#include <einspan/tensor/any_index.hpp>
#include <initializer_list>
#include <iterator>
#include <vector>

namespace einspan {

template <Element E>
class Indexed;

namespace detail {
template <class>
inline constexpr bool dependent_false_v = false;
}  // namespace detail

template <Element E>
class Tensor {
 public:
  using value_type = E;
  class iterator;

  // An empty 1-d tensor of shape (0,).
  Tensor() : Tensor(detail::allocate_buffer<E>(0), Layout::row_major({0})) {}

  // A view of `buffer` (its first element is offset 0) described by `layout`. The caller
  // guarantees that every offset the layout reaches lies inside the buffer.
  Tensor(std::shared_ptr<E> buffer, Layout layout) : buffer_(std::move(buffer)), layout_(std::move(layout)) {}

  // Nested initializer lists, as np.array([[1, 2], [3, 4]]). Ragged lists throw ShapeError.
  Tensor(std::initializer_list<E> values) : Tensor(fresh({static_cast<index_t>(values.size())})) {
    std::copy(values.begin(), values.end(), data());
  }
  Tensor(std::initializer_list<std::initializer_list<E>> rows) : Tensor(fresh(nested_shape(rows))) {
    E* out = data();
    for (const auto& row : rows) out = std::copy(row.begin(), row.end(), out);
  }
  Tensor(std::initializer_list<std::initializer_list<std::initializer_list<E>>> planes)
      : Tensor(fresh(nested_shape(planes))) {
    E* out = data();
    for (const auto& plane : planes)
      for (const auto& row : plane) out = std::copy(row.begin(), row.end(), out);
  }

  Tensor(const Tensor&) = default;
  Tensor(Tensor&&) noexcept = default;
  ~Tensor() = default;

  // ---- assignment (see the file comment) --------------------------------------------------
  // A named handle rebinds, as Python's `v = other`.
  Tensor& operator=(const Tensor&) & = default;
  Tensor& operator=(Tensor&&) & noexcept = default;
  // A temporary view writes its elements: `a[{_, 1}] = b` is NumPy's a[:, 1] = b. src broadcasts
  // to this shape (ShapeError otherwise) and is converted as NumPy's setitem does (unsafe cast).
  void operator=(const Tensor& src) && { assign(src); }
  template <Element U>
  void operator=(const Tensor<U>& src) && {
    assign(src);
  }
  // `a[{slice(1, 3)}] = 0.0` fills the view. An integer scalar that E cannot hold throws
  // ValueError, as NumPy 2's OverflowError.
  template <Scalar S>
  void operator=(S value) && {
    fill_elements(detail::scalar_as<E>(value));
  }
  template <class X>
    requires(!std::derived_from<std::remove_cvref_t<X>, Tensor>)
  void operator=(X&&) & {
    static_assert(detail::dependent_false_v<X>,
                  "einspan: `v = x` on a named Tensor rebinds the handle (Python's v = x), and only a "
                  "Tensor of the same element type can be bound. To write elements, as NumPy's v[...] = x, "
                  "write v[ellipsis] = x or v.fill(x); to convert, write x.template astype<T>().");
  }
  template <class X>
  void operator=(const X&) const&& {
    static_assert(detail::dependent_false_v<X>,
                  "einspan: this is a fresh copy (select, take, copy and astype return one, as const), so "
                  "writing it would change nothing. To write into a, as NumPy's a[mask] = v or a[idx] = v, "
                  "write exactly that: a[mask] = v, a[idx] = v.");
  }

  // A fresh, uninitialised C-contiguous tensor of the given shape.
  static Tensor fresh(Dims shape) {
    if (std::any_of(shape.begin(), shape.end(), [](index_t d) { return d < 0; }))
      throw ValueError(fmt::format("negative dimensions are not allowed: {}", format_shape(shape)));
    detail::check_allocation_size(shape, sizeof(E));
    Layout layout = Layout::row_major(std::move(shape));
    // Sized before the call: argument evaluation order is unspecified, and the Layout parameter
    // may be move-constructed (emptying `layout`) before allocate_buffer's argument is computed.
    const index_t n = layout.size();
    return Tensor(detail::allocate_buffer<E>(n), std::move(layout));
  }

  // ---- shape and memory -------------------------------------------------------------------
  const Layout& layout() const { return layout_; }
  const Dims& shape() const { return layout_.shape; }
  const Dims& strides() const { return layout_.strides; }  // in elements, not bytes
  index_t offset() const { return layout_.offset; }
  std::size_t ndim() const { return layout_.ndim(); }
  index_t size() const { return layout_.size(); }
  // Size of one axis; negative axes count from the end.
  index_t dim(index_t axis) const { return layout_.shape[normalize_axis(axis, ndim())]; }
  bool is_contiguous() const { return layout_.is_c_contiguous(); }
  // Address of the element at index (0, 0, ...); for an empty tensor, somewhere in its buffer.
  E* data() const { return buffer_.get() + layout_.offset; }
  // The owning buffer; two tensors with the same buffer() are views of one allocation.
  const std::shared_ptr<E>& buffer() const { return buffer_; }

  // ---- element access ---------------------------------------------------------------------
  // t(i, j, ...): one index per axis, negative ones not allowed. Bounds are checked unless NDEBUG
  // (use at() for an always-checked access); the number of indices is always checked.
  template <std::integral... I>
  E& operator()(I... indices) const {
    check_rank(sizeof...(I));
#ifndef NDEBUG
    return at(indices...);
#else
    const index_t idx[] = {static_cast<index_t>(indices)..., 0};
    index_t off = layout_.offset;
    for (std::size_t k = 0; k < sizeof...(I); ++k) off += idx[k] * layout_.strides[k];
    return buffer_.get()[off];
#endif
  }
  // Checked access; negative indices count from the end. Throws IndexError.
  template <std::integral... I>
  E& at(I... indices) const {
    check_rank(sizeof...(I));
    const index_t idx[] = {static_cast<index_t>(indices)..., 0};
    index_t off = layout_.offset;
    for (std::size_t k = 0; k < sizeof...(I); ++k) {
      index_t i = idx[k];
      const index_t n = layout_.shape[k];
      if (i < -n || i >= n)
        throw IndexError(fmt::format("index {} is out of bounds for axis {} with size {}", i, k, n));
      if (i < 0) i += n;
      off += i * layout_.strides[k];
    }
    return buffer_.get()[off];
  }
  // The only element of a size-1 tensor (NumPy's item()).
  E& item() const {
    if (size() != 1)
      throw ValueError(fmt::format("can only convert an array of size 1 to a scalar, got shape {}",
                                   format_shape(shape())));
    return *data();
  }

  // ---- views (never copy) -----------------------------------------------------------------
  // Basic indexing: t[{slice(_, _, 2)}], t[{_, newaxis}], t[{ellipsis, 0}], t[3]. See slice.hpp.
  Tensor operator[](std::initializer_list<Index> indices) const {
    return index(std::span<const Index>(indices.begin(), indices.size()));
  }
  Tensor operator[](Index i) const { return index(std::span<const Index>(&i, 1)); }
  // Advanced indexing: index arrays and boolean masks, alone or mixed with basic entries
  // (a[idx], a[mask], a[{_, idx}], a[{mask_rows, _}]). The result is a copy, as NumPy's, that
  // writes back when assigned to (a[mask] = 0). See indexed.hpp. (A template so that a list of
  // basic entries only picks the view-returning overload above.)
  template <class = void>
  Indexed<E> operator[](std::initializer_list<AnyIndex> indices) const;
  template <IntegerElement I>
  Indexed<E> operator[](const Tensor<I>& indices) const;
  Indexed<E> operator[](const Tensor<bool>& mask) const;
  // An advanced index expression built at run time.
  Indexed<E> index(std::span<const AnyIndex> indices) const;
  Tensor index(std::span<const Index> indices) const {
    Tensor out(buffer_, view_tag{});
    detail::apply_indices_into(layout_, indices, out.layout_);
    return out;
  }

  Tensor transpose() const { return view(transpose_layout(layout_)); }
  Tensor transpose(std::initializer_list<index_t> axes) const { return transpose(std::span(axes.begin(), axes.size())); }
  Tensor transpose(std::span<const index_t> axes) const { return view(transpose_layout(layout_, axes)); }
  // a.E in NumPy: the axes reversed.
  Tensor T() const { return transpose(); }
  Tensor swapaxes(index_t a, index_t b) const { return view(swapaxes_layout(layout_, a, b)); }
  Tensor squeeze() const { return view(squeeze_layout(layout_)); }
  Tensor squeeze(index_t axis) const { return view(squeeze_layout(layout_, axis)); }
  Tensor expand_dims(index_t axis) const { return view(expand_dims_layout(layout_, axis)); }
  // The diagonal of (axis1, axis2) as the last axis. Unlike NumPy's read-only diagonal view,
  // this view is writable.
  Tensor diagonal(index_t offset = 0, index_t axis1 = 0, index_t axis2 = 1) const {
    return view(diagonal_layout(layout_, offset, axis1, axis2));
  }
  // A view stretched to `shape` with zero strides. Writing through it writes each source
  // element many times; NumPy forbids that, we allow it but the result is the last write.
  Tensor broadcast_to(std::span<const index_t> shape) const { return view(broadcast_layout(layout_, shape)); }
  Tensor broadcast_to(std::initializer_list<index_t> shape) const {
    return broadcast_to(std::span(shape.begin(), shape.size()));
  }

  // ---- views when possible ----------------------------------------------------------------
  // NumPy's reshape: a view whenever the strides allow it, otherwise a C-order copy. One
  // dimension may be -1. Throws ShapeError when the sizes disagree.
  Tensor reshape(std::span<const index_t> new_shape) const {
    // The view's layout is built inside the result (no Layout temporaries): this is on the path
    // of every reshape, and view creation is meant to cost tens of nanoseconds.
    Tensor out(buffer_, view_tag{});
    detail::resolve_reshape_into(size(), new_shape, out.layout_.shape);
    if (!detail::reshape_into(layout_, out.layout_)) out = copy().reshape(out.layout_.shape);
    return out;
  }
  Tensor reshape(std::initializer_list<index_t> new_shape) const {
    return reshape(std::span(new_shape.begin(), new_shape.size()));
  }
  // The elements as a 1-d tensor (NumPy's ravel): a view when *this is C-contiguous, otherwise a
  // fresh C-order copy (as NumPy, even where one stride could walk the elements, as for a[::2]),
  // and writing that copy does not write *this. ravel_view(a) in convert.hpp never copies.
  Tensor ravel() const { return is_contiguous() ? reshape({-1}) : Tensor(copy()).reshape({-1}); }

  // ---- copies -----------------------------------------------------------------------------
  // Functions that return a fresh copy a user could mistake for a view return it const, so that
  // writing into it (which would change nothing) does not compile.
  // A fresh C-contiguous copy.
  const Tensor copy() const {
    Tensor out = fresh(shape());
    out.assign_from(*this);
    return out;
  }
  // The elements as a fresh 1-d C-order copy, always (NumPy's flatten).
  const Tensor flatten() const { return copy().reshape({-1}); }
  // *this when already C-contiguous (no copy, shares memory), otherwise copy().
  Tensor contiguous() const { return is_contiguous() ? *this : copy(); }
  // A fresh C-contiguous copy converted to U with static_cast (NumPy's astype).
  template <Element U>
  const Tensor<U> astype() const {
    Tensor<U> out = Tensor<U>::fresh(shape());
    detail::copy_elements(out.data(), out.layout(), data(), layout_);
    return out;
  }

  // ---- writes (through to the buffer) -----------------------------------------------------
  // Sets every element (NumPy's fill). Constness is shallow, so a const handle may fill.
  void fill(E value) const& { fill_elements(value); }
  void fill(E value) && { fill_elements(value); }
  // (Instantiated, and so failing, only when called: the condition depends on E.)
  void fill(E) const&& {
    static_assert(detail::dependent_false_v<E>,
                  "einspan: fill() on a fresh copy (select, take, copy, astype) would change nothing. To set "
                  "the selected elements of a, as NumPy's a[mask] = v, write a[mask] = v.");
  }
  // v[...] = src: src is broadcast to this shape (ShapeError otherwise) and converted to E. Safe
  // when src overlaps this tensor: it is then copied first.
  template <Element U>
  void assign(const Tensor<U>& src) const& {
    if (may_share_memory(*this, src)) {
      assign_from(src.copy());
    } else {
      assign_from(src);
    }
  }
  template <Element U>
  void assign(const Tensor<U>& src) && {
    static_cast<const Tensor&>(*this).assign(src);
  }
  template <class X>
  void assign(const X&) const&& {
    static_assert(detail::dependent_false_v<X>,
                  "einspan: assign() on a fresh copy (select, take, copy, astype) would change nothing. To "
                  "write the selected elements of a, as NumPy's a[mask] = v, write a[mask] = v.");
  }

  // ---- iteration in logical (C) order -----------------------------------------------------
  iterator begin() const { return iterator(*this, 0); }
  iterator end() const { return iterator(*this, size()); }

 private:
  struct view_tag {};
  // A view of `buffer` whose layout the caller fills in (empty until then).
  Tensor(const std::shared_ptr<E>& buffer, view_tag) : buffer_(buffer) {}
  Tensor view(Layout layout) const { return Tensor(buffer_, std::move(layout)); }

  void check_rank(std::size_t count) const {
    if (count != ndim())
      throw IndexError(fmt::format("{} indices given for a {}-dimensional tensor of shape {}", count, ndim(),
                                   format_shape(shape())));
  }

  template <Element U>
  void assign_from(const Tensor<U>& src) const {
    const Layout stretched = broadcast_assignment_layout(src.layout(), shape());
    detail::copy_elements(data(), layout_, src.buffer().get() + stretched.offset, stretched);
  }
  void fill_elements(E value) const {
    const auto nest = detail::make_loop_nest<1>(shape(), {std::span<const index_t>(strides())});
    detail::for_each_element(nest, [value](E& x) { x = value; }, data());
  }

  template <class List>
  static Dims nested_shape(const List& list) {
    Dims shape{static_cast<index_t>(list.size())};
    if constexpr (!std::is_same_v<typename List::value_type, E>) {
      if (list.size() == 0) {
        shape.push_back(0);
        return shape;
      }
      const Dims inner = nested_shape(*list.begin());
      for (const auto& sub : list) {
        if (nested_shape(sub) != inner)
          throw ShapeError(fmt::format(
              "setting an array element with a sequence. The requested array has an inhomogeneous shape "
              "after 1 dimensions. The detected shape was ({},) + inhomogeneous part.",
              list.size()));
      }
      for (index_t d : inner) shape.push_back(d);
    }
    return shape;
  }

  std::shared_ptr<E> buffer_;
  Layout layout_;
};

// Forward iterator over a tensor's elements in C order, for range-for and <algorithm>.
template <Element E>
class Tensor<E>::iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = E;
  using difference_type = std::ptrdiff_t;
  using pointer = E*;
  using reference = E&;

  iterator() = default;
  iterator(const Tensor& t, index_t position)
      : layout_(&t.layout()), ptr_(t.data()), counter_(t.ndim(), 0), remaining_(t.size() - position) {}

  E& operator*() const { return *ptr_; }
  E* operator->() const { return ptr_; }
  iterator& operator++() {
    --remaining_;
    // The position is checked before the pointer moves: stepping past the end of an axis, even
    // without reading there, could overflow the pointer (a length-1 axis with a huge stride).
    for (std::size_t axis = counter_.size(); axis-- > 0;) {
      if (++counter_[axis] < layout_->shape[axis]) {
        ptr_ += layout_->strides[axis];
        return *this;
      }
      ptr_ -= layout_->strides[axis] * (layout_->shape[axis] - 1);
      counter_[axis] = 0;
    }
    return *this;
  }
  iterator operator++(int) {
    iterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const iterator& a, const iterator& b) { return a.remaining_ == b.remaining_; }

 private:
  const Layout* layout_ = nullptr;
  E* ptr_ = nullptr;
  Dims counter_;
  index_t remaining_ = 0;
};

// True if a and b are views of one allocation whose reachable address ranges overlap (NumPy's
// may_share_memory: it can report true for interleaved views that touch disjoint elements).
template <Element E, Element U>
bool may_share_memory(const Tensor<E>& a, const Tensor<U>& b) {
  if (static_cast<const void*>(a.buffer().get()) != static_cast<const void*>(b.buffer().get())) return false;
  if (a.size() == 0 || b.size() == 0) return false;
  const Extent ea = extent(a.layout()), eb = extent(b.layout());
  return ea.lo <= eb.hi && eb.lo <= ea.hi;
}

// True if a and b have at least one element in common (NumPy's shares_memory, exact). Exact
// answers need a search; we enumerate the smaller view's offsets when the ranges overlap.
template <Element E>
bool shares_memory(const Tensor<E>& a, const Tensor<E>& b) {
  if (!may_share_memory(a, b)) return false;
  const Tensor<E>& small = a.size() <= b.size() ? a : b;
  const Tensor<E>& large = a.size() <= b.size() ? b : a;
  std::vector<const E*> addresses;
  addresses.reserve(static_cast<std::size_t>(small.size()));
  for (const E& x : small) addresses.push_back(&x);
  std::sort(addresses.begin(), addresses.end());
  for (const E& x : large)
    if (std::binary_search(addresses.begin(), addresses.end(), &x)) return true;
  return false;
}

}  // namespace einspan

// Advanced indexing's result type completes the operator[] overloads declared above.
#include <einspan/tensor/indexed.hpp>
