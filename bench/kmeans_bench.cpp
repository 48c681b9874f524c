// The k-means workshop, step by step, written with einspan at the workshop's size (n = 5000
// points, d = 26 features, k = 26 clusters, uniform data), plus the library's own steps and full
// fits. bench/compare_kmeans.py runs this next to the NumPy/SciPy originals and prints the table;
// bench/compare_fit.py compares the kmeans_fit benchmarks with scikit-learn and faiss.
//
// Data and initial centroids come from einspan's Generator, which reproduces NumPy's streams, so
// the Python side builds the very same arrays: np.random.default_rng(0).random((n, d)) and
// data[np.random.default_rng(1).choice(n, k, replace=False)].
#include <benchmark/benchmark.h>

#include <einspan/einsum.hpp>
#include <einspan/kmeans.hpp>
#include <einspan/sparse.hpp>
#include <einspan/tensor.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
#include <einspan/tensor/random.hpp>
#include <einspan/tensor/reduce.hpp>
#include <fstream>
#include <string>

using namespace einspan;

namespace {

constexpr index_t n = 5000, d = 26, k = 26;

struct Workshop {
  Tensor<double> data = Generator(0).random({n, d});
  Tensor<double> centroids = take(data, Generator(1).choice(n, k, false), 0);
  Tensor<std::int64_t> labels = argmin(sum(square(data[{_, newaxis}] - centroids[{newaxis}]), -1), 1);
};

const Workshop& workshop() {
  static const Workshop w;
  return w;
}

// ---- assignment step ---------------------------------------------------------------------

// for i, point in enumerate(data):
//     for j, centroid in enumerate(centroids): distances[j] = np.linalg.norm(point - centroid)
//     labels[i] = np.argmin(distances)
void assignment_step_v1(benchmark::State& state) {
  const auto& w = workshop();
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  Tensor<double> distances = empty<double>({k});
  for ([[maybe_unused]] auto iteration : state) {
    for (index_t i = 0; i < n; ++i) {
      const Tensor<double> point = w.data[i];
      for (index_t j = 0; j < k; ++j) distances(j) = norm(point - w.centroids[j]).item();
      labels(i) = argmin(distances).item();
    }
    benchmark::DoNotOptimize(labels.data());
  }
}
BENCHMARK(assignment_step_v1)->Unit(benchmark::kMillisecond);

// for i, point in enumerate(data): labels[i] = np.argmin(np.linalg.norm(point - centroids, axis=1))
void assignment_step_v2(benchmark::State& state) {
  const auto& w = workshop();
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  for ([[maybe_unused]] auto iteration : state) {
    for (index_t i = 0; i < n; ++i) labels(i) = argmin(norm(w.data[i] - w.centroids, 1)).item();
    benchmark::DoNotOptimize(labels.data());
  }
}
BENCHMARK(assignment_step_v2)->Unit(benchmark::kMillisecond);

// np.argmin(np.linalg.norm(data[:, None] - centroids[None], axis=-1), axis=1)
void assignment_step_v3(benchmark::State& state) {
  const auto& w = workshop();
  for ([[maybe_unused]] auto iteration : state)
    benchmark::DoNotOptimize(argmin(norm(w.data[{_, newaxis}] - w.centroids[{newaxis}], -1), 1));
}
BENCHMARK(assignment_step_v3)->Unit(benchmark::kMillisecond);

// np.argmin(((data[:, None] - centroids[None]) ** 2).sum(-1), axis=1)
void assignment_step_v4(benchmark::State& state) {
  const auto& w = workshop();
  for ([[maybe_unused]] auto iteration : state)
    benchmark::DoNotOptimize(argmin(sum(square(w.data[{_, newaxis}] - w.centroids[{newaxis}]), -1), 1));
}
BENCHMARK(assignment_step_v4)->Unit(benchmark::kMillisecond);

// diff = data[:, None] - centroids[None]; np.argmin(np.einsum("nkd,nkd->nk", diff, diff), axis=1)
void assignment_step_v5(benchmark::State& state) {
  const auto& w = workshop();
  for ([[maybe_unused]] auto iteration : state) {
    const Tensor<double> diff = w.data[{_, newaxis}] - w.centroids[{newaxis}];
    benchmark::DoNotOptimize(argmin(einsum("nkd,nkd->nk", diff, diff), 1));
  }
}
BENCHMARK(assignment_step_v5)->Unit(benchmark::kMillisecond);

// The library's step: argmin(0.5 ||c||^2 - einsum("nd,kd->nk", data, centroids), axis=1) as one
// fused ArgminPlan (NumPy peer: the same expanded norm with data @ centroids.T, then argmin).
void assignment_step_einsum(benchmark::State& state) {
  const auto& w = workshop();
  AssignmentStep<double> assign(n, k, d);
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  for ([[maybe_unused]] auto iteration : state) {
    assign.set_centroids(w.centroids);
    assign(w.data, labels);
    benchmark::DoNotOptimize(labels.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * n * k * d, benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::kIs1000);
}
BENCHMARK(assignment_step_einsum)->Unit(benchmark::kMicrosecond);

// ---- update step -------------------------------------------------------------------------

// for i in range(k): new[i] = data[labels == i].mean(axis=0)
void update_step_original(benchmark::State& state) {
  const auto& w = workshop();
  Tensor<double> updated = empty<double>({k, d});
  for ([[maybe_unused]] auto iteration : state) {
    for (index_t i = 0; i < k; ++i) updated[i] = mean(w.data[w.labels == i], 0);
    benchmark::DoNotOptimize(updated.data());
  }
}
BENCHMARK(update_step_original)->Unit(benchmark::kMicrosecond);

// one_hot = np.eye(k)[labels]; (one_hot.T @ data) / one_hot.sum(0)[:, None]
void update_step_matmul(benchmark::State& state) {
  const auto& w = workshop();
  for ([[maybe_unused]] auto iteration : state) {
    const Tensor<double> one_hot = eye<double>(k)[w.labels];
    benchmark::DoNotOptimize(einsum("nk,nd->kd", one_hot, w.data) / sum(one_hot, 0)[{_, newaxis}]);
  }
}
BENCHMARK(update_step_matmul)->Unit(benchmark::kMicrosecond);

// one_hot = csc_matrix((ones(n), (labels, arange(n))), shape=(k, n))
// (one_hot @ data) / np.bincount(labels, minlength=k)[:, None]
void update_step_csc(benchmark::State& state) {
  const auto& w = workshop();
  for ([[maybe_unused]] auto iteration : state) {
    const auto one_hot = sparse::one_hot_csc<double>(w.labels, k);
    benchmark::DoNotOptimize(sparse::matmul(one_hot, w.data) /
                             bincount(w.labels, k).astype<double>()[{_, newaxis}]);
  }
}
BENCHMARK(update_step_csc)->Unit(benchmark::kMicrosecond);

// The library's step: the same one-hot CSC product and counts into preallocated buffers.
void update_step_library(benchmark::State& state) {
  const auto& w = workshop();
  UpdateStep<double> update(n, k, d);
  Tensor<double> sums = empty<double>({k, d}), counts = empty<double>({k});
  for ([[maybe_unused]] auto iteration : state) {
    sums.fill(0);
    counts.fill(0);
    update.accumulate(w.data, w.labels, sums, counts);
    divide(sums, counts[{_, newaxis}], sums);
    benchmark::DoNotOptimize(sums.data());
  }
}
BENCHMARK(update_step_library)->Unit(benchmark::kMicrosecond);

// ---- full fits -----------------------------------------------------------------------------

// 50 Lloyd iterations from the workshop's initial centroids, tol = 0 (NumPy peer: 50 rounds of
// v5 + the CSC update).
void kmeans_workshop_50(benchmark::State& state) {
  const auto& w = workshop();
  const KMeansOptions options{.k = k, .max_iter = 50, .tol = 0, .threads = 1};
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(kmeans(w.data, w.centroids, options));
}
BENCHMARK(kmeans_workshop_50)->Unit(benchmark::kMillisecond);

// Resident memory from /proc/self/status (Linux), in MiB: "VmRSS:" now, "VmHWM:" the peak.
double resident_mib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) / 1024;  // the file says kB
  return 0;
}

