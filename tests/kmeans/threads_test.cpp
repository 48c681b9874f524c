// The fit on several threads: its statistics are added in the order of a fixed decomposition of
// the blocks into chains (contiguous runs of blocks, each added in block order, then the chains in
// chain order), whichever thread computed a block, so a fit's bits do not depend on its thread
// count. The oracle is a serial Lloyd loop written with the public steps, adding the blocks in that
// order; the fits compare the bytes of what 1, 2, 3 and 4 threads return.
#include <einspan/kmeans/fit.hpp>
#include <einspan/kmeans/init.hpp>
#include <einspan/kmeans/steps.hpp>
#include <einspan/tensor.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <cstring>
#include <gtest/gtest.h>
#include <omp.h>

using namespace einspan;

namespace {

constexpr index_t n = 3000, d = 4, k = 6, block_rows = 64, iterations = 12;

// Six well-separated blobs (no cluster ever empties) and one point of each as the start.
template <class T>
Tensor<T> blobs() {
  Tensor<double> centre = zeros<double>({n, 1});
  for (index_t i = 0; i < n; ++i) centre(i, 0) = static_cast<double>(10 * (i % k));
  const Tensor<double> x = Generator(7).random({n, d}) + centre;
  return x.astype<T>();
}

// The fit's chains for this shape: min(16, blocks) (docs/kmeans.md, "Threads").
constexpr int fit_chains = 16;

template <class T>
struct Reference {
  Tensor<std::int64_t> labels;
  Tensor<T> centroids;
};

// `iterations` Lloyd steps with the blocks of `chains` chains added as described above.
template <class T>
Reference<T> serial_lloyd(const Tensor<T>& x, const Tensor<T>& initial, int chains) {
  const index_t blocks = (n + block_rows - 1) / block_rows;
  AssignmentStep<T> assign(block_rows, k, d);
  UpdateStep<T> update(block_rows, k, d);
  Tensor<T> centroids = initial.copy();
  Tensor<std::int64_t> labels = zeros<std::int64_t>({n});
  const auto rows = [&](index_t b) { return slice(b * block_rows, std::min(n, (b + 1) * block_rows)); };
  for (index_t it = 0; it < iterations; ++it) {
    assign.set_centroids(centroids);
    Tensor<T> sums = zeros<T>({k, d}), counts = zeros<T>({k});
    for (int t = 0; t < chains; ++t) {
      const index_t q = blocks / chains, r = blocks % chains;
      const index_t first = t * q + std::min<index_t>(t, r), last = first + q + (t < r ? 1 : 0);
      Tensor<T> chain_sums = zeros<T>({k, d}), chain_counts = zeros<T>({k});
      for (index_t b = first; b < last; ++b) {
        const Tensor<std::int64_t> l = labels[{rows(b)}];
        assign(x[{rows(b)}], l);
        update.accumulate(x[{rows(b)}], l.copy(), chain_sums, chain_counts);
      }
      add(sums, chain_sums, sums);
      add(counts, chain_counts, counts);
    }
    divide(sums, counts[{_, newaxis}], centroids);
  }
  assign.set_centroids(centroids);
  for (index_t b = 0; b < blocks; ++b) assign(x[{rows(b)}], labels[{rows(b)}]);
  return {labels, centroids};
}

// min_work_per_thread = 0 runs every thread asked for: the data here is far below the default.
template <class T>
KMeansResult<T> fit(const Tensor<T>& x, const Tensor<T>& initial, int threads, index_t min_work_per_thread = 0) {
  return kmeans(x, initial,
                {.k = k, .max_iter = iterations, .tol = 0, .threads = threads, .min_work_per_thread = min_work_per_thread,
                 .block_rows = block_rows});
}

template <class T>
void expect_same_bits(const Tensor<T>& a, const Tensor<T>& b) {
  ASSERT_EQ(a.shape(), b.shape());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(T)));
}

