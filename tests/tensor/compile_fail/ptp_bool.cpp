// Must not compile: NumPy's ptp of bool needs boolean subtract, which it refuses (TypeError); the
// message offers any/all or a conversion.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::ones<bool>({3});
  (void)einspan::ptp(a);
  return 0;
}