// Makes VmHWM start again from the current resident size (proc(5), clear_refs value 5).
void reset_peak_resident() { std::ofstream("/proc/self/clear_refs") << "5"; }

// kmeans_fit/n/d/k: a float64 fit (kmeans_fit_f32: float32, of the same data rounded) of n
// uniform points, 50 iterations, tol = 0, from data[choice(n, k, replace=False)] (Generator seeds 0 and 1), with OpenMP's thread count
// (OMP_NUM_THREADS). bench/compare_fit.py runs the same fit in scikit-learn and faiss. The
// counter fit_peak_MiB is what the fits added to the resident memory at their peak, on top of the
// data and everything else already resident: Linux's peak (VmHWM) is reset just before the fits
// and read after them. kmeans_fit_weighted (and _f32): the same fit with sample weights
// Generator(2).uniform(0.5, 2.0, {n}).
template <class T, bool Weighted = false>
void fit_benchmark(benchmark::State& state) {
  const index_t rows = state.range(0), cols = state.range(1), clusters = state.range(2);
  const Tensor<T> data = Generator(0).random({rows, cols}).astype<T>();
  const Tensor<T> init = take(data, Generator(1).choice(rows, clusters, false), 0);
  const KMeansOptions options{.k = clusters, .max_iter = 50, .tol = 0};
  const Tensor<T> weights = Generator(2).uniform(0.5, 2.0, {rows}).astype<T>();
  double inertia = 0;
  reset_peak_resident();
  const double resident_before = resident_mib("VmRSS:");
  for ([[maybe_unused]] auto iteration : state)
    inertia = (Weighted ? kmeans(data, init, options, weights) : kmeans(data, init, options)).inertia;
  state.counters["inertia"] = inertia;
  state.counters["fit_peak_MiB"] = resident_mib("VmHWM:") - resident_before;
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * static_cast<double>(rows * cols * clusters) * 50,
                                                 benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::kIs1000);
}
void kmeans_fit(benchmark::State& state) { fit_benchmark<double>(state); }
void kmeans_fit_f32(benchmark::State& state) { fit_benchmark<float>(state); }
BENCHMARK(kmeans_fit)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(kmeans_fit)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(kmeans_fit_f32)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(kmeans_fit_f32)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);
void kmeans_fit_weighted(benchmark::State& state) { fit_benchmark<double, true>(state); }
void kmeans_fit_weighted_f32(benchmark::State& state) { fit_benchmark<float, true>(state); }
BENCHMARK(kmeans_fit_weighted)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(kmeans_fit_weighted)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(kmeans_fit_weighted_f32)->Args({5000, 26, 26})->Args({100000, 26, 26})->Unit(benchmark::kMillisecond);
BENCHMARK(kmeans_fit_weighted_f32)->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond)->Iterations(1);

