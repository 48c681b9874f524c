#pragma once
// EinsumPlan<T>: an einsum compiled once for fixed operand shapes and strides, then run many
// times. The plan owns its workspace (intermediates, packed GEMM operands): the first call
// allocates it, later calls with the same layouts do not touch the heap.
#include <array>
#include <einspan/einsum/element.hpp>
#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/tensor.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace einspan {

template <EinsumElement T>
class EinsumPlan {
 public:
  // Compiles spec for operands laid out like `operands` (shapes and strides; data is not read).
  // Throws ValueError for a malformed spec or operand count, ShapeError for shapes that do not
  // fit the spec.
  EinsumPlan(std::string_view spec, std::span<const Tensor<T>> operands);
  template <class... Rest>
    requires(std::same_as<Rest, Tensor<T>> && ...)
  EinsumPlan(std::string_view spec, const Tensor<T>& first, const Rest&... rest)
      : EinsumPlan(spec, std::span<const Tensor<T>>(std::array<Tensor<T>, 1 + sizeof...(Rest)>{first, rest...})) {}
  EinsumPlan(EinsumPlan&&) noexcept;
  EinsumPlan& operator=(EinsumPlan&&) noexcept;
  ~EinsumPlan();

  // Shape of the result.
  const Dims& output_shape() const;

  // The contraction order and the kernel of every step, in np.einsum_path's format.
  std::string explain() const;

  // out[...] = einsum(spec, inputs...). out must have output_shape() (any strides) and not share
  // memory with an input. Inputs must have the compiled shapes (ShapeError otherwise); other
  // strides than the compiled ones recompile the plan (and allocate) once.
  template <class... Rest>
    requires(std::same_as<Rest, Tensor<T>> && ...)
  void operator()(const Tensor<T>& out, const Tensor<T>& first, const Rest&... rest) {
    const std::array<const Tensor<T>*, 1 + sizeof...(Rest)> inputs{&first, &rest...};
    run(out, inputs);
  }

  // A fresh C-contiguous result (allocates it).
  template <class... Rest>
    requires(std::same_as<Rest, Tensor<T>> && ...)
  Tensor<T> evaluate(const Tensor<T>& first, const Rest&... rest) {
    Tensor<T> out = Tensor<T>::fresh(output_shape());
    (*this)(out, first, rest...);
    return out;
  }

 private:
  struct State;  // the compiled program and the workspace (einsum/src/plan.cpp)
  void run(const Tensor<T>& out, std::span<const Tensor<T>* const> inputs);

  std::unique_ptr<State> state_;
};

#define EINSPAN_DECLARE_EINSUM_PLAN(T) extern template class EinsumPlan<T>;
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DECLARE_EINSUM_PLAN)
#undef EINSPAN_DECLARE_EINSUM_PLAN

}  // namespace einspan
