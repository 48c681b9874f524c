// kmeans_predict, kmeans_transform and kmeans_score: a fitted model applied block by block.
#include <einspan/kmeans/predict.hpp>

#include "chains.hpp"
#include "validate.hpp"
#include <einspan/einsum.hpp>
#include <einspan/kmeans/steps.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/reduce.hpp>
#include <exception>
#include <vector>

namespace einspan {

namespace {

// The blocks of x that one call goes through, and the threads that share them.
struct Blocks {
  index_t n, rows, count;
  int threads;
};

// Checks the arguments of every entry point (`what` names it) and cuts x into blocks.
template <class T>
Blocks plan_blocks(const char* what, const Tensor<T>& centroids, const Tensor<T>& x, int threads) {
  if (centroids.ndim() != 2 || centroids.dim(0) < 1)
    throw ShapeError(fmt::format("{}: centroids must be a (k, d) matrix with k >= 1, got shape {}", what,
                                 format_shape(centroids.shape())));
  if (x.ndim() != 2 || x.dim(1) != centroids.dim(1))
    throw ShapeError(fmt::format("{}: x has shape {}, expected (n, {}) for centroids of shape {}", what,
                                 format_shape(x.shape()), centroids.dim(1), format_shape(centroids.shape())));
  if (x.dim(0) == 0) throw ValueError(fmt::format("{}: x has no rows (shape {})", what, format_shape(x.shape())));
  if (!kmeans_detail::all_finite(centroids)) throw ValueError(fmt::format("{}: centroids contain NaN or infinity", what));
  if (!kmeans_detail::all_finite(x)) throw ValueError(fmt::format("{}: x contains NaN or infinity", what));
  const index_t n = x.dim(0), rows = kmeans_detail::default_block_rows(x.dim(1));
  const index_t count = (n + rows - 1) / rows;
  const index_t work = n * centroids.dim(0) * x.dim(1);
  const int team = threads > 0 ? static_cast<int>(std::min<index_t>(threads, count)) : detail::parallel_threads(work, count);
  return {n, rows, count, team};
}

// Calls f(b, rows of block b) for every block on blocks.threads threads; the first exception f
// throws (a temporary it could not allocate) is rethrown after the region.
template <class F>
void for_each_block(const Blocks& blocks, const F& f) {
  std::exception_ptr failure;
  detail::parallel_for_ranges(blocks.threads, blocks.count, [&](index_t first, index_t last) {
    try {
      for (index_t b = first; b < last; ++b)
        f(b, slice(b * blocks.rows, std::min(blocks.n, (b + 1) * blocks.rows)));
    } catch (...) {
#pragma omp critical(einspan_kmeans_predict)
      if (!failure) failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
}

// Which of a region's threads is calling (0 without a region).
std::size_t this_thread(const Blocks& blocks) {
  return static_cast<std::size_t>(blocks.threads > 1 ? omp_get_thread_num() : 0);
}

// One AssignmentStep per thread, made before the region.
template <class T>
std::vector<AssignmentStep<T>> assignment_steps(const Blocks& blocks, const Tensor<T>& centroids) {
  std::vector<AssignmentStep<T>> steps;
  for (int t = 0; t < blocks.threads; ++t) {
    steps.emplace_back(blocks.rows, centroids.dim(0), centroids.dim(1));
    steps.back().set_centroids(centroids);
  }
  return steps;
}

// sum ||x_i - c_{label_i}||^2 over a block, in double, as the fit's exact inertia.
template <class T>
double block_inertia(const Tensor<T>& centroids, const Tensor<T>& block, const Tensor<std::int64_t>& labels) {
  return sum(square(block - take(centroids, labels, 0)).template astype<double>()).item();
}

// Per-block sums added in block order: the same double on any number of threads.
double ordered_total(const std::vector<double>& per_block) {
  double total = 0;
  for (const double part : per_block) total += part;
  return total;
}

// The score, assigning each block on the way; each block's labels go into `labels` when given,
// otherwise into a block-sized buffer per thread.
template <class T>
double assign_and_score(const Blocks& blocks, const Tensor<T>& centroids, const Tensor<T>& x,
                        const Tensor<std::int64_t>* labels) {
  std::vector<AssignmentStep<T>> steps = assignment_steps(blocks, centroids);
  std::vector<Tensor<std::int64_t>> scratch;
  if (!labels)
    for (int t = 0; t < blocks.threads; ++t) scratch.push_back(empty<std::int64_t>({blocks.rows}));
  std::vector<double> per_block(static_cast<std::size_t>(blocks.count));
  for_each_block(blocks, [&](index_t b, const Slice& rows) {
    const Tensor<T> block = x[{rows}];
    const Tensor<std::int64_t> own = labels ? (*labels)[{rows}] : scratch[this_thread(blocks)][{slice(0, block.dim(0))}];
    steps[this_thread(blocks)](block, own);
    per_block[static_cast<std::size_t>(b)] = block_inertia(centroids, block, own);
  });
  return -ordered_total(per_block);
}

}  // namespace

template <class T>
Tensor<std::int64_t> kmeans_predict(const Tensor<T>& centroids, const Tensor<T>& x, int threads) {
  const Blocks blocks = plan_blocks("kmeans_predict", centroids, x, threads);
  Tensor<std::int64_t> labels = empty<std::int64_t>({blocks.n});
  std::vector<AssignmentStep<T>> steps = assignment_steps(blocks, centroids);
  for_each_block(blocks, [&](index_t, const Slice& rows) { steps[this_thread(blocks)](x[{rows}], labels[{rows}]); });
  return labels;
}

template <class T>
Tensor<T> kmeans_transform(const Tensor<T>& centroids, const Tensor<T>& x, int threads) {
  const Blocks blocks = plan_blocks("kmeans_transform", centroids, x, threads);
  Tensor<T> distances = empty<T>({blocks.n, centroids.dim(0)});
  const Tensor<T> c_norms = einsum("kd,kd->k", centroids, centroids);
  for_each_block(blocks, [&](index_t, const Slice& rows) {
    const Tensor<T> block = x[{rows}];
    const Tensor<T> x_norms = einsum("md,md->m", block, block), products = einsum("md,kd->mk", block, centroids);
    // Rounding can make the expansion slightly negative for a point on a centroid: clipped at 0.
    distances[{rows}] = sqrt(maximum(x_norms[{_, newaxis}] - T{2} * products + c_norms[{newaxis, _}], T{0}));
  });
  return distances;
}

template <class T>
double kmeans_score(const Tensor<T>& centroids, const Tensor<T>& x, int threads) {
  return assign_and_score(plan_blocks("kmeans_score", centroids, x, threads), centroids, x, nullptr);
}

template <class T>
double kmeans_predict_and_score(const Tensor<T>& centroids, const Tensor<T>& x, Tensor<std::int64_t>& labels,
                                int threads) {
  const Blocks blocks = plan_blocks("kmeans_predict_and_score", centroids, x, threads);
  Tensor<std::int64_t> out = empty<std::int64_t>({blocks.n});
  const double score = assign_and_score(blocks, centroids, x, &out);
  labels = out;
  return score;
}

template Tensor<std::int64_t> kmeans_predict(const Tensor<float>&, const Tensor<float>&, int);
template Tensor<std::int64_t> kmeans_predict(const Tensor<double>&, const Tensor<double>&, int);
template Tensor<float> kmeans_transform(const Tensor<float>&, const Tensor<float>&, int);
template Tensor<double> kmeans_transform(const Tensor<double>&, const Tensor<double>&, int);
template double kmeans_score(const Tensor<float>&, const Tensor<float>&, int);
template double kmeans_score(const Tensor<double>&, const Tensor<double>&, int);
template double kmeans_predict_and_score(const Tensor<float>&, const Tensor<float>&, Tensor<std::int64_t>&, int);
template double kmeans_predict_and_score(const Tensor<double>&, const Tensor<double>&, Tensor<std::int64_t>&, int);

}  // namespace einspan
