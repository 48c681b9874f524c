#pragma once
// EinsumPlan<T>: an einsum compiled once for fixed operand shapes and strides, then run many
// times. The plan owns its workspace (intermediates, packed GEMM operands): the first call
// allocates it, later calls with the same layouts do not touch the heap.
#include <array>
#include <einspan/einsum/spec.hpp>
#include <einspan/tensor/tensor.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace einspan {

namespace detail {

struct Program;  // compiled steps, in einsum/src/program.hpp

template <class T>
struct Workspace {
  std::unique_ptr<T[]> buffer;
  index_t capacity = 0;
  std::vector<T*> slots;
};

// Compiles spec for these operand layouts and an output with out_strides (empty: C order).
std::shared_ptr<const Program> compile_shared(std::string_view spec, std::span<const Layout* const> inputs,
                                              std::span<const index_t> out_strides, bool allow_gemm);
// The program for spec and these layouts from a process-wide, thread-safe cache, compiling it
// on a miss. Keyed by spec, shapes and strides (the "stride class" is the exact strides).
template <class T>
std::shared_ptr<const Program> cached_program(std::string_view spec, std::span<const Layout* const> inputs);

bool program_matches(const Program& program, std::span<const Layout* const> inputs, const Layout* out);
const Dims& program_output_shape(const Program& program);
const Dims& program_input_shape(const Program& program, std::size_t k);
std::size_t program_input_count(const Program& program);
// Strides of the result as a view of operand 0, or null when the result needs arithmetic.
const Dims* program_view_strides(const Program& program);
const std::string& program_explanation(const Program& program);

// Runs the program: out and inputs point at element (0, ..., 0) of each operand.
template <class T>
void run_program(const Program& program, Workspace<T>& workspace, T* out, std::span<const T* const> inputs);

// Every einsum element type, for the explicit instantiations in einsum/src (execute.cpp, cache.cpp).
#define EINSPAN_FOR_EACH_EINSUM_TYPE(X)                                                                           \
  X(float) X(double) X(std::int32_t) X(std::int64_t) X(std::uint8_t) X(std::int8_t) X(std::uint16_t) X(std::int16_t) \
  X(std::uint32_t) X(std::uint64_t)

#define EINSPAN_DECLARE_RUN_PROGRAM(T) \
  extern template void run_program<T>(const Program&, Workspace<T>&, T*, std::span<const T* const>);
EINSPAN_FOR_EACH_EINSUM_TYPE(EINSPAN_DECLARE_RUN_PROGRAM)
#undef EINSPAN_DECLARE_RUN_PROGRAM

// Throws ShapeError when the operands' shapes are not the ones `program` was compiled for.
void check_plan_shapes(const Program& program, std::span<const Layout* const> inputs, const Layout& out);
// Throws ValueError when out shares its buffer with an input (einsum writes out while reading).
void throw_out_overlaps(std::string_view spec, std::size_t operand);

template <class T>
concept EinsumElement = Element<T> && !std::same_as<T, bool>;

}  // namespace detail

template <detail::EinsumElement T>
class EinsumPlan {
 public:
  // Compiles spec for operands laid out like `operands` (shapes and strides; data is not read).
  // Throws ValueError for a malformed spec or operand count, ShapeError for shapes that do not
  // fit the spec.
  EinsumPlan(std::string_view spec, std::span<const Tensor<T>> operands) : spec_(spec) {
    std::vector<const Layout*> layouts;
    for (const Tensor<T>& t : operands) layouts.push_back(&t.layout());
    program_ = detail::compile_shared(spec, layouts, {}, std::is_floating_point_v<T>);
  }
  template <class... Rest>
    requires(std::same_as<Rest, Tensor<T>> && ...)
  EinsumPlan(std::string_view spec, const Tensor<T>& first, const Rest&... rest)
      : EinsumPlan(spec, std::span<const Tensor<T>>(std::array<Tensor<T>, 1 + sizeof...(Rest)>{first, rest...})) {}

  // Shape of the result.
  const Dims& output_shape() const { return detail::program_output_shape(*program_); }

  // The contraction order and the kernel of every step, in np.einsum_path's format.
  std::string explain() const { return detail::program_explanation(*program_); }

  // out[...] = einsum(spec, inputs...). out must have output_shape() (any strides) and not share
  // memory with an input. Inputs must have the compiled shapes (ShapeError otherwise); other
  // strides than the compiled ones recompile the plan (and allocate) once.
  template <class... Rest>
    requires(std::same_as<Rest, Tensor<T>> && ...)
  void operator()(const Tensor<T>& out, const Tensor<T>& first, const Rest&... rest) {
    const std::array<const Tensor<T>*, 1 + sizeof...(Rest)> inputs{&first, &rest...};
    std::array<const Layout*, 1 + sizeof...(Rest)> layouts{};
    std::array<const T*, 1 + sizeof...(Rest)> data{};
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      layouts[k] = &inputs[k]->layout();
      data[k] = inputs[k]->data();
      if (inputs[k]->buffer() == out.buffer() && out.size() > 0) detail::throw_out_overlaps(spec_, k);
    }
    if (!detail::program_matches(*program_, layouts, &out.layout())) {
      detail::check_plan_shapes(*program_, layouts, out.layout());
      program_ = detail::compile_shared(spec_, layouts, out.strides(), std::is_floating_point_v<T>);
    }
    detail::run_program(*program_, workspace_, out.data(), std::span<const T* const>(data));
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
  std::string spec_;
  std::shared_ptr<const detail::Program> program_;
  detail::Workspace<T> workspace_;
};

}  // namespace einspan
