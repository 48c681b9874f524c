#include <einspan/kmeans/fit.hpp>

#include "fallback.hpp"
#include "validate.hpp"
#include <algorithm>
#include <einspan/kmeans/init.hpp>
#include <einspan/kmeans/steps.hpp>
#include <einspan/tensor/create.hpp>
#include <omp.h>
#include <random>

namespace einspan {
namespace {

// Rows per assignment block: the block's (rows, k) distance matrix and its (rows, d) slice of
// the data stay in L2 (about 256 KiB each in double).
index_t default_block_rows(index_t k, index_t d) {
  return std::clamp<index_t>(index_t{32768} / std::max(k, d), 64, 4096);
}

// Everything one thread needs for its share of the row blocks, allocated once per fit.
template <class T>
struct ThreadWorkspace {
  ThreadWorkspace(index_t rows, index_t k, index_t d)
      : assign(rows, k, d), update(rows, k, d), sums(zeros<T>({k, d})), counts(zeros<std::int64_t>({k})),
        labels(empty<std::int64_t>({rows})), distances(empty<T>({rows})) {}
  AssignmentStep<T> assign;
  UpdateStep<T> update;
  Tensor<T> sums;                // (k, d) partial cluster sums of this thread's blocks
  Tensor<std::int64_t> counts;   // (k,)
  Tensor<std::int64_t> labels;   // (rows,) labels of the current block before they are compared
  Tensor<T> distances;           // (rows,)
  double inertia = 0;
  index_t changed = 0;
};

// Mean over features of the per-feature variance (sklearn's scale for tol).
template <class T>
double mean_variance(const Tensor<T>& data) {
  const index_t n = data.dim(0), d = data.dim(1);
  std::vector<double> mean(static_cast<std::size_t>(d), 0.0), var(static_cast<std::size_t>(d), 0.0);
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < d; ++j) mean[j] += data.data()[i * d + j];
  for (double& m : mean) m /= static_cast<double>(n);
  for (index_t i = 0; i < n; ++i)
    for (index_t j = 0; j < d; ++j) {
      const double c = data.data()[i * d + j] - mean[j];
      var[j] += c * c;
    }
  double total = 0;
  for (double v : var) total += v / static_cast<double>(n);
  return total / static_cast<double>(d);
}

// One Lloyd fit at a time over fixed data; the buffers are reused by every run of n_init.
template <class T>
class Lloyd {
 public:
  Lloyd(const Tensor<T>& data, const KMeansOptions& options, index_t k)
      : data_(data), options_(options), n_(data.dim(0)), d_(data.dim(1)), k_(k),
        rows_(std::min(n_, options.block_rows > 0 ? options.block_rows : default_block_rows(k, d_))),
        blocks_((n_ + rows_ - 1) / rows_),
        threads_(static_cast<int>(std::clamp<index_t>(options.threads > 0 ? options.threads : omp_get_max_threads(), 1, blocks_))),
        x_norms_(empty<T>({n_})), labels_(empty<std::int64_t>({n_})), centroids_(empty<T>({k, d_})),
        sums_(empty<T>({k, d_})), counts_(empty<std::int64_t>({k})), far_index_(empty<std::int64_t>({k})),
        far_distance_(empty<double>({k})) {
    row_squared_norms(data_, x_norms_);
    workspaces_.reserve(static_cast<std::size_t>(threads_));
    for (int t = 0; t < threads_; ++t) workspaces_.emplace_back(rows_, k_, d_);
    tol_ = options.tol > 0 ? options.tol * mean_variance(data_) : 0.0;
  }

  KMeansResult<T> run(const Tensor<T>& initial, index_t run_index) {
    KMeansResult<T> result;
    centroids_.assign(initial);
    labels_.fill(-1);
    result.inertia_history.reserve(static_cast<std::size_t>(options_.max_iter));
    bool strict = false;
    for (index_t it = 1; it <= options_.max_iter; ++it) {
      KMeansIteration info{run_index, it, 0, 0, 0, 0};
      assign_and_accumulate(true, info);
      info.reseeded = reseed_empty_clusters();
      info.center_shift = move_centroids();
      result.inertia_history.push_back(info.inertia);
      result.reseeded += info.reseeded;
      result.iterations = it;
      if (options_.on_iteration) options_.on_iteration(info);
      strict = info.labels_changed == 0;
      result.converged = strict || (options_.tol > 0 && info.center_shift <= tol_);
      if (options_.tol > 0 && result.converged) break;
    }
    // Labels must describe the final centroids; the last assignment saw the previous ones.
    if (!strict) {
      KMeansIteration info;
      assign_and_accumulate(false, info);
    }
    result.inertia = exact_inertia();
    result.centroids = centroids_.copy();
    result.labels = labels_.copy();
    return result;
  }

