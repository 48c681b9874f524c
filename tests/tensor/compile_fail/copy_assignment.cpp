// Must not compile: writing into a.copy() would change nothing.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({3});
  a.copy() = einspan::ones<double>({3});
  return 0;
}
