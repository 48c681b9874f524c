// Must not compile: NumPy has no sign loop for bool (UFuncTypeError); the message says to convert
// first or to use the tensor itself.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::ones<bool>({3});
  (void)einspan::sign(a);
  return 0;
}
