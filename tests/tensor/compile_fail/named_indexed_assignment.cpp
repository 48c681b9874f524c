// Must not compile: s holds a copy of a[idx]; `s = 1.0` can neither rebind it nor write into a.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({3});
  auto s = a[einspan::from_vector<std::int64_t>({0, 2})];
  s = 1.0;
  return 0;
}
