// The peak-FMA loop of peak_fma.hpp, one per instruction-set level.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "peak_fma_kernel.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "peak_fma.hpp"
#include <algorithm>
#include <ctime>
#include <einspan/tensor/detail/simd/dispatch.hpp>

HWY_BEFORE_NAMESPACE();
namespace einspan::bench::HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;

// Enough independent chains to cover the FMA latency times the FMA ports (4 cycles x 2 on Zen 4
// and Skylake-X) and leave two registers for the operands: 12 of 16 registers, 24 of 32.
constexpr int chains = HWY_TARGET <= HWY_AVX3 ? 24 : 12;

template <class D>
FmaRun run(D d, std::int64_t iterations) {
  using T = hn::TFromD<D>;
  volatile T seed = T(0.999999);  // not a constant: the compiler must run every step
  const auto a = hn::Set(d, seed), b = hn::Set(d, T(1e-7) * seed);
  hn::Vec<D> acc[chains];
  for (int c = 0; c < chains; ++c) acc[c] = hn::Set(d, T(c) * seed);
  // Without the pragma GCC keeps 24 chains in memory rather than in registers.
  for (std::int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 24
    for (int c = 0; c < chains; ++c) acc[c] = hn::MulAdd(acc[c], a, b);
  }
  auto total = acc[0];
  for (int c = 1; c < chains; ++c) total = hn::Add(total, acc[c]);
  return {2.0 * static_cast<double>(iterations) * chains * static_cast<double>(hn::Lanes(d)),
          static_cast<double>(hn::GetLane(hn::SumOfLanes(d, total)))};
}

template <class T>
FmaRun run_bits(int bits, std::int64_t iterations) {
  const hn::ScalableTag<T> widest;
  if (bits == 0 || bits == static_cast<int>(hn::Lanes(widest) * sizeof(T) * 8)) return run(widest, iterations);
  if constexpr (HWY_TARGET <= HWY_AVX2) {
    if (bits == 256) return run(hn::CappedTag<T, 32 / sizeof(T)>(), iterations);
    if (bits == 128) return run(hn::CappedTag<T, 16 / sizeof(T)>(), iterations);
  }
  return {};
}

}  // namespace

FmaRun peak_fma_impl(int element_bytes, int bits, std::int64_t iterations) {
  return element_bytes == 4 ? run_bits<float>(bits, iterations) : run_bits<double>(bits, iterations);
}

}  // namespace einspan::bench::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace einspan::bench {

HWY_EXPORT(peak_fma_impl);

FmaRun peak_fma(int element_bytes, int bits, std::int64_t iterations) {
  return EINSPAN_DISPATCH(peak_fma_impl)(element_bytes, bits, iterations);
}

double peak_gflops(int element_bytes) {
  // Thread CPU time, as the benchmarks' rates use CPU time: on a loaded machine a wall-clock peak
  // would count the time the thread was not running.
  const auto cpu_seconds = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
  };
  double best = 0, checksum = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    const double start = cpu_seconds();
    const FmaRun r = peak_fma(element_bytes, 0, 200'000);
    best = std::max(best, r.flops / (cpu_seconds() - start) * 1e-9);
    checksum += r.checksum;
  }
  volatile double keep = checksum;
  (void)keep;
  return best;
}

}  // namespace einspan::bench
#endif
