// Must compile: the control case, proving that the failures above come from the specs.
#include <einspan/einsum.hpp>

int main() {
  const auto a = einspan::ones<double>({2, 2});
  constexpr einspan::ParsedSpec spec = einspan::check_einsum_spec("ij,jk->ik");
  return static_cast<int>(einspan::einsum<"ij,jk->ik">(a, a).size()) - 4 + spec.input_count - 2;
}
