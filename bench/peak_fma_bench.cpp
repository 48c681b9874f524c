// The peak multiply-add rate of one core at the instruction-set level in use, for float64 and
// float32 and every vector width the level has: the ceiling beside every GFLOP/s figure of the
// other benchmarks. Run under EINSPAN_ISA=generic|sse4|avx2|avx512 for the lower levels.
#include <benchmark/benchmark.h>

#include "peak_fma.hpp"
#include <string>

namespace {

// Args: element bytes (8 double, 4 float), vector bits (0: the level's widest).
void peak_fma(benchmark::State& state) {
  const int bytes = static_cast<int>(state.range(0)), bits = static_cast<int>(state.range(1));
  constexpr std::int64_t iterations = 1'000'000;
  double flops = 0;
  for ([[maybe_unused]] auto _ : state) {
    const einspan::bench::FmaRun r = einspan::bench::peak_fma(bytes, bits, iterations);
    if (r.flops == 0) {
      state.SkipWithError("no vectors of this width on this level");
      return;
    }
    flops = r.flops;
    benchmark::DoNotOptimize(r.checksum);
  }
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(peak_fma)
    ->ArgNames({"bytes", "bits"})
    ->ArgsProduct({{8, 4}, {0, 128, 256, 512}})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
