#pragma once
// einsum(spec, operands...): numpy.einsum for Tensor<T> of every element type but bool (float,
// double and all integer types; integer products and sums wrap around as NumPy's do).
#include <einspan/einsum/element.hpp>
#include <einspan/einsum/plan.hpp>  // the compiled form, for callers that run one spec many times
#include <einspan/tensor/tensor.hpp>
#include <span>
#include <string_view>
#include <vector>

namespace einspan {

// numpy.einsum(spec, *operands) with NumPy's semantics (implicit and explicit output, ellipsis
// broadcasting, size-1 broadcasting, repeated labels as diagonals, sums, outer products).
// Returns a view of the operand when no arithmetic is needed (one operand, nothing summed:
// "ij->ji", "ii->i"), as NumPy does; otherwise a fresh C-contiguous tensor, and the only
// allocation is that result (intermediates live in a per-thread workspace that is reused).
// The compiled plan is cached per spec, shapes and strides, so repeated calls skip planning.
// Throws ValueError for a malformed spec or operand count, ShapeError for shapes that disagree
// with it; messages name the spec, the operand and the label.
template <EinsumElement T>
Tensor<T> einsum(std::string_view spec, std::span<const Tensor<T>> operands);

template <EinsumElement T, class... Rest>
  requires(std::same_as<Rest, Tensor<T>> && ...)
Tensor<T> einsum(std::string_view spec, const Tensor<T>& first, const Rest&... rest) {
  const std::array<Tensor<T>, 1 + sizeof...(Rest)> operands{first, rest...};
  return einsum(spec, std::span<const Tensor<T>>(operands));
}

template <EinsumElement T>
Tensor<T> einsum(std::string_view spec, const std::vector<Tensor<T>>& operands) {
  return einsum(spec, std::span<const Tensor<T>>(operands));
}

#define EINSPAN_DECLARE_EINSUM(T) extern template Tensor<T> einsum<T>(std::string_view, std::span<const Tensor<T>>);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DECLARE_EINSUM)
#undef EINSPAN_DECLARE_EINSUM

}  // namespace einspan