 private:
  Tensor<T> block(const Tensor<T>& t, index_t b) const { return t[{slice(b * rows_, std::min(n_, (b + 1) * rows_))}]; }
  Tensor<std::int64_t> block(const Tensor<std::int64_t>& t, index_t b) const {
    return t[{slice(b * rows_, std::min(n_, (b + 1) * rows_))}];
  }

  // Assigns every point to its nearest centroid (blocks spread over the threads) and, when
  // `update`, accumulates the cluster sums and sizes into sums_/counts_.
  void assign_and_accumulate(bool update, KMeansIteration& info) {
#pragma omp parallel num_threads(threads_)
    {
      ThreadWorkspace<T>& ws = workspaces_[static_cast<std::size_t>(omp_get_thread_num())];
      ws.assign.set_centroids(centroids_);
      ws.inertia = 0;
      ws.changed = 0;
      if (update) {
        ws.sums.fill(T{0});
        ws.counts.fill(0);
      }
#pragma omp for schedule(static)
      for (index_t b = 0; b < blocks_; ++b) {
        const Tensor<T> x = block(data_, b);
        const index_t m = x.dim(0);
        const Tensor<std::int64_t> fresh = ws.labels[{slice(0, m)}];
        const Tensor<T> dist = ws.distances[{slice(0, m)}];
        ws.inertia += ws.assign(x, block(x_norms_, b), fresh, dist);
        const Tensor<std::int64_t> old = block(labels_, b);
        std::int64_t* o = old.data();
        const std::int64_t* f = fresh.data();
        for (index_t i = 0; i < m; ++i) ws.changed += o[i] != f[i];
        old.assign(fresh);
        if (update) ws.update.accumulate(x, fresh, ws.sums, ws.counts);
      }
    }
    sums_.fill(T{0});
    counts_.fill(0);
    for (const ThreadWorkspace<T>& ws : workspaces_) {
      info.inertia += ws.inertia;
      info.labels_changed += ws.changed;
      if (update) {
        for (index_t i = 0; i < k_ * d_; ++i) sums_.data()[i] += ws.sums.data()[i];
        for (index_t j = 0; j < k_; ++j) counts_.data()[j] += ws.counts.data()[j];
      }
    }
  }

  // sklearn's _relocate_empty_clusters_dense: each empty cluster takes one of the points farthest
  // from their (previous) centroid, which leaves its old cluster. Returns how many were re-seeded.
  index_t reseed_empty_clusters() {
    index_t empty_count = 0;
    for (index_t j = 0; j < k_; ++j) empty_count += counts_.data()[j] == 0;
    if (empty_count == 0) return 0;
    // The empty_count largest exact distances, largest first (earlier index first on ties).
    std::int64_t* far = far_index_.data();
    double* far_d = far_distance_.data();
    index_t found = 0;
    ThreadWorkspace<T>& ws = workspaces_[0];
    for (index_t b = 0; b < blocks_; ++b) {
      const Tensor<T> x = block(data_, b);
      const Tensor<T> dist = ws.distances[{slice(0, x.dim(0))}];
      kmeans_detail::distances_to_assigned(x, centroids_, block(labels_, b), dist);
      for (index_t i = 0; i < x.dim(0); ++i) {
        const double v = dist.data()[i];
        if (found == empty_count && v <= far_d[found - 1]) continue;
        index_t pos = found < empty_count ? found++ : empty_count - 1;
        while (pos > 0 && far_d[pos - 1] < v) {
          far_d[pos] = far_d[pos - 1];
          far[pos] = far[pos - 1];
          --pos;
        }
        far_d[pos] = v;
        far[pos] = b * rows_ + i;
      }
    }
    index_t next = 0;
    for (index_t j = 0; j < k_; ++j) {
      if (counts_.data()[j] != 0) continue;
      const index_t p = far[next++];
      const std::int64_t old = labels_.data()[p];
      const Tensor<T> point = data_[p];
      const Tensor<T> old_sum = sums_[old];
      for (index_t c = 0; c < d_; ++c) old_sum.data()[c] -= point.data()[c];
      sums_[j].assign(point);
      counts_.data()[old] -= 1;
      counts_.data()[j] = 1;
    }
    return empty_count;
  }

