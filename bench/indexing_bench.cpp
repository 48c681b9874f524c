// Advanced indexing and assignment, NumPy's spellings, on the data bench/compare_indexing.py gives
// NumPy in the same run (Generator(0) draws what np.random.default_rng(0) draws):
//   fancy_rows          a[idx]          1M random row indices into a (1M, 26) float64 array
//   mask_read           a[mask]         8M float64, mask = rng.random(8M) > 0.5
//   mask_assign_scalar  a[mask] = 0     the same a and mask
//   column_assign       a[:, 1] = b     a (4096, 4096) float64, b (4096,)
//   nonzero_8M          np.nonzero(mask)
// All single-threaded. Reproduce: build/release/bench/indexing_bench, or the compare script.
#include <benchmark/benchmark.h>
#include <einspan/tensor.hpp>

using namespace einspan;

namespace {

constexpr index_t rows = 1'000'000, cols = 26, big = 8'000'000, square = 4096;

struct Data {
  Tensor<double> table, values;
  Tensor<std::int64_t> idx;
  Tensor<bool> mask;
  Tensor<double> matrix, column;
};

const Data& data() {
  static const Data d = [] {
    Generator rng(0);
    Data out;
    out.table = rng.random({rows, cols});
    out.idx = rng.integers(0, rows, {rows});
    out.values = rng.random({big});
    out.mask = rng.random({big}) > 0.5;
    out.matrix = rng.random({square, square});
    out.column = rng.random({square});
    return out;
  }();
  return d;
}

void fancy_rows(benchmark::State& state) {
  const Data& d = data();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(Tensor<double>(d.table[d.idx]));
  state.SetBytesProcessed(state.iterations() * rows * cols * 8);
}
// Long enough that the first call's page faults (a fresh 208 MB result; later calls reuse the
// buffer) do not decide the median.
BENCHMARK(fancy_rows)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void mask_read(benchmark::State& state) {
  const Data& d = data();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(Tensor<double>(d.values[d.mask]));
}
BENCHMARK(mask_read)->Unit(benchmark::kMillisecond);

void mask_assign_scalar(benchmark::State& state) {
  const Data& d = data();
  for ([[maybe_unused]] auto iteration : state) {
    d.values[d.mask] = 0.0;
    benchmark::ClobberMemory();
  }
}
BENCHMARK(mask_assign_scalar)->Unit(benchmark::kMillisecond);

void column_assign(benchmark::State& state) {
  const Data& d = data();
  for ([[maybe_unused]] auto iteration : state) {
    d.matrix[{_, 1}] = d.column;
    benchmark::ClobberMemory();
  }
}
BENCHMARK(column_assign)->Unit(benchmark::kMicrosecond);

void nonzero_8M(benchmark::State& state) {
  const Data& d = data();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(nonzero(d.mask));
}
BENCHMARK(nonzero_8M)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
