#pragma once
// Every multi-index of a shape in C order: the loop that brute-force oracles walk, written
// independently of einspan's own loop engine.
#include <einspan/tensor/dims.hpp>
#include <vector>

namespace einspan_test {

using MultiIndex = std::vector<einspan::index_t>;

inline std::vector<MultiIndex> all_indices(const einspan::Dims& shape) {
  std::vector<MultiIndex> out;
  if (einspan::shape_size(shape) == 0) return out;
  MultiIndex idx(shape.size(), 0);
  while (true) {
    out.push_back(idx);
    std::size_t k = shape.size();
    while (k > 0) {
      if (++idx[k - 1] < shape[k - 1]) break;
      idx[k - 1] = 0;
      --k;
    }
    if (k == 0) return out;
  }
}

}  // namespace einspan_test