// kmeans_threads/n/d/k/bits/threads: the kmeans_fit fit (50 iterations, tol = 0, same data and
// start) in float64 (bits = 64) or float32 (32) on an explicit KMeansOptions::threads, for the
// thread table of docs/kmeans.md: run it idle and with a busy loop pinned to one core, and divide
// the 1-thread time by the 2-thread time.
template <class T>
void fit_on_threads(benchmark::State& state) {
  const index_t rows = state.range(0), cols = state.range(1), clusters = state.range(2);
  const Tensor<T> data = Generator(0).random({rows, cols}).template astype<T>();
  const Tensor<T> init = take(data, Generator(1).choice(rows, clusters, false), 0);
  const KMeansOptions options{.k = clusters, .max_iter = 50, .tol = 0, .threads = static_cast<int>(state.range(4))};
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(kmeans(data, init, options));
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * static_cast<double>(rows * cols * clusters) * 50,
                                                 benchmark::Counter::kIsIterationInvariantRate,
                                                 benchmark::Counter::kIs1000);
}
void kmeans_threads(benchmark::State& state) {
  state.range(3) == 32 ? fit_on_threads<float>(state) : fit_on_threads<double>(state);
}
BENCHMARK(kmeans_threads)
    ->ArgsProduct({{5000}, {26}, {26}, {64, 32}, {1, 2}})
    ->ArgsProduct({{100000}, {26}, {26}, {64, 32}, {1, 2}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(kmeans_threads)
    ->ArgsProduct({{1000000}, {32}, {64}, {64, 32}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
