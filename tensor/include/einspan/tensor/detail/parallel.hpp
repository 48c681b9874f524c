#pragma once
// How einspan splits work across OpenMP threads: one policy for every parallel region.
//
// The policy (choose_threads, parallel_threads):
//   - work is counted in inner-loop operations: one element visited by an elementwise or strided
//     kernel, one multiply-add of a product, one stored entry times one column of an SpMM;
//   - a region gets one thread per parallel_min_work_per_thread (2^19) operations, so work below
//     parallel_min_elements (2^20) runs on the calling thread, with no fork;
//   - never more threads than chunks (the pieces the caller can hand out: rows, blocks, products),
//     nor than omp_get_max_threads(); one thread inside a parallel region (a nested region would
//     run on one thread anyway, after paying for the fork).
// The constant, measured on the 2-core AMD EPYC (Zen 4) VM, 2026-12-02 06:22 UTC, load average 16
// (other builds), with an empty `omp parallel num_threads(2)` between serial work: a fork and join
// costs 0.6 us (median) with libgomp's default spinning and 6 us with OMP_WAIT_POLICY=passive, but
// with a busy loop on the other core its 90th percentile was 32 ms spinning against 8 us passive.
// 2^19 operations take ~180 us for a memory-bound kernel (a + b * c on doubles, one quiet core;
// 1.2-1.9 ms on the loaded machine) and ~35 us of the register-tiled product at the fit's 30
// GFLOP/s: a sleeping thread's 6 us wake-up stays a small fraction of either. The old per-module
// thresholds were 2^20 (elementwise, lazy expressions, einsum loops and GEMM steps, so unchanged
// for two threads) and 2^16 (SpMM and X @ A, now 16 times higher: their scattered multiply-adds
// cost about a nanosecond each, so 2^19 of them is still ~0.5 ms per thread).
//
// Waiting: parallel_threads also asks libomp (clang's runtime) to put idle threads to sleep at
// once (kmp_set_blocktime(0)) unless the user set KMP_BLOCKTIME or OMP_WAIT_POLICY. libgomp reads
// its wait policy before main and has no call to change it, so code that waits often (the k-means
// fit) waits on its own futex-backed atomics instead of OpenMP barriers.
#include <algorithm>
#include <einspan/tensor/dims.hpp>
#include <limits>
#include <omp.h>

namespace einspan::detail {

// Operations (see above) that each thread of a region must have to be worth its fork and join.
inline constexpr index_t parallel_min_work_per_thread = index_t{1} << 19;

// The least work that runs on more than one thread: below it a kernel may take a serial fast path
// knowing that the region would not have forked.
inline constexpr index_t parallel_min_elements = 2 * parallel_min_work_per_thread;

// The thread count for `work` operations that can be cut into at most `chunks` pieces, with
// `available` threads (omp_get_max_threads()) and `nested` = already inside a parallel region.
// Pure, for tests; always >= 1.
constexpr int choose_threads(index_t work, index_t chunks, int available, bool nested) noexcept {
  if (nested || available < 2 || chunks < 2) return 1;
  const index_t by_work = work / parallel_min_work_per_thread;
  return static_cast<int>(std::max<index_t>(1, std::min({by_work, chunks, index_t{available}})));
}

// Asks the OpenMP runtime to let idle threads sleep at once (libomp only; see above). Once per
// calling thread; cheap after the first call.
void prefer_passive_wait() noexcept;

// choose_threads for the calling thread's OpenMP state (and, when that is more than one,
// prefer_passive_wait()).
inline int parallel_threads(index_t work, index_t chunks = std::numeric_limits<index_t>::max()) noexcept {
  // Small work never asks the runtime: libomp initialises itself (and allocates) on its first call,
  // which must not happen inside a call that promises no allocation.
  if (work < parallel_min_elements || chunks < 2) return 1;
  const int threads = choose_threads(work, chunks, omp_get_max_threads(), omp_in_parallel() != 0);
  if (threads > 1) prefer_passive_wait();
  return threads;
}

// [begin, end) of part `part` of `parts` near-equal contiguous parts of [0, n): the first n % parts
// parts have one element more, which is how OpenMP's schedule(static) cuts a loop.
struct Range {
  index_t begin, end;
};
constexpr Range split_range(index_t n, index_t parts, index_t part) noexcept {
  const index_t q = n / parts, r = n % parts;
  const index_t begin = part * q + std::min(part, r);
  return {begin, begin + q + (part < r ? 1 : 0)};
}

// Calls f(begin, end) once per thread of a `threads`-thread region, on that thread's split_range
// of [0, n) (empty ranges skipped); with one thread, f(0, n) on the calling thread and no region.
// f must not throw.
template <class F>
void parallel_for_ranges(int threads, index_t n, const F& f) {
  if (threads <= 1 || n <= 1) {
    if (n > 0) f(index_t{0}, n);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    const Range r = split_range(n, omp_get_num_threads(), omp_get_thread_num());
    if (r.begin < r.end) f(r.begin, r.end);
  }
}

}  // namespace einspan::detail
