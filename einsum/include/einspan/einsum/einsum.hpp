#pragma once
// einsum(spec, operands...): numpy.einsum for Tensor<T> of every element type but bool (float,
// double and all integer types; integer products and sums wrap around as NumPy's do).
#include <einspan/einsum/plan.hpp>
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
template <detail::EinsumElement T>
Tensor<T> einsum(std::string_view spec, std::span<const Tensor<T>> operands) {
  constexpr std::size_t inline_count = 8;
  std::array<const Layout*, inline_count> layout_store{};
  std::array<const T*, inline_count> data_store{};
  std::vector<const Layout*> layout_heap;
  std::vector<const T*> data_heap;
  std::span<const Layout*> layouts(layout_store.data(), operands.size());
  std::span<const T*> data(data_store.data(), operands.size());
  if (operands.size() > inline_count) {
    layout_heap.resize(operands.size());
    data_heap.resize(operands.size());
    layouts = layout_heap;
    data = data_heap;
  }
  for (std::size_t k = 0; k < operands.size(); ++k) {
    layouts[k] = &operands[k].layout();
    data[k] = operands[k].data();
  }
  const auto program = detail::cached_program<T>(spec, layouts);
  if (const Dims* strides = detail::program_view_strides(*program))
    return Tensor<T>(operands[0].buffer(),
                     Layout{detail::program_output_shape(*program), *strides, operands[0].offset()});
  Tensor<T> out = Tensor<T>::fresh(detail::program_output_shape(*program));
  thread_local detail::Workspace<T> workspace;
  detail::run_program(*program, workspace, out.data(), std::span<const T* const>(data.data(), data.size()));
  return out;
}

template <detail::EinsumElement T, class... Rest>
  requires(std::same_as<Rest, Tensor<T>> && ...)
Tensor<T> einsum(std::string_view spec, const Tensor<T>& first, const Rest&... rest) {
  const std::array<Tensor<T>, 1 + sizeof...(Rest)> operands{first, rest...};
  return einsum(spec, std::span<const Tensor<T>>(operands));
}

template <detail::EinsumElement T>
Tensor<T> einsum(std::string_view spec, const std::vector<Tensor<T>>& operands) {
  return einsum(spec, std::span<const Tensor<T>>(operands));
}

}  // namespace einspan
