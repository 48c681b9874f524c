// Must not compile: filling the copy that select returns would leave a unchanged.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({3, 3});
  einspan::select(a, a > 0.5).fill(7);
  return 0;
}
