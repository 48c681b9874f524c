// Must not compile: `v = 0.0` on a named Tensor cannot rebind a handle to a number, and NumPy's
// v[...] = 0 is spelled v[ellipsis] = 0.0.
#include <einspan/tensor.hpp>

int main() {
  einspan::Tensor<double> v = einspan::zeros<double>({3});
  v = 0.0;
  return 0;
}
