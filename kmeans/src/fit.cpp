#include <einspan/kmeans/fit.hpp>

#include "validate.hpp"
#include <algorithm>
#include <einspan/einsum.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/reduce.hpp>
#include <einspan/kmeans/init.hpp>
#include <einspan/kmeans/steps.hpp>
#include <einspan/tensor/create.hpp>
#include <omp.h>
#include <random>

namespace einspan {
namespace {

// Rows per block: the block's slice of the data (about 256 KiB) stays in L2 between the
// assignment, which reads it once, and the update, which reads it again.
index_t default_block_rows(index_t d) { return std::clamp<index_t>(index_t{32768} / std::max<index_t>(d, 1), 256, 8192); }

// Everything one thread needs for its share of the row blocks, allocated once per fit.
template <class T>
struct ThreadWorkspace {
  ThreadWorkspace(index_t rows, index_t k, index_t d)
      : assign(rows, k, d), update(rows, k, d), sums(zeros<T>({k, d})), counts(zeros<T>({k})),
        labels(zeros<std::int64_t>({rows})), changed_mask(zeros<bool>({rows})), changed(zeros<std::int64_t>({})),
        block_changed(zeros<std::int64_t>({})) {}
  AssignmentStep<T> assign;
  UpdateStep<T> update;
  Tensor<T> sums;                    // (k, d) partial cluster sums of this thread's blocks
  Tensor<T> counts;                  // (k,)
  Tensor<std::int64_t> labels;       // (rows,) labels of the current block before they are compared
  Tensor<bool> changed_mask;         // (rows,)
  Tensor<std::int64_t> changed;      // () labels changed in this thread's blocks
  Tensor<std::int64_t> block_changed;
};

// Mean over features of the per-feature variance (sklearn's scale for tol), blockwise so that no
// copy of the data is made.
template <class T>
double mean_variance(const Tensor<T>& data, index_t rows) {
  const index_t n = data.dim(0);
  Tensor<double> centre = zeros<double>({data.dim(1)});
  for (index_t r0 = 0; r0 < n; r0 += rows) centre += sum(data[{slice(r0, std::min(n, r0 + rows))}].template astype<double>(), 0);
  centre /= static_cast<double>(n);
  Tensor<double> squares = zeros<double>({data.dim(1)});
  for (index_t r0 = 0; r0 < n; r0 += rows) {
    const Tensor<double> x = data[{slice(r0, std::min(n, r0 + rows))}].template astype<double>();
    squares += sum(square(x - centre), 0);
  }
  return mean(squares).item() / static_cast<double>(n);
}

// One Lloyd fit at a time over fixed data; the buffers are reused by every run of n_init.
template <class T>
class Lloyd {
 public:
  Lloyd(const Tensor<T>& data, const KMeansOptions& options, index_t k)
      : data_(data), options_(options), n_(data.dim(0)), d_(data.dim(1)), k_(k),
        rows_(std::min(n_, options.block_rows > 0 ? options.block_rows : default_block_rows(d_))),
        blocks_((n_ + rows_ - 1) / rows_),
        threads_(static_cast<int>(std::clamp<index_t>(options.threads > 0 ? options.threads : omp_get_max_threads(), 1, blocks_))),
        labels_(empty<std::int64_t>({n_})), centroids_(empty<T>({k, d_})), sums_(empty<T>({k, d_})),
        counts_(empty<T>({k})), diff_(empty<T>({k, d_})), c_norms_(empty<T>({k})), scalar_(zeros<T>({})),
        far_index_(empty<std::int64_t>({k})), far_distance_(empty<double>({k})),
        pair_sum_("kd,kd->", centroids_, sums_), row_norms_("kd,kd->k", centroids_, centroids_),
        dot_("k,k->", counts_, c_norms_) {
    // sum ||x||^2 over the data, for the inertia of each iteration from the cluster statistics.
    Tensor<double> total = zeros<double>({});
    for (index_t b = 0; b < blocks_; ++b) {
      const Tensor<T> x = block(data_, b);
      total += sum(einsum("md,md->m", x, x).template astype<double>());
    }
    sum_x_norms_ = total.item();
    workspaces_.reserve(static_cast<std::size_t>(threads_));
    for (int t = 0; t < threads_; ++t) workspaces_.emplace_back(rows_, k_, d_);
    tol_ = options.tol > 0 ? options.tol * mean_variance(data_, rows_) : 0.0;
  }

