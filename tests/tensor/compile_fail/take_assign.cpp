// Must not compile: take returns a fresh copy; NumPy's a[idx] = b is spelled a[idx] = b.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({3, 3});
  const auto idx = einspan::from_vector<std::int64_t>({0, 2});
  einspan::take(a, idx, 0).assign(einspan::ones<double>({3}));
  return 0;
}
