// Must not compile: NumPy refuses `a & b` on floats ("ufunc 'bitwise_and' not supported for the
// input types"); the message says to convert first.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::ones<double>({3});
  (void)(a & a);
  return 0;
}
