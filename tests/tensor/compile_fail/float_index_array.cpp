// Must not compile: a float array cannot index (NumPy's IndexError: arrays used as indices must
// be of integer (or boolean) type).
#include <einspan/tensor.hpp>

int main() {
  using namespace einspan;
  const auto a = zeros<double>({3, 3});
  const auto where = from_vector<double>({1.0});
  return static_cast<int>(a[{where, _}].size());
}
