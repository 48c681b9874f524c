// A short printed tour of einspan's tensor core: the workshop's memory-model slide (every step a
// view of one buffer) and NumPy's broadcasting rules. Each step shows the NumPy line it mirrors.
#include <cstdint>
#include <einspan/tensor.hpp>
#include <fmt/core.h>
#include <string>

using namespace einspan;

namespace {

// Prints a step: the NumPy line, the einspan line, the tensor as NumPy's repr, and its layout.
// NumPy reports strides in bytes; einspan's are in elements.
template <class T>
void show(const std::string& numpy, const std::string& einspan, const Tensor<T>& t, const Tensor<T>& base) {
  Dims bytes = t.strides();
  for (index_t& s : bytes) s *= static_cast<index_t>(sizeof(T));
  fmt::print(">>> {:<28} // {}\n{}\n", numpy, einspan, t);
  fmt::print("    shape {}  strides {} elements = {} bytes  offset {}  shares_memory(a, .) = {}\n\n", t.shape(),
             t.strides(), bytes, t.offset(), shares_memory(base, t));
}

void show_broadcast(std::initializer_list<Dims> shapes) {
  std::string operands;
  for (const Dims& s : shapes) operands += (operands.empty() ? "" : ", ") + format_shape(s);
  fmt::print(">>> np.broadcast_shapes({})\n", operands);
  try {
    fmt::print("{}\n", broadcast_shapes(shapes));
  } catch (const ShapeError& e) {
    fmt::print("ShapeError: {}\n", e.what());
  }
}

}  // namespace

int main() {
  fmt::print("einspan tour: NumPy's memory model in C++20\n\n");

  const auto a = arange<std::int64_t>(10, 90, 10);
  show("a = np.arange(10, 90, 10)", "auto a = arange<int64_t>(10, 90, 10);", a, a);
  const auto b = a.reshape({4, 2});
  show("b = a.reshape(4, 2)", "auto b = a.reshape({4, 2});", b, a);
  const auto c = b[{slice(_, _, 2)}];
  show("c = b[::2]", "auto c = b[{slice(_, _, 2)}];", c, a);
  const auto d = c.T();
  show("d = c.T", "auto d = c.T();", d, a);

  fmt::print("Views write through: d[0, 1] = -1 changes a[4].\n");
  d(0, 1) = -1;
  fmt::print(">>> a\n{}\n\n", a);

  fmt::print("Broadcasting: align shapes on the right; a dimension of 1 stretches.\n");
  show_broadcast({{4, 3}, {3}});
  show_broadcast({{4, 3}, {1, 4}});
  show_broadcast({{4, 1}, {3}});
  return 0;
}
