// Must not compile: select returns a fresh copy; NumPy's a[mask] = 7 is spelled a[mask] = 7.0.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({3, 3});
  einspan::select(a, a > 0.5) = 7.0;
  return 0;
}
