#pragma once
// Indexed<E>: what advanced indexing returns, NumPy's a[idx], a[mask], a[{_, idx}], a[{mask, _}].
//
//   NumPy                 einspan
//   a[idx]                a[idx]            (idx: Tensor of any integer type, any shape)
//   a[mask]               a[mask]           (mask: Tensor<bool> over a's leading axes)
//   a[:, idx], a[m, :]    a[{_, idx}], a[{m, _}]
//   a[i0, i1]             a[{i0, i1}]       (index arrays broadcast together)
//   a[mask] = 0           a[mask] = 0       (writes into a)
//   a[idx] = v            a[idx] = v        (v broadcasts; a repeated index keeps the last value)
//   a[mask] += 1          a[mask] += 1      (a[mask] = a[mask] + 1: a repeated index adds once)
//
// Read as a value, an Indexed<E> is a Tensor<E>: a fresh copy of the selected elements, made at
// once, as NumPy's. Assigned to while still a temporary (`a[idx] = v`, `a[idx].fill(v)`,
// `a[idx] += v`), it writes back into the tensor it was taken from. A named copy does not
// (`auto s = a[idx]; s += 1;` changes s only, as in NumPy).
//
// Where it bites: an Indexed passed as an out= argument, or a view of it (a[mask][{_}] = 0), is
// written as the copy it is, and a is unchanged; NumPy behaves the same (its a[mask][:] = 0 is a
// no-op too).
#include <einspan/tensor/detail/gather.hpp>
#include <einspan/tensor/tensor.hpp>
#include <limits>

namespace einspan {

template <Element E>
class Indexed : public Tensor<E> {
 public:
  Indexed(const Indexed&) = default;
  Indexed(Indexed&&) noexcept = default;
  ~Indexed() = default;
  // A named Indexed rebinds like any handle; its later writes stay in its copy.
  Indexed& operator=(const Indexed&) & = default;
  Indexed& operator=(Indexed&&) & noexcept = default;
  template <class X>
    requires(!std::same_as<std::remove_cvref_t<X>, Indexed>)
  void operator=(X&&) & {
    static_assert(detail::dependent_false_v<X>,
                  "einspan: this variable holds a copy of a[idx] (an Indexed<T>); to rebind a handle, declare it "
                  "as Tensor<T>. To write into a, as NumPy's a[idx] = v, write a[idx] = v.");
  }

  // a[idx] = v: v broadcasts to this result's shape and is converted to E. Throws ShapeError
  // "shape mismatch: value array of shape (2,) could not be broadcast to indexing result of shape
  // (3,)". A v that overlaps the target is read as if copied first.
  template <Element U>
  void operator=(const Tensor<U>& value) && {
    write_back(value);
  }
  // a[mask] = 0. An integer scalar that E cannot hold throws ValueError.
  template <Scalar S>
  void operator=(S value) && {
    detail::scatter_fill(target_.buffer().get(), *plan_, detail::scalar_as<E>(value));
  }
  using Tensor<E>::fill;
  void fill(E value) && { std::move(*this) = value; }
  using Tensor<E>::assign;
  template <Element U>
  void assign(const Tensor<U>& value) && {
    write_back(value);
  }

  // a[idx] op= y is a[idx] = a[idx] op y, as NumPy's: the copy is updated, then written back, so a
  // repeated index is updated once.
#define EINSPAN_INDEXED_COMPOUND(op)                 \
  template <class Y>                                 \
  void operator op(const Y& y) && {                  \
    Tensor<E> updated = *this;                       \
    updated op y;                                    \
    write_back(updated);                             \
  }
  EINSPAN_INDEXED_COMPOUND(+=)
  EINSPAN_INDEXED_COMPOUND(-=)
  EINSPAN_INDEXED_COMPOUND(*=)
  EINSPAN_INDEXED_COMPOUND(/=)
#undef EINSPAN_INDEXED_COMPOUND

 private:
  friend class Tensor<E>;
  Indexed(const Tensor<E>& target, detail::AdvancedPlan plan)
      : Tensor<E>(Tensor<E>::fresh(plan.shape)),
        target_(target),
        plan_(std::make_shared<const detail::AdvancedPlan>(std::move(plan))) {
    if (this->size() > 0) detail::gather(this->data(), target_.buffer().get(), *plan_);
  }

  template <Element U>
  void write_back(const Tensor<U>& value) const {
    const Tensor<U> source = may_share_memory(target_, value) ? Tensor<U>(value.copy()) : value;
    Layout stretched;
    try {
      stretched = broadcast_assignment_layout(source.layout(), plan_->shape);
    } catch (const ShapeError&) {
      throw ShapeError(fmt::format("shape mismatch: value array of shape {} could not be broadcast to indexing "
                                   "result of shape {}",
                                   format_shape_compact(value.shape()), format_shape_compact(plan_->shape)));
    }
    if (this->size() > 0) detail::scatter(target_.buffer().get(), *plan_, source.buffer().get(), stretched);
  }

  Tensor<E> target_;
  std::shared_ptr<const detail::AdvancedPlan> plan_;
};

namespace detail {

template <Element A>
IndexArray index_array_of(const Tensor<A>& array) {
  if constexpr (std::is_same_v<A, bool>) {
    return IndexArray{nullptr, array.buffer(), array.layout()};
  } else if constexpr (std::is_same_v<A, index_t>) {
    return IndexArray{array.buffer(), nullptr, array.layout()};
  } else {
    static_assert(IntegerElement<A>, "einspan: index arrays must hold integers or bool (NumPy's IndexError: "
                                     "arrays used as indices must be of integer (or boolean) type)");
    if constexpr (sizeof(A) == sizeof(index_t) && std::is_unsigned_v<A>) {
      // A uint64 index above int64's range would wrap to a negative (wrapping) index; it is out
      // of bounds for every axis, as NumPy reports.
      for (const A i : array)
        if (i > static_cast<A>(std::numeric_limits<index_t>::max()))
          throw IndexError(fmt::format("index {} is out of bounds: no axis is that long", i));
    }
    const Tensor<index_t> converted = array.template astype<index_t>();
    return IndexArray{converted.buffer(), nullptr, converted.layout()};
  }
}

}  // namespace detail

template <Element A>
AnyIndex::AnyIndex(const Tensor<A>& array) : entry_(detail::index_array_of(array)) {}

template <Element E>
Indexed<E> Tensor<E>::index(std::span<const AnyIndex> indices) const {
  return Indexed<E>(*this, detail::plan_advanced_index(layout_, indices));
}

template <Element E>
template <class>
Indexed<E> Tensor<E>::operator[](std::initializer_list<AnyIndex> indices) const {
  return index(std::span<const AnyIndex>(indices.begin(), indices.size()));
}

template <Element E>
template <IntegerElement I>
Indexed<E> Tensor<E>::operator[](const Tensor<I>& indices) const {
  const AnyIndex entry(indices);
  return index(std::span<const AnyIndex>(&entry, 1));
}

template <Element E>
Indexed<E> Tensor<E>::operator[](const Tensor<bool>& mask) const {
  const AnyIndex entry(mask);
  return index(std::span<const AnyIndex>(&entry, 1));
}

}  // namespace einspan
