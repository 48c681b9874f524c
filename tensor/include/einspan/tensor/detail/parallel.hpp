#pragma once
// How einspan splits work across OpenMP threads: one policy for every parallel region.
//
// POLICY-COMMENT
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
