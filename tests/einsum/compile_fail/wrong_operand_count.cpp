// Must not compile: two terms, three operands.
#include <einspan/einsum.hpp>

int main() {
  const auto a = einspan::ones<double>({2, 2});
  return static_cast<int>(einspan::einsum<"ij,jk->ik">(a, a, a).size());
}
