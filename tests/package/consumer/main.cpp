// An outside project: finds the installed package and uses each module through the umbrella header.
#include <einspan/einspan.hpp>
#include <fmt/core.h>

int main() {
  const auto a = einspan::arange<double>(10, 90, 10).reshape({4, 2});
  const auto gram = einspan::einsum("ij,kj->ik", a, a);
  const auto fit = einspan::kmeans(a, {.k = 2, .seed = 0});
  fmt::print("consumer ok: {}\n", a.shape());
  return a(3, 1) == 80.0 && gram(0, 0) == 500.0 && fit.labels.size() == 4 ? 0 : 1;
}
