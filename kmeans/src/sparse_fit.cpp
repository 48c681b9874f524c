// k-means (Lloyd) on the rows of a CSR matrix: scikit-learn's KMeans(algorithm="lloyd") on sparse
// X, with dense (k, d) centroids. An iteration is two sparse primitives (sparse/):
//
//   assignment   labels = argmin_j (0.5 ||c_j||^2 - x . c_j)      sparse::matmul_argmin(X, C.T, ...)
//   update       sums = one_hot(labels) @ X, counts = bincount    sparse::add_rows_by_label
//
// The assignment runs by row blocks on the fit's threads (each row's label depends on that row
// only); the update adds the rows in row order on the calling thread, O(nnz). Every sum is taken
// in an order fixed by the data's shape, so the result is the same on any number of threads.
#include <einspan/kmeans/fit.hpp>

#include "chains.hpp"
#include "fit_across.hpp"
#include "rows.hpp"
#include "runs.hpp"
#include "team.hpp"
#include "validate.hpp"
#include <algorithm>
#include <einspan/einsum.hpp>
#include <einspan/sparse/add_rows_by_label.hpp>
#include <einspan/sparse/matmul_argmin.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <exception>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace einspan {
namespace {

using sparse::CsrMatrix;


template <class T>
class SparseLloyd {
 public:
  // weights: one per row of x, or nullptr for unit weights.
  SparseLloyd(const CsrMatrix<T>& x, const Tensor<T>* weights, const KMeansOptions& options, index_t k)
      : x_(x), weights_(weights), options_(options), n_(x.rows()), d_(x.cols()), k_(k),
        rows_(options.block_rows > 0 ? options.block_rows : kmeans_detail::sparse_block_rows),
        blocks_((n_ + rows_ - 1) / rows_),
        team_(kmeans_detail::team_size(options, x.nnz() * k, blocks_)), labels_(empty<std::int64_t>({n_})),
        fresh_(empty<std::int64_t>({n_})), minima_(empty<T>({n_})), x_norms_(zeros<double>({n_})),
        centroids_(empty<T>({k, d_})), transposed_(empty<T>({d_, k})), bias_(empty<T>({k})),
        sums_(empty<T>({k, d_})), counts_(empty<T>({k})), block_inertia_(static_cast<std::size_t>(blocks_)),
        block_changed_(static_cast<std::size_t>(blocks_)), row_norms_("kd,kd->k", centroids_, centroids_) {
    for (index_t i = 0; i < n_; ++i)
      for (index_t p = x.indptr()[i]; p < x.indptr()[i + 1]; ++p)
        x_norms_(i) += static_cast<double>(x.data()[p]) * static_cast<double>(x.data()[p]);
    tol_ = options.tol > 0 ? options.tol * mean_variance() : 0.0;
  }

