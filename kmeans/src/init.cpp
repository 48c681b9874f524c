#include <einspan/kmeans/init.hpp>

#include "fallback.hpp"
#include "validate.hpp"
#include <algorithm>
#include <array>
#include <cmath>
#include <einspan/kmeans/steps.hpp>
#include <einspan/tensor/create.hpp>
#include <numeric>
#include <random>
#include <unordered_set>

namespace einspan {
namespace {

constexpr index_t init_block_rows = 4096;

// Squared distances from every point to each of the `cands` rows (m, d), blockwise:
// out_b (b, m) = max(0, ||x||^2 - 2 x.c + ||c||^2), then fn(row0, out_b).
template <class T, class Fn>
void for_each_distance_block(const Tensor<T>& data, const Tensor<T>& x_norms, const Tensor<T>& cands,
                             const Tensor<T>& scratch, Fn&& fn) {
  const index_t n = data.dim(0), m = cands.dim(0);
  Tensor<T> c_norms = empty<T>({m});
  row_squared_norms(cands, c_norms);
  for (index_t r0 = 0; r0 < n; r0 += init_block_rows) {
    const index_t r1 = std::min(n, r0 + init_block_rows);
    const Tensor<T> out = scratch[{slice(0, r1 - r0)}];
    kmeans_detail::contract_rows(data[{slice(r0, r1)}], cands, out);
    for (index_t i = 0; i < r1 - r0; ++i)
      for (index_t j = 0; j < m; ++j) {
        T& v = out.data()[i * m + j];
        v = std::max(T{0}, x_norms.data()[r0 + i] - 2 * v + c_norms.data()[j]);
      }
    fn(r0, out);
  }
}

}  // namespace

template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data_in, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data_in, k);
  const Tensor<T> data = data_in.contiguous();
  const index_t n = data.dim(0), d = data.dim(1);
  const index_t trials = 2 + static_cast<index_t>(std::log(static_cast<double>(k)));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  Tensor<T> centers = empty<T>({k, d});
  Tensor<T> x_norms = empty<T>({n});
  row_squared_norms(data, x_norms);
  Tensor<T> closest = empty<T>({n});
  Tensor<T> scratch = empty<T>({std::min(n, init_block_rows), trials});

  index_t first = std::uniform_int_distribution<index_t>(0, n - 1)(rng);
  centers[0].assign(data[first]);
  double potential = 0;
  for_each_distance_block(data, x_norms, data[{slice(first, first + 1)}], scratch, [&](index_t r0, const Tensor<T>& out) {
    for (index_t i = 0; i < out.dim(0); ++i) potential += (closest.data()[r0 + i] = out.data()[i]);
  });

  std::vector<std::pair<double, index_t>> targets(static_cast<std::size_t>(trials));
  std::vector<index_t> candidate_ids(static_cast<std::size_t>(trials));
  std::vector<double> candidate_pot(static_cast<std::size_t>(trials));
  Tensor<T> candidates = empty<T>({trials, d});
  for (index_t c = 1; c < k; ++c) {
    // searchsorted(cumsum(closest), uniform(size=trials) * potential), in one sorted sweep.
    for (index_t t = 0; t < trials; ++t) targets[t] = {uniform(rng) * potential, t};
    std::sort(targets.begin(), targets.end());
    double running = 0;
    index_t i = 0;
    for (const auto& [target, t] : targets) {
      while (i < n && (running + closest.data()[i]) < target) running += closest.data()[i++];
      candidate_ids[t] = std::min(i, n - 1);
    }
    for (index_t t = 0; t < trials; ++t) candidates[t].assign(data[candidate_ids[t]]);
    // Potential after adding each candidate: sum(minimum(closest, distance to candidate)).
    std::fill(candidate_pot.begin(), candidate_pot.end(), 0.0);
    for_each_distance_block(data, x_norms, candidates, scratch, [&](index_t r0, const Tensor<T>& out) {
      for (index_t r = 0; r < out.dim(0); ++r)
        for (index_t t = 0; t < trials; ++t)
          candidate_pot[t] += std::min(closest.data()[r0 + r], out.data()[r * trials + t]);
    });
    const index_t best = std::min_element(candidate_pot.begin(), candidate_pot.end()) - candidate_pot.begin();
    potential = candidate_pot[best];
    const Tensor<T> chosen = candidates[{slice(best, best + 1)}];
    for_each_distance_block(data, x_norms, chosen, scratch, [&](index_t r0, const Tensor<T>& out) {
      for (index_t r = 0; r < out.dim(0); ++r)
        closest.data()[r0 + r] = std::min(closest.data()[r0 + r], out.data()[r]);
    });
    centers[c].assign(data[candidate_ids[best]]);
  }
  return centers;
}

template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data, k);
  const index_t n = data.dim(0);
  // Floyd's algorithm: k distinct indices without materialising a permutation of n.
  std::mt19937_64 rng(seed);
  std::unordered_set<index_t> chosen;
  std::vector<index_t> order;
  for (index_t j = n - k; j < n; ++j) {
    const index_t t = std::uniform_int_distribution<index_t>(0, j)(rng);
    const index_t pick = chosen.insert(t).second ? t : (chosen.insert(j), j);
    order.push_back(pick);
  }
  Tensor<T> centers = empty<T>({k, data.dim(1)});
  for (index_t c = 0; c < k; ++c) centers[c].assign(data[order[c]]);
  return centers;
}

template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t);
template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t);

}  // namespace einspan
