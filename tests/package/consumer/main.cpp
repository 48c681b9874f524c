#include <einspan/tensor.hpp>
#include <fmt/core.h>

int main() {
  const auto a = einspan::arange<double>(10, 90, 10).reshape({4, 2});
  fmt::print("consumer ok: {}\n", a.shape());
  return a(3, 1) == 80.0 ? 0 : 1;
}
