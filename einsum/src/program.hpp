#pragma once
// A compiled einsum: the steps that evaluate one spec for one set of operand shapes and strides.
// Programs are independent of the element type (strides are in elements); run_program executes
// one for a given T. Slot 0 is the output, slots 1..n the inputs, the rest live in the workspace.
#include "bind.hpp"
#include "path.hpp"

#include <einspan/tensor/detail/strided_loop.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace einspan::detail {

// out (+)= a * b (or out (+)= a) over a loop nest whose operand order is (out, a, b).
struct GenericStep {
  LoopNest<3> nest;
  LoopNest<1> out_nest;  // the output alone, for zeroing it before accumulating
  bool accumulate = false;
  int input_count = 2;
};

// dst = src, both over the same labels (a permuted or packed copy).
struct CopyStep {
  Layout dst, src;  // offsets are 0: slot pointers carry them
};

// For every batch index: C (m x n, row-major) = A (m x k) * B (k x n). A and B are row-major or
// column-major with the given outer strides.
struct GemmStep {
  LoopNest<3> batch;  // operand order (c, a, b)
  index_t m = 0, n = 0, k = 0;
  bool a_row_major = true, b_row_major = true;
  index_t a_outer = 0, b_outer = 0, c_outer = 0;
};

struct Step {
  enum class Kind { generic, copy, gemm } kind = Kind::generic;
  int out = 0, a = 0, b = 0;  // slots
  GenericStep generic;
  CopyStep copy;
  GemmStep gemm;
};

struct Program {
  std::string spec;
  std::vector<Layout> inputs;  // shapes and strides compiled for (offset 0)
  Layout out;                  // output shape and strides compiled for (offset 0)
  bool allow_gemm = false;
  bool is_view = false;        // one operand, nothing summed: the result can be a view of it
  Dims view_strides;           // strides of that view, relative to the operand's first element
  std::vector<Step> steps;
  std::vector<index_t> slot_offsets;  // workspace offset (elements) of each slot, -1 for out/inputs
  index_t workspace_size = 0;         // elements
  std::string explanation;

  std::size_t slot_count() const { return slot_offsets.size(); }
};

// Compiles spec for these operand layouts, writing an output with out_strides (empty: C order).
// GEMM steps are used only when allow_gemm (floating point). Throws like bind_spec.
Program compile_program(std::string_view spec, std::span<const Layout* const> inputs, std::span<const index_t> out_strides,
                        bool allow_gemm);

// True if `program` was compiled for exactly these layouts (offsets aside).
bool program_matches(const Program& program, std::span<const Layout* const> inputs, const Layout* out);

// compile_program's result, shared by the plans and the cache that hold it (cache.cpp).
std::shared_ptr<const Program> compile_shared(std::string_view spec, std::span<const Layout* const> inputs,
                                              std::span<const index_t> out_strides, bool allow_gemm);
// The program for spec and these layouts from a process-wide, thread-safe cache, compiling it
// on a miss. Keyed by spec, shapes and strides (the "stride class" is the exact strides).
template <class T>
std::shared_ptr<const Program> cached_program(std::string_view spec, std::span<const Layout* const> inputs);

// Throws ShapeError when the operands' shapes are not the ones `program` was compiled for.
void check_plan_shapes(const Program& program, std::span<const Layout* const> inputs, const Layout& out);
// Throws ValueError when out shares its buffer with an input (einsum writes out while reading).
void throw_out_overlaps(std::string_view spec, std::size_t operand);

// The intermediates of a running program: grown on demand, reused by later runs.
template <class T>
struct Workspace {
  std::unique_ptr<T[]> buffer;
  index_t capacity = 0;
  std::vector<T*> slots;
};

// Runs the program (execute.cpp): out and inputs point at element (0, ..., 0) of each operand.
template <class T>
void run_program(const Program& program, Workspace<T>& workspace, T* out, std::span<const T* const> inputs);

}  // namespace einspan::detail
