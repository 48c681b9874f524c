#pragma once
// Random sparse matrices for the sparse tests, with a dense oracle computed straight from the
// triplets (no einspan code involved). Values are small integers, so every sum and product the
// tests form is exact in float and double and results can be compared with ==.
#include <algorithm>
#include <einspan/sparse/csc_matrix.hpp>
#include <random>
#include <vector>

namespace einspan::sparse::test_support {

template <class T>
struct Triplets {
  index_t rows = 0;
  index_t cols = 0;
  std::vector<T> values;
  std::vector<index_t> r;
  std::vector<index_t> c;

  // The dense matrix, row-major, duplicates summed.
  std::vector<T> dense() const {
    std::vector<T> out(static_cast<std::size_t>(rows * cols), T{0});
    for (std::size_t p = 0; p < values.size(); ++p) out[static_cast<std::size_t>(r[p] * cols + c[p])] += values[p];
    return out;
  }
};

// Each cell is occupied with probability `density`; every third column is left empty; an occupied
// cell is sometimes split into two triplets (a duplicate); the triplets come in random order.
template <class T>
Triplets<T> random_triplets(std::mt19937_64& rng, index_t rows, index_t cols, double density) {
  Triplets<T> t{rows, cols, {}, {}, {}};
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<int> value(-9, 9);
  for (index_t j = 0; j < cols; ++j) {
    if (j % 3 == 2) continue;
    for (index_t i = 0; i < rows; ++i) {
      if (coin(rng) >= density) continue;
      int v = value(rng);
      if (v == 0) v = 5;
      if (coin(rng) < 0.2) {
        const int part = value(rng);
        t.values.push_back(static_cast<T>(part));
        t.r.push_back(i);
        t.c.push_back(j);
        v -= part;
      }
      t.values.push_back(static_cast<T>(v));
      t.r.push_back(i);
      t.c.push_back(j);
    }
  }
  std::vector<std::size_t> order(t.values.size());
  for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
  std::shuffle(order.begin(), order.end(), rng);
  Triplets<T> shuffled{rows, cols, {}, {}, {}};
  for (const std::size_t p : order) {
    shuffled.values.push_back(t.values[p]);
    shuffled.r.push_back(t.r[p]);
    shuffled.c.push_back(t.c[p]);
  }
  return shuffled;
}

// The shapes every randomized test walks through, with their densities.
struct Case {
  index_t rows;
  index_t cols;
  double density;
};
inline const std::vector<Case>& random_cases() {
  static const std::vector<Case> cases = {
      {0, 0, 0.5}, {0, 5, 0.5}, {5, 0, 0.5}, {1, 17, 0.5}, {17, 1, 0.5}, {1, 1, 1.0}, {6, 9, 0.0},
      {6, 9, 0.1}, {6, 9, 0.5}, {6, 9, 1.0}, {40, 25, 0.05}, {25, 40, 0.3}, {64, 64, 0.9},
  };
  return cases;
}

// The dense tensor of a row-major vector.
template <class T>
Tensor<T> tensor_of(const std::vector<T>& values, index_t rows, index_t cols) {
  Tensor<T> out = Tensor<T>::fresh({rows, cols});
  std::copy(values.begin(), values.end(), out.data());
  return out;
}

// Row-major values of any 2-d tensor, read through its strides.
template <class T>
std::vector<T> values_of(const Tensor<T>& t) {
  return std::vector<T>(t.begin(), t.end());
}

}  // namespace einspan::sparse::test_support
