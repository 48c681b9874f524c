#include <einspan/kmeans/init.hpp>

#include "validate.hpp"
#include <algorithm>
#include <cmath>
#include <einspan/einsum.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/random.hpp>
#include <einspan/tensor/reduce.hpp>
#include <vector>

namespace einspan {
namespace {

constexpr index_t init_block_rows = 4096;

// Squared distances (m, c) from the rows of x (m, d) to the rows of cands (c, d), clamped at 0 as
// sklearn's euclidean_distances: ||x||^2 - 2 x.c + ||c||^2 with x_norms = ||x||^2.
template <class T>
Tensor<T> squared_distances(const Tensor<T>& x, const Tensor<T>& x_norms, const Tensor<T>& cands,
                            const Tensor<T>& c_norms) {
  Tensor<T> d = einsum("md,cd->mc", x, cands);
  multiply(d, T{-2}, d);
  add(d, x_norms[{_, newaxis}], d);
  add(d, c_norms, d);
  maximum(d, T{0}, d);
  return d;
}

}  // namespace

template <class T>
Tensor<T> kmeans_plusplus(const Tensor<T>& data_in, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data_in, k);
  const Tensor<T> data = data_in.contiguous();
  const index_t n = data.dim(0);
  const index_t trials = 2 + static_cast<index_t>(std::log(static_cast<double>(k)));
  Generator rng(seed);

  const Tensor<T> x_norms = einsum("nd,nd->n", data, data);
  Tensor<std::int64_t> chosen = empty<std::int64_t>({k});
  chosen(0) = rng.integers(0, n, {1})(0);
  Tensor<T> closest = empty<T>({n});
  // Runs fn(rows, x_block, distances (rows, c)) over row blocks, against the candidate rows.
  const auto for_each_block = [&](const Tensor<T>& cands, auto&& fn) {
    const Tensor<T> c_norms = einsum("cd,cd->c", cands, cands);
    for (index_t r0 = 0; r0 < n; r0 += init_block_rows) {
      const Slice rows = slice(r0, std::min(n, r0 + init_block_rows));
      fn(rows, squared_distances(data[{rows}], x_norms[{rows}], cands, c_norms));
    }
  };
  for_each_block(take(data, chosen[{slice(0, 1)}], 0), [&](Slice rows, const Tensor<T>& d) { closest[{rows}].assign(d[{_, 0}]); });
  double potential = sum(closest.template astype<double>()).item();

  std::vector<std::pair<double, index_t>> targets(static_cast<std::size_t>(trials));
  Tensor<std::int64_t> candidate_ids = empty<std::int64_t>({trials});
  for (index_t c = 1; c < k; ++c) {
    // np.searchsorted(np.cumsum(closest), rng.random(trials) * potential), in one sorted sweep.
    const Tensor<double> u = rng.random({trials});
    for (index_t t = 0; t < trials; ++t) targets[t] = {u(t) * potential, t};
    std::sort(targets.begin(), targets.end());
    double running = 0;
    index_t i = 0;
    for (const auto& [target, t] : targets) {
      while (i < n && running + closest(i) < target) running += closest(i++);
      candidate_ids(t) = std::min(i, n - 1);
    }
    // Potential with each candidate added: sum(minimum(closest, distance to candidate)).
    const Tensor<T> candidates = take(data, candidate_ids, 0);
    Tensor<double> pots = zeros<double>({trials});
    for_each_block(candidates, [&](Slice rows, const Tensor<T>& d) {
      pots += sum(minimum(d, closest[{rows}][{_, newaxis}]).template astype<double>(), 0);
    });
    const index_t best = argmin(pots).item();
    potential = pots(best);
    chosen(c) = candidate_ids(best);
    for_each_block(candidates[{slice(best, best + 1)}], [&](Slice rows, const Tensor<T>& d) {
      minimum(closest[{rows}], d[{_, 0}], closest[{rows}]);
    });
  }
  return take(data, chosen, 0);
}

template <class T>
Tensor<T> random_init(const Tensor<T>& data, index_t k, std::uint64_t seed) {
  kmeans_detail::check_data(data, k);
  return take(data, Generator(seed).choice(data.dim(0), k, false), 0);
}

template Tensor<float> kmeans_plusplus(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> kmeans_plusplus(const Tensor<double>&, index_t, std::uint64_t);
template Tensor<float> random_init(const Tensor<float>&, index_t, std::uint64_t);
template Tensor<double> random_init(const Tensor<double>&, index_t, std::uint64_t);

}  // namespace einspan
