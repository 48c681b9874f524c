// Elementwise math and reductions, next to the machine's copy bandwidth (memcpy of the same bytes)
// in the same run. Targets: a contiguous binary op on two 8M-element double tensors at >= 80% of
// memcpy's GB/s; the workshop's k-means v4 assignment and row broadcast >= 4x faster than NumPy's
// same lines (bench/compare_elementwise.py times those in the same run); reductions over the last
// and the first axis both at streaming speed; exp, log and sin of 8M doubles faster than NumPy.
// Reproduce: /usr/bin/python3 bench/compare_elementwise.py build/<dir>/bench/elementwise_bench
#include <benchmark/benchmark.h>
#include <cstring>
#include <einspan/tensor.hpp>
#include <einspan/tensor/isa.hpp>
#include <random>
#include <string>

using namespace einspan;

namespace {

constexpr index_t big = index_t{1} << 23;  // 8M doubles = 64 MiB per tensor
constexpr index_t n = 5000, k = 26, d = 26;  // the workshop's k-means sizes

Tensor<double> random_normal(Dims shape, unsigned seed) {
  auto t = empty<double>(shape);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  for (double& x : t) x = g(rng);
  return t;
}

void set_bytes(benchmark::State& state, index_t bytes_per_iteration) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes_per_iteration);
}

// ---- bandwidth: memcpy vs a contiguous binary op ------------------------------------------------

