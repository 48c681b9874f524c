// Must not compile: the output names a label no input has.
#include <einspan/einsum.hpp>

int main() {
  const auto a = einspan::ones<double>({2, 2});
  return static_cast<int>(einspan::einsum<"ij,jk->iz">(a, a).size());
}
