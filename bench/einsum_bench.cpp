// einsum's bench suite (issue #4): every spec through the cached string entry point, the
// baselines it is held to in the same run (Eigen's GEMM compiled for this machine and OpenBLAS
// called directly, on the same matrix shapes, in einsum_bench_peers.cpp; memcpy for bandwidth),
// and the plan-call overhead. The context block names the GEMM engine einsum ran on. bench/compare_einsum.py runs this binary next to
// numpy.einsum(optimize=True) and prints the table.
//
// Each einsum benchmark carries its spec and shapes in its label ("nkd,nkd->nk|5000x26x26,...")
// so that the Python side builds the same operands; counters: flops (rate) for GEMM-shaped
// specs, bytes_per_second for memory-bound ones.
#include <benchmark/benchmark.h>

#include "einsum_bench_peers.hpp"

#include <cstring>
#include <einspan/einsum.hpp>
#include <functional>
#include <random>
#ifdef _OPENMP
#include <omp.h>
#endif

using namespace einspan;

namespace {

enum class Kind { gemm, memory, tiny };

struct Case {
  std::string id;
  std::string spec;
  std::vector<Dims> shapes;
  Kind kind;
  double flops = 0;  // 2 m n k summed over GEMM steps
  double bytes = 0;  // bytes read + written by an ideal kernel
};

Tensor<double> random_tensor(const Dims& shape, unsigned seed) {
  Tensor<double> t = empty<double>(shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  for (index_t i = 0; i < t.size(); ++i) t.data()[i] = u(rng);
  return t;
}

std::string label(const Case& c) {
  std::string s = c.spec + "|";
  for (std::size_t k = 0; k < c.shapes.size(); ++k) {
    if (k) s += ",";
    for (std::size_t d = 0; d < c.shapes[k].size(); ++d) {
      if (d) s += "x";
      s += std::to_string(c.shapes[k][d]);
    }
  }
  return s;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    const double d = sizeof(double);
    std::vector<Case> v = {
        {"nkd_nkd_nk", "nkd,nkd->nk", {{5000, 26, 26}, {5000, 26, 26}}, Kind::memory, 0,
         d * (2.0 * 5000 * 26 * 26 + 5000 * 26)},
        {"nd_kd_nk_small", "nd,kd->nk", {{5000, 26}, {26, 26}}, Kind::gemm, 2.0 * 5000 * 26 * 26},
        {"nd_kd_nk_large", "nd,kd->nk", {{100000, 64}, {256, 64}}, Kind::gemm, 2.0 * 100000 * 256 * 64},
        {"ij_jk_ik_512", "ij,jk->ik", {{512, 512}, {512, 512}}, Kind::gemm, 2.0 * 512 * 512 * 512},
        {"bij_bjk_bik", "bij,bjk->bik", {{64, 128, 128}, {64, 128, 128}}, Kind::gemm, 2.0 * 64 * 128 * 128 * 128},
        {"ii_i_2000", "ii->i", {{2000, 2000}}, Kind::tiny},
        {"ii_2000", "ii->", {{2000, 2000}}, Kind::tiny},
        {"ij_ji_2000", "ij->ji", {{2000, 2000}}, Kind::tiny},
        {"i_j_ij_2000", "i,j->ij", {{2000}, {2000}}, Kind::memory, 0, d * (2000.0 * 2000 + 4000)},
        {"ijk_jl_ikl", "ijk,jl->ikl", {{64, 64, 64}, {64, 64}}, Kind::gemm, 2.0 * 64 * 64 * 64 * 64},
        {"abc_cd_de_abe", "abc,cd,de->abe", {{32, 48, 64}, {64, 40}, {40, 56}}, Kind::gemm,
         2.0 * (64 * 40 * 56 + 32 * 48 * 64 * 56)},
        {"bhqd_bhkd_bhqk", "bhqd,bhkd->bhqk", {{8, 8, 256, 64}, {8, 8, 256, 64}}, Kind::gemm,
         2.0 * 64 * 256 * 256 * 64},
        {"ellipsis_matmul", "...ij,...jk->...ik", {{4, 1, 64, 32}, {1, 8, 32, 48}}, Kind::gemm,
         2.0 * 32 * 64 * 48 * 32},
    };
    return v;
  }();
  return all;
}

void bench_einsum(benchmark::State& state, const Case& c) {
  std::vector<Tensor<double>> ops;
  for (std::size_t k = 0; k < c.shapes.size(); ++k) ops.push_back(random_tensor(c.shapes[k], 7 + static_cast<unsigned>(k)));
  for (auto _ : state) {
    Tensor<double> r = einsum(c.spec, ops);
    benchmark::DoNotOptimize(r.data());
  }
  state.SetLabel(label(c));
  if (c.flops > 0) state.counters["flops"] = benchmark::Counter(c.flops, benchmark::Counter::kIsIterationInvariantRate);
  if (c.bytes > 0) state.SetBytesProcessed(static_cast<std::int64_t>(c.bytes) * state.iterations());
}

// A reused plan writing into a preallocated output: the transposed copy of ij->ji (bandwidth)
// and the per-call overhead of a plan on a tiny spec.
void bench_plan(benchmark::State& state, const std::string& spec, const std::vector<Dims>& shapes, double bytes) {
  std::vector<Tensor<double>> ops;
  for (const Dims& s : shapes) ops.push_back(random_tensor(s, 3));
  EinsumPlan<double> plan(spec, std::span<const Tensor<double>>(ops));
  const Tensor<double> out = empty<double>(plan.output_shape());
  for (auto _ : state) {
    if (ops.size() == 1)
      plan(out, ops[0]);
    else
      plan(out, ops[0], ops[1]);
    benchmark::ClobberMemory();
  }
  if (bytes > 0) state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}

// The machine's copy bandwidth, the baseline of the memory-bound specs: a 32 MB memcpy into a
// destination that is already mapped, on one thread and split across the OpenMP threads (the
// memory-bound einsum loops use all of them). Bytes counted: read + written.
void bench_copy(benchmark::State& state, bool threaded) {
  const std::size_t n = 2000 * 2000;
  std::vector<double> src(n, 1.0), dst(n, 0.0);
  for (auto _ : state) {
    if (!threaded) {
      std::memcpy(dst.data(), src.data(), n * sizeof(double));
    } else {
#pragma omp parallel
      {
#ifdef _OPENMP
        const std::size_t t = static_cast<std::size_t>(omp_get_thread_num());
        const std::size_t nt = static_cast<std::size_t>(omp_get_num_threads());
#else
        const std::size_t t = 0, nt = 1;
#endif
        const std::size_t begin = n * t / nt, end = n * (t + 1) / nt;
        std::memcpy(dst.data() + begin, src.data() + begin, (end - begin) * sizeof(double));
      }
    }
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(2 * n * sizeof(double)) * state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  for (const Case& c : cases())
    benchmark::RegisterBenchmark(("einsum/" + c.id).c_str(), [&c](benchmark::State& s) { bench_einsum(s, c); })
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  const auto eigen = [](const char* id, index_t count, index_t m, index_t n, index_t k, bool a_t, bool b_t,
                        double flops) {
    benchmark::RegisterBenchmark((std::string("eigen/") + id).c_str(), [=](benchmark::State& s) {
      einsum_bench::bench_eigen(s, count, m, n, k, a_t, b_t, flops);
    })->Unit(benchmark::kMicrosecond)->UseRealTime();
  };
  for (const Case& c : cases()) {
    const char* id = c.id.c_str();
    if (c.id == "nd_kd_nk_small") eigen(id, 1, 5000, 26, 26, false, true, c.flops);
    if (c.id == "nd_kd_nk_large") eigen(id, 1, 100000, 256, 64, false, true, c.flops);
    if (c.id == "ij_jk_ik_512") eigen(id, 1, 512, 512, 512, false, false, c.flops);
    if (c.id == "bij_bjk_bik") eigen(id, 64, 128, 128, 128, false, false, c.flops);
    if (c.id == "ijk_jl_ikl") eigen(id, 1, 64 * 64, 64, 64, false, false, c.flops);  // A packed to (ik, j)
    if (c.id == "abc_cd_de_abe") eigen(id, 1, 32 * 48, 56, 64, false, false, c.flops);  // the dominant step
    if (c.id == "bhqd_bhkd_bhqk") eigen(id, 64, 256, 256, 64, false, true, c.flops);
    if (c.id == "ellipsis_matmul") eigen(id, 32, 64, 48, 32, false, false, c.flops);
  }
  // OpenBLAS on the two single large products of issue #12 (run once as detected and once with
  // OPENBLAS_CORETYPE set, to see what the engine decision saves).
  if (einsum_bench::have_openblas()) {
    const auto blas = [](const char* id, index_t m, index_t n, index_t k, bool b_t, double flops) {
      benchmark::RegisterBenchmark((std::string("openblas/") + id).c_str(), [=](benchmark::State& s) {
        einsum_bench::bench_openblas(s, m, n, k, b_t, flops);
      })->Unit(benchmark::kMicrosecond)->UseRealTime();
    };
    blas("nd_kd_nk_large", 100000, 256, 64, true, 2.0 * 100000 * 256 * 64);
    blas("ij_jk_ik_512", 512, 512, 512, false, 2.0 * 512 * 512 * 512);
  }
  benchmark::RegisterBenchmark("copy/memcpy_32MB", [](benchmark::State& s) { bench_copy(s, false); })
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("copy/memcpy_32MB_threads", [](benchmark::State& s) { bench_copy(s, true); })
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  // The memory-bound specs once more through a plan into a preallocated output: the kernel's
  // bandwidth without the page faults of a fresh result (which NumPy pays too, in the rows above).
  const auto plan = [](const char* id, std::string spec, std::vector<Dims> shapes, double bytes) {
    benchmark::RegisterBenchmark((std::string("plan/") + id).c_str(), [=](benchmark::State& s) {
      bench_plan(s, spec, shapes, bytes);
    })->Unit(benchmark::kMicrosecond)->UseRealTime();
  };
  for (const Case& c : cases())
    if (c.kind == Kind::memory) plan(c.id.c_str(), c.spec, c.shapes, c.bytes);
  plan("ij_ji_2000", "ij->ji", {{2000, 2000}}, 2.0 * 2000 * 2000 * sizeof(double));
  // Per-call overhead of a reused plan on tiny operands (NumPy's views cost about 1 us).
  benchmark::RegisterBenchmark("overhead/plan_ij_jk_ik_2x2", [](benchmark::State& s) {
    bench_plan(s, "ij,jk->ik", {{2, 2}, {2, 2}}, 0);
  })->Unit(benchmark::kNanosecond)->UseRealTime();
  benchmark::RegisterBenchmark("overhead/plan_ii_i_4", [](benchmark::State& s) {
    bench_plan(s, "ii->i", {{4, 4}}, 0);
  })->Unit(benchmark::kNanosecond)->UseRealTime();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