  KMeansResult<T> run(const Tensor<T>& initial, index_t run_index) {
    KMeansResult<T> result;
    centroids_.assign(initial);
    if (labels_.size() != n_) labels_ = empty<std::int64_t>({n_});  // the previous run's result took them
    labels_.fill(-1);
    result.inertia_history.reserve(static_cast<std::size_t>(options_.max_iter));
    bool strict = false;
    for (index_t it = 1; it <= options_.max_iter; ++it) {
      KMeansIteration info{run_index, it, 0, 0, 0, 0};
      info.labels_changed = assign();
      info.inertia = iteration_inertia();
      update();
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
    if (!strict) assign();
    result.threads_run = team_;
    result.inertia = exact_inertia();
    result.centroids = centroids_.copy();
    result.labels = std::exchange(labels_, Tensor<std::int64_t>());
    return result;
  }

 private:
  T weight(index_t i) const { return weights_ ? (*weights_)(i) : T{1}; }

  // Labels against centroids_ for every row, by blocks on the team; returns how many changed.
  index_t assign() {
    transposed_.assign(centroids_.T());
    row_norms_(bias_, centroids_, centroids_);
    multiply(bias_, T{0.5}, bias_);
    std::exception_ptr failure;  // none expected (the shapes are the fit's own): rethrown after the region
#pragma omp parallel for if (team_ > 1) num_threads(team_) schedule(dynamic, 1)
    for (index_t b = 0; b < blocks_; ++b) {
      const index_t r0 = b * rows_, r1 = std::min(n_, r0 + rows_);
      const auto m = static_cast<std::size_t>(r1 - r0);
      std::int64_t* fresh = fresh_.data() + r0;
      T* minima = minima_.data() + r0;
      try {
        sparse::matmul_argmin(x_, transposed_, bias_, T{-1}, r0, r1, std::span(fresh, m), std::span(minima, m));
      } catch (...) {
#pragma omp critical(einspan_kmeans_sparse_fit)
        if (!failure) failure = std::current_exception();
        continue;
      }
      index_t changed = 0;
      double inertia = 0;  // sum w (||x||^2 - 2 x.c + ||c||^2) = sum w (||x||^2 + 2 minimum)
      for (index_t i = r0; i < r1; ++i) {
        changed += labels_(i) != fresh_(i);
        labels_(i) = fresh_(i);
        inertia += static_cast<double>(weight(i)) * (x_norms_(i) + 2 * static_cast<double>(minima_(i)));
      }
      block_changed_[static_cast<std::size_t>(b)] = changed;
      block_inertia_[static_cast<std::size_t>(b)] = inertia;
    }
    if (failure) std::rethrow_exception(failure);
    index_t changed = 0;
    for (const index_t c : block_changed_) changed += c;
    return changed;
  }

  // This iteration's inertia from the assignment's minima, added in block order.
  double iteration_inertia() const {
    double total = 0;
    for (const double v : block_inertia_) total += v;
    return std::max(0.0, total);
  }

  void update() {
    sums_.fill(T{0});
    counts_.fill(T{0});
    const std::span<const T> w =
        weights_ ? std::span<const T>(weights_->data(), static_cast<std::size_t>(n_)) : std::span<const T>();
    sparse::add_rows_by_label(x_, std::span<const std::int64_t>(labels_.data(), static_cast<std::size_t>(n_)), w,
                              sums_, counts_);
  }

  // ||c_j||^2 of every centroid, in double.
  std::vector<double> centroid_norms() const {
    std::vector<double> norms(static_cast<std::size_t>(k_));
    for (index_t j = 0; j < k_; ++j)
      for (index_t q = 0; q < d_; ++q) norms[static_cast<std::size_t>(j)] += static_cast<double>(centroids_(j, q)) * centroids_(j, q);
    return norms;
  }

  // ||x_i - c_j||^2 from the differences (rows.hpp); norms from centroid_norms().
  double distance(index_t i, index_t j, const std::vector<double>& norms) const {
    return kmeans_detail::squared_distance(x_, i, centroids_.data() + j * d_, norms[static_cast<std::size_t>(j)]);
  }

  // As the dense fit (sklearn's _relocate_empty_clusters_sparse): each empty cluster takes the next
  // farthest point of positive weight from its centroid, which leaves its old cluster with its
  // weight; the farthest first, the earlier row first on ties. Rare: the distances are exact.
  index_t reseed_empty_clusters() {
    index_t empty_count = 0;
    for (index_t j = 0; j < k_; ++j) empty_count += counts_(j) == T{0};
    if (empty_count == 0) return 0;
    const std::vector<double> norms = centroid_norms();
    std::vector<std::pair<double, index_t>> far;
    for (index_t i = 0; i < n_; ++i)
      if (weight(i) > T{0}) far.emplace_back(-distance(i, labels_(i), norms), i);
    std::partial_sort(far.begin(), far.begin() + empty_count, far.end());
    index_t next = 0;
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) != T{0}) continue;
      const index_t i = far[static_cast<std::size_t>(next++)].second;
      const index_t old = labels_(i);
      const T w = weight(i);
      sums_[j].fill(T{0});
      for (index_t p = x_.indptr()[i]; p < x_.indptr()[i + 1]; ++p) {
        sums_(old, x_.indices()[p]) -= w * x_.data()[p];
        sums_(j, x_.indices()[p]) = w * x_.data()[p];
      }
      counts_(old) -= w;
      counts_(j) = w;
    }
    return empty_count;
  }

  // centroids = sums / counts[:, None]; returns the summed squared shift. A cluster left with no
  // weight keeps its centroid.
  double move_centroids() {
    double shift = 0;
    for (index_t j = 0; j < k_; ++j) {
      if (counts_(j) == T{0}) continue;
      const T* s = sums_.data() + j * d_;
      T* c = centroids_.data() + j * d_;
      const T count = counts_(j);
      for (index_t q = 0; q < d_; ++q) {
        const T moved = s[q] / count;
        shift += static_cast<double>(moved - c[q]) * static_cast<double>(moved - c[q]);
        c[q] = moved;
      }
    }
    return shift;
  }

  double exact_inertia() const {
    const std::vector<double> norms = centroid_norms();
    double total = 0;
    for (index_t i = 0; i < n_; ++i) total += static_cast<double>(weight(i)) * distance(i, labels_(i), norms);
    return total;
  }

  // Mean over features of the weighted per-feature variance (sklearn's mean_variance_axis; the
  // weights as the dense fit's tol uses them): the implicit zeros count with their rows' weights.
  double mean_variance() const {
    std::vector<double> sum(static_cast<std::size_t>(d_)), seen(static_cast<std::size_t>(d_));
    double total_weight = 0;
    for (index_t i = 0; i < n_; ++i) {
      const double w = weight(i);
      total_weight += w;
      for (index_t p = x_.indptr()[i]; p < x_.indptr()[i + 1]; ++p) {
        sum[static_cast<std::size_t>(x_.indices()[p])] += w * x_.data()[p];
        seen[static_cast<std::size_t>(x_.indices()[p])] += w;
      }
    }
    std::vector<double> squares(static_cast<std::size_t>(d_));
    for (index_t i = 0; i < n_; ++i) {
      const double w = weight(i);
      for (index_t p = x_.indptr()[i]; p < x_.indptr()[i + 1]; ++p) {
        const auto q = static_cast<std::size_t>(x_.indices()[p]);
        const double diff = x_.data()[p] - sum[q] / total_weight;
        squares[q] += w * diff * diff;
      }
    }
    double variance = 0;
    for (std::size_t q = 0; q < squares.size(); ++q) {
      const double mean = sum[q] / total_weight;
      variance += (squares[q] + (total_weight - seen[q]) * mean * mean) / total_weight;
    }
    return variance / static_cast<double>(d_);
  }

  const CsrMatrix<T>& x_;
  const Tensor<T>* weights_;
  const KMeansOptions& options_;
  index_t n_, d_, k_, rows_, blocks_;
  int team_;
  double tol_ = 0;
  Tensor<std::int64_t> labels_, fresh_;
  Tensor<T> minima_;
  Tensor<double> x_norms_;
  Tensor<T> centroids_, transposed_, bias_, sums_, counts_;
  std::vector<double> block_inertia_;
  std::vector<index_t> block_changed_;
  EinsumPlan<T> row_norms_;
};