  KMeansResult<T> run(const Tensor<T>& initial, index_t run_index) {
    KMeansResult<T> result;
    centroids_.assign(initial);
    labels_.fill(-1);
    result.inertia_history.reserve(static_cast<std::size_t>(options_.max_iter));
    bool strict = false;
    for (index_t it = 1; it <= options_.max_iter; ++it) {
      KMeansIteration info{run_index, it, 0, 0, 0, 0};
      info.labels_changed = assign_and_accumulate(true);
      info.inertia = inertia_from_statistics();
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
    if (!strict) assign_and_accumulate(false);
    result.inertia = exact_inertia();
    result.centroids = centroids_.copy();
    result.labels = labels_.copy();
    return result;
  }

 private:
  template <class U>
  Tensor<U> block(const Tensor<U>& t, index_t b) const {
    return t[{slice(b * rows_, std::min(n_, (b + 1) * rows_))}];
  }

  // Assigns every point to its nearest centroid (blocks spread over the threads) and, when
  // `update`, accumulates the cluster sums and sizes into sums_/counts_. Returns how many labels
  // changed.
  index_t assign_and_accumulate(bool update) {
#pragma omp parallel num_threads(threads_)
    {
      ThreadWorkspace<T>& ws = workspaces_[static_cast<std::size_t>(omp_get_thread_num())];
      ws.assign.set_centroids(centroids_);
      ws.changed.fill(0);
      if (update) {
        ws.sums.fill(T{0});
        ws.counts.fill(T{0});
      }
#pragma omp for schedule(static)
      for (index_t b = 0; b < blocks_; ++b) {
        const Tensor<T> x = block(data_, b);
        const index_t m = x.dim(0);
        const Tensor<std::int64_t> fresh = ws.labels[{slice(0, m)}];
        ws.assign(x, fresh);
        const Tensor<std::int64_t> old = block(labels_, b);
        const Tensor<bool> mask = ws.changed_mask[{slice(0, m)}];
        not_equal(fresh, old, mask);
        sum(mask, Axes::all(), ws.block_changed);
        add(ws.changed, ws.block_changed, ws.changed);
        old.assign(fresh);
        if (update) ws.update.accumulate(x, fresh, ws.sums, ws.counts);
      }
    }
    index_t changed = 0;
    if (update) {
      sums_.fill(T{0});
      counts_.fill(T{0});
    }
    for (const ThreadWorkspace<T>& ws : workspaces_) {
      changed += ws.changed.item();
      if (update) {
        add(sums_, ws.sums, sums_);
        add(counts_, ws.counts, counts_);
      }
    }
    return changed;
  }

  // Inertia of this iteration's assignment against the centroids it used, from the cluster
  // statistics alone: sum ||x||^2 - 2 sum_j c_j . S_j + sum_j n_j ||c_j||^2.
  double inertia_from_statistics() {
    pair_sum_(scalar_, centroids_, sums_);
    const double cross = scalar_.item();
    row_norms_(c_norms_, centroids_, centroids_);
    dot_(scalar_, counts_, c_norms_);
    return std::max(0.0, sum_x_norms_ - 2 * cross + static_cast<double>(scalar_.item()));
  }

  // sklearn's _relocate_empty_clusters_dense: each empty cluster takes one of the points farthest
  // from their (previous) centroid, which leaves its old cluster. Returns how many were re-seeded.
  // Rare, so the exact distances it needs are computed with allocating expressions.
  index_t reseed_empty_clusters() {
    index_t empty_count = 0;
    for (index_t j = 0; j < k_; ++j) empty_count += counts_(j) == T{0};
    if (empty_count == 0) return 0;
    // The empty_count largest distances, largest first (earlier index first on ties).
    std::int64_t* far = far_index_.data();
    double* far_d = far_distance_.data();
    index_t found = 0;
    for (index_t b = 0; b < blocks_; ++b) {
      const Tensor<T> x = block(data_, b);
      const Tensor<T> dist = sum(square(x - take(centroids_, block(labels_, b), 0)), 1);
      for (index_t i = 0; i < x.dim(0); ++i) {
        const double v = dist(i);
        if (found == empty_count && v <= far_d[found - 1]) continue;
        index_t pos = found < empty_count ? found++ : empty_count - 1;
        for (; pos > 0 && far_d[pos - 1] < v; --pos) {
          far_d[pos] = far_d[pos - 1];
          far[pos] = far[pos - 1];
        }
        far_d[pos] = v;
        far[pos] = b * rows_ + i;
      }
    }
    index_t next = 0;
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) != T{0}) continue;
      const index_t p = far[next++];
      const std::int64_t old = labels_(p);
      subtract(sums_[old], data_[p], sums_[old]);
      sums_[j].assign(data_[p]);
      counts_(old) -= T{1};
      counts_(j) = T{1};
    }
    return empty_count;
  }

  // centroids = sums / counts[:, None]; returns the summed squared shift. A cluster left with no
  // point (its only point re-seeded another) keeps its centroid rather than becoming NaN.
  double move_centroids() {
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) != T{0}) continue;
      sums_[j].assign(centroids_[j]);
      counts_(j) = T{1};
    }
    divide(sums_, counts_[{_, newaxis}], sums_);
    subtract(sums_, centroids_, diff_);
    pair_sum_(scalar_, diff_, diff_);
    centroids_.assign(sums_);
    return static_cast<double>(scalar_.item());
  }

  // sum ||x - c[label]||^2, computed directly (no expanded norm) for the reported inertia.
  double exact_inertia() {
    double total = 0;
    for (index_t b = 0; b < blocks_; ++b) {
      const Tensor<T> x = block(data_, b);
      total += sum(square(x - take(centroids_, block(labels_, b), 0)).template astype<double>()).item();
    }
    return total;
  }

  Tensor<T> data_;
  const KMeansOptions& options_;
  index_t n_, d_, k_, rows_, blocks_;
  int threads_;
  double tol_ = 0;
  double sum_x_norms_ = 0;
  Tensor<std::int64_t> labels_;
  Tensor<T> centroids_;
  Tensor<T> sums_;
  Tensor<T> counts_;
  Tensor<T> diff_;
  Tensor<T> c_norms_;
  Tensor<T> scalar_;
  Tensor<std::int64_t> far_index_;
  Tensor<double> far_distance_;
  EinsumPlan<T> pair_sum_, row_norms_, dot_;
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
