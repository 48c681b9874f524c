#pragma once
// values(t): the old name of einspan::to_vector(t) (convert.hpp), the elements in C order as a
// std::vector. Kept only for test files written before to_vector existed; new tests call
// to_vector directly.
#include <einspan/tensor/convert.hpp>
#include <vector>

namespace einspan_test {

template <class T>
std::vector<T> values(const einspan::Tensor<T>& t) {
  return einspan::to_vector(t);
}

}  // namespace einspan_test
