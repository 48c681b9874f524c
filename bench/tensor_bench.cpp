// Costs of the tensor core: creating views (targets: < 50 ns, no allocation) and materialising a
// transposed 4096 x 4096 double tensor, next to memcpy of the same bytes in the same run (target:
// within 2x of memcpy). Reproduce: build/release/bench/tensor_bench, or bench/compare_tensor.py
// for the table with NumPy's timings.
#include <benchmark/benchmark.h>
#include <cstring>
#include <einspan/tensor.hpp>

using namespace einspan;

namespace {

constexpr index_t big = 4096;

Tensor<double> matrix(index_t rows, index_t cols) { return arange<double>(static_cast<double>(rows * cols)).reshape({rows, cols}); }

// ---- view creation ----------------------------------------------------------------------------

void view_slice(benchmark::State& state) {  // a[1::2, ::-1]
  const auto a = matrix(64, 64);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a[{slice(1, _, 2), slice(_, _, -1)}]);
}
BENCHMARK(view_slice);

void view_index_newaxis_ellipsis(benchmark::State& state) {  // a[..., 0, None]
  const auto a = arange<double>(4096).reshape({8, 8, 8, 8});
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a[{ellipsis, 0, newaxis}]);
}
BENCHMARK(view_index_newaxis_ellipsis);

void view_transpose(benchmark::State& state) {  // a.T
  const auto a = matrix(64, 64);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a.T());
}
BENCHMARK(view_transpose);

void view_transpose_axes(benchmark::State& state) {  // a.transpose(2, 0, 3, 1)
  const auto a = arange<double>(4096).reshape({8, 8, 8, 8});
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a.transpose({2, 0, 3, 1}));
}
BENCHMARK(view_transpose_axes);

void view_reshape(benchmark::State& state) {  // a.reshape(16, -1, 8)
  const auto a = matrix(64, 64);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a.reshape({16, -1, 8}));
}
BENCHMARK(view_reshape);

void view_broadcast_to(benchmark::State& state) {  // np.broadcast_to(row, (64, 64))
  const auto row = arange<double>(64);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(row.broadcast_to({64, 64}));
}
BENCHMARK(view_broadcast_to);

void view_diagonal(benchmark::State& state) {  // a.diagonal(1)
  const auto a = matrix(64, 64);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a.diagonal(1));
}
BENCHMARK(view_diagonal);

// ---- transposed copy vs memcpy ----------------------------------------------------------------

void set_bytes(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * big * big * static_cast<index_t>(sizeof(double)));
}

// The kernel alone: a transposed 4096 x 4096 view copied into an existing C-contiguous buffer.
void copy_transposed_4096(benchmark::State& state) {
  const auto a = matrix(big, big);
  const auto t = a.T();
  auto out = zeros<double>({big, big});
  for ([[maybe_unused]] auto iteration : state) {
    detail::copy_elements(out.data(), out.layout(), t.data(), t.layout());
    benchmark::ClobberMemory();
  }
  set_bytes(state);
}
BENCHMARK(copy_transposed_4096)->Unit(benchmark::kMillisecond);

// The same bytes with memcpy into an existing buffer: the bandwidth the copy is measured against.
void memcpy_4096(benchmark::State& state) {
  const auto a = matrix(big, big);
  auto out = zeros<double>({big, big});
  for ([[maybe_unused]] auto iteration : state) {
    std::memcpy(out.data(), a.data(), static_cast<std::size_t>(a.size()) * sizeof(double));
    benchmark::ClobberMemory();
  }
  set_bytes(state);
}
BENCHMARK(memcpy_4096)->Unit(benchmark::kMillisecond);

// What a user calls: t.contiguous() allocates a fresh buffer every time, so it is compared with
// memcpy into a fresh buffer from empty<double>. (Since freed large buffers are recycled, neither
// pays first-touch page faults after the first iteration.)
void contiguous_transposed_4096(benchmark::State& state) {
  const auto t = matrix(big, big).T();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(t.contiguous());
  set_bytes(state);
}
BENCHMARK(contiguous_transposed_4096)->Unit(benchmark::kMillisecond);

void memcpy_fresh_4096(benchmark::State& state) {
  const auto a = matrix(big, big);
  for ([[maybe_unused]] auto iteration : state) {
    auto out = empty<double>({big, big});
    std::memcpy(out.data(), a.data(), static_cast<std::size_t>(a.size()) * sizeof(double));
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state);
}
BENCHMARK(memcpy_fresh_4096)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
