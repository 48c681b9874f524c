// The workshop's sparse update step and the CSC @ dense kernel behind it.
//
//   update_step/5000/26/26/<threads>        one_hot_csc(labels, k) @ data / counts, allocating as SciPy does
//   update_step_reuse/5000/26/26/<threads>  the same into preallocated outputs (what k-means runs per
//                                           iteration): assign_one_hot + matmul_with_row_sums + divide
//   update_part/<part>                      profile of update_step_reuse, one piece per benchmark
//                                           (1 thread, n = 5000): build, multiply, multiply+counts,
//                                           counts alone, divide
//   spmm/<n>/<threads>                      one-hot (26 x n) @ X (n x 26) into a preallocated out: items are
//                                           multiply-adds (nnz * d), bytes what the kernel must read
//                                           (X and the row indices), so flat items/s across n is O(nnz * d)
//   spmm_schedule/<n>/<k>/<sched>           2 threads, each OpenMP schedule of the kernel
//
// bench/compare_sparse.py runs this binary next to SciPy and prints the tables of docs/sparse.md.
#include <benchmark/benchmark.h>
#include <einspan/sparse.hpp>
#include <einspan/sparse/detail/spmm.hpp>
#include <einspan/tensor.hpp>
#include <einspan/tensor/elementwise.hpp>
#include <einspan/tensor/indexing.hpp>
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

// Items: multiply-adds; bytes: X plus the row indices, what the product must read at least.
void set_processed(benchmark::State& state, index_t nnz, index_t d) {
  state.SetItemsProcessed(state.iterations() * nnz * d);
  state.SetBytesProcessed(state.iterations() * nnz * (d * static_cast<index_t>(sizeof(double)) +
                                                      static_cast<index_t>(sizeof(index_t))));
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
  set_processed(state, n, d);
}

// The same with every buffer reused across calls (what k-means does per iteration): the one-hot
// matrix is rebuilt in place, sums and counts come from one pass, the division is in place.
void update_step_reuse(benchmark::State& state) {
  const index_t n = state.range(0), k = state.range(1), d = state.range(2);
  set_threads(state, static_cast<int>(state.range(3)));
  const Problem p = make_problem(n, k, d);
  CscMatrix<double> one_hot;
  const Tensor<double> sums = empty<double>({k, d}), counts = empty<double>({k});
  for (auto _ : state) {
    one_hot.assign_one_hot(p.labels, k);
    matmul_with_row_sums(one_hot, p.data, sums, counts);
    divide(sums, counts[{einspan::_, newaxis}], sums);
    benchmark::DoNotOptimize(sums.data());
  }
  set_processed(state, n, d);
}

// Profile of update_step_reuse, one piece at a time (1 thread, n = 5000, k = d = 26).
enum class Part { build, multiply, multiply_counts, counts, divide };

void update_part(benchmark::State& state) {
  const index_t n = 5000, k = 26, d = 26;
  const auto part = static_cast<Part>(state.range(0));
  set_threads(state, 1);
  const Problem p = make_problem(n, k, d);
  const Tensor<index_t> labels = from_vector(p.labels);
  CscMatrix<double> one_hot;
  one_hot.assign_one_hot(p.labels, k);
  const Tensor<double> sums = empty<double>({k, d}), counts = empty<double>({k});
  const Tensor<index_t> counts_int = empty<index_t>({k});
  matmul_with_row_sums(one_hot, p.data, sums, counts);
  for (auto _ : state) {
    switch (part) {
      case Part::build: one_hot.assign_one_hot(p.labels, k); break;
      case Part::multiply: matmul(one_hot, p.data, sums); break;
      case Part::multiply_counts: matmul_with_row_sums(one_hot, p.data, sums, counts); break;
      case Part::counts: bincount(labels, k, counts_int); break;
      case Part::divide: divide(sums, counts[{einspan::_, newaxis}], sums); break;
    }
    benchmark::DoNotOptimize(sums.data());
    benchmark::ClobberMemory();
  }
  static const char* const names[] = {"assign_one_hot", "matmul", "matmul_with_row_sums", "bincount", "divide"};
  state.SetLabel(names[state.range(0)]);
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
  set_processed(state, one_hot.nnz(), d);
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
  set_processed(state, one_hot.nnz(), d);
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
BENCHMARK(update_part)->ArgName("part")->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(spmm)
    ->ArgNames({"n", "threads"})
    ->ArgsProduct({{1000, 10000, 100000, 1000000}, {1, 2}})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(spmm_schedule)
    ->ArgNames({"n", "k", "schedule"})
    ->ArgsProduct({{5000, 100000, 1000000}, {26, 4096}, {1, 2, 3}})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
