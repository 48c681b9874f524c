// sort, argsort, unique and median of 1M elements. Targets (issue 13): each faster than NumPy's
// same line; bench/compare_sorting.py times NumPy in the same run and prints the ratio.
// Reproduce: /usr/bin/python3 bench/compare_sorting.py build/<dir>/bench/sorting_bench
// Besides einspan's functions, std_sort_1M and std_nth_element_1M time the standard library's
// comparison sort and selection on the same data: the baselines the radix sort was chosen over.
#include <algorithm>
#include <benchmark/benchmark.h>
#include <einspan/tensor.hpp>
#include <random>
#include <vector>

using namespace einspan;

namespace {

constexpr index_t n = index_t{1} << 20;

Tensor<double> normal_doubles() {
  auto t = empty<double>({n});
  std::mt19937_64 rng(1);
  std::normal_distribution<double> g;
  for (double& x : t) x = g(rng);
  return t;
}

// 1M int64 labels in [0, 2^20), as the NumPy side's rng.integers(0, 2**20, 2**20).
Tensor<std::int64_t> int_labels() {
  auto t = empty<std::int64_t>({n});
  std::mt19937_64 rng(2);
  for (auto& x : t) x = static_cast<std::int64_t>(rng() % n);
  return t;
}

void sort_double_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(sort(a));
}
BENCHMARK(sort_double_1M)->Unit(benchmark::kMillisecond);

void argsort_double_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(argsort(a));
}
BENCHMARK(argsort_double_1M)->Unit(benchmark::kMillisecond);

void sort_int64_1M(benchmark::State& state) {
  const auto a = int_labels();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(sort(a));
}
BENCHMARK(sort_int64_1M)->Unit(benchmark::kMillisecond);

void unique_int64_1M(benchmark::State& state) {
  const auto a = int_labels();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(unique(a));
}
BENCHMARK(unique_int64_1M)->Unit(benchmark::kMillisecond);

void unique_counts_int64_1M(benchmark::State& state) {
  const auto a = int_labels();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(unique_counts(a));
}
BENCHMARK(unique_counts_int64_1M)->Unit(benchmark::kMillisecond);

void median_double_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(median(a));
}
BENCHMARK(median_double_1M)->Unit(benchmark::kMillisecond);

void percentile_double_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(percentile(a, {5.0, 95.0}));
}
BENCHMARK(percentile_double_1M)->Unit(benchmark::kMillisecond);

// Rows of 100: many short lanes (the comparison-sort path below radix_min_elements).
void sort_rows_10000x100(benchmark::State& state) {
  const auto a = normal_doubles()[{slice(0, 1000000)}].reshape({10000, 100});
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(sort(a, 1));
}
BENCHMARK(sort_rows_10000x100)->Unit(benchmark::kMillisecond);

// ---- baselines ------------------------------------------------------------------------------------
void std_sort_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  std::vector<double> v(static_cast<std::size_t>(n));
  for ([[maybe_unused]] auto _ : state) {
    std::copy(a.data(), a.data() + n, v.begin());
    std::sort(v.begin(), v.end());
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(std_sort_1M)->Unit(benchmark::kMillisecond);

void std_nth_element_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  std::vector<double> v(static_cast<std::size_t>(n));
  for ([[maybe_unused]] auto _ : state) {
    std::copy(a.data(), a.data() + n, v.begin());
    std::nth_element(v.begin(), v.begin() + n / 2, v.end());
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(std_nth_element_1M)->Unit(benchmark::kMillisecond);

// What median pays before selecting: the private copy of the input.
void copy_double_1M(benchmark::State& state) {
  const auto a = normal_doubles();
  for ([[maybe_unused]] auto _ : state) benchmark::DoNotOptimize(a.copy());
}
BENCHMARK(copy_double_1M)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
