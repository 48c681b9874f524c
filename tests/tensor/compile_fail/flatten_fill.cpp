// Must not compile: flatten() is always a copy, so filling it would leave a unchanged.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({2, 3});
  a.flatten().fill(7);
  return 0;
}
