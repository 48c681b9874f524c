#pragma once
// The n_init runs of a fit (dense or sparse): run r starts from the initialisation drawn with seed
// options.seed (r = 0) or the r-th draw of mt19937_64(options.seed), and the lowest inertia wins.
#include <cstdint>
#include <einspan/kmeans/fit.hpp>
#include <random>
#include <utility>

namespace einspan::kmeans_detail {

// run(seed, r) fits run r from the initial centroids of `seed`; returns the best, best_run set.
template <class T, class Run>
KMeansResult<T> best_of_runs(const KMeansOptions& options, const Run& run) {
  std::mt19937_64 seeds(options.seed);
  KMeansResult<T> best;
  for (index_t r = 0; r < options.n_init; ++r) {
    const std::uint64_t seed = r == 0 ? options.seed : seeds();
    KMeansResult<T> result = run(seed, r);
    if (r == 0 || result.inertia < best.inertia) {
      best = std::move(result);
      best.best_run = r;
    }
  }
  return best;
}

}  // namespace einspan::kmeans_detail
