// A k-means iteration performs no heap allocation after the first: global operator new is
// replaced by a counting one, and the count must not move between the end of iteration 2 and the
// end of the last iteration.
#include <gtest/gtest.h>


#include <cstdlib>
#include <einspan/kmeans.hpp>
#include <einspan/tensor/create.hpp>
#include <einspan/tensor/random.hpp>

#include "support/counting_new.hpp"

using einspan_test::allocations;

using namespace einspan;

namespace {

// Allocations counted between the end of iteration 2 and the end of the last one.
template <class T>
long allocations_after_iteration_2(int threads, index_t block_rows, bool weighted = false) {
  const Tensor<T> x = Generator(7).random({3000, 5}).template astype<T>();
  long at_2 = -1, at_end = -1;
  // min_work_per_thread = 0: a real team even on this small data.
  KMeansOptions o{.k = 9, .max_iter = 12, .tol = 0, .seed = 1, .threads = threads, .min_work_per_thread = 0,
                  .block_rows = block_rows};
  o.on_iteration = [&](const KMeansIteration& it) {
    if (it.iteration == 2) at_2 = allocations.load();
    if (it.iteration == 12) at_end = allocations.load();
  };
  const Tensor<T> w = Generator(8).uniform(0.5, 2.0, {3000}).template astype<T>();
  const auto r = weighted ? kmeans(x, o, w) : kmeans(x, o);
  EXPECT_EQ(r.iterations, 12);
  EXPECT_EQ(r.reseeded, 0);  // re-seeding an empty cluster may allocate; this data has none
  EXPECT_GE(at_2, 0);
  return at_end - at_2;
}

}  // namespace

TEST(kmeans_alloc, counting_operator_new_sees_allocations) {
  const long before = allocations.load();
  const Tensor<double> t = zeros<double>({10});
  EXPECT_GT(allocations.load(), before);
}

TEST(kmeans_alloc, iterations_allocate_nothing_one_thread) {
  EXPECT_EQ(allocations_after_iteration_2<double>(1, 0), 0);
  EXPECT_EQ(allocations_after_iteration_2<float>(1, 0), 0);
}

TEST(kmeans_alloc, iterations_allocate_nothing_with_a_tail_block) {
  EXPECT_EQ(allocations_after_iteration_2<double>(1, 700), 0);  // 3000 = 4 * 700 + 200
}

TEST(kmeans_alloc, iterations_allocate_nothing_two_threads) {
  EXPECT_EQ(allocations_after_iteration_2<double>(2, 500), 0);
}

TEST(kmeans_alloc, weighted_iterations_allocate_nothing) {
  EXPECT_EQ(allocations_after_iteration_2<double>(1, 0, true), 0);
  EXPECT_EQ(allocations_after_iteration_2<float>(2, 500, true), 0);
}