// The fit from options.init (n_init runs) or from the given centroids; weights may be nullptr.
template <class T>
KMeansResult<T> fit_sparse(const CsrMatrix<T>& data, const Tensor<T>* initial, const KMeansOptions& options,
                           const Tensor<T>* weights_in) {
  kmeans_detail::check_options(options);
  const index_t k = initial ? kmeans_detail::check_initial_centroids(*initial, data.cols(), options.k) : options.k;
  kmeans_detail::check_data(data, k);
  kmeans_detail::LocalPeers alone;
  std::optional<Tensor<T>> weights;
  if (weights_in) {
    kmeans_detail::check_sample_weight(*weights_in, data.rows());
    weights = weights_in->contiguous();
    kmeans_detail::check_positive_weights(&*weights, k, alone);
  }
  const Tensor<T>* w = weights ? &*weights : nullptr;
  SparseLloyd<T> lloyd(data, w, options, k);
  if (initial) return lloyd.run(*initial, 0);
  const kmeans_detail::ScopedMaxThreads init_threads(options.threads);
  // The dense fit's init layout for the same options, so that both start from the same rows.
  const kmeans_detail::ChainLayout layout =
      kmeans_detail::make_chain_layout(data.rows(), data.cols(), k, options.block_rows, sizeof(T));
  return kmeans_detail::best_of_runs<T>(options, [&](std::uint64_t seed, index_t r) {
    return lloyd.run(kmeans_detail::initial_centroids(data, w, options.init, k, seed, layout, alone), r);
  });
}

}  // namespace

template <class T>
KMeansResult<T> kmeans(const CsrMatrix<T>& data, const KMeansOptions& options) {
  return fit_sparse<T>(data, nullptr, options, nullptr);
}

template <class T>
KMeansResult<T> kmeans(const CsrMatrix<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options) {
  return fit_sparse<T>(data, &initial_centroids, options, nullptr);
}

template <class T>
KMeansResult<T> kmeans(const CsrMatrix<T>& data, const KMeansOptions& options, const Tensor<T>& sample_weight) {
  return fit_sparse<T>(data, nullptr, options, &sample_weight);
}

template <class T>
KMeansResult<T> kmeans(const CsrMatrix<T>& data, const Tensor<T>& initial_centroids, const KMeansOptions& options,
                       const Tensor<T>& sample_weight) {
  return fit_sparse<T>(data, &initial_centroids, options, &sample_weight);
}

template KMeansResult<float> kmeans(const CsrMatrix<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const CsrMatrix<double>&, const KMeansOptions&);
template KMeansResult<float> kmeans(const CsrMatrix<float>&, const Tensor<float>&, const KMeansOptions&);
template KMeansResult<double> kmeans(const CsrMatrix<double>&, const Tensor<double>&, const KMeansOptions&);
template KMeansResult<float> kmeans(const CsrMatrix<float>&, const KMeansOptions&, const Tensor<float>&);
template KMeansResult<double> kmeans(const CsrMatrix<double>&, const KMeansOptions&, const Tensor<double>&);
template KMeansResult<float> kmeans(const CsrMatrix<float>&, const Tensor<float>&, const KMeansOptions&,
                                    const Tensor<float>&);
template KMeansResult<double> kmeans(const CsrMatrix<double>&, const Tensor<double>&, const KMeansOptions&,
                                     const Tensor<double>&);

}  // namespace einspan