template <class T>
void check_against_serial_order() {
  const Tensor<T> x = blobs<T>();
  const Tensor<T> initial = x[{slice(0, k)}].copy();
  const Reference<T> expected = serial_lloyd(x, initial, fit_chains);
  // The orders differ in the last bits on this data, so a fit that added its blocks in another
  // order (one chain per thread, say) would fail below.
  for (const int chains : {1, 2, 3})
    EXPECT_NE(0, std::memcmp(serial_lloyd(x, initial, chains).centroids.data(), expected.centroids.data(),
                             static_cast<std::size_t>(k * d) * sizeof(T)));
  for (const int threads : {1, 2, 3, 4}) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    for (int repeat = 0; repeat < 5; ++repeat) {
      const KMeansResult<T> got = fit(x, initial, threads);
      EXPECT_EQ(got.threads_run, threads);
      EXPECT_TRUE(array_equal(got.labels, expected.labels));
      expect_same_bits(got.centroids, expected.centroids);
    }
    // With the default min_work_per_thread the calling thread runs all the chains alone.
    const KMeansResult<T> alone = fit(x, initial, threads, KMeansOptions{}.min_work_per_thread);
    EXPECT_EQ(alone.threads_run, 1);
    EXPECT_TRUE(array_equal(alone.labels, expected.labels));
    expect_same_bits(alone.centroids, expected.centroids);
  }
}

// A whole fit from its own initialisation, n_init = 2 and tol > 0, on 1 to 4 threads: labels,
// centroids, inertia, its history, the iteration count and the winning run are the same bytes.
template <class T>
void check_whole_fit_on_1_to_4_threads(KMeansInit init) {
  const Tensor<T> x = Generator(11).random({20000, 64}).astype<T>();
  const KMeansOptions options{.k = 16, .max_iter = 30, .tol = 1e-6, .init = init, .n_init = 2, .seed = 3,
                              .min_work_per_thread = 0, .block_rows = 256};
  const KMeansResult<T> one = kmeans(x, options);
  for (const int threads : {2, 3, 4}) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    KMeansOptions on = options;
    on.threads = threads;
    const KMeansResult<T> got = kmeans(x, on);
    EXPECT_EQ(got.threads_run, threads);
    EXPECT_TRUE(array_equal(got.labels, one.labels));
    expect_same_bits(got.centroids, one.centroids);
    EXPECT_EQ(0, std::memcmp(&got.inertia, &one.inertia, sizeof(double)));
    EXPECT_EQ(got.inertia_history, one.inertia_history);
    EXPECT_EQ(got.iterations, one.iterations);
    EXPECT_EQ(got.best_run, one.best_run);
  }
}

}  // namespace

TEST(kmeans_threads, statistics_add_up_in_chain_order_on_any_thread_count_f64) { check_against_serial_order<double>(); }
TEST(kmeans_threads, statistics_add_up_in_chain_order_on_any_thread_count_f32) { check_against_serial_order<float>(); }

TEST(kmeans_threads, kmeans_plusplus_fit_has_the_same_bits_on_1_to_4_threads_f64) {
  check_whole_fit_on_1_to_4_threads<double>(KMeansInit::kmeans_plusplus);
}
TEST(kmeans_threads, kmeans_plusplus_fit_has_the_same_bits_on_1_to_4_threads_f32) {
  check_whole_fit_on_1_to_4_threads<float>(KMeansInit::kmeans_plusplus);
}
TEST(kmeans_threads, random_init_fit_has_the_same_bits_on_1_to_4_threads_f64) {
  check_whole_fit_on_1_to_4_threads<double>(KMeansInit::random);
}
TEST(kmeans_threads, random_init_fit_has_the_same_bits_on_1_to_4_threads_f32) {
  check_whole_fit_on_1_to_4_threads<float>(KMeansInit::random);
}

// The initialisation alone (it runs its own parallel regions, with options.threads in the fit).
TEST(kmeans_threads, kmeans_plusplus_has_the_same_bits_on_1_to_4_threads) {
  const Tensor<float> x = Generator(5).random({20000, 64}).astype<float>();
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  const Tensor<float> one = kmeans_plusplus(x, 16, 9);
  for (const int threads : {2, 3, 4}) {
    omp_set_num_threads(threads);
    expect_same_bits(kmeans_plusplus(x, 16, 9), one);
  }
  omp_set_num_threads(saved);
}

// Inside a caller's parallel region the fit runs on one thread, whatever it is asked for, and so
// gives the one-thread bits.
TEST(kmeans_threads, fit_inside_a_parallel_region_runs_on_one_thread) {
  const Tensor<double> x = blobs<double>();
  const Tensor<double> initial = x[{slice(0, k)}].copy();
  const KMeansResult<double> one = fit(x, initial, 1);
  KMeansResult<double> inside[2];
  int team = 0;
#pragma omp parallel num_threads(2)
  {
    team = omp_get_num_threads();
    inside[omp_get_thread_num()] = fit(x, initial, 2);
  }
  for (int t = 0; t < team; ++t) {
    EXPECT_TRUE(array_equal(inside[t].labels, one.labels));
    expect_same_bits(inside[t].centroids, one.centroids);
  }
}
