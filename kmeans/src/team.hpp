#pragma once
// How many threads a fit runs, and OpenMP's thread count while it does (fit.cpp, sparse_fit.cpp).
#include <algorithm>
#include <einspan/kmeans/options.hpp>
#include <einspan/tensor/detail/parallel.hpp>
#include <omp.h>

namespace einspan::kmeans_detail {

// The threads that run a fit's row blocks: the requested number (at most one per block), or by default
// the thread policy's choice for one iteration's multiply-adds; one inside a parallel region; and
// at most one per min_work_per_thread multiply-adds.
inline int team_size(const KMeansOptions& options, index_t work, index_t blocks) {
  if (omp_in_parallel()) return 1;
  index_t team = options.threads > 0 ? std::min<index_t>(options.threads, blocks) : detail::parallel_threads(work, blocks);
  if (options.min_work_per_thread > 0) team = std::clamp<index_t>(work / options.min_work_per_thread, 1, team);
  return static_cast<int>(team);
}

// Sets OpenMP's thread count for the calling thread's next regions, and restores it.
class ScopedMaxThreads {
 public:
  explicit ScopedMaxThreads(int threads) : saved_(omp_get_max_threads()) {
    if (threads > 0) omp_set_num_threads(threads);
  }
  ~ScopedMaxThreads() { omp_set_num_threads(saved_); }
  ScopedMaxThreads(const ScopedMaxThreads&) = delete;
  ScopedMaxThreads& operator=(const ScopedMaxThreads&) = delete;

 private:
  int saved_;
};

}  // namespace einspan::kmeans_detail
