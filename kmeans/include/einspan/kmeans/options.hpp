#pragma once
// Options of a k-means fit, named after scikit-learn's KMeans parameters.
#include <cstdint>
#include <einspan/tensor/dims.hpp>
#include <functional>
#include <string_view>

namespace einspan {

// How the first centroids are chosen (given centroids go through the kmeans() overload that
// takes them).
enum class KMeansInit {
  kmeans_plusplus,  // greedy k-means++ with 2 + log(k) local trials, sklearn's default
  random,           // k distinct data points drawn uniformly, np.random.choice(n, k, replace=False)
};

// What a fit reports after each iteration (for progress display); see KMeansOptions::on_iteration.
struct KMeansIteration {
  index_t run = 0;           // which of the n_init runs, from 0
  index_t iteration = 0;     // from 1
  double inertia = 0;        // sum of squared distances to the centroids this iteration assigned to
  double center_shift = 0;   // sum over clusters of the squared centroid movement
  index_t labels_changed = 0;
  index_t reseeded = 0;      // empty clusters re-seeded in this iteration
};

struct KMeansOptions {
  index_t k = 8;
  index_t max_iter = 300;
  // Relative tolerance: the fit stops once the summed squared centroid shift is <= tol times the
  // mean per-feature variance of the data (sklearn's definition), or when no label changes.
  // tol = 0 runs exactly max_iter iterations, as the workshop does.
  double tol = 1e-4;
  KMeansInit init = KMeansInit::kmeans_plusplus;
  // Independent runs from different initialisations; the one with the lowest inertia wins.
  // Ignored (one run) when centroids are given.
  index_t n_init = 1;
  std::uint64_t seed = 0;
  // OpenMP threads; 0 means up to OpenMP's default (OMP_NUM_THREADS or the number of cores), fewer
  // when an iteration is too small to share (tensor/detail/parallel.hpp), and one inside a
  // parallel region. N > 0 asks for N threads (at most one per row block). The result is the same
  // on any number of threads: the blocks are summed in a fixed order that depends on the shape only.
  int threads = 0;
  // Multiply-adds of one iteration (n x k x d) that each thread must have for the fit to run it:
  // below threads x min_work_per_thread, the fit runs fewer threads (one below twice the value),
  // with the same result. A team's start and end wait for every thread to be scheduled, which
  // costs milliseconds when another process holds a core (docs/kmeans.md, "Threads"). 0 runs
  // every thread asked for. Negative: ValueError.
  index_t min_work_per_thread = index_t{1} << 23;
  // Rows per block of the assignment step; 0 picks a size that keeps a block's (rows, k)
  // distance matrix in cache. Memory beyond the data and the labels is O(threads * block + k * d).
  // The result's last bits depend on it (it fixes the order of the sums).
  index_t block_rows = 0;
  // Called after every iteration, on the calling thread. Must not throw.
  std::function<void(const KMeansIteration&)> on_iteration = nullptr;
};

// "k-means++" or "random" -> KMeansInit; throws ValueError for anything else.
KMeansInit parse_kmeans_init(std::string_view name);

}  // namespace einspan
