// The workshop's sparse update step and the CSC @ dense kernel behind it.
//
//   update_step/5000/26/26         one_hot_csc(labels, k) @ data / counts, allocating as SciPy does
//   update_step_reuse/5000/26/26   the same into preallocated outputs (what k-means runs per iteration)
//   spmm/<n>/<threads>             one-hot (26 x n) @ X (n x 26) into a preallocated out: O(nnz * d)
//   spmm_schedule/<n>/<k>/<sched>  2 threads, each OpenMP schedule of the kernel
//
// bench/compare_sparse.py runs this binary next to SciPy and prints the tables of docs/sparse.md.
#include <benchmark/benchmark.h>
#include <einspan/sparse.hpp>
#include <einspan/sparse/detail/spmm.hpp>
#include <einspan/tensor.hpp>
#include <omp.h>
#include <random>

using namespace einspan;
using namespace einspan::sparse;

namespace {

struct Problem {
  std::vector<index_t> labels;
  Tensor<double> data;
};

Problem make_problem(index_t n, index_t k, index_t d) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<index_t> label(0, k - 1);
  std::normal_distribution<double> normal;
  Problem p{std::vector<index_t>(static_cast<std::size_t>(n)), Tensor<double>::fresh({n, d})};
  for (auto& l : p.labels) l = label(rng);
  for (double& x : p.data) x = normal(rng);
  return p;
}

void set_threads(benchmark::State& state, int threads) {
  omp_set_num_threads(threads);
  state.counters["threads"] = threads;
}

// SciPy's update_step_csc line for line: a fresh one-hot matrix, product, bincount and quotient.
void update_step(benchmark::State& state) {
  const index_t n = state.range(0), k = state.range(1), d = state.range(2);
  set_threads(state, static_cast<int>(state.range(3)));
  const Problem p = make_problem(n, k, d);
  const Tensor<index_t> labels = from_vector(p.labels);
  for (auto _ : state) {
    const auto one_hot = one_hot_csc<double>(labels, k);
    const Tensor<double> centroids = divide(matmul(one_hot, p.data), bincount(labels, k)[{einspan::_, newaxis}]);
    benchmark::DoNotOptimize(centroids.data());
  }
  state.SetItemsProcessed(state.iterations() * n * d);
}

// The same with every buffer reused across calls (what k-means does per iteration): the one-hot
// matrix is rebuilt in place, the counts are one_hot @ ones, the division is in place.
void update_step_reuse(benchmark::State& state) {
  const index_t n = state.range(0), k = state.range(1), d = state.range(2);
  set_threads(state, static_cast<int>(state.range(3)));
  const Problem p = make_problem(n, k, d);
  CscMatrix<double> one_hot;
  const Tensor<double> sums = empty<double>({k, d}), counts = empty<double>({k}), ones_n = ones<double>({n});
  for (auto _ : state) {
    one_hot.assign_one_hot(p.labels, k);
    matmul(one_hot, p.data, sums);
    matmul(one_hot, ones_n, counts);
    divide(sums, counts[{einspan::_, newaxis}], sums);
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetItemsProcessed(state.iterations() * n * d);
}

// The kernel alone: items are multiply-adds (nnz * d), so a flat items/s across n is O(nnz * d).
void spmm(benchmark::State& state) {
  const index_t n = state.range(0), k = 26, d = 26;
  set_threads(state, static_cast<int>(state.range(1)));
  const Problem p = make_problem(n, k, d);
  const auto one_hot = one_hot_csc<double>(p.labels, k);
  const Tensor<double> out = empty<double>({k, d});
  for (auto _ : state) {
    matmul(one_hot, p.data, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * one_hot.nnz() * d);
}

void spmm_schedule(benchmark::State& state) {
  const index_t n = state.range(0), k = state.range(1), d = 26;
  const auto schedule = static_cast<sparse::detail::SpmmSchedule>(state.range(2));
  set_threads(state, schedule == sparse::detail::SpmmSchedule::serial ? 1 : 2);
  const Problem p = make_problem(n, k, d);
  const auto one_hot = one_hot_csc<double>(p.labels, k);
  const Tensor<double> out = empty<double>({k, d});
  for (auto _ : state) {
    sparse::detail::spmm_csc_dense<double>(one_hot, {p.data.data(), n, d, d, 1}, {out.data(), k, d, d, 1}, schedule);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * one_hot.nnz() * d);
  state.SetLabel(schedule == sparse::detail::SpmmSchedule::serial           ? "serial"
                 : schedule == sparse::detail::SpmmSchedule::partition_rows ? "partition_rows"
                 : schedule == sparse::detail::SpmmSchedule::thread_accumulators ? "thread_accumulators"
                                                                          : "automatic");
}

}  // namespace

BENCHMARK(update_step)->ArgNames({"n", "k", "d", "threads"})->Args({5000, 26, 26, 1})->Args({5000, 26, 26, 2})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(update_step_reuse)->ArgNames({"n", "k", "d", "threads"})->Args({5000, 26, 26, 1})->Args({5000, 26, 26, 2})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(spmm)
    ->ArgNames({"n", "threads"})
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {1, 2}})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(spmm_schedule)
    ->ArgNames({"n", "k", "schedule"})
    ->ArgsProduct({{5000, 100000, 1000000}, {26, 4096}, {1, 2, 3}})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
