// Must not compile: a Tensor<double> handle cannot be rebound to a Tensor<int64_t>.
#include <einspan/tensor.hpp>

int main() {
  einspan::Tensor<double> v = einspan::zeros<double>({3});
  v = einspan::zeros<std::int64_t>({3});
  return 0;
}