// Bytes counted: read 64 MiB + write 64 MiB.
void copy_memcpy_8M(benchmark::State& state) {
  const auto src = random_normal({big}, 1);
  auto dst = zeros<double>({big});
  for ([[maybe_unused]] auto iteration : state) {
    std::memcpy(dst.data(), src.data(), static_cast<std::size_t>(big) * sizeof(double));
    benchmark::ClobberMemory();
  }
  set_bytes(state, 2 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(copy_memcpy_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// add(a, b, out): read 2 x 64 MiB + write 64 MiB, nothing allocated.
void add_out_8M(benchmark::State& state) {
  const auto a = random_normal({big}, 2), b = random_normal({big}, 3);
  auto out = zeros<double>({big});
  for ([[maybe_unused]] auto iteration : state) {
    add(a, b, out);
    benchmark::ClobberMemory();
  }
  set_bytes(state, 3 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(add_out_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// a + b: the same plus a fresh 64 MiB result each time (page faults included, as in NumPy).
void add_fresh_8M(benchmark::State& state) {
  const auto a = random_normal({big}, 2), b = random_normal({big}, 3);
  // Untimed warm-up: the first huge-page allocation of a process can stall in kernel compaction
  // for a second, which a 3-iteration run would otherwise average in (timeit warms up too).
  benchmark::DoNotOptimize(a + b);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(a + b);
  set_bytes(state, 3 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(add_fresh_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// a += b: read 2 x 64 MiB + write 64 MiB.
void add_inplace_8M(benchmark::State& state) {
  auto a = random_normal({big}, 2);
  const auto b = random_normal({big}, 3);
  for ([[maybe_unused]] auto iteration : state) {
    a += b;
    benchmark::ClobberMemory();
  }
  set_bytes(state, 3 * big * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(add_inplace_8M)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- the workshop's k-means lines -----------------------------------------------------------------

// v4: ((data[:, None] - centroids[None])**2).sum(axis=2).argmin(axis=1), one expression as in
// NumPy (and as kmeans_bench's assignment_step_v4): square() of the temporary difference works in
// its buffer, as NumPy's temporary elision does for `**2`.
void kmeans_v4_assignment(benchmark::State& state) {
  const auto data = random_normal({n, d}, 4);
  const auto centroids = data[{slice(0, k)}].copy();
  benchmark::DoNotOptimize(square(data[{_, newaxis}] - centroids[{newaxis}]));  // warm-up, as above
  for ([[maybe_unused]] auto iteration : state)
    benchmark::DoNotOptimize(argmin(sum(square(data[{_, newaxis}] - centroids[{newaxis}]), 2), 1));
}
BENCHMARK(kmeans_v4_assignment)->Unit(benchmark::kMicrosecond)->UseRealTime();

// v4 as the workshop writes it: diff = data[:, None] - centroids[None];
// (diff * diff).sum(axis=2).argmin(axis=1). Two 27 MB temporaries alive at once.
void kmeans_v4_named_diff(benchmark::State& state) {
  const auto data = random_normal({n, d}, 4);
  const auto centroids = data[{slice(0, k)}].copy();
  benchmark::DoNotOptimize(square(data[{_, newaxis}] - centroids[{newaxis}]));  // warm-up, as above
  for ([[maybe_unused]] auto iteration : state) {
    const auto diff = data[{_, newaxis}] - centroids[{newaxis}];
    const auto dist = sum(diff * diff, 2);
    benchmark::DoNotOptimize(argmin(dist, 1));
  }
}
BENCHMARK(kmeans_v4_named_diff)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The v4 steps one at a time, each into an existing buffer, to see which one is slow.
struct V4Parts {
  Tensor<double> data = random_normal({n, d}, 4);
  Tensor<double> centroids = data[{slice(0, k)}].copy();
  Tensor<double> diff = zeros<double>({n, k, d});
  Tensor<double> dist = zeros<double>({n, k});
  Tensor<std::int64_t> labels = zeros<std::int64_t>({n});
};

void v4_part_subtract(benchmark::State& state) {  // np.subtract(data[:, None], centroids[None], out=diff)
  V4Parts v;
  for ([[maybe_unused]] auto iteration : state) {
    subtract(v.data[{_, newaxis}], v.centroids[{newaxis}], v.diff);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(v4_part_subtract)->Unit(benchmark::kMicrosecond)->UseRealTime();

void v4_part_square(benchmark::State& state) {  // np.multiply(diff, diff, out=diff)
  V4Parts v;
  for ([[maybe_unused]] auto iteration : state) {
    multiply(v.diff, v.diff, v.diff);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(v4_part_square)->Unit(benchmark::kMicrosecond)->UseRealTime();

void v4_part_sum(benchmark::State& state) {  // np.sum(diff, axis=2, out=dist)
  V4Parts v;
  for ([[maybe_unused]] auto iteration : state) {
    sum(v.diff, 2, v.dist);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(v4_part_sum)->Unit(benchmark::kMicrosecond)->UseRealTime();

void v4_part_argmin(benchmark::State& state) {  // np.argmin(dist, axis=1, out=labels)
  V4Parts v;
  v.dist = random_normal({n, k}, 7);
  for ([[maybe_unused]] auto iteration : state) {
    argmin(v.dist, 1, v.labels);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(v4_part_argmin)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same with out-parameters: what a k-means loop that never touches the allocator runs.
void kmeans_v4_assignment_out(benchmark::State& state) {
  const auto data = random_normal({n, d}, 4);
  const auto centroids = data[{slice(0, k)}].copy();
  auto diff = empty<double>({n, k, d});
  auto dist = empty<double>({n, k});
  auto labels = empty<std::int64_t>({n});
  for ([[maybe_unused]] auto iteration : state) {
    subtract(data[{_, newaxis}], centroids[{newaxis}], diff);
    multiply(diff, diff, diff);
    sum(diff, 2, dist);
    argmin(dist, 1, labels);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(kmeans_v4_assignment_out)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The out-parameter lines applied to blocks of 256 rows, so that the (256, k, d) difference stays
// in L2 instead of streaming 27 MB through memory (what kmeans/ does in its Lloyd loop).
void kmeans_v4_assignment_blocked(benchmark::State& state) {
  constexpr index_t block = 256;
  const auto data = random_normal({n, d}, 4);
  const auto centroids = data[{slice(0, k)}].copy();
  auto diff = empty<double>({block, k, d});
  auto dist = empty<double>({n, k});
  auto labels = empty<std::int64_t>({n});
  for ([[maybe_unused]] auto iteration : state) {
    for (index_t r0 = 0; r0 < n; r0 += block) {
      const index_t r1 = std::min(n, r0 + block);
      const auto part = diff[{slice(0, r1 - r0)}];
      subtract(data[{slice(r0, r1), newaxis}], centroids[{newaxis}], part);
      multiply(part, part, part);
      sum(part, 2, dist[{slice(r0, r1)}]);
    }
    argmin(dist, 1, labels);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(kmeans_v4_assignment_blocked)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ((data - centroids[0])**2).sum(axis=1)
void kmeans_row_broadcast(benchmark::State& state) {
  const auto data = random_normal({n, d}, 5);
  const auto centroids = data[{slice(0, k)}].copy();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(sum(square(data - centroids[0]), 1));
}
BENCHMARK(kmeans_row_broadcast)->Unit(benchmark::kMicrosecond)->UseRealTime();

void kmeans_row_broadcast_out(benchmark::State& state) {
  const auto data = random_normal({n, d}, 5);
  const auto centroids = data[{slice(0, k)}].copy();
  auto diff = empty<double>({n, d});
  auto dist = empty<double>({n});
  for ([[maybe_unused]] auto iteration : state) {
    subtract(data, centroids[0], diff);
    multiply(diff, diff, diff);
    sum(diff, 1, dist);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(kmeans_row_broadcast_out)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The same two lines as lazy, fused expressions (expression.hpp): one pass over the broadcast
// (n, k, d) or (n, d) index space, nothing materialised but the (n, k) or (n,) sums.
void kmeans_v4_lazy(benchmark::State& state) {
  const auto data = random_normal({n, d}, 4);
  const auto centroids = data[{slice(0, k)}].copy();
  for ([[maybe_unused]] auto iteration : state)
    benchmark::DoNotOptimize(argmin(sum(square(lazy(data[{_, newaxis}]) - centroids[{newaxis}]), 2), 1));
}
BENCHMARK(kmeans_v4_lazy)->Unit(benchmark::kMicrosecond)->UseRealTime();

void kmeans_row_broadcast_lazy(benchmark::State& state) {
  const auto data = random_normal({n, d}, 5);
  const auto centroids = data[{slice(0, k)}].copy();
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(sum(square(lazy(data) - centroids[0]), 1));
}
BENCHMARK(kmeans_row_broadcast_lazy)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ---- vectorised float math (vector_math.hpp): exp, log, sin on 8M elements -----------------------
// Inputs as compare_elementwise.py's NumPy side: exp of N(0, 1), log of |N(0, 1)|, sin of
// 10 * N(0, 1). `out` forms write into an existing tensor (np.exp(a, out=o)); `fresh` forms
// allocate the result (np.exp(a)), page faults included. EINSPAN_ISA selects the level.

template <class T>
Tensor<T> math_input(const char* fn) {
  const auto x = random_normal({big}, 8);
  const std::string name = fn;
  if (name == "log") return abs(x).astype<T>();
  if (name == "sin") return (x * 10.0).astype<T>();
  return x.astype<T>();
}

template <class T, class Fn>
void math_out(benchmark::State& state, const char* name, const Fn& fn) {
  const auto x = math_input<T>(name);
  auto out = empty<T>({big});
  for ([[maybe_unused]] auto iteration : state) {
    fn(x, out);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * big);
  state.SetLabel(std::string(isa_name(active_isa())));
}

template <class T, class Fn>
void math_fresh(benchmark::State& state, const char* name, const Fn& fn) {
  const auto x = math_input<T>(name);
  benchmark::DoNotOptimize(fn(x));  // warm-up, as add_fresh_8M
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(fn(x));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * big);
  state.SetLabel(std::string(isa_name(active_isa())));
}

#define EINSPAN_MATH_BENCH(fn, T, suffix)                                                                 \
  void fn##_out_##suffix(benchmark::State& state) {                                                       \
    math_out<T>(state, #fn, [](const Tensor<T>& x, const Tensor<T>& out) { fn(x, out); });                \
  }                                                                                                       \
  BENCHMARK(fn##_out_##suffix)->Unit(benchmark::kMillisecond)->UseRealTime();                             \
  void fn##_fresh_##suffix(benchmark::State& state) {                                                     \
    math_fresh<T>(state, #fn, [](const Tensor<T>& x) { return fn(x); });                                  \
  }                                                                                                       \
  BENCHMARK(fn##_fresh_##suffix)->Unit(benchmark::kMillisecond)->UseRealTime();
EINSPAN_MATH_BENCH(exp, double, f64_8M)
EINSPAN_MATH_BENCH(log, double, f64_8M)
EINSPAN_MATH_BENCH(sin, double, f64_8M)
EINSPAN_MATH_BENCH(exp, float, f32_8M)
EINSPAN_MATH_BENCH(log, float, f32_8M)
EINSPAN_MATH_BENCH(sin, float, f32_8M)
#undef EINSPAN_MATH_BENCH

// ---- reductions: bytes read per second ---------------------------------------------------------

constexpr index_t rows = 4096, cols = 2048;  // 8M doubles

void sum_last_axis(benchmark::State& state) {  // a.sum(axis=1)
  const auto a = random_normal({rows, cols}, 6);
  auto out = empty<double>({rows});
  for ([[maybe_unused]] auto iteration : state) {
    sum(a, 1, out);
    benchmark::ClobberMemory();
  }
  set_bytes(state, a.size() * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(sum_last_axis)->Unit(benchmark::kMillisecond)->UseRealTime();

void sum_first_axis(benchmark::State& state) {  // a.sum(axis=0)
  const auto a = random_normal({rows, cols}, 6);
  auto out = empty<double>({cols});
  for ([[maybe_unused]] auto iteration : state) {
    sum(a, 0, out);
    benchmark::ClobberMemory();
  }
  set_bytes(state, a.size() * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(sum_first_axis)->Unit(benchmark::kMillisecond)->UseRealTime();

void min_last_axis(benchmark::State& state) {  // a.min(axis=1)
  const auto a = random_normal({rows, cols}, 6);
  for ([[maybe_unused]] auto iteration : state) benchmark::DoNotOptimize(min(a, 1));
  set_bytes(state, a.size() * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(min_last_axis)->Unit(benchmark::kMillisecond)->UseRealTime();

void argmin_first_axis(benchmark::State& state) {  // a.argmin(axis=0)
  const auto a = random_normal({rows, cols}, 6);
  auto out = empty<std::int64_t>({cols});
  for ([[maybe_unused]] auto iteration : state) {
    argmin(a, 0, out);
    benchmark::ClobberMemory();
  }
  set_bytes(state, a.size() * static_cast<index_t>(sizeof(double)));
}
BENCHMARK(argmin_first_axis)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
