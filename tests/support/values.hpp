#pragma once
// values(t): a tensor's elements in C order as a std::vector, to compare with expected lists.
#include <einspan/tensor/tensor.hpp>
#include <vector>

namespace einspan_test {

template <class T>
std::vector<T> values(const einspan::Tensor<T>& t) {
  return std::vector<T>(t.begin(), t.end());
}

}  // namespace einspan_test
