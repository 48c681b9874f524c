// Must not compile: NumPy's quantile of bool needs boolean subtract, which it refuses
// (TypeError); the message says to convert first.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::ones<bool>({3});
  (void)einspan::quantile(a, 0.5);
  return 0;
}
