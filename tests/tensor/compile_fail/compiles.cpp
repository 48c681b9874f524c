// Must compile: the control case, every write spelling that einspan accepts.
#include <einspan/tensor.hpp>

int main() {
  using namespace einspan;
  auto a = zeros<double>({3, 3});
  const auto idx = from_vector<std::int64_t>({0, 2});
  a[{_, 1}] = ones<double>({3});
  a[{slice(1, 3)}] = 0.0;
  a[{ellipsis, 0}] = a[{ellipsis, 1}];
  a.T() = a;
  a(1, 2) = 4.0;
  a[1] = 2;
  a[a > 0.5] = 7.0;
  a[idx] = ones<std::int64_t>({3});
  a[{_, idx}] += 1.0;
  a[idx].fill(3.0);
  Tensor<double> v = a[{_, 1}];
  v = a;
  v[ellipsis] = 1.0;
  v.fill(2.0);
  return static_cast<int>(a(0, 0)) - 3;
}
