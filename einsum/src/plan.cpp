// The public entry points, EinsumPlan<T> and einsum(), over the compiled Program (program.hpp).
#include "program.hpp"

#include <einspan/einsum/einsum.hpp>
#include <einspan/einsum/linalg.hpp>
#include <einspan/einsum/plan.hpp>

namespace einspan {

template <EinsumElement T>
struct EinsumPlan<T>::State {
  std::string spec;
  std::shared_ptr<const detail::Program> program;
  detail::Workspace<T> workspace;
  // Each call's operand layouts and data pointers, kept so that a call allocates nothing.
  std::vector<const Layout*> layouts;
  std::vector<const T*> data;
};

template <EinsumElement T>
EinsumPlan<T>::EinsumPlan(std::string_view spec, std::span<const Tensor<T>> operands)
    : state_(std::make_unique<State>()) {
  state_->spec = spec;
  for (const Tensor<T>& t : operands) state_->layouts.push_back(&t.layout());
  state_->program = detail::compile_shared(spec, state_->layouts, {}, std::is_floating_point_v<T>);
}

template <EinsumElement T>
EinsumPlan<T>::EinsumPlan(EinsumPlan&&) noexcept = default;
template <EinsumElement T>
EinsumPlan<T>& EinsumPlan<T>::operator=(EinsumPlan&&) noexcept = default;
template <EinsumElement T>
EinsumPlan<T>::~EinsumPlan() = default;

template <EinsumElement T>
const Dims& EinsumPlan<T>::output_shape() const {
  return state_->program->out.shape;
}

template <EinsumElement T>
std::string EinsumPlan<T>::explain() const {
  return state_->program->explanation;
}

template <EinsumElement T>
void EinsumPlan<T>::run(const Tensor<T>& out, std::span<const Tensor<T>* const> inputs) {
  State& s = *state_;
  s.layouts.resize(inputs.size());
  s.data.resize(inputs.size());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    s.layouts[k] = &inputs[k]->layout();
    s.data[k] = inputs[k]->data();
    if (inputs[k]->buffer() == out.buffer() && out.size() > 0) detail::throw_out_overlaps(s.spec, k);
  }
  if (!detail::program_matches(*s.program, s.layouts, &out.layout())) {
    detail::check_plan_shapes(*s.program, s.layouts, out.layout());
    s.program = detail::compile_shared(s.spec, s.layouts, out.strides(), std::is_floating_point_v<T>);
  }
  detail::run_program(*s.program, s.workspace, out.data(), std::span<const T* const>(s.data));
}

template <EinsumElement T>
Tensor<T> einsum(std::string_view spec, std::span<const Tensor<T>> operands) {
  constexpr std::size_t inline_count = 8;
  std::array<const Layout*, inline_count> layout_store{};
  std::array<const T*, inline_count> data_store{};
  std::vector<const Layout*> layout_heap;
  std::vector<const T*> data_heap;
  std::span<const Layout*> layouts(layout_store.data(), std::min(operands.size(), inline_count));
  std::span<const T*> data(data_store.data(), std::min(operands.size(), inline_count));
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
  if (program->is_view)
    return Tensor<T>(operands[0].buffer(), Layout{program->out.shape, program->view_strides, operands[0].offset()});
  Tensor<T> out = Tensor<T>::fresh(program->out.shape);
  thread_local detail::Workspace<T> workspace;
  detail::run_program(*program, workspace, out.data(), std::span<const T* const>(data.data(), data.size()));
  return out;
}

namespace detail {

template <EinsumElement T>
void einsum_into(std::string_view spec, const Tensor<T>& out, const Tensor<T>& a, const Tensor<T>& b) {
  const Layout* layouts[] = {&a.layout(), &b.layout()};
  const T* data[] = {a.data(), b.data()};
  const bool dense = out.is_contiguous();
  const auto program =
      dense ? cached_program<T>(spec, layouts) : compile_shared(spec, layouts, out.strides(), std::is_floating_point_v<T>);
  thread_local Workspace<T> workspace;
  run_program(*program, workspace, out.data(), std::span<const T* const>(data));
}

}  // namespace detail

#define EINSPAN_DEFINE_EINSUM(T)                                                          \
  template class EinsumPlan<T>;                                                           \
  template Tensor<T> einsum<T>(std::string_view, std::span<const Tensor<T>>);              \
  template void detail::einsum_into<T>(std::string_view, const Tensor<T>&, const Tensor<T>&, const Tensor<T>&);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DEFINE_EINSUM)
#undef EINSPAN_DEFINE_EINSUM

}  // namespace einspan