  // centroids = sums / counts (a cluster left with no point keeps its centroid); returns the
  // summed squared shift.
  double move_centroids() {
    double shift = 0;
    for (index_t j = 0; j < k_; ++j) {
      const std::int64_t count = counts_.data()[j];
      if (count == 0) continue;
      const T scale = T{1} / static_cast<T>(count);
      T* c = centroids_.data() + j * d_;
      const T* s = sums_.data() + j * d_;
      for (index_t q = 0; q < d_; ++q) {
        const T moved = s[q] * scale;
        shift += static_cast<double>(moved - c[q]) * static_cast<double>(moved - c[q]);
        c[q] = moved;
      }
    }
    return shift;
  }

  double exact_inertia() {
    double total = 0;
    ThreadWorkspace<T>& ws = workspaces_[0];
    for (index_t b = 0; b < blocks_; ++b) {
      const Tensor<T> x = block(data_, b);
      const Tensor<T> dist = ws.distances[{slice(0, x.dim(0))}];
      kmeans_detail::distances_to_assigned(x, centroids_, block(labels_, b), dist);
      for (const T v : dist) total += v;
    }
    return total;
  }

  Tensor<T> data_;
  const KMeansOptions& options_;
  index_t n_, d_, k_, rows_, blocks_;
  int threads_;
  double tol_ = 0;
  Tensor<T> x_norms_;
  Tensor<std::int64_t> labels_;
  Tensor<T> centroids_;
  Tensor<T> sums_;
  Tensor<std::int64_t> counts_;
  Tensor<std::int64_t> far_index_;
  Tensor<double> far_distance_;
  std::vector<ThreadWorkspace<T>> workspaces_;
};

void check_options(const KMeansOptions& options) {
  if (options.max_iter <= 0) throw ValueError(fmt::format("kmeans: max_iter must be positive, got {}", options.max_iter));
  if (!(options.tol >= 0)) throw ValueError(fmt::format("kmeans: tol must be >= 0, got {}", options.tol));
  if (options.n_init <= 0) throw ValueError(fmt::format("kmeans: n_init must be positive, got {}", options.n_init));
  if (options.threads < 0) throw ValueError(fmt::format("kmeans: threads must be >= 0, got {}", options.threads));
}

}  // namespace

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const KMeansOptions& options) {
  check_options(options);
  kmeans_detail::check_data(data, options.k);
  const Tensor<T> x = data.contiguous();
  Lloyd<T> lloyd(x, options, options.k);
  std::mt19937_64 seeds(options.seed);
  KMeansResult<T> best;
  for (index_t r = 0; r < options.n_init; ++r) {
    const std::uint64_t seed = r == 0 ? options.seed : seeds();
    const Tensor<T> initial = options.init == KMeansInit::kmeans_plusplus ? kmeans_plusplus(x, options.k, seed)
                                                                          : random_init(x, options.k, seed);
    KMeansResult<T> result = lloyd.run(initial, r);
    if (r == 0 || result.inertia < best.inertia) {
      best = std::move(result);
      best.best_run = r;
    }
  }
  return best;
}

template <class T>
KMeansResult<T> kmeans(const Tensor<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options) {
  check_options(options);
  const index_t k = initial_centroids.ndim() == 2 ? initial_centroids.dim(0) : -1;
  if (data.ndim() == 2 && (k < 0 || initial_centroids.dim(1) != data.dim(1) || (options.k != 0 && options.k != k)))
    throw ShapeError(fmt::format("kmeans: initial centroids have shape {}, expected ({}, {})",
                                 format_shape(initial_centroids.shape()), options.k != 0 ? options.k : k, data.dim(1)));
  kmeans_detail::check_data(data, k);
  if (!kmeans_detail::all_finite(initial_centroids)) throw ValueError("kmeans: initial centroids contain NaN or infinity");
  Lloyd<T> lloyd(data.contiguous(), options, k);
  return lloyd.run(initial_centroids, 0);
}

template KMeansResult<float> kmeans(const Tensor<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const Tensor<double>&, const KMeansOptions&);
template KMeansResult<float> kmeans(const Tensor<float>&, const Tensor<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const Tensor<double>&, const Tensor<double>&, const KMeansOptions&);

}  // namespace einspan
