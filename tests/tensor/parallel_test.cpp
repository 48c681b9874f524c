// The thread policy of detail/parallel.hpp: the thread count it picks for an amount of work, and
// the split of a range, checked against OpenMP's own schedule(static).
#include <einspan/tensor/detail/parallel.hpp>
#include <gtest/gtest.h>
#include <vector>

using einspan::index_t;
using namespace einspan::detail;

TEST(parallel_policy, small_work_runs_on_one_thread) {
  EXPECT_EQ(choose_threads(0, 1000, 8, false), 1);
  EXPECT_EQ(choose_threads(parallel_min_elements - 1, 1000, 8, false), 1);
  EXPECT_EQ(choose_threads(parallel_min_elements, 1000, 8, false), 2);
  EXPECT_EQ(parallel_min_elements, index_t{1} << 20);
}

TEST(parallel_policy, one_thread_per_share_of_work_up_to_the_limits) {
  const index_t share = parallel_min_work_per_thread;
  EXPECT_EQ(choose_threads(3 * share, 1000, 8, false), 3);
  EXPECT_EQ(choose_threads(3 * share + share - 1, 1000, 8, false), 3);
  EXPECT_EQ(choose_threads(100 * share, 1000, 8, false), 8);  // never more than available
  EXPECT_EQ(choose_threads(100 * share, 5, 8, false), 5);     // never more than chunks
  EXPECT_EQ(choose_threads(100 * share, 1, 8, false), 1);
  EXPECT_EQ(choose_threads(100 * share, 1000, 1, false), 1);
}

TEST(parallel_policy, nested_regions_run_on_one_thread) {
  EXPECT_EQ(choose_threads(index_t{1} << 40, 1000, 8, true), 1);
  int inside = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp single
    inside = parallel_threads(index_t{1} << 40, 1000);
  }
  // omp_in_parallel() is true only in a region of more than one thread.
  EXPECT_EQ(inside, omp_get_max_threads() >= 2 ? 1 : parallel_threads(index_t{1} << 40, 1000));
}

TEST(parallel_policy, split_range_is_openmp_schedule_static) {
  for (const int threads : {1, 2, 3, 4})
    for (const index_t n : {0, 1, 2, 5, 7, 10, 31}) {
      std::vector<int> owner(static_cast<std::size_t>(n), -1);
      int team = 0;
#pragma omp parallel num_threads(threads)
      {
#pragma omp single
        team = omp_get_num_threads();
#pragma omp for schedule(static)
        for (index_t i = 0; i < n; ++i) owner[static_cast<std::size_t>(i)] = omp_get_thread_num();
      }
      for (int t = 0; t < team; ++t) {
        const Range r = split_range(n, team, t);
        for (index_t i = 0; i < n; ++i)
          EXPECT_EQ(i >= r.begin && i < r.end, owner[static_cast<std::size_t>(i)] == t)
              << "n " << n << ", " << team << " threads, thread " << t << ", i " << i;
      }
    }
}

TEST(parallel_policy, parallel_for_ranges_covers_the_range_once) {
  for (const int threads : {1, 2, 3})
    for (const index_t n : {0, 1, 2, 9, 1000}) {
      std::vector<int> visits(static_cast<std::size_t>(n), 0);
      parallel_for_ranges(threads, n, [&](index_t begin, index_t end) {
        for (index_t i = begin; i < end; ++i) ++visits[static_cast<std::size_t>(i)];
      });
      for (index_t i = 0; i < n; ++i) EXPECT_EQ(visits[static_cast<std::size_t>(i)], 1) << "n " << n << ", i " << i;
    }
}
