// Must not compile: '$' is not a label.
#include <einspan/einsum.hpp>

int main() {
  const auto a = einspan::ones<double>({2, 2});
  return static_cast<int>(einspan::einsum<"i$,jk->ik">(a, a).size());
}
