// Must not compile: NumPy's tolist nests lists to a run-time rank; einspan points to to_vector.
#include <einspan/tensor.hpp>

int main() {
  const auto a = einspan::zeros<double>({2, 3});
  einspan::tolist(a);
  return 0;
}
