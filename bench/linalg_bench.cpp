// linalg.hpp's products against the einsum call each one becomes, in the same run: matmul 512^3
// must be within 5% of einsum("ij,jk->ik") (issue 13). bench/compare_linalg.py runs this binary
// (interleaved repetitions, medians) next to NumPy's np.matmul / np.dot on the same shapes.
//
// Pairs share a name suffix: einsum/<case> is the reference, matmul/<case> (or dot/<case>) the
// linalg call on the same operands; each label carries the NumPy line for the Python side.
#include <benchmark/benchmark.h>

#include <einspan/einsum.hpp>
#include <random>

using namespace einspan;

namespace {

Tensor<double> random_tensor(const Dims& shape, unsigned seed) {
  Tensor<double> t = empty<double>(shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  for (index_t i = 0; i < t.size(); ++i) t.data()[i] = u(rng);
  return t;
}

struct Case {
  const char* id;
  const char* spec;  // what the linalg call runs
  Dims a, b;
  double flops;  // 2 m n k summed over the batch
};

const Case cases[] = {
    {"512x512x512", "ij,jk->ik", {512, 512}, {512, 512}, 2.0 * 512 * 512 * 512},
    {"64x128x128x128", "...ij,...jk->...ik", {64, 128, 128}, {64, 128, 128}, 2.0 * 64 * 128 * 128 * 128},
    {"broadcast_4x1x64x32_8x32x48", "...ij,...jk->...ik", {4, 1, 64, 32}, {8, 32, 48}, 2.0 * 32 * 64 * 48 * 32},
    {"8x8x8", "ij,jk->ik", {8, 8}, {8, 8}, 2.0 * 8 * 8 * 8},
};

std::string shape_text(const Dims& s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i) r += ',';
    r += std::to_string(s[i]);
  }
  return r + ")";
}

template <class F>
void run(benchmark::State& state, const Case& c, F&& f) {
  const Tensor<double> a = random_tensor(c.a, 1), b = random_tensor(c.b, 2);
  for (auto _ : state) {
    auto r = f(a, b);
    benchmark::DoNotOptimize(r.data());
  }
  state.SetLabel(shape_text(c.a) + "@" + shape_text(c.b));
  state.counters["flops"] = benchmark::Counter(c.flops, benchmark::Counter::kIsIterationInvariantRate);
}

void run_out(benchmark::State& state, const Case& c) {
  const Tensor<double> a = random_tensor(c.a, 1), b = random_tensor(c.b, 2);
  const Tensor<double> out = empty<double>(detail::matmul_shape(c.a, c.b));
  for (auto _ : state) {
    matmul(a, b, out);
    benchmark::ClobberMemory();
  }
  state.SetLabel(shape_text(c.a) + "@" + shape_text(c.b));
  state.counters["flops"] = benchmark::Counter(c.flops, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

int main(int argc, char** argv) {
  for (const Case& c : cases) {
    const auto unit = c.flops > 1e6 ? benchmark::kMicrosecond : benchmark::kNanosecond;
    benchmark::RegisterBenchmark((std::string("einsum/") + c.id).c_str(), [&c](benchmark::State& s) {
      run(s, c, [&c](const Tensor<double>& a, const Tensor<double>& b) { return einsum(c.spec, a, b); });
    })->Unit(unit)->UseRealTime();
    benchmark::RegisterBenchmark((std::string("matmul/") + c.id).c_str(), [&c](benchmark::State& s) {
      run(s, c, [](const Tensor<double>& a, const Tensor<double>& b) { return matmul(a, b); });
    })->Unit(unit)->UseRealTime();
    benchmark::RegisterBenchmark((std::string("matmul_out/") + c.id).c_str(), [&c](benchmark::State& s) {
      run_out(s, c);
    })->Unit(unit)->UseRealTime();
  }
  // dot of two matrices is the same product under another spec ("ab,bc->ac").
  benchmark::RegisterBenchmark("dot/512x512x512", [](benchmark::State& s) {
    run(s, cases[0], [](const Tensor<double>& a, const Tensor<double>& b) { return dot(a, b); });
  })->Unit(benchmark::kMicrosecond)->UseRealTime();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
