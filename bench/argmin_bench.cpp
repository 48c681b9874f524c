// ArgminPlan (k-means' assignment step: argmin over k of 0.5 ||c_j||^2 - x . c_j) at the
// workshop's size and at (n, d, k) = (1000000, 32, 64), float64 and float32, with the core's
// peak-FMA rate at the same level beside each GFLOP/s figure (of_peak = GFLOP/s / peak).
// EINSPAN_ISA picks a lower level; EINSPAN_TILE_BITS=256|512 the tile's width on avx512.
#include <benchmark/benchmark.h>

#include "peak_fma.hpp"
#include <algorithm>
#include <cstdlib>
#include <einspan/einsum.hpp>
#include <einspan/tensor.hpp>
#include <einspan/tensor/isa.hpp>
#include <einspan/tensor/random.hpp>
#include <string>

using namespace einspan;

namespace {

// Args: n, d, k.
template <class T>
void argmin_plan(benchmark::State& state) {
  const index_t n = state.range(0), d = state.range(1), k = state.range(2);
  const Tensor<T> x = Generator(0).random({n, d}).template astype<T>();
  const Tensor<T> c = Generator(1).random({k, d}).template astype<T>();
  Tensor<T> offset = zeros<T>({k});
  for (index_t j = 0; j < k; ++j) {
    T norm = 0;
    for (index_t p = 0; p < d; ++p) norm += c(j, p) * c(j, p);
    offset(j) = T(0.5) * norm;
  }
  const ArgminPlan<T> plan("nd,kd->nk", c, offset, T{-1});
  Tensor<std::int64_t> labels = empty<std::int64_t>({n});
  double peak = bench::peak_gflops(sizeof(T));
  for ([[maybe_unused]] auto _ : state) {
    plan(x, labels);
    benchmark::DoNotOptimize(labels.data());
  }
  const double flops = 2.0 * static_cast<double>(n * k * d);
  peak = std::max(peak, bench::peak_gflops(sizeof(T)));
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak"] = peak;
  state.counters["of_peak"] =
      benchmark::Counter(flops * 1e-9 / peak, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(argmin_plan<double>)->Args({5000, 26, 26})->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond);
BENCHMARK(argmin_plan<float>)->Args({5000, 26, 26})->Args({1000000, 32, 64})->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  const char* bits = std::getenv("EINSPAN_TILE_BITS");
  benchmark::AddCustomContext("EINSPAN_TILE_BITS", bits ? bits : "(unset)");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
