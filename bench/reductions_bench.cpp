// Reductions, scans and statistics next to the machine's copy bandwidth (memcpy of the same bytes)
// in the same run. Target: cumsum of 8M doubles at >= 70% of memcpy's GB/s (both read 64 MiB and
// write 64 MiB); sum, mean, min and max of 8M float64 and float32 (read only) and var of 1M
// doubles timed against NumPy by bench/compare_reductions.py.
// Reproduce: /usr/bin/python3 bench/compare_reductions.py build/<dir>/bench/reductions_bench
#include <benchmark/benchmark.h>
#include <cstring>
#include <string>
#include <einspan/tensor.hpp>

using namespace einspan;

namespace {

constexpr index_t big = index_t{1} << 23;     // 8M doubles = 64 MiB per tensor
constexpr index_t million = index_t{1} << 20;  // 1M doubles

void set_bytes(benchmark::State& state, index_t bytes_per_iteration) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes_per_iteration);
}

// Read 64 MiB + write 64 MiB.
void copy_memcpy_8M(benchmark::State& state) {
  Generator rng(1);
  const auto src = rng.normal(0.0, 1.0, {big});
  auto dst = zeros<double>({big});
  for ([[maybe_unused]] auto iteration : state) {
    std::memcpy(dst.data(), src.data(), static_cast<std::size_t>(big) * sizeof(double));
    benchmark::ClobberMemory();
  }
  set_bytes(state, 2 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(copy_memcpy_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// cumsum(a, 0, out): the same bytes as the copy, nothing allocated.
void cumsum_out_8M(benchmark::State& state) {
  Generator rng(2);
  const auto a = rng.normal(0.0, 1.0, {big});
  auto out = zeros<double>({big});
  for ([[maybe_unused]] auto iteration : state) {
    cumsum(a, 0, out);
    benchmark::ClobberMemory();
  }
  set_bytes(state, 2 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(cumsum_out_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// cumsum(a): a fresh 64 MiB result each time (page faults included, as NumPy's np.cumsum(a)).
void cumsum_fresh_8M(benchmark::State& state) {
  Generator rng(2);
  const auto a = rng.normal(0.0, 1.0, {big});
  for ([[maybe_unused]] auto iteration : state) {
    auto r = cumsum(a);
    benchmark::DoNotOptimize(r.data());
  }
  set_bytes(state, 2 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(cumsum_fresh_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// var of 1M doubles (a 0-d result): two passes and one temporary, as NumPy's.
void var_1M(benchmark::State& state) {
  Generator rng(3);
  const auto a = rng.normal(0.0, 1.0, {million});
  for ([[maybe_unused]] auto iteration : state) {
    auto r = var(a);
    benchmark::DoNotOptimize(r.data());
  }
  set_bytes(state, million * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(var_1M)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Full reductions of 8M elements (64 MiB of float64, 32 MiB of float32) to a 0-d tensor: one
// read pass each. The sums run the pairwise kernel of detail/pairwise_sum.hpp.
template <class T, class F>
void full_reduction_8M(benchmark::State& state, F reduce) {
  Generator rng(4);
  const Tensor<T> a = rng.normal(0.0, 1.0, {big}).astype<T>();
  for ([[maybe_unused]] auto iteration : state) {
    auto r = reduce(a);
    benchmark::DoNotOptimize(r.data());
  }
  set_bytes(state, big * static_cast<index_t>(sizeof(T)));
}
#define EINSPAN_FULL_REDUCTION(name, T, fn)                                                             \
  void name(benchmark::State& state) {                                                                  \
    full_reduction_8M<T>(state, [](const Tensor<T>& a) { return fn(a); });                              \
  }                                                                                                     \
  BENCHMARK(name)->Unit(benchmark::kMillisecond)->UseRealTime();
EINSPAN_FULL_REDUCTION(sum_f64_8M, double, sum)
EINSPAN_FULL_REDUCTION(mean_f64_8M, double, mean)
EINSPAN_FULL_REDUCTION(min_f64_8M, double, min)
EINSPAN_FULL_REDUCTION(max_f64_8M, double, max)
EINSPAN_FULL_REDUCTION(sum_f32_8M, float, sum)
EINSPAN_FULL_REDUCTION(mean_f32_8M, float, mean)
EINSPAN_FULL_REDUCTION(min_f32_8M, float, min)
EINSPAN_FULL_REDUCTION(max_f32_8M, float, max)
#undef EINSPAN_FULL_REDUCTION

// The same sums on 32K elements (256 KiB of float64: in L2), where the kernel rather than memory
// sets the speed.
template <class T>
void sum_in_cache(benchmark::State& state) {
  Generator rng(5);
  const Tensor<T> a = rng.normal(0.0, 1.0, {index_t{1} << 15}).astype<T>();
  for ([[maybe_unused]] auto iteration : state) {
    auto r = sum(a);
    benchmark::DoNotOptimize(r.data());
  }
  set_bytes(state, a.size() * static_cast<index_t>(sizeof(T)));
}
void sum_f64_32K(benchmark::State& state) { sum_in_cache<double>(state); }
void sum_f32_32K(benchmark::State& state) { sum_in_cache<float>(state); }
BENCHMARK(sum_f64_32K)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(sum_f32_32K)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
